/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {chooseFirstFreeTime} from "@salon_booking/../tests/tours/website_booking_tours";
import {registry} from "@web/core/registry";

/**
 * A logged-in client without a package books a service included in packages
 * only: the review page says why and offers the package, with no
 * confirmation; the client then finds the package in "My packages".
 */
registry.category("web_tour.tours").add("salon_packages_portal_no_package", {
  url: "/salon/booking",
  steps: () => [
    {
      content: "The service says it is booked with a package",
      trigger:
        '.o_salon_service[data-service-name="Tour Ritual"] .o_salon_package_only',
    },
    {
      content: "Choose it anyway",
      trigger: '.o_salon_service[data-service-name="Tour Ritual"]',
      run: "click",
    },
    {
      trigger: '.o_salon_service[data-service-name="Tour Ritual"] input:checked',
    },
    {
      trigger: ".o_salon_services_next",
      run: "click",
    },
    {
      content: "No preference for the stylist",
      trigger: ".o_salon_stylist_any",
      run: "click",
    },
    ...chooseFirstFreeTime(),
    {
      content: "Logged in: no form to fill",
      trigger: ".o_salon_user_form .o_salon_contact_next",
      run: "click",
    },
    {
      content: "The review explains why and what to do",
      trigger:
        ".o_salon_error:contains(Tour Ritual is included in packages only: buy a package in your account)",
    },
    {
      content: "The package sold online is offered",
      trigger: ".o_salon_package_required .o_salon_package_buy:contains(Tour Rituals)",
    },
    {
      content: "Nothing to confirm",
      trigger: "body:not(:has(.o_salon_confirm))",
    },
    {
      content: "See my packages",
      trigger: ".o_salon_package_mine",
      run: "click",
    },
    {
      content: "The package can be bought there",
      trigger: ".o_salon_package_offer:contains(Tour Rituals) .o_salon_package_buy",
    },
    {
      trigger: ".o_salon_no_package",
    },
  ],
});

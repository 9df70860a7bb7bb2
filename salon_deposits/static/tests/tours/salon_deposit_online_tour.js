/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {chooseFirstFreeTime} from "@salon_booking/../tests/tours/website_booking_tours";
import {registry} from "@web/core/registry";

/* A guest books online; the salon asks a deposit, paid with the demo provider. */
registry.category("web_tour.tours").add("salon_deposit_online_tour", {
  url: "/salon/booking",
  steps: () => [
    {
      trigger: '.o_salon_service[data-service-name="Tour Cut"]',
      run: "click",
    },
    {
      trigger: '.o_salon_service[data-service-name="Tour Cut"] input:checked',
    },
    {
      trigger: ".o_salon_services_next",
      run: "click",
    },
    {
      trigger: ".o_salon_stylist_any",
      run: "click",
    },
    ...chooseFirstFreeTime(),
    {
      trigger: ".o_salon_guest_form input[name=name]",
      run: "edit Dina Deposit",
    },
    {
      trigger: ".o_salon_guest_form input[name=email]",
      run: "edit dina.deposit@example.com",
    },
    {
      trigger: ".o_salon_guest_form input[name=phone]",
      run: "edit +32 470 12 34 56",
    },
    {
      trigger: ".o_salon_guest_form .o_salon_contact_next",
      run: "click",
    },
    {
      content: "The review shows the deposit asked",
      trigger: ".o_salon_guarantee:contains(15.00)",
    },
    {
      trigger: "#salon_accept_policy",
      run: "click",
    },
    {
      trigger: ".o_salon_confirm",
      run: "click",
    },
    {
      content: "The deposit's page, the time held",
      trigger: ".o_salon_deposit_page .o_payment_form",
    },
    {
      trigger: 'input[name="o_payment_radio"][data-provider-code="demo"]',
      run: "click",
    },
    {
      trigger: 'input[name="customer_input"]',
      run: "edit 4242424242424242",
    },
    {
      trigger: 'button[name="o_payment_submit_button"]:enabled',
      run: "click",
    },
    {
      content: "Paid: the appointment is confirmed",
      trigger: ".o_salon_deposit_page .o_salon_deposit_paid",
    },
  ],
});

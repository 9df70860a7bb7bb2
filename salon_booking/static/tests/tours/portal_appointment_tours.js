/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {chooseFirstFreeTime} from "@salon_booking/../tests/tours/website_booking_tours";
import {registry} from "@web/core/registry";

function openAppointment() {
  return [
    {
      content: "The appointments tile of the portal",
      trigger: 'a[href="/my/salon/appointments"]',
      run: "click",
    },
    {
      content: "Open the upcoming appointment",
      trigger: ".o_salon_upcoming .o_salon_portal_row a",
      run: "click",
    },
    {
      trigger: ".o_salon_appointment:contains(Tour Cut)",
    },
  ];
}

registry.category("web_tour.tours").add("salon_portal_cancel", {
  url: "/my",
  steps: () => [
    ...openAppointment(),
    {
      content: "Cancel it",
      trigger: ".o_salon_cancel",
      run: "click",
    },
    {
      trigger: ".o_salon_cancelled",
    },
    {
      trigger: ".o_salon_state:contains(Cancelled)",
    },
  ],
});

registry.category("web_tour.tours").add("salon_portal_reschedule", {
  url: "/my",
  steps: () => [
    ...openAppointment(),
    {
      content: "Move it",
      trigger: ".o_salon_reschedule",
      run: "click",
    },
    ...chooseFirstFreeTime(),
    {
      trigger: ".o_salon_moved",
    },
  ],
});

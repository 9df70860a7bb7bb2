/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {
  bookUpToReview,
  submitDemoCard,
} from "@salon_deposits/../tests/tours/salon_card_online_tours";
import {registry} from "@web/core/registry";

/* A guest books online; the salon asks a deposit, paid with the demo provider. */
registry.category("web_tour.tours").add("salon_deposit_online_tour", {
  url: "/salon/booking",
  steps: () => [
    ...bookUpToReview("Dina Deposit", "dina.deposit@example.com"),
    {
      trigger: ".o_salon_confirm",
      run: "click",
    },
    {
      content: "The deposit's page, the time held",
      trigger: ".o_salon_deposit_page .o_payment_form",
    },
    ...submitDemoCard(),
    {
      content: "Paid: the appointment is confirmed",
      trigger: ".o_salon_deposit_page .o_salon_deposit_paid",
    },
  ],
});

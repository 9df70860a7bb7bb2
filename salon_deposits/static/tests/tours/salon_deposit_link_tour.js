/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {submitDemoCard} from "@salon_deposits/../tests/tours/salon_card_online_tours";

/* The client opens the link of the email and pays with the demo provider. */
registry.category("web_tour.tours").add("salon_deposit_link_tour", {
  steps: () => [
    {
      content: "The deposit, its terms and Odoo's payment form",
      trigger: ".o_salon_deposit_page:has(.o_salon_deposit_terms) .o_payment_form",
    },
    ...submitDemoCard(),
    {
      content: "Back on the deposit's page: paid, the appointment confirmed",
      trigger: ".o_salon_deposit_page .o_salon_deposit_paid",
    },
  ],
});

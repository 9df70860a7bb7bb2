/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

/* The client opens the link of the email and pays with the demo provider. */
registry.category("web_tour.tours").add("salon_deposit_link_tour", {
  steps: () => [
    {
      content: "The deposit, its terms and Odoo's payment form",
      trigger: ".o_salon_deposit_page:has(.o_salon_deposit_terms) .o_payment_form",
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
      content: "Pay",
      trigger: 'button[name="o_payment_submit_button"]:enabled',
      run: "click",
    },
    {
      content: "Back on the deposit's page: paid, the appointment confirmed",
      trigger: ".o_salon_deposit_page .o_salon_deposit_paid",
    },
  ],
});

/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {chooseFirstFreeTime} from "@salon_booking/../tests/tours/website_booking_tours";
import {registry} from "@web/core/registry";

/*
 * A guest books the tour's cut, up to the review page, which shows 15.00 (the
 * deposit or the fee a card guarantees), and accepts the policies.
 */
export function bookUpToReview(name, email) {
  return [
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
      run: `edit ${name}`,
    },
    {
      trigger: ".o_salon_guest_form input[name=email]",
      run: `edit ${email}`,
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
      content: "The review shows the amount asked or guaranteed",
      trigger: ".o_salon_guarantee:contains(15.00)",
    },
    {
      trigger: "#salon_accept_policy",
      run: "click",
    },
  ];
}

/* Odoo's payment form: the demo provider, a card number, submit (pay or save). */
export function submitDemoCard() {
  return [
    {
      trigger: 'input[name="o_payment_radio"][data-provider-code="demo"]',
      run: "click",
    },
    {
      trigger: 'input[name="customer_input"]',
      run: "edit 4242424242424242",
    },
    {
      content: "Pay or save",
      trigger: 'button[name="o_payment_submit_button"]:enabled',
      run: "click",
    },
  ];
}

/* On the card page, the demo provider's form saves a card. */
const saveCard = [
  {
    content: "The card page: nothing charged, the fee terms",
    trigger: ".o_salon_card_page .o_salon_card_terms:contains(15.00)",
  },
  ...submitDemoCard(),
  {
    content: "Saved: the card is on file",
    trigger: ".o_salon_card_page .o_salon_card_saved",
  },
];

registry.category("web_tour.tours").add("salon_card_optional_tour", {
  url: "/salon/booking",
  steps: () => [
    ...bookUpToReview("Olga Optional", "olga.optional@example.com"),
    {
      content: "The client chooses to leave a card",
      trigger: "#salon_leave_card_yes",
      run: "click",
    },
    {
      trigger: ".o_salon_confirm",
      run: "click",
    },
    ...saveCard,
  ],
});

registry.category("web_tour.tours").add("salon_card_required_tour", {
  url: "/salon/booking",
  steps: () => [
    ...bookUpToReview("Rita Required", "rita.required@example.com"),
    {
      content: "A required card: no choice offered",
      trigger: "body:not(:has(.o_salon_card_choice))",
    },
    {
      trigger: ".o_salon_confirm",
      run: "click",
    },
    {
      content: "The time is held until the card is left",
      trigger: ".o_salon_card_page .o_salon_card_terms:contains(held until)",
    },
    ...saveCard,
  ],
});

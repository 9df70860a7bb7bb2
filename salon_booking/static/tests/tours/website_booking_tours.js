/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

/** Services page: tick the services named, then continue. */
function chooseServices(...names) {
  return [
    ...names.flatMap((name) => [
      {
        content: `Choose ${name}`,
        trigger: `.o_salon_service[data-service-name="${name}"]`,
        run: "click",
      },
      {
        trigger: `.o_salon_service[data-service-name="${name}"] input:checked`,
      },
    ]),
    {
      trigger: ".o_salon_services_next",
      run: "click",
    },
  ];
}

/** Times page: go to the next free day when the first one is full, pick a time. */
export function chooseFirstFreeTime() {
  return [
    {
      content: "The free times of a day, or the next free day",
      trigger: ".o_salon_slots, .o_salon_next_day",
      run() {
        const nextDay = document.querySelector(".o_salon_next_day");
        if (nextDay) {
          nextDay.click();
        }
      },
    },
    {
      content: "Choose the first free time",
      trigger: ".o_salon_slot",
      run: "click",
    },
  ];
}

function guestDetails() {
  return [
    {
      content: "Continue as a guest",
      trigger: ".o_salon_guest_form input[name=name]",
      run: "edit Tour Guest",
    },
    {
      trigger: ".o_salon_guest_form input[name=email]",
      run: "edit tour.guest@example.com",
    },
    {
      trigger: ".o_salon_guest_form input[name=phone]",
      run: "edit +32 470 12 34 56",
    },
    {
      trigger: ".o_salon_guest_form .o_salon_contact_next",
      run: "click",
    },
  ];
}

function acceptAndConfirm() {
  return [
    {
      content: "The salon's policies are shown before confirming",
      trigger: ".o_salon_policies:contains(Tour policy)",
    },
    {
      trigger: "#salon_accept_policy",
      run: "click",
    },
    {
      content: "Confirm",
      trigger: ".o_salon_confirm",
      run: "click",
    },
  ];
}

registry.category("web_tour.tours").add("salon_website_booking_guest", {
  url: "/salon/booking",
  steps: () => [
    ...chooseServices("Tour Cut"),
    {
      content: "No preference for the stylist",
      trigger: ".o_salon_stylist_any",
      run: "click",
    },
    ...chooseFirstFreeTime(),
    ...guestDetails(),
    {
      trigger: ".o_salon_nothing_charged",
    },
    ...acceptAndConfirm(),
    {
      content: "The confirmation page",
      trigger: ".o_salon_booked",
    },
    {
      trigger: ".o_salon_appointment:contains(Tour Cut)",
    },
  ],
});

registry.category("web_tour.tours").add("salon_website_booking_user", {
  url: "/salon/booking",
  steps: () => [
    ...chooseServices("Tour Cut", "Tour Colour"),
    {
      content: "Choose the stylist",
      trigger: '.o_salon_stylist[data-stylist-name="Tour Stylist"]',
      run: "click",
    },
    ...chooseFirstFreeTime(),
    {
      content: "Logged in: no form to fill",
      trigger: ".o_salon_user_form:contains(You are booking as)",
    },
    {
      trigger: ".o_salon_user_form .o_salon_contact_next",
      run: "click",
    },
    {
      content: "Both services, priced by the salon",
      trigger: ".o_salon_total:contains(90.00)",
    },
    ...acceptAndConfirm(),
    {
      trigger: ".o_salon_booked",
    },
    {
      trigger: ".o_salon_appointment:contains(Tour Colour)",
    },
  ],
});

registry.category("web_tour.tours").add("salon_website_booking_taken", {
  url: "/salon/booking",
  steps: () => [
    ...chooseServices("Tour Cut"),
    {
      trigger: ".o_salon_stylist_any",
      run: "click",
    },
    ...chooseFirstFreeTime(),
    ...guestDetails(),
    ...acceptAndConfirm(),
    {
      content: "Someone else took the time meanwhile: a clear message",
      trigger: ".o_salon_taken:contains(was just taken)",
    },
    {
      content: "Choose one of the next free times offered",
      trigger: ".o_salon_alternative",
      run: "click",
    },
    ...acceptAndConfirm(),
    {
      trigger: ".o_salon_booked",
    },
  ],
});

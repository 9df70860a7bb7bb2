/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

const column = (stylist) =>
  `.o_salon_agenda_column:has(.o_salon_agenda_head:contains("${stylist}"))`;
const appointment = (client) =>
  `.o_salon_agenda_appointment:has(.o_salon_agenda_client:contains("${client}"))`;
const slot = (stylist, time) =>
  `${column(stylist)} .o_salon_agenda_slot[data-time="${time}"]`;

/** Drag the step's appointment into a slot, a little below its top. */
function dropOn(selector) {
  return (helpers) =>
    helpers.drag_and_drop(selector, {position: {top: 4, left: 12}, relative: true});
}

registry.category("web_tour.tours").add("salon_agenda_stylists_tour", {
  url: "/odoo/salon-agenda",
  steps: () => [
    {
      content: "The agenda opens on today, one column per stylist",
      trigger: `${column("Julie")} ~ ${column("Sofia")}`,
    },
    {
      content: "Go to tomorrow",
      trigger: ".o_salon_agenda_next",
      run: "click",
    },
    {
      content: "Marie's cut with Julie at 10:00",
      trigger: `${column("Julie")} ${appointment("Marie Dupont")}:contains("10:00")`,
    },
    {
      content: "Time outside working hours is shaded: Sofia starts at 10:00",
      trigger: `${column("Sofia")} .o_salon_agenda_closed[style*="top: 0px"]`,
    },
    {
      content: "Drag it to Sofia at 11:00",
      trigger: `${column("Julie")} ${appointment("Marie Dupont")}`,
      run: dropOn(slot("Sofia", "11:00")),
    },
    {
      content: "It is moved: with Sofia, at 11:00",
      trigger: `${column("Sofia")} ${appointment("Marie Dupont")}:contains("11:00")`,
    },
    {
      trigger: '.o_notification:contains("moved")',
    },
    {
      content: "Drag it onto Paul's appointment, Sofia at 14:00",
      trigger: `${column("Sofia")} ${appointment("Marie Dupont")}`,
      run: dropOn(slot("Sofia", "14:00")),
    },
    {
      content: "Refused with the reason",
      trigger: '.o_notification:contains("already has an appointment")',
    },
    {
      content: "... and the appointment is where it was",
      trigger: `${column("Sofia")} ${appointment("Marie Dupont")}:contains("11:00")`,
    },
    {
      content: "The week: a row per stylist",
      trigger: ".o_salon_agenda_week",
      run: "click",
    },
    {
      trigger: `.o_salon_agenda_week_view tr:has(th:contains("Sofia")) ${appointment(
        "Marie Dupont"
      )}:contains("11:00")`,
    },
    {
      content: "Back to the day",
      trigger: ".o_salon_agenda_day",
      run: "click",
    },
    {
      content: "Click Julie's free time at 15:00: the booking assistant opens",
      trigger: slot("Julie", "15:00"),
      run: "click",
    },
    {
      content: "... for Julie",
      trigger: '.modal .o_field_widget[name="employee_id"] input',
      run(helpers) {
        if (helpers.anchor.value !== "Julie") {
          throw new Error(`The assistant proposes ${helpers.anchor.value}`);
        }
      },
    },
    {
      trigger: ".modal .btn-close",
      run: "click",
    },
    {
      trigger: "body:not(:has(.modal))",
    },
  ],
});

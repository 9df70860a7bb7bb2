/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("salon_agenda_booking_tour", {
  url: "/odoo/action-salon_booking.calendar_event_salon_action",
  steps: () => [
    {
      content: "The agenda opens in the week",
      trigger: ".o_calendar_view .fc-timegrid",
    },
    {
      content: "Show one day",
      trigger: ".scale_button_selection",
      run: "click",
    },
    {
      trigger: ".o_scale_button_day",
      run: "click",
    },
    {
      content: "Go to tomorrow",
      trigger: ".o_calendar_button_next",
      run: "click",
    },
    {
      content: "Click a free time: the booking assistant opens",
      trigger: '.fc-timegrid-slot-lane[data-time="10:00:00"]',
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name=partner_id] input",
      run: "edit Tour Client",
    },
    {
      trigger: '.ui-autocomplete .ui-menu-item a:contains("Tour Client")',
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name=product_ids] input",
      run: "edit Tour Cut",
    },
    {
      trigger: '.ui-autocomplete .ui-menu-item a:contains("Tour Cut")',
      run: "click",
    },
    {
      content: "The time clicked is chosen among the free times",
      trigger:
        ".modal .o_field_widget[name=slot_ids] .o_data_row:has(td:contains(10:00)) .o_field_boolean_toggle input:checked",
    },
    {
      content: "Book it",
      trigger: ".modal-footer button[name=action_book]",
      run: "click",
    },
    {
      content: "The appointment is in the agenda",
      trigger: '.o_calendar_view .fc-event:contains("Tour Client")',
    },
  ],
});

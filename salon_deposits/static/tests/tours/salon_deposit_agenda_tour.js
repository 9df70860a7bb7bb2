/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("salon_deposit_agenda_tour", {
  url: "/odoo/action-salon_booking.calendar_event_salon_action",
  steps: () => [
    {
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
      content: "The appointment held for its deposit shows the pending icon",
      trigger: '.fc-event:contains("Hugo Hold") .salon-payment-icon.fa-hourglass-half',
    },
    {
      content: "The one to confirm shows none",
      trigger: '.fc-event:contains("Paula Popover"):not(:has(.salon-payment-icon))',
    },
    {
      content: "Open the appointment's pop-over",
      trigger: '.fc-event:contains("Paula Popover")',
      run: "click",
    },
    {
      content: "Confirm it with a deposit",
      trigger: ".o_cw_popover .o_salon_confirm_with_payment",
      run: "click",
    },
    {
      content: "The policy's amount is proposed",
      trigger: '.modal .o_field_widget[name=amount] input:value("9.00")',
    },
    {
      trigger: ".modal-footer button[name=action_confirm]",
      run: "click",
    },
    {
      content: "Taken: the pop-over no longer offers it",
      trigger: "body:not(:has(.modal))",
    },
    {
      content: "Its deposit paid, the appointment shows it",
      trigger: '.fc-event:contains("Paula Popover") .salon-payment-icon.fa-money',
      run: "click",
    },
    {
      trigger: ".o_cw_popover:not(:has(.o_salon_confirm_with_payment))",
    },
  ],
});

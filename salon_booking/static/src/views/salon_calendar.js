/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {CalendarController} from "@web/views/calendar/calendar_controller";
import {calendarView} from "@web/views/calendar/calendar_view";
import {registry} from "@web/core/registry";

/**
 * The salon agenda: clicking a free time opens the booking assistant, which
 * proposes the stylists' free times for the services chosen, instead of an
 * empty event form.
 */
export class SalonCalendarController extends CalendarController {
  createRecord(record) {
    if (!this.model.canCreate) {
      return;
    }
    const rawRecord = this.model.buildRawRecord(record);
    const defaults = this.model.makeContextDefaults(rawRecord);
    return this.action.doAction("salon_booking.salon_booking_wizard_action", {
      additionalContext: {default_start: defaults.default_start},
      onClose: () => this.model.load(),
    });
  }
}

export const salonCalendarView = {
  ...calendarView,
  Controller: SalonCalendarController,
};

registry.category("views").add("salon_calendar", salonCalendarView);

/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {CalendarCommonRenderer} from "@web/views/calendar/calendar_common/calendar_common_renderer";
import {CalendarController} from "@web/views/calendar/calendar_controller";
import {CalendarModel} from "@web/views/calendar/calendar_model";
import {CalendarRenderer} from "@web/views/calendar/calendar_renderer";
import {calendarView} from "@web/views/calendar/calendar_view";
import {registry} from "@web/core/registry";
import {salonPaymentIcon} from "@salon_booking/core/payment_icons";

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

/** Each appointment carries the icon of its payment status. */
export class SalonCalendarModel extends CalendarModel {
  normalizeRecord(rawRecord) {
    return {
      ...super.normalizeRecord(rawRecord),
      salonPaymentIcon: salonPaymentIcon(rawRecord.salon_payment_state),
    };
  }
}

/** Appointments show the icon of their payment status before the title. */
export class SalonCalendarCommonRenderer extends CalendarCommonRenderer {
  static eventTemplate = "salon_booking.CalendarCommonRenderer.event";
}

export class SalonCalendarRenderer extends CalendarRenderer {
  static components = {
    ...CalendarRenderer.components,
    day: SalonCalendarCommonRenderer,
    week: SalonCalendarCommonRenderer,
    month: SalonCalendarCommonRenderer,
  };
}

export const salonCalendarView = {
  ...calendarView,
  Controller: SalonCalendarController,
  Model: SalonCalendarModel,
  Renderer: SalonCalendarRenderer,
};

registry.category("views").add("salon_calendar", salonCalendarView);

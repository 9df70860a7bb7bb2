/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {salonPaymentIcon} from "@salon_booking/core/payment_icons";
import {useService} from "@web/core/utils/hooks";

const {DateTime} = luxon;

// height of a minute in the day view, in pixels
const MINUTE_PX = 1.6;
// a pointer moved this far (pixels) starts a drag, not a click
const DRAG_THRESHOLD = 5;

/**
 * The salon's day at a glance: one column per stylist (day view) or one row
 * per stylist and a column per day (week view), their working hours shown
 * and the rest shaded, the appointments coloured by status with the icon of
 * their payment status. An appointment dragged to another time or stylist is
 * moved by the server (``calendar.event.salon_agenda_move``) through the
 * checks of any reschedule; a refusal is shown and nothing changes. A click
 * on free time opens the booking assistant there, for that stylist.
 *
 * The data of a period comes in one call (``salon_agenda_data``): stylists,
 * working intervals and appointments, in the salon's local minutes.
 */
export class SalonAgenda extends Component {
  static template = "salon_booking.SalonAgenda";
  static props = ["*"];

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    this.notification = useService("notification");
    const context = this.props.action?.context || {};
    this.state = useState({
      data: null,
      date: context.salon_date || null,
      days: context.salon_days || 1,
      stylistIds: context.salon_stylist_ids || [],
      categoryId: false,
      status: false,
      drag: null,
    });
    onWillStart(() => this.load());
  }

  // ------------------------------------------------------------------
  // Data
  // ------------------------------------------------------------------

  async load() {
    const state = this.state;
    this.state.data = await this.orm.call("calendar.event", "salon_agenda_data", [], {
      date_from: state.date,
      days: state.days,
      stylist_ids: state.stylistIds.length ? [...state.stylistIds] : null,
      category_ids: state.categoryId ? [state.categoryId] : null,
      states: state.status ? [state.status] : null,
    });
    this.state.date = this.state.data.date_from;
  }

  get data() {
    return this.state.data;
  }

  get isWeek() {
    return this.data.days.length > 1;
  }

  /** The stylists shown: all of them, or those chosen in the filter. */
  get stylists() {
    return this.data.stylists;
  }

  get title() {
    const first = DateTime.fromISO(this.data.days[0]);
    if (!this.isWeek) {
      return first.toFormat("cccc d LLLL yyyy");
    }
    const last = DateTime.fromISO(this.data.days.at(-1));
    return `${first.toFormat("d LLL")} – ${last.toFormat("d LLL yyyy")}`;
  }

  /** The rows of the time axis: one per hour. */
  get hours() {
    const result = [];
    for (let minute = this.data.hour_from; minute < this.data.hour_to; minute += 60) {
      result.push({minute, label: this.formatMinute(minute), top: this.top(minute)});
    }
    return result;
  }

  /** The free-time cells of a column: one per slot step. */
  get slots() {
    const result = [];
    const step = this.data.slot_step || 15;
    for (let minute = this.data.hour_from; minute < this.data.hour_to; minute += step) {
      result.push({minute, top: this.top(minute), height: step * MINUTE_PX});
    }
    return result;
  }

  get gridHeight() {
    return (this.data.hour_to - this.data.hour_from) * MINUTE_PX;
  }

  top(minute) {
    return (minute - this.data.hour_from) * MINUTE_PX;
  }

  formatMinute(minute) {
    const hours = String(Math.floor(minute / 60)).padStart(2, "0");
    const minutes = String(minute % 60).padStart(2, "0");
    return `${hours}:${minutes}`;
  }

  dayLabel(day) {
    return DateTime.fromISO(day).toFormat("ccc d");
  }

  workOf(stylist, day) {
    return this.data.work[String(stylist.id)]?.[day] || [];
  }

  isWorking(stylist, day, minute) {
    return this.workOf(stylist, day).some(
      ([from, to]) => from <= minute && minute < to
    );
  }

  /** The time a stylist does not work that day, as shaded blocks. */
  closedBlocks(stylist, day) {
    const blocks = [];
    let cursor = this.data.hour_from;
    const work = [...this.workOf(stylist, day)].sort((a, b) => a[0] - b[0]);
    for (const [from, to] of work) {
      if (from > cursor) {
        blocks.push({top: this.top(cursor), height: (from - cursor) * MINUTE_PX});
      }
      cursor = Math.max(cursor, to);
    }
    if (cursor < this.data.hour_to) {
      blocks.push({
        top: this.top(cursor),
        height: (this.data.hour_to - cursor) * MINUTE_PX,
      });
    }
    return blocks;
  }

  appointmentsOf(stylist, day) {
    return this.data.appointments
      .filter((appt) => appt.stylist_id === stylist.id && appt.day === day)
      .sort((a, b) => a.start - b.start);
  }

  appointmentStyle(appt) {
    const top = this.top(Math.max(appt.start, this.data.hour_from));
    const height = Math.max((appt.end - appt.start) * MINUTE_PX, 22);
    return `top: ${top}px; height: ${height}px;`;
  }

  paymentIcon(appt) {
    return salonPaymentIcon(appt.payment_state);
  }

  /** A local day and minute of the salon as Odoo's naive UTC datetime. */
  toUtc(day, minute) {
    return DateTime.fromISO(day, {zone: this.data.tz})
      .plus({minutes: minute})
      .toUTC()
      .toFormat("yyyy-MM-dd HH:mm:ss");
  }

  // ------------------------------------------------------------------
  // Toolbar
  // ------------------------------------------------------------------

  async goToday() {
    this.state.date = this.data.today;
    await this.load();
  }

  async shift(direction) {
    this.state.date = DateTime.fromISO(this.data.date_from)
      .plus({days: direction * this.data.days.length})
      .toISODate();
    await this.load();
  }

  async setDays(days) {
    this.state.days = days;
    await this.load();
  }

  async toggleStylist(stylistId) {
    const ids = this.state.stylistIds;
    this.state.stylistIds = ids.includes(stylistId)
      ? ids.filter((id) => id !== stylistId)
      : [...ids, stylistId];
    await this.load();
  }

  isStylistChosen(stylistId) {
    return this.state.stylistIds.includes(stylistId);
  }

  async onCategoryChange(ev) {
    this.state.categoryId = parseInt(ev.target.value, 10) || false;
    await this.load();
  }

  async onStatusChange(ev) {
    this.state.status = ev.target.value || false;
    await this.load();
  }

  openCalendar() {
    return this.action.doAction("salon_booking.calendar_event_salon_action");
  }

  // ------------------------------------------------------------------
  // Booking and opening
  // ------------------------------------------------------------------

  /** A click on free time: the booking assistant there, for that stylist. */
  book(stylist, day, minute) {
    if (!this.data.can_edit) {
      return;
    }
    return this.action.doAction("salon_booking.salon_booking_wizard_action", {
      additionalContext: {
        default_start: this.toUtc(day, minute),
        default_employee_id: stylist.id,
      },
      onClose: () => this.load(),
    });
  }

  /** A click on a day of the week view: the stylist's first working time. */
  bookDay(stylist, day) {
    const work = this.workOf(stylist, day);
    return this.book(stylist, day, work.length ? work[0][0] : this.data.hour_from);
  }

  open(appt) {
    return this.action.doAction(
      {
        type: "ir.actions.act_window",
        res_model: "calendar.event",
        res_id: appt.id,
        views: [[false, "form"]],
      },
      {onClose: () => this.load()}
    );
  }

  // ------------------------------------------------------------------
  // Drag and drop (pointer events: mouse, touch and the browser tours)
  // ------------------------------------------------------------------

  onPointerDown(ev, appt) {
    if (ev.button !== 0) {
      return;
    }
    if (!appt.can_move || !this.data.can_edit) {
      return;
    }
    const element = ev.currentTarget;
    const drag = {appt, element, x: ev.clientX, y: ev.clientY, moving: false};
    const onMove = (moveEv) => {
      const dx = moveEv.clientX - drag.x;
      const dy = moveEv.clientY - drag.y;
      if (!drag.moving && Math.hypot(dx, dy) < DRAG_THRESHOLD) {
        return;
      }
      drag.moving = true;
      this.state.drag = appt.id;
      element.style.transform = `translate(${dx}px, ${dy}px)`;
    };
    const onUp = async (upEv) => {
      document.removeEventListener("pointermove", onMove);
      document.removeEventListener("pointerup", onUp);
      element.style.transform = "";
      this.state.drag = null;
      if (!drag.moving) {
        return;
      }
      drag.justDragged = true;
      const target = this.dropTarget(upEv.clientX, upEv.clientY);
      if (target) {
        await this.move(appt, target);
      }
    };
    this.lastDrag = drag;
    document.addEventListener("pointermove", onMove);
    document.addEventListener("pointerup", onUp);
  }

  onAppointmentClick(appt) {
    if (this.lastDrag?.appt === appt && this.lastDrag.justDragged) {
      // the click that ends a drag does not open the appointment
      this.lastDrag = null;
      return;
    }
    return this.open(appt);
  }

  /** The stylist, day and minute under the pointer, from the cell there. */
  dropTarget(x, y) {
    const cell = document
      .elementsFromPoint(x, y)
      .find((el) => el.dataset?.salonDropStylist);
    if (!cell) {
      return null;
    }
    const minute = cell.dataset.salonDropMinute;
    return {
      stylistId: parseInt(cell.dataset.salonDropStylist, 10),
      day: cell.dataset.salonDropDay,
      // a day of the week view keeps the time of day
      minute: minute === undefined ? null : parseInt(minute, 10),
    };
  }

  async move(appt, target) {
    const minute = target.minute === null ? appt.start : target.minute;
    if (
      target.stylistId === appt.stylist_id &&
      target.day === appt.day &&
      minute === appt.start
    ) {
      return;
    }
    try {
      const row = await this.orm.call(
        "calendar.event",
        "salon_agenda_move",
        [[appt.id], this.toUtc(target.day, minute), target.stylistId],
        {}
      );
      const index = this.data.appointments.findIndex((a) => a.id === appt.id);
      this.data.appointments.splice(index, 1, row);
      this.notification.add(
        _t("%(client)s moved to %(time)s.", {
          client: row.client,
          time: `${this.dayLabel(row.day)} ${this.formatMinute(row.start)}`,
        }),
        {type: "success"}
      );
    } catch (error) {
      const message = error.data?.message || error.message;
      if (!message) {
        throw error;
      }
      this.notification.add(message, {
        title: _t("Not moved"),
        type: "danger",
        sticky: false,
      });
      await this.load();
    }
  }
}

registry.category("actions").add("salon_agenda", SalonAgenda);

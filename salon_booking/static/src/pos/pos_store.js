/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {PosStore} from "@point_of_sale/app/store/pos_store";
import {_t} from "@web/core/l10n/translation";
import {deserializeDateTime} from "@web/core/l10n/dates";
import {patch} from "@web/core/utils/patch";

const CHECKOUT_STATES = ["booked", "confirmed", "checked_in"];

patch(PosStore.prototype, {
  /** Today's appointments of the salon, by start time then stylist. */
  get salonAppointments() {
    return [...this.models["calendar.event"].getAll()].sort(
      (a, b) =>
        a.start.localeCompare(b.start) ||
        (a.salon_employee_name || "").localeCompare(b.salon_employee_name || "")
    );
  },
  salonStartTime(appointment) {
    return deserializeDateTime(appointment.start).toFormat("HH:mm");
  },
  salonCanCheckIn(appointment) {
    return ["booked", "confirmed"].includes(appointment.salon_state);
  },
  salonCanCheckout(appointment) {
    return CHECKOUT_STATES.includes(appointment.salon_state);
  },
  /** Reload the appointments of the day (and their services) from the server. */
  async salonRefreshAppointments() {
    const ids = await this.data.call("pos.session", "salon_get_appointment_ids", [
      [this.session.id],
    ]);
    const appointments = await this.data.read("calendar.event", ids);
    const lineIds = appointments.flatMap((a) => a.raw.salon_line_ids || []);
    if (lineIds.length) {
      await this.data.read("salon.appointment.line", lineIds);
    }
    return appointments;
  },
  async _salonAppointmentAction(appointment, method) {
    await this.data.call("calendar.event", method, [[appointment.id]]);
    await this.data.read("calendar.event", [appointment.id]);
  },
  async salonCheckIn(appointment) {
    await this._salonAppointmentAction(appointment, "action_salon_check_in");
    this.notification.add(
      _t("%s is checked in.", appointment.salon_partner_name || appointment.name),
      {type: "success"}
    );
  },
  async salonNoShow(appointment) {
    await this._salonAppointmentAction(appointment, "action_salon_no_show");
  },
  /**
   * Values of the order lines an appointment brings to the order.
   * Extension point: deposits, packages and memberships add or change lines.
   */
  async salonPrepareCheckoutLines(appointment) {
    const lines = this.models["salon.appointment.line"]
      .filter((line) => line.event_id?.id === appointment.id)
      .sort((a, b) => a.sequence - b.sequence || a.id - b.id);
    const missing = lines
      .filter((line) => !line.product_id)
      .map((line) => line.raw.product_id);
    if (missing.length) {
      await this.data.read("product.product", missing);
    }
    return lines.map((line) => ({
      product_id: line.product_id,
      price_unit: line.price_unit,
      salon_appointment_line_id: line,
    }));
  },
  /** Turn an appointment into the current order: client, services, link. */
  async salonCheckout(appointment) {
    let order = this.get_order();
    if (!order || order.lines.length || order.salon_appointment_id) {
      order = this.add_new_order();
    }
    const partnerId = appointment.raw.salon_partner_id;
    if (partnerId) {
      const partner =
        this.models["res.partner"].get(partnerId) ||
        (await this.data.read("res.partner", [partnerId]))[0];
      order.set_partner(partner);
    }
    order.update({salon_appointment_id: appointment});
    for (const vals of await this.salonPrepareCheckoutLines(appointment)) {
      await this.addLineToOrder(vals, order, {}, false);
    }
    this.selectOrderLine(order, order.lines.at(-1));
    this.showScreen("ProductScreen");
    return order;
  },
});

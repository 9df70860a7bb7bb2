/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {AlertDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {PosStore} from "@point_of_sale/app/store/pos_store";
import {_t} from "@web/core/l10n/translation";
import {deserializeDateTime} from "@web/core/l10n/dates";
import {patch} from "@web/core/utils/patch";
import {salonPaymentIcon} from "@salon_booking/core/payment_icons";

patch(PosStore.prototype, {
  /** Today's appointments of the salon, by start time then stylist. */
  get salonAppointments() {
    return [...this.models["calendar.event"].getAll()].sort(
      (a, b) =>
        a.start.localeCompare(b.start) ||
        (a.salon_employee_name || "").localeCompare(b.salon_employee_name || "")
    );
  },
  /* The icon of the appointment's payment status (addons add theirs). */
  salonPaymentIcon(appointment) {
    return salonPaymentIcon(appointment.salon_payment_state);
  },
  salonStartTime(appointment) {
    return deserializeDateTime(appointment.start).toFormat("HH:mm");
  },
  /* What may be done with an appointment comes from the server (its states). */
  salonCanCheckIn(appointment) {
    return appointment.salon_can_check_in;
  },
  salonCanNoShow(appointment) {
    return appointment.salon_can_no_show;
  },
  salonCanCheckout(appointment) {
    return appointment.salon_can_checkout;
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
      _t(
        "%s is checked in.",
        appointment.salon_partner_name || appointment.salon_reference
      ),
      {type: "success"}
    );
  },
  async salonNoShow(appointment) {
    await this._salonAppointmentAction(appointment, "action_salon_no_show");
  },
  /**
   * What the server says the order gets for an appointment (its services,
   * prepaid coverage, deductions), or null with the reason shown when the
   * appointment cannot be checked out (e.g. already paid).
   */
  async salonFetchCheckoutValues(appointment) {
    return this.salonFetchOrderValues(
      appointment,
      "salon_pos_checkout_values",
      _t("This appointment cannot be checked out")
    );
  },
  /**
   * The order values ``method`` of ``calendar.event`` returns for an
   * appointment, or null with the server's reason shown under ``title``.
   * Extension point: addons fetch the values of their own orders (e.g. a
   * deposit collected at the desk).
   */
  async salonFetchOrderValues(appointment, method, title) {
    try {
      return await this.data.call("calendar.event", method, [[appointment.id]]);
    } catch (error) {
      const message = error.data?.message || error.message;
      if (!message) {
        throw error;
      }
      this.dialog.add(AlertDialog, {title, body: message});
      await this.data.read("calendar.event", [appointment.id]);
      return null;
    }
  },
  /**
   * Values of the order lines an appointment brings to the order, from the
   * server's values. Extension point: what must be shown or asked at the desk
   * (e.g. "use the package for this visit?") before the lines are added.
   */
  async salonPrepareCheckoutLines(appointment, values) {
    const productIds = values.lines.map((line) => line.product_id);
    const missing = productIds.filter((id) => !this.models["product.product"].get(id));
    if (missing.length) {
      await this.data.read("product.product", missing);
    }
    return values.lines.map((line) => ({
      ...line,
      product_id: this.models["product.product"].get(line.product_id),
      salon_appointment_line_id:
        line.salon_appointment_line_id &&
        this.models["salon.appointment.line"].get(line.salon_appointment_line_id),
    }));
  },
  /** Turn an appointment into the current order: client, services, link. */
  async salonCheckout(appointment) {
    const values = await this.salonFetchCheckoutValues(appointment);
    if (!values) {
      return null;
    }
    return this.salonOpenOrder(appointment, values, {
      salon_appointment_id: appointment,
    });
  },
  /**
   * The order of ``values`` (server-built: client and lines) as the current
   * order, linked to the appointment by ``link`` (order field values).
   * Extension point: addons open their own orders of an appointment.
   */
  async salonOpenOrder(appointment, values, link) {
    let order = this.get_order();
    if (!order || order.lines.length || order.salon_appointment_id) {
      order = this.add_new_order();
    }
    if (values.partner_id) {
      const partner =
        this.models["res.partner"].get(values.partner_id) ||
        (await this.data.read("res.partner", [values.partner_id]))[0];
      order.set_partner(partner);
    }
    order.update(link);
    for (const vals of await this.salonPrepareCheckoutLines(appointment, values)) {
      await this.addLineToOrder(vals, order, {}, false);
    }
    this.selectOrderLine(order, order.lines.at(-1));
    this.showScreen("ProductScreen");
    return order;
  },
});

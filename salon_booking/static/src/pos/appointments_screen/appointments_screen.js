/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {unaccent} from "@web/core/utils/strings";
import {usePos} from "@point_of_sale/app/store/pos_hook";

const STATE_BADGES = {
  booked: "text-bg-info",
  confirmed: "text-bg-primary",
  checked_in: "text-bg-warning",
  done: "text-bg-success",
  no_show: "text-bg-danger",
  cancelled: "text-bg-secondary",
};

/** Today's appointments at the desk: check in, no-show, check out. */
export class SalonAppointmentsScreen extends Component {
  static template = "salon_booking.SalonAppointmentsScreen";
  static props = {};

  setup() {
    this.pos = usePos();
    this.state = useState({query: ""});
    onWillStart(() => this.pos.salonRefreshAppointments());
  }
  get stateLabels() {
    return {
      booked: _t("Booked"),
      confirmed: _t("Confirmed"),
      checked_in: _t("Checked In"),
      done: _t("Done"),
      no_show: _t("No-Show"),
      cancelled: _t("Cancelled"),
    };
  }
  badgeClass(appointment) {
    return STATE_BADGES[appointment.salon_state] || "text-bg-light";
  }
  get appointments() {
    const query = unaccent(this.state.query.trim().toLowerCase(), false);
    return this.pos.salonAppointments.filter(
      (appointment) =>
        !query ||
        unaccent(
          `${appointment.salon_partner_name || ""} ${appointment.salon_reference || ""}`.toLowerCase(),
          false
        ).includes(query)
    );
  }
  async refresh() {
    await this.pos.salonRefreshAppointments();
  }
  back() {
    this.pos.showScreen("ProductScreen");
  }
}

registry
  .category("pos_screens")
  .add("SalonAppointmentsScreen", SalonAppointmentsScreen);

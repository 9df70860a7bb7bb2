/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, onWillStart, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {unaccent} from "@web/core/utils/strings";
import {usePos} from "@point_of_sale/app/store/pos_hook";

/** Today's appointments at the desk: check in, no-show, check out. */
export class SalonAppointmentsScreen extends Component {
  static template = "salon_booking.SalonAppointmentsScreen";
  static props = {};

  setup() {
    this.pos = usePos();
    this.state = useState({query: ""});
    onWillStart(() => this.pos.salonRefreshAppointments());
  }
  /** The state's colour of the agenda, from the server. */
  badgeClass(appointment) {
    return `o_colorlist_item_color_${appointment.salon_color || 0}`;
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

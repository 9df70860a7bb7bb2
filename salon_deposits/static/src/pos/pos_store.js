/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {PosStore} from "@point_of_sale/app/store/pos_store";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

patch(PosStore.prototype, {
  /* Whether the policy asks a deposit not taken yet: from the server. */
  salonCanTakeDeposit(appointment) {
    return appointment.salon_can_take_deposit;
  },
  /**
   * Collect an appointment's deposit at the desk: a new order of the deposit
   * (amount from the server), paid with the POS's payment methods; paid, the
   * server makes it the appointment's deposit.
   */
  async salonTakeDeposit(appointment) {
    const values = await this.salonFetchOrderValues(
      appointment,
      "salon_pos_deposit_values",
      _t("No deposit can be taken")
    );
    if (!values) {
      return null;
    }
    return this.salonOpenOrder(appointment, values, {
      salon_deposit_appointment_id: appointment,
    });
  },
  /** The card on file of an appointment checked out, for the payment screen. */
  async salonOpenOrder(appointment, values, link) {
    const order = await super.salonOpenOrder(...arguments);
    order.uiState.salonCardLabel = values.salon_card_label;
    return order;
  },
});

/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {AlertDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {PosStore} from "@point_of_sale/app/store/pos_store";
import {RPCError} from "@web/core/network/rpc";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

/** Whether ``line`` spends a membership credit (the wallet it spends). */
export function isMembershipCreditLine(line) {
  return Boolean(line.salon_pos_membership_card);
}

patch(PosStore.prototype, {
  /**
   * "Membership Credit" at the till: the server says what the client's
   * credit pays of the order (its eligible lines, up to the credit left); the
   * order gets one credit line of that amount, in place of any earlier one.
   * The credit is spent when the order is paid (checked again there).
   */
  async salonApplyMembershipCredit(order) {
    if (!order || this.salonMembershipCreditPending) {
      return false;
    }
    const partner = order.get_partner();
    if (!partner) {
      this.dialog.add(AlertDialog, {
        title: _t("Membership Credit"),
        body: _t("Choose the client first: the membership credit is theirs."),
      });
      return false;
    }
    this.salonMembershipCreditPending = true;
    try {
      const lines = order.lines
        .filter(
          (line) =>
            !isMembershipCreditLine(line) &&
            line.qty > 0 &&
            line.get_price_with_tax() > 0
        )
        .map((line) => ({
          product_id: line.product_id.id,
          amount: line.get_price_with_tax(),
        }));
      let credit = null;
      try {
        // the order's own appointment: what it was promised is its to spend
        credit = await this.data.call("pos.order", "salon_pos_membership_credit", [
          partner.id,
          lines,
          order.salon_appointment_id?.id || false,
        ]);
      } catch (error) {
        if (
          !(error instanceof RPCError) ||
          error.exceptionName !== "odoo.exceptions.UserError"
        ) {
          throw error;
        }
        this.dialog.add(AlertDialog, {
          title: _t("Membership Credit"),
          body: error.data.message,
        });
        return false;
      }
      if (!this.models["product.product"].get(credit.product_id)) {
        await this.data.read("product.product", [credit.product_id]);
      }
      for (const line of order.lines.filter(isMembershipCreditLine)) {
        order.removeOrderline(line);
      }
      const line = await this.addLineToOrder(
        {
          product_id: this.models["product.product"].get(credit.product_id),
          qty: 1,
          price_unit: -credit.amount,
          customer_note: credit.label,
          salon_pos_membership_card: credit.card_id,
        },
        order,
        {},
        false
      );
      return Boolean(line);
    } finally {
      this.salonMembershipCreditPending = false;
    }
  },

  async pay() {
    const order = this.get_order();
    if (order && !order.get_partner() && order.lines.some(isMembershipCreditLine)) {
      this.dialog.add(AlertDialog, {
        title: _t("Membership Credit"),
        body: _t("Choose the client first: the membership credit is theirs."),
      });
      return;
    }
    return await super.pay(...arguments);
  },
});

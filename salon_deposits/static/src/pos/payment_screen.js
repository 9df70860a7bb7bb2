/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {AlertDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {PaymentScreen} from "@point_of_sale/app/screens/payment_screen/payment_screen";
import {_t} from "@web/core/l10n/translation";
import {ask} from "@point_of_sale/app/store/make_awaitable_dialog";
import {patch} from "@web/core/utils/patch";

patch(PaymentScreen.prototype, {
  /**
   * The card on file of the appointment checked out (e.g. "•••• 4242", from
   * the checkout values), when the desk can charge it: the server charges it as an online payment of the
   * order (pos_online_payment), so the POS needs an online payment method.
   */
  get salonCardOnFile() {
    const label = this.currentOrder.uiState.salonCardLabel;
    if (
      !label ||
      !this.payment_methods_from_config.some((method) => method.is_online_payment)
    ) {
      return false;
    }
    return label;
  },
  /**
   * Charge what is left to pay to the card on file, after the cashier's
   * confirmation: the order is synced, the server charges it off-session and
   * adds the online payment; paid in full, the order is validated as
   * pos_online_payment validates an order paid online. A decline shows the
   * reason; the cashier takes another payment method.
   */
  async salonChargeCardOnFile() {
    const order = this.currentOrder;
    const card = this.salonCardOnFile;
    if (!card || this.salonCharging) {
      return;
    }
    const confirmed = await ask(this.dialog, {
      title: _t("Charge the card on file"),
      body: _t("Charge %(amount)s to the card %(card)s?", {
        amount: this.env.utils.formatCurrency(order.get_due()),
        card,
      }),
      confirmLabel: _t("Charge"),
    });
    if (!confirmed) {
      return;
    }
    this.salonCharging = true;
    try {
      order.date_order = luxon.DateTime.now().toFormat("yyyy-MM-dd HH:mm:ss");
      this.pos.addPendingOrder([order.id]);
      await this.pos.syncAllOrders({throw: true});
      const result = await this.pos.data.call(
        "pos.order",
        "salon_charge_card_on_file",
        [[order.id]]
      );
      if (result.state !== "done") {
        this.dialog.add(AlertDialog, {
          // no clear answer from the provider yet: the order waits for it
          title:
            result.state === "pending"
              ? _t("Charge under way")
              : _t("Card not charged"),
          body: result.message,
        });
        return;
      }
      const data = await this.pos.update_online_payments_data_with_server(order, false);
      if (data?.is_paid) {
        await this.afterPaidOrderSavedOnServer(data.paid_order);
      }
    } catch (error) {
      const message = error.data?.message || error.message;
      if (!message) {
        throw error;
      }
      this.dialog.add(AlertDialog, {title: _t("Card not charged"), body: message});
    } finally {
      this.salonCharging = false;
    }
  },
});

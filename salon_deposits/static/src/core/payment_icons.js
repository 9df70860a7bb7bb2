/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {_t} from "@web/core/l10n/translation";
import {salonPaymentIcons} from "@salon_booking/core/payment_icons";

// in the agenda and the desk's list: the time held for a deposit not paid
// yet (link or online booking), and the deposit received
salonPaymentIcons.add("deposit_pending", {
  icon: "fa-hourglass-half",
  title: _t("Deposit pending: the time is held until it is paid"),
});
salonPaymentIcons.add("deposit", {icon: "fa-money", title: _t("Deposit paid")});
// a card left to guarantee the appointment, and one the booking waits for
salonPaymentIcons.add("card", {icon: "fa-credit-card", title: _t("Card on file")});
salonPaymentIcons.add("deposit_card", {
  icon: "fa-credit-card",
  title: _t("Deposit paid, card on file for the rest"),
});
salonPaymentIcons.add("card_pending", {
  icon: "fa-hourglass-half",
  title: _t("Card pending: the time is held until the client leaves a card"),
});

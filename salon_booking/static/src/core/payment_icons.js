/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

/**
 * The icon of each payment status of an appointment, shown on the appointment
 * in the agenda and in the desk's list of appointments (Point of Sale): the
 * key is a value of ``salon_payment_state``, the value ``{icon, title}`` (a
 * Font Awesome class and its tooltip). Addons add the statuses they add, e.g.
 *
 *     registry.category("salon_payment_icons").add("deposit_pending", {
 *         icon: "fa-hourglass-half", title: _t("Deposit pending"),
 *     });
 */
export const salonPaymentIcons = registry.category("salon_payment_icons");

salonPaymentIcons.add("paid", {icon: "fa-check-circle", title: _t("Paid")});

/**
 * @param {String} paymentState a value of ``salon_payment_state``
 * @returns {{icon: String, title: String}|null}
 */
export function salonPaymentIcon(paymentState) {
  return salonPaymentIcons.get(paymentState, null);
}

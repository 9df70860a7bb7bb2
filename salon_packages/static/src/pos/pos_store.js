/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {AlertDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {PosStore} from "@point_of_sale/app/store/pos_store";
import {_t} from "@web/core/l10n/translation";
import {ask} from "@point_of_sale/app/store/make_awaitable_dialog";
import {patch} from "@web/core/utils/patch";

/** Whether ``line`` is a service already paid by a package. */
function usesPackage(line) {
  return Boolean(line.salon_pos_package_card || line.salon_package_use_new);
}

patch(PosStore.prototype, {
  /**
   * The appointment's services booked as included, or covered by a package
   * of the client: the desk is asked whether the package pays this visit.
   */
  async salonPrepareCheckoutLines(appointment, values) {
    const lines = await super.salonPrepareCheckoutLines(...arguments);
    if (values.salon_package_question) {
      const use = await ask(this.dialog, {
        title: _t("Package"),
        body: values.salon_package_question,
        confirmLabel: _t("Use the package"),
        cancelLabel: _t("Unit price"),
      });
      if (!use) {
        for (const line of lines.filter((l) => l.salon_pos_package_card)) {
          line.salon_pos_package_card = 0;
          line.discount = 0;
          line.customer_note = "";
        }
      }
    }
    return lines;
  },

  async addLineToOrder(vals, order, opts = {}, configure = true) {
    const line = await super.addLineToOrder(...arguments);
    if (line && configure && order.lines.some((l) => l.product_id.salon_is_package)) {
      await this.salonOfferPackageSold(order);
    }
    return line;
  },

  /**
   * "+ package" at the till: the services of the order that the package
   * sold covers may use it at once ("use it for this visit?").
   */
  async salonOfferPackageSold(order) {
    for (const packageLine of order.lines.filter(
      (l) => l.product_id.salon_is_package && l.qty > 0
    )) {
      const info = await this.data.call("loyalty.program", "salon_pos_package_info", [
        packageLine.product_id.id,
      ]);
      if (!info) {
        continue;
      }
      const seen = new Set();
      const candidates = order.lines.filter((l) => {
        const productId = l.product_id.id;
        const ok =
          info.service_ids.includes(productId) &&
          l.qty > 0 &&
          !usesPackage(l) &&
          !l.uiState.salonPackageDeclined &&
          !seen.has(productId);
        if (ok) {
          seen.add(productId);
        }
        return ok;
      });
      if (!candidates.length) {
        continue;
      }
      const use = await ask(this.dialog, {
        title: _t("Use it for this visit?"),
        body: _t("Use a session of %(package)s for: %(services)s?", {
          package: info.name,
          services: candidates.map((l) => l.product_id.display_name).join(", "),
        }),
        confirmLabel: _t("Use it now"),
        cancelLabel: _t("Later"),
      });
      for (const line of candidates) {
        if (use) {
          line.update({salon_package_use_new: true});
          line.set_discount(100);
          line.set_customer_note(_t("Included in my package %s", info.name));
        } else {
          line.uiState.salonPackageDeclined = true;
        }
      }
    }
  },

  /** "Use a package" on the selected service: a session of the client's. */
  async salonUsePackageOnLine(order, line) {
    if (!line || line.qty <= 0 || usesPackage(line)) {
      return false;
    }
    const partner = order.get_partner();
    if (!partner) {
      this.dialog.add(AlertDialog, {
        title: _t("Package"),
        body: _t("Choose the client first: the package is theirs."),
      });
      return false;
    }
    const packages = await this.data.call("loyalty.card", "salon_pos_find_packages", [
      partner.id,
      [line.product_id.id],
    ]);
    if (!packages.length) {
      this.dialog.add(AlertDialog, {
        title: _t("Package"),
        body: _t("No package of %(client)s has a session of %(service)s left.", {
          client: partner.name,
          service: line.product_id.display_name,
        }),
      });
      return false;
    }
    const chosen = packages[0];
    line.update({salon_pos_package_card: chosen.id});
    line.set_discount(100);
    line.set_customer_note(chosen.label);
    return true;
  },

  async pay() {
    const order = this.get_order();
    if (
      order &&
      !order.get_partner() &&
      order.lines.some((l) => l.product_id.salon_is_package || usesPackage(l))
    ) {
      this.dialog.add(AlertDialog, {
        title: _t("Package"),
        body: _t("Choose the client first: the package is theirs."),
      });
      return;
    }
    return await super.pay(...arguments);
  },
});

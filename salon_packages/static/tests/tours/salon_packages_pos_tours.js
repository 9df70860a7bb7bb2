/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import {registry} from "@web/core/registry";

function pay() {
  return [
    ProductScreen.clickPayButton(),
    PaymentScreen.clickPaymentMethod("Bank"),
    PaymentScreen.clickValidate(),
    ReceiptScreen.isShown(),
    ReceiptScreen.clickNextOrder(),
  ];
}

registry.category("web_tour.tours").add("salon_packages_pos_sale_tour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      ProductScreen.clickPartnerButton(),
      ProductScreen.clickCustomer("Paula Package"),
      ProductScreen.clickDisplayedProduct("Salon Cut"),
      ProductScreen.totalAmountIs("30.00"),
      // "+ package" at the till: the question "use it for this visit?"
      ProductScreen.clickDisplayedProduct("Ten Cuts"),
      {
        content: "The till asks whether the package pays the cut now",
        trigger:
          '.modal .modal-body:contains("Use a session of Ten Cuts for: Salon Cut?")',
      },
      Dialog.confirm("Use it now"),
      {
        content: "The cut is included in the package",
        trigger:
          '.order-container .orderline:has(.product-name:contains("Salon Cut")) :contains("Included in my package Ten Cuts")',
      },
      ProductScreen.totalAmountIs("250.00"),
      pay(),
    ].flat(Infinity),
});

registry.category("web_tour.tours").add("salon_packages_pos_checkout_tour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      {
        content: "Open today's appointments",
        trigger: ".salon-appointments-button",
        run: "click",
      },
      {
        content: "Check out Paula's appointment",
        trigger:
          '.salon-appointment-row:has(.salon-client:contains("Paula Package")) .salon-checkout',
        run: "click",
      },
      {
        content: "The till proposes her package",
        trigger:
          '.modal .modal-body:contains("Use the client\'s package for this visit?")',
      },
      Dialog.confirm("Use the package"),
      ProductScreen.customerIsSelected("Paula Package"),
      ProductScreen.totalAmountIs("0.00"),
      // a walk-in service of hers: a session used by hand
      ProductScreen.clickDisplayedProduct("Salon Cut"),
      ProductScreen.totalAmountIs("30.00"),
      {
        content: "Use a session of her package for it",
        trigger: ".salon-use-package-button",
        run: "click",
      },
      ProductScreen.totalAmountIs("0.00"),
      ProductScreen.clickDisplayedProduct("Desk Pad"),
      pay(),
    ].flat(Infinity),
});

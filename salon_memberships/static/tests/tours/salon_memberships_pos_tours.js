/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import {registry} from "@web/core/registry";

const CLIENT = "Mia Member";
const CREDIT = '.orderline:has(.product-name:contains("Membership Credit"))';
const CREDIT_LINE = `.order-container ${CREDIT}`;

function clickMembershipCredit() {
  return {
    content: "Spend the client's membership credit on the order",
    trigger: ".control-buttons .salon-membership-credit-button",
    run: "click",
  };
}

registry.category("web_tour.tours").add("salon_memberships_pos_tour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      {
        content: "No client, no membership credit to spend",
        trigger: ".control-buttons:not(:has(.salon-membership-credit-button))",
      },
      // visit 1: her appointment, the credit pays the cut in full
      {
        content: "Open today's appointments",
        trigger: ".salon-appointments-button",
        run: "click",
      },
      {
        content: `Check out ${CLIENT}'s appointment`,
        trigger: `.salon-appointments-screen .salon-appointment-row:has(.salon-client:contains("${CLIENT}")) .salon-checkout`,
        run: "click",
      },
      ProductScreen.customerIsSelected(CLIENT),
      {
        content: "The cut keeps its price",
        trigger:
          '.order-container .orderline:has(.product-name:contains("Salon Cut")):has(.price:contains("30.00"))',
      },
      {
        content: "The credit pays it, the balance left is told",
        trigger: `${CREDIT_LINE}:has(.price:contains("-30.00")):has(.customer-note:contains("20.00 left after this visit"))`,
      },
      ProductScreen.totalAmountIs("0.00"),
      ProductScreen.clickPayButton(),
      PaymentScreen.clickValidate(),
      ReceiptScreen.isShown(),
      {
        content: "The receipt tells the credit left",
        trigger: '.pos-receipt .customer-note:contains("20.00 left after this visit")',
      },
      ReceiptScreen.clickNextOrder(),
      // visit 2: a walk-in, the credit left pays part of the colour
      ProductScreen.clickPartnerButton(),
      ProductScreen.clickCustomer(CLIENT),
      ProductScreen.clickDisplayedProduct("Desk Pad"),
      clickMembershipCredit(),
      {
        content: "The server says why the credit pays nothing",
        trigger:
          '.modal:has(.modal-header:contains("Membership Credit")) .modal-body:contains("The membership credit pays none of these products.")',
      },
      Dialog.confirm(),
      {
        content: "No credit line was added",
        trigger: `.order-container:has(.orderline):not(:has(${CREDIT}))`,
      },
      ProductScreen.clickDisplayedProduct("Salon Colour"),
      ProductScreen.totalAmountIs("47.98"),
      clickMembershipCredit(),
      {
        content: "The 20.00 left pay part of the colour",
        trigger: `${CREDIT_LINE}:has(.price:contains("-20.00")):has(.customer-note:contains("0.00 left after this visit"):not(:contains("20.00")))`,
      },
      ProductScreen.totalAmountIs("27.98"),
      // asked again: the credit line is replaced, not added twice
      ProductScreen.clickOrderline("Salon Colour"),
      clickMembershipCredit(),
      {
        content: "The new credit line is added (and selected)",
        trigger: `${CREDIT_LINE}.selected:has(.price:contains("-20.00"))`,
      },
      {
        content: "... in place of the first one",
        trigger: CREDIT_LINE,
        run() {
          const count = [
            ...document.querySelectorAll(".order-container .orderline .product-name"),
          ].filter((name) => name.textContent.includes("Membership Credit")).length;
          if (count !== 1) {
            throw new Error(`${count} membership credit lines in the order`);
          }
        },
      },
      ProductScreen.totalAmountIs("27.98"),
      ProductScreen.clickPayButton(),
      PaymentScreen.clickPaymentMethod("Cash"),
      PaymentScreen.remainingIs("0.00"),
      PaymentScreen.clickValidate(),
      ReceiptScreen.isShown(),
      {
        content: "The receipt shows the credit line",
        trigger:
          '.pos-receipt .customer-note:contains("0.00 left after this visit"):not(:contains("20.00"))',
      },
      ReceiptScreen.clickNextOrder(),
    ].flat(Infinity),
});

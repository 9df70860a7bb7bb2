/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as TicketScreen from "@point_of_sale/../tests/tours/utils/ticket_screen_util";
import {registry} from "@web/core/registry";

function row(client) {
  return `.salon-appointments-screen .salon-appointment-row:has(.salon-client:contains("${client}"))`;
}

function openAppointments() {
  return [
    {
      content: "Open today's appointments",
      trigger: ".salon-appointments-button",
      run: "click",
    },
    {trigger: ".salon-appointments-screen .salon-appointment-row"},
  ];
}

function checkOutAndPay(client) {
  return [
    {
      content: `Check out ${client}'s appointment`,
      trigger: `${row(client)} .salon-checkout`,
      run: "click",
    },
    ProductScreen.customerIsSelected(client),
    {
      content: "The service of the appointment is on the order, at its price",
      trigger:
        '.order-container .orderline:has(.product-name:contains("Salon Cut")):has(.price:contains("30.00"))',
    },
  ];
}

function pay() {
  return [
    ProductScreen.clickPayButton(),
    PaymentScreen.clickPaymentMethod("Bank"),
    PaymentScreen.clickValidate(),
    ReceiptScreen.isShown(),
    ReceiptScreen.clickNextOrder(),
  ];
}

registry.category("web_tour.tours").add("salon_pos_checkout_tour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      openAppointments(),
      {
        content: "Search the client",
        trigger: ".salon-appointments-search",
        run: "edit Claire",
      },
      {
        content: "Only her appointment is listed",
        trigger: `${row("Claire Checkout")}`,
      },
      {
        content: "Check her in",
        trigger: `${row("Claire Checkout")} .salon-check-in`,
        run: "click",
      },
      {trigger: `${row("Claire Checkout")} .salon-state:contains("Checked In")`},
      checkOutAndPay("Claire Checkout"),
      ProductScreen.clickDisplayedProduct("Desk Pad"),
      ProductScreen.totalAmountIs("31.98"),
      pay(),
    ].flat(Infinity),
});

registry.category("web_tour.tours").add("salon_pos_no_show_tour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      openAppointments(),
      {
        content: "Mark the client as no-show",
        trigger: `${row("Nora Noshow")} .salon-no-show`,
        run: "click",
      },
      {trigger: `${row("Nora Noshow")} .salon-state:contains("No-Show")`},
      {
        content: "A missed appointment cannot be checked out",
        trigger: `${row("Nora Noshow")}:not(:has(.salon-checkout))`,
      },
    ].flat(Infinity),
});

registry.category("web_tour.tours").add("salon_pos_refund_tour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      openAppointments(),
      checkOutAndPay("Rita Refund"),
      pay(),
      ...ProductScreen.clickRefund(),
      TicketScreen.selectOrder("-0001"),
      ProductScreen.clickNumpad("1"),
      TicketScreen.confirmRefund(),
      ProductScreen.isShown(),
      ProductScreen.totalAmountIs("-30.00"),
      pay(),
    ].flat(Infinity),
});

/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import {registry} from "@web/core/registry";

const ROW =
  '.salon-appointments-screen .salon-appointment-row:has(.salon-client:contains("Dora Deposit"))';

function openAppointments() {
  return [
    {
      content: "Open today's appointments",
      trigger: ".salon-appointments-button",
      run: "click",
    },
    {trigger: ROW},
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

registry.category("web_tour.tours").add("salon_deposit_pos_tour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      openAppointments(),
      {
        content: "An appointment waiting for its deposit (link) shows it",
        trigger:
          '.salon-appointment-row:has(.salon-client:contains("Hana Hold")) .salon-state:contains("On Hold")',
      },
      {
        content: "... with the pending-payment icon beside its payment status",
        trigger:
          '.salon-appointment-row:has(.salon-client:contains("Hana Hold")) .salon-payment-state:contains("Deposit Pending") .salon-payment-icon.fa-hourglass-half',
      },
      {
        content: "An appointment with a card on file shows a card",
        trigger:
          '.salon-appointment-row:has(.salon-client:contains("Carla Card")) .salon-payment-state:contains("Card on File") .salon-payment-icon.fa-credit-card',
      },
      {
        content: "Collect the deposit the salon asks",
        trigger: `${ROW} .salon-take-deposit`,
        run: "click",
      },
      ProductScreen.customerIsSelected("Dora Deposit"),
      {
        content: "The deposit is on the order, at the amount the server decided",
        trigger:
          '.order-container .orderline:has(.product-name:contains("Deposit")):has(.price:contains("9.00"))',
      },
      ProductScreen.totalAmountIs("9.00"),
      pay(),
      openAppointments(),
      {
        content: "Taken: no second deposit is offered",
        trigger: `${ROW}:not(:has(.salon-take-deposit))`,
      },
      {
        content: "Check the appointment out",
        trigger: `${ROW} .salon-checkout`,
        run: "click",
      },
      {
        content: "The deposit is deducted from the services",
        trigger:
          '.order-container .orderline:has(.product-name:contains("Deposit")):has(.price:contains("-9.00"))',
      },
      ProductScreen.totalAmountIs("21.00"),
      pay(),
    ].flat(Infinity),
});

function chargeCardOnFile(client) {
  const row = `.salon-appointment-row:has(.salon-client:contains("${client}"))`;
  return [
    {
      content: `Check out ${client}, who left a card`,
      trigger: `.salon-appointments-screen ${row} .salon-checkout`,
      run: "click",
    },
    ProductScreen.customerIsSelected(client),
    ProductScreen.clickPayButton(),
    {
      content: "Charge the card on file",
      trigger: '.paymentmethods .salon-charge-card:contains("4242")',
      run: "click",
    },
    {
      content: "The desk is asked to confirm the amount",
      trigger: '.modal .modal-body:contains("30.00")',
    },
    Dialog.confirm("Charge"),
  ];
}

registry.category("web_tour.tours").add("salon_card_pos_tour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      {
        content: "Open today's appointments",
        trigger: ".salon-appointments-button",
        run: "click",
      },
      chargeCardOnFile("Carla Card"),
      // paid in full online: the order is validated
      ReceiptScreen.isShown(),
      ReceiptScreen.clickNextOrder(),
      {
        content: "Open today's appointments",
        trigger: ".salon-appointments-button",
        run: "click",
      },
      chargeCardOnFile("Dina Decline"),
      {
        content: "A decline says why and that another method can be taken",
        trigger:
          '.modal:has(.modal-header:contains("Card not charged")) .modal-body:contains("another payment method")',
      },
      Dialog.confirm(),
      PaymentScreen.clickPaymentMethod("Bank"),
      PaymentScreen.clickValidate(),
      ReceiptScreen.isShown(),
      ReceiptScreen.clickNextOrder(),
    ].flat(Infinity),
});

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The card on file charged at the desk (seed 002: the client pays at the
checkout what is not covered): the POS syncs the order, the server charges
the card off-session through Stripe (localstripe) as an online payment of
the order (pos_online_payment). A decline or an authentication the client
would have to give loses nothing: the order stays open for another payment
method."""

from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.pos_common import SalonPosCommon

from .stripe_common import LocalStripeMixin


@tagged("post_install", "-at_install")
class TestCardPos(LocalStripeMixin, SalonPosCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank = cls.company_data["default_journal_bank"]
        cls._setup_localstripe(cls.bank)
        cls.online = cls.env["pos.payment.method"].create(
            {
                "name": "Online",
                "is_online_payment": True,
                "online_payment_provider_ids": [cls.provider.id],
                "company_id": cls.company.id,
            }
        )
        cls.config.payment_method_ids += cls.online

    def setUp(self):
        super().setUp()
        self.open_new_session()
        self.appointment = self._appointment()
        self.appointment.action_salon_check_in()

    def _card(self, number="4242424242424242"):
        with self._localstripe():
            token = self._saved_card(number)
        self.appointment._salon_set_card(token)
        return token

    def _draft_order(self, cash=0.0):
        """The checkout as the desk syncs it before charging the card: the
        cut, maybe part paid in cash."""
        payments = [(self.cash_pm1, cash)] if cash else []
        data = self.create_ui_order_data(
            [(self.cut, 1)], customer=self.client, payments=payments
        )
        data.update(state="draft", salon_appointment_id=self.appointment.id)
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _charge(self, order):
        with self._localstripe():
            return order.salon_charge_card_on_file()

    def test_card_pays_the_order(self):
        token = self._card()
        self.assertEqual(self.appointment.salon_card_label, "•••• 4242")
        self.assertEqual(
            self.appointment.salon_pos_checkout_values()["salon_card_label"],
            "•••• 4242",
        )
        order = self._draft_order(cash=10.0)
        result = self._charge(order)
        self.assertEqual(result, {"state": "done", "message": False})
        # what was left (30.00 less 10.00 in cash) charged to the card
        transaction = (
            order.sudo()
            .env["payment.transaction"]
            .search([("pos_order_id", "=", order.id)])
        )
        self.assertRecordValues(
            transaction,
            [
                {
                    "operation": "offline",
                    "state": "done",
                    "amount": 20.0,
                    "token_id": token.id,
                    "salon_appointment_id": self.appointment.id,
                }
            ],
        )
        self.assertTrue(transaction.provider_reference.startswith("pi_"))
        self.assertTrue(
            transaction.reference.startswith(f"{self.appointment.salon_reference}-POS")
        )
        # the order is paid and validated: an online payment of 20.00
        self.assertEqual(order.state, "paid")
        self.assertRecordValues(
            order.payment_ids.sorted("amount"),
            [
                {"payment_method_id": self.cash_pm1.id, "amount": 10.0},
                {"payment_method_id": self.online.id, "amount": 20.0},
            ],
        )
        self.assertEqual(self.appointment.salon_state, "done")
        # the money is in the provider's journal, from the client
        payment = transaction.payment_id
        self.assertEqual(payment.journal_id, self.bank)
        self.assertEqual(payment.amount, 20.0)
        self.assertEqual(payment.pos_order_id, order)
        lines = payment.move_id.line_ids
        self.assertEqual(sum(lines.filtered("debit").mapped("debit")), 20.0)
        receivable = lines.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.credit, 20.0)
        self.assertEqual(receivable.partner_id, self.client)
        # the session closes with the sale in the books and the client's
        # receivable settled by the online payment
        self.pos_session.action_pos_session_closing_control()
        self.assertEqual(self.pos_session.state, "closed")
        sale = self.pos_session.move_id.line_ids.filtered(
            lambda line: line.account_id == self.sales_account
        )
        self.assertEqual(sum(sale.mapped("balance")), -30.0)
        client_lines = self.env["account.move.line"].search(
            [
                ("partner_id", "=", self.client.id),
                ("account_id", "=", receivable.account_id.id),
                ("parent_state", "=", "posted"),
            ]
        )
        self.assertEqual(sum(client_lines.mapped("balance")), 0.0)

    def test_charged_once(self):
        """A second click (or another till) charges nothing more: the order
        is shown paid."""
        self._card()
        order = self._draft_order()
        self._charge(order)
        self.assertEqual(self._charge(order), {"state": "done", "message": False})
        self.assertEqual(len(order.payment_ids), 1)
        self.assertEqual(
            self.env["payment.transaction"].search_count(
                [("pos_order_id", "=", order.id)]
            ),
            1,
        )
        # an order paid otherwise is refused
        cash = self._draft_order()
        cash.salon_appointment_id = False
        data = self.create_ui_order_data([(self.cut, 1)], customer=self.client)
        data.update(uuid=cash.uuid, access_token=cash.access_token)
        self.env["pos.order"].sync_from_ui([data])
        cash.salon_appointment_id = self.appointment
        with self.assertRaisesRegex(UserError, "paid"):
            self._charge(cash)

    def test_decline_keeps_the_order_open(self):
        self._card("4000000000000341")
        order = self._draft_order()
        result = self._charge(order)
        self.assertEqual(result["state"], "error")
        self.assertIn("declined", result["message"])
        self.assertIn("another payment method", result["message"])
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.payment_ids)
        self.assertEqual(self.appointment.salon_state, "checked_in")
        # the desk takes cash instead: the sale is not lost
        data = self.create_ui_order_data([(self.cut, 1)], customer=self.client)
        data.update(
            uuid=order.uuid,
            access_token=order.access_token,
            salon_appointment_id=self.appointment.id,
        )
        self.env["pos.order"].sync_from_ui([data])
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.payment_ids.payment_method_id, self.cash_pm1)
        self.assertEqual(self.appointment.salon_state, "done")

    def test_authentication_required(self):
        """A card whose bank asks the client to confirm each payment cannot
        be charged off-session: the staff is told, and may try again."""
        self._card("4000002760003184")
        order = self._draft_order()
        result = self._charge(order)
        self.assertEqual(result["state"], "error")
        self.assertIn("confirm this payment", result["message"])
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.payment_ids)
        # nothing under way: a new attempt is a new transaction
        self._charge(order)
        transactions = self.env["payment.transaction"].search(
            [("pos_order_id", "=", order.id)]
        )
        self.assertEqual(len(transactions), 2)
        self.assertEqual(len(set(transactions.mapped("reference"))), 2)

    def test_refused(self):
        order = self._draft_order()
        with self.assertRaisesRegex(UserError, "No card is on file"):
            self._charge(order)
        self._card()
        # a POS without an online payment method (its methods cannot change
        # while the session is open)
        PosConfig = type(self.env["pos.config"])
        with patch.object(
            PosConfig,
            "_get_cashier_online_payment_method",
            lambda config: config.env["pos.payment.method"],
        ):
            order.invalidate_recordset(["online_payment_method_id"])
            with self.assertRaisesRegex(UserError, "online payment method"):
                self._charge(order)
        order.invalidate_recordset(["online_payment_method_id"])
        walk_in = self.env["pos.order"].browse(order.id)
        walk_in.salon_appointment_id = False
        with self.assertRaisesRegex(UserError, "appointment"):
            self._charge(walk_in)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The no-show fee charged to the card on file: invoiced on the fee's income,
paid by an off-session payment of the token (payment_demo here; Stripe in
test_card_stripe), once whatever the retries; a declined card leaves the
invoice due."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import utc

from .common import SalonDepositCommon


@tagged("post_install", "-at_install")
class TestCardFee(SalonDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls._enable_demo_provider()
        cls.company.write(
            {
                "salon_deposit_enabled": False,
                "salon_card_mode": "optional",
                "salon_no_show_fee_type": "percent",
                "salon_no_show_fee_value": 50.0,
                "salon_fee_charge": "confirm",
            }
        )

    def _card(self, state="done"):
        return self.env["payment.token"].create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.env.ref("payment.payment_method_card").id,
                "partner_id": self.client.id,
                "provider_ref": "demo",
                "payment_details": "4242",
                "demo_simulated_state": state,
            }
        )

    def _guaranteed(self, state="done", day=0):
        appointment = self._book(utc(day, 9), self.cut)
        appointment._salon_set_card(self._card(state))
        self.assertEqual(appointment.salon_payment_state, "card")
        return appointment

    def test_fee_charged_after_confirmation_with_journal_items(self):
        appointment = self._guaranteed()
        self.assertFalse(appointment.salon_card_fee_to_charge)
        appointment.action_salon_no_show()
        # the salon confirms: nothing charged yet
        self.assertFalse(appointment.salon_card_transaction_ids)
        self.assertTrue(appointment.salon_card_fee_to_charge)
        self.assertEqual(appointment.salon_card_fee_amount, 18.15)
        # the desk charges it, without accounting rights
        desk = appointment.with_user(self.salon_user)
        self.assertTrue(desk.salon_card_fee_to_charge)
        action = desk.action_salon_charge_no_show_fee()
        self.assertEqual(action["params"]["type"], "success")
        transaction = appointment.salon_card_transaction_ids
        self.assertRecordValues(
            transaction,
            [
                {
                    "operation": "offline",
                    "state": "done",
                    "amount": 18.15,
                    "token_id": appointment.salon_card_token_id.id,
                }
            ],
        )
        self.assertTrue(transaction.reference.startswith(appointment.salon_reference))
        invoice = transaction.invoice_ids
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertIn(invoice, appointment.salon_invoice_ids)
        # the fee is income of the no-show fee, the receivable settled
        self.assertEqual(self._balance(self.fee_account), -18.15)
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.balance, 18.15)
        self.assertTrue(receivable.reconciled)
        self.assertEqual(transaction.payment_id.amount, 18.15)
        self.assertEqual(transaction.payment_id.journal_id, self.provider.journal_id)
        self.assertEqual(appointment.salon_payment_state, "paid")
        self.assertFalse(appointment.salon_card_fee_to_charge)
        # charged once: a retry (double click, two tabs) finds the charge
        self.assertEqual(appointment._salon_charge_no_show_fee(), transaction)
        self.assertEqual(len(appointment.salon_card_transaction_ids), 1)
        self.assertEqual(self._balance(self.fee_account), -18.15)

    def test_fee_charged_automatically(self):
        self.company.salon_fee_charge = "auto"
        appointment = self._guaranteed()
        appointment.action_salon_no_show()
        transaction = appointment.salon_card_transaction_ids
        self.assertEqual(transaction.state, "done")
        self.assertEqual(self._balance(self.fee_account), -18.15)

    def test_declined_card_leaves_the_invoice_due(self):
        appointment = self._guaranteed(state="error")
        appointment.action_salon_no_show()
        action = appointment.action_salon_charge_no_show_fee()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("was not charged", action["params"]["message"])
        failed = appointment.salon_card_transaction_ids
        self.assertEqual(failed.state, "error")
        invoice = failed.invoice_ids
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(appointment.salon_payment_state, "unpaid")
        self.assertEqual(self._balance(self.fee_account), -18.15)
        # still to charge: a new card, then the same invoice is paid
        self.assertTrue(appointment.salon_card_fee_to_charge)
        appointment.salon_card_token_id.demo_simulated_state = "done"
        retry = appointment._salon_charge_no_show_fee()
        self.assertNotEqual(retry, failed)
        self.assertEqual(retry.invoice_ids, invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        # one fee in the books, not two
        self.assertEqual(self._balance(self.fee_account), -18.15)

    def test_no_fee_without_card_or_no_show(self):
        appointment = self._book(utc(0, 9), self.cut)
        appointment.action_salon_no_show()
        self.assertFalse(appointment.salon_card_fee_to_charge)
        with self.assertRaises(UserError):
            appointment._salon_charge_no_show_fee()
        guaranteed = self._guaranteed(day=1)
        with self.assertRaises(UserError):
            guaranteed._salon_charge_no_show_fee()
        self.assertFalse(guaranteed.salon_card_transaction_ids)

    def test_staff_without_write_access_cannot_charge(self):
        appointment = self._guaranteed()
        appointment.action_salon_no_show()
        portal = self.env["res.users"].create(
            {
                "name": "Portal Pete",
                "login": "portal_pete",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaises(AccessError):
            appointment.with_user(portal).action_salon_charge_no_show_fee()
        self.assertFalse(appointment.salon_card_transaction_ids)

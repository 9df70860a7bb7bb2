# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The no-show fee charged to the card on file: invoiced on the fee's income,
paid by an off-session payment of the token (payment_demo here; Stripe in
test_card_stripe), once whatever the retries; a declined card leaves the
invoice due."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.misc import formatLang

from odoo.addons.salon_booking.tests.common import utc

from .common import SalonDepositCommon


class CardFeeCommon(SalonDepositCommon):
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


@tagged("post_install", "-at_install")
class TestCardFee(CardFeeCommon):
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
        action = desk.action_salon_charge_fee()
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
        self.assertEqual(appointment._salon_charge_fee(), transaction)
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
        action = appointment.action_salon_charge_fee()
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
        retry = appointment._salon_charge_fee()
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
            appointment._salon_charge_fee()
        guaranteed = self._guaranteed(day=1)
        with self.assertRaises(UserError):
            guaranteed._salon_charge_fee()
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
            appointment.with_user(portal).action_salon_charge_fee()
        self.assertFalse(appointment.salon_card_transaction_ids)


@tagged("post_install", "-at_install")
class TestLateCancellationFee(CardFeeCommon):
    """Tiered late-cancellation fees (e.g. 50 % under 24 hours, 100 % under 2
    hours), from the terms booked and the hour of the cancellation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["salon.cancellation.fee"].create(
            [
                {"company_id": cls.company.id, "hours": 24, "percent": 50.0},
                {"company_id": cls.company.id, "hours": 2, "percent": 100.0},
            ]
        )

    def _cancel_at(self, appointment, hours_before):
        with freeze_time(appointment.start - timedelta(hours=hours_before)):
            appointment.action_salon_cancel()

    def test_tiers_stored_and_shown(self):
        appointment = self._guaranteed()
        self.assertEqual(appointment.salon_card_late_fees, [[24, 50.0], [2, 100.0]])
        # a later change of the salon's tiers changes nothing booked
        self.company.salon_cancellation_fee_ids.filtered(
            lambda tier: tier.hours == 24
        ).percent = 80.0
        self.assertEqual(appointment.salon_card_late_fees, [[24, 50.0], [2, 100.0]])

        def money(amount):
            return formatLang(self.env, amount, currency_obj=self.company.currency_id)

        self.assertEqual(
            self.company._salon_card_terms_text(appointment._salon_card_terms(), 36.30),
            [
                f"If you do not come, the salon may charge {money(18.15)} (taxes "
                "included) to your card.",
                f"Cancelled less than 24 hours before: {money(18.15)}.",
                f"Cancelled less than 2 hours before: {money(36.30)}.",
            ],
        )

    def test_cancelled_in_time_costs_nothing(self):
        appointment = self._guaranteed()
        self._cancel_at(appointment, 30)
        self.assertEqual(appointment.salon_card_late_percent, 0.0)
        self.assertFalse(appointment.salon_card_fee_to_charge)
        with self.assertRaises(UserError):
            appointment._salon_charge_fee()

    def test_late_cancellation_charged_with_journal_items(self):
        appointment = self._guaranteed()
        self._cancel_at(appointment, 10)
        self.assertEqual(appointment.salon_card_late_percent, 50.0)
        self.assertEqual(appointment.salon_card_fee_amount, 18.15)
        self.assertTrue(appointment.salon_card_fee_to_charge)
        transaction = appointment._salon_charge_fee()
        self.assertEqual((transaction.state, transaction.amount), ("done", 18.15))
        line = transaction.invoice_ids.invoice_line_ids
        self.assertEqual(line.product_id, self.fee_product)
        self.assertIn("Late-cancellation fee", line.name)
        self.assertEqual(self._balance(self.fee_account), -18.15)
        self.assertEqual(appointment.salon_payment_state, "paid")

    def test_last_minute_cancellation_charged_automatically(self):
        self.company.salon_fee_charge = "auto"
        appointment = self._guaranteed()
        self._cancel_at(appointment, 1)
        self.assertEqual(appointment.salon_card_late_percent, 100.0)
        transaction = appointment.salon_card_transaction_ids
        self.assertEqual((transaction.state, transaction.amount), ("done", 36.30))
        self.assertEqual(self._balance(self.fee_account), -36.30)

    def test_tiers_grow_closer_to_the_start(self):
        with self.assertRaises(ValidationError):
            self.env["salon.cancellation.fee"].create(
                {"company_id": self.company.id, "hours": 48, "percent": 90.0}
            )

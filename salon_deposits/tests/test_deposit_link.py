# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deposits asked by payment link: the hold, the payment through Odoo's
payment framework (payment_demo), the expiry and late payments."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import utc

from .common import SalonDepositCommon


@tagged("post_install", "-at_install")
class TestDepositLink(SalonDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls._enable_demo_provider()
        cls.company.email = "salon@example.com"

    def setUp(self):
        super().setUp()
        # colour and cut, 108.90 taxes included; 30 %: 32.67; in two days
        self.now = utc(0, 8)
        with freeze_time(self.now):
            self.appointment = self._book(utc(2, 9), self.color | self.cut)
            self.deposit = self._ask_by_link(
                self.appointment.with_context(salon_no_mail=False)
            )

    def _deposit_mails(self, subject):
        """The messages emailed to the client on the deposit."""
        return self.deposit.message_ids.filtered(
            lambda message: subject.lower() in (message.subject or "").lower()
        )

    def test_link_holds_the_slot_and_emails_the_client(self):
        deposit = self.deposit
        self.assertRecordValues(
            deposit,
            [{"state": "pending", "channel": "link", "amount": 32.67}],
        )
        self.assertEqual(deposit.hold_until, self.now + timedelta(minutes=30))
        self.assertEqual(self.appointment.salon_deposit_hold_minutes, 30)
        self.assertEqual(self.appointment.salon_state, "on_hold")
        self.assertEqual(self.appointment.salon_state_label, "On Hold")
        # its payment status says what is awaited (an icon in agenda and POS)
        self.assertEqual(self.appointment.salon_payment_state, "deposit_pending")
        self.assertEqual(self.appointment.salon_payment_state_label, "Deposit Pending")
        self.assertEqual(self.appointment.salon_deposit_hold_until, deposit.hold_until)
        # it keeps the stylist's time
        self.assertTrue(self.appointment.salon_blocks_slot)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._book(utc(2, 9), self.cut, client=self.other_client)
        # no invoice until money comes: nothing owed in the books
        self.assertFalse(deposit.invoice_id)
        self.assertFalse(deposit.line_ids)
        mail = self._deposit_mails("Your deposit")
        self.assertEqual(len(mail), 1)
        self.assertIn(f"/salon/deposit/{deposit.id}?access_token=", mail.body)
        self.assertIn(deposit.access_token, mail.body)
        self.assertIn(self.client, mail.partner_ids)

    def test_paid_online_confirms_with_journal_items(self):
        with freeze_time(self.now + timedelta(minutes=10)):
            transaction = self._pay_online(self.deposit, self.provider)
        deposit = self.deposit
        self.assertTrue(transaction.reference.startswith(deposit.name))
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "paid",
                    "amount_paid": 32.67,
                    "amount_available": 32.67,
                    "hold_until": False,
                    "journal_id": self.provider.journal_id.id,
                    "payment_reference": transaction.reference,
                }
            ],
        )
        self.assertEqual(self.appointment.salon_state, "confirmed")
        self.assertEqual(self.appointment.salon_payment_state, "deposit")
        # the ledger points to the transaction; its payment settles the invoice
        paid = deposit.line_ids
        self.assertEqual(
            (paid.kind, paid.source_model, paid.source_id, paid.amount),
            ("paid", "payment.transaction", transaction.id, 32.67),
        )
        invoice = deposit.invoice_id
        self.assertEqual(transaction.invoice_ids, invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(transaction.payment_id.amount, 32.67)
        self.assertEqual(self._balance(self.deposits_account), -32.67)
        # the same notification again moves no money
        transaction._post_process()
        invoice._invoice_paid_hook()
        self.assertEqual(len(deposit.line_ids), 1)
        self.assertEqual(deposit.amount_paid, 32.67)
        self.assertTrue(self._deposit_mails("Deposit received"))

    def test_not_payable_once_paid_expired_or_under_way(self):
        deposit = self.deposit
        with freeze_time(self.now + timedelta(minutes=31)):
            with self.assertRaisesRegex(ValidationError, "time held"):
                deposit._salon_check_payable()
        with freeze_time(self.now + timedelta(minutes=5)):
            deposit._salon_check_payable()
            self.env["payment.transaction"].create(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.provider.payment_method_ids[:1].id,
                    "amount": deposit.amount,
                    "currency_id": deposit.currency_id.id,
                    "partner_id": deposit.partner_id.id,
                    "salon_deposit_ids": [fields.Command.set(deposit.ids)],
                }
            )._set_pending()
            with self.assertRaisesRegex(ValidationError, "already under way"):
                deposit._salon_check_payable()

    def test_hold_expires_and_frees_the_slot(self):
        Deposit = self.env["salon.deposit"]
        with freeze_time(self.now + timedelta(minutes=29)):
            self.assertEqual(Deposit._cron_expire_holds(), 0)
        self.assertEqual(self.deposit.state, "pending")
        self.assertEqual(self.appointment.salon_state, "on_hold")
        with freeze_time(self.now + timedelta(minutes=31)):
            self.assertEqual(Deposit._cron_expire_holds(), 1)
            # a second run finds nothing more to do
            self.assertEqual(Deposit._cron_expire_holds(), 0)
        self.assertRecordValues(
            self.deposit,
            [{"state": "expired", "hold_until": False, "amount_available": 0.0}],
        )
        expired = self.deposit.line_ids
        self.assertEqual((expired.kind, expired.amount), ("expired", 32.67))
        self.assertRecordValues(
            self.appointment,
            [
                {
                    "salon_state": "cancelled",
                    "salon_blocks_slot": False,
                    "salon_payment_state": "not_due",
                    "salon_amount_due": 0.0,
                    "salon_can_take_deposit": False,
                }
            ],
        )
        # the time is free again
        other = self._book(utc(2, 9), self.cut, client=self.other_client)
        self.assertTrue(other.salon_blocks_slot)
        # the salon is told, once
        Deposit._cron_notify_expired_holds()
        Deposit._cron_notify_expired_holds()
        mail = self.env["mail.mail"].search(
            [("subject", "=", "Appointments removed: deposit not paid")]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "salon@example.com")
        self.assertIn(self.appointment.salon_reference, mail.body_html)

    def test_late_payment_books_the_free_slot_again(self):
        with freeze_time(self.now + timedelta(minutes=31)):
            self.env["salon.deposit"]._cron_expire_holds()
        with freeze_time(self.now + timedelta(minutes=40)):
            self._pay_online(self.deposit, self.provider)
        self.assertEqual(self.deposit.state, "paid")
        self.assertEqual(self.deposit.amount_available, 32.67)
        self.assertEqual(self.appointment.salon_state, "confirmed")
        self.assertTrue(self.appointment.salon_blocks_slot)
        self.assertEqual(self.deposit.line_ids.mapped("kind"), ["expired", "paid"])
        self.assertTrue(
            self.env["mail.mail"].search([("subject", "ilike", "is booked again")])
        )

    def test_late_payment_refunded_when_the_slot_is_taken(self):
        with freeze_time(self.now + timedelta(minutes=31)):
            self.env["salon.deposit"]._cron_expire_holds()
        self._book(utc(2, 9), self.cut, client=self.other_client)
        with freeze_time(self.now + timedelta(minutes=40)):
            transaction = self._pay_online(self.deposit, self.provider)
        deposit = self.deposit
        self.assertEqual(self.appointment.salon_state, "cancelled")
        self.assertRecordValues(
            deposit,
            [{"state": "refunded", "amount_refunded": 32.67, "amount_available": 0}],
        )
        # refunded through the provider: a refund transaction, done
        refund = transaction.child_transaction_ids
        self.assertEqual(refund.operation, "refund")
        self.assertEqual(refund.state, "done")
        self.assertEqual(refund.amount, -32.67)
        refunded = deposit.line_ids.filtered(lambda line: line.kind == "refunded")
        self.assertEqual(
            (refunded.source_model, refunded.source_id),
            ("payment.transaction", refund.id),
        )
        # the credit note is paid back by the refund's payment
        credit_note = deposit.invoice_id.reversal_move_ids
        self.assertEqual(credit_note.amount_total, 32.67)
        self.assertEqual(refund.invoice_ids, credit_note)
        self.assertIn(credit_note.payment_state, ("paid", "in_payment"))
        self.assertEqual(refund.payment_id.payment_type, "outbound")
        self.assertEqual(self._balance(self.deposits_account), 0.0)
        self.assertEqual(self.appointment.salon_payment_state, "refunded")
        self.assertTrue(
            self.env["mail.mail"].search(
                [("subject", "ilike", "paid late and refunded")]
            )
        )

    def test_paid_in_the_salon_while_on_hold_is_refused(self):
        with self.assertRaisesRegex(UserError, "booked appointment"):
            self._take_deposit(self.appointment)

    def test_cancelled_by_the_salon_drops_the_link(self):
        self.appointment.action_salon_cancel()
        self.assertRecordValues(
            self.deposit, [{"state": "cancelled", "hold_until": False}]
        )
        with self.assertRaisesRegex(ValidationError, "cannot be paid"):
            self.deposit._salon_check_payable()
        # money arriving anyway goes back
        self._pay_online(self.deposit, self.provider)
        self.assertEqual(self.deposit.state, "refunded")
        self.assertEqual(self.appointment.salon_state, "cancelled")

    def test_link_needs_the_clients_email(self):
        self.other_client.email = False
        appointment = self._book(utc(3, 9), self.cut, client=self.other_client)
        with self.assertRaisesRegex(UserError, "no email address"):
            self._ask_by_link(appointment)
        self.assertEqual(appointment.salon_state, "booked")
        self.assertFalse(appointment.salon_deposit_ids)

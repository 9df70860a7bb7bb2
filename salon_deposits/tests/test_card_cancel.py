# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cancel with refund (seed 004): the appointment cancelled and everything
paid given back, in full, the cancellation and refund emails optional."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import utc

from .test_card_fee import CardFeeCommon


@tagged("post_install", "-at_install")
class TestCancelWithRefund(CardFeeCommon):
    def setUp(self):
        super().setUp()
        self.company.salon_deposit_enabled = True
        self.appointment = self._book(utc(0, 9), self.cut)
        self.deposit = self._take_deposit(self.appointment, amount=10.0)

    def _messages(self, record, subject):
        return record.message_ids.filtered(
            lambda message: subject.lower() in (message.subject or "").lower()
        )

    def _cancel_late(self, **values):
        """Cancelled by the salon after the deadline (a day before)."""
        wizard = self.env["salon.cancel.wizard"].create(
            {"appointment_id": self.appointment.id, **values}
        )
        self.assertEqual(wizard.amount_refundable, 10.0)
        with freeze_time(self.appointment.start - timedelta(hours=2)):
            wizard.action_confirm()

    def test_cancelled_and_refunded_in_full(self):
        self._cancel_late()
        self.assertEqual(self.appointment.salon_state, "cancelled")
        self.assertRecordValues(
            self.deposit, [{"state": "refunded", "amount_refunded": 10.0}]
        )
        self.assertEqual(self.appointment.salon_payment_state, "refunded")
        self.assertEqual(self._balance(self.deposits_account), 0.0)
        self.assertTrue(self._messages(self.appointment, "is cancelled"))
        self.assertTrue(self._messages(self.deposit, "is refunded"))

    def test_cancelled_quietly_without_refund(self):
        self._cancel_late(refund=False, email_cancellation=False)
        self.assertEqual(self.appointment.salon_state, "cancelled")
        # late: the deposit waits for the salon's decision
        self.assertEqual(self.deposit.state, "paid")
        self.assertTrue(self.appointment.salon_deposit_to_settle)
        self.assertFalse(self._messages(self.appointment, "is cancelled"))

    def test_refunded_without_emails(self):
        self._cancel_late(email_cancellation=False, email_refund=False)
        self.assertEqual(self.deposit.state, "refunded")
        self.assertFalse(self._messages(self.appointment, "is cancelled"))
        self.assertFalse(self._messages(self.deposit, "is refunded"))

    def test_salon_managers_only(self):
        with self.assertRaises(AccessError):
            self.env["salon.cancel.wizard"].with_user(self.salon_user).create(
                {"appointment_id": self.appointment.id}
            )
        self.assertEqual(self.appointment.salon_state, "confirmed")

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Refunds of an appointment's payments (seed 004), in full or in part: a
credit note of the amount (the services' taxes in proportion), paid back
through the provider for a card payment, by the journal otherwise; never
more than was paid less earlier refunds."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .test_card_fee import CardFeeCommon


@tagged("post_install", "-at_install")
class TestCardRefund(CardFeeCommon):
    def _charged(self):
        """A visit paid 36.30 with the card on file."""
        appointment = self._guaranteed()
        appointment.action_salon_check_in()
        appointment.action_salon_charge_card()
        self.assertEqual(appointment.salon_payment_state, "paid")
        return appointment

    def _refund(self, appointment, amount=None, **values):
        action = appointment.action_salon_refund()
        form = Form(self.env["salon.refund.wizard"].with_context(**action["context"]))
        for name, value in values.items():
            setattr(form, name, value)
        if amount is not None:
            form.amount = amount
        wizard = form.save()
        wizard.action_refund()
        return wizard

    def test_partial_then_full_refund_through_the_provider(self):
        appointment = self._charged()
        charge = appointment.salon_card_transaction_ids
        wizard = self._refund(appointment, 10.0)
        self.assertEqual(wizard.transaction_id, charge)
        refund = charge.child_transaction_ids
        # 10.00 is not a price plus 21 % at the cent: the closest below it
        self.assertRecordValues(
            refund, [{"operation": "refund", "state": "done", "amount": -9.99}]
        )
        credit_note = refund.invoice_ids
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.amount_total, 9.99)
        self.assertIn(credit_note.payment_state, ("paid", "in_payment"))
        self.assertEqual(refund.payment_id.payment_type, "outbound")
        # the services' revenue and taxes, in proportion
        self.assertEqual(self._balance(self.income), -21.74)
        self.assertEqual(self._balance(self.vat_account), -4.57)
        self.assertEqual(appointment.salon_payment_state, "partial_refund")
        self.assertEqual(appointment.salon_amount_refunded, 9.99)
        # never more than what is left
        with self.assertRaises(ValidationError):
            self._refund(appointment, 26.32)
        self.assertEqual(len(charge.child_transaction_ids), 1)
        self._refund(appointment, 26.31)
        self.assertEqual(appointment.salon_payment_state, "refunded")
        self.assertEqual(self._balance(self.income), 0.0)
        self.assertEqual(self._balance(self.vat_account), 0.0)
        # nothing left to refund
        with self.assertRaises(UserError):
            appointment.action_salon_refund()

    def test_paid_in_person_refunded_by_the_journal(self):
        appointment = self._guaranteed()
        appointment.action_salon_check_in()
        action = appointment.action_salon_mark_paid()
        self.env["account.payment.register"].with_context(**action["context"]).create(
            {"journal_id": self.cash.id}
        )._create_payments()
        wizard = self._refund(appointment, 5.0)
        self.assertFalse(wizard.transaction_id)
        self.assertEqual(wizard.journal_id, self.cash)
        credit_note = appointment.salon_invoice_ids.filtered(
            lambda move: move.move_type == "out_refund"
        )
        self.assertEqual(credit_note.amount_total, 5.0)
        self.assertIn(credit_note.payment_state, ("paid", "in_payment"))
        payment = credit_note.matched_payment_ids
        self.assertRecordValues(
            payment,
            [{"payment_type": "outbound", "amount": 5.0, "journal_id": self.cash.id}],
        )
        self.assertEqual(appointment.salon_payment_state, "partial_refund")

    def test_fee_refunded_in_part(self):
        appointment = self._guaranteed()
        appointment.action_salon_no_show()
        appointment.action_salon_charge_fee()
        self._refund(appointment, 8.15)
        self.assertEqual(self._balance(self.fee_account), -10.0)
        self.assertEqual(appointment.salon_payment_state, "partial_refund")

    def test_refund_must_be_positive_and_staff_only(self):
        appointment = self._charged()
        with self.assertRaises(ValidationError):
            self._refund(appointment, 0.0)
        # refunds are the salon manager's
        with self.assertRaises(AccessError):
            self.env["salon.refund.wizard"].with_user(self.salon_user).create(
                {
                    "appointment_id": appointment.id,
                    "invoice_id": appointment.salon_invoice_ids.id,
                    "amount": 1.0,
                }
            )
        self.assertFalse(appointment.salon_card_transaction_ids.child_transaction_ids)

    def test_nothing_to_refund(self):
        appointment = self._guaranteed()
        with self.assertRaises(UserError):
            appointment.action_salon_refund()

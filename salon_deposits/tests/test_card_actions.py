# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Payment status actions on an appointment (seed 004): charge the card on
file, charge by invoice (emailed, paid online), mark as paid (Odoo's payment
window); what the client owes is invoiced from the server's lines, less the
deposit."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import utc

from .test_card_fee import CardFeeCommon


@tagged("post_install", "-at_install")
class TestCardActions(CardFeeCommon):
    def _in_the_chair(self, state="done", deposit=None):
        appointment = self._guaranteed(state=state)
        if deposit:
            self.company.salon_deposit_enabled = True
            self._take_deposit(appointment, amount=deposit)
        appointment.action_salon_check_in()
        return appointment

    def test_charge_card_for_what_is_owed_with_journal_items(self):
        appointment = self._in_the_chair(deposit=10.0)
        self.assertEqual(appointment.salon_amount_due, 26.30)
        action = appointment.action_salon_charge_card()
        self.assertEqual(action["params"]["type"], "success")
        charge = appointment.salon_card_transaction_ids
        self.assertRecordValues(
            charge, [{"operation": "offline", "state": "done", "amount": 26.30}]
        )
        invoice = charge.invoice_ids
        self.assertIn(invoice, appointment.salon_invoice_ids)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        # the services are revenue, the deposit leaves the liability
        self.assertEqual(self._balance(self.income), -30.0)
        self.assertEqual(self._balance(self.vat_account), -6.30)
        self.assertEqual(self._balance(self.deposits_account), 0.0)
        self.assertEqual(appointment.salon_payment_state, "paid")
        self.assertEqual(appointment.salon_amount_due, 0.0)
        # once: a second click finds nothing left to charge
        with self.assertRaises(UserError):
            appointment.action_salon_charge_card()
        self.assertEqual(len(appointment.salon_card_transaction_ids), 1)

    def test_declined_card_then_charged_again(self):
        appointment = self._in_the_chair(state="error")
        action = appointment.action_salon_charge_card()
        self.assertEqual(action["params"]["type"], "warning")
        failed = appointment.salon_card_transaction_ids
        invoice = failed.invoice_ids
        self.assertEqual(failed.state, "error")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(appointment.salon_payment_state, "card")
        appointment.salon_card_token_id.demo_simulated_state = "done"
        appointment.action_salon_charge_card()
        retry = appointment.salon_card_transaction_ids - failed
        # the same invoice, paid once
        self.assertEqual(retry.invoice_ids, invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(len(appointment.salon_invoice_ids), 1)

    def test_charge_by_invoice(self):
        self.client.email = "marie@example.com"
        appointment = self._in_the_chair()
        appointment.action_salon_charge_by_invoice()
        invoice = appointment.salon_invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertTrue(invoice.is_move_sent)
        sent = invoice.message_ids.filtered(lambda m: invoice.name in (m.subject or ""))
        self.assertEqual(len(sent), 1)
        self.assertIn(self.client, sent.partner_ids)
        # the client pays it online later: the appointment is paid
        self._pay(invoice)
        self.assertEqual(appointment.salon_payment_state, "paid")

    def test_charge_by_invoice_needs_an_email(self):
        self.client.email = False
        appointment = self._in_the_chair()
        with self.assertRaises(UserError):
            appointment.action_salon_charge_by_invoice()

    def test_mark_as_paid_opens_odoos_payment_window(self):
        appointment = self._in_the_chair(deposit=10.0)
        action = appointment.action_salon_mark_paid()
        self.assertEqual(action["res_model"], "account.payment.register")
        invoice = appointment.salon_invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(action["context"]["active_model"], "account.move.line")
        lines = self.env["account.move.line"].browse(action["context"]["active_ids"])
        self.assertEqual(lines.move_id, invoice)
        self.env["account.payment.register"].with_context(**action["context"]).create(
            {"journal_id": self.cash.id}
        )._create_payments()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(appointment.salon_payment_state, "paid")
        self.assertFalse(appointment.salon_card_transaction_ids)

    def test_refused_for_missed_or_cancelled_appointments(self):
        missed = self._guaranteed()
        missed.action_salon_no_show()
        cancelled = self._guaranteed(day=1)
        cancelled.action_salon_cancel()
        for appointment in missed | cancelled:
            for action in (
                appointment.action_salon_charge_card,
                appointment.action_salon_charge_by_invoice,
                appointment.action_salon_mark_paid,
            ):
                with self.assertRaises(UserError):
                    action()
        self.assertFalse((missed | cancelled).salon_invoice_ids)

    def test_charge_card_needs_a_card(self):
        appointment = self._book(utc(2, 9), self.cut)
        appointment.action_salon_check_in()
        with self.assertRaises(UserError):
            appointment.action_salon_charge_card()
        self.assertFalse(appointment.salon_invoice_ids)

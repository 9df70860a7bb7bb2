# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import Form, tagged

from odoo.addons.salon_booking.tests.common import utc

from .common import SalonDepositCommon


@tagged("post_install", "-at_install")
class TestSalonDeposit(SalonDepositCommon):
    """Deposits taken in the salon: the ledger, the payment status and the
    journal items of each path."""

    def setUp(self):
        super().setUp()
        # colour and cut, 108.90 taxes included; 30 %: 32.67
        self.appointment = self._book(utc(0, 9), self.color | self.cut)

    def _receivable(self, move):
        return move.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )

    def test_confirm_with_payment(self):
        # the tests book without emails; the receptionist asks for this one
        self.appointment = self.appointment.with_context(salon_no_mail=False)
        deposit = self._take_deposit(self.appointment, send_email=True)
        self.assertEqual(self.appointment.salon_state, "confirmed")
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "paid",
                    "amount": 32.67,
                    "amount_paid": 32.67,
                    "amount_available": 32.67,
                    "channel": "salon",
                    "journal_id": self.cash.id,
                    "partner_id": self.client.id,
                }
            ],
        )
        self.assertTrue(deposit.name.startswith("DEP/"))
        # an advance: the deposit invoice books a liability, not revenue
        invoice = deposit.invoice_id
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.payment_state, self._paid_state(invoice))
        product_line = invoice.line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        self.assertEqual(product_line.account_id, self.deposits_account)
        self.assertEqual(self.deposits_account.account_type, "liability_current")
        self.assertEqual(product_line.credit, 32.67)
        self.assertFalse(product_line.tax_ids)
        self.assertTrue(self._receivable(invoice).reconciled)
        self.assertEqual(self._balance(self.deposits_account), -32.67)
        # the ledger points to the payment
        line = deposit.line_ids
        self.assertEqual(line.kind, "paid")
        payment = self.env["account.payment"].search([("move_id", "=", line.source_id)])
        self.assertEqual(line.source_model, "account.move")
        self.assertEqual(payment.journal_id, self.cash)
        self.assertEqual(payment.amount, 32.67)
        self.assertEqual(deposit.payment_reference, payment.name)
        # the payment status, from the facts
        self.assertEqual(self.appointment.salon_payment_state, "deposit")
        self.assertEqual(self.appointment.salon_amount_paid, 32.67)
        self.assertEqual(self.appointment.salon_amount_due, 76.23)
        self.assertEqual(self.client.salon_deposit_count, 1)
        mail = deposit.message_ids.filtered(
            lambda m: "deposit" in (m.subject or "").lower()
        )
        self.assertTrue(mail, "the client is emailed the deposit received")
        self.assertIn(self.client, mail.partner_ids)

    def _paid_state(self, invoice):
        # Odoo marks an invoice paid by a payment without an outstanding
        # account "paid", else "in_payment" until the bank statement
        return "paid" if invoice.payment_state == "paid" else "in_payment"

    def test_amount_edited_and_checked(self):
        wizard = (
            self.env["salon.deposit.wizard"]
            .with_context(default_appointment_id=self.appointment.id)
            .create({"journal_id": self.cash.id})
        )
        self.assertEqual(wizard.amount, 32.67)
        for amount, message in (
            (0.0, "more than zero"),
            (-5.0, "more than zero"),
            (108.91, "cannot be more than"),
        ):
            wizard.amount = amount
            with self.assertRaisesRegex(UserError, message):
                wizard.action_confirm()
        self.assertFalse(self.appointment.salon_deposit_ids)
        wizard.amount = 50.0
        wizard.action_confirm()
        # a double click takes nothing more
        with self.assertRaisesRegex(UserError, "already taken"):
            wizard.action_confirm()
        # a second deposit only up to the total
        with self.assertRaisesRegex(UserError, r"58\.90"):
            self._take_deposit(self.appointment, amount=60.0)
        self._take_deposit(self.appointment, amount=58.90)
        self.assertEqual(
            self.appointment.salon_deposit_ids.mapped("amount"), [58.90, 50.0]
        )
        self.assertEqual(self.appointment.salon_payment_state, "paid")
        self.assertEqual(self.appointment.salon_amount_due, 0.0)

    def test_not_for_a_cancelled_appointment(self):
        self.appointment.action_salon_cancel()
        with self.assertRaisesRegex(UserError, "booked appointment"):
            self._take_deposit(self.appointment)

    def test_deducted_on_the_invoice(self):
        deposit = self._take_deposit(self.appointment)
        self.appointment.action_salon_check_in()
        self.appointment.action_salon_done()
        self.appointment.action_salon_create_invoice()
        invoice = self.appointment.salon_invoice_ids
        deduction = invoice.invoice_line_ids.filtered("salon_deposit_id")
        self.assertEqual(deduction.salon_deposit_id, deposit)
        self.assertEqual(deduction.price_total, -32.67)
        invoice.action_post()
        self.assertEqual(invoice.amount_total, 76.23)
        # the services' revenue and taxes as sold; the advance is used up
        services = invoice.line_ids.filtered(
            lambda line: line.display_type == "product" and not line.salon_deposit_id
        )
        self.assertEqual(services.account_id, self.income)
        self.assertEqual(sum(services.mapped("credit")), 90.0)
        self.assertEqual(self._balance(self.vat_account), -18.9)
        self.assertEqual(deduction.account_id, self.deposits_account)
        self.assertEqual(deduction.debit, 32.67)
        self.assertEqual(self._balance(self.deposits_account), 0.0)
        self.assertRecordValues(
            deposit, [{"state": "applied", "amount_available": 0.0}]
        )
        applied = deposit.line_ids.filtered(lambda line: line.kind == "applied")
        self.assertEqual(
            (applied.source_model, applied.source_id, applied.amount),
            ("account.move", invoice.id, 32.67),
        )
        self.assertEqual(self.appointment.salon_payment_state, "deposit")
        self._pay(invoice)
        self.assertEqual(self.appointment.salon_payment_state, "paid")
        self.assertEqual(self.appointment.salon_amount_paid, 108.9)
        receivable = self._receivable(invoice).account_id
        self.assertEqual(self._balance(receivable, self.client), 0.0)

    def test_invoice_reset_or_reversed_gives_the_deposit_back(self):
        deposit = self._take_deposit(self.appointment)
        self.appointment.action_salon_create_invoice()
        invoice = self.appointment.salon_invoice_ids
        invoice.action_post()
        self.assertEqual(deposit.state, "applied")
        invoice.button_draft()
        self.assertRecordValues(deposit, [{"state": "paid", "amount_available": 32.67}])
        invoice.action_post()
        self.assertEqual(deposit.amount_available, 0.0)
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id})
        )
        reversal.refund_moves()
        credit_note = reversal.new_move_ids
        credit_note.action_post()
        self.assertRecordValues(deposit, [{"state": "paid", "amount_available": 32.67}])
        self.assertEqual(self._balance(self.deposits_account), -32.67)
        # and a second invoice deducts it again
        self.appointment.action_salon_create_invoice()
        second = self.appointment.salon_invoice_ids - invoice - credit_note
        second.action_post()
        self.assertEqual(second.amount_total, 76.23)
        self.assertEqual(deposit.state, "applied")
        # a copy of an invoice cannot use the deposit twice
        with self.assertRaisesRegex(UserError, r"has only .{0,3}0\.00 left"):
            second.copy().action_post()

    def test_no_show_retained(self):
        deposit = self._take_deposit(self.appointment)
        self.appointment.action_salon_no_show()
        self.assertTrue(deposit.to_settle)
        self.assertTrue(self.appointment.salon_deposit_to_settle)
        self.assertEqual(deposit.proposed_action, "retain")
        self.assertIn(
            deposit, self.env["salon.deposit"].search([("to_settle", "=", True)])
        )
        self.appointment.action_salon_retain_deposit()
        self.assertRecordValues(
            deposit,
            [{"state": "retained", "amount_retained": 32.67, "amount_available": 0}],
        )
        retained = deposit.line_ids.filtered(lambda line: line.kind == "retained")
        fee_invoice = self.env["account.move"].browse(retained.source_id)
        self.assertEqual(fee_invoice.state, "posted")
        self.assertEqual(fee_invoice.amount_total, 0.0)
        # the advance becomes no-show fee income
        self.assertEqual(self._balance(self.fee_account), -32.67)
        self.assertEqual(self._balance(self.deposits_account), 0.0)
        self.assertFalse(deposit.to_settle)
        self.assertEqual(self.appointment.salon_payment_state, "paid")
        self.assertEqual(self.appointment.salon_amount_paid, 32.67)
        with self.assertRaisesRegex(UserError, "can be retained only"):
            deposit.action_retain()
        with self.assertRaisesRegex(UserError, "nothing left to refund"):
            deposit.action_refund()

    def test_retained_fee_with_taxes_included(self):
        tax = self.env["account.tax"].create(
            {
                "name": "VAT 21% included (fee)",
                "amount": 21,
                "amount_type": "percent",
                "price_include_override": "tax_included",
            }
        )
        tax.invoice_repartition_line_ids.filtered(
            lambda line: line.repartition_type == "tax"
        ).account_id = self.vat_account
        self.fee_product.taxes_id = [Command.set(tax.ids)]
        deposit = self._take_deposit(self.appointment)
        self.appointment.action_salon_no_show()
        deposit.action_retain()
        fee_invoice = self.env["account.move"].browse(
            deposit.line_ids.filtered(lambda line: line.kind == "retained").source_id
        )
        self.assertEqual(fee_invoice.amount_total, 0.0)
        self.assertEqual(self._balance(self.fee_account), -27.0)
        self.assertEqual(self._balance(self.vat_account), -5.67)
        self.assertEqual(self._balance(self.deposits_account), 0.0)

    def test_retained_fee_refuses_taxes_on_top(self):
        self.fee_product.taxes_id = [Command.set(self.tax.ids)]
        deposit = self._take_deposit(self.appointment)
        self.appointment.action_salon_no_show()
        with self.assertRaisesRegex(UserError, "included in its price"):
            deposit.action_retain()
        self.assertEqual(deposit.state, "paid")

    def test_late_cancellation_refunded_by_the_same_journal(self):
        self.company.salon_deposit_no_show_action = "refund"
        appointment = self._book(utc(1, 9), self.cut)
        deposit = self._take_deposit(appointment, journal=self.bank)
        with freeze_time(utc(1, 8)):  # an hour before: after the deadline
            appointment.action_salon_cancel()
        self.assertEqual(deposit.state, "paid", "late: the salon decides")
        self.assertTrue(deposit.to_settle)
        self.assertEqual(deposit.proposed_action, "refund")
        # the tests book without emails; this refund is the client's
        appointment.with_context(salon_no_mail=False).action_salon_refund_deposit()
        self._assert_refunded(deposit, appointment, 10.89, self.bank)

    def _assert_refunded(self, deposit, appointment, amount, journal):
        self.assertRecordValues(
            deposit,
            [{"state": "refunded", "amount_refunded": amount, "amount_available": 0}],
        )
        refunded = deposit.line_ids.filtered(lambda line: line.kind == "refunded")
        payment = self.env["account.payment"].search(
            [("move_id", "=", refunded.source_id)]
        )
        self.assertEqual(payment.payment_type, "outbound")
        self.assertEqual(payment.journal_id, journal)
        self.assertEqual(payment.amount, amount)
        credit_note = deposit.invoice_id.reversal_move_ids
        self.assertEqual(credit_note.amount_total, amount)
        self.assertTrue(self._receivable(credit_note).reconciled)
        self.assertEqual(self._balance(self.deposits_account), 0.0)
        self.assertEqual(appointment.salon_payment_state, "refunded")
        self.assertEqual(appointment.salon_amount_paid, 0.0)
        self.assertEqual(appointment.salon_amount_refunded, amount)
        mail = deposit.message_ids.filtered(
            lambda m: "refunded" in (m.subject or "").lower()
        )
        self.assertTrue(mail, "the client is told")

    def test_cancelled_in_time_refunds_it(self):
        appointment = self._book(utc(2, 9), self.cut)
        deposit = self._take_deposit(appointment)
        with freeze_time(utc(0, 9)):  # two days before
            appointment.with_context(salon_no_mail=False).action_salon_cancel()
        self._assert_refunded(deposit, appointment, 10.89, self.cash)
        self.assertFalse(deposit.to_settle)

    def test_rescheduled_keeps_the_deposit(self):
        deposit = self._take_deposit(self.appointment)
        self.appointment.start = utc(3, 14)
        self.assertEqual(deposit.appointment_id, self.appointment)
        self.assertEqual(deposit.state, "paid")
        self.assertEqual(self.appointment.salon_deposit_available, 32.67)

    def test_refund_partly_used_deposit(self):
        deposit = self._take_deposit(self.appointment, amount=100.0)
        # the appointment shrinks to a cut: 36.30 deducted, 63.70 left
        self.appointment.salon_line_ids.filtered(
            lambda line: line.product_id == self.color
        ).unlink()
        self.appointment.action_salon_create_invoice()
        invoice = self.appointment.salon_invoice_ids
        invoice.action_post()
        self.assertEqual(invoice.amount_total, 0.0)
        self.assertRecordValues(
            deposit,
            [{"state": "paid", "amount_applied": 36.30, "amount_available": 63.70}],
        )
        deposit.action_refund()
        self.assertRecordValues(
            deposit, [{"state": "refunded", "amount_refunded": 63.70}]
        )
        self.assertEqual(deposit.invoice_id.reversal_move_ids.amount_total, 63.70)
        self.assertEqual(self._balance(self.deposits_account), 0.0)
        self.assertEqual(self._balance(self.income), -30.0)

    @freeze_time(utc(0, 7))
    def test_book_with_payment_from_the_assistant(self):
        form = Form(
            self.env["salon.booking.wizard"]
            .with_user(self.salon_user)
            .with_context(salon_no_mail=True)
        )
        form.partner_id = self.other_client
        form.date = utc(4, 9).date()
        form.product_ids.add(self.cut)
        with form.slot_ids.edit(0) as slot:
            slot.selected = True
        action = form.save().action_book_with_payment()
        self.assertEqual(action["res_model"], "salon.deposit.wizard")
        appointment = self.env["calendar.event"].browse(
            action["context"]["default_appointment_id"]
        )
        self.assertEqual(appointment.salon_partner_id, self.other_client)
        deposit = self._take_deposit(appointment.with_user(self.salon_user))
        self.assertEqual(deposit.amount, 10.89)
        self.assertEqual(deposit.state, "paid")

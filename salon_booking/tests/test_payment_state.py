# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import SalonAccountingCommon, utc


@tagged("post_install", "-at_install")
class TestPaymentState(SalonAccountingCommon):
    def _pay(self, invoice, amount):
        register = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount})
        )
        register._create_payments()

    def test_invoice_journal_items_and_paid(self):
        appointment = self._book(utc(0, 9), self.color | self.cut)  # 90 + 21% VAT
        appointment.action_salon_check_in()
        appointment.action_salon_done()
        self.assertEqual(appointment.salon_payment_state, "unpaid")
        appointment.action_salon_create_invoice()
        invoice = appointment.salon_invoice_ids
        self.assertEqual(invoice.partner_id, self.client)
        self.assertEqual(invoice.invoice_origin, appointment.salon_reference)
        invoice.action_post()
        lines = invoice.line_ids
        receivable = lines.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.debit, 108.9)
        product_lines = lines.filtered(lambda line: line.display_type == "product")
        self.assertEqual(product_lines.account_id, self.income)
        self.assertEqual(sum(product_lines.mapped("credit")), 90.0)
        self.assertEqual(lines.filtered("tax_line_id").credit, 18.9)
        self._pay(invoice, 50.0)
        self.assertEqual(appointment.salon_payment_state, "partial")
        self.assertEqual(appointment.salon_amount_due, 58.9)
        self._pay(invoice, 58.9)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertTrue(receivable.reconciled)
        self.assertEqual(appointment.salon_amount_paid, 108.9)
        self.assertEqual(appointment.salon_payment_state, "paid")
        with self.assertRaisesRegex(UserError, "already charged"):
            appointment.action_salon_create_invoice()

    def test_credit_note_unpays(self):
        appointment = self._book(utc(0, 9), self.cut)
        appointment.action_salon_create_invoice()
        invoice = appointment.salon_invoice_ids
        invoice.action_post()
        self._pay(invoice, invoice.amount_total)
        self.assertEqual(appointment.salon_payment_state, "paid")
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id})
        )
        credit_note = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        credit_note.action_post()
        appointment.salon_invoice_ids = [Command.link(credit_note.id)]
        self._pay(credit_note, credit_note.amount_total)
        self.assertEqual(appointment.salon_amount_paid, 0.0)
        self.assertEqual(appointment.salon_amount_refunded, invoice.amount_total)
        self.assertEqual(appointment.salon_payment_state, "refunded")

    def test_missed_appointment_not_invoiced(self):
        appointment = self._book(utc(0, 9), self.cut)
        appointment.action_salon_no_show()
        with self.assertRaisesRegex(UserError, "has the status No-Show"):
            appointment.action_salon_create_invoice()

    def test_form_booking(self):
        form = Form(
            self.env["calendar.event"].with_context(
                salon_no_mail=True, default_salon_is_appointment=True
            ),
            view="salon_booking.calendar_event_salon_view_form",
        )
        form.salon_partner_id = self.client
        form.salon_employee_id = self.thomas
        form.start = utc(0, 15)
        with form.salon_line_ids.new() as line:
            line.product_id = self.cut
        with form.salon_line_ids.new() as line:
            line.product_id = self.blowdry
        appointment = form.save()
        self.assertEqual(appointment.stop, utc(0, 16))
        self.assertEqual(appointment.salon_amount_total, 60.5, "50.00 + 21 % tax")
        self.assertEqual(appointment.salon_line_ids.mapped("price_unit"), [30.0, 20.0])

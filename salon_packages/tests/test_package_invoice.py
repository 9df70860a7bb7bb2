# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Packages on invoices: the sale is an advance (deferred revenue), each
session used becomes revenue, journal items included."""

from datetime import date

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import utc

from .common import SalonPackageCommon

START = date(2026, 3, 1)


@tagged("post_install", "-at_install")
class TestPackageInvoice(SalonPackageCommon):
    def _sell_by_invoice(self, quantity=1):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.client.id,
                "invoice_date": START,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.five_cuts.salon_product_id.id,
                            "quantity": quantity,
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def _pay(self, invoice):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()

    def _items(self, move, account):
        return [
            (line.debit, line.credit)
            for line in move.line_ids.filtered(lambda line: line.account_id == account)
        ]

    def test_sale_is_an_advance_and_payment_gives_the_package(self):
        invoice = self._sell_by_invoice()
        self.assertEqual(self._items(invoice, self.prepaid), [(0.0, 100.0)])
        self.assertFalse(self.client.salon_package_card_ids)
        self._pay(invoice)
        card = self.client.salon_package_card_ids
        self.assertEqual(len(card), 1)
        self.assertEqual(card.salon_amount, 100.0)
        self.assertEqual(card.salon_invoice_line_id, invoice.invoice_line_ids)
        self.assertEqual(card.salon_start_date, START)
        issued = card.history_ids
        self.assertEqual(issued.order_model, "account.move")
        self.assertEqual(issued.order_id, invoice.id)
        self.assertEqual(issued.issued, 5)
        # a paid hook run twice gives nothing more
        invoice._invoice_paid_hook()
        self.assertEqual(len(self.client.salon_package_card_ids), 1)

    def test_two_packages_on_one_line(self):
        self._pay(self._sell_by_invoice(quantity=2))
        self.assertEqual(len(self.client.salon_package_card_ids), 2)
        self.assertEqual(self.client.salon_package_card_ids.mapped("points"), [5, 5])

    def test_session_used_on_the_appointment_invoice_is_revenue(self):
        self._pay(self._sell_by_invoice())
        card = self.client.salon_package_card_ids
        appointment = self._book(utc(0, 9), self.cut | self.blowdry)
        invoice = appointment._salon_create_invoice()
        cut_line = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.cut
        )
        self.assertEqual(cut_line.discount, 100.0)
        self.assertEqual(cut_line.salon_package_card_id, card)
        self.assertIn("Included in my package 5 cuts", cut_line.name)
        invoice.action_post()
        self.assertEqual(self._balance(card), 4)
        used = card.history_ids.filtered(lambda h: h.salon_kind == "used")
        self.assertEqual(
            (used.order_model, used.order_id), ("account.move", invoice.id)
        )
        self.assertEqual(used.salon_event_id, appointment)
        # a fifth of the price paid moves from the advance to the revenue
        entry = used.salon_move_id
        self.assertEqual(entry.state, "posted")
        self.assertEqual(self._items(entry, self.prepaid), [(20.0, 0.0)])
        self.assertEqual(self._items(entry, self.income), [(0.0, 20.0)])
        # the invoice asks only the blow-dry, taxes included
        self.assertAlmostEqual(invoice.amount_total, 24.2)
        # a credit note of the invoice gives the session back, and its revenue
        reversal = invoice._reverse_moves(cancel=True)
        self.assertEqual(reversal.state, "posted")
        self.assertEqual(self._balance(card), 5)
        back = card.history_ids.filtered(lambda h: h.salon_kind == "returned")
        self.assertEqual(back.salon_reverses_id, used)
        self.assertEqual(self._items(back.salon_move_id, self.prepaid), [(0.0, 20.0)])
        self.assertEqual(self._items(back.salon_move_id, self.income), [(20.0, 0.0)])

    def test_credit_note_reset_to_draft_uses_the_session_again(self):
        card = self._package(start=START, amount=100.0)
        invoice = self._book(utc(0, 9), self.cut)._salon_create_invoice()
        invoice.action_post()
        credit_note = invoice._reverse_moves()
        credit_note.action_post()
        self.assertEqual(self._balance(card), 5)
        credit_note.button_draft()
        self.assertEqual(self._balance(card), 4)
        used = card.history_ids.filtered(
            lambda h: h.salon_kind == "used" and not h.salon_reversed_by_ids
        )
        self.assertEqual(
            (used.order_model, used.order_id), ("account.move", invoice.id)
        )
        # its revenue again: two entries recognised, one reversed
        recognised = card.history_ids.salon_move_id.line_ids.filtered(
            lambda line: line.account_id == self.income
        )
        self.assertEqual(
            sum(recognised.mapped("credit")) - sum(recognised.mapped("debit")), 20.0
        )
        credit_note.action_post()
        self.assertEqual(self._balance(card), 5)
        # nothing left: the credit note stays posted
        credit_note.button_draft()
        for _session in range(4):
            card._salon_use(self.cut)
        credit_note.action_post()
        self.assertEqual(self._balance(card), 1)
        card._salon_use(self.cut)
        with self.assertRaisesRegex(UserError, "No session of Cut is left"):
            credit_note.button_draft()
        self.assertEqual(credit_note.state, "posted")

    def test_invoice_with_no_session_left_is_not_posted(self):
        card = self._package(start=START)
        appointment = self._book(utc(0, 9), self.cut)
        invoice = appointment._salon_create_invoice()
        for _session in range(5):
            card._salon_use(self.cut)
        with self.assertRaisesRegex(UserError, "No session of Cut is left"):
            invoice.action_post()
        self.assertEqual(card.points, 0)

    def test_draft_again_gives_back_then_uses_again(self):
        card = self._package(start=START)
        invoice = self._book(utc(0, 9), self.cut)._salon_create_invoice()
        invoice.action_post()
        self.assertEqual(self._balance(card), 4)
        invoice.button_draft()
        self.assertEqual(self._balance(card), 5)
        invoice.action_post()
        self.assertEqual(self._balance(card), 4)

    def test_refund_of_the_sale_cancels_the_sessions_left(self):
        invoice = self._sell_by_invoice()
        self._pay(invoice)
        card = self.client.salon_package_card_ids
        card._salon_use(self.cut)
        credit_note = invoice._reverse_moves()
        credit_note.action_post()
        self.assertEqual(card.salon_state, "cancelled")
        self.assertEqual(card.points, 0)
        cancelled = card.history_ids.filtered(lambda h: h.salon_kind == "cancelled")
        self.assertEqual(cancelled.used, 4)
        self.assertEqual(cancelled.order_id, credit_note.id)
        # the credit note takes the advance back; no revenue for what is cancelled
        self.assertEqual(self._items(credit_note, self.prepaid), [(100.0, 0.0)])
        self.assertFalse(cancelled.salon_move_id)
        self.assertFalse(card._salon_is_valid_on(START))

    def test_discovery_paid_twice_keeps_the_payment(self):
        self.five_cuts.salon_discovery = True
        first, second = self._sell_by_invoice(), self._sell_by_invoice()
        self._pay(first)
        self._pay(second)
        self.assertEqual(second.payment_state, "paid")
        self.assertEqual(len(self.client.salon_package_card_ids), 1)
        self.assertIn("No package was given for", second.message_ids[0].body)
        self.assertIn("once per client", second.message_ids[0].body)

    def test_unused_sessions_refunded_pro_rata(self):
        self.five_cuts.salon_product_id.taxes_id = self.tax
        invoice = self._sell_by_invoice()
        self.assertAlmostEqual(invoice.amount_total, 121.0)
        self._pay(invoice)
        card = self.client.salon_package_card_ids
        card._salon_use(self.cut)
        card._salon_use(self.cut)
        card.action_salon_refund_unused()
        self.assertEqual(card.salon_state, "cancelled")
        self.assertEqual(card.points, 0)
        refunded = card.history_ids.filtered(lambda h: h.salon_kind == "refunded")
        self.assertEqual(refunded.used, 3)
        credit_note = self.env["account.move"].browse(refunded.order_id)
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.partner_id, self.client)
        # three fifths of the price, and its taxes, back to the client
        self.assertAlmostEqual(credit_note.amount_untaxed, 60.0)
        self.assertAlmostEqual(credit_note.amount_total, 72.6)
        product_line = credit_note.line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        self.assertEqual(product_line.account_id, self.prepaid)
        self.assertEqual((product_line.debit, product_line.credit), (60.0, 0.0))
        # the advance is settled: 40 recognised, 60 refunded
        recognised = card.history_ids.salon_move_id.line_ids.filtered(
            lambda line: line.account_id == self.prepaid
        )
        self.assertEqual(sum(recognised.mapped("debit")), 40.0)
        with self.assertRaisesRegex(UserError, "no unused session"):
            card.action_salon_refund_unused()

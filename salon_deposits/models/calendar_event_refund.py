# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    def action_salon_refund(self):
        """Give back all or part of a payment (the wizard asks which)."""
        self.ensure_one()
        wizard = self.env["salon.refund.wizard"].new({"appointment_id": self.id})
        if not wizard.refundable_invoice_ids:
            raise UserError(
                self.env._(
                    "No payment of %(appointment)s is left to refund here: a "
                    "deposit is refunded from the deposit, a Point of Sale order "
                    "from the Point of Sale.",
                    appointment=self.salon_reference,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refund"),
            "res_model": "salon.refund.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_appointment_id": self.id},
        }

    def _salon_credit_note(self, invoice, amount):
        """A posted credit note of ``amount`` (taxes included) of ``invoice``:
        the whole invoice, or its services in proportion, each with its taxes;
        a deposit deducted on the invoice stays applied. Unit prices have the
        product price's precision: with taxes added to them, the credit note
        may come to a cent less than ``amount`` (never more).

        :return: the credit note
        """
        self.ensure_one()
        currency = invoice.currency_id
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "journal_id": invoice.journal_id.id,
                    "reason": self.env._(
                        "Refund of %(appointment)s", appointment=self.salon_reference
                    ),
                }
            )
        )
        reversal.refund_moves()
        credit_note = reversal.new_move_ids
        if currency.compare_amounts(amount, credit_note.amount_total) < 0:
            lines = credit_note.invoice_line_ids
            services = lines.filtered(lambda line: line.price_subtotal > 0)
            (lines - services).unlink()
            ratio = amount / sum(services.mapped("price_total"))
            for line in services:
                line.price_unit *= ratio
            # unit prices have the product price's precision: the total the
            # taxes allow closest to the amount, never above it
            largest = max(services, key=lambda line: line.price_total)
            step = 10 ** -self.env["decimal.precision"].precision_get("Product Price")
            for _attempt in range(10):
                gap = currency.compare_amounts(credit_note.amount_total, amount)
                if gap > 0:
                    largest.price_unit -= step
                    continue
                largest.price_unit += step
                if currency.compare_amounts(credit_note.amount_total, amount) > 0:
                    largest.price_unit -= step
                    break
        credit_note.action_post()
        return credit_note

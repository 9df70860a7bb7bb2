# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models
from odoo.fields import Command

from odoo.addons.salon_booking.models.salon_coverage import Coverage

from .salon_coverage import MEMBERSHIP_PRIORITY


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    @api.model
    def _salon_is_membership_coverage(self, coverage):
        record = coverage.record if coverage else None
        return bool(
            record
            and record._name == "loyalty.card"
            and record.program_id.salon_membership
        )

    @api.model
    def _salon_coverage_discount(self, line, coverage):
        # the credit is a line of its own (the service keeps its price and
        # taxes: spent credit is the service's revenue)
        if self._salon_is_membership_coverage(coverage):
            return 0.0
        return super()._salon_coverage_discount(line, coverage)

    def _salon_membership_credit_lines(self, coverages):
        """``{card: amount}`` of the credit the coverages spend."""
        amounts = defaultdict(float)
        for coverage in coverages.values():
            if self._salon_is_membership_coverage(coverage):
                amounts[coverage.record] += coverage.amount
        return amounts

    def _salon_membership_credit_label(self, card, amount):
        left = card.currency_id.round(card.points - amount)
        return self.env._(
            "Membership credit, %(left)s left after this visit",
            left=card.currency_id.format(left),
        )

    def _salon_prepare_pos_extra_lines(self, coverages):
        lines = super()._salon_prepare_pos_extra_lines(coverages)
        product = self.salon_company_id._salon_membership_product()
        for card, amount in self._salon_membership_credit_lines(coverages).items():
            lines.append(
                {
                    "product_id": product.id,
                    "qty": 1,
                    "price_unit": -amount,
                    "discount": 0.0,
                    "salon_appointment_line_id": False,
                    "salon_pos_membership_card": card.id,
                    "customer_note": self._salon_membership_credit_label(card, amount),
                }
            )
        return lines

    def _salon_promise_pos_coverage(self, order):
        """The credit line of the order pays the services it was applied to:
        kept on the lines (the appointment is settled with it)."""
        result = super()._salon_promise_pos_coverage(order)
        Card = self.env["loyalty.card"].sudo()
        for credit_line in order.lines.filtered(
            lambda line: line.salon_pos_membership_card and line.qty > 0
        ):
            card = Card.browse(credit_line.salon_pos_membership_card).exists()
            left = -credit_line.price_subtotal_incl
            promised = {}
            for pos_line in order.lines.filtered(
                lambda line: line.salon_appointment_line_id in self.salon_line_ids
            ):
                appointment_line = pos_line.salon_appointment_line_id
                amount = card.currency_id.round(min(pos_line.price_subtotal_incl, left))
                if not card or appointment_line.coverage_model or amount <= 0:
                    continue
                promised[appointment_line.id] = Coverage(
                    card,
                    amount,
                    self.env._("Paid with my membership credit"),
                    MEMBERSHIP_PRIORITY,
                )
                left -= amount
            self._salon_promise_coverage(promised)
        return result

    def _salon_prepare_invoice_extra_lines(self, coverages):
        lines = super()._salon_prepare_invoice_extra_lines(coverages)
        product = self.salon_company_id._salon_membership_product()
        for card, amount in self._salon_membership_credit_lines(coverages).items():
            lines.append(
                {
                    "product_id": product.id,
                    "name": self._salon_membership_credit_label(card, amount),
                    "quantity": 1,
                    "price_unit": -amount,
                    "tax_ids": [Command.clear()],
                    "salon_membership_card_id": card.id,
                }
            )
        return lines

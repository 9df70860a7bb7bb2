# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang


class PosOrder(models.Model):
    _inherit = "pos.order"

    salon_deposit_appointment_id = fields.Many2one(
        "calendar.event",
        string="Deposit For",
        index="btree_not_null",
        copy=False,
        readonly=True,
        domain=[("salon_is_appointment", "=", True)],
        help="The appointment whose deposit this order collected.",
    )

    def _salon_deposit_lines_total(self):
        product = self.company_id.salon_deposit_product_id
        lines = self.lines.filtered(lambda line: line.product_id == product)
        return sum(lines.mapped("price_subtotal_incl"))

    def _salon_collect_deposit(self):
        """A paid order collected the deposit of an appointment ("Deposit" at
        the desk): the deposit, paid, with the order as its source; the
        session books the order's line on the customer deposits account."""
        appointment = self.salon_deposit_appointment_id
        amount = self.currency_id.round(self._salon_deposit_lines_total())
        Deposit = self.env["salon.deposit"].sudo()
        if (
            Deposit.search_count(
                [
                    ("appointment_id", "=", appointment.id),
                    ("line_ids.source_id", "=", self.id),
                    ("line_ids.source_model", "=", "pos.order"),
                ]
            )
            or not self.currency_id.compare_amounts(amount, 0) > 0
        ):
            return
        deposit = Deposit.create(
            {
                "appointment_id": appointment.id,
                "amount": amount,
                "channel": "pos",
                "employee_id": self.employee_id.id,
                "journal_id": self.payment_ids.payment_method_id.journal_id[:1].id,
            }
        )
        deposit._salon_record("paid", amount, self, self.name)
        if appointment.salon_state == "booked":
            appointment._salon_change_state("confirmed")

    def _salon_refund_collected_deposit(self):
        """A refund of an order that collected a deposit gives it back."""
        origin = self.refunded_order_id
        amount = -self.currency_id.round(self._salon_deposit_lines_total())
        deposit = origin.salon_deposit_appointment_id.salon_deposit_ids.sudo().filtered(
            lambda d: (
                origin.id
                in d.line_ids.filtered(
                    lambda line: (
                        line.kind == "paid" and line.source_model == "pos.order"
                    )
                ).mapped("source_id")
            )
        )
        if deposit and self.currency_id.compare_amounts(amount, 0) > 0:
            deposit._salon_lock()
            deposit._salon_record_refund(
                min(amount, deposit.amount_available), self, self.name
            )

    def _salon_process_paid_order(self):
        """The deposit line of a paid order (negative: the checkout deducted
        it; positive: a refund gives it back) moves the appointment's
        deposits. The POS books the line on the deposit product's account,
        so the advance leaves the liability as on an invoice."""
        result = super()._salon_process_paid_order()
        if self.salon_deposit_appointment_id:
            self._salon_collect_deposit()
            return result
        if self.refunded_order_id.salon_deposit_appointment_id:
            self._salon_refund_collected_deposit()
            return result
        appointment = self.salon_appointment_id
        product = self.company_id.salon_deposit_product_id
        if not appointment or not product:
            return result
        lines = self.lines.filtered(lambda line: line.product_id == product)
        amount = -sum(lines.mapped("price_subtotal_incl"))
        currency = self.currency_id
        deposits = appointment.salon_deposit_ids.sudo().sorted("id")
        if currency.compare_amounts(amount, 0) > 0:
            for deposit in deposits.filtered(
                lambda d: d.state == "paid" and d.amount_available
            ):
                part = min(deposit.amount_available, amount)
                deposit._salon_apply(self, part)
                amount = currency.round(amount - part)
                if currency.is_zero(amount):
                    break
            if not currency.is_zero(amount):
                raise UserError(
                    self.env._(
                        "%(order)s deducts %(amount)s more deposit than "
                        "%(appointment)s has.",
                        order=self.name,
                        amount=formatLang(self.env, amount, currency_obj=currency),
                        appointment=appointment.salon_reference,
                    )
                )
        elif currency.compare_amounts(amount, 0) < 0:
            # a refund of the checkout: what it deducted is available again
            given_back = -amount
            for deposit in deposits.filtered(lambda d: d.amount_applied):
                part = min(deposit.amount_applied, given_back)
                deposit._salon_restore(self, part)
                given_back = currency.round(given_back - part)
                if currency.is_zero(given_back):
                    break
        return result

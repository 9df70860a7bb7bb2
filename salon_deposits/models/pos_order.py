# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang


class PosOrder(models.Model):
    _inherit = "pos.order"

    def _salon_process_paid_order(self):
        """The deposit line of a paid order (negative: the checkout deducted
        it; positive: a refund gives it back) moves the appointment's
        deposits. The POS books the line on the deposit product's account,
        so the advance leaves the liability as on an invoice."""
        result = super()._salon_process_paid_order()
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

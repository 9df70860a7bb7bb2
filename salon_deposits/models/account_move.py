# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    salon_deposit_id = fields.Many2one(
        "salon.deposit",
        index="btree_not_null",
        readonly=True,
        # a credit note reversing a deduction gives the deposit back
        copy=True,
    )


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft)
        for move in posted:
            lines = move.invoice_line_ids.filtered("salon_deposit_id")
            for line in lines:
                amount = abs(line.price_total)
                if move.move_type == "out_invoice":
                    line.salon_deposit_id._salon_apply(move, amount)
                elif move.move_type == "out_refund":
                    line.salon_deposit_id._salon_restore(move, amount)
        return posted

    def button_draft(self):
        posted = self.filtered(lambda move: move.state == "posted")
        result = super().button_draft()
        lines = posted.invoice_line_ids.filtered("salon_deposit_id")
        for deposit in lines.salon_deposit_id:
            deposit._salon_forget(posted)
        return result

    def _invoice_paid_hook(self):
        result = super()._invoice_paid_hook()
        deposits = (
            self.env["salon.deposit"].sudo().search([("invoice_id", "in", self.ids)])
        )
        deposits._salon_on_invoice_paid()
        return result

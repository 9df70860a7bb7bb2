# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    salon_membership_card_id = fields.Many2one(
        "loyalty.card",
        string="Membership Credit Spent",
        index="btree_not_null",
        help="The member's wallet this (negative) line spends.",
    )


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        for move in posted.filtered(lambda m: m.move_type == "out_invoice"):
            move._salon_spend_membership_credit()
        for move in posted.filtered(
            lambda m: m.move_type == "out_refund" and m.reversed_entry_id
        ):
            move._salon_give_back_membership_credit(move.reversed_entry_id)
        return posted

    def button_draft(self):
        # an invoice reset to draft gives its credit back; posting it spends
        # it again
        for move in self.filtered(
            lambda m: m.state == "posted" and m.move_type == "out_invoice"
        ):
            move._salon_give_back_membership_credit(move)
        return super().button_draft()

    def _salon_membership_uses(self):
        return (
            self.env["loyalty.history"]
            .sudo()
            .search(
                [
                    ("order_model", "=", "account.move"),
                    ("order_id", "=", self.id),
                    ("salon_membership_kind", "=", "used"),
                    ("salon_membership_reversed_by_ids", "=", False),
                ]
            )
        )

    def _salon_spend_membership_credit(self):
        """Each credit line spends the member's credit (refused, the invoice
        is not posted: the balance never goes below zero)."""
        self.ensure_one()
        lines = self.invoice_line_ids.filtered("salon_membership_card_id")
        if not lines or self._salon_membership_uses():
            return
        appointment = (
            self.env["calendar.event"]
            .sudo()
            .search([("salon_invoice_ids", "in", self.ids)], limit=1)
        )
        for line in lines:
            line.salon_membership_card_id._salon_credit_use(
                -line.price_total, origin=self, event=appointment or None
            )

    def action_salon_apply_membership_credit(self):
        """Draft invoice of a member: a credit line pays its eligible lines,
        up to the credit left (spent when the invoice is posted)."""
        self.ensure_one()
        if self.state != "draft" or self.move_type != "out_invoice":
            raise UserError(
                self.env._("The credit applies to a draft customer invoice.")
            )
        product = self.company_id._salon_membership_product()
        self.invoice_line_ids.filtered("salon_membership_card_id").unlink()
        credit = self.env["salon.membership"]._salon_credit_offer(
            self.partner_id,
            self.company_id,
            [
                {"product_id": line.product_id.id, "amount": line.price_total}
                for line in self.invoice_line_ids.filtered("product_id")
            ],
        )
        card = credit["card_id"]
        self.write(
            {
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": credit["label"],
                            "quantity": 1,
                            "price_unit": -credit["amount"],
                            "tax_ids": [Command.clear()],
                            "salon_membership_card_id": card.id,
                        }
                    )
                ]
            }
        )
        return True

    def _salon_give_back_membership_credit(self, invoice):
        uses = invoice._salon_membership_uses()
        if uses:
            uses.card_id[:1]._salon_credit_give_back(uses, origin=self)

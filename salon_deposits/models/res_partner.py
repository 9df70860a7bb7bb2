# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    salon_deposit_ids = fields.One2many(
        "salon.deposit", "partner_id", string="Deposits", readonly=True
    )
    salon_deposit_count = fields.Integer(
        string="Number of Deposits", compute="_compute_salon_deposit_count"
    )

    def _compute_salon_deposit_count(self):
        counts = dict(
            self.env["salon.deposit"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.salon_deposit_count = counts.get(partner, 0)

    def action_salon_open_deposits(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "salon_deposits.salon_deposit_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

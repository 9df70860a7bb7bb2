# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .loyalty_program import PACKAGE


class ResPartner(models.Model):
    _inherit = "res.partner"

    salon_package_card_ids = fields.One2many(
        "loyalty.card",
        "partner_id",
        string="Packages",
        domain=[("program_id.program_type", "=", PACKAGE)],
        context={"active_test": False},
    )
    salon_package_count = fields.Integer(
        string="Active Packages", compute="_compute_salon_package_count"
    )

    def _compute_salon_package_count(self):
        counts = dict(
            self.env["loyalty.card"]._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("program_id.program_type", "=", PACKAGE),
                    ("salon_state", "=", "active"),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.salon_package_count = counts.get(partner, 0)

    def action_salon_assign_package(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign a Package"),
            "res_model": "salon.package.assign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

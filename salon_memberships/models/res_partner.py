# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    salon_membership_ids = fields.One2many(
        "salon.membership", "partner_id", string="Memberships"
    )
    salon_membership_count = fields.Integer(
        string="Membership Count", compute="_compute_salon_membership_count"
    )

    @api.depends("salon_membership_ids")
    def _compute_salon_membership_count(self):
        counts = dict(
            self.env["salon.membership"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.salon_membership_count = counts.get(partner, 0)

    def action_salon_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "salon_memberships.salon_membership_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

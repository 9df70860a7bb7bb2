# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class LoyaltyReward(models.Model):
    _inherit = "loyalty.reward"

    salon_sessions = fields.Integer(
        string="Sessions",
        default=1,
        help="Sessions of this service in the package.",
    )

    @api.depends("reward_type", "reward_product_id", "salon_sessions", "program_type")
    def _compute_description(self):
        packages = self.filtered(lambda r: r.program_type == "salon_package")
        for reward in packages:
            reward.description = self.env._(
                "%(sessions)s × %(service)s",
                sessions=reward.salon_sessions,
                service=reward.reward_product_id.name or "",
            )
        return super(LoyaltyReward, self - packages)._compute_description()

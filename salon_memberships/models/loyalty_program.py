# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    salon_membership = fields.Boolean(
        string="Membership Credit",
        readonly=True,
        help="The eWallet of the salon's membership credit: topped up by the "
        "months paid, spent at checkout.",
    )

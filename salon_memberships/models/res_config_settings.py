# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    salon_membership_product_id = fields.Many2one(
        related="company_id.salon_membership_product_id", readonly=False
    )
    salon_membership_fee_product_id = fields.Many2one(
        related="company_id.salon_membership_fee_product_id", readonly=False
    )
    salon_membership_expiry_account_id = fields.Many2one(
        related="company_id.salon_membership_expiry_account_id", readonly=False
    )
    salon_membership_journal_id = fields.Many2one(
        related="company_id.salon_membership_journal_id", readonly=False
    )
    salon_membership_retry_days = fields.Integer(
        related="company_id.salon_membership_retry_days", readonly=False
    )
    salon_membership_max_failures = fields.Integer(
        related="company_id.salon_membership_max_failures", readonly=False
    )

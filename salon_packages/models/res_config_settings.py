# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    salon_package_account_id = fields.Many2one(
        related="company_id.salon_package_account_id",
        readonly=False,
        domain="[('account_type', '=', 'liability_current')]",
    )
    salon_package_journal_id = fields.Many2one(
        related="company_id.salon_package_journal_id",
        readonly=False,
        domain="[('type', '=', 'general')]",
    )
    salon_package_reminder_days = fields.Integer(
        related="company_id.salon_package_reminder_days", readonly=False
    )

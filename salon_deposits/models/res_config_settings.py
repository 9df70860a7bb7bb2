# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    salon_deposit_enabled = fields.Boolean(
        related="company_id.salon_deposit_enabled", readonly=False
    )
    salon_deposit_percent = fields.Float(
        related="company_id.salon_deposit_percent", readonly=False
    )
    salon_deposit_new_clients = fields.Boolean(
        related="company_id.salon_deposit_new_clients", readonly=False
    )
    salon_deposit_min_no_shows = fields.Integer(
        related="company_id.salon_deposit_min_no_shows", readonly=False
    )
    salon_deposit_min_amount = fields.Monetary(
        related="company_id.salon_deposit_min_amount", readonly=False
    )
    salon_deposit_no_show_action = fields.Selection(
        related="company_id.salon_deposit_no_show_action", readonly=False
    )
    salon_deposit_hold_minutes = fields.Integer(
        related="company_id.salon_deposit_hold_minutes", readonly=False
    )
    salon_deposit_product_id = fields.Many2one(
        related="company_id.salon_deposit_product_id", readonly=False
    )
    salon_no_show_fee_product_id = fields.Many2one(
        related="company_id.salon_no_show_fee_product_id", readonly=False
    )

    salon_card_mode = fields.Selection(
        related="company_id.salon_card_mode", readonly=False
    )
    salon_card_new_clients = fields.Boolean(
        related="company_id.salon_card_new_clients", readonly=False
    )
    salon_card_min_no_shows = fields.Integer(
        related="company_id.salon_card_min_no_shows", readonly=False
    )
    salon_card_min_amount = fields.Monetary(
        related="company_id.salon_card_min_amount", readonly=False
    )
    salon_card_lead_hours = fields.Integer(
        related="company_id.salon_card_lead_hours", readonly=False
    )
    salon_no_show_fee_type = fields.Selection(
        related="company_id.salon_no_show_fee_type", readonly=False
    )
    salon_no_show_fee_value = fields.Float(
        related="company_id.salon_no_show_fee_value", readonly=False
    )
    salon_fee_charge = fields.Selection(
        related="company_id.salon_fee_charge", readonly=False
    )

    def set_values(self):
        result = super().set_values()
        if self.salon_deposit_enabled or self.salon_card_mode != "none":
            self.company_id._salon_setup_deposit_accounting()
        return result

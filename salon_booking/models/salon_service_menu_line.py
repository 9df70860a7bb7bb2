# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SalonServiceMenuLine(models.Model):
    _name = "salon.service.menu.line"
    _description = "Salon Menu Service"
    _order = "menu_id, sequence, id"

    menu_id = fields.Many2one(
        "salon.service.menu", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        domain=[("salon_is_service", "=", True)],
    )
    company_id = fields.Many2one(related="menu_id.company_id", store=True)

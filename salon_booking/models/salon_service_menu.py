# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .salon_availability import services_span


class SalonServiceMenu(models.Model):
    """A bundle of services booked together, in order ("menu")."""

    _name = "salon.service.menu"
    _description = "Salon Menu"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
    )
    line_ids = fields.One2many(
        "salon.service.menu.line", "menu_id", string="Services", copy=True
    )
    duration = fields.Float(
        compute="_compute_totals", help="Total time of the services, in hours."
    )
    price = fields.Monetary(
        compute="_compute_totals",
        currency_field="currency_id",
        help="Price of the services, taxes included.",
    )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for menu in self:
            menu.currency_id = (menu.company_id or self.env.company).currency_id

    @api.depends(
        "line_ids.sequence",
        "line_ids.product_id.salon_duration",
        "line_ids.product_id.salon_buffer_after",
        "line_ids.product_id.list_price",
        "line_ids.product_id.taxes_id",
    )
    def _compute_totals(self):
        for menu in self:
            lines = menu.line_ids.sorted(lambda line: (line.sequence, line.id or 0))
            duration, _blocked = services_span([line.product_id for line in lines])
            menu.duration = duration.total_seconds() / 3600
            company = menu.company_id or self.env.company
            prices = lines.product_id._salon_get_price_total(company)
            menu.price = sum(prices[line.product_id.id] for line in lines)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SalonServiceCategory(models.Model):
    _name = "salon.service.category"
    _description = "Salon Service Category"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one("res.company", index=True)
    service_ids = fields.One2many(
        "product.template", "salon_category_id", string="Services"
    )
    service_count = fields.Integer(compute="_compute_service_count")

    def _compute_service_count(self):
        counts = dict(
            self.env["product.template"]._read_group(
                [("salon_category_id", "in", self.ids)],
                ["salon_category_id"],
                ["__count"],
            )
        )
        for category in self:
            category.service_count = counts.get(category, 0)

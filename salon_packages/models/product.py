# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    salon_package_only = fields.Boolean(
        string="Only With a Package",
        help="Clients book this service online only when a package of theirs "
        "includes it (e.g. a session of a course of treatments).",
    )


class ProductProduct(models.Model):
    _inherit = "product.product"

    salon_package_program_id = fields.Many2one(
        "loyalty.program",
        string="Package Sold",
        readonly=True,
        index="btree_not_null",
        help="Selling this product gives the client a package of this type.",
    )
    salon_is_package = fields.Boolean(
        compute="_compute_salon_is_package",
        store=True,
        help="Selling this product gives the client a package.",
    )

    @api.depends("salon_package_program_id")
    def _compute_salon_is_package(self):
        for product in self:
            product.salon_is_package = bool(product.salon_package_program_id)

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["salon_is_package"]

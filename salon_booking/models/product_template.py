# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    salon_is_service = fields.Boolean(
        string="Salon Service",
        help="This product is a service booked in the salon's agenda.",
    )
    salon_duration = fields.Float(
        string="Service Duration",
        default=0.5,
        help="Time the service takes, in hours.",
    )
    salon_buffer_after = fields.Float(
        string="Buffer After",
        help="Time the stylist stays busy after the service "
        "(cleaning, processing time), in hours.",
    )
    salon_category_id = fields.Many2one(
        "salon.service.category", string="Service Category", index="btree_not_null"
    )
    salon_employee_ids = fields.Many2many(
        "hr.employee",
        "salon_service_employee_rel",
        "product_tmpl_id",
        "employee_id",
        string="Stylists",
        domain=[("salon_is_stylist", "=", True)],
        help="Stylists able to perform the service.",
    )
    salon_online_bookable = fields.Boolean(
        string="Bookable Online",
        help="Clients see and book this service on the website.",
    )

    @api.constrains("salon_is_service", "salon_duration", "salon_buffer_after")
    def _check_salon_duration(self):
        for product in self.filtered("salon_is_service"):
            if product.salon_duration <= 0:
                raise ValidationError(
                    self.env._(
                        "The duration of the service %s must be positive.", product.name
                    )
                )
            if product.salon_buffer_after < 0:
                raise ValidationError(
                    self.env._(
                        "The buffer after the service %s cannot be negative.",
                        product.name,
                    )
                )

    @api.onchange("salon_is_service")
    def _onchange_salon_is_service(self):
        if self.salon_is_service:
            self.type = "service"

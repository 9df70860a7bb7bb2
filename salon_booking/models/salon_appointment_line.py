# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalonAppointmentLine(models.Model):
    """One service of an appointment; services follow each other in order."""

    _name = "salon.appointment.line"
    _inherit = ["pos.load.mixin"]
    _description = "Salon Appointment Service"
    _order = "event_id, sequence, id"
    _check_company_auto = True

    event_id = fields.Many2one(
        "calendar.event",
        string="Appointment",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        domain=[("salon_is_service", "=", True)],
    )
    name = fields.Char(
        string="Description",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    duration = fields.Float(
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        help="Time the service takes, in hours.",
    )
    buffer_after = fields.Float(
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        help="Time the stylist stays busy after the service, in hours.",
    )
    price_unit = fields.Monetary(
        string="Price",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
    )
    company_id = fields.Many2one(
        related="event_id.salon_company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="event_id.salon_currency_id")
    employee_id = fields.Many2one(
        related="event_id.salon_employee_id", store=True, string="Stylist"
    )
    partner_id = fields.Many2one(
        related="event_id.salon_partner_id", store=True, string="Client"
    )
    start = fields.Datetime(compute="_compute_times", store=True)
    stop = fields.Datetime(compute="_compute_times", store=True)

    @api.depends("product_id")
    def _compute_from_product(self):
        for line in self:
            product = line.product_id
            line.name = product.display_name or line.name
            line.duration = product.salon_duration
            line.buffer_after = product.salon_buffer_after
            line.price_unit = product.lst_price

    @api.depends(
        "event_id.start",
        "event_id.salon_line_ids.sequence",
        "event_id.salon_line_ids.duration",
        "event_id.salon_line_ids.buffer_after",
    )
    def _compute_times(self):
        for event in self.event_id:
            cursor = event.start
            for line in event.salon_line_ids.sorted(
                lambda line: (line.sequence, line.id or 0)
            ):
                line.start = cursor
                line.stop = cursor and cursor + timedelta(hours=line.duration)
                cursor = line.stop and line.stop + timedelta(hours=line.buffer_after)
        (self - self.event_id.salon_line_ids).update({"start": False, "stop": False})

    @api.constrains("duration", "buffer_after")
    def _check_duration(self):
        for line in self:
            if line.duration <= 0 or line.buffer_after < 0:
                raise ValidationError(
                    self.env._(
                        "The service %(service)s needs a positive duration and a "
                        "buffer that is not negative.",
                        service=line.name,
                    )
                )

    @api.constrains("price_unit")
    def _check_price_unit(self):
        for line in self:
            if line.price_unit < 0:
                raise ValidationError(
                    self.env._(
                        "The price of %(service)s cannot be negative.",
                        service=line.name,
                    )
                )

    @api.model
    def _load_pos_data_domain(self, data):
        return [
            (
                "event_id",
                "in",
                [event["id"] for event in data["calendar.event"]["data"]],
            )
        ]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [
            "id",
            "event_id",
            "sequence",
            "product_id",
            "name",
            "price_unit",
            "write_date",
        ]

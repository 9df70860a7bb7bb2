# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    salon_appointment_line_id = fields.Many2one(
        "salon.appointment.line",
        string="Appointment Service",
        index="btree_not_null",
        copy=False,
    )
    salon_employee_id = fields.Many2one(
        "hr.employee",
        string="Performed By",
        compute="_compute_salon_employee_id",
        store=True,
        readonly=False,
        help="The stylist of the appointment for its services, otherwise the "
        "employee who sold the line.",
    )

    @api.depends("salon_appointment_line_id", "order_id.employee_id")
    def _compute_salon_employee_id(self):
        for line in self:
            line.salon_employee_id = (
                line.salon_appointment_line_id.employee_id or line.order_id.employee_id
            )

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["salon_appointment_line_id"]

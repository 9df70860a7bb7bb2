# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    salon_is_stylist = fields.Boolean(
        string="Stylist", help="This employee takes appointments in the salon."
    )
    salon_service_ids = fields.Many2many(
        "product.template",
        "salon_service_employee_rel",
        "employee_id",
        "product_tmpl_id",
        string="Services Performed",
        domain=[("salon_is_service", "=", True)],
    )
    salon_online_bookable = fields.Boolean(
        string="Bookable Online",
        help="Clients choose this stylist when they book on the website.",
    )
    salon_appointment_ids = fields.One2many(
        "calendar.event", "salon_employee_id", string="Appointments"
    )
    salon_upcoming_count = fields.Integer(
        string="Upcoming Appointments", compute="_compute_salon_upcoming_count"
    )

    def _compute_salon_upcoming_count(self):
        counts = dict(
            self.env["calendar.event"]._read_group(
                [
                    ("salon_employee_id", "in", self.ids),
                    ("start", ">=", fields.Datetime.now()),
                    ("salon_blocks_slot", "=", True),
                ],
                ["salon_employee_id"],
                ["__count"],
            )
        )
        for employee in self:
            employee.salon_upcoming_count = counts.get(employee, 0)

    def action_salon_open_appointments(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "salon_booking.calendar_event_salon_action"
        )
        action["domain"] = [("salon_employee_id", "=", self.id)]
        action["context"] = {"default_salon_employee_id": self.id}
        return action

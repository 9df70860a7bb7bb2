# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    salon_slot_step = fields.Integer(
        string="Slot Step (minutes)",
        default=15,
        help="Free start times are proposed every so many minutes.",
    )
    salon_reminder_hours = fields.Integer(
        string="Reminder (hours before)",
        default=24,
        help="Clients get a reminder this many hours before their appointment. "
        "0 disables reminders.",
    )

    _sql_constraints = [
        (
            "salon_slot_step_positive",
            "CHECK(salon_slot_step > 0)",
            "The slot step must be a positive number of minutes.",
        ),
        (
            "salon_reminder_hours_positive",
            "CHECK(salon_reminder_hours >= 0)",
            "The reminder delay cannot be negative.",
        ),
    ]

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
    salon_online_window_days = fields.Integer(
        string="Online Booking Window (days)",
        default=60,
        help="Clients book online at most this many days ahead.",
    )
    salon_online_lead_time = fields.Float(
        string="Online Minimum Lead Time",
        default=2.0,
        help="Clients book online at least this long before the start, in hours.",
    )
    salon_online_max_services = fields.Integer(
        string="Services per Online Booking",
        default=4,
        help="Most services a client books online in one appointment.",
    )
    salon_cancel_deadline_hours = fields.Integer(
        string="Cancellation Deadline (hours)",
        default=24,
        help="Clients cancel or move an appointment from the portal up to this "
        "many hours before it starts; later they contact the salon.",
    )
    salon_online_policy = fields.Html(
        string="Booking Policies",
        translate=True,
        help="Shown to clients before they confirm an online booking.",
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
        (
            "salon_online_window_days_positive",
            "CHECK(salon_online_window_days > 0)",
            "The online booking window must be at least one day.",
        ),
        (
            "salon_online_lead_time_positive",
            "CHECK(salon_online_lead_time >= 0)",
            "The minimum lead time cannot be negative.",
        ),
        (
            "salon_online_max_services_positive",
            "CHECK(salon_online_max_services > 0)",
            "Clients must be able to book at least one service online.",
        ),
        (
            "salon_cancel_deadline_hours_positive",
            "CHECK(salon_cancel_deadline_hours >= 0)",
            "The cancellation deadline cannot be negative.",
        ),
    ]

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    salon_slot_step = fields.Integer(
        related="company_id.salon_slot_step", readonly=False
    )
    salon_reminder_hours = fields.Integer(
        related="company_id.salon_reminder_hours", readonly=False
    )
    salon_notify_moved = fields.Boolean(
        related="company_id.salon_notify_moved", readonly=False
    )
    salon_online_window_days = fields.Integer(
        related="company_id.salon_online_window_days", readonly=False
    )
    salon_online_lead_time = fields.Float(
        related="company_id.salon_online_lead_time", readonly=False
    )
    salon_online_max_services = fields.Integer(
        related="company_id.salon_online_max_services", readonly=False
    )
    salon_cancel_deadline_hours = fields.Integer(
        related="company_id.salon_cancel_deadline_hours", readonly=False
    )
    salon_online_policy = fields.Html(
        related="company_id.salon_online_policy", readonly=False
    )
    salon_tz = fields.Selection(related="company_id.salon_tz", readonly=False)
    salon_throttle_email = fields.Integer(
        related="company_id.salon_throttle_email", readonly=False
    )
    salon_throttle_ip = fields.Integer(
        related="company_id.salon_throttle_ip", readonly=False
    )
    salon_guest_verify_email = fields.Boolean(
        related="company_id.salon_guest_verify_email", readonly=False
    )
    pos_salon_walkin_history = fields.Boolean(
        related="pos_config_id.salon_walkin_history", readonly=False
    )

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import format_datetime


class SalonBookingWizardSlot(models.TransientModel):
    _name = "salon.booking.wizard.slot"
    _description = "Free Time of a Salon Stylist"
    _order = "start, id"

    wizard_id = fields.Many2one("salon.booking.wizard", ondelete="cascade", index=True)
    selected = fields.Boolean(string="Choose")
    start = fields.Datetime(required=True)
    employee_id = fields.Many2one("hr.employee", string="Stylist", required=True)
    time_label = fields.Char(string="Time", compute="_compute_time_label")

    @api.depends("start")
    def _compute_time_label(self):
        for slot in self:
            slot.time_label = format_datetime(
                self.env, slot.start, tz=slot.wizard_id._tz().zone, dt_format="HH:mm"
            )

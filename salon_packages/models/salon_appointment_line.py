# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SalonAppointmentLine(models.Model):
    _inherit = "salon.appointment.line"

    def write(self, vals):
        result = super().write(vals)
        if {"product_id", "coverage_model", "coverage_res_id"} & set(vals):
            # a missed service no longer booked as included gives its session back
            self.event_id.filtered(
                lambda e: e.salon_state == "no_show"
            )._salon_sync_package_no_show()
        return result

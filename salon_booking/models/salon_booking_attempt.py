# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models


class SalonBookingAttempt(models.Model):
    """An online booking attempt, counted to throttle abuse.

    Only a salted hash of the internet address or email is kept, for a day.
    """

    _name = "salon.booking.attempt"
    _description = "Salon Online Booking Attempt"
    _log_access = True

    company_id = fields.Many2one("res.company", required=True, index=True)
    key = fields.Char(required=True, index=True)

    @api.autovacuum
    def _gc_salon_attempts(self):
        self.sudo().search(
            [("create_date", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()

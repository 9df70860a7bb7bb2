# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SalonBookingWizard(models.TransientModel):
    _inherit = "salon.booking.wizard"

    def action_book_with_payment(self):
        """Book the time chosen and take its deposit."""
        return self._salon_book().action_salon_confirm_with_payment()

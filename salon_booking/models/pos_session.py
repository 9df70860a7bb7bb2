# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class PosSession(models.Model):
    _inherit = "pos.session"

    @api.model
    def _load_pos_data_models(self, config_id):
        return super()._load_pos_data_models(config_id) + [
            "calendar.event",
            "salon.appointment.line",
        ]

    def salon_get_appointment_ids(self):
        """Ids of the appointments the POS shows now (its refresh button)."""
        self.ensure_one()
        return (
            self.env["calendar.event"]
            .search(self.env["calendar.event"]._salon_pos_domain(self))
            .ids
        )

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PosConfig(models.Model):
    _inherit = "pos.config"

    salon_walkin_history = fields.Boolean(
        string="Walk-in History",
        default=True,
        help="A client checked out without an appointment gets a done appointment "
        "in their history, with the services sold.",
    )

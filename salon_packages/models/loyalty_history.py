# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

KINDS = [
    ("issued", "Issued"),
    ("used", "Used"),
    ("no_show", "No-Show"),
    ("returned", "Given Back"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
    ("refunded", "Refunded"),
]


class LoyaltyHistory(models.Model):
    """Every movement of package sessions is a history line of the card."""

    _inherit = "loyalty.history"

    salon_kind = fields.Selection(KINDS, string="Movement", readonly=True)
    salon_product_id = fields.Many2one(
        "product.product", string="Service", readonly=True, index="btree_not_null"
    )
    salon_event_id = fields.Many2one(
        "calendar.event", string="Appointment", readonly=True, index="btree_not_null"
    )
    salon_move_id = fields.Many2one(
        "account.move",
        string="Journal Entry",
        readonly=True,
        help="The revenue recognised for the sessions of this movement.",
    )
    salon_reverses_id = fields.Many2one(
        "loyalty.history",
        string="Gives Back",
        readonly=True,
        index="btree_not_null",
        help="The use of a session this movement gives back.",
    )
    salon_reversed_by_ids = fields.One2many(
        "loyalty.history", "salon_reverses_id", string="Given Back By", readonly=True
    )
    create_date = fields.Datetime(string="Date", readonly=True)

    def _get_order_portal_url(self):
        if self.order_model == "account.move" and self.order_id:
            move = self.env["account.move"].sudo().browse(self.order_id).exists()
            if move:
                return move.get_portal_url()
        return super()._get_order_portal_url()

    def _get_order_description(self):
        if not self.order_model or not self.order_id:
            return self.salon_event_id.salon_reference or ""
        return super()._get_order_description()

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

CREDIT_KINDS = [
    ("issued", "Issued"),
    ("used", "Used"),
    ("returned", "Given Back"),
    ("expired", "Expired"),
    ("reversed", "Taken Back"),
]


class LoyaltyHistory(models.Model):
    """Every movement of membership credit is a history line of the wallet,
    in a month of the membership."""

    _inherit = "loyalty.history"

    salon_membership_kind = fields.Selection(
        CREDIT_KINDS, string="Credit Movement", readonly=True
    )
    salon_membership_period_id = fields.Many2one(
        "salon.membership.period",
        string="Membership Month",
        readonly=True,
        index="btree_not_null",
    )
    salon_membership_event_id = fields.Many2one(
        "calendar.event",
        string="Appointment Paid",
        readonly=True,
        index="btree_not_null",
    )
    salon_membership_move_id = fields.Many2one(
        "account.move",
        string="Expiry Entry",
        readonly=True,
        help="The income recognised for the credit that expired.",
    )
    salon_membership_reverses_id = fields.Many2one(
        "loyalty.history",
        string="Gives Back Use",
        readonly=True,
        index="btree_not_null",
    )
    salon_membership_reversed_by_ids = fields.One2many(
        "loyalty.history",
        "salon_membership_reverses_id",
        string="Credit Given Back By",
        readonly=True,
    )

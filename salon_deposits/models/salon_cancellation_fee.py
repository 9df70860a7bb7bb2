# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalonCancellationFee(models.Model):
    """A tier of the late-cancellation fee: cancelled less than ``hours``
    before the start, the client owes ``percent`` of the services (e.g. less
    than 24 hours: 50 %, less than 2 hours: 100 %)."""

    _name = "salon.cancellation.fee"
    _description = "Salon Late-Cancellation Fee Tier"
    _order = "company_id, hours desc"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    hours = fields.Integer(
        string="Cancelled Less Than (hours)",
        required=True,
        help="Cancelled less than this many hours before the start...",
    )
    percent = fields.Float(
        string="Fee (%)",
        required=True,
        help="... the client owes this part of the services (taxes included).",
    )

    _sql_constraints = [
        (
            "hours_positive",
            "CHECK(hours > 0)",
            "A late-cancellation tier starts at least an hour before.",
        ),
        (
            "percent_range",
            "CHECK(percent >= 0 AND percent <= 100)",
            "A late-cancellation fee is a percentage between 0 and 100.",
        ),
        (
            "hours_unique",
            "UNIQUE(company_id, hours)",
            "Each late-cancellation tier has its own number of hours.",
        ),
    ]

    @api.constrains("hours", "percent", "company_id")
    def _check_tiers_grow(self):
        for company in self.company_id:
            tiers = company.salon_cancellation_fee_ids.sorted("hours", reverse=True)
            percents = tiers.mapped("percent")
            if percents != sorted(percents):
                raise ValidationError(
                    self.env._(
                        "The closer to the start, the higher the fee: a tier of "
                        "fewer hours cannot ask less than a tier of more hours."
                    )
                )

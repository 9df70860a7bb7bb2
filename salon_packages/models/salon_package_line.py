# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SalonPackageLine(models.Model):
    """A covered service of a client's package, as sold (its terms)."""

    _name = "salon.package.line"
    _description = "Salon Package Service"
    _order = "card_id, id"

    card_id = fields.Many2one(
        "loyalty.card", string="Package", required=True, ondelete="cascade", index=True
    )
    product_id = fields.Many2one(
        "product.product", string="Service", required=True, ondelete="restrict"
    )
    sessions = fields.Integer(required=True, help="Sessions sold.")
    company_id = fields.Many2one(related="card_id.company_id", store=True)
    used = fields.Integer(compute="_compute_balance", help="Sessions used.")
    no_show = fields.Integer(
        string="No-Shows", compute="_compute_balance", help="Sessions missed."
    )
    remaining = fields.Integer(compute="_compute_balance")

    _sql_constraints = [
        (
            "salon_sessions_positive",
            "CHECK(sessions > 0)",
            "A covered service has at least one session.",
        ),
        (
            "salon_service_once",
            "UNIQUE(card_id, product_id)",
            "A package lists each service once.",
        ),
    ]

    @api.depends("card_id.history_ids.used", "card_id.history_ids.issued")
    def _compute_balance(self):
        balances = self.card_id._salon_balances()
        for line in self:
            balance = balances.get((line.card_id.id, line.product_id.id), {})
            line.used = balance.get("used", 0)
            line.no_show = balance.get("no_show", 0)
            line.remaining = balance.get("remaining", 0)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from odoo.addons.salon_booking.models.salon_coverage import Coverage

# after session packages (10): a service a package covers keeps the credit
MEMBERSHIP_PRIORITY = 20


class SalonCoverage(models.AbstractModel):
    _inherit = "salon.coverage"

    @api.model
    def _salon_get_providers(self):
        return super()._salon_get_providers() + [
            (MEMBERSHIP_PRIORITY, "_salon_cover_by_membership")
        ]

    @api.model
    def _salon_spending_membership(self, partner, company):
        """The client's membership whose credit can be spent now, if any."""
        return (
            self.env["salon.membership"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("state", "in", ("active", "dunning", "paused")),
                    ("card_id", "!=", False),
                ],
                order="id",
                limit=1,
            )
        )

    @api.model
    def _salon_cover_by_membership(self, partner, requests, company, exclude):
        """The member's credit pays the eligible services, up to what is left
        once the services promised to booked appointments are counted; the
        earliest services first."""
        membership = self._salon_spending_membership(partner, company)
        if not membership:
            return {}
        card = membership.card_id
        currency = card.currency_id
        left = card._salon_credit_available()
        reserved = self._salon_reserved_lines(card, exclude)
        left = currency.round(left - sum(reserved.mapped("coverage_amount")))
        result = {}
        for request in sorted(requests, key=lambda r: (r.start, str(r.key))):
            if left <= 0:
                break
            if not membership.plan_id._salon_is_eligible(request.product):
                continue
            amount = currency.round(min(request.amount, left))
            left = currency.round(left - amount)
            result[request.key] = Coverage(
                card,
                amount,
                self.env._("Paid with my membership credit"),
                MEMBERSHIP_PRIORITY,
            )
        return result

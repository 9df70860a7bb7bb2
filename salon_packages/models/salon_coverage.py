# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter

import pytz

from odoo import api, models

from odoo.addons.salon_booking.models.salon_coverage import Coverage

from .loyalty_program import PACKAGE

# packages come before any other prepaid right (membership credit: 20)
PACKAGE_PRIORITY = 10


class SalonCoverage(models.AbstractModel):
    _inherit = "salon.coverage"

    @api.model
    def _salon_get_providers(self):
        return super()._salon_get_providers() + [
            (PACKAGE_PRIORITY, "_salon_cover_by_package")
        ]

    @api.model
    def _salon_package_cards(self, partner, products, company):
        """The client's open packages that cover some of ``products``, the
        one that expires first first."""
        return (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("program_id.program_type", "=", PACKAGE),
                    ("salon_closed", "=", False),
                    ("points", ">", 0),
                    ("company_id", "in", [company.id, False]),
                    ("salon_line_ids.product_id", "in", products.ids),
                ],
                order="expiration_date asc nulls last, id",
            )
        )

    @api.model
    def _salon_cover_by_package(self, partner, requests, company, exclude):
        """A session of the client's package covers the whole service.

        Sessions promised to booked appointments are not offered again; the
        earliest services take the packages that expire first.
        """
        products = self.env["product.product"].union(*(r.product for r in requests))
        cards = self._salon_package_cards(partner, products, company)
        if not cards:
            return {}
        balances = cards._salon_balances()
        left = Counter({key: balance["remaining"] for key, balance in balances.items()})
        for line in self._salon_reserved_lines(cards, exclude):
            left[(line.coverage_res_id, line.product_id.id)] -= 1
        tz = company._salon_get_tz()
        result = {}
        for request in sorted(requests, key=lambda r: (r.start, str(r.key))):
            day = pytz.utc.localize(request.start).astimezone(tz).date()
            for card in cards:
                key = (card.id, request.product.id)
                if left[key] > 0 and card._salon_is_valid_on(day):
                    left[key] -= 1
                    result[request.key] = Coverage(
                        card,
                        request.amount,
                        self.env._("Included in my package %s", card.program_id.name),
                        PACKAGE_PRIORITY,
                    )
                    break
        return result

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command

from odoo.addons.salon_booking.tests.common import SalonAccountingCommon


def make_package_type(
    env, name, services, price=100.0, months=12, keep_taxes=False, **vals
):
    """A package type of ``services`` (``[(product, sessions)]``), without
    taxes unless ``keep_taxes`` (the company's default sales taxes)."""
    program = env["loyalty.program"].create(
        {
            "name": name,
            "program_type": "salon_package",
            "salon_validity_months": months,
            "reward_ids": [
                Command.create(
                    {
                        "reward_type": "product",
                        "reward_product_id": product.id,
                        "salon_sessions": sessions,
                        "required_points": 1,
                    }
                )
                for product, sessions in services
            ],
            **vals,
        }
    )
    program.salon_product_id.lst_price = price
    if not keep_taxes:
        program.salon_product_id.taxes_id = [Command.clear()]
    return program


class SalonPackageCommon(SalonAccountingCommon):
    """The salon of SalonCommon, with a "5 cuts" package type (100.00 without
    taxes, 12 months) and a chart of accounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._salon_setup_package_accounting()
        cls.prepaid = cls.company.salon_package_account_id
        cls.five_cuts = make_package_type(cls.env, "5 cuts", [(cls.cut, 5)])
        cls.Card = cls.env["loyalty.card"]

    @classmethod
    def _package(cls, program=None, client=None, **kwargs):
        return cls.Card._salon_issue(
            program or cls.five_cuts, client or cls.client, **kwargs
        )

    def _balance(self, card, product=None):
        card.invalidate_recordset()
        return card._salon_remaining(product or self.cut)

    def _kinds(self, card):
        """Movements of the card, oldest first: ``[(kind, in, out)]``."""
        return [(h.salon_kind, h.issued, h.used) for h in card.history_ids.sorted("id")]

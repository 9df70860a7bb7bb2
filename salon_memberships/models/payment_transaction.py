# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    salon_membership_period_id = fields.Many2one(
        "salon.membership.period",
        string="Membership Month",
        readonly=True,
        index="btree_not_null",
    )
    salon_charged_back = fields.Boolean(string="Charged Back", readonly=True)

    _sql_constraints = [
        (
            "salon_mollie_payment_unique",
            "EXCLUDE (provider_id WITH =, provider_reference WITH =) "
            "WHERE (salon_membership_period_id IS NOT NULL)",
            "A Mollie payment is recorded once.",
        )
    ]

    @api.model
    def _salon_find_mollie(self, provider, payment_id):
        return self.search(
            [
                ("provider_id", "=", provider.id),
                ("provider_reference", "=", payment_id),
                ("salon_membership_period_id", "!=", False),
            ],
            limit=1,
        )

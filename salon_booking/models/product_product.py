# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _salon_taxed_amounts(
        self, price_unit, currency, taxes=None, partner=None, quantity=1.0
    ):
        """``(untaxed, taxed)`` amounts of ``quantity`` of this service.

        Odoo's tax engine decides (taxes included in the price or not), as on
        the POS and on invoices: what the client is shown is what is charged.

        :param taxes: ``account.tax`` to apply; the product's taxes of the
            current company when None
        """
        self.ensure_one()
        if taxes is None:
            taxes = self.taxes_id._filter_taxes_by_company(self.env.company)
        if not taxes:
            amount = currency.round(price_unit * quantity)
            return amount, amount
        result = taxes.compute_all(
            price_unit, currency, quantity, product=self, partner=partner or None
        )
        return result["total_excluded"], result["total_included"]

    def _salon_get_price_total(self, company):
        """List price of each service for clients of ``company``, taxes included.

        :return: ``{product id: taxed price}``
        """
        currency = company.currency_id
        return {
            product.id: product._salon_taxed_amounts(
                product.lst_price,
                currency,
                product.taxes_id._filter_taxes_by_company(company),
            )[1]
            for product in self.with_company(company)
        }

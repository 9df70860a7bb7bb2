# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class ResCompany(models.Model):
    _inherit = "res.company"

    salon_membership_product_id = fields.Many2one(
        "product.product",
        string="Membership Credit Product",
        help="The product of the monthly invoices and of the credit spent at "
        "checkout: its account is the membership credit (a liability).",
    )
    salon_membership_fee_product_id = fields.Many2one(
        "product.product",
        string="Membership Fee Product",
        help="Invoiced each month for the part of the price above the credit.",
    )
    salon_membership_expiry_account_id = fields.Many2one(
        "account.account",
        string="Expired Credit Income",
        help="Where unused membership credit goes when it expires.",
    )
    salon_membership_journal_id = fields.Many2one(
        "account.journal",
        string="Memberships Journal",
        help="Journal of the expiry and chargeback entries of memberships.",
    )
    salon_membership_program_id = fields.Many2one(
        "loyalty.program", string="Membership Credit Program", readonly=True
    )
    salon_membership_retry_days = fields.Integer(
        string="Retry a Failed Debit After (days)", default=3
    )
    salon_membership_max_failures = fields.Integer(
        string="Suspend the Credit After (failed debits)",
        default=3,
        help="Debits failed in a row after which the credit cannot be spent, "
        "until a payment succeeds; failed debits are retried until then.",
    )

    def _salon_setup_membership_accounting(self):
        """What memberships need in each salon with a chart of accounts: a
        "Membership Credit" liability, the credit and fee products, the
        income of expired credit and a journal. What is set is kept."""
        Product = self.env["product.product"].sudo()
        for company in self.filtered("chart_template").sudo():
            env = company.env
            if not company.salon_membership_product_id:
                company.salon_membership_product_id = Product.create(
                    {
                        "name": env._("Membership Credit"),
                        "type": "service",
                        "list_price": 0.0,
                        "taxes_id": [Command.clear()],
                        "sale_ok": False,
                        "purchase_ok": False,
                        "company_id": company.id,
                    }
                )
            product = company.salon_membership_product_id.with_company(company)
            if not product.property_account_income_id:
                product.property_account_income_id = company._salon_liability_account(
                    env._("Membership Credit")
                )
            if not company.salon_membership_fee_product_id:
                company.salon_membership_fee_product_id = Product.create(
                    {
                        "name": env._("Membership Fee"),
                        "type": "service",
                        "list_price": 0.0,
                        "taxes_id": [Command.clear()],
                        "sale_ok": False,
                        "purchase_ok": False,
                        "company_id": company.id,
                    }
                )
            if not company.salon_membership_expiry_account_id:
                company.salon_membership_expiry_account_id = (
                    company.salon_membership_fee_product_id.with_company(
                        company
                    ).product_tmpl_id.get_product_accounts()["income"]
                )
            if not company.salon_membership_journal_id:
                company.salon_membership_journal_id = self.env[
                    "account.journal"
                ].search(
                    [
                        *self.env["account.journal"]._check_company_domain(company),
                        ("type", "=", "general"),
                    ],
                    limit=1,
                )

    def _salon_membership_setting(self, field, message):
        self.ensure_one()
        if not self[field]:
            self._salon_setup_membership_accounting()
        if not self[field]:
            raise UserError(message)
        return self[field]

    def _salon_membership_product(self):
        product = self._salon_membership_setting(
            "salon_membership_product_id",
            self.env._(
                "Set the membership credit product of %s in Settings › Salon › "
                "Memberships.",
                self.name,
            ),
        )
        account = product.with_company(self).property_account_income_id
        if not account or account.account_type != "liability_current":
            raise UserError(
                self.env._(
                    "Give the product %(product)s a current liability as its "
                    "income account: membership credit is an advance, not revenue.",
                    product=product.name,
                )
            )
        return product

    def _salon_membership_account(self):
        return (
            self._salon_membership_product()
            .with_company(self)
            .property_account_income_id
        )

    def _salon_membership_fee_product(self):
        return self._salon_membership_setting(
            "salon_membership_fee_product_id",
            self.env._(
                "Set the membership fee product of %s in Settings › Salon › "
                "Memberships.",
                self.name,
            ),
        )

    def _salon_membership_expiry_account(self):
        return self._salon_membership_setting(
            "salon_membership_expiry_account_id",
            self.env._(
                "Set the income account of expired membership credit of %s in "
                "Settings › Salon › Memberships.",
                self.name,
            ),
        )

    def _salon_membership_journal(self):
        return self._salon_membership_setting(
            "salon_membership_journal_id",
            self.env._(
                "Set the memberships journal of %s in Settings › Salon › Memberships.",
                self.name,
            ),
        )

    def _salon_membership_program(self):
        """The salon's membership credit eWallet (created once)."""
        self.ensure_one()
        program = self.sudo().salon_membership_program_id
        if program:
            return program
        vals = {
            "name": self.env._("Membership Credit"),
            "program_type": "ewallet",
            "trigger": "auto",
            "applies_on": "future",
            "portal_visible": True,
            "portal_point_name": self.currency_id.symbol,
            "salon_membership": True,
            "company_id": self.id,
            "currency_id": self.currency_id.id,
            "rule_ids": [Command.clear()],
            # eWallet's own reward (a point is worth one unit of currency); the
            # salon spends the credit through its checkout lines, not this
            "reward_ids": [
                Command.clear(),
                Command.create(
                    {
                        "reward_type": "discount",
                        "discount_mode": "per_point",
                        "discount": 1,
                        "discount_applicability": "order",
                        "required_points": 1,
                    }
                ),
            ],
        }
        Program = self.env["loyalty.program"].sudo()
        if "pos_ok" in Program._fields:
            # pos_loyalty's eWallet button would spend it without the checks
            vals["pos_ok"] = False
        program = Program.create(vals)
        self.sudo().salon_membership_program_id = program
        return program

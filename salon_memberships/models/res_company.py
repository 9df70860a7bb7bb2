# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
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
                    company._salon_membership_product_vals(env._("Membership Credit"))
                )
            product = company.salon_membership_product_id.with_company(company)
            if not product.property_account_income_id:
                product.property_account_income_id = company._salon_liability_account(
                    env._("Membership Credit")
                )
            if not company.salon_membership_fee_product_id:
                company.salon_membership_fee_product_id = Product.create(
                    company._salon_membership_product_vals(env._("Membership Fee"))
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

    def _salon_membership_product_vals(self, name):
        """A service product of the salon's own, without taxes, not sold."""
        self.ensure_one()
        return {
            "name": name,
            "type": "service",
            "list_price": 0.0,
            "taxes_id": [Command.clear()],
            "sale_ok": False,
            "purchase_ok": False,
            "company_id": self.id,
        }

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

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _salon_create_demo_memberships(self):
        """Demo data (seed 001): members at several levels of credit, one
        whose last debit failed, one waiting for the mandate. Mollie is not
        called: the months are as Mollie's webhooks would have left them."""
        company = self.env.company
        company._salon_setup_membership_accounting()
        ref = self.env.ref
        today = company._salon_today()
        bank = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(company),
                ("type", "=", "bank"),
            ],
            limit=1,
        )
        Membership = self.env["salon.membership"].with_context(tracking_disable=True)
        Period = self.env["salon.membership.period"]
        provider = ref("payment.payment_provider_mollie")
        Event = self.env["calendar.event"].with_context(salon_no_mail=True)
        tz = company._salon_get_tz()

        def member(client_xmlid, plan_xmlid, index, state="active"):
            client = ref(client_xmlid)
            membership = Membership.create(
                {
                    "partner_id": client.id,
                    "plan_id": ref(plan_xmlid).id,
                    "user_id": ref("base.user_admin").id,
                    "date_start": today - timedelta(days=40),
                    "provider_id": provider.id,
                    "mollie_customer_id": f"cst_demo{index}",
                    "mollie_mandate_id": f"mdt_demo{index}",
                    "mollie_subscription_id": f"sub_demo{index}",
                    "mandate_label": self.env._(
                        "SEPA Direct Debit %(account)s (%(name)s)",
                        account="••••" + str(7030 + index),
                        name=client.name,
                    ),
                }
            )
            membership.with_context(salon_membership_state=True).write({"state": state})
            return membership

        def month(membership, days_ago, paid=True):
            """The month starting ``days_ago`` (or right after the last one),
            paid or failed."""
            last = membership.period_ids.sorted("date_end")[-1:]
            start = (
                last.date_end + timedelta(days=1)
                if last
                else today - timedelta(days=days_ago)
            )
            period = Period._salon_open(membership, start)
            membership.next_period_start = period.date_end + timedelta(days=1)
            if not paid:
                period.write(
                    {
                        "state": "failed",
                        "attempt_count": 1,
                        "next_retry_date": today + timedelta(days=1),
                    }
                )
                return period
            invoice = period._salon_invoice()
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"journal_id": bank.id})._create_payments()
            period.state = "paid"
            membership._salon_ensure_card()._salon_credit_issue(
                period, period.credit, origin=invoice
            )
            return period

        def visit(membership, service_xmlid, days_ago):
            """A visit checked out on an invoice: the credit pays it (at a
            time of a weekday its stylist is free)."""
            service = ref(service_xmlid)
            day = today - timedelta(days=days_ago)
            while day.weekday() > 4:
                day -= timedelta(days=1)
            for hour in range(9, 18):
                local = tz.localize(datetime.combine(day, time(hour)))
                try:
                    with self.env.cr.savepoint():
                        appointment = Event.create(
                            {
                                "salon_partner_id": membership.partner_id.id,
                                "salon_employee_id": service.salon_employee_ids[:1].id,
                                "start": local.astimezone(pytz.utc).replace(
                                    tzinfo=None
                                ),
                                "salon_state": "done",
                                "salon_line_ids": [
                                    Command.create({"product_id": service.id})
                                ],
                            }
                        )
                    break
                except ValidationError:
                    continue
            appointment._salon_promise_coverage(appointment._salon_get_line_coverages())
            appointment._salon_create_invoice().action_post()

        # Léa: Monthly Care; a cut last month (the rest expired), a blow-dry
        # this month
        lea = member(
            "salon_booking.demo_client_5", "salon_memberships.demo_plan_care", 1
        )
        first = month(lea, 40)
        visit(lea, "salon_booking.demo_service_cut_women", 35)
        first._salon_close()
        month(lea, 10)
        visit(lea, "salon_booking.demo_service_blowdry", 3)
        # Hugo: Premium Care, carried over up to the cap
        hugo = member(
            "salon_booking.demo_client_6", "salon_memberships.demo_plan_premium", 2
        )
        first = month(hugo, 40)
        visit(hugo, "salon_booking.demo_service_color", 30)
        first._salon_close()
        month(hugo, 10)
        # Lars: Premium Care, this month's debit failed (retried tomorrow)
        lars = member(
            "salon_booking.demo_client_8",
            "salon_memberships.demo_plan_premium",
            3,
            state="dunning",
        )
        first = month(lars, 40)
        visit(lars, "salon_booking.demo_service_color", 20)
        first._salon_close()
        month(lars, 10, paid=False)
        lars.failure_count = 1
        # Chloé: Colour Club, this month untouched
        chloe = member(
            "salon_booking.demo_client_3", "salon_memberships.demo_plan_colour", 4
        )
        month(chloe, 10)
        # Inès: the link to give the mandate was sent, not paid yet
        Membership.create(
            {
                "partner_id": ref("salon_booking.demo_client_7").id,
                "plan_id": ref("salon_memberships.demo_plan_care").id,
            }
        )

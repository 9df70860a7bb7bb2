# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import float_round


class ResCompany(models.Model):
    _inherit = "res.company"

    salon_deposit_enabled = fields.Boolean(
        string="Deposits on Services",
        help="Ask clients a deposit ('avance sur prestation') when they book.",
    )
    salon_deposit_percent = fields.Float(
        string="Deposit (%)",
        default=30.0,
        help="Part of the price of the services, taxes included, asked as a "
        "deposit; services can have their own rule.",
    )
    salon_deposit_new_clients = fields.Boolean(
        string="Deposit from New Clients",
        help="Ask a deposit from clients who have never come yet.",
    )
    salon_deposit_min_no_shows = fields.Integer(
        string="Deposit after No-Shows",
        help="Ask a deposit from clients who missed at least this many "
        "appointments (0: not a reason).",
    )
    salon_deposit_min_amount = fields.Monetary(
        string="Deposit from Amount",
        currency_field="currency_id",
        help="Ask a deposit for appointments of at least this amount, taxes "
        "included (0: not a reason).",
    )
    salon_deposit_no_show_action = fields.Selection(
        [("retain", "Retain it"), ("refund", "Refund it")],
        string="Deposit of a No-Show",
        default="retain",
        help="What is proposed for the deposit of a client who does not come or "
        "cancels after the deadline.",
    )
    salon_deposit_hold_minutes = fields.Integer(
        string="Payment Hold (minutes)",
        default=30,
        help="How long an appointment waiting for its deposit (payment link, "
        "online booking) holds the stylist's time; unpaid by then, it is "
        "cancelled and the time is free again.",
    )
    salon_deposit_product_id = fields.Many2one(
        "product.product",
        string="Deposit Product",
        help="The product of deposit invoices and of their deduction at checkout. "
        "Its income account must be a liability (customer deposits): a deposit "
        "is an advance, not revenue.",
    )
    salon_no_show_fee_product_id = fields.Many2one(
        "product.product",
        string="No-Show Fee Product",
        help="The product of a retained deposit: its income account takes the fee.",
    )

    _sql_constraints = [
        (
            "salon_deposit_percent_range",
            "CHECK(salon_deposit_percent >= 0 AND salon_deposit_percent <= 100)",
            "The deposit percentage is between 0 and 100.",
        ),
        (
            "salon_deposit_hold_minutes_positive",
            "CHECK(salon_deposit_hold_minutes > 0)",
            "The payment hold lasts at least a minute.",
        ),
        (
            "salon_deposit_min_no_shows_positive",
            "CHECK(salon_deposit_min_no_shows >= 0)",
            "The number of no-shows cannot be negative.",
        ),
    ]

    def _salon_setup_deposit_accounting(self):
        """Give each salon what deposits need, once its chart is installed: a
        customer deposits account (current liability), the deposit product
        booking to it and a no-show fee product. What is set is kept."""
        Product = self.env["product.product"].sudo()
        for company in self.filtered("chart_template").sudo():
            account = company.salon_deposit_product_id.with_company(
                company
            ).property_account_income_id
            if not account:
                account = company._salon_liability_account(
                    company.env._("Customer Deposits")
                )
            if not company.salon_deposit_product_id:
                company.salon_deposit_product_id = Product.create(
                    {
                        "name": company.env._("Deposit"),
                        "type": "service",
                        "list_price": 0.0,
                        "taxes_id": [Command.clear()],
                        "sale_ok": False,
                        "purchase_ok": False,
                        "company_id": company.id,
                    }
                )
            product = company.salon_deposit_product_id.with_company(company)
            if not product.property_account_income_id:
                product.property_account_income_id = account
            if not company.salon_no_show_fee_product_id:
                company.salon_no_show_fee_product_id = Product.create(
                    {
                        "name": company.env._("No-Show Fee"),
                        "type": "service",
                        "list_price": 0.0,
                        "taxes_id": [Command.clear()],
                        "purchase_ok": False,
                        "company_id": company.id,
                    }
                )

    def _salon_deposit_product(self):
        """The deposit product, with a liability as its account, checked."""
        self.ensure_one()
        if not self.salon_deposit_product_id:
            self._salon_setup_deposit_accounting()
        product = self.salon_deposit_product_id
        account = (
            product.with_company(self)
            .product_tmpl_id.get_product_accounts()
            .get("income")
        )
        if not product or not account or account.account_type != "liability_current":
            raise UserError(
                self.env._(
                    "Set the deposit product of %(salon)s and give it a current "
                    "liability account (customer deposits) in Settings › Salon › "
                    "Deposits: a deposit is an advance, not revenue.",
                    salon=self.name,
                )
            )
        return product

    def _salon_no_show_fee_product(self):
        self.ensure_one()
        if not self.salon_no_show_fee_product_id:
            self._salon_setup_deposit_accounting()
        if not self.salon_no_show_fee_product_id:
            raise UserError(
                self.env._(
                    "Set the no-show fee product of %(salon)s in Settings › Salon › "
                    "Deposits.",
                    salon=self.name,
                )
            )
        return self.salon_no_show_fee_product_id

    # ------------------------------------------------------------------
    # Policy: what a new appointment is asked
    # ------------------------------------------------------------------

    def _salon_deposit_terms(self, partner):
        """The deposit terms of a new appointment of ``partner``: the values
        stored on it (policy snapshot).

        The client rules (new clients, no-shows) are decided now, from who the
        client is when booking; the amount rule waits for the services.
        """
        self.ensure_one()
        if not self.salon_deposit_enabled:
            return {"salon_deposit_policy_active": False}
        # the client's history as it is now, not as first read
        partner.invalidate_recordset(["salon_visit_count", "salon_no_show_count"])
        client_rules = []
        if self.salon_deposit_new_clients:
            client_rules.append(not partner or not partner.salon_visit_count)
        if self.salon_deposit_min_no_shows:
            client_rules.append(
                bool(partner)
                and partner.salon_no_show_count >= self.salon_deposit_min_no_shows
            )
        no_rule = not client_rules and not self.salon_deposit_min_amount
        return {
            "salon_deposit_policy_active": True,
            "salon_deposit_percent": self.salon_deposit_percent,
            "salon_deposit_client_match": no_rule or any(client_rules),
            "salon_deposit_min_amount": self.salon_deposit_min_amount,
            "salon_deposit_no_show_action": self.salon_deposit_no_show_action,
            "salon_deposit_hold_minutes": self.salon_deposit_hold_minutes,
        }

    def _salon_deposit_for(self, terms, services):
        """The deposit asked under ``terms`` for ``services``.

        :param terms: the appointment's deposit terms (policy snapshot)
        :param services: ``[(product, price incl. taxes, amount covered)]``
        :return: the amount, rounded by the currency, never above what the
            services cost once covered
        """
        self.ensure_one()
        if not terms.get("salon_deposit_policy_active"):
            return 0.0
        total = sum(price for _product, price, _covered in services)
        min_amount = terms.get("salon_deposit_min_amount") or 0.0
        currency = self.currency_id
        asked = terms.get("salon_deposit_client_match") or (
            min_amount and currency.compare_amounts(total, min_amount) >= 0
        )
        if not asked:
            return 0.0
        amount = 0.0
        due = 0.0
        for product, price, covered in services:
            # a service paid by a package or a membership asks no deposit
            left = max(price - covered, 0.0)
            due += left
            if not left or not product.salon_is_service:
                # deposits are asked for services, not retail products
                continue
            rule = product.salon_deposit_policy
            if rule == "default":
                amount += left * (terms.get("salon_deposit_percent") or 0.0) / 100
            elif rule == "percent":
                amount += left * product.salon_deposit_value / 100
            elif rule == "fixed":
                amount += min(product.salon_deposit_value, left)
        return float_round(min(amount, due), precision_rounding=currency.rounding)

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _salon_create_demo_deposits(self):
        """Demo data: a deposit in each status, made the way the salon makes
        them (paid in the salon, deducted, retained, refunded, asked by link,
        expired), on the demo appointments."""
        company = self.env.company
        Deposit = self.env["salon.deposit"]
        company._salon_setup_deposit_accounting()
        if not company.salon_deposit_product_id:
            return  # no chart of accounts: no deposits
        Event = self.env["calendar.event"].with_context(salon_no_mail=True)
        Journal = self.env["account.journal"]
        cash = Journal.search(
            [*Journal._check_company_domain(company), ("type", "=", "cash")], limit=1
        )
        now = fields.Datetime.now()

        def appointments(states, future=None, count=1):
            domain = [
                ("salon_is_appointment", "=", True),
                ("salon_state", "in", states),
                ("salon_deposit_ids", "=", False),
                ("salon_company_id", "=", company.id),
            ]
            if future is not None:
                domain.append(("start", ">" if future else "<", now))
            return Event.search(domain, order="start", limit=count)

        def asked(appointment):
            # demo appointments were booked before deposits were enabled
            return appointment.salon_deposit_amount or company.currency_id.round(
                appointment.salon_amount_total * company.salon_deposit_percent / 100
            )

        def paid(appointment):
            deposit = Deposit.with_context(salon_no_mail=True).create(
                {
                    "appointment_id": appointment.id,
                    "amount": asked(appointment),
                    "channel": "salon",
                    "employee_id": appointment.salon_employee_id.id,
                }
            )
            deposit._salon_pay_with_journal(cash)
            return deposit

        # paid, waiting for the visit
        for appointment in appointments(["booked"], future=True, count=2):
            paid(appointment)
            appointment._salon_change_state("confirmed")
        # applied: deducted on the invoice of a client now in the chair
        for appointment in appointments(["checked_in"]):
            paid(appointment)
            appointment.action_salon_create_invoice()
            appointment.salon_invoice_ids.action_post()
        # retained after a no-show, refunded after a cancellation
        for appointment in appointments(["no_show"]):
            paid(appointment).action_retain()
        for appointment in appointments(["cancelled"], future=False):
            paid(appointment).action_refund()
        # asked by link: one on hold, one whose hold ran out
        held = appointments(["booked"], future=True, count=2)
        for appointment in held:
            deposit = Deposit.with_context(salon_no_mail=True).create(
                {
                    "appointment_id": appointment.id,
                    "amount": asked(appointment),
                    "channel": "link",
                }
            )
            deposit._salon_start_hold()
        if len(held) == 2:
            expired = held[1].salon_deposit_ids
            expired.hold_until = now
            Deposit._salon_expire_holds(1)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A client's membership: a Mollie customer, a SEPA direct-debit mandate, a
Mollie subscription that debits the plan's price each month, and the wallet
(a loyalty eWallet card) that each paid month tops up.

Mollie charges the months (subscriptions); Odoo learns what happened from the
webhook, which is only a payment id: the payment is fetched from Mollie and
its state applied (:meth:`_salon_apply_mollie_payment`), so that a replayed or
late notification changes nothing more. Failed debits are retried by
``_cron_salon_memberships`` (recurring payments on the mandate) until the
plan's patience runs out: the credit is then suspended until a payment
succeeds.
"""

import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .mollie import MollieSession, format_amount, parse_amount

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Waiting for the Mandate"),
    ("active", "Active"),
    ("dunning", "Payment Failed"),
    ("suspended", "Suspended"),
    ("paused", "Paused"),
    ("ended", "Ended"),
]
# the one table of allowed moves (_salon_change_state)
TRANSITIONS = {
    "draft": {"active", "ended"},
    "active": {"dunning", "paused", "ended"},
    "dunning": {"active", "suspended", "paused", "ended"},
    "suspended": {"active", "dunning", "ended"},
    "paused": {"active", "ended"},
    "ended": set(),
}
# states in which the credit can be spent
SPENDING_STATES = ("active", "dunning", "paused")
# states in which Mollie debits the client each month
DEBITED_STATES = ("active", "dunning", "suspended")


class SalonMembership(models.Model):
    _name = "salon.membership"
    _description = "Salon Membership"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", index="trigram"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    plan_id = fields.Many2one(
        "salon.membership.plan", required=True, tracking=True, check_company=True
    )
    next_plan_id = fields.Many2one(
        "salon.membership.plan",
        string="Next Month's Plan",
        tracking=True,
        check_company=True,
        help="The plan that applies from the next month debited.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        help="Told when a debit fails.",
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, tracking=True
    )
    card_id = fields.Many2one(
        "loyalty.card", string="Credit Wallet", readonly=True, copy=False
    )
    history_ids = fields.One2many(
        related="card_id.history_ids", string="Credit History"
    )
    balance = fields.Monetary(string="Credit Left", compute="_compute_balance")
    provider_id = fields.Many2one(
        "payment.provider", string="Mollie Account", readonly=True, copy=False
    )
    mollie_customer_id = fields.Char(readonly=True, copy=False)
    mollie_mandate_id = fields.Char(readonly=True, copy=False)
    mollie_subscription_id = fields.Char(readonly=True, copy=False)
    mandate_label = fields.Char(string="Mandate", readonly=True, copy=False)
    checkout_url = fields.Char(
        string="Mandate Link",
        readonly=True,
        copy=False,
        help="Where the client gives the mandate by paying the first month.",
    )
    date_start = fields.Date(string="Member Since", readonly=True, copy=False)
    next_period_start = fields.Date(readonly=True, copy=False)
    next_debit_date = fields.Date(
        compute="_compute_next_debit_date", string="Next Debit"
    )
    end_date = fields.Date(
        string="Ends On",
        readonly=True,
        copy=False,
        tracking=True,
        help="Last day of the membership once it is cancelled.",
    )
    failure_count = fields.Integer(
        string="Failed Debits",
        readonly=True,
        copy=False,
        help="Debits failed in a row; the credit is suspended after the number "
        "set in the salon's settings.",
    )
    period_ids = fields.One2many(
        "salon.membership.period", "membership_id", string="Months", readonly=True
    )
    current_period_id = fields.Many2one(
        "salon.membership.period", compute="_compute_current_period"
    )
    month_credit = fields.Monetary(
        string="This Month's Credit", compute="_compute_current_period"
    )
    month_used = fields.Monetary(
        string="Used This Month", compute="_compute_current_period"
    )

    _sql_constraints = [
        (
            "subscription_unique",
            "UNIQUE(provider_id, mollie_subscription_id)",
            "A Mollie subscription pays one membership.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("salon.membership")
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not self.env.context.get("salon_membership_state"):
            raise UserError(
                self.env._(
                    "The status of a membership follows its payments: use its "
                    "buttons (pause, resume, cancel)."
                )
            )
        return super().write(vals)

    @api.depends("card_id.points")
    def _compute_balance(self):
        for membership in self:
            membership.balance = membership.card_id.points

    @api.depends("state", "next_period_start", "mollie_subscription_id")
    def _compute_next_debit_date(self):
        for membership in self:
            debited = (
                membership.state in DEBITED_STATES and membership.mollie_subscription_id
            )
            membership.next_debit_date = debited and membership.next_period_start

    @api.depends("period_ids.state", "card_id.history_ids")
    def _compute_current_period(self):
        for membership in self:
            today = membership.company_id._salon_today()
            period = membership.period_ids.filtered(
                lambda p, today=today: p.date_start <= today <= p.date_end
            )[:1]
            membership.current_period_id = period
            membership.month_credit = period.credit_issued
            membership.month_used = period.credit_used

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for membership in self:
            membership.access_url = "/my/membership"
        return result

    # ------------------------------------------------------------------
    # State
    # ------------------------------------------------------------------

    def _salon_change_state(self, new_state):
        for membership in self:
            if membership.state == new_state:
                continue
            if new_state not in TRANSITIONS[membership.state]:
                raise UserError(
                    self.env._(
                        "The membership %(membership)s cannot go from "
                        "%(old)s to %(new)s.",
                        membership=membership.name,
                        old=dict(STATES)[membership.state],
                        new=dict(STATES)[new_state],
                    )
                )
            membership.with_context(salon_membership_state=True).write(
                {"state": new_state}
            )

    def _salon_lock(self):
        """One change of a membership at a time (webhooks, crons and the
        salon's buttons wait for each other)."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM salon_membership WHERE id IN %s "
                    "ORDER BY id FOR NO KEY UPDATE",
                    tuple(self.ids),
                ),
                log_exceptions=False,
            )
            self.invalidate_recordset()

    def _salon_can_spend(self):
        self.ensure_one()
        return self.state in SPENDING_STATES

    # ------------------------------------------------------------------
    # Mollie
    # ------------------------------------------------------------------

    @api.model
    def _salon_mollie_provider(self, company):
        provider = (
            self.env["payment.provider"]
            .sudo()
            .search(
                [
                    ("code", "=", "mollie"),
                    ("state", "in", ("enabled", "test")),
                    ("company_id", "=", company.id),
                ],
                limit=1,
            )
        )
        if not provider:
            raise UserError(
                self.env._(
                    "Set up the Mollie payment provider of %s (enabled or in test "
                    "mode): memberships are debited through it.",
                    company.name,
                )
            )
        return provider

    def _salon_mollie(self):
        self.ensure_one()
        if not self.provider_id:
            self.provider_id = self._salon_mollie_provider(self.company_id)
        return MollieSession(self.provider_id)

    def _salon_webhook_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/salon/membership/mollie/{self.id}"

    def _salon_ensure_customer(self, mollie):
        self.ensure_one()
        if not self.mollie_customer_id:
            customer = mollie.create_customer(
                self.partner_id, {"salon_membership": self.name}
            )
            self.mollie_customer_id = customer.id
        return self.mollie_customer_id

    def _salon_description(self, period_start=None):
        self.ensure_one()
        if period_start:
            return self.env._(
                "%(salon)s membership %(reference)s, %(month)s",
                salon=self.company_id.name,
                reference=self.name,
                month=period_start.strftime("%Y-%m"),
            )
        return self.env._(
            "%(salon)s membership %(reference)s",
            salon=self.company_id.name,
            reference=self.name,
        )

    def _salon_mandate_customer(self):
        """Mollie and the membership's Mollie customer, to ask the mandate
        (refused once the membership has one)."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(
                self.env._("The membership %s already has its mandate.", self.name)
            )
        mollie = self._salon_mollie()
        return mollie, self._salon_ensure_customer(mollie)

    def _salon_request_mandate(self):
        """The client gives the mandate online: a first payment of the first
        month (iDEAL, Bancontact, card...), which Mollie turns into a SEPA
        direct-debit mandate. Returns the checkout URL, also kept on the
        membership and emailed by the salon."""
        mollie, customer_id = self._salon_mandate_customer()
        start = self.company_id._salon_today()
        period = self.env["salon.membership.period"].sudo()._salon_open(self, start)
        payment = mollie.create_payment(
            {
                "amount": format_amount(period.amount, self.currency_id),
                "description": self._salon_description(start),
                "customerId": customer_id,
                "sequenceType": "first",
                "redirectUrl": f"{self.get_base_url()}{self.get_portal_url()}",
                "webhookUrl": self._salon_webhook_url(),
                "metadata": {"membership": self.id, "period": period.id},
            },
            idempotency_key=f"salon-membership-{self.id}-first-{period.id}",
        )
        period._salon_attempt(payment)
        checkout = payment.checkout_url
        self.checkout_url = checkout
        return checkout

    def _salon_set_iban_mandate(self, consumer_name, iban, signature_date=None):
        """A SEPA direct-debit mandate the client signed at the salon; the
        first month is debited at once."""
        mollie, customer_id = self._salon_mandate_customer()
        mandate = mollie.create_mandate(
            customer_id,
            {
                "method": "directdebit",
                "consumerName": consumer_name,
                "consumerAccount": iban.replace(" ", "").upper(),
                "signatureDate": fields.Date.to_string(
                    signature_date or self.company_id._salon_today()
                ),
                "mandateReference": self.name,
            },
        )
        self._salon_store_mandate(mandate)
        self._salon_start(self.company_id._salon_today())

    def _salon_store_mandate(self, mandate):
        details = getattr(mandate, "details", None) or {}
        account = details.get("consumerAccount") or ""
        # the IBAN's last digits only (an f-string inside _() would stop the
        # extraction of the file's terms)
        masked = "••••" + account[-4:] if account else ""
        self.write(
            {
                "mollie_mandate_id": mandate.id,
                "mandate_label": self.env._(
                    "SEPA Direct Debit %(account)s (%(name)s)",
                    account=masked,
                    name=details.get("consumerName") or "",
                ),
            }
        )

    def _salon_start(self, first_debit):
        """The mandate is there: the membership is active and Mollie debits
        each month from ``first_debit``."""
        self.ensure_one()
        self.date_start = self.date_start or self.company_id._salon_today()
        self.next_period_start = first_debit
        self._salon_change_state("active")
        self._salon_subscribe(first_debit)
        self.message_post(
            body=self.env._("Mandate received: %s", self.mandate_label or "")
        )

    def _salon_subscribe(self, start):
        """The Mollie subscription debiting the plan's price each month from
        ``start`` (a date)."""
        self.ensure_one()
        if self.end_date and start > self.end_date:
            return
        mollie = self._salon_mollie()
        plan = self.next_plan_id or self.plan_id
        subscription = mollie.create_subscription(
            self.mollie_customer_id,
            {
                "amount": format_amount(plan.price, self.currency_id),
                "interval": "1 month",
                "startDate": fields.Date.to_string(start),
                "description": self._salon_description(),
                "mandateId": self.mollie_mandate_id,
                "webhookUrl": self._salon_webhook_url(),
                "metadata": {"membership": self.id},
            },
            idempotency_key=f"salon-membership-{self.id}-sub-{start}",
        )
        self.write(
            {"mollie_subscription_id": subscription.id, "next_period_start": start}
        )

    def _salon_unsubscribe(self):
        self.ensure_one()
        if self.mollie_subscription_id:
            self._salon_mollie().cancel_subscription(
                self.mollie_customer_id, self.mollie_subscription_id
            )
            self.mollie_subscription_id = False

    # ------------------------------------------------------------------
    # What Mollie says happened
    # ------------------------------------------------------------------

    def _salon_process_mollie_payment(self, payment_id):
        """The webhook: fetch the payment from Mollie (the notification itself
        proves nothing) and apply its state. Idempotent."""
        self.ensure_one()
        self._salon_lock()
        mollie = self._salon_mollie()
        payment = mollie.get_payment(payment_id)
        if payment.customer_id != self.mollie_customer_id:
            _logger.warning(
                "Mollie payment %s does not belong to membership %s: ignored",
                payment_id,
                self.id,
            )
            return False
        self._salon_apply_mollie_payment(payment)
        return True

    def _salon_apply_mollie_payment(self, payment):
        self.ensure_one()
        Period = self.env["salon.membership.period"].sudo()
        tx = (
            self.env["payment.transaction"]
            .sudo()
            ._salon_find_mollie(self.provider_id, payment.id)
        )
        period = tx.salon_membership_period_id
        if not period:
            period_id = (payment.metadata or {}).get("period")
            period = Period.browse(int(period_id)).exists() if period_id else Period
            if period.membership_id != self:
                period = Period._salon_open(self, self.next_period_start)
                self.next_period_start = period.date_end + relativedelta(days=1)
                self._salon_sync_end()
            tx = period._salon_attempt(payment)
        if payment.mandate_id and not self.mollie_mandate_id:
            mandate = self._salon_mollie().get_mandate(
                self.mollie_customer_id, payment.mandate_id
            )
            self._salon_store_mandate(mandate)
        status = payment.status
        if status == "paid":
            period._salon_paid(tx, payment)
            if parse_amount(payment.amount_chargedback) > 0:
                period._salon_charged_back(tx)
        elif status in ("failed", "expired", "canceled"):
            period._salon_failed(tx, payment)

    def _salon_after_paid(self, period):
        """A month was paid: the mandate works. The credit can be spent again;
        months still unpaid are tried again soon, and with none left the
        membership is in good standing."""
        self.ensure_one()
        if self.state == "draft":
            self._salon_start(period.date_end + relativedelta(days=1))
        still_failed = self.period_ids.filtered(
            lambda p: p.state in ("failed", "charged_back")
        )
        self.failure_count = len(still_failed)
        retry_on = self.company_id._salon_today() + relativedelta(
            days=self.company_id.salon_membership_retry_days
        )
        for unpaid in still_failed.filtered(lambda p: not p.next_retry_date):
            unpaid.next_retry_date = retry_on
        if still_failed and self.state == "suspended":
            self._salon_change_state("dunning")
            self.message_post(
                body=self.env._("A payment succeeded: the credit can be spent again.")
            )
        elif not still_failed and self.state in ("dunning", "suspended"):
            self._salon_change_state("active")
            self.message_post(body=self.env._("Payments are up to date again."))

    def _salon_after_failure(self, period, reason):
        """A debit failed (or was charged back): dunning, then suspension."""
        self.ensure_one()
        self.failure_count += 1
        company = self.company_id
        if self.state == "draft":
            # the first payment was not made: nothing to chase
            self.message_post(
                body=self.env._("The first payment was not made: %s", reason)
            )
            return
        if self.state == "paused":
            return
        limit = company.salon_membership_max_failures
        if self.failure_count >= limit and self.state != "suspended":
            self._salon_change_state("dunning")
            self._salon_change_state("suspended")
        elif self.state == "active":
            self._salon_change_state("dunning")
        if self.failure_count < limit:
            period.next_retry_date = company._salon_today() + relativedelta(
                days=company.salon_membership_retry_days
            )
        template = self.env.ref(
            "salon_memberships.mail_template_membership_payment_failed",
            raise_if_not_found=False,
        )
        if template:
            self.with_context(salon_failure_reason=reason).message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=self.env._("Membership debit failed"),
                note=reason,
            )

    # ------------------------------------------------------------------
    # What the salon and the client do
    # ------------------------------------------------------------------

    def action_pause(self):
        for membership in self:
            membership._salon_lock()
            if membership.state not in ("active", "dunning"):
                raise UserError(
                    self.env._(
                        "Only an active membership can be paused (%s).",
                        membership.name,
                    )
                )
            membership._salon_unsubscribe()
            membership._salon_change_state("paused")
            membership.message_post(
                body=self.env._("Paused: no debit until it is resumed.")
            )

    def action_resume(self):
        for membership in self:
            membership._salon_lock()
            if membership.state != "paused":
                raise UserError(
                    self.env._("The membership %s is not paused.", membership.name)
                )
            today = membership.company_id._salon_today()
            start = max(today, membership.next_period_start or today)
            membership._salon_change_state(
                "dunning" if membership.failure_count else "active"
            )
            membership._salon_subscribe(start)
            membership.message_post(
                body=self.env._(
                    "Resumed: next debit on %s.", fields.Date.to_string(start)
                )
            )

    def _salon_earliest_end(self):
        """The last day the membership can end on if cancelled today: after
        the notice and the minimum term, at the end of a paid month."""
        self.ensure_one()
        today = self.company_id._salon_today()
        earliest = today + relativedelta(days=self.plan_id.notice_days)
        if self.date_start and self.plan_id.min_term_months:
            earliest = max(
                earliest,
                self.date_start
                + relativedelta(months=self.plan_id.min_term_months, days=-1),
            )
        start = self.date_start or today
        months = 0
        while start + relativedelta(months=months + 1, days=-1) < earliest:
            months += 1
        return start + relativedelta(months=months + 1, days=-1)

    def action_cancel(self):
        """Cancel: the membership ends at the end of the month in which the
        notice (and the minimum term) is over; no debit after that."""
        for membership in self:
            membership._salon_lock()
            if membership.state == "ended":
                continue
            if membership.state == "draft":
                membership._salon_change_state("ended")
                membership.end_date = membership.company_id._salon_today()
                continue
            if membership.end_date:
                raise UserError(
                    self.env._(
                        "The membership %(membership)s already ends on %(day)s.",
                        membership=membership.name,
                        day=fields.Date.to_string(membership.end_date),
                    )
                )
            membership.end_date = membership._salon_earliest_end()
            membership._salon_sync_end()
            membership.message_post(
                body=self.env._(
                    "Cancelled: the membership ends on %s.",
                    fields.Date.to_string(membership.end_date),
                )
            )

    def _salon_sync_end(self):
        """No debit for a month after the end date."""
        self.ensure_one()
        if (
            self.end_date
            and self.next_period_start
            and self.next_period_start > self.end_date
        ):
            self._salon_unsubscribe()

    def _salon_change_plan(self, plan):
        """``plan`` applies from the next month debited."""
        self.ensure_one()
        self._salon_lock()
        if plan == self.plan_id:
            self.next_plan_id = False
        else:
            self.next_plan_id = plan
        if self.mollie_subscription_id:
            self._salon_mollie().update_subscription(
                self.mollie_customer_id,
                self.mollie_subscription_id,
                {"amount": format_amount(plan.price, self.currency_id)},
            )
        self.message_post(
            body=self.env._(
                "From the next month: %(plan)s (%(price)s a month).",
                plan=plan.name,
                price=plan.price,
            )
        )

    def _salon_ensure_card(self):
        """The member's credit wallet (an eWallet card of the salon's
        membership credit program)."""
        self.ensure_one()
        if not self.card_id:
            program = self.company_id._salon_membership_program()
            self.card_id = (
                self.env["loyalty.card"]
                .sudo()
                .create(
                    {
                        "program_id": program.id,
                        "partner_id": self.partner_id.id,
                        "points": 0,
                        "company_id": self.company_id.id,
                    }
                )
            )
        return self.card_id

    @api.model
    def _salon_credit_offer(self, partner, company, lines, exclude=None):
        """What ``partner``'s membership credit pays of a sale being made (the
        till's "Membership Credit", an invoice's "Apply Membership Credit"):
        the eligible lines, up to the credit left once what is promised to
        booked appointments is set aside.

        :param lines: ``[{"product_id", "amount"}]``, amounts taxes included
        :param exclude: appointment lines the sale pays (what was promised to
            them is not set aside)
        :return: ``{"card_id" (loyalty.card), "amount", "product_id", "label"}``
        """
        if not partner:
            raise UserError(self.env._("Choose the client first."))
        membership = self.env["salon.coverage"]._salon_spending_membership(
            partner, company
        )
        if not membership:
            raise UserError(
                self.env._(
                    "%s has no membership credit to spend.", partner.display_name
                )
            )
        card = membership.card_id
        currency = card.currency_id
        products = self.env["product.product"].browse(
            [int(line["product_id"]) for line in lines]
        )
        eligible = sum(
            float(line["amount"])
            for line, product in zip(lines, products, strict=True)
            if float(line["amount"]) > 0
            and membership.plan_id._salon_is_eligible(product)
        )
        if currency.compare_amounts(eligible, 0) <= 0:
            raise UserError(
                self.env._("The membership credit pays none of these products.")
            )
        reserved = self.env["salon.coverage"]._salon_reserved_lines(card, exclude)
        left = currency.round(
            card._salon_credit_available() - sum(reserved.mapped("coverage_amount"))
        )
        if currency.compare_amounts(left, 0) <= 0:
            raise UserError(
                self.env._(
                    "No membership credit is left for %s (what is left may be "
                    "set aside for booked appointments).",
                    partner.display_name,
                )
            )
        amount = currency.round(min(eligible, left))
        return {
            "card_id": card,
            "amount": amount,
            "product_id": company._salon_membership_product().id,
            "label": self.env["calendar.event"]._salon_membership_credit_label(
                card, amount
            ),
        }

    # ------------------------------------------------------------------
    # Time-driven: retries, month ends, ends
    # ------------------------------------------------------------------

    @api.model
    def _cron_salon_memberships(self, batch_size=100):
        """Retry failed debits, expire the credit of months that are over,
        end cancelled memberships. Batched and safe to run twice."""
        today = self.env.company._salon_today()
        Period = self.env["salon.membership.period"].sudo()
        retries = Period.search(
            [
                ("state", "in", ("failed", "charged_back")),
                ("next_retry_date", "<=", today),
                ("membership_id.state", "in", ("dunning", "suspended")),
            ],
            limit=batch_size,
        )
        closing = Period.search(
            [("closed", "=", False), ("date_end", "<", today)],
            order="date_end, id",
            limit=batch_size,
        )
        ending = self.sudo().search(
            [("state", "!=", "ended"), ("end_date", "<", today)], limit=batch_size
        )
        done = 0
        for records, method in (
            (retries, "_salon_retry"),
            (closing, "_salon_close"),
            (ending, "_salon_end"),
        ):
            for record in records:
                try:
                    with self.env.cr.savepoint():
                        getattr(record.with_company(record.company_id), method)()
                except UserError as error:
                    _logger.warning("Membership cron: %s", error)
                done += 1
        # one batch per call: the scheduler commits it and calls again while
        # some work remains
        more = any(len(records) == batch_size for records in (retries, closing, ending))
        self.env["ir.cron"]._notify_progress(done=done, remaining=int(more))

    def _salon_end(self):
        self.ensure_one()
        self._salon_lock()
        if self.state == "ended" or not self.end_date:
            return
        self._salon_unsubscribe()
        for period in self.period_ids.filtered(lambda p: not p.closed):
            period._salon_close()
        self._salon_change_state("ended")
        self.message_post(body=self.env._("The membership has ended."))

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One month of a membership: what is debited, the Mollie payments that try
to debit it (one payment transaction each), the invoice of the month once
paid, and the credit it gives (history lines of the member's wallet).

Accounting: the month paid is an invoice of the membership credit product,
whose account is a liability (the client's advance); the Mollie payment pays
it. The credit spent at the salon is a line of that product on the sale
(liability → the service's revenue, taxes on the service); the credit that
expires becomes income; a chargeback gives the money back to the bank and
takes back the credit left (what was already spent is owed by the client).
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from .mollie import format_amount, parse_amount

PERIOD_STATES = [
    ("pending", "Waiting for the Debit"),
    ("paid", "Paid"),
    ("failed", "Failed"),
    ("charged_back", "Charged Back"),
]


class SalonMembershipPeriod(models.Model):
    _name = "salon.membership.period"
    _description = "Salon Membership Month"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    membership_id = fields.Many2one(
        "salon.membership", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="membership_id.company_id", store=True)
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True)
    currency_id = fields.Many2one(related="membership_id.currency_id")
    plan_id = fields.Many2one("salon.membership.plan", required=True, readonly=True)
    date_start = fields.Date(string="From", required=True, readonly=True)
    date_end = fields.Date(string="To", required=True, readonly=True)
    amount = fields.Monetary(string="Debited", readonly=True)
    credit = fields.Monetary(readonly=True, help="Credit the month gives once paid.")
    state = fields.Selection(
        PERIOD_STATES, default="pending", required=True, readonly=True
    )
    transaction_ids = fields.One2many(
        "payment.transaction",
        "salon_membership_period_id",
        string="Payments",
        readonly=True,
    )
    attempt_count = fields.Integer(string="Attempts", readonly=True)
    next_retry_date = fields.Date(string="Next Attempt", readonly=True)
    closed = fields.Boolean(
        readonly=True, help="The month is over: its unused credit was handled."
    )
    move_ids = fields.Many2many(
        "account.move", string="Accounting", readonly=True, copy=False
    )
    history_ids = fields.One2many(
        "loyalty.history", "salon_membership_period_id", readonly=True
    )
    credit_reversed = fields.Monetary(
        readonly=True, help="Credit a chargeback took back, given again once paid."
    )
    credit_issued = fields.Monetary(compute="_compute_credit")
    credit_used = fields.Monetary(compute="_compute_credit")
    credit_left = fields.Monetary(compute="_compute_credit")

    @api.depends("history_ids.issued", "history_ids.used")
    def _compute_credit(self):
        for period in self:
            issued = spent = left = 0.0
            for line in period.history_ids:
                left += line.issued - line.used
                if line.salon_membership_kind == "issued":
                    issued += line.issued
                elif line.salon_membership_kind == "used":
                    spent += line.used
                elif line.salon_membership_kind == "returned":
                    spent -= line.issued
            period.credit_issued = issued
            period.credit_used = spent
            period.credit_left = left

    @api.depends("membership_id.name", "date_start")
    def _compute_display_name(self):
        for period in self:
            period.display_name = (
                f"{period.membership_id.name} "
                f"{period.date_start and period.date_start.strftime('%Y-%m') or ''}"
            )

    # ------------------------------------------------------------------

    @api.model
    def _salon_open(self, membership, start):
        """The month of ``membership`` beginning on ``start``; the plan chosen
        for the next month applies from it."""
        if membership.next_plan_id:
            membership.write(
                {"plan_id": membership.next_plan_id.id, "next_plan_id": False}
            )
        plan = membership.plan_id
        return self.create(
            {
                "membership_id": membership.id,
                "plan_id": plan.id,
                "date_start": start,
                "date_end": start + relativedelta(months=1, days=-1),
                "amount": plan.price,
                "credit": plan.credit,
            }
        )

    def _salon_attempt(self, payment):
        """The payment transaction of a Mollie payment for this month."""
        self.ensure_one()
        membership = self.membership_id
        provider = membership.provider_id
        method = self.env["payment.method"].sudo()
        if payment.method:
            method = method.with_context(active_test=False).search(
                [("code", "=", payment.method)], limit=1
            )
        method = method or self.env.ref("payment.payment_method_sepa_direct_debit")
        Transaction = self.env["payment.transaction"].sudo()
        tx = Transaction.create(
            {
                "provider_id": provider.id,
                "payment_method_id": method.id,
                "reference": Transaction._compute_reference(
                    "mollie", prefix=f"{membership.name}-{self.date_start:%Y%m}"
                ),
                "provider_reference": payment.id,
                "amount": parse_amount(payment.amount),
                "currency_id": membership.currency_id.id,
                "partner_id": membership.partner_id.id,
                "operation": (
                    "offline" if membership.mollie_mandate_id else "online_redirect"
                ),
                "salon_membership_period_id": self.id,
            }
        )
        tx._set_pending()
        self.attempt_count += 1
        return tx

    # ------------------------------------------------------------------
    # Outcomes
    # ------------------------------------------------------------------

    def _salon_paid(self, tx, payment):
        """The month is paid: invoice it, record the payment, give the
        credit. Once per transaction."""
        self.ensure_one()
        if tx.state == "done":
            return
        membership = self.membership_id
        charged_back = self.state == "charged_back"
        if self.state == "paid":
            # paid twice (a retry crossed the next debit): the money is the
            # client's, kept on their account for the salon to refund
            tx._set_done()
            tx._post_process()
            membership.message_post(
                body=self.env._(
                    "%(month)s was paid twice (%(payment)s): refund the second "
                    "payment from the transaction.",
                    month=self.display_name,
                    payment=payment.id,
                )
            )
            return
        card = membership._salon_ensure_card()
        if charged_back:
            credit = self.credit_reversed
            move = self._salon_receivable_entry(
                credit,
                self.env._("Credit given back: %s", self.display_name),
                to_credit=True,
            )
        else:
            credit = self.credit
            move = self._salon_invoice()
            tx.invoice_ids = move
        tx._set_done()
        tx._post_process()
        self.write({"state": "paid", "next_retry_date": False, "credit_reversed": 0})
        self._salon_reconcile()
        if not membership.currency_id.is_zero(credit):
            card._salon_credit_issue(self._salon_credit_bucket(), credit, origin=move)
        membership._salon_after_paid(self)

    def _salon_failed(self, tx, payment):
        self.ensure_one()
        if tx.state in ("error", "cancel", "done"):
            return
        details = getattr(payment, "details", None) or {}
        reason = details.get("bankReason") or self.env._(
            "the debit was %s at Mollie", payment.status
        )
        tx._set_error(reason)
        if self.state == "paid":
            return  # another attempt paid the month
        if self.state == "pending":
            self.state = "failed"
        self.membership_id._salon_after_failure(self, reason)

    def _salon_charged_back(self, tx):
        """The client's bank took the money back: back to the bank, and the
        credit left of the month taken back (once per transaction)."""
        self.ensure_one()
        if tx.salon_charged_back or self.state != "paid":
            return
        tx.salon_charged_back = True
        membership = self.membership_id
        card = membership.card_id
        taken = card._salon_credit_reverse(self) if card else 0.0
        payment = (
            self.env["account.payment"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "payment_type": "outbound",
                    "partner_type": "customer",
                    "partner_id": self.partner_id.commercial_partner_id.id,
                    "amount": tx.amount,
                    "currency_id": tx.currency_id.id,
                    "journal_id": tx.provider_id.journal_id.id,
                    "memo": self.env._("Chargeback %s", tx.provider_reference),
                }
            )
        )
        payment.action_post()
        self.move_ids |= payment.move_id
        if taken:
            self._salon_receivable_entry(
                taken,
                self.env._("Credit taken back: %s", self.display_name),
                to_credit=False,
            )
        self.write({"state": "charged_back", "credit_reversed": taken})
        self._salon_reconcile()
        membership._salon_after_failure(
            self, self.env._("the debit of %s was charged back", self.display_name)
        )

    def _salon_credit_bucket(self):
        """The month whose credit a payment of this month tops up: itself, or
        the current month when it is over (a late payment keeps its credit
        usable)."""
        self.ensure_one()
        if not self.closed:
            return self
        today = self.company_id._salon_today()
        current = self.membership_id.period_ids.filtered(
            lambda p: not p.closed and p.date_start <= today
        )
        return current[:1] or self

    # ------------------------------------------------------------------
    # Retries and month end
    # ------------------------------------------------------------------

    def _salon_retry(self):
        """Debit the month again on the mandate (dunning)."""
        self.ensure_one()
        membership = self.membership_id
        membership._salon_lock()
        self.invalidate_recordset()
        if self.state not in ("failed", "charged_back") or not self.next_retry_date:
            return
        if self.transaction_ids.filtered(lambda t: t.state in ("draft", "pending")):
            return
        if not membership.mollie_mandate_id:
            raise UserError(
                self.env._("The membership %s has no mandate.", membership.name)
            )
        mollie = membership._salon_mollie()
        payment = mollie.create_payment(
            {
                "amount": format_amount(self.amount, self.currency_id),
                "description": membership._salon_description(self.date_start),
                "customerId": membership.mollie_customer_id,
                "mandateId": membership.mollie_mandate_id,
                "sequenceType": "recurring",
                "webhookUrl": membership._salon_webhook_url(),
                "metadata": {"membership": membership.id, "period": self.id},
            },
            idempotency_key=f"salon-period-{self.id}-{self.attempt_count + 1}",
        )
        self._salon_attempt(payment)
        self.next_retry_date = False

    def _salon_close(self):
        """The month is over: its unused credit expires per the plan (all of
        it, or what exceeds the carry-over cap)."""
        self.ensure_one()
        membership = self.membership_id
        membership._salon_lock()
        self.invalidate_recordset()
        if self.closed:
            return
        card = membership.card_id
        if card:
            card._salon_credit_expire(self)
        self.closed = True

    # ------------------------------------------------------------------
    # Accounting
    # ------------------------------------------------------------------

    def _salon_invoice(self):
        """The posted invoice of the month: the credit (an advance, no tax)
        and, when the price is higher than the credit, the membership fee."""
        self.ensure_one()
        company = self.company_id
        product = company._salon_membership_product()
        lines = [
            Command.create(
                {
                    "product_id": product.id,
                    "name": self.display_name,
                    "quantity": 1,
                    "price_unit": min(self.credit, self.amount),
                    "tax_ids": [Command.clear()],
                }
            )
        ]
        fee = self.currency_id.round(self.amount - self.credit)
        if fee > 0:
            lines.append(
                Command.create(
                    {
                        "product_id": company._salon_membership_fee_product().id,
                        "name": self.env._("Membership fee %s", self.display_name),
                        "quantity": 1,
                        "price_unit": fee,
                    }
                )
            )
        invoice = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.partner_id.id,
                    "company_id": company.id,
                    "currency_id": self.currency_id.id,
                    "invoice_origin": self.membership_id.name,
                    "invoice_date": company._salon_today(),
                    "invoice_line_ids": lines,
                }
            )
        )
        invoice.action_post()
        self.move_ids |= invoice
        return invoice

    def _salon_receivable_entry(self, amount, label, to_credit):
        """Move ``amount`` between the client's account and the membership
        credit: ``to_credit`` gives it (client → credit), else takes it back."""
        self.ensure_one()
        company = self.company_id
        receivable = self.partner_id.commercial_partner_id.with_company(
            company
        ).property_account_receivable_id
        liability = company._salon_membership_account()
        if to_credit:
            return self._salon_post_entry(label, receivable, liability, amount)
        return self._salon_post_entry(label, liability, receivable, amount)

    def _salon_expiry_entry(self, amount):
        """Expired credit becomes income."""
        self.ensure_one()
        company = self.company_id
        return self._salon_post_entry(
            self.env._("Membership credit expired: %s", self.display_name),
            company._salon_membership_account(),
            company._salon_membership_expiry_account(),
            amount,
        )

    def _salon_post_entry(self, label, debit, credit, amount):
        """A posted entry of the memberships journal, linked to the month."""
        self.ensure_one()
        company = self.company_id
        partner = self.partner_id.commercial_partner_id
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": company._salon_membership_journal().id,
                    "date": company._salon_today(),
                    "ref": label,
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": account.id,
                                "partner_id": partner.id,
                                "name": label,
                                "debit": amount if side == "debit" else 0.0,
                                "credit": amount if side == "credit" else 0.0,
                            }
                        )
                        for account, side in ((debit, "debit"), (credit, "credit"))
                    ],
                }
            )
        )
        move.action_post()
        self.move_ids |= move
        return move

    def _salon_reconcile(self):
        """Match what the client owes and paid for this month."""
        self.ensure_one()
        moves = self.move_ids | self.transaction_ids.payment_id.move_id
        lines = moves.line_ids.filtered(
            lambda line: (
                line.account_id.account_type == "asset_receivable"
                and not line.reconciled
                and line.parent_state == "posted"
            )
        )
        for account in lines.account_id:
            todo = lines.filtered(lambda line, a=account: line.account_id == a)
            if todo.filtered(lambda line: line.balance > 0) and todo.filtered(
                lambda line: line.balance < 0
            ):
                todo.reconcile()

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A deposit asked for an appointment ("avance sur prestation", seed 000).

A deposit is a customer advance: its invoice books the deposit product, whose
account is a current liability, and its payment settles that invoice. At
checkout a line of the same product, negative, moves the advance to the
services' revenue; retained after a no-show it becomes no-show fee income; a
refund reverses its invoice and pays the client back. Every movement is a line
of the deposit's ledger (``salon.deposit.line``), pointing to its document.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL
from odoo.tools.misc import clean_context, formatLang

STATES = [
    ("pending", "Pending"),
    ("paid", "Paid"),
    ("applied", "Applied"),
    ("retained", "Retained"),
    ("refunded", "Refunded"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
]
# the state a deposit reaches after a ledger movement
STATE_OF_KIND = {
    "paid": "paid",
    "applied": "applied",
    "restored": "paid",
    "retained": "retained",
    "refunded": "refunded",
    "expired": "expired",
}


class SalonDeposit(models.Model):
    _name = "salon.deposit"
    _inherit = ["mail.thread", "portal.mixin"]
    _description = "Salon Deposit"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    appointment_id = fields.Many2one(
        "calendar.event",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
        domain=[("salon_is_appointment", "=", True)],
    )
    partner_id = fields.Many2one(
        related="appointment_id.salon_partner_id", store=True, string="Client"
    )
    company_id = fields.Many2one(
        related="appointment_id.salon_company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    appointment_start = fields.Datetime(
        related="appointment_id.start", string="Appointment Date"
    )
    amount = fields.Monetary(required=True, readonly=True)
    state = fields.Selection(
        STATES, default="pending", required=True, readonly=True, tracking=True
    )
    channel = fields.Selection(
        [
            ("salon", "In the Salon"),
            ("pos", "Point of Sale"),
            ("link", "Payment Link"),
            ("online", "Online Booking"),
        ],
        required=True,
        readonly=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Taken By", readonly=True, check_company=True
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Deposit Invoice",
        readonly=True,
        copy=False,
        # the invoices' "paid" hook finds their deposits by it
        index="btree_not_null",
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Paid With",
        readonly=True,
        help="The journal of the payment: a refund goes back through it.",
    )
    line_ids = fields.One2many(
        "salon.deposit.line", "deposit_id", string="Movements", readonly=True
    )
    payment_reference = fields.Char(compute="_compute_amounts", store=True)
    amount_paid = fields.Monetary(string="Paid", compute="_compute_amounts", store=True)
    amount_applied = fields.Monetary(
        string="Applied", compute="_compute_amounts", store=True
    )
    amount_retained = fields.Monetary(
        string="Retained", compute="_compute_amounts", store=True
    )
    amount_refunded = fields.Monetary(
        string="Refunded", compute="_compute_amounts", store=True
    )
    amount_available = fields.Monetary(
        string="Available",
        compute="_compute_amounts",
        store=True,
        help="Paid and not yet applied, retained or refunded.",
    )
    to_settle = fields.Boolean(
        compute="_compute_to_settle",
        search="_search_to_settle",
        help="Paid for an appointment missed or cancelled late: retain or refund.",
    )
    proposed_action = fields.Selection(
        related="appointment_id.salon_deposit_no_show_action",
        string="Proposed for a No-Show",
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A deposit is a positive amount."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("salon.deposit") or "/"
                )
        return super().create(vals_list)

    @api.depends("line_ids.kind", "line_ids.amount", "line_ids.reference")
    def _compute_amounts(self):
        for deposit in self:
            sums = dict.fromkeys(STATE_OF_KIND, 0.0)
            for line in deposit.line_ids:
                sums[line.kind] += line.amount
            deposit.amount_paid = sums["paid"]
            deposit.amount_retained = sums["retained"]
            deposit.amount_refunded = sums["refunded"]
            deposit.amount_applied = sums["applied"] - sums["restored"]
            deposit.amount_available = deposit.currency_id.round(
                sums["paid"]
                + sums["restored"]
                - sums["applied"]
                - sums["retained"]
                - sums["refunded"]
            )
            paid = deposit.line_ids.filtered(lambda line: line.kind == "paid")
            deposit.payment_reference = ", ".join(paid.mapped("reference"))

    @api.depends("state", "appointment_id.salon_state")
    def _compute_to_settle(self):
        for deposit in self:
            deposit.to_settle = deposit._salon_is_to_settle()

    def _salon_is_to_settle(self):
        self.ensure_one()
        appointment = self.appointment_id
        return (
            self.state == "paid"
            and appointment.salon_state in appointment._salon_get_free_states()
        )

    def _search_to_settle(self, operator, value):
        Event = self.env["calendar.event"]
        domain = [
            ("state", "=", "paid"),
            (
                "appointment_id.salon_state",
                "in",
                list(Event._salon_get_free_states()),
            ),
        ]
        if (operator == "=") != bool(value):
            return ["!", *domain]
        return domain

    # ------------------------------------------------------------------
    # Ledger
    # ------------------------------------------------------------------

    def _salon_record(self, kind, amount, source, reference=None):
        """Record a movement once (a document moves a deposit once per kind).

        :return: True when recorded, False when it already was
        """
        self.ensure_one()
        Line = self.env["salon.deposit.line"].sudo()
        if Line.search_count(
            [
                ("deposit_id", "=", self.id),
                ("kind", "=", kind),
                ("source_model", "=", source._name),
                ("source_id", "=", source.id),
            ]
        ):
            return False
        Line.create(
            {
                "deposit_id": self.id,
                "kind": kind,
                "amount": self.currency_id.round(amount),
                "source_model": source._name,
                "source_id": source.id,
                "reference": reference or source.display_name,
            }
        )
        self._salon_refresh_state()
        return True

    def _salon_refresh_state(self):
        """The state the ledger says: paid while money is available, else
        what the last movement did with it."""
        for deposit in self.sudo():
            last = deposit.line_ids.sorted("id")[-1:]
            if not last:
                state = "pending"
            elif last.kind == "expired":
                state = "expired"
            elif deposit.currency_id.compare_amounts(deposit.amount_available, 0) > 0:
                state = "paid"
            else:
                state = STATE_OF_KIND[last.kind]
            if deposit.state != state:
                deposit.state = state

    def _salon_lock(self):
        """Serialize the money movements of these deposits (a double click,
        the same notification twice): the second waits, then sees the first."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM salon_deposit WHERE id IN %s FOR NO KEY UPDATE",
                    tuple(self.ids),
                )
            )
            self.invalidate_recordset()

    def _salon_accounting_env(self):
        """The deposit with the rights to write its accounting documents.

        Receptionists take and give back deposits without being accountants:
        they must be allowed to change the deposit itself first.
        """
        self.check_access("write")
        # no default_* of the caller (e.g. a payment's move type) reaches the
        # invoices and credit notes made here
        clean = self.env(context=clean_context(self.env.context), su=True)
        return self.with_env(clean).with_company(self.company_id)

    # ------------------------------------------------------------------
    # Taken in the salon: an invoice of the deposit, paid with a journal
    # ------------------------------------------------------------------

    def _salon_create_invoice(self):
        """The deposit's invoice (posted): an advance on a liability account."""
        self.ensure_one()
        appointment = self.appointment_id
        line = self._salon_prepare_deposit_line_vals(
            self.amount,
            self.env._(
                "Deposit %(deposit)s for %(appointment)s on %(date)s",
                deposit=self.name,
                appointment=appointment.salon_reference,
                date=appointment._salon_format_start("medium"),
            ),
        )
        invoice = self.env["account.move"].create(
            self._salon_prepare_move_vals(
                "out_invoice", appointment.salon_reference, [line]
            )
        )
        invoice.action_post()
        self.invoice_id = invoice
        return invoice

    def _salon_pay_with_journal(self, journal):
        """Pay the deposit in the salon (cash, card terminal, transfer) with
        ``journal``: its invoice, paid and reconciled."""
        self.ensure_one()
        self._salon_lock()
        if self.state != "pending":
            raise UserError(
                self.env._(
                    "The deposit %(deposit)s is not waiting for a payment.",
                    deposit=self.name,
                )
            )
        deposit = self._salon_accounting_env()
        invoice = deposit.invoice_id or deposit._salon_create_invoice()
        # the invoice's "paid" hook records the money (_salon_on_invoice_paid)
        return (
            self.env["account.payment.register"]
            .sudo()
            .with_company(deposit.company_id)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": journal.id, "amount": deposit.amount})
            ._create_payments()
        )

    def _salon_cancel_pending(self):
        """Drop deposits still waiting for their payment (and their unpaid
        invoice)."""
        for deposit in self.filtered(lambda d: d.state == "pending").sudo():
            invoice = deposit.invoice_id
            if invoice.state == "posted" and invoice.payment_state == "not_paid":
                invoice.button_draft()
            if invoice.state == "draft":
                invoice.button_cancel()
            deposit.write({"state": "cancelled", "hold_until": False})

    # ------------------------------------------------------------------
    # Applied at checkout
    # ------------------------------------------------------------------

    def _salon_apply(self, invoice, amount):
        """The deposit was deducted from ``invoice``, being posted."""
        self.ensure_one()
        self._salon_lock()
        if self.currency_id.compare_amounts(amount, self.amount_available) > 0:
            raise UserError(
                self.env._(
                    "%(invoice)s deducts %(amount)s of the deposit %(deposit)s, "
                    "which has only %(available)s left.",
                    invoice=invoice.display_name,
                    amount=formatLang(self.env, amount, currency_obj=self.currency_id),
                    deposit=self.name,
                    available=formatLang(
                        self.env, self.amount_available, currency_obj=self.currency_id
                    ),
                )
            )
        self._salon_record("applied", amount, invoice, invoice.name)

    def _salon_restore(self, credit_note, amount):
        """A credit note gave a deducted deposit back."""
        self.ensure_one()
        self._salon_record("restored", amount, credit_note, credit_note.name)

    def _salon_forget(self, moves):
        """``moves`` are no longer posted: what they applied is available again."""
        self.ensure_one()
        lines = self.sudo().line_ids.filtered(
            lambda line: (
                line.source_model == "account.move"
                and line.source_id in moves.ids
                and line.kind in ("applied", "restored")
            )
        )
        if lines:
            lines.unlink()
            self._salon_refresh_state()

    # ------------------------------------------------------------------
    # A missed appointment: retained or refunded
    # ------------------------------------------------------------------

    def _salon_check_settle(self):
        self.ensure_one()
        if not self._salon_is_to_settle():
            raise UserError(
                self.env._(
                    "The deposit %(deposit)s can be retained only when it is paid "
                    "and its appointment was missed or cancelled.",
                    deposit=self.name,
                )
            )

    def action_retain(self):
        """Keep the deposit of a missed appointment: it becomes no-show fee
        income (a zero invoice moves it from the advance to the fee)."""
        for deposit in self:
            deposit._salon_lock()
            deposit._salon_check_settle()
            deposit = deposit._salon_accounting_env()
            amount = deposit.amount_available
            invoice = (
                self.env["account.move"]
                .sudo()
                .create(deposit._salon_prepare_retain_invoice_vals(amount))
            )
            invoice.action_post()
            deposit._salon_record("retained", amount, invoice, invoice.name)
            deposit.message_post(
                body=self.env._(
                    "Retained as a no-show fee: %(invoice)s.", invoice=invoice.name
                )
            )
        return True

    def _salon_prepare_retain_invoice_vals(self, amount):
        """The fee (taxes included in the amount kept) and the advance it
        takes, on one invoice of nothing to pay."""
        self.ensure_one()
        fee_line = self.company_id._salon_prepare_no_show_fee_line_vals(
            self.appointment_id, amount
        )
        # the deposit is retained, not deducted from a sale: no salon_deposit_id
        advance_line = self._salon_prepare_deposit_line_vals(
            -amount, self.env._("Deposit %(deposit)s", deposit=self.name)
        )
        # the invoice takes the client's fiscal position, as the fee's taxes
        return self._salon_prepare_move_vals(
            "out_invoice",
            self.appointment_id.salon_reference,
            [fee_line, advance_line],
        )

    def action_refund(self):
        """Give the deposit back: its invoice is reversed and the client paid
        back through the provider that took it online, else through the
        journal that took it."""
        for deposit in self:
            deposit._salon_lock()
            if deposit.state != "paid" or not deposit.amount_available:
                raise UserError(
                    self.env._(
                        "The deposit %(deposit)s has nothing left to refund.",
                        deposit=deposit.name,
                    )
                )
            deposit = deposit._salon_accounting_env()
            transaction = deposit._salon_refundable_transaction()
            if transaction:
                deposit._salon_refund_by_provider(transaction)
            else:
                deposit._salon_refund_by_journal()
        return True

    def _salon_reverse_invoice(self, amount):
        """A posted credit note of the deposit invoice for ``amount`` (of the
        deposit product when it was paid without invoice, at the POS)."""
        self.ensure_one()
        if not self.invoice_id:
            credit_note = self.env["account.move"].create(
                self._salon_prepare_credit_note_vals(amount)
            )
            credit_note.action_post()
            return credit_note
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=self.invoice_id.ids)
            .create(
                {
                    "journal_id": self.invoice_id.journal_id.id,
                    "reason": self.env._(
                        "Deposit %(deposit)s refunded", deposit=self.name
                    ),
                }
            )
        )
        reversal.refund_moves()
        credit_note = reversal.new_move_ids
        if self.currency_id.compare_amounts(credit_note.amount_total, amount):
            # part of it was used: only the rest goes back
            credit_note.invoice_line_ids.write({"price_unit": amount})
        credit_note.action_post()
        return credit_note

    def _salon_prepare_credit_note_vals(self, amount):
        self.ensure_one()
        line = self._salon_prepare_deposit_line_vals(
            amount, self.env._("Deposit %(deposit)s", deposit=self.name)
        )
        return self._salon_prepare_move_vals(
            "out_refund",
            self.env._("Deposit %(deposit)s refunded", deposit=self.name),
            [line],
        )

    def _salon_refund_by_journal(self):
        self.ensure_one()
        amount = self.amount_available
        credit_note = self._salon_reverse_invoice(amount)
        payment = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=credit_note.ids)
            .create({"journal_id": self.journal_id.id, "amount": amount})
            ._create_payments()
        )
        self._salon_record_refund(amount, payment.move_id, payment.name)
        return payment

    def _salon_refundable_transaction(self):
        """The online payment of the deposit, when its provider can give
        back what is available."""
        self.ensure_one()
        paid = self.line_ids.filtered(
            lambda line: (
                line.kind == "paid" and line.source_model == "payment.transaction"
            )
        )
        transactions = self.env["payment.transaction"].browse(paid.mapped("source_id"))
        amount = self.amount_available
        for transaction in transactions.filtered(lambda tx: tx.state == "done"):
            support = transaction.provider_id.support_refund
            full = not self.currency_id.compare_amounts(amount, transaction.amount)
            if support == "partial" or (support == "full_only" and full):
                return transaction
        return self.env["payment.transaction"]

    def _salon_refund_by_provider(self, transaction):
        """Refund through the payment provider; the refund transaction pays the
        credit note, and is recorded when done (here or when the provider
        confirms it)."""
        self.ensure_one()
        # a refund without a clear answer before: the provider says first
        transaction.child_transaction_ids._salon_recover()
        under_way = transaction.child_transaction_ids.filtered(
            lambda tx: tx.operation == "refund" and tx.state in ("draft", "pending")
        )
        if under_way:
            raise UserError(
                self.env._(
                    "A refund of the deposit %(deposit)s is already under way "
                    "(%(reference)s).",
                    deposit=self.name,
                    reference=under_way[0].reference,
                )
            )
        amount = self.amount_available
        credit_note = self._salon_reverse_invoice(amount)
        refund = transaction.with_context(
            salon_refund_credit_note_id=credit_note.id
        )._send_refund_request(amount_to_refund=amount)
        if refund.state == "done" and not refund.is_post_processed:
            refund._post_process()
        return refund

    def _salon_record_refund(self, amount, source, reference):
        if self._salon_record("refunded", amount, source, reference):
            self.message_post(
                body=self.env._("Refunded: %(payment)s.", payment=reference)
            )
            self._salon_notify_client("refunded")

    # ------------------------------------------------------------------
    # Helpers and buttons
    # ------------------------------------------------------------------

    def _salon_prepare_move_vals(self, move_type, ref, lines):
        """An invoice or credit note of the deposit's client with ``lines``."""
        self.ensure_one()
        return {
            "move_type": move_type,
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_origin": self.name,
            "ref": ref,
            "invoice_line_ids": [Command.create(line) for line in lines],
        }

    def _salon_prepare_deposit_line_vals(self, amount, name):
        """A line of the deposit product (the advance's account), untaxed."""
        self.ensure_one()
        return {
            "product_id": self.company_id._salon_deposit_product().id,
            "name": name,
            "quantity": 1,
            "price_unit": amount,
            "tax_ids": [Command.clear()],
        }

    def _salon_prepare_deduction_line_vals(self, amount):
        """An invoice line taking ``amount`` of the advance back (negative)."""
        return {
            **self._salon_prepare_deposit_line_vals(
                -amount, self.env._("Deposit %(deposit)s", deposit=self.name)
            ),
            "salon_deposit_id": self.id,
        }

    def _salon_notify_client(self, kind):
        """Email the client: the payment ``link``, the deposit ``paid`` or
        ``refunded``."""
        if self.env.context.get("salon_no_mail"):
            return
        template = self.env.ref(
            f"salon_deposits.mail_template_deposit_{kind}", raise_if_not_found=False
        )
        for deposit in self.filtered(lambda d: template and d.partner_id.email):
            deposit.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def action_view_invoice(self):
        self.ensure_one()
        return self.appointment_id._salon_records_action(
            "account.action_move_out_invoice_type", self.invoice_id
        )

    def action_view_appointment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.appointment_id.id,
            "views": [
                (
                    self.env.ref("salon_booking.calendar_event_salon_view_form").id,
                    "form",
                )
            ],
        }

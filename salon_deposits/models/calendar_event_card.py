# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A card on file guarantees an appointment: left at online booking (a
validation of Odoo's payment framework: the provider keeps the card, we keep
its token), charged off-session for the fees of the stored terms (no-show,
late cancellation) and for what the client owes; payment status actions."""

import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL

from .calendar_event import HOLD_STATE
from .res_company_card import FEE_CHARGES, FEE_TYPES

_logger = logging.getLogger(__name__)

# the states whose fee is charged to the card on file
FEE_STATES = ("no_show", "cancelled")
# a charge whose outcome is known or under way: never charged again
CHARGE_STATES = ("draft", "pending", "authorized", "done")


class CalendarEvent(models.Model):
    _inherit = "calendar.event"  # pylint: disable=consider-merging-classes-inherited

    salon_payment_state = fields.Selection(
        selection_add=[
            ("card_pending", "Card Pending"),
            ("card", "Card on File"),
            ("deposit_card", "Deposit Paid, Card on File"),
        ],
        ondelete={
            "card_pending": "set null",
            "card": "set null",
            "deposit_card": "set null",
        },
    )
    salon_card_token_id = fields.Many2one(
        "payment.token",
        string="Card on File",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The card the client left to guarantee this appointment: the "
        "payment provider keeps it, Odoo only its token.",
    )
    salon_card_label = fields.Char(
        string="Card",
        compute="_compute_salon_card_label",
        help="The card on file as the desk sees it (e.g. •••• 4242).",
    )
    salon_card_asked = fields.Boolean(
        string="Card Asked",
        copy=False,
        readonly=True,
        help="The client chose, or was required, to leave a card when booking online.",
    )
    salon_card_hold_until = fields.Datetime(
        string="Card Awaited Until",
        copy=False,
        readonly=True,
        help="The salon requires a card for this booking: without one by then, "
        "the appointment is cancelled and the time freed.",
    )
    salon_card_transaction_ids = fields.One2many(
        "payment.transaction",
        "salon_appointment_id",
        string="Card Transactions",
        readonly=True,
        groups="account.group_account_invoice",
    )
    # policy snapshot: the fee terms the client accepted
    salon_card_fee_type = fields.Selection(
        FEE_TYPES, string="No-Show Fee Booked", copy=False, readonly=True
    )
    salon_card_fee_value = fields.Float(
        string="No-Show Fee Value Booked", copy=False, readonly=True
    )
    salon_card_fee_charge = fields.Selection(
        FEE_CHARGES, string="Charge Fees Booked", copy=False, readonly=True
    )
    salon_card_late_fees = fields.Json(
        string="Late-Cancellation Fees Booked",
        copy=False,
        readonly=True,
        help="[[hours, percent], ...]: cancelled less than so many hours "
        "before, the client owes this part of the services.",
    )
    salon_card_late_percent = fields.Float(
        string="Late-Cancellation Fee (%)",
        copy=False,
        readonly=True,
        help="The part of the services owed for the cancellation, from the "
        "terms booked and the hour it was cancelled at.",
    )
    salon_card_fee_amount = fields.Monetary(
        string="Fee",
        compute="_compute_salon_card_fee",
        currency_field="salon_currency_id",
        help="What a no-show (or this late cancellation) costs under the terms "
        "the client booked with, less the deposits paid (which the salon keeps "
        "instead).",
    )
    salon_card_fee_to_charge = fields.Boolean(
        string="Fee to Charge",
        compute="_compute_salon_card_fee",
        help="A missed or late-cancelled appointment with a card on file whose "
        "fee is not charged yet.",
    )

    @api.depends(
        "salon_state",
        "salon_card_token_id",
        "salon_card_fee_type",
        "salon_card_fee_value",
        "salon_card_late_percent",
        "salon_amount_total",
        "salon_deposit_available",
        "salon_card_transaction_ids.state",
    )
    def _compute_salon_card_fee(self):
        for event in self:
            event.salon_card_fee_amount = event._salon_card_fee_due()
            event.salon_card_fee_to_charge = bool(
                event.salon_state in FEE_STATES
                and event.salon_card_token_id
                and event.salon_card_fee_amount
                and not event._salon_card_fee_transactions()
            )

    @api.depends("salon_card_token_id")
    def _compute_salon_card_label(self):
        for event in self:
            token = event.sudo().salon_card_token_id
            event.salon_card_label = token.active and token.display_name or False

    def salon_pos_checkout_values(self):
        """The card on file comes with the checkout (not with the day's
        appointments the POS loads): the payment screen offers to charge it."""
        values = super().salon_pos_checkout_values()
        values["salon_card_label"] = self.salon_card_label
        return values

    def _salon_card_terms(self):
        """The card terms stored on the appointment (policy snapshot)."""
        self.ensure_one()
        return {
            "salon_card_fee_type": self.salon_card_fee_type,
            "salon_card_fee_value": self.salon_card_fee_value,
            "salon_card_late_fees": self.salon_card_late_fees or [],
        }

    def _salon_card_fee_due(self):
        """The fee of a no-show (or of this late cancellation), less the
        deposits paid."""
        self.ensure_one()
        if not self.salon_card_fee_type:
            return 0.0
        total = self.salon_amount_total
        if self.salon_state == "cancelled":
            fee = total * self.salon_card_late_percent / 100
        else:
            fee = self.salon_company_id._salon_card_fee_for(
                self._salon_card_terms(), total
            )
        return self.salon_currency_id.round(
            max(fee - self.salon_deposit_available, 0.0)
        )

    # ------------------------------------------------------------------
    # Policy snapshot
    # ------------------------------------------------------------------

    @api.model
    def _salon_get_policy_snapshot(self, vals, company):
        snapshot = super()._salon_get_policy_snapshot(vals, company)
        snapshot.update(company._salon_card_terms())
        return snapshot

    @api.model
    def _salon_protected_fields(self):
        return super()._salon_protected_fields() | {
            "salon_card_fee_type",
            "salon_card_fee_value",
            "salon_card_fee_charge",
            "salon_card_late_fees",
            "salon_card_late_percent",
            "salon_card_token_id",
            "salon_card_asked",
            "salon_card_hold_until",
        }

    # ------------------------------------------------------------------
    # Payment status
    # ------------------------------------------------------------------

    @api.depends("salon_card_token_id", "salon_card_hold_until")
    def _compute_salon_payment_state(self):
        return super()._compute_salon_payment_state()

    def _salon_payment_state_from_facts(self, facts):
        state = super()._salon_payment_state_from_facts(facts)
        if state == "deposit_pending" and self.salon_card_hold_until:
            return "card_pending"
        if state == "unpaid" and self.salon_card_token_id:
            return "card"
        if state == "deposit" and self.salon_card_token_id:
            # a deposit now, the card guaranteeing the rest
            return "deposit_card"
        if state == "not_due" and self._salon_card_fee_invoice():
            # a missed appointment whose fee is still owed
            return "unpaid"
        return state

    # ------------------------------------------------------------------
    # The card left
    # ------------------------------------------------------------------

    def _salon_await_card(self, minutes):
        """The booking waits ``minutes`` for the card the salon requires."""
        self.ensure_one()
        self.sudo().write(
            {
                "salon_card_hold_until": fields.Datetime.now()
                + timedelta(minutes=minutes)
            }
        )

    def _salon_set_card(self, token):
        """``token`` guarantees the appointment; one awaited books it."""
        self.ensure_one()
        appointment = self.sudo()
        appointment._salon_lock_card()
        if appointment.salon_state in appointment._salon_get_free_states():
            return False
        # only a hold waiting for this card ends: one waiting for a deposit
        # waits on
        awaited = bool(appointment.salon_card_hold_until)
        appointment.write(
            {"salon_card_token_id": token.id, "salon_card_hold_until": False}
        )
        appointment.message_post(
            body=self.env._(
                "Card on file: %(card)s.",
                card=token.display_name or token.payment_details,
            )
        )
        if awaited and appointment.salon_state == HOLD_STATE:
            appointment._salon_change_state("booked")
        return True

    def _salon_lock_card(self):
        """Serialize what changes the card or charges it, per appointment.

        A transaction that waited for another one changing the appointment
        gets a serialization failure, not logged: Odoo runs the request again
        (``odoo.service.model.retrying``), which then finds what the other one
        did (e.g. the fee charged) instead of charging again.
        """
        self.env.cr.execute(
            SQL(
                "SELECT id FROM calendar_event WHERE id IN %s FOR NO KEY UPDATE",
                tuple(self.ids),
            ),
            log_exceptions=False,
        )
        self.invalidate_recordset(
            ["salon_card_token_id", "salon_card_hold_until", "salon_state"]
        )

    @api.model
    def _cron_expire_card_holds(self, batch_size=100):
        """Cancel the bookings whose required card was not left in time.

        One batch per call: the scheduler commits it and calls again while
        some remain (``_notify_progress``). Runs at once share the work: each
        skips the appointments another has locked.

        :return: how many bookings this call cancelled
        """
        self.env.flush_all()
        due = SQL(
            "salon_state = %s AND salon_card_hold_until < %s"
            " AND salon_card_token_id IS NULL",
            HOLD_STATE,
            fields.Datetime.now(),
        )
        self.env.cr.execute(
            SQL(
                "SELECT id FROM calendar_event WHERE %s"
                " ORDER BY salon_card_hold_until LIMIT %s"
                " FOR NO KEY UPDATE SKIP LOCKED",
                due,
                batch_size,
            )
        )
        expired = self.browse([row[0] for row in self.env.cr.fetchall()])
        if expired:
            expired.write({"salon_card_hold_until": False})
            expired._salon_change_state("cancelled")
        self.env.cr.execute(SQL("SELECT count(*) FROM calendar_event WHERE %s", due))
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=len(expired), remaining=remaining)
        return len(expired)

    # ------------------------------------------------------------------
    # No-show fee charged to the card
    # ------------------------------------------------------------------

    def _salon_on_state_changed(self, old_states):
        result = super()._salon_on_state_changed(old_states)
        now = fields.Datetime.now()
        for event in self.filtered(
            lambda e: (
                e.salon_state == "cancelled"
                and old_states.get(e.id) != "cancelled"
                and e.salon_card_late_fees
            )
        ):
            # the tier of the hour it is cancelled at, kept
            hours_left = (event.start - now).total_seconds() / 3600
            event.sudo().salon_card_late_percent = (
                event.salon_company_id._salon_late_fee_percent(
                    event._salon_card_terms(), hours_left
                )
            )
        charged = self.filtered(
            lambda e: (
                e.salon_state in FEE_STATES
                and old_states.get(e.id) != e.salon_state
                and e.salon_card_fee_charge == "auto"
                and e.salon_card_fee_to_charge
            )
        )
        for event in charged:
            event._salon_charge_fee()
        return result

    def action_salon_charge_fee(self):
        """Staff charge the fee (no-show, late cancellation) to the card on
        file."""
        self.ensure_one()
        self.check_access("write")
        return self._salon_charge_notification(self._salon_charge_fee())

    def _salon_charge_notification(self, transaction):
        if transaction.state == "done":
            message = self.env._(
                "%(amount)s charged to the card on file.",
                amount=transaction.currency_id.format(transaction.amount),
            )
            kind = "success"
        else:
            message = self._salon_card_failure_message(transaction)
            kind = "warning"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": kind,
                "sticky": kind != "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _salon_card_failure_message(self, transaction):
        reason = transaction.state_message or transaction.state
        if transaction.salon_outcome_unknown:
            return self.env._(
                "The charge of %(amount)s is under way: %(reason)s",
                amount=transaction.currency_id.format(transaction.amount),
                reason=reason,
            )
        if transaction.pos_order_id:
            return self.env._(
                "The card was not charged (%(reason)s): take another payment "
                "method, or the online payment for the client to pay with "
                "the QR code.",
                reason=reason,
            )
        return self.env._(
            "The card was not charged (%(reason)s): the invoice %(invoice)s stays "
            "due; send it to the client or take another payment.",
            reason=reason,
            invoice=transaction.invoice_ids[:1].name,
        )

    def _salon_fee_label(self):
        self.ensure_one()
        if self.salon_state == "cancelled":
            return self.env._(
                "Late-cancellation fee: %(appointment)s on %(date)s",
                appointment=self.salon_reference,
                date=self._salon_format_start("medium"),
            )
        return None  # the no-show fee's own label

    def _salon_card_fee_invoice(self):
        """The no-show fee invoice of the appointment still due, if any."""
        self.ensure_one()
        fee = self.salon_company_id.salon_no_show_fee_product_id
        return self.salon_invoice_ids.filtered(
            lambda move: (
                move.move_type == "out_invoice"
                and move.state == "posted"
                and move.payment_state in ("not_paid", "partial")
                and fee in move.invoice_line_ids.product_id
            )
        )[:1]

    def _salon_create_fee_invoice(self):
        """The invoice of the no-show fee (taxes included), posted."""
        self.ensure_one()
        amount = self._salon_card_fee_due()
        if not self.salon_currency_id.compare_amounts(amount, 0) > 0:
            raise UserError(self.env._("No fee is due for this appointment."))
        company = self.salon_company_id
        invoice = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.salon_partner_id.id,
                    "company_id": company.id,
                    "currency_id": self.salon_currency_id.id,
                    "invoice_origin": self.salon_reference,
                    "ref": self.salon_reference,
                    "invoice_line_ids": [
                        Command.create(
                            company._salon_prepare_no_show_fee_line_vals(
                                self, amount, name=self._salon_fee_label()
                            )
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        self.salon_invoice_ids = [Command.link(invoice.id)]
        return invoice

    def _salon_charge_fee(self):
        """Charge the fee of a no-show or a late cancellation to the card on
        file, once.

        The fee is invoiced (no-show fee product, taxes included) and paid by
        an off-session payment of the token (:meth:`_salon_charge_card`). A
        declined card leaves the invoice due; the next attempt charges it.

        :return: the transaction (new, or the one made before)
        """
        self.ensure_one()
        event = self.sudo()
        event._salon_lock_card()
        made = event._salon_card_fee_transactions()
        made._salon_recover()
        made = made.filtered(lambda tx: tx.state in CHARGE_STATES)
        if made:
            return made[:1]
        if event.salon_state not in FEE_STATES:
            raise UserError(
                self.env._(
                    "Only the fee of a missed or late-cancelled appointment is charged."
                )
            )
        event._salon_check_card()
        # a card declined before left its invoice due: charge that one again
        invoice = event._salon_card_fee_invoice() or event._salon_create_fee_invoice()
        return event._salon_charge_card(invoice, "FEE")

    def _salon_check_card(self):
        self.ensure_one()
        token = self.salon_card_token_id
        if not token or not token.active:
            raise UserError(self.env._("No card is on file for this appointment."))

    def _salon_card_charges(self):
        """The charges of the card made or under way."""
        self.ensure_one()
        return self.sudo().salon_card_transaction_ids.filtered(
            lambda tx: tx.operation == "offline" and tx.state in CHARGE_STATES
        )

    def _salon_card_fee_transactions(self):
        """The fee charges made or under way (at most one)."""
        self.ensure_one()
        fee = self.salon_company_id.salon_no_show_fee_product_id
        return self._salon_card_charges().filtered(
            lambda tx: fee in tx.invoice_ids.invoice_line_ids.product_id
        )

    def _salon_charge_card(self, invoice, kind):
        """Pay ``invoice`` with the card on file, off-session, once: a charge
        made or under way for the invoice is returned as is.

        :return: the transaction
        """
        self.ensure_one()
        made = self._salon_card_charges().filtered(lambda tx: invoice in tx.invoice_ids)
        # a charge without a clear answer before: the provider says first
        # what it did (done, never made, or still unknown: nothing more sent)
        made._salon_recover()
        made = made.filtered(lambda tx: tx.state in CHARGE_STATES)
        if made:
            return made[:1]
        return self._salon_card_transaction(
            invoice.amount_residual,
            invoice.currency_id,
            kind,
            invoice_ids=[Command.set(invoice.ids)],
        )

    def _salon_card_transaction(self, amount, currency, kind, **values):
        """Charge ``amount`` to the card on file, off-session; ``values`` link
        the transaction to what it pays (an invoice, a Point of Sale order).

        The transaction's reference is the appointment's with ``kind``: a
        retry after a crash makes the same reference, from which the
        provider's idempotency key is made (Stripe answers the first charge
        again). A payment the provider leaves waiting for the client (an
        authentication the client is not there to give) is set in error, so
        that the staff takes another way to pay.

        :return: the transaction
        """
        self.ensure_one()
        event = self.sudo()
        token = event.salon_card_token_id
        Transaction = self.env["payment.transaction"].sudo()
        transaction = Transaction.create(
            {
                "provider_id": token.provider_id.id,
                "payment_method_id": token.payment_method_id.id,
                "token_id": token.id,
                "reference": Transaction._compute_reference(
                    token.provider_id.code, prefix=f"{event.salon_reference}-{kind}"
                ),
                "amount": amount,
                "currency_id": currency.id,
                "partner_id": event.salon_partner_id.id,
                "operation": "offline",
                "salon_appointment_id": event.id,
                **values,
            }
        )
        transaction._send_payment_request()
        if transaction.state == "draft":
            transaction._set_error(
                self.env._(
                    "the bank asks the client to confirm this payment, which "
                    "cannot be done off-session"
                )
            )
        if transaction.state == "done":
            transaction._post_process()
            event.message_post(
                body=self.env._(
                    "%(amount)s charged to the card on file (%(reference)s).",
                    amount=transaction.currency_id.format(transaction.amount),
                    reference=transaction.reference,
                )
            )
        else:
            _logger.info(
                "Card of appointment %s not charged (%s): %s",
                event.id,
                kind,
                transaction.state,
            )
            event.message_post(body=self._salon_card_failure_message(transaction))
        return transaction

    # ------------------------------------------------------------------
    # Payment status actions (seed 004)
    # ------------------------------------------------------------------

    def _salon_invoice_to_pay(self):
        """The invoice of the services still to pay: the one made before
        (posted now if it was a draft), or a new one, posted."""
        self.ensure_one()
        fee = self.salon_company_id.salon_no_show_fee_product_id
        invoices = self.salon_invoice_ids.filtered(
            lambda move: (
                move.move_type == "out_invoice"
                and move.state in ("draft", "posted")
                and fee not in move.invoice_line_ids.product_id
            )
        )
        invoice = invoices.filtered(
            lambda move: (
                move.state == "draft" or move.payment_state in ("not_paid", "partial")
            )
        )[:1]
        if not invoice:
            if not self.salon_currency_id.compare_amounts(self.salon_amount_due, 0) > 0:
                raise UserError(
                    self.env._("Nothing is left to pay on this appointment.")
                )
            invoice = self._salon_create_invoice()
        if invoice.state == "draft":
            invoice.action_post()
        return invoice

    def _salon_check_chargeable(self):
        self.ensure_one()
        if self.salon_state in FEE_STATES:
            raise UserError(
                self.env._(
                    "%(appointment)s is cancelled or missed: charge its fee instead.",
                    appointment=self.salon_reference,
                )
            )

    def action_salon_charge_card(self):
        """Charge what the client owes (services less deposit and coverage)
        to the card on file: the appointment is invoiced and the invoice paid
        off-session. A decline leaves the invoice due and says why."""
        self.ensure_one()
        self.check_access("write")
        event = self.sudo()
        event._salon_lock_card()
        event._salon_check_chargeable()
        event._salon_check_card()
        transaction = event._salon_charge_card(event._salon_invoice_to_pay(), "PAY")
        return self._salon_charge_notification(transaction)

    def action_salon_charge_by_invoice(self):
        """Invoice what the client owes and email the invoice: its page in
        the portal lets the client pay it with any enabled provider."""
        self.ensure_one()
        self.check_access("write")
        event = self.sudo()
        event._salon_check_chargeable()
        if not event.salon_partner_id.email:
            raise UserError(
                self.env._(
                    "%(client)s has no email address: add one to send the invoice.",
                    client=event.salon_partner_id.display_name,
                )
            )
        invoice = event._salon_invoice_to_pay()
        template = self.env.ref("account.email_template_edi_invoice")
        invoice.with_context(mail_notify_author=True).message_post_with_source(
            template, subtype_xmlid="mail.mt_comment"
        )
        invoice.is_move_sent = True
        event.message_post(
            body=self.env._(
                "Invoice %(invoice)s of %(amount)s emailed to the client to pay "
                "online.",
                invoice=invoice.name,
                amount=invoice.currency_id.format(invoice.amount_residual),
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._(
                    "Invoice %(invoice)s sent to %(email)s.",
                    invoice=invoice.name,
                    email=event.salon_partner_id.email,
                ),
                "type": "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_salon_mark_paid(self):
        """Paid in person: the appointment is invoiced and Odoo's payment
        window records the payment (journal, amount, date). Only a refund
        undoes it."""
        self.ensure_one()
        self._salon_check_chargeable()
        return self._salon_invoice_to_pay().action_register_payment()

    # ------------------------------------------------------------------
    # Refunds (seed 004)
    # ------------------------------------------------------------------

    def action_salon_refund(self):
        """Give back all or part of a payment (the wizard asks which)."""
        self.ensure_one()
        wizard = self.env["salon.refund.wizard"].new({"appointment_id": self.id})
        if not wizard.refundable_invoice_ids:
            raise UserError(
                self.env._(
                    "No payment of %(appointment)s is left to refund here: a "
                    "deposit is refunded from the deposit, a Point of Sale order "
                    "from the Point of Sale.",
                    appointment=self.salon_reference,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refund"),
            "res_model": "salon.refund.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_appointment_id": self.id},
        }

    def action_salon_cancel_with_refund(self):
        """Cancel and give everything back (the wizard asks about emails)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel with Refund"),
            "res_model": "salon.cancel.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_appointment_id": self.id},
        }

    def _salon_credit_note(self, invoice, amount):
        """A posted credit note of ``amount`` (taxes included) of ``invoice``:
        the whole invoice, or its services in proportion, each with its taxes;
        a deposit deducted on the invoice stays applied. Unit prices have the
        product price's precision: with taxes added to them, the credit note
        may come to a cent less than ``amount`` (never more).

        :return: the credit note
        """
        self.ensure_one()
        currency = invoice.currency_id
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "journal_id": invoice.journal_id.id,
                    "reason": self.env._(
                        "Refund of %(appointment)s", appointment=self.salon_reference
                    ),
                }
            )
        )
        reversal.refund_moves()
        credit_note = reversal.new_move_ids
        if currency.compare_amounts(amount, credit_note.amount_total) < 0:
            lines = credit_note.invoice_line_ids
            services = lines.filtered(lambda line: line.price_subtotal > 0)
            (lines - services).unlink()
            ratio = amount / sum(services.mapped("price_total"))
            for line in services:
                line.price_unit *= ratio
            # unit prices have the product price's precision: the total the
            # taxes allow closest to the amount, never above it
            largest = max(services, key=lambda line: line.price_total)
            step = 10 ** -self.env["decimal.precision"].precision_get("Product Price")
            for _attempt in range(10):
                gap = currency.compare_amounts(credit_note.amount_total, amount)
                if gap > 0:
                    largest.price_unit -= step
                    continue
                largest.price_unit += step
                if currency.compare_amounts(credit_note.amount_total, amount) > 0:
                    largest.price_unit -= step
                    break
        credit_note.action_post()
        return credit_note

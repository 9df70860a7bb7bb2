# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A card on file guarantees an appointment: left at online booking (a
validation of Odoo's payment framework: the provider keeps the card, we keep
its token), charged off-session for the no-show fee of the stored terms."""

import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL

from .calendar_event import HOLD_STATE
from .res_company_card import FEE_CHARGES, FEE_TYPES

_logger = logging.getLogger(__name__)

# a charge whose outcome is known or under way: never charged again
CHARGE_STATES = ("draft", "pending", "authorized", "done")


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    salon_payment_state = fields.Selection(
        selection_add=[
            ("card_pending", "Card Pending"),
            ("card", "Card on File"),
        ],
        ondelete={"card_pending": "set null", "card": "set null"},
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
    salon_card_asked = fields.Boolean(
        string="Card Asked",
        copy=False,
        readonly=True,
        help="The client chose, or was required, to leave a card when booking "
        "online.",
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
    salon_card_fee_amount = fields.Monetary(
        string="No-Show Fee",
        compute="_compute_salon_card_fee",
        currency_field="salon_currency_id",
        help="What a no-show costs under the terms the client booked with, "
        "less the deposits paid (which the salon keeps instead).",
    )
    salon_card_fee_to_charge = fields.Boolean(
        string="No-Show Fee to Charge",
        compute="_compute_salon_card_fee",
        help="A missed appointment with a card on file whose fee is not "
        "charged yet.",
    )

    @api.depends(
        "salon_state",
        "salon_card_token_id",
        "salon_card_fee_type",
        "salon_card_fee_value",
        "salon_amount_total",
        "salon_deposit_available",
        "salon_card_transaction_ids.state",
    )
    def _compute_salon_card_fee(self):
        for event in self:
            event.salon_card_fee_amount = event._salon_card_fee_due()
            event.salon_card_fee_to_charge = bool(
                event.salon_state == "no_show"
                and event.salon_card_token_id
                and event.salon_card_fee_amount
                and not event._salon_card_fee_transactions()
            )

    def _salon_card_fee_due(self):
        self.ensure_one()
        if not self.salon_card_fee_type:
            return 0.0
        fee = self.salon_company_id._salon_card_fee_for(
            {
                "salon_card_fee_type": self.salon_card_fee_type,
                "salon_card_fee_value": self.salon_card_fee_value,
            },
            self.salon_amount_total,
        )
        return self.salon_currency_id.round(
            max(fee - self.salon_deposit_available, 0.0)
        )

    def _salon_card_fee_transactions(self):
        """The fee charges made or under way (at most one)."""
        self.ensure_one()
        # the desk sees whether the fee is charged, not the transactions
        return self.sudo().salon_card_transaction_ids.filtered(
            lambda tx: tx.operation != "validation" and tx.state in CHARGE_STATES
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
        appointment.write(
            {"salon_card_token_id": token.id, "salon_card_hold_until": False}
        )
        appointment.message_post(
            body=self.env._(
                "Card on file: %(card)s.", card=token.display_name or token.payment_details
            )
        )
        if appointment.salon_state == HOLD_STATE:
            appointment._salon_change_state("booked")
        return True

    def _salon_lock_card(self):
        """Serialize what changes the card or charges it, per appointment."""
        self.env.cr.execute(
            "SELECT id FROM calendar_event WHERE id IN %s FOR NO KEY UPDATE",
            [tuple(self.ids)],
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
        missed = self.filtered(
            lambda e: (
                e.salon_state == "no_show"
                and old_states.get(e.id) != "no_show"
                and e.salon_card_fee_charge == "auto"
                and e.salon_card_fee_to_charge
            )
        )
        for event in missed:
            event._salon_charge_no_show_fee()
        return result

    def action_salon_charge_no_show_fee(self):
        """Staff charge the no-show fee to the card on file."""
        self.ensure_one()
        self.check_access("write")
        transaction = self._salon_charge_no_show_fee()
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
                            company._salon_prepare_no_show_fee_line_vals(self, amount)
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        self.salon_invoice_ids = [Command.link(invoice.id)]
        return invoice

    def _salon_card_failure_message(self, transaction):
        return self.env._(
            "The card was not charged (%(reason)s): the fee invoice %(invoice)s "
            "stays due; send it to the client or take another payment.",
            reason=transaction.state_message or transaction.state,
            invoice=transaction.invoice_ids[:1].name,
        )

    def _salon_charge_no_show_fee(self):
        """Charge the no-show fee to the card on file, once.

        The fee is invoiced (no-show fee product, taxes included) and paid by
        an off-session payment of the token; the transaction's reference is
        the appointment's, so a retry finds it (and the provider's idempotency
        key, made from the reference, refuses a second charge). A declined
        card leaves the invoice due.

        :return: the transaction (new, or the one made before)
        """
        self.ensure_one()
        event = self.sudo()
        event._salon_lock_card()
        made = event._salon_card_fee_transactions()
        if made:
            return made[:1]
        if event.salon_state != "no_show":
            raise UserError(
                self.env._("Only the fee of a missed appointment is charged.")
            )
        token = event.salon_card_token_id
        if not token or not token.active:
            raise UserError(self.env._("No card is on file for this appointment."))
        # a card declined before left its invoice due: charge that one again
        invoice = event._salon_card_fee_invoice() or event._salon_create_fee_invoice()
        Transaction = self.env["payment.transaction"].sudo()
        transaction = Transaction.create(
            {
                "provider_id": token.provider_id.id,
                "payment_method_id": token.payment_method_id.id,
                "token_id": token.id,
                # the same reference when a charge is retried after a crash
                # (the provider's idempotency key is made from it)
                "reference": Transaction._compute_reference(
                    token.provider_id.code, prefix=f"{event.salon_reference}-FEE"
                ),
                "amount": invoice.amount_residual,
                "currency_id": invoice.currency_id.id,
                "partner_id": event.salon_partner_id.id,
                "operation": "offline",
                "invoice_ids": [Command.set(invoice.ids)],
                "salon_appointment_id": event.id,
            }
        )
        transaction._send_payment_request()
        if transaction.state == "done":
            transaction._post_process()
            event.message_post(
                body=self.env._(
                    "No-show fee of %(amount)s charged to the card on file "
                    "(%(reference)s).",
                    amount=transaction.currency_id.format(transaction.amount),
                    reference=transaction.reference,
                )
            )
        else:
            _logger.info(
                "No-show fee of appointment %s not charged: %s",
                event.id,
                transaction.state,
            )
            event.message_post(body=self._salon_card_failure_message(transaction))
        return transaction

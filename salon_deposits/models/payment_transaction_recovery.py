# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A charge of the card on file, or a refund through the provider, that got
no clear answer (the connection lost, no answer in time, a server error) is
kept, pending and flagged, instead of being rolled back or taken for a
failure: Stripe may have done it. What Stripe did is asked again, by a
scheduled action and before anything else is charged (:meth:`_salon_recover`),
and processed as its notification would be. Not found after a safe delay, the
request never reached Stripe: the transaction is set in error, and the next
attempt charges anew. An unreachable Stripe leaves it as it is: never charged
twice, never taken for paid."""

import logging
from datetime import timedelta, timezone
from urllib.parse import urlencode

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.payment import utils as payment_utils

from .payment_provider import NoClearAnswer

_logger = logging.getLogger(__name__)

# without a trace at the provider this long after, a request never reached it
SAFE_DELAY = timedelta(minutes=30)
# the provider's objects are listed from this long before the transaction
LOOKBACK = timedelta(days=1)
# the scheduled action asks about a transaction at most this often
ASK_INTERVAL = timedelta(minutes=5)
# the PaymentIntent's metadata key holding the transaction's reference
METADATA_REFERENCE = "odoo_reference"
# Stripe's PaymentIntent statuses waiting for the client (payment_stripe's
# STATUS_MAPPING['draft']): off-session, they never go further
STRIPE_AWAITING_CLIENT = ("requires_confirmation", "requires_action")


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"  # pylint: disable=consider-merging-classes-inherited

    salon_outcome_unknown = fields.Boolean(
        string="Outcome Unknown",
        readonly=True,
        copy=False,
        help="The provider gave no clear answer to this charge or refund (the "
        "connection lost, no answer in time, a server error): what it did is "
        "asked again, by a scheduled action and before anything else is "
        "charged, instead of charging again.",
    )
    salon_outcome_asked = fields.Datetime(
        string="Outcome Last Asked",
        readonly=True,
        copy=False,
        help="When the provider was last asked what became of this charge or "
        "refund whose outcome is unknown.",
    )

    # ------------------------------------------------------------------
    # Requests that may get no clear answer
    # ------------------------------------------------------------------

    def _salon_guards_charge(self):
        """Whether this is a salon charge of the card on file (an off-session
        Stripe payment of an appointment), kept when Stripe's answer is
        lost."""
        self.ensure_one()
        return bool(
            self.provider_code == "stripe"
            and self.operation == "offline"
            and self.salon_appointment_id
        )

    def _salon_guards_refund(self):
        """Whether a refund of this transaction is the salon's (of a card
        charge, of a deposit, of an invoice from the refund wizard), kept
        when Stripe's answer is lost."""
        self.ensure_one()
        return bool(
            self.provider_code == "stripe"
            and (
                self.salon_appointment_id
                or self.salon_deposit_ids
                or self.env.context.get("salon_refund_credit_note_id")
            )
        )

    def _stripe_prepare_payment_intent_payload(self):
        """A salon charge's reference in its PaymentIntent's metadata: what
        finds it again when Stripe's answer was lost."""
        payload = super()._stripe_prepare_payment_intent_payload()
        if self._salon_guards_charge():
            payload[f"metadata[{METADATA_REFERENCE}]"] = self.reference
        return payload

    def _send_payment_request(self):
        """A salon charge that gets no clear answer stays, pending, its
        outcome asked again (:meth:`_salon_recover`)."""
        if not self._salon_guards_charge():
            return super()._send_payment_request()
        try:
            with self.env.cr.savepoint():
                return super(
                    PaymentTransaction, self.with_context(salon_no_clear_answer=True)
                )._send_payment_request()
        except NoClearAnswer as error:
            self._salon_set_outcome_unknown(error)

    def _send_refund_request(self, amount_to_refund=None):
        """A salon refund that gets no clear answer stays, pending, its
        outcome asked again (:meth:`_salon_recover`).

        :return: the refund transaction
        """
        sending = self.with_context(salon_refund_request=True)
        if not self._salon_guards_refund():
            refund = super(PaymentTransaction, sending)._send_refund_request(
                amount_to_refund=amount_to_refund
            )
            return refund.with_env(self.env)
        try:
            with self.env.cr.savepoint():
                refund = super(
                    PaymentTransaction, sending.with_context(salon_no_clear_answer=True)
                )._send_refund_request(amount_to_refund=amount_to_refund)
        except NoClearAnswer as error:
            # the refund transaction went with the savepoint: made again
            refund = sending._create_child_transaction(
                amount_to_refund or self.amount, is_refund=True
            )
            refund._log_sent_message()
            refund._salon_set_outcome_unknown(error)
        return refund.with_env(self.env)

    def _create_child_transaction(
        self, amount, is_refund=False, **custom_create_values
    ):
        """A refund the provider reports (its webhook) while the request for
        a refund of that amount got no clear answer is that refund, not
        another one."""
        if is_refund and not self.env.context.get("salon_refund_request"):
            awaited = self._salon_unknown_refunds(amount)[:1]
            if awaited:
                return awaited
        return super()._create_child_transaction(
            amount, is_refund=is_refund, **custom_create_values
        )

    def _salon_unknown_refunds(self, amount):
        """The refunds of ``amount`` of this transaction whose outcome is
        unknown, the oldest first."""
        self.ensure_one()
        minor = payment_utils.to_minor_currency_units(amount, self.currency_id)
        return self.child_transaction_ids.filtered(
            lambda tx: (
                tx.operation == "refund"
                and tx.state == "pending"
                and tx.salon_outcome_unknown
                and payment_utils.to_minor_currency_units(-tx.amount, tx.currency_id)
                == minor
            )
        ).sorted("id")

    def _salon_set_outcome_unknown(self, reason):
        """Pending, flagged: the provider may have done it (``reason``, what
        went wrong, is logged; nothing of the request is)."""
        self.ensure_one()
        _logger.warning(
            "No clear answer from %s to transaction %s (%s): asked again later",
            self.provider_code,
            self.reference,
            reason,
        )
        if self.operation == "refund":
            message = self.env._(
                "No clear answer from %(provider)s: the refund is checked again "
                "before anything else is refunded.",
                provider=self.provider_id.name,
            )
        else:
            message = self.env._(
                "No clear answer from %(provider)s: the payment is checked again "
                "before anything else is charged.",
                provider=self.provider_id.name,
            )
        self._set_pending(state_message=message)
        self.write(
            {
                "salon_outcome_unknown": True,
                "salon_outcome_asked": fields.Datetime.now(),
            }
        )

    def _update_state(self, allowed_states, target_state, state_message):
        """The provider's answer (its notification, or what it tells when
        asked) ends an unknown outcome; a payment done is post-processed
        soon, as Odoo does for a refund."""
        updated = super()._update_state(allowed_states, target_state, state_message)
        settled = updated.filtered("salon_outcome_unknown")
        if target_state != "pending" and settled:
            settled.salon_outcome_unknown = False
            if target_state == "done":
                self.env.ref("payment.cron_post_process_payment_tx").sudo()._trigger()
        return updated

    # ------------------------------------------------------------------
    # Recovery: what the provider did
    # ------------------------------------------------------------------

    def _salon_recover(self):
        """Ask the provider what became of these transactions whose outcome
        is unknown (the others are left alone), and process its answer as its
        notification would be processed: found, the transaction is done
        (post-processed: the invoice paid) or declined as it happened; not
        found past :data:`SAFE_DELAY`, it never reached the provider and is
        set in error (the next attempt charges anew); the provider
        unreachable, or still processing it, it stays as it is.

        Call it (sudo) on a charge or refund under way before deciding to
        charge or refund again.

        :return: the transactions whose outcome is still unknown
        """
        unknown = self._salon_lock_unknown()
        for transaction in unknown:
            transaction._salon_ask_provider()
        return unknown.filtered(
            lambda tx: tx.state == "pending" and tx.salon_outcome_unknown
        )

    def _salon_lock_unknown(self):
        """Lock the transactions whose outcome is unknown (one recovery at a
        time: a scheduled action and a charge never process one twice).

        :return: those still unknown once locked
        """
        unknown = self.filtered("salon_outcome_unknown")
        if unknown:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM payment_transaction WHERE id IN %s"
                    " FOR NO KEY UPDATE",
                    tuple(unknown.ids),
                )
            )
            unknown.invalidate_recordset(["state", "salon_outcome_unknown"])
        return unknown.filtered(
            lambda tx: tx.state == "pending" and tx.salon_outcome_unknown
        )

    def _salon_ask_provider(self):
        """Ask the provider about this transaction, once (see
        :meth:`_salon_recover`)."""
        self.ensure_one()
        if self.provider_code != "stripe":
            return
        self.salon_outcome_asked = fields.Datetime.now()
        asking = self.with_context(salon_no_clear_answer=True)
        found = None
        try:
            with self.env.cr.savepoint():
                if self.operation == "refund":
                    found = asking._salon_stripe_find_refund()
                else:
                    found = asking._salon_stripe_find_payment_intent()
                if found:
                    self._salon_process_found(found)
        except (NoClearAnswer, ValidationError) as error:
            _logger.warning(
                "Could not ask %s about transaction %s (%s): asked again later",
                self.provider_code,
                self.reference,
                error,
            )
            return
        if found:
            if self.state in ("done", "error", "cancel"):
                self._salon_post_process()
            return
        if fields.Datetime.now() - self.last_state_change < SAFE_DELAY:
            return
        if self.operation == "refund":
            message = self.env._(
                "%(provider)s has no trace of this refund: nothing was given back.",
                provider=self.provider_id.name,
            )
        else:
            message = self.env._(
                "%(provider)s has no trace of this payment: the card was not charged.",
                provider=self.provider_id.name,
            )
        _logger.info(
            "Transaction %s never reached %s: set in error",
            self.reference,
            self.provider_code,
        )
        self._set_error(message)
        self._salon_post_process()

    def _salon_process_found(self, found):
        """Process the PaymentIntent or Refund ``found`` at Stripe as
        payment_stripe processes its answer to the request."""
        if self.operation == "refund":
            self._handle_notification_data("stripe", {"refund": found})
            return
        self._handle_notification_data(
            "stripe",
            {
                "reference": self.reference,
                "payment_intent": found,
                "payment_method": found.get("payment_method"),
            },
        )
        if self.state == "pending" and found.get("status") in STRIPE_AWAITING_CLIENT:
            self._set_error(
                self.env._(
                    "the bank asks the client to confirm this payment, which "
                    "cannot be done off-session"
                )
            )

    def _salon_post_process(self):
        """Post-process now (the invoice paid); a failure is logged, and left
        to Odoo's scheduled post-processing."""
        try:
            with self.env.cr.savepoint():
                self._post_process()
        except Exception:  # pylint: disable=broad-except
            _logger.exception(
                "Post-processing of transaction %s failed", self.reference
            )

    def _salon_stripe_list(self, endpoint, query):
        """All the Stripe objects of the list ``endpoint`` (its filters in
        ``query``), page after page."""
        query = dict(query, limit=100)
        while True:
            page = self.provider_id._stripe_make_request(
                f"{endpoint}?{urlencode(query)}", method="GET"
            )
            yield from page.get("data", [])
            if not page.get("has_more") or not page.get("data"):
                return
            query["starting_after"] = page["data"][-1]["id"]

    def _salon_stripe_find_payment_intent(self):
        """The PaymentIntent of this charge at Stripe, or None.

        Stripe lists a customer's charges (the token's customer), each naming
        its PaymentIntent, which has the transaction's reference in its
        metadata (in its description too, which Odoo sends).
        """
        customer = self.token_id.provider_ref
        if not customer:
            return None
        since = (self.create_date - LOOKBACK).replace(tzinfo=timezone.utc)
        charges = self._salon_stripe_list(
            "charges",
            {
                "customer": customer,
                "created[gt]": int(since.timestamp()),
                "expand[]": "data.payment_intent",
            },
        )
        for charge in charges:
            intent = charge.get("payment_intent")
            if not isinstance(intent, dict):
                continue
            metadata = intent.get("metadata") or {}
            if self.reference in (
                metadata.get(METADATA_REFERENCE),
                intent.get("description"),
            ):
                # as payment_stripe reads it after its request: with its
                # payment method
                return self.provider_id._stripe_make_request(
                    f"payment_intents/{intent['id']}?"
                    + urlencode({"expand[]": "payment_method"}),
                    method="GET",
                )
        return None

    def _salon_stripe_find_refund(self):
        """The Refund of this refund transaction at Stripe, or None: the
        oldest refund of the PaymentIntent for this amount that no refund
        transaction knows (its id is their provider reference)."""
        source = self.source_transaction_id
        if not source.provider_reference:
            return None
        known = set(
            source.child_transaction_ids.filtered(
                lambda tx: tx.operation == "refund"
            ).mapped("provider_reference")
        )
        amount = payment_utils.to_minor_currency_units(-self.amount, self.currency_id)
        refunds = [
            refund
            for refund in self._salon_stripe_list(
                "refunds", {"payment_intent": source.provider_reference}
            )
            if refund.get("id") not in known and refund.get("amount") == amount
        ]
        return min(refunds, key=lambda refund: refund.get("created", 0), default=None)

    @api.model
    def _cron_salon_recover(self, batch_size=50):
        """Ask the providers what became of the charges and refunds whose
        outcome is unknown (:meth:`_salon_recover`), per company.

        One batch per call: the scheduler commits it and calls again while
        some remain (``_notify_progress``); a transaction asked about less
        than :data:`ASK_INTERVAL` ago waits for a later run. Runs at once
        share the work: each skips the transactions another has locked.

        :return: how many transactions this call settled
        """
        self.env.flush_all()
        due = SQL(
            "state = 'pending' AND salon_outcome_unknown"
            " AND (salon_outcome_asked IS NULL OR salon_outcome_asked < %s)",
            fields.Datetime.now() - ASK_INTERVAL,
        )
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM payment_transaction WHERE %s"
                        " ORDER BY salon_outcome_asked NULLS FIRST, id LIMIT %s"
                        " FOR NO KEY UPDATE SKIP LOCKED",
                        due,
                        batch_size,
                    )
                )
                transactions = self.browse([row[0] for row in self.env.cr.fetchall()])
        except psycopg2.errors.SerializationFailure:
            # a recovery committed after this snapshot: the next run asks
            return 0
        unknown = self.browse()
        for company, batch in transactions.grouped("company_id").items():
            unknown |= batch.with_company(company)._salon_recover()
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT count(*) FROM payment_transaction WHERE %s", due)
        )
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(
            done=len(transactions), remaining=remaining
        )
        return len(transactions - unknown)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How a deposit's money arrives: by a payment link with a hold on the slot,
through Odoo's payment framework, and how a hold ends.

A deposit asked by link is ``pending`` with ``hold_until``: its appointment is
``on_hold`` and keeps the stylist's time. The client pays on the deposit's page
(``/salon/deposit/<id>``, access token) with any enabled provider; the
transaction gets the deposit's invoice when it is done, so account_payment
creates and reconciles the payment as for any invoice, and the invoice's
"paid" hook records the money here, whatever the channel. Unpaid at
``hold_until``, the expiry cron cancels the appointment; a payment arriving
after that re-books the slot when it is still free, else it is refunded.
"""

import logging
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import clean_context

_logger = logging.getLogger(__name__)
# the advisory lock of the hold expiry (any constant unique to this job)
EXPIRY_LOCK_KEY = 715_031_001


class SalonDeposit(models.Model):
    _inherit = "salon.deposit"

    hold_until = fields.Datetime(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="A deposit asked by link must be paid by then; after it, the "
        "appointment is cancelled and its time freed.",
    )
    hold_notified = fields.Boolean(readonly=True, copy=False)
    transaction_ids = fields.Many2many(
        "payment.transaction",
        "salon_deposit_transaction_rel",
        "deposit_id",
        "transaction_id",
        string="Transactions",
        readonly=True,
        copy=False,
    )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for deposit in self:
            deposit.access_url = f"/salon/deposit/{deposit.id}"
        return result

    # ------------------------------------------------------------------
    # Asked by link: the slot is held
    # ------------------------------------------------------------------

    def _salon_start_hold(self):
        """Hold the appointment's time until the deposit is paid and send the
        client the payment link."""
        for deposit in self:
            appointment = deposit.appointment_id
            minutes = (
                appointment.salon_deposit_hold_minutes
                or deposit.company_id.salon_deposit_hold_minutes
            )
            deposit.hold_until = fields.Datetime.now() + timedelta(minutes=minutes)
            deposit._portal_ensure_token()
            if appointment.salon_state != "on_hold":
                appointment._salon_change_state("on_hold")
        self._salon_notify_client("link")

    def _salon_saves_card(self):
        """The appointment waits for a card (asked at online booking with
        the deposit) and has none: the card the deposit is paid with is
        saved to guarantee the rest."""
        self.ensure_one()
        appointment = self.sudo().appointment_id
        return bool(
            appointment.salon_card_asked and not appointment.salon_card_token_id
        )

    def _salon_check_payable(self):
        """The client may pay: pending, hold running, no payment under way.

        :raise ValidationError: a message for the client
        """
        self.ensure_one()
        if self.state != "pending":
            raise ValidationError(
                self.env._(
                    "This deposit cannot be paid any more: it is %(state)s.",
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        self.state
                    ],
                )
            )
        if self.hold_until and fields.Datetime.now() >= self.hold_until:
            raise ValidationError(
                self.env._(
                    "The time held for your appointment has passed: please book "
                    "again or contact the salon."
                )
            )
        busy = self.sudo().transaction_ids.filtered(
            lambda tx: tx.state in ("pending", "authorized", "done")
        )
        if busy:
            raise ValidationError(
                self.env._(
                    "A payment of this deposit is already under way (%(reference)s).",
                    reference=busy[0].reference,
                )
            )

    def _salon_ensure_invoice(self):
        """The deposit's posted invoice, created when the money comes."""
        self.ensure_one()
        deposit = self.sudo().with_company(self.company_id)
        return deposit.invoice_id or deposit._salon_create_invoice()

    # ------------------------------------------------------------------
    # Money received: the invoice's "paid" hook
    # ------------------------------------------------------------------

    def _salon_on_invoice_paid(self):
        """The deposit invoice is paid (journal, payment link, online): record
        the money, then confirm, re-book or refund."""
        # no default_* of the payment being reconciled reaches what is made here
        clean = self.env(context=clean_context(self.env.context), su=True)
        for deposit in self.with_env(clean):
            deposit._salon_lock()
            before = deposit.state
            partials, _exchange = deposit.invoice_id._get_reconciled_invoices_partials()
            recorded = False
            for _partial, amount, counterpart in partials:
                payment = counterpart.move_id.origin_payment_id
                source = payment.payment_transaction_id or counterpart.move_id
                reference = (
                    source.reference
                    if payment.payment_transaction_id
                    else (payment.name or counterpart.move_id.name)
                )
                if deposit._salon_record("paid", amount, source, reference):
                    recorded = True
                    deposit.journal_id = deposit.journal_id or counterpart.journal_id
            if recorded and before == "pending":
                deposit._salon_after_paid()
            # paid after its hold ran out, or for an appointment the salon
            # cancelled: settled once the payment is reconciled, see
            # _salon_after_late_payment

    def _salon_after_paid(self):
        self.ensure_one()
        self.hold_until = False
        appointment = self.appointment_id
        if appointment.salon_state == "on_hold":
            appointment._salon_change_state("confirmed")
        if self.channel != "salon":
            # the receptionist chooses whether to email a deposit taken in
            # the salon; a client paying online always gets the receipt
            self._salon_notify_client("paid")

    def _salon_after_late_payment(self):
        """Paid after the hold ran out: the appointment comes back if its time
        is still free, otherwise (or when the salon cancelled it) the money
        goes back to the client."""
        self.ensure_one()
        appointment = self.appointment_id
        rebook = "expired" in self.line_ids.mapped("kind")
        try:
            if not rebook:
                raise UserError(
                    self.env._(
                        "The appointment %(appointment)s was cancelled.",
                        appointment=appointment.salon_reference,
                    )
                )
            with self.env.cr.savepoint():
                if appointment.salon_state == "cancelled":
                    appointment._salon_change_state("booked")
                if appointment.salon_state in ("booked", "on_hold"):
                    appointment._salon_change_state("confirmed")
                appointment.flush_recordset()
        except (ValidationError, UserError) as error:
            _logger.info(
                "Deposit %s paid late, appointment %s not re-booked: %s",
                self.name,
                appointment.salon_reference,
                error,
            )
            appointment.invalidate_recordset()
            self._salon_refresh_state()
            self.action_refund()
            self._salon_notify_salon("late_refunded")
            return
        self.hold_until = False
        self._salon_notify_client("paid")
        self._salon_notify_salon("late_rebooked")

    # ------------------------------------------------------------------
    # Expiry of the holds (cron)
    # ------------------------------------------------------------------

    @api.model
    def _cron_expire_holds(self, batch_size=1000):
        """Cancel the appointments whose deposit was not paid in time.

        One batch per call: the scheduler commits it and calls again while
        holds remain (``_notify_progress``). Set-based: one statement moves a
        batch of deposits to ``expired`` (with their ledger lines), frees
        their appointments and counts what remains, however many there are.
        Runs at once never expire a hold twice: one run works, the others find
        its lock taken and stop. The salon is told by
        :meth:`_cron_notify_expired_holds`.

        :return: how many holds this call expired
        """
        done, remaining = self._salon_expire_holds(batch_size)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _salon_expire_holds(self, limit):
        """Expire up to ``limit`` holds past their time.

        :return: (how many were expired, how many are still due)
        """
        self.env.flush_all()
        try:
            with self.env.cr.savepoint(flush=False):
                locked, deposit_ids, event_ids, remaining = (
                    self._salon_expire_statement(limit)
                )
        except psycopg2.errors.SerializationFailure:
            # a run committed after this transaction's snapshot and before it
            # took the lock: what it expired is done, the next run (a fresh
            # snapshot) takes the rest
            return 0, 0
        if not locked or not deposit_ids:
            return 0, 0
        # what the statement changed, forgotten by the cache
        self.browse(deposit_ids).invalidate_recordset()
        self.env["calendar.event"].browse(event_ids).invalidate_recordset()
        return len(deposit_ids), remaining

    @api.model
    def _salon_expire_statement(self, limit):
        """One statement: take the expiry's lock (or find it taken), expire a
        batch of deposits with their ledger lines, cancel their appointments
        (still on hold), count the holds still due.

        :return: (lock taken, deposit ids, appointment ids, holds still due)
        """
        self.env.cr.execute(
            SQL(
                """
WITH lock AS MATERIALIZED (
    SELECT pg_try_advisory_xact_lock(%(key)s) AS taken
), due AS (
    SELECT d.id
      FROM salon_deposit d
     WHERE (SELECT taken FROM lock)
       AND d.state = 'pending'
       AND d.hold_until IS NOT NULL
       AND d.hold_until <= %(now)s
     ORDER BY d.hold_until, d.id
     LIMIT %(limit)s
       FOR NO KEY UPDATE SKIP LOCKED
), expired AS (
    UPDATE salon_deposit d
       SET state = 'expired', hold_until = NULL, hold_notified = FALSE,
           write_uid = %(uid)s, write_date = %(now)s
      FROM due
     WHERE d.id = due.id
 RETURNING d.id, d.appointment_id, d.amount, d.name
), ledger AS (
    INSERT INTO salon_deposit_line
           (deposit_id, kind, amount, source_model, source_id, reference, date,
            create_uid, create_date, write_uid, write_date)
    SELECT id, 'expired', amount, 'salon.deposit', id, name, %(now)s,
           %(uid)s, %(now)s, %(uid)s, %(now)s
      FROM expired
), freed AS (
    UPDATE calendar_event e
       SET salon_state = 'cancelled', salon_blocks_slot = FALSE,
           salon_payment_state = 'not_due', salon_amount_due = 0,
           salon_can_take_deposit = FALSE,
           write_uid = %(uid)s, write_date = %(now)s
      FROM expired
     WHERE e.id = expired.appointment_id AND e.salon_state = 'on_hold'
)
SELECT (SELECT taken FROM lock),
       (SELECT array_agg(id) FROM expired),
       (SELECT array_agg(appointment_id) FROM expired),
       (SELECT count(*)
          FROM salon_deposit
         WHERE state = 'pending'
           AND hold_until IS NOT NULL
           AND hold_until <= %(now)s) - (SELECT count(*) FROM expired)
""",
                key=EXPIRY_LOCK_KEY,
                now=fields.Datetime.now(),
                limit=limit,
                uid=self.env.uid,
            ),
            log_exceptions=False,
        )
        return self.env.cr.fetchone()

    @api.model
    def _cron_notify_expired_holds(self):
        """Tell each salon which appointments were removed because their
        deposit was not paid (one email per salon, seed 000)."""
        expired = self.sudo().search(
            [("state", "=", "expired"), ("hold_notified", "=", False)]
        )
        for company, deposits in expired.grouped("company_id").items():
            deposits.with_company(company)._salon_notify_salon("expired")
        expired.hold_notified = True

    # ------------------------------------------------------------------
    # Notifications to the salon
    # ------------------------------------------------------------------

    def _salon_notify_salon(self, kind):
        """Email the salon about these deposits (same company): ``expired``
        (appointments removed, deposit not paid), ``late_rebooked``,
        ``late_refunded``."""
        if not self:
            return
        template = self.env.ref(
            f"salon_deposits.mail_template_salon_{kind}", raise_if_not_found=False
        )
        company = self[:1].company_id
        if not template or not company.email:
            return
        template.with_context(salon_deposits=self).send_mail(
            self[:1].id, email_values={"email_to": company.email}
        )

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Command


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    salon_deposit_ids = fields.Many2many(
        "salon.deposit",
        "salon_deposit_transaction_rel",
        "transaction_id",
        "deposit_id",
        string="Salon Deposits",
        readonly=True,
        copy=False,
    )
    salon_appointment_id = fields.Many2one(
        "calendar.event",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The appointment whose card this validation saves, or whose fee "
        "this payment charges to the card on file.",
    )

    @api.model
    def _compute_reference_prefix(self, provider_code, separator, **values):
        command_list = values.get("salon_deposit_ids")
        if command_list:
            ids = self._fields["salon_deposit_ids"].convert_to_cache(command_list, self)
            deposits = self.env["salon.deposit"].sudo().browse(ids).exists()
            if deposits and len(deposits) == len(ids):
                return separator.join(deposits.mapped("name"))
        return super()._compute_reference_prefix(provider_code, separator, **values)

    def _create_child_transaction(
        self, amount, is_refund=False, **custom_create_values
    ):
        if self.salon_deposit_ids:
            custom_create_values.setdefault(
                "salon_deposit_ids", [Command.set(self.salon_deposit_ids.ids)]
            )
        if self.salon_appointment_id:
            custom_create_values.setdefault(
                "salon_appointment_id", self.salon_appointment_id.id
            )
        credit_note = self.env.context.get("salon_refund_credit_note_id")
        if is_refund and credit_note:
            # the refund's payment settles the credit note of what is refunded
            custom_create_values.setdefault("invoice_ids", [Command.set([credit_note])])
        return super()._create_child_transaction(
            amount, is_refund=is_refund, **custom_create_values
        )

    def _post_process(self):
        """A deposit paid online gets its invoice now, so that account_payment
        pays it like any invoice; a refund done is recorded on the deposit."""
        for tx in self.filtered(
            lambda t: (
                t.state == "done"
                and t.salon_deposit_ids
                and t.operation != "refund"
                and not t.invoice_ids
            )
        ):
            tx.invoice_ids = tx.salon_deposit_ids[:1]._salon_ensure_invoice()
        fresh = self.filtered(lambda t: not t.is_post_processed)
        result = super()._post_process()
        for tx in fresh.filtered(
            lambda t: (
                t.state == "done"
                and t.operation == "validation"
                and t.salon_appointment_id
                and t.token_id
            )
        ):
            # the card left at online booking guarantees the appointment
            tx.salon_appointment_id._salon_set_card(tx.token_id)
        for tx in fresh.filtered(
            lambda t: (
                t.state == "done" and t.salon_deposit_ids and t.operation != "refund"
            )
        ):
            deposit = tx.salon_deposit_ids[:1].sudo()
            appointment = deposit.appointment_id
            if tx.token_id and deposit._salon_saves_card():
                # the card the deposit was paid with guarantees the rest
                appointment._salon_set_card(tx.token_id)
            if deposit.state == "paid" and appointment.salon_state in (
                appointment._salon_get_free_states()
            ):
                # the money came after the hold ran out or the appointment
                # was cancelled
                deposit._salon_after_late_payment()
        for tx in fresh.filtered(
            lambda t: (
                t.operation == "refund"
                and t.state in ("error", "cancel")
                and (t.salon_appointment_id or t.salon_deposit_ids)
            )
        ):
            tx._salon_cancel_refund_credit_notes()
        for tx in fresh.filtered(
            lambda t: (
                t.state == "done" and t.operation == "refund" and t.salon_deposit_ids
            )
        ):
            deposit = tx.salon_deposit_ids[:1].sudo()
            deposit._salon_lock()
            deposit._salon_record_refund(abs(tx.amount), tx, tx.reference)
        return result

    def _salon_cancel_refund_credit_notes(self):
        """A refund the provider did not make gives nothing back: the credit
        note it was to pay is cancelled (the client is owed nothing, and the
        amount may be refunded again)."""
        self.ensure_one()
        credit_notes = self.invoice_ids.filtered(
            lambda move: (
                move.move_type == "out_refund"
                and move.state == "posted"
                and move.payment_state == "not_paid"
            )
        )
        if not credit_notes:
            return
        credit_notes.button_draft()
        credit_notes.button_cancel()
        appointment = (
            self.salon_appointment_id or self.salon_deposit_ids[:1].appointment_id
        )
        appointment.message_post(
            body=self.env._(
                "The refund %(reference)s was not made (%(reason)s): its credit "
                "note %(credit_note)s is cancelled.",
                reference=self.reference,
                reason=self.state_message or self.state,
                credit_note=", ".join(credit_notes.mapped("name")),
            )
        )

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Refund an appointment's payment, in full or in part (seed 004): a credit
note of the amount (its services' taxes, in proportion) paid back through the
payment provider when the card paid it, by the journal of the payment
otherwise."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command


class SalonRefundWizard(models.TransientModel):
    _name = "salon.refund.wizard"
    _description = "Salon: Refund a Payment"

    appointment_id = fields.Many2one("calendar.event", required=True, readonly=True)
    currency_id = fields.Many2one(related="appointment_id.salon_currency_id")
    invoice_id = fields.Many2one(
        "account.move",
        string="Payment of",
        required=True,
        domain="[('id', 'in', refundable_invoice_ids)]",
        help="The invoice whose payment is given back.",
    )
    refundable_invoice_ids = fields.Many2many(
        "account.move", compute="_compute_refundable_invoice_ids"
    )
    amount_refundable = fields.Monetary(
        string="Refundable",
        compute="_compute_amount_refundable",
        help="What was paid for it, less what was refunded already.",
    )
    amount = fields.Monetary(string="Refund", required=True)
    transaction_id = fields.Many2one(
        "payment.transaction",
        compute="_compute_amount_refundable",
        string="Card Payment",
        help="Refunded through its payment provider.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        compute="_compute_journal_id",
        readonly=False,
        store=True,
        string="Refund by",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(related="appointment_id.salon_company_id")
    send_email = fields.Boolean(
        string="Email the Client", default=True, help="Send the credit note."
    )

    @api.depends("appointment_id")
    def _compute_refundable_invoice_ids(self):
        for wizard in self:
            invoices = wizard.appointment_id.salon_invoice_ids
            wizard.refundable_invoice_ids = invoices.filtered(
                lambda move: (
                    move.move_type == "out_invoice"
                    and move.state == "posted"
                    and self._refundable(move) > 0
                )
            )

    @api.model
    def _refundable(self, invoice):
        """What was paid for ``invoice``, less its credit notes."""
        paid = invoice.amount_total - invoice.amount_residual
        credited = sum(
            invoice.reversal_move_ids.filtered(lambda m: m.state == "posted").mapped(
                "amount_total"
            )
        )
        return invoice.currency_id.round(max(paid - credited, 0.0))

    @api.model
    def _card_payment(self, invoice):
        """The provider's transaction that paid ``invoice``, if it can give
        money back."""
        return invoice.transaction_ids.filtered(
            lambda tx: (
                tx.state == "done"
                and tx.operation != "refund"
                and tx.provider_id.support_refund in ("partial", "full_only")
            )
        )[:1]

    @api.depends("invoice_id")
    def _compute_amount_refundable(self):
        for wizard in self:
            invoice = wizard.invoice_id
            wizard.amount_refundable = invoice and self._refundable(invoice)
            wizard.transaction_id = invoice and self._card_payment(invoice)

    @api.depends("invoice_id")
    def _compute_journal_id(self):
        for wizard in self:
            invoice = wizard.invoice_id
            # by the journal that took the money, when no card paid
            payments = invoice.matched_payment_ids if invoice else False
            wizard.journal_id = (
                not (invoice and self._card_payment(invoice))
                and payments
                and payments[:1].journal_id
            )

    @api.onchange("invoice_id")
    def _onchange_invoice_id(self):
        self.amount = self.amount_refundable

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        appointment = self.env["calendar.event"].browse(values.get("appointment_id"))
        if appointment and "invoice_id" in fields_list:
            wizard = self.new({"appointment_id": appointment.id})
            invoice = wizard.refundable_invoice_ids[:1]
            values["invoice_id"] = invoice.id
            values["amount"] = invoice and self._refundable(invoice)
        return values

    def action_refund(self):
        self.ensure_one()
        self.appointment_id.check_access("write")
        invoice = self.invoice_id.sudo()
        appointment = self.appointment_id.sudo()
        appointment._salon_lock_card()
        refundable = self._refundable(invoice)
        currency = invoice.currency_id
        if currency.compare_amounts(self.amount, 0) <= 0:
            raise ValidationError(self.env._("The refund must be above zero."))
        if currency.compare_amounts(self.amount, refundable) > 0:
            raise ValidationError(
                self.env._(
                    "At most %(amount)s can be refunded for %(invoice)s: what was "
                    "paid, less what was refunded already.",
                    amount=currency.format(refundable),
                    invoice=invoice.name,
                )
            )
        transaction = self._card_payment(invoice)
        if transaction.child_transaction_ids._salon_recover():
            raise UserError(
                self.env._(
                    "A refund of %(payment)s is under way: the provider has not "
                    "said yet whether it was made.",
                    payment=transaction.reference,
                )
            )
        if (
            transaction
            and transaction.provider_id.support_refund == "full_only"
            and (currency.compare_amounts(self.amount, transaction.amount))
        ):
            raise UserError(
                self.env._(
                    "%(provider)s refunds only the whole payment.",
                    provider=transaction.provider_id.name,
                )
            )
        if not transaction and not self.journal_id:
            raise UserError(self.env._("Choose the journal that gives the money back."))
        credit_note = appointment._salon_credit_note(invoice, self.amount)
        if transaction:
            refund = transaction.with_context(
                salon_refund_credit_note_id=credit_note.id
            )._send_refund_request(amount_to_refund=credit_note.amount_total)
            if refund.state in ("error", "cancel"):
                # refused: nothing is kept, the staff may try again
                raise UserError(
                    self.env._(
                        "%(provider)s refused the refund: %(reason)s",
                        provider=transaction.provider_id.name,
                        reason=refund.state_message or refund.state,
                    )
                )
            if refund.state == "done":
                refund._post_process()
            reference = refund.reference
        else:
            payment = (
                self.env["account.payment.register"]
                .sudo()
                .with_context(active_model="account.move", active_ids=credit_note.ids)
                .create(
                    {
                        "journal_id": self.journal_id.id,
                        "amount": credit_note.amount_total,
                    }
                )
                ._create_payments()
            )
            reference = payment.name
        appointment.salon_invoice_ids = [Command.link(credit_note.id)]
        appointment.message_post(
            body=self.env._(
                "%(amount)s refunded (%(credit_note)s, %(reference)s).",
                amount=currency.format(credit_note.amount_total),
                credit_note=credit_note.name,
                reference=reference,
            )
        )
        if self.send_email and appointment.salon_partner_id.email:
            credit_note.message_post_with_source(
                "account.email_template_edi_invoice",
                subtype_xmlid="mail.mt_comment",
            )
        return {"type": "ir.actions.act_window_close"}

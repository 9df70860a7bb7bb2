# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cancel an appointment and give everything back (seed 004, "cancel the
session" with "issue a refund"), the client told or not."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class SalonCancelWizard(models.TransientModel):
    _name = "salon.cancel.wizard"
    _description = "Salon: Cancel with Refund"

    appointment_id = fields.Many2one("calendar.event", required=True, readonly=True)
    currency_id = fields.Many2one(related="appointment_id.salon_currency_id")
    amount_refundable = fields.Monetary(
        string="Paid",
        compute="_compute_amount_refundable",
        help="Deposits not used yet and payments of its invoices, less what was "
        "refunded already.",
    )
    refund = fields.Boolean(
        string="Refund in Full",
        default=True,
        help="Give back the deposits and the payments of the appointment, "
        "through the payment provider for a card, by the journal otherwise.",
    )
    email_cancellation = fields.Boolean(
        string="Email the Cancellation",
        default=True,
        help="Send the client the cancellation email.",
    )
    email_refund = fields.Boolean(
        string="Email the Refund",
        default=True,
        help="Send the client the refund: the deposit's receipt, the credit note.",
    )

    @api.depends("appointment_id")
    def _compute_amount_refundable(self):
        Refund = self.env["salon.refund.wizard"]
        for wizard in self:
            appointment = wizard.appointment_id
            deposits = appointment.salon_deposit_ids.filtered(
                lambda d: d.state == "paid"
            )
            invoices = appointment.salon_invoice_ids.filtered(
                lambda move: move.move_type == "out_invoice" and move.state == "posted"
            )
            wizard.amount_refundable = sum(deposits.mapped("amount_available")) + sum(
                Refund._refundable(invoice) for invoice in invoices
            )

    def action_confirm(self):
        self.ensure_one()
        appointment = self.appointment_id
        appointment.check_access("write")
        if appointment.salon_state in appointment._salon_get_free_states():
            raise UserError(
                self.env._(
                    "%(appointment)s is already cancelled or missed.",
                    appointment=appointment.salon_reference,
                )
            )
        quiet = {"salon_no_mail": True}
        appointment.with_context(
            **(quiet if not self.email_cancellation else {})
        )._salon_change_state("cancelled")
        if self.refund:
            self.with_context(
                **(quiet if not self.email_refund else {})
            )._salon_refund_all()
        return {"type": "ir.actions.act_window_close"}

    def _salon_refund_all(self):
        """Every deposit left and every invoice's payment, given back."""
        appointment = self.appointment_id
        appointment.salon_deposit_ids.filtered(
            lambda d: d.state == "paid" and d.amount_available
        ).action_refund()
        Refund = self.env["salon.refund.wizard"]
        for invoice in appointment.salon_invoice_ids.filtered(
            lambda move: move.move_type == "out_invoice" and move.state == "posted"
        ):
            amount = Refund._refundable(invoice)
            if not amount:
                continue
            Refund.create(
                {
                    "appointment_id": appointment.id,
                    "invoice_id": invoice.id,
                    "amount": amount,
                    "send_email": self.email_refund,
                }
            ).action_refund()

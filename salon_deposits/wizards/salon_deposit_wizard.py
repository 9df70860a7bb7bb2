# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Confirm an appointment with a deposit (seed 000: "Confirmer avec paiement")."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import formatLang


class SalonDepositWizard(models.TransientModel):
    _name = "salon.deposit.wizard"
    _description = "Confirm an Appointment with a Deposit"

    appointment_id = fields.Many2one(
        "calendar.event",
        required=True,
        readonly=True,
        domain=[("salon_is_appointment", "=", True)],
    )
    partner_id = fields.Many2one(related="appointment_id.salon_partner_id")
    company_id = fields.Many2one(related="appointment_id.salon_company_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_total = fields.Monetary(
        related="appointment_id.salon_amount_total", string="Appointment Total"
    )
    amount_asked = fields.Monetary(
        related="appointment_id.salon_deposit_amount", string="Asked by the Policy"
    )
    amount = fields.Monetary(
        string="Deposit",
        compute="_compute_amount",
        store=True,
        readonly=False,
        help="Taxes included; the policy's amount is proposed, you may change it.",
    )
    method = fields.Selection(
        [("salon", "In the Salon"), ("link", "Payment Link")],
        string="Payment",
        default="salon",
        required=True,
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Paid With",
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        domain="[('type', 'in', ('cash', 'bank')), ('company_id', '=', company_id)]",
        help="Cash, card terminal or bank transfer.",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Taken By",
        default=lambda self: self.env.user.employee_id,
        domain="[('company_id', 'in', (company_id, False))]",
    )
    send_email = fields.Boolean(
        string="Email the Client",
        compute="_compute_send_email",
        store=True,
        readonly=False,
    )
    no_show_action = fields.Selection(
        related="appointment_id.salon_deposit_no_show_action",
        string="If the Client Does Not Come",
    )
    cancel_deadline_hours = fields.Integer(
        related="appointment_id.salon_cancel_deadline_hours",
        string="Refunded if Cancelled Hours Before",
    )
    deposit_id = fields.Many2one("salon.deposit", string="Deposit Taken", readonly=True)

    @api.depends("appointment_id")
    def _compute_amount(self):
        for wizard in self:
            appointment = wizard.appointment_id
            wizard.amount = (
                appointment._salon_deposit_left_to_ask() if appointment else 0.0
            )

    @api.depends("company_id")
    def _compute_journal_id(self):
        for wizard in self:
            wizard.journal_id = self.env["account.journal"].search(
                [
                    *self.env["account.journal"]._check_company_domain(
                        wizard.company_id
                    ),
                    ("type", "in", ("cash", "bank")),
                ],
                order="type, sequence, id",
                limit=1,
            )

    @api.depends("partner_id")
    def _compute_send_email(self):
        for wizard in self:
            wizard.send_email = bool(wizard.partner_id.email)

    def _check(self):
        self.ensure_one()
        appointment = self.appointment_id
        currency = self.currency_id
        if appointment.salon_state not in appointment._salon_get_changeable_states():
            raise UserError(
                self.env._(
                    "A deposit is taken for a booked appointment; %(appointment)s "
                    "is %(state)s.",
                    appointment=appointment.salon_reference,
                    state=appointment.salon_state_label,
                )
            )
        if currency.compare_amounts(self.amount, 0) <= 0:
            raise UserError(self.env._("The deposit must be more than zero."))
        room = appointment.salon_amount_total - appointment._salon_deposit_asked()
        if currency.compare_amounts(self.amount, room) > 0:
            raise UserError(
                self.env._(
                    "The deposit cannot be more than what is left of the "
                    "appointment's total (%(room)s, taxes included).",
                    room=formatLang(self.env, max(room, 0.0), currency_obj=currency),
                )
            )
        if self.method == "salon" and not self.journal_id:
            raise UserError(self.env._("Choose how the client paid the deposit."))
        if self.method == "link" and not self.partner_id.email:
            raise UserError(
                self.env._(
                    "%(client)s has no email address to send the payment link to.",
                    client=self.partner_id.display_name,
                )
            )

    def action_confirm(self):
        self.ensure_one()
        # one deposit at a time per appointment (a double click waits here,
        # then finds the first deposit taken)
        self.env.cr.execute(
            SQL(
                "SELECT id FROM calendar_event WHERE id = %s FOR NO KEY UPDATE",
                self.appointment_id.id,
            )
        )
        self.appointment_id.invalidate_recordset(["salon_deposit_ids"])
        if self.deposit_id:
            raise UserError(
                self.env._(
                    "This deposit was already taken: %(deposit)s.",
                    deposit=self.deposit_id.name,
                )
            )
        self._check()
        deposit = self._create_deposit()
        self.deposit_id = deposit
        self._collect(deposit)
        appointment = self.appointment_id
        if self.method == "salon" and appointment.salon_state == "booked":
            appointment.action_salon_confirm()
        return {"type": "ir.actions.act_window_close"}

    def _create_deposit(self):
        return self.env["salon.deposit"].create(
            {
                "appointment_id": self.appointment_id.id,
                "amount": self.amount,
                "channel": self.method,
                "employee_id": self.employee_id.id,
            }
        )

    def _collect(self, deposit):
        """Take the deposit the chosen way."""
        if self.method == "salon":
            deposit._salon_pay_with_journal(self.journal_id)
            if self.send_email:
                deposit._salon_notify_client("paid")
        elif self.method == "link":
            # the appointment holds its time while the client pays
            deposit._salon_start_hold()

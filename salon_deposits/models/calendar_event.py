# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Appointments and their deposits, through salon_booking's seams."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.salon_booking.models.calendar_event_money import PaymentFact

# deposits that hold money or wait for it (not expired nor cancelled)
LIVE_STATES = ("pending", "paid", "applied", "retained", "refunded")
# the appointment waiting for its deposit, paid by link or online
HOLD_STATE = "on_hold"
HOLD_COLOR = 3


def _cancel_held(records):
    """Uninstalling: appointments still on hold were never paid."""
    if records.ids:
        records.env.cr.execute(
            SQL(
                "UPDATE calendar_event SET salon_state = 'cancelled' WHERE id IN %s",
                tuple(records.ids),
            )
        )


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    salon_state = fields.Selection(
        selection_add=[(HOLD_STATE, "On Hold")],
        ondelete={HOLD_STATE: _cancel_held},
    )
    salon_payment_state = fields.Selection(
        selection_add=[
            ("deposit_pending", "Deposit Pending"),
            ("deposit", "Deposit Paid"),
        ],
        ondelete={"deposit_pending": "set null", "deposit": "set null"},
    )
    salon_can_take_deposit = fields.Boolean(
        compute="_compute_salon_can_take_deposit",
        store=True,
        help="The policy asks a deposit that is not taken yet: the desk may "
        "collect it (Point of Sale).",
    )
    salon_deposit_hold_minutes = fields.Integer(
        string="Payment Hold (minutes) Booked", copy=False, readonly=True
    )
    salon_deposit_hold_until = fields.Datetime(
        string="On Hold Until",
        compute="_compute_salon_deposit_figures",
        help="The deposit asked by link or online must be paid by then, or the "
        "appointment is cancelled and the time freed.",
    )
    salon_deposit_ids = fields.One2many(
        "salon.deposit", "appointment_id", string="Deposits", readonly=True
    )
    salon_deposit_count = fields.Integer(compute="_compute_salon_deposit_figures")
    salon_deposit_available = fields.Monetary(
        string="Deposit Available",
        compute="_compute_salon_deposit_figures",
        currency_field="salon_currency_id",
        help="Deposits paid and not yet deducted, retained or refunded.",
    )
    salon_deposit_to_settle = fields.Boolean(
        compute="_compute_salon_deposit_figures",
        help="A deposit was paid for this missed or late-cancelled appointment: "
        "retain it or refund it.",
    )
    # policy snapshot: the terms the client booked under
    salon_deposit_policy_active = fields.Boolean(
        string="Deposits Asked", copy=False, readonly=True
    )
    salon_deposit_percent = fields.Float(
        string="Deposit (%) Booked", copy=False, readonly=True
    )
    salon_deposit_client_match = fields.Boolean(
        string="Client Asked a Deposit",
        copy=False,
        readonly=True,
        help="Whether the client rules of the policy (new clients, no-shows) "
        "asked this client a deposit when booking.",
    )
    salon_deposit_min_amount = fields.Monetary(
        string="Deposit from Amount Booked",
        currency_field="salon_currency_id",
        copy=False,
        readonly=True,
    )
    salon_deposit_no_show_action = fields.Selection(
        [("retain", "Retain it"), ("refund", "Refund it")],
        string="Deposit of a No-Show",
        copy=False,
        readonly=True,
    )
    salon_deposit_amount = fields.Monetary(
        string="Deposit Asked",
        compute="_compute_salon_deposit_amount",
        store=True,
        currency_field="salon_currency_id",
        help="The deposit the salon's policy asks for these services (taxes "
        "included; services covered by a package or a membership ask none).",
    )

    # ------------------------------------------------------------------
    # On hold: the slot is held while the deposit is being paid
    # ------------------------------------------------------------------

    @api.model
    def _salon_get_transitions(self):
        transitions = super()._salon_get_transitions()
        transitions[HOLD_STATE] = {"booked", "confirmed", "cancelled"}
        transitions["booked"].add(HOLD_STATE)
        return transitions

    @api.model
    def _salon_get_initial_state(self, vals):
        if self.env.context.get("salon_deposit_hold"):
            return HOLD_STATE
        return super()._salon_get_initial_state(vals)

    def _salon_deposit_asked(self):
        """What the deposits paid or awaited hold for the appointment."""
        self.ensure_one()
        deposits = self.salon_deposit_ids.filtered(
            lambda d: d.state in ("pending", "paid")
        )
        return sum(deposits.mapped("amount")) - sum(deposits.mapped("amount_refunded"))

    def _salon_deposit_left_to_ask(self):
        """What the policy asks that no deposit paid or awaited covers yet."""
        self.ensure_one()
        return max(self.salon_deposit_amount - self._salon_deposit_asked(), 0.0)

    def _salon_deposit_to_pay(self):
        """The deposit the client is asked to pay now (on hold), if any."""
        self.ensure_one()
        return self.salon_deposit_ids.filtered(
            lambda d: d.state == "pending" and d.hold_until
        )[:1]

    @api.model
    def _salon_get_state_colors(self):
        return {**super()._salon_get_state_colors(), HOLD_STATE: HOLD_COLOR}

    # ------------------------------------------------------------------
    # Policy snapshot and amount
    # ------------------------------------------------------------------

    @api.model
    def _salon_get_policy_snapshot(self, vals, company):
        snapshot = super()._salon_get_policy_snapshot(vals, company)
        partner = self.env["res.partner"].browse(vals.get("salon_partner_id"))
        snapshot.update(company._salon_deposit_terms(partner))
        return snapshot

    @api.model
    def _salon_protected_fields(self):
        return super()._salon_protected_fields() | {
            "salon_deposit_policy_active",
            "salon_deposit_percent",
            "salon_deposit_client_match",
            "salon_deposit_min_amount",
            "salon_deposit_no_show_action",
            "salon_deposit_hold_minutes",
        }

    def _salon_deposit_terms(self):
        self.ensure_one()
        return {
            "salon_deposit_policy_active": self.salon_deposit_policy_active,
            "salon_deposit_percent": self.salon_deposit_percent,
            "salon_deposit_client_match": self.salon_deposit_client_match,
            "salon_deposit_min_amount": self.salon_deposit_min_amount,
        }

    @api.depends(
        "salon_deposit_policy_active",
        "salon_deposit_percent",
        "salon_deposit_client_match",
        "salon_deposit_min_amount",
        "salon_line_ids.price_total",
        "salon_line_ids.product_id",
        "salon_line_ids.coverage_amount",
    )
    def _compute_salon_deposit_amount(self):
        for event in self:
            if not (event.salon_is_appointment and event.salon_deposit_policy_active):
                event.salon_deposit_amount = 0.0
                continue
            lines = event._salon_sorted_lines()
            coverages = event._salon_get_line_coverages()
            event.salon_deposit_amount = event.salon_company_id._salon_deposit_for(
                event._salon_deposit_terms(),
                [
                    (
                        line.product_id,
                        line.price_total,
                        coverages[line.id].amount if coverages.get(line.id) else 0.0,
                    )
                    for line in lines
                ],
            )

    @api.depends(
        "salon_state",
        "salon_deposit_ids.state",
        "salon_deposit_ids.amount_available",
        "salon_deposit_ids.hold_until",
    )
    def _compute_salon_deposit_figures(self):
        for event in self:
            deposits = event.salon_deposit_ids
            event.salon_deposit_count = len(deposits)
            event.salon_deposit_available = sum(
                deposits.filtered(lambda d: d.state == "paid").mapped(
                    "amount_available"
                )
            )
            event.salon_deposit_to_settle = any(
                deposit._salon_is_to_settle() for deposit in deposits
            )
            holds = deposits.filtered(
                lambda d: d.state == "pending" and d.hold_until
            ).mapped("hold_until")
            event.salon_deposit_hold_until = min(holds) if holds else False

    @api.depends(
        "salon_is_appointment",
        "salon_state",
        "salon_deposit_amount",
        "salon_deposit_ids.state",
        "salon_deposit_ids.amount",
        "salon_deposit_ids.amount_refunded",
    )
    def _compute_salon_can_take_deposit(self):
        # stored: the desk's list reads it with the appointments, no query more
        changeable = self._salon_get_changeable_states()
        for event in self:
            event.salon_can_take_deposit = bool(
                event.salon_is_appointment
                and event.salon_state in changeable
                and event.salon_currency_id.compare_amounts(
                    event._salon_deposit_left_to_ask(), 0
                )
                > 0
            )

    # ------------------------------------------------------------------
    # Payment facts: a deposit is money received, its refund money given back
    # ------------------------------------------------------------------

    @api.depends("salon_deposit_ids.line_ids.kind", "salon_deposit_ids.line_ids.amount")
    def _compute_salon_payment_state(self):
        return super()._compute_salon_payment_state()

    def _salon_get_payment_facts(self):
        result = super()._salon_get_payment_facts()
        for event in self:
            facts = result.setdefault(event.id, [])
            for line in event.salon_deposit_ids.line_ids:
                if line.kind not in ("paid", "refunded"):
                    continue
                # the journal entry of the payment (or the POS order): the
                # same fact as when an invoice or an order reports it
                facts.append(
                    PaymentFact(
                        self.env[line.source_model].browse(line.source_id),
                        "deposit" if line.kind == "paid" else "refund",
                        line.amount,
                        line.deposit_id.name,
                    )
                )
        return result

    def _salon_payment_state_from_facts(self, facts):
        state = super()._salon_payment_state_from_facts(facts)
        if state == "unpaid" and self.salon_state == HOLD_STATE:
            # the time is held for the deposit asked by link or online
            return "deposit_pending"
        money_in = [f for f in facts if f.kind in ("payment", "deposit", "fee")]
        if (
            state == "partial"
            and money_in
            and all(fact.kind == "deposit" for fact in money_in)
        ):
            return "deposit"
        return state

    # ------------------------------------------------------------------
    # Checkout: the deposit is deducted from what the client owes
    # ------------------------------------------------------------------

    def _salon_deposits_to_apply(self, coverages):
        """``[(deposit, amount)]`` deducted at checkout: what was paid and is
        still available, never more than the services cost once covered."""
        self.ensure_one()
        due = self.salon_amount_total - sum(
            coverage.amount for coverage in coverages.values() if coverage
        )
        result = []
        for deposit in self.salon_deposit_ids.filtered(
            lambda d: d.state == "paid" and d.amount_available
        ).sorted("id"):
            amount = min(deposit.amount_available, due)
            if self.salon_currency_id.compare_amounts(amount, 0) <= 0:
                break
            result.append((deposit, amount))
            due -= amount
        return result

    def _salon_prepare_pos_extra_lines(self, coverages):
        lines = super()._salon_prepare_pos_extra_lines(coverages)
        product = self.salon_company_id.salon_deposit_product_id
        for deposit, amount in self._salon_deposits_to_apply(coverages):
            lines.append(
                {
                    "product_id": product.id,
                    "qty": 1,
                    "price_unit": -amount,
                    "discount": 0.0,
                    "salon_appointment_line_id": False,
                    "customer_note": self.env._(
                        "Deposit %(deposit)s", deposit=deposit.name
                    ),
                }
            )
        return lines

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["salon_can_take_deposit"]

    def salon_pos_deposit_values(self):
        """The order the desk makes to collect the deposit the policy asks
        (Point of Sale, "Deposit" on an appointment): one line of the deposit
        product; paid, it becomes the appointment's deposit."""
        self.ensure_one()
        self.check_access("write")
        amount = self._salon_deposit_left_to_ask()
        if not self.salon_can_take_deposit:
            raise UserError(
                self.env._(
                    "No deposit is to be taken for %(appointment)s.",
                    appointment=self.salon_reference,
                )
            )
        return {
            "appointment_id": self.id,
            "partner_id": self.salon_partner_id.id,
            "lines": [
                {
                    "product_id": self.salon_company_id._salon_deposit_product().id,
                    "qty": 1,
                    "price_unit": amount,
                    "discount": 0.0,
                    "salon_appointment_line_id": False,
                    "customer_note": self.env._(
                        "Deposit for %(appointment)s on %(date)s",
                        appointment=self.salon_reference,
                        date=self._salon_format_start("medium"),
                    ),
                }
            ],
            "notes": [],
        }

    def _salon_prepare_invoice_extra_lines(self, coverages):
        lines = super()._salon_prepare_invoice_extra_lines(coverages)
        for deposit, amount in self._salon_deposits_to_apply(coverages):
            lines.append(deposit._salon_prepare_deduction_line_vals(amount))
        return lines

    # ------------------------------------------------------------------
    # Cancelled in time: the deposit goes back; pending ones are dropped
    # ------------------------------------------------------------------

    def _salon_cancelled_in_time(self):
        """Whether the appointment was cancelled before its deadline."""
        self.ensure_one()
        deadline = self.start - timedelta(hours=self.salon_cancel_deadline_hours)
        return fields.Datetime.now() <= deadline

    def _salon_on_state_changed(self, old_states):
        result = super()._salon_on_state_changed(old_states)
        cancelled = self.filtered(
            lambda e: (
                e.salon_state == "cancelled"
                and old_states.get(e.id) != "cancelled"
                and e.salon_deposit_ids
            )
        )
        for event in cancelled:
            event.salon_deposit_ids.filtered(
                lambda d: d.state == "pending"
            )._salon_cancel_pending()
            if event._salon_cancelled_in_time():
                event.salon_deposit_ids.filtered(
                    lambda d: d.state == "paid" and d.amount_available
                ).action_refund()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_salon_confirm_with_payment(self):
        """Take a deposit and confirm: the wizard asks how."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confirm with Payment"),
            "res_model": "salon.deposit.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_appointment_id": self.id},
        }

    def action_salon_view_deposits(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "salon_deposits.salon_deposit_action"
        )
        action["domain"] = [("appointment_id", "=", self.id)]
        action["context"] = {"create": False}
        if len(self.salon_deposit_ids) == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = self.salon_deposit_ids.id
        return action

    def action_salon_retain_deposit(self):
        self.salon_deposit_ids.filtered(
            lambda d: d._salon_is_to_settle()
        ).action_retain()
        return True

    def action_salon_refund_deposit(self):
        self.salon_deposit_ids.filtered(
            lambda d: d._salon_is_to_settle()
        ).action_refund()
        return True

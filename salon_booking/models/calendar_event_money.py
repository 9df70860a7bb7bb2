# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Appointments and money: prices with taxes, payment facts, coverage, invoices."""

from dataclasses import dataclass
from typing import Any

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from .salon_coverage import CoverageRequest

# kinds of payment facts: money received, money given back, prepaid coverage
MONEY_IN = ("payment", "deposit", "fee")
MONEY_OUT = ("refund",)
COVERED = ("covered",)
PAID_POS_STATES = ("paid", "done", "invoiced")


@dataclass(frozen=True)
class PaymentFact:
    """One movement of money (or prepaid coverage) for an appointment.

    ``source`` is the document the money moved with: the journal entry of a
    payment when there is one (so that a payment reconciled with the invoice
    and reported by an addon is the same fact), a POS order, an appointment
    line for the coverage used. Facts are counted once per source.
    """

    source: Any
    kind: str  # payment, deposit, fee, refund or covered
    amount: float  # positive, in the salon's currency
    label: str = ""

    @property
    def key(self):
        return self.source._name, self.source.id


def unique_facts(facts):
    """``facts`` counted once per source: the last fact of a source wins."""
    return list({fact.key: fact for fact in facts}.values())


# calendar.event is extended by concern (appointment, money, POS, client) in
# files of their own: one class would hold them all in one very long file
class CalendarEvent(models.Model):
    _inherit = "calendar.event"  # pylint: disable=consider-merging-classes-inherited

    salon_amount_untaxed = fields.Monetary(
        string="Untaxed Amount",
        compute="_compute_salon_amounts",
        store=True,
        currency_field="salon_currency_id",
    )
    salon_amount_tax = fields.Monetary(
        string="Taxes",
        compute="_compute_salon_amounts",
        store=True,
        currency_field="salon_currency_id",
    )
    salon_amount_total = fields.Monetary(
        string="Total",
        compute="_compute_salon_amounts",
        store=True,
        currency_field="salon_currency_id",
        help="Price of the services, taxes included.",
    )
    salon_amount_covered = fields.Monetary(
        string="Prepaid",
        compute="_compute_salon_amounts",
        store=True,
        currency_field="salon_currency_id",
        help="Part of the price paid by the client's prepaid rights (packages, "
        "membership credit).",
    )
    salon_payment_state = fields.Selection(
        [
            ("not_due", "Nothing Due"),
            ("unpaid", "Unpaid"),
            ("partial", "Partially Paid"),
            ("paid", "Paid"),
            ("partial_refund", "Partially Refunded"),
            ("refunded", "Refunded"),
        ],
        string="Payment Status",
        compute="_compute_salon_payment_state",
        store=True,
        index=True,
    )
    salon_payment_state_label = fields.Char(
        string="Payment Status Label", compute="_compute_salon_payment_state_label"
    )
    salon_amount_paid = fields.Monetary(
        string="Amount Paid",
        compute="_compute_salon_payment_state",
        store=True,
        currency_field="salon_currency_id",
        help="Money received, less money given back.",
    )
    salon_amount_refunded = fields.Monetary(
        string="Amount Refunded",
        compute="_compute_salon_payment_state",
        store=True,
        currency_field="salon_currency_id",
    )
    salon_amount_due = fields.Monetary(
        string="Amount Due",
        compute="_compute_salon_payment_state",
        store=True,
        currency_field="salon_currency_id",
    )
    salon_invoice_ids = fields.Many2many(
        "account.move",
        "salon_appointment_invoice_rel",
        "event_id",
        "move_id",
        string="Invoices",
        copy=False,
        readonly=True,
    )
    salon_pos_order_ids = fields.One2many(
        "pos.order", "salon_appointment_id", string="POS Orders", readonly=True
    )

    # ------------------------------------------------------------------
    # Prices
    # ------------------------------------------------------------------

    @api.depends(
        "salon_line_ids.price_subtotal",
        "salon_line_ids.price_total",
        "salon_line_ids.coverage_amount",
    )
    def _compute_salon_amounts(self):
        for event in self:
            lines = event.salon_line_ids
            event.salon_amount_untaxed = sum(lines.mapped("price_subtotal"))
            event.salon_amount_total = sum(lines.mapped("price_total"))
            event.salon_amount_tax = (
                event.salon_amount_total - event.salon_amount_untaxed
            )
            event.salon_amount_covered = sum(lines.mapped("coverage_amount"))

    # ------------------------------------------------------------------
    # Payment facts and status
    # ------------------------------------------------------------------

    @api.depends("salon_payment_state")
    def _compute_salon_payment_state_label(self):
        labels = dict(
            self._fields["salon_payment_state"]._description_selection(self.env)
        )
        for event in self:
            event.salon_payment_state_label = labels.get(event.salon_payment_state, "")

    @api.depends(
        "salon_state",
        "salon_amount_total",
        "salon_amount_covered",
        "salon_invoice_ids.state",
        "salon_invoice_ids.amount_residual",
        "salon_pos_order_ids.state",
        "salon_pos_order_ids.amount_paid",
    )
    def _compute_salon_payment_state(self):
        all_facts = self._salon_get_payment_facts()
        for event in self:
            facts = unique_facts(all_facts.get(event.id, []))
            received = sum(f.amount for f in facts if f.kind in MONEY_IN)
            refunded = sum(f.amount for f in facts if f.kind in MONEY_OUT)
            event.salon_amount_paid = received - refunded
            event.salon_amount_refunded = refunded
            event.salon_payment_state = (
                event.salon_is_appointment
                and event._salon_payment_state_from_facts(facts)
            )
            event.salon_amount_due = (
                event.salon_is_appointment and event._salon_get_amount_due(facts)
            )

    def _salon_get_payment_facts(self):
        """Every movement of money for each appointment, as payment facts.

        Here: payments reconciled with its invoices, refunds reconciled with
        its credit notes, its paid POS orders and refund orders, and the
        prepaid coverage of the services of a done appointment. Addons add
        theirs (deposits, fees, card charges): extend the lists (call super).
        A fact whose source is already there replaces it (counted once).

        :return: ``{appointment id: [PaymentFact]}``
        """
        result = {event.id: [] for event in self}
        for event in self.filtered("salon_is_appointment"):
            facts = result[event.id]
            for move in event.salon_invoice_ids.filtered(lambda m: m.state == "posted"):
                facts += event._salon_invoice_facts(move)
            for order in event.salon_pos_order_ids.filtered(
                lambda o: o.state in PAID_POS_STATES
            ):
                kind = "refund" if order.amount_paid < 0 else "payment"
                facts.append(
                    PaymentFact(order, kind, abs(order.amount_paid), order.name)
                )
            if event.salon_state == "done":
                facts += [
                    PaymentFact(
                        line, "covered", line.coverage_amount, line.coverage_label
                    )
                    for line in event.salon_line_ids
                    if line.coverage_amount
                ]
        return result

    def _salon_invoice_facts(self, move):
        """Money moved for the invoice or credit note ``move``.

        A credit note reconciled with its invoice moves no money: an invoice
        reversed without payment is not paid.
        """
        kind = "refund" if move.move_type == "out_refund" else "payment"
        facts = []
        for partial in move._get_all_reconciled_invoice_partials():
            counterpart = partial["aml"].move_id
            if partial["is_exchange"] or counterpart.is_invoice(include_receipts=True):
                continue
            facts.append(PaymentFact(counterpart, kind, partial["amount"], move.name))
        return facts

    def _salon_payment_state_from_facts(self, facts):
        """Payment status from the appointment's facts (counted once).

        Extension point (e.g. "deposit paid", "card on file").

        :return: a key of the ``salon_payment_state`` selection
        """
        self.ensure_one()
        currency = self.salon_currency_id or self.env.company.currency_id
        received = sum(f.amount for f in facts if f.kind in MONEY_IN)
        refunded = sum(f.amount for f in facts if f.kind in MONEY_OUT)
        covered = sum(f.amount for f in facts if f.kind in COVERED)
        settled = received - refunded + covered
        if currency.compare_amounts(refunded, 0) > 0:
            if currency.compare_amounts(received - refunded, 0) <= 0:
                return "refunded"
            return "partial_refund"
        if self.salon_state in self._salon_get_free_states():
            return "paid" if currency.compare_amounts(received, 0) > 0 else "not_due"
        if currency.compare_amounts(settled, self.salon_amount_total) >= 0 and (
            currency.compare_amounts(settled, 0) > 0 or self.salon_state == "done"
        ):
            return "paid"
        if currency.compare_amounts(settled, 0) > 0:
            return "partial"
        return "unpaid"

    def _salon_get_amount_due(self, facts=None):
        """What the client still owes: the total, less the prepaid coverage
        and the money already received (nothing for a missed or cancelled
        appointment, unless an addon charges a fee)."""
        self.ensure_one()
        if facts is None:
            facts = unique_facts(self._salon_get_payment_facts()[self.id])
        if self.salon_state in self._salon_get_free_states():
            return 0.0
        received = sum(f.amount for f in facts if f.kind in MONEY_IN)
        refunded = sum(f.amount for f in facts if f.kind in MONEY_OUT)
        currency = self.salon_currency_id or self.env.company.currency_id
        due = self.salon_amount_total - self.salon_amount_covered
        return max(currency.round(due - received + refunded), 0.0)

    def _salon_has_money(self):
        """Whether money or a sale document is attached to the appointment."""
        self.ensure_one()
        return bool(
            self.salon_invoice_ids
            or self.salon_pos_order_ids
            or self._salon_get_payment_facts()[self.id]
        )

    # ------------------------------------------------------------------
    # Coverage by prepaid rights
    # ------------------------------------------------------------------

    def _salon_coverage_requests(self, lines=None):
        self.ensure_one()
        return [
            CoverageRequest(
                line.id, line.product_id, line.price_total, line.start or self.start
            )
            for line in (lines if lines is not None else self._salon_sorted_lines())
        ]

    def _salon_get_line_coverages(self, recompute=False):
        """What covers each service line: the coverage promised to it when it
        was booked, else what the client's prepaid rights cover now.

        :param recompute: ignore what was promised and decide again (e.g.
            after the services changed); the lines' own promises then do not
            count as reserved
        :return: ``{salon.appointment.line id: Coverage or None}``
        """
        result = {}
        SalonCoverage = self.env["salon.coverage"]
        for event in self:
            open_lines = self.env["salon.appointment.line"]
            for line in event._salon_sorted_lines():
                stored = not recompute and line._salon_get_stored_coverage()
                if stored:
                    result[line.id] = stored
                else:
                    open_lines |= line
            result.update(
                SalonCoverage._salon_compute(
                    event.salon_partner_id,
                    event._salon_coverage_requests(open_lines),
                    event.salon_company_id,
                    exclude=open_lines,
                )
            )
        return result

    def _salon_promise_coverage(self, coverages):
        """Store on the lines what covers them, so the promise survives until
        checkout.

        :param coverages: ``{line id: Coverage or None}``
        """
        Line = self.env["salon.appointment.line"]
        for line in self.salon_line_ids.filtered(lambda line: line.id in coverages):
            line.write(Line._salon_prepare_coverage_vals(coverages[line.id]))

    # ------------------------------------------------------------------
    # Charging: one sale per appointment
    # ------------------------------------------------------------------

    def _salon_get_sales(self):
        """POS orders and invoices that charged the services and are not
        refunded or reversed."""
        self.ensure_one()

        def not_refunded(line):
            refunds = line.refund_orderline_ids.filtered(
                lambda refund: refund.order_id.state in PAID_POS_STATES
            )
            return line.qty + sum(refunds.mapped("qty")) > 0

        orders = self.salon_pos_order_ids.filtered(
            lambda o: (
                o.state in PAID_POS_STATES
                and not o.refunded_order_id
                and any(
                    not_refunded(line)
                    for line in o.lines
                    if line.salon_appointment_line_id
                )
            )
        )
        invoices = self.salon_invoice_ids.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state != "cancel"
                and m.payment_state != "reversed"
            )
        )
        return orders, invoices

    def _salon_get_sale_names(self, ignore=None):
        """Names of the sales of :meth:`_salon_get_sales`, but ``ignore``."""
        orders, invoices = self._salon_get_sales()
        if ignore:
            orders -= ignore
        return orders.mapped("name") + invoices.mapped("display_name")

    def _salon_get_checkout_blockers(self, ignore=None):
        """Why the appointment cannot be checked out or invoiced now.

        :param ignore: a sale document being processed (not a second sale)
        :return: list of translated reasons; empty when it can be charged
        """
        self.ensure_one()
        reasons = []
        if self.salon_state not in self._salon_get_checkout_states() | {"done"}:
            labels = dict(self._fields["salon_state"]._description_selection(self.env))
            reasons.append(
                self.env._(
                    "%(appointment)s has the status %(state)s.",
                    appointment=self.salon_reference,
                    state=labels.get(self.salon_state, self.salon_state),
                )
            )
        documents = self._salon_get_sale_names(ignore=ignore)
        if documents:
            reasons.append(
                self.env._(
                    "%(appointment)s was already charged (%(documents)s): refund it "
                    "first to charge it again.",
                    appointment=self.salon_reference,
                    documents=", ".join(documents),
                )
            )
        return reasons

    def _salon_check_can_checkout(self):
        for event in self:
            reasons = event._salon_get_checkout_blockers()
            if reasons:
                raise UserError("\n".join(reasons))

    # ------------------------------------------------------------------
    # Invoices
    # ------------------------------------------------------------------

    def action_salon_create_invoice(self):
        """Invoice the services of the appointment to the client."""
        self.ensure_one()
        invoice = self._salon_create_invoice()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": invoice.id,
            "views": [(False, "form")],
        }

    def _salon_create_invoice(self):
        """The appointment's invoice (draft), made from the server's lines
        once the checkout is allowed, linked to the appointment.

        Extension point for actions that invoice and go on (charge a card on
        file, email the invoice, register a payment).

        :return: the ``account.move``
        """
        self.ensure_one()
        self._salon_check_can_checkout()
        coverages = self._salon_get_line_coverages()
        self._salon_promise_coverage(coverages)
        invoice = (
            self.env["account.move"]
            .with_company(self.salon_company_id)
            .create(self._salon_prepare_invoice_vals(coverages))
        )
        self.salon_invoice_ids = [Command.link(invoice.id)]
        return invoice

    def _salon_prepare_invoice_vals(self, coverages):
        self.ensure_one()
        lines = [
            self._salon_prepare_invoice_line_vals(line, coverages.get(line.id))
            for line in self._salon_sorted_lines()
        ] + self._salon_prepare_invoice_extra_lines(coverages)
        return {
            "move_type": "out_invoice",
            "partner_id": self.salon_partner_id.id,
            "company_id": self.salon_company_id.id,
            "currency_id": self.salon_currency_id.id,
            "invoice_origin": self.salon_reference,
            "invoice_line_ids": [Command.create(vals) for vals in lines],
        }

    def _salon_prepare_invoice_line_vals(self, line, coverage):
        """Invoice line of a service; a prepaid coverage is a discount."""
        return {
            "product_id": line.product_id.id,
            "name": line.name,
            "quantity": 1,
            "price_unit": line.price_unit,
            "tax_ids": [Command.set(line.tax_ids.ids)],
            "discount": self._salon_coverage_discount(line, coverage),
        }

    def _salon_prepare_invoice_extra_lines(self, coverages):
        """More invoice lines (e.g. a deposit deduction); none here.

        :return: list of invoice line values
        """
        return []

    @api.model
    def _salon_coverage_discount(self, line, coverage):
        """The discount (%) that makes a covered line cost what is not covered."""
        if not coverage or not line.price_total:
            return 0.0
        return min(100.0, 100.0 * coverage.amount / line.price_total)

    def action_salon_view_invoices(self):
        self.ensure_one()
        return self._salon_records_action(
            "account.action_move_out_invoice_type", self.salon_invoice_ids
        )

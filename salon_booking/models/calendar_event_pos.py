# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Appointments at the Point of Sale: what a session loads, checkout lines."""

from datetime import datetime

from odoo import api, fields, models
from odoo.osv import expression

from .availability import local_day_bounds
from .salon_availability import to_naive_utc


# calendar.event is extended by concern (appointment, money, POS, client) in
# files of their own: one class would hold them all in one very long file
class CalendarEvent(models.Model):
    _name = "calendar.event"
    _inherit = ["calendar.event", "pos.load.mixin"]  # pylint: disable=consider-merging-classes-inherited

    salon_can_checkout = fields.Boolean(compute="_compute_salon_can_checkout")

    @api.depends("salon_state", "salon_payment_state")
    def _compute_salon_can_checkout(self):
        states = self._salon_get_checkout_states()
        for event in self:
            event.salon_can_checkout = (
                event.salon_state in states and event.salon_payment_state != "paid"
            )

    # ------------------------------------------------------------------
    # Loading
    # ------------------------------------------------------------------

    @api.model
    def _salon_pos_domain(self, session):
        """Appointments a POS session needs: its salon's of the day, and those
        its orders checked out (found first, by the orders' index)."""
        company = session.config_id.company_id
        checked_out = (
            self.env["pos.order"]
            .search_fetch(
                [
                    ("session_id", "=", session.id),
                    ("salon_appointment_id", "!=", False),
                ],
                ["salon_appointment_id"],
            )
            .salon_appointment_id
        )
        day_start, day_stop = self._salon_today_bounds(company)
        return expression.AND(
            [
                [
                    ("salon_is_appointment", "=", True),
                    ("salon_company_id", "=", company.id),
                ],
                expression.OR(
                    [
                        [("start", ">=", day_start), ("start", "<", day_stop)],
                        [("id", "in", checked_out.ids)],
                    ]
                ),
            ]
        )

    @api.model
    def _salon_today_bounds(self, company):
        """Naive UTC bounds of today in the salon's timezone."""
        tz = company._salon_get_tz()
        start, stop = local_day_bounds(tz, datetime.now(tz).date())
        return to_naive_utc(start), to_naive_utc(stop)

    @api.model
    def _load_pos_data_domain(self, data):
        session = self.env["pos.session"].browse(data["pos.session"]["data"][0]["id"])
        return self._salon_pos_domain(session)

    @api.model
    def _load_pos_data_fields(self, config_id):
        """What the desk's list of appointments shows and acts on, nothing
        more: every field is sent for each appointment of the day, at each
        start of the POS. Names and labels rather than relations (the POS
        would fetch the clients and stylists it did not load), the client's
        name rather than the event's (the same); amounts and order lines come
        from the server at checkout; no ``write_date`` (the POS syncs only its
        orders by it). Addons add what their POS code reads (call super)."""
        return [
            "id",
            "salon_reference",
            "start",
            "salon_partner_name",
            "salon_employee_name",
            "salon_service_summary",
            "salon_line_ids",
            "salon_state_label",
            "salon_color",
            "salon_can_check_in",
            "salon_can_no_show",
            "salon_can_checkout",
            "salon_payment_state",
            "salon_payment_state_label",
        ]

    def action_salon_view_pos_orders(self):
        self.ensure_one()
        return self._salon_records_action(
            "point_of_sale.action_pos_pos_form", self.salon_pos_order_ids
        )

    # ------------------------------------------------------------------
    # Checkout: the order lines come from the server
    # ------------------------------------------------------------------

    def salon_pos_checkout_values(self):
        """What the POS puts in the order to check the appointment out.

        Refused (with the reason) when the appointment cannot be charged, e.g.
        already paid by another order or invoiced.

        :return: dict with ``partner_id``, ``lines`` (values of order lines:
            ``product_id``, ``qty``, ``price_unit``, ``discount``,
            ``salon_appointment_line_id``, ``customer_note``) and ``notes``
        """
        self.ensure_one()
        self.check_access("read")
        self._salon_check_can_checkout()
        coverages = self._salon_get_line_coverages()
        lines = [
            self._salon_prepare_pos_line_vals(line, coverages.get(line.id))
            for line in self._salon_sorted_lines()
        ] + self._salon_prepare_pos_extra_lines(coverages)
        return {
            "appointment_id": self.id,
            "partner_id": self.salon_partner_id.id,
            "lines": lines,
            "notes": [],
        }

    def _salon_prepare_pos_line_vals(self, line, coverage):
        """Order line of a service; a prepaid coverage is a discount.

        Extension point: addons change the price (e.g. 0 with the package as
        the reason) or add fields their POS code reads.
        """
        return {
            "product_id": line.product_id.id,
            "qty": 1,
            "price_unit": line.price_unit,
            "discount": self._salon_coverage_discount(line, coverage),
            "salon_appointment_line_id": line.id,
            "customer_note": coverage.label if coverage else "",
        }

    def _salon_prepare_pos_extra_lines(self, coverages):
        """More order lines (e.g. a deposit deduction); none here.

        :return: list of order line values, as :meth:`_salon_prepare_pos_line_vals`
        """
        return []

    def _salon_pos_checkout(self, order):
        """The appointment was checked out by a paid POS order: it is done.

        Idempotent: an order synced again changes nothing more.
        """
        self.ensure_one()
        if self.salon_state in self._salon_get_checkout_states() - {"checked_in"}:
            if "checked_in" in self._salon_get_transitions().get(self.salon_state, ()):
                self._salon_change_state("checked_in")
        if self.salon_state == "checked_in":
            self._salon_change_state("done")
        lines = order.lines.filtered(lambda line: not line.salon_appointment_line_id)
        for appointment_line in (
            self.salon_line_ids - order.lines.salon_appointment_line_id
        ):
            line = lines.filtered(
                lambda pos_line, al=appointment_line: (
                    pos_line.product_id == al.product_id
                )
            )[:1]
            line.salon_appointment_line_id = appointment_line
            lines -= line
        self._salon_promise_pos_coverage(order)

    def _salon_promise_pos_coverage(self, order):
        """Keep on the lines the coverage the order applied (its discount)."""
        discounted = order.lines.filtered(
            lambda line: line.salon_appointment_line_id and line.discount
        )
        if not discounted:
            return
        coverages = self._salon_get_line_coverages()
        promised = {}
        for pos_line in discounted:
            appointment_line = pos_line.salon_appointment_line_id
            coverage = coverages.get(appointment_line.id)
            if coverage and not appointment_line.coverage_model:
                promised[appointment_line.id] = coverage
        self._salon_promise_coverage(promised)

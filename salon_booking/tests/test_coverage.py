# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from .common import SalonCommon, coverage_providers, utc


@tagged("post_install", "-at_install")
class TestCoverage(SalonCommon):
    """The coverage seam, with providers written as the money addons write them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # stand-ins for a package and a membership card of the client
        cls.package = cls.env["salon.service.menu"].create({"name": "Cut package"})
        cls.credit = cls.env["salon.service.menu"].create({"name": "Membership"})
        cls.Booking = cls.env["salon.online.booking"]

    def _coverages(self, appointment):
        """``[(record, amount, label)]`` of the appointment's lines, in order."""
        coverages = appointment._salon_get_line_coverages()
        return [
            coverages[line.id]
            and (coverages[line.id].record, coverages[line.id].amount)
            for line in appointment._salon_sorted_lines()
        ]

    def test_nothing_covered_without_provider(self):
        appointment = self._book(utc(0, 9), self.cut | self.blowdry)
        self.assertEqual(self._coverages(appointment), [None, None])
        coverages = self.Booking._salon_get_coverages(
            self.company, self.client, self.cut | self.blowdry, utc(0, 9)
        )
        self.assertEqual(coverages, {0: None, 1: None})

    def test_priority_decides_and_partial_amounts(self):
        appointment = self._book(utc(0, 9), self.cut | self.blowdry)
        with coverage_providers(self, sessions=1, credit=10.0):
            self.assertEqual(
                self._coverages(appointment),
                [
                    (self.package, 36.3),  # the package first (priority 10)
                    (self.credit, 10.0),  # the credit covers part of 24.20
                ],
            )

    def test_last_session_promised_once(self):
        # two cuts in one appointment, one session left: one line only
        appointment = self._book(
            utc(0, 9),
            self.cut,
            salon_line_ids=[
                Command.create({"product_id": self.cut.id, "sequence": 1}),
                Command.create({"product_id": self.cut.id, "sequence": 2}),
            ],
        )
        with coverage_providers(self, sessions=1, credit=0.0):
            self.assertEqual(self._coverages(appointment), [(self.package, 36.3), None])
            # booked as included, the session is reserved for its line
            appointment._salon_promise_coverage(appointment._salon_get_line_coverages())
            self.assertEqual(self._coverages(appointment), [(self.package, 36.3), None])
            other = self._book(utc(1, 9), self.cut)
            self.assertEqual(self._coverages(other), [None])
            # moved, it keeps it; decided again, its own promise does not stop it
            appointment.start = utc(2, 9)
            self.assertEqual(self._coverages(appointment), [(self.package, 36.3), None])
            coverages = appointment._salon_get_line_coverages(recompute=True)
            self.assertEqual(
                [
                    coverages[line.id] and coverages[line.id].record
                    for line in appointment._salon_sorted_lines()
                ],
                [self.package, None],
            )
            # cancelled, it gives the session back
            appointment.action_salon_cancel()
            self.assertEqual(self._coverages(other), [(self.package, 36.3)])

    @freeze_time("2026-03-02 10:00:00")
    def test_online_booking_keeps_the_promise(self):
        with coverage_providers(self, sessions=1, credit=10.0):
            appointment, _url = self.Booking._salon_confirm(
                self.company,
                self.cut | self.blowdry,
                self.julie,
                utc(0, 9),
                self.client,
                {},
                {"declined_coverage": {1}},  # pays the blow-dry at the salon
            )
        cut_line, blowdry_line = appointment._salon_sorted_lines()
        self.assertEqual(
            (cut_line.coverage_model, cut_line.coverage_res_id),
            ("salon.service.menu", self.package.id),
        )
        self.assertEqual(cut_line.coverage_label, "Included in your package")
        self.assertFalse(blowdry_line.coverage_model)
        self.assertEqual(appointment.salon_amount_covered, 36.3)
        self.assertEqual(appointment.salon_amount_due, 24.2)
        # the promise holds without the provider (until checkout)
        self.assertEqual(self._coverages(appointment), [(self.package, 36.3), None])
        # checked out, the covered part counts as settled
        appointment.action_salon_check_in()
        appointment.action_salon_done()
        self.assertEqual(appointment.salon_payment_state, "partial")

    def test_checkout_and_invoice_use_the_coverage(self):
        appointment = self._book(utc(0, 9), self.cut | self.blowdry)
        with coverage_providers(self, sessions=1, credit=0.0):
            values = appointment.salon_pos_checkout_values()
            appointment.action_salon_create_invoice()
        cut_values, blowdry_values = values["lines"]
        self.assertEqual(cut_values["discount"], 100.0)
        self.assertEqual(cut_values["customer_note"], "Included in your package")
        self.assertEqual(blowdry_values["discount"], 0.0)
        invoice = appointment.salon_invoice_ids
        self.assertEqual(invoice.amount_total, 24.2, "only the blow-dry is charged")
        self.assertEqual(invoice.invoice_line_ids.mapped("discount"), [100.0, 0.0])
        # invoicing promised the session to this appointment
        self.assertEqual(appointment.salon_amount_covered, 36.3)

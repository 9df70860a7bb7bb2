# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.salon_booking.tests.common import coverage_providers, utc

from .common import SalonDepositCommon


@tagged("post_install", "-at_install")
class TestDepositPolicy(SalonDepositCommon):
    def test_percentage_of_the_services_taxes_included(self):
        # cut 30 + colour 60, 21 % VAT: 108.90; 30 % of it
        appointment = self._book(utc(0, 9), self.color | self.cut)
        self.assertTrue(appointment.salon_deposit_policy_active)
        self.assertEqual(appointment.salon_deposit_amount, 32.67)

    def test_service_overrides(self):
        self.cut.write({"salon_deposit_policy": "fixed", "salon_deposit_value": 10.0})
        self.color.write({"salon_deposit_policy": "percent", "salon_deposit_value": 50})
        self.blowdry.salon_deposit_policy = "none"
        appointment = self._book(utc(0, 9), self.color | self.cut | self.blowdry)
        # colour 72.60 at 50 % + cut fixed 10 + blow-dry nothing
        self.assertEqual(appointment.salon_deposit_amount, 46.30)

    def test_never_above_the_total(self):
        self.cut.write({"salon_deposit_policy": "fixed", "salon_deposit_value": 500})
        appointment = self._book(utc(0, 9), self.cut)
        self.assertEqual(appointment.salon_deposit_amount, 36.30)

    def test_override_values_checked(self):
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.cut.write(
                {"salon_deposit_policy": "percent", "salon_deposit_value": 120}
            )
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.cut.write({"salon_deposit_policy": "fixed", "salon_deposit_value": -5})

    def test_rounded_by_the_currency(self):
        self.company.salon_deposit_percent = 33.33
        appointment = self._book(utc(0, 9), self.cut)  # 36.30 * 33.33 %
        self.assertEqual(appointment.salon_deposit_amount, 12.10)

    def test_disabled_asks_nothing(self):
        self.company.salon_deposit_enabled = False
        appointment = self._book(utc(0, 9), self.cut)
        self.assertFalse(appointment.salon_deposit_policy_active)
        self.assertEqual(appointment.salon_deposit_amount, 0.0)

    def test_new_clients_only(self):
        self.company.salon_deposit_new_clients = True
        first = self._book(utc(0, 9), self.cut)
        self.assertEqual(first.salon_deposit_amount, 10.89)
        first.action_salon_check_in()
        first.action_salon_done()
        # a client who came once is no longer new
        second = self._book(utc(1, 9), self.cut)
        self.assertFalse(second.salon_deposit_client_match)
        self.assertEqual(second.salon_deposit_amount, 0.0)

    def test_clients_with_no_shows(self):
        self.company.salon_deposit_min_no_shows = 2
        for day in (0, 1):
            self._book(utc(day, 9), self.cut).action_salon_no_show()
            appointment = self._book(utc(day, 14), self.cut)
            self.assertEqual(
                appointment.salon_deposit_amount, 10.89 if day else 0.0, day
            )
        self.assertEqual(
            self._book(
                utc(2, 9), self.cut, client=self.other_client
            ).salon_deposit_amount,
            0.0,
        )

    def test_appointments_above_an_amount(self):
        self.company.salon_deposit_min_amount = 100.0
        self.assertEqual(self._book(utc(0, 9), self.cut).salon_deposit_amount, 0.0)
        self.assertEqual(
            self._book(utc(1, 9), self.color | self.cut).salon_deposit_amount, 32.67
        )

    def test_rules_combine_as_either(self):
        self.company.write(
            {"salon_deposit_new_clients": True, "salon_deposit_min_amount": 100.0}
        )
        visit = self._book(utc(0, 9), self.cut)
        visit.action_salon_check_in()
        visit.action_salon_done()
        # no longer new, but a large appointment still asks one
        self.assertEqual(self._book(utc(1, 9), self.cut).salon_deposit_amount, 0.0)
        self.assertEqual(
            self._book(utc(2, 9), self.color | self.cut).salon_deposit_amount, 32.67
        )

    def test_covered_services_ask_no_deposit(self):
        self.package = self.env["res.partner"].create({"name": "Package stand-in"})
        self.credit = self.env["res.partner"].create({"name": "Credit stand-in"})
        with coverage_providers(self, sessions=1, credit=0.0):
            appointment = self._book(utc(0, 9), self.color | self.cut)
            # the cut is in the package: only the colour asks a deposit
            self.assertEqual(appointment.salon_deposit_amount, 21.78)
            only_cut = self._book(utc(1, 9), self.cut, client=self.other_client)
            self.assertEqual(only_cut.salon_deposit_amount, 0.0)

    def test_terms_stored_when_booked(self):
        appointment = self._book(utc(0, 9), self.cut)
        self.company.write(
            {
                "salon_deposit_percent": 50.0,
                "salon_deposit_no_show_action": "refund",
                "salon_cancel_deadline_hours": 48,
            }
        )
        appointment.salon_line_ids = [Command.create({"product_id": self.blowdry.id})]
        # the services changed, not the terms: 30 % of 36.30 + 24.20
        self.assertEqual(appointment.salon_deposit_amount, 18.15)
        self.assertEqual(appointment.salon_deposit_no_show_action, "retain")
        self.assertEqual(appointment.salon_cancel_deadline_hours, 24)
        self.assertEqual(self._book(utc(1, 9), self.cut).salon_deposit_amount, 18.15)

    def test_terms_written_by_staff_only(self):
        appointment = self._book(utc(0, 9), self.cut)
        employee = new_test_user(
            self.env, login="deposit_accountant", groups="base.group_user"
        )
        with self.assertRaisesRegex(AccessError, "Only the salon's staff"):
            appointment.with_user(employee).write({"salon_deposit_percent": 0.0})
        self.assertEqual(appointment.salon_deposit_percent, 30.0)

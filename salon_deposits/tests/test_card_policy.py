# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""When online booking asks a card (seed 002), and the no-show fee it
guarantees."""

from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.salon_booking.tests.common import utc

from .common import SalonDepositCommon


@tagged("post_install", "-at_install")
class TestCardPolicy(SalonDepositCommon):
    def _asked(self, partner=None, products=None, hours_ahead=24 * 7):
        products = products or self.cut
        prices = products._salon_get_price_total(self.company)
        services = [(product, prices[product.id], 0.0) for product in products]
        now = fields.Datetime.now()
        return self.company._salon_card_asked(
            partner if partner is not None else self.client,
            services,
            now + timedelta(hours=hours_ahead),
            now=now,
        )

    def test_modes(self):
        self.assertEqual(self.company.salon_card_mode, "none")
        self.assertEqual(self._asked(), "none")
        self.company.salon_card_mode = "optional"
        self.assertEqual(self._asked(), "optional")
        # "required when the rules apply", and no rule set: always
        self.company.salon_card_mode = "required"
        self.assertEqual(self._asked(), "required")

    def test_services_can_always_or_never_ask(self):
        self.company.salon_card_mode = "optional"
        self.color.salon_card_policy = "required"
        self.assertEqual(self._asked(products=self.cut | self.color), "required")
        self.cut.salon_card_policy = "none"
        self.assertEqual(self._asked(products=self.cut), "none")
        # a salon that asks no card asks none for any service
        self.company.salon_card_mode = "none"
        self.assertEqual(self._asked(products=self.color), "none")

    def test_new_clients(self):
        self.company.write(
            {"salon_card_mode": "required", "salon_card_new_clients": True}
        )
        self.assertEqual(self._asked(self.env["res.partner"]), "required")
        self.assertEqual(self._asked(), "required")
        visit = self._book(utc(0, 9), self.cut)
        visit.action_salon_check_in()
        visit.action_salon_done()
        self.assertEqual(self._asked(), "none")

    def test_clients_with_no_shows(self):
        self.company.write(
            {"salon_card_mode": "required", "salon_card_min_no_shows": 2}
        )
        self._book(utc(0, 9), self.cut).action_salon_no_show()
        self.assertEqual(self._asked(), "none")
        self._book(utc(1, 9), self.cut).action_salon_no_show()
        self.assertEqual(self._asked(), "required")
        self.assertEqual(self._asked(self.other_client), "none")

    def test_amount_and_late_bookings(self):
        self.company.write(
            {"salon_card_mode": "required", "salon_card_min_amount": 100}
        )
        # a cut is 36.30 taxes included, with a colour 108.90
        self.assertEqual(self._asked(), "none")
        self.assertEqual(self._asked(products=self.cut | self.color), "required")
        self.company.write({"salon_card_min_amount": 0, "salon_card_lead_hours": 24})
        self.assertEqual(self._asked(hours_ahead=23), "required")
        self.assertEqual(self._asked(hours_ahead=25), "none")

    def test_fee(self):
        terms = {"salon_card_fee_type": "percent", "salon_card_fee_value": 50.0}
        self.assertEqual(self.company._salon_card_fee_for(terms, 36.30), 18.15)
        terms = {"salon_card_fee_type": "fixed", "salon_card_fee_value": 50.0}
        # never above what the services cost
        self.assertEqual(self.company._salon_card_fee_for(terms, 36.30), 36.30)
        self.assertEqual(self.company._salon_card_fee_for({}, 36.30), 0.0)
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.company.write(
                {"salon_no_show_fee_type": "percent", "salon_no_show_fee_value": 120}
            )
            self.env.flush_all()

    def test_fee_terms_stored_when_booked(self):
        self.company.write(
            {
                "salon_card_mode": "optional",
                "salon_no_show_fee_type": "fixed",
                "salon_no_show_fee_value": 20.0,
                "salon_fee_charge": "auto",
            }
        )
        appointment = self._book(utc(0, 9), self.cut | self.color)
        self.company.write(
            {"salon_no_show_fee_value": 5.0, "salon_fee_charge": "confirm"}
        )
        self.assertRecordValues(
            appointment,
            [
                {
                    "salon_card_fee_type": "fixed",
                    "salon_card_fee_value": 20.0,
                    "salon_card_fee_charge": "auto",
                    "salon_card_fee_amount": 20.0,
                }
            ],
        )
        # a deposit paid is kept instead of a part of the fee
        self._take_deposit(appointment, amount=15.0)
        self.assertEqual(appointment.salon_card_fee_amount, 5.0)
        # a salon asking no card stores no fee
        self.company.salon_card_mode = "none"
        self.assertFalse(self._book(utc(1, 9), self.cut).salon_card_fee_type)

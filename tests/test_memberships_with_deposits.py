"""Cross-addon: salon_memberships with salon_deposits. A member pays no deposit
for what their credit covers (seed 001: "cela évitera aux détenteurs d'un
abonnement de payer un acompte"); beyond the credit, the deposit is asked."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import utc
from odoo.addons.salon_deposits.tests.common import SalonDepositCommon
from odoo.addons.salon_memberships.tests.common import make_member

START = date(2026, 3, 1)


@tagged("post_install", "-at_install")
class TestMembershipsWaiveDeposits(SalonDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._salon_setup_membership_accounting()
        cls.plan = cls.env["salon.membership.plan"].create(
            {"name": "Monthly Care", "price": 50.0, "credit": 50.0}
        )
        cls.Booking = cls.env["salon.online.booking"]

    def test_covered_services_ask_no_deposit(self):
        # not a member yet: 30 % of the cut (36.30 taxes included)
        appointment = self._book(utc(0, 9), self.cut)
        self.assertAlmostEqual(appointment.salon_deposit_amount, 10.89)
        membership = make_member(self.env, self.client, self.plan, 50.0, START)
        covered = self._book(utc(1, 9), self.cut)
        coverage = covered._salon_get_line_coverages()[covered.salon_line_ids.id]
        self.assertEqual(coverage.record, membership.card_id)
        self.assertEqual(covered.salon_deposit_amount, 0.0)
        covered._salon_promise_coverage(covered._salon_get_line_coverages())
        # 13.70 left after the cut promised: 30 % of the 10.50 of the blow-dry
        # (24.20) not covered
        both = self._book(utc(2, 9), self.blowdry)
        self.assertAlmostEqual(both.salon_deposit_amount, 3.15)

    def test_online_booking_of_a_member_needs_no_deposit(self):
        make_member(self.env, self.client, self.plan, 50.0, START)
        booking = self.Booking._salon_prepare_booking(
            self.company, self.cut, self.julie, utc(0, 9), self.client
        )
        self.assertEqual(booking["lines"][0]["covered"], 36.3)
        self.assertEqual(booking["amount_to_pay"], 0.0)
        self.assertNotEqual(booking["guarantee"].get("kind"), "deposit")

    def test_suspended_member_pays_the_deposit(self):
        membership = make_member(self.env, self.client, self.plan, 50.0, START)
        membership._salon_change_state("dunning")
        membership._salon_change_state("suspended")
        appointment = self._book(utc(0, 9), self.cut)
        self.assertAlmostEqual(appointment.salon_deposit_amount, 10.89)

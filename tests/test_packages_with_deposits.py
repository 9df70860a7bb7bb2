"""Cross-addon: salon_packages with salon_deposits. A package holder pays no
deposit for the services their package covers (seeds 001: "cela évitera aux
détenteurs d'un abonnement de payer un acompte"); the rest still asks one."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import utc
from odoo.addons.salon_deposits.tests.common import SalonDepositCommon
from odoo.addons.salon_packages.tests.common import make_package_type

START = date(2026, 3, 1)


@tagged("post_install", "-at_install")
class TestPackagesWaiveDeposits(SalonDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._salon_setup_package_accounting()
        cls.five_cuts = make_package_type(cls.env, "5 cuts", [(cls.cut, 5)])
        cls.Card = cls.env["loyalty.card"]
        cls.Booking = cls.env["salon.online.booking"]

    def test_covered_services_ask_no_deposit(self):
        # without a package: 30 % of the cut (36.30 taxes included)
        appointment = self._book(utc(0, 9), self.cut)
        self.assertAlmostEqual(appointment.salon_deposit_amount, 10.89)
        card = self.Card._salon_issue(self.five_cuts, self.client, start=START)
        covered = self._book(utc(1, 9), self.cut)
        coverages = covered._salon_get_line_coverages()
        self.assertEqual(coverages[covered.salon_line_ids.id].record, card)
        self.assertEqual(covered.salon_deposit_amount, 0.0)
        # a cut and a blow-dry: the deposit of the blow-dry only (30 % of 24.20)
        both = self._book(utc(2, 9), self.cut | self.blowdry)
        self.assertAlmostEqual(both.salon_deposit_amount, 7.26)

    def test_online_booking_of_a_holder_needs_no_deposit(self):
        self.Card._salon_issue(self.five_cuts, self.client, start=START)
        booking = self.Booking._salon_prepare_booking(
            self.company, self.cut, self.julie, utc(0, 9), self.client
        )
        self.assertEqual(booking["lines"][0]["covered"], 36.3)
        self.assertEqual(booking["amount_to_pay"], 0.0)
        self.assertNotEqual(booking["guarantee"].get("kind"), "deposit")
        # the same booking for a client without package asks the deposit
        booking = self.Booking._salon_prepare_booking(
            self.company, self.cut, self.julie, utc(0, 9), self.other_client
        )
        self.assertEqual(booking["guarantee"]["kind"], "deposit")
        self.assertAlmostEqual(booking["guarantee"]["amount"], 10.89)

    def test_checkout_of_a_holder_deducts_nothing(self):
        card = self.Card._salon_issue(self.five_cuts, self.client, start=START)
        appointment = self._book(utc(0, 9), self.cut)
        appointment._salon_promise_coverage(appointment._salon_get_line_coverages())
        invoice = appointment._salon_create_invoice()
        self.assertEqual(invoice.invoice_line_ids.product_id, self.cut)
        self.assertEqual(invoice.invoice_line_ids.discount, 100.0)
        invoice.action_post()
        self.assertEqual(invoice.amount_total, 0.0)
        self.assertEqual(card.points, 4)

"""Cross-addon: salon_memberships with salon_packages. A package session comes
before the membership credit (priorities 10 and 20): the credit pays what no
package covers."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import utc
from odoo.addons.salon_memberships.tests.common import make_member
from odoo.addons.salon_packages.tests.common import SalonPackageCommon

START = date(2026, 3, 1)


@tagged("post_install", "-at_install")
class TestPackagesBeforeCredit(SalonPackageCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._salon_setup_membership_accounting()
        cls.plan = cls.env["salon.membership.plan"].create(
            {"name": "Monthly Care", "price": 50.0, "credit": 50.0}
        )

    def test_package_first_then_credit(self):
        card = self._package(start=START)
        membership = make_member(self.env, self.client, self.plan, 50.0, START)
        appointment = self._book(utc(0, 9), self.cut | self.blowdry)
        coverages = appointment._salon_get_line_coverages()
        by_product = {
            line.product_id: coverages[line.id] for line in appointment.salon_line_ids
        }
        self.assertEqual(by_product[self.cut].record, card)
        self.assertEqual(by_product[self.blowdry].record, membership.card_id)
        self.assertEqual(by_product[self.blowdry].amount, 24.2)
        appointment._salon_promise_coverage(coverages)
        invoice = appointment._salon_create_invoice()
        invoice.action_post()
        # the cut by a session, the blow-dry by the credit: nothing to pay
        self.assertEqual(invoice.amount_total, 0.0)
        self.assertEqual(self._balance(card), 4)
        self.assertEqual(membership.card_id.points, 25.8)

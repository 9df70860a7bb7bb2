# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import SalonAccountingCommon


@tagged("post_install", "-at_install")
class TestAdvanceAccount(SalonAccountingCommon):
    """The seam the money addons book their advances with."""

    def test_liability_account_found_or_created_once(self):
        account = self.company._salon_liability_account("Gift Advances")
        self.assertEqual(account.account_type, "liability_current")
        self.assertIn(self.company, account.company_ids)
        self.assertEqual(
            self.company._salon_liability_account("Gift Advances"), account
        )
        other = self.company._salon_liability_account("Other Advances")
        self.assertNotEqual(other, account)
        self.assertNotEqual(other.code, account.code)

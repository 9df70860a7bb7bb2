# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.salon_booking.tests.common import utc

from .common import SalonDepositCommon


@tagged("post_install", "-at_install")
class TestDepositSecurity(SalonDepositCommon):
    def test_receptionist_takes_and_refunds_without_accounting_rights(self):
        self.assertFalse(self.salon_user.has_group("account.group_account_invoice"))
        appointment = self._book(utc(0, 9), self.cut).with_user(self.salon_user)
        deposit = self._take_deposit(appointment)
        self.assertEqual(deposit.state, "paid")
        self.assertEqual(deposit.invoice_id.sudo().state, "posted")
        deposit.action_refund()
        self.assertEqual(deposit.state, "refunded")
        # the ledger is written by the deposit's own methods only
        with self.assertRaises(AccessError):
            self.env["salon.deposit.line"].with_user(self.salon_user).create(
                {
                    "deposit_id": deposit.id,
                    "kind": "paid",
                    "amount": 1000.0,
                    "source_model": "res.partner",
                    "source_id": self.client.id,
                }
            )
        with self.assertRaises(AccessError):
            deposit.unlink()

    def test_portal_clients_see_their_own_deposits(self):
        portal = new_test_user(
            self.env, login="deposit_portal", groups="base.group_portal"
        )
        portal.partner_id.email = "portal@example.com"
        mine = self._take_deposit(
            self._book(utc(0, 9), self.cut, client=portal.partner_id)
        )
        theirs = self._take_deposit(self._book(utc(1, 9), self.cut))
        Deposit = self.env["salon.deposit"].with_user(portal)
        self.assertEqual(Deposit.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(portal).read(["amount"])
        with self.assertRaises(AccessError):
            mine.with_user(portal).write({"amount": 1.0})

    def test_other_salons_deposits_hidden(self):
        other = self.env["res.company"].create({"name": "Other Salon"})
        user = new_test_user(
            self.env,
            login="other_salon_user",
            groups="salon_booking.group_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        deposit = self._take_deposit(self._book(utc(0, 9), self.cut))
        self.assertFalse(self.env["salon.deposit"].with_user(user).search([]))
        with self.assertRaises(AccessError):
            deposit.with_user(user).read(["amount"])

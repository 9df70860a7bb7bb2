# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import utc

from .common import SalonMembershipCommon


@tagged("post_install", "-at_install")
class TestMembershipCredit(SalonMembershipCommon):
    def test_spent_oldest_month_first_never_below_zero(self):
        plan = self.Plan.create(
            {
                "name": "Carry",
                "price": 50.0,
                "credit": 50.0,
                "rollover": "carry",
                "rollover_cap": 100.0,
            }
        )
        with freeze_time("2026-03-10"):
            membership = self._member(credit_months=2, plan=plan)
        card = membership.card_id
        march, april = membership.period_ids.sorted("date_start")
        uses = card._salon_credit_use(70.0)
        self.assertEqual(
            [(h.salon_membership_period_id, h.used) for h in uses],
            [(march, 50.0), (april, 20.0)],
        )
        self.assertEqual(card.points, 30.0)
        with self.assertRaisesRegex(UserError, "Only "):
            with self.env.cr.savepoint():
                card._salon_credit_use(30.01)
        self.assertEqual(card.points, 30.0)
        card._salon_credit_give_back(uses)
        self.assertEqual(card.points, 100.0)
        card._salon_credit_give_back(uses)  # once
        self.assertEqual(card.points, 100.0)
        with self.assertRaises(UserError):
            card.points = 500.0

    def test_unused_credit_expires_at_month_end(self):
        """Expire rule: at the end of the month, what is left expires and
        becomes income (journal items)."""
        with freeze_time("2026-03-10"):
            membership = self._member()
            membership.card_id._salon_credit_use(15.0)
        with freeze_time("2026-04-09"):
            self.Membership._cron_salon_memberships()
        self.assertEqual(membership.balance, 35.0)  # the month is not over
        with freeze_time("2026-04-10"):
            self.Membership._cron_salon_memberships()
            self.Membership._cron_salon_memberships()  # twice: once
        self.assertEqual(membership.balance, 0.0)
        period = membership.period_ids
        self.assertTrue(period.closed)
        expired = period.history_ids.filtered(
            lambda h: h.salon_membership_kind == "expired"
        )
        self.assertEqual(expired.used, 35.0)
        move = expired.salon_membership_move_id
        self.assertEqual(move.state, "posted")
        expiry = self.company.salon_membership_expiry_account_id
        self.assertEqual(
            sorted(
                (line.account_id, line.debit, line.credit) for line in move.line_ids
            ),
            sorted([(self.credit_account, 35.0, 0.0), (expiry, 0.0, 35.0)]),
        )
        self.assertEqual(self._account_balance(self.credit_account), -15.0)

    def test_rollover_up_to_the_cap(self):
        plan = self.Plan.create(
            {
                "name": "Carry 20",
                "price": 50.0,
                "credit": 50.0,
                "rollover": "carry",
                "rollover_cap": 20.0,
            }
        )
        with freeze_time("2026-03-10"):
            membership = self._member(plan=plan)
            membership.card_id._salon_credit_use(15.0)
        with freeze_time("2026-04-10"):
            self._charge(membership)
            self.Membership._cron_salon_memberships()
        march, april = membership.period_ids.sorted("date_start")
        self.assertTrue(march.closed)
        self.assertFalse(april.closed)
        # 35 left in March: 20 carried over, 15 expired
        self.assertEqual(march.credit_left, 20.0)
        self.assertEqual(membership.balance, 70.0)
        with freeze_time("2026-05-10"):
            self.Membership._cron_salon_memberships()
        # 70 left at the end of April: 20 carried over again
        self.assertEqual(membership.balance, 20.0)

    def test_invoice_of_an_appointment_spends_the_credit(self):
        """An appointment of a member: the credit covers the services (taxes
        included) up to what is left; the invoice shows the services at their
        price with their taxes and a credit line; posting it spends the
        credit, a credit note gives it back."""
        with freeze_time("2026-03-02"):
            membership = self._member()
            appointment = self._book(utc(0, 10), self.cut | self.color)
            coverages = appointment._salon_get_line_coverages()
            amounts = sorted(c.amount for c in coverages.values() if c)
            # cut 30 + 21 % = 36.30, then 13.70 of the colour (72.60)
            self.assertEqual(amounts, [13.7, 36.3])
            invoice = appointment._salon_create_invoice()
            credit_line = invoice.invoice_line_ids.filtered("salon_membership_card_id")
            self.assertEqual(credit_line.price_total, -50.0)
            self.assertEqual(invoice.amount_tax, 18.9)  # 21 % of 30 + 60
            invoice.action_post()
        self.assertEqual(membership.balance, 0.0)
        self.assertEqual(
            self._kinds(membership), [("issued", 50.0, 0.0), ("used", 0.0, 50.0)]
        )
        # revenue on the services, the advance used: the liability is square
        self.assertEqual(self._account_balance(self.credit_account), 0.0)
        services = invoice.line_ids.filtered(
            lambda line: line.product_id in (self.cut | self.color)
        )
        self.assertEqual(sum(services.mapped("balance")), -90.0)
        self.assertEqual(services.account_id, self.income)
        refund = invoice._reverse_moves()
        refund.action_post()
        self.assertEqual(membership.balance, 50.0)

    def test_invoice_refused_when_the_credit_is_gone(self):
        with freeze_time("2026-03-02"):
            membership = self._member()
            appointment = self._book(utc(0, 10), self.cut)
            invoice = appointment._salon_create_invoice()
            membership.card_id._salon_credit_use(30.0)
            with self.assertRaisesRegex(UserError, r"Only \D*20\.00"):
                with self.env.cr.savepoint():
                    invoice.action_post()
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(membership.balance, 20.0)

    def test_eligibility_and_packages_first(self):
        """A plan for some categories covers only their services; a member
        without credit left is covered by nothing."""
        nails = self.env["salon.service.category"].create({"name": "Nails"})
        plan = self.Plan.create(
            {
                "name": "Nails only",
                "price": 30.0,
                "credit": 30.0,
                "scope": "categories",
                "category_ids": [(6, 0, nails.ids)],
            }
        )
        with freeze_time("2026-03-02"):
            self._member(plan=plan)
            appointment = self._book(utc(0, 10), self.cut)
            self.assertFalse(any(appointment._salon_get_line_coverages().values()))
            self.color.salon_category_id = nails
            appointment = self._book(utc(0, 14), self.color, stylist=self.sofia)
            coverage = list(appointment._salon_get_line_coverages().values())[0]
            self.assertEqual(coverage.amount, 30.0)
            self.assertEqual(coverage.label, "Paid with my membership credit")

    def test_credit_applied_to_an_invoice_by_hand(self):
        """A back-office invoice of a member: "Apply Membership Credit" pays
        its eligible lines up to the credit left; posting spends it."""
        with freeze_time("2026-03-02"):
            membership = self._member()
            invoice = self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.client.id,
                    "invoice_line_ids": [
                        (0, 0, {"product_id": self.cut.id, "price_unit": 30.0})
                    ],
                }
            )
            invoice.action_salon_apply_membership_credit()
            credit_line = invoice.invoice_line_ids.filtered("salon_membership_card_id")
            self.assertEqual(credit_line.price_total, -36.3)
            self.assertIn("13.70 left after this visit", credit_line.name)
            # twice: still one credit line
            invoice.action_salon_apply_membership_credit()
            self.assertEqual(
                len(invoice.invoice_line_ids.filtered("salon_membership_card_id")), 1
            )
            invoice.action_post()
        self.assertEqual(invoice.amount_total, 0.0)
        self.assertEqual(membership.balance, 13.7)
        other = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.other_client.id}
        )
        with self.assertRaisesRegex(UserError, "has no membership credit"):
            other.action_salon_apply_membership_credit()

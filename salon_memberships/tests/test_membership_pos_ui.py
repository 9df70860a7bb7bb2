# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.addons.salon_booking.tests.common import make_service


@tagged("post_install", "-at_install")
class TestMembershipPosTours(TestPointOfSaleHttpCommon):
    """The desk in a real browser: a member's credit spent over two visits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pos_user.tz = "UTC"
        company = cls.env.company
        company._salon_setup_membership_accounting()
        cls.credit_account = company._salon_membership_account()
        cls.services_income = cls.env["account.account"].create(
            {"name": "Salon Services", "code": "700900", "account_type": "income"}
        )
        cls.cut = make_service(
            cls.env,
            "Salon Cut",
            0.5,
            30.0,
            available_in_pos=True,
            property_account_income_id=cls.services_income.id,
        )
        # 40.00 + 15 % = 46.00
        cls.tax = cls.company_data["default_tax_sale"]
        cls.colour = make_service(
            cls.env,
            "Salon Colour",
            1.0,
            40.0,
            available_in_pos=True,
            property_account_income_id=cls.services_income.id,
            taxes_id=[Command.set(cls.tax.ids)],
        )
        cls.client = cls.env["res.partner"].create({"name": "Mia Member"})
        # a member with 50.00 of credit (the month paid without Mollie)
        env = cls.env(su=True)
        plan = env["salon.membership.plan"].create(
            {"name": "Monthly Care", "price": 50.0, "credit": 50.0}
        )
        today = fields.Date.context_today(plan)
        cls.membership = (
            env["salon.membership"]
            .with_context(salon_membership_state=True)
            .create(
                {
                    "partner_id": cls.client.id,
                    "plan_id": plan.id,
                    "state": "active",
                    "date_start": today,
                }
            )
        )
        cls.card = cls.membership._salon_ensure_card()
        period = env["salon.membership.period"]._salon_open(cls.membership, today)
        cls.card._salon_credit_issue(period, 50.0)
        stylist = cls.env["hr.employee"].create(
            {
                "name": "Julie",
                "salon_is_stylist": True,
                "salon_service_ids": [Command.set(cls.cut.product_tmpl_id.ids)],
            }
        )
        cls.appointment = (
            cls.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": cls.client.id,
                    "salon_employee_id": stylist.id,
                    "start": fields.Datetime.now().replace(second=0, microsecond=0),
                    "salon_line_ids": [Command.create({"product_id": cls.cut.id})],
                }
            )
        )

    def test_credit_spent_over_two_visits(self):
        """Visit 1: her appointment's cut, paid in full by the credit (a 0.00
        order). Visit 2: a walk-in colour, the 20.00 left applied by the
        "Membership Credit" button, the rest paid in cash."""
        self.assertEqual(self.card.points, 50.0)
        self.assertEqual((self.tax.amount, self.tax.price_include), (15.0, False))
        self.start_pos_tour("salon_memberships_pos_tour", login="pos_user")
        visit1, visit2 = self.env["pos.order"].search(
            [("partner_id", "=", self.client.id)], order="id"
        )
        self.assertEqual(visit1.salon_appointment_id, self.appointment)
        self.assertEqual(self.appointment.salon_state, "done")
        self.assertEqual(visit1.state, "paid")
        self.assertEqual(visit1.amount_total, 0.0)
        self.assertFalse(visit1.payment_ids)
        self.assertEqual(visit2.state, "paid")
        self.assertEqual(visit2.amount_total, 27.98)  # 1.98 + 46.00 - 20.00
        self.assertEqual(visit2.amount_paid, 27.98)
        self.assertEqual((visit1 | visit2).mapped("salon_issue"), [False, False])
        # the credit is spent, once per visit
        self.assertEqual(self.card.points, 0.0)
        used = self.card.history_ids.filtered(
            lambda h: h.salon_membership_kind == "used"
        ).sorted("id")
        self.assertEqual(
            [(h.order_model, h.order_id, h.used) for h in used],
            [("pos.order", visit1.id, 30.0), ("pos.order", visit2.id, 20.0)],
        )
        product = self.env.company._salon_membership_product()
        for order, amount in ((visit1, -30.0), (visit2, -20.0)):
            credit_line = order.lines.filtered(lambda line: line.product_id == product)
            self.assertRecordValues(
                credit_line,
                [
                    {
                        "qty": 1.0,
                        "price_subtotal_incl": amount,
                        "salon_pos_membership_card": self.card.id,
                        "salon_membership_card_id": self.card.id,
                    }
                ],
            )
            self.assertEqual(
                credit_line.salon_membership_history_ids,
                used.filtered(lambda h, order=order: h.order_id == order.id),
            )
        # closing the session: the advance is used (liability debited), the
        # services are revenue at their full price
        session = visit1.session_id
        self.assertEqual(visit2.session_id, session)
        cash = sum(
            session.order_ids.payment_ids.filtered(
                lambda p: p.payment_method_id.is_cash_count
            ).mapped("amount")
        )
        self.assertEqual(cash, 27.98)
        session.post_closing_cash_details(cash)
        result = session.close_session_from_ui()
        self.assertTrue(result.get("successful"), result)
        self.assertEqual(session.state, "closed")
        moves = session._get_related_account_moves()
        self.assertTrue(moves)
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        items = moves.line_ids
        credit_items = items.filtered(
            lambda item: item.account_id == self.credit_account
        )
        self.assertEqual(sum(credit_items.mapped("debit")), 50.0)
        self.assertEqual(sum(credit_items.mapped("credit")), 0.0)
        income_items = items.filtered(
            lambda item: item.account_id == self.services_income
        )
        self.assertEqual(sum(income_items.mapped("credit")), 70.0)
        self.assertEqual(sum(income_items.mapped("debit")), 0.0)
        tax_items = items.filtered(lambda item: item.tax_line_id == self.tax)
        self.assertEqual(sum(tax_items.mapped("balance")), -6.0)

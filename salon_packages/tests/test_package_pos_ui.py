# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.addons.salon_booking.tests.common import make_service


@tagged("post_install", "-at_install")
class TestPackagePosTours(TestPointOfSaleHttpCommon):
    """The desk in a real browser: packages sold and used at the till."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pos_user.tz = "UTC"
        cls.cut = make_service(cls.env, "Salon Cut", 0.5, 30.0, available_in_pos=True)
        cls.env.company._salon_setup_package_accounting()
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Ten Cuts",
                "program_type": "salon_package",
                "salon_validity_months": 12,
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "product",
                            "reward_product_id": cls.cut.id,
                            "salon_sessions": 10,
                            "required_points": 1,
                        }
                    )
                ],
            }
        )
        cls.program.salon_product_id.write(
            {"lst_price": 250.0, "taxes_id": [Command.clear()]}
        )
        cls.client = cls.env["res.partner"].create({"name": "Paula Package"})

    def test_package_sold_and_used_at_once(self):
        self.start_pos_tour("salon_packages_pos_sale_tour", login="pos_user")
        order = self.env["pos.order"].search([("partner_id", "=", self.client.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.amount_total, 250.0)
        self.assertFalse(order.salon_issue)
        card = self.client.salon_package_card_ids
        self.assertEqual(len(card), 1)
        self.assertEqual(card.salon_amount, 250.0)
        self.assertEqual(card.points, 9)
        cut_line = order.lines.filtered(lambda line: line.product_id == self.cut)
        self.assertEqual(cut_line.salon_package_card_id, card)
        self.assertEqual(cut_line.salon_package_history_id.salon_kind, "used")

    def test_checkout_uses_the_package_and_a_session_by_hand(self):
        card = self.env["loyalty.card"]._salon_issue(self.program, self.client)
        stylist = self.env["hr.employee"].create(
            {
                "name": "Julie",
                "salon_is_stylist": True,
                "salon_service_ids": [Command.set(self.cut.product_tmpl_id.ids)],
            }
        )
        appointment = (
            self.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": self.client.id,
                    "salon_employee_id": stylist.id,
                    "start": fields.Datetime.now().replace(second=0, microsecond=0),
                    "salon_line_ids": [Command.create({"product_id": self.cut.id})],
                }
            )
        )
        appointment._salon_promise_coverage(appointment._salon_get_line_coverages())
        self.start_pos_tour("salon_packages_pos_checkout_tour", login="pos_user")
        order = appointment.salon_pos_order_ids
        self.assertEqual(len(order), 1)
        self.assertFalse(order.salon_issue)
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(card.points, 8)
        self.assertEqual(
            order.lines.filtered(lambda line: line.product_id == self.cut).mapped(
                "salon_package_card_id"
            ),
            card,
        )
        self.assertEqual(
            sorted(card.history_ids.mapped("salon_kind")), ["issued", "used", "used"]
        )

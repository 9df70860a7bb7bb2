# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import make_service


@tagged("post_install", "-at_install")
class TestPosTours(TestPointOfSaleHttpCommon):
    """The desk in a real browser: today's appointments in the POS."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pos_user.tz = "UTC"
        cls.cut = make_service(cls.env, "Salon Cut", 0.5, 30.0, available_in_pos=True)

    def _appointment(self, client_name, stylist_name):
        stylist = self.env["hr.employee"].create(
            {
                "name": stylist_name,
                "salon_is_stylist": True,
                "salon_service_ids": [Command.set(self.cut.product_tmpl_id.ids)],
            }
        )
        client = self.env["res.partner"].create({"name": client_name})
        return (
            self.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": client.id,
                    "salon_employee_id": stylist.id,
                    "start": fields.Datetime.now().replace(second=0, microsecond=0),
                    "salon_line_ids": [Command.create({"product_id": self.cut.id})],
                }
            )
        )

    def test_check_in_and_check_out_with_extra_product(self):
        appointment = self._appointment("Claire Checkout", "Julie")
        self._appointment("Other Client", "Thomas")
        self.start_pos_tour("salon_pos_checkout_tour", login="pos_user")
        order = appointment.salon_pos_order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, appointment.salon_partner_id)
        self.assertEqual(order.lines.product_id, self.cut | self.desk_pad)
        cut_line = order.lines.filtered(lambda line: line.product_id == self.cut)
        self.assertEqual(cut_line.salon_appointment_line_id, appointment.salon_line_ids)
        self.assertEqual(cut_line.salon_employee_id, appointment.salon_employee_id)
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(appointment.salon_payment_state, "paid")
        self.assertTrue(appointment.salon_checked_in_at)

    def test_no_show(self):
        appointment = self._appointment("Nora Noshow", "Sofia")
        self.start_pos_tour("salon_pos_no_show_tour", login="pos_user")
        self.assertEqual(appointment.salon_state, "no_show")
        self.assertFalse(appointment.salon_pos_order_ids)

    def test_refund_of_an_appointment_order(self):
        appointment = self._appointment("Rita Refund", "Emma")
        self.start_pos_tour("salon_pos_refund_tour", login="pos_user")
        orders = appointment.salon_pos_order_ids
        self.assertEqual(len(orders), 2, "the sale and its refund")
        self.assertEqual(sorted(orders.mapped("amount_total")), [-30.0, 30.0])
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(appointment.salon_payment_state, "refunded")

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .pos_common import SalonPosCommon


@tagged("post_install", "-at_install")
class TestPosCheckout(SalonPosCommon):
    """Appointments checked out in the POS: order processing, refunds, loading."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shampoo = cls.create_product("Shampoo", cls.categ_basic, 12.0)

    def _checkout_data(self, appointment, extra=(), **vals):
        """What the POS sends for an appointment checked out with extra products."""
        data = self.create_ui_order_data(
            [(self.cut, 1), *[(product, 1) for product in extra]],
            customer=appointment.salon_partner_id,
        )
        data["lines"][0][2]["salon_appointment_line_id"] = appointment.salon_line_ids.id
        data["salon_appointment_id"] = appointment.id
        data.update(vals)
        return data

    def _sync(self, data):
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def test_checkout_done_paid_and_booked_in_accounts(self):
        self.open_new_session()
        appointment = self._appointment()
        appointment.action_salon_check_in()
        order = self._sync(self._checkout_data(appointment, extra=[self.shampoo]))
        self.assertEqual(order.salon_appointment_id, appointment)
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(appointment.salon_payment_state, "paid")
        self.assertEqual(appointment.salon_amount_paid, 42.0)
        service_line, product_line = order.lines
        self.assertEqual(service_line.salon_employee_id, self.stylist)
        self.assertFalse(product_line.salon_appointment_line_id)
        self.assertEqual(self.client.salon_visit_count, 1)
        self.assertEqual(self.client.salon_total_spent, 30.0)
        # the service is revenue when the session is closed
        self.pos_session.action_pos_session_validate()
        revenue = self.pos_session.move_id.line_ids.filtered(
            lambda line: line.account_id == self.sales_account
        )
        self.assertEqual(sum(revenue.mapped("credit")), 42.0)
        self.assertEqual(self.pos_session.state, "closed")

    def test_booked_appointment_checked_out_directly(self):
        self.open_new_session()
        appointment = self._appointment()
        self._sync(self._checkout_data(appointment))
        self.assertEqual(appointment.salon_state, "done")
        self.assertTrue(appointment.salon_checked_in_at)

    def test_sync_twice_changes_nothing_more(self):
        self.open_new_session()
        appointment = self._appointment()
        data = self._checkout_data(appointment)
        first = self._sync(dict(data))
        messages = len(appointment.message_ids)
        second = self._sync(dict(data, lines=[], payment_ids=[]))
        self.assertEqual(first, second)
        self.assertEqual(appointment.salon_pos_order_ids, first)
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(len(appointment.message_ids), messages)
        self.assertEqual(appointment.salon_amount_paid, 30.0)

    def test_order_synced_later_offline(self):
        """An order paid offline in the morning reaches the server later."""
        self.open_new_session()
        appointment = self._appointment()
        data = self._checkout_data(appointment)
        data["date_order"] = fields.Datetime.to_string(
            fields.Datetime.now() - timedelta(hours=3)
        )
        self._sync(data)
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(appointment.salon_payment_state, "paid")

    def test_refund_in_pos_updates_payment_status(self):
        self.open_new_session()
        appointment = self._appointment()
        order = self._sync(self._checkout_data(appointment))
        refund = order.refund()
        refund_order = self.env["pos.order"].browse(refund["res_id"])
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_ids=refund_order.ids, active_id=refund_order.id)
            .create({"amount": refund_order.amount_total})
        )
        payment.with_context(active_id=refund_order.id).check()
        self.assertEqual(refund_order.state, "paid")
        self.assertEqual(refund_order.salon_appointment_id, appointment)
        self.assertEqual(appointment.salon_amount_refunded, 30.0)
        self.assertEqual(appointment.salon_payment_state, "refunded")

    def test_checkout_values_come_from_the_server(self):
        self.open_new_session()
        appointment = self._appointment()
        values = appointment.salon_pos_checkout_values()
        self.assertEqual(values["partner_id"], self.client.id)
        self.assertEqual(
            values["lines"],
            [
                {
                    "product_id": self.cut.id,
                    "qty": 1,
                    "price_unit": 30.0,
                    "discount": 0.0,
                    "salon_appointment_line_id": appointment.salon_line_ids.id,
                    "customer_note": "",
                }
            ],
        )

    def test_second_checkout_refused_and_a_second_payment_kept(self):
        self.open_new_session()
        appointment = self._appointment()
        first = self._sync(self._checkout_data(appointment))
        self.assertEqual(appointment.salon_payment_state, "paid")
        with self.assertRaisesRegex(UserError, "already charged"):
            appointment.salon_pos_checkout_values()
        with self.assertRaisesRegex(UserError, "already charged"):
            appointment.action_salon_create_invoice()
        # another till had loaded it before: its paid order reaches the server
        second = self._sync(self._checkout_data(appointment))
        self.assertEqual(second.state, "paid", "the money taken is never lost")
        self.assertEqual(second.salon_appointment_id, appointment)
        self.assertIn(first.name, second.salon_issue)
        self.assertTrue(
            appointment.message_ids.filtered(lambda m: first.name in str(m.body))
        )
        issues = self.env["pos.order"].search([("salon_issue", "!=", False)])
        self.assertEqual(issues, second)
        # each sale refunded, it can be checked out again
        self._refund(first)
        with self.assertRaisesRegex(UserError, second.name):
            appointment.salon_pos_checkout_values()
        self._refund(second)
        self.assertTrue(appointment.salon_pos_checkout_values()["lines"])

    def _refund(self, order):
        refund = self.env["pos.order"].browse(order.refund()["res_id"])
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_ids=refund.ids, active_id=refund.id)
            .create({"amount": refund.amount_total})
        )
        payment.with_context(active_id=refund.id).check()
        return refund

    def test_failing_salon_processing_never_loses_a_paid_order(self):
        self.open_new_session()
        appointment = self._appointment()
        Order = self.registry["pos.order"]

        def broken(order_self):
            raise ValueError("stylist agenda unreachable")

        with (
            patch.object(Order, "_salon_process_paid_order", broken),
            mute_logger("odoo.addons.salon_booking.models.pos_order"),
        ):
            order = self._sync(self._checkout_data(appointment))
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.amount_paid, 30.0)
        self.assertIn("stylist agenda unreachable", order.salon_issue)
        self.assertTrue(
            order.message_ids.filtered(
                lambda m: "stylist agenda unreachable" in str(m.body)
            )
        )
        self.assertTrue(
            appointment.message_ids.filtered(
                lambda m: "stylist agenda unreachable" in str(m.body)
            ),
            "the salon sees it on the appointment too",
        )
        self.assertEqual(appointment.salon_state, "booked", "left for the salon")

    def test_walk_in_gets_history(self):
        self.open_new_session()
        data = self.create_ui_order_data(
            [(self.cut, 1), (self.shampoo, 1)], customer=self.client
        )
        data["employee_id"] = self.stylist.id
        order = self._sync(data)
        walk_in = order.salon_appointment_id
        self.assertTrue(walk_in.salon_is_appointment)
        self.assertEqual(walk_in.salon_state, "done")
        self.assertEqual(walk_in.salon_employee_id, self.stylist)
        self.assertEqual(walk_in.salon_line_ids.product_id, self.cut)
        self.assertEqual(walk_in.salon_payment_state, "paid")
        self.assertEqual(walk_in.salon_channel, "pos")
        self.assertEqual(
            order.lines[0].salon_appointment_line_id, walk_in.salon_line_ids
        )

    def test_walk_in_overlapping_agenda_keeps_history_without_blocking(self):
        self.open_new_session()
        self._appointment(start=fields.Datetime.now() - timedelta(minutes=15))
        data = self.create_ui_order_data([(self.cut, 1)], customer=self.client)
        data["employee_id"] = self.stylist.id
        walk_in = self._sync(data).salon_appointment_id
        self.assertEqual(walk_in.salon_state, "done")
        self.assertFalse(walk_in.salon_employee_id)

    def test_walk_in_history_can_be_disabled(self):
        self.config.salon_walkin_history = False
        self.open_new_session()
        data = self.create_ui_order_data([(self.cut, 1)], customer=self.client)
        self.assertFalse(self._sync(data).salon_appointment_id)

    def _loaded_ids(self):
        data = self.pos_session.load_data(
            ["pos.config", "calendar.event", "salon.appointment.line"]
        )
        return (
            {record["id"] for record in data["calendar.event"]["data"]},
            {record["id"] for record in data["salon.appointment.line"]["data"]},
        )

    def test_pos_loads_only_todays_appointments(self):
        self.open_new_session()
        now = fields.Datetime.now()
        today = self._appointment(
            start=datetime.combine(now.date(), datetime.min.time())
            + timedelta(hours=12)
        )
        other_company = self.env["res.company"].create({"name": "Other salon"})
        self._appointment(
            start=today.start,
            salon_company_id=other_company.id,
            salon_employee_id=False,
        )

        def other_days(count, offset):
            for index in range(count):
                self._appointment(
                    start=today.start + timedelta(days=offset + index),
                    client=self.client,
                )

        other_days(5, 1)
        events, lines = self._loaded_ids()
        self.assertEqual(events, set(today.ids))
        self.assertEqual(lines, set(today.salon_line_ids.ids))
        few = self._load_query_count()
        other_days(50, 10)
        self.assertEqual(self._load_query_count(), few, "10x more appointments")
        events, _lines = self._loaded_ids()
        self.assertEqual(events, set(today.ids))

    def _load_query_count(self):
        """Queries of what salon_booking adds to the POS loading.

        As superuser: the shared cache of access rules may be refilled at any
        moment (it is evicted when many records are created), which says
        nothing about how the loading scales.
        """
        data = self.pos_session.load_data(["pos.config"])
        Event = self.env["calendar.event"].sudo()
        Line = self.env["salon.appointment.line"].sudo()

        def load():
            data["calendar.event"] = Event._load_pos_data(data)
            Line._load_pos_data(data)

        load()  # warm Odoo's caches
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        load()
        return self.env.cr.sql_log_count - before

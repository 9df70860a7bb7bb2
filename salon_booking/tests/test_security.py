# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SalonCommon, utc


@tagged("post_install", "-at_install")
class TestSecurity(SalonCommon):
    def test_salon_user_books_and_works_the_day(self):
        Event = self.env["calendar.event"].with_user(self.salon_user)
        appointment = Event.with_context(salon_no_mail=True).create(
            {
                "salon_partner_id": self.client.id,
                "salon_employee_id": self.julie.id,
                "start": utc(0, 10),
                "salon_line_ids": [Command.create({"product_id": self.cut.id})],
            }
        )
        appointment.action_salon_check_in()
        appointment.action_salon_done()
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(
            appointment.salon_employee_id.with_user(self.salon_user).name, "Julie"
        )

    def test_salon_user_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["salon.service.menu"].with_user(self.salon_user).create(
                {"name": "X"}
            )
        with self.assertRaises(AccessError):
            self.cut.with_user(self.salon_user).write({"list_price": 1.0})
        with self.assertRaises(AccessError):
            self.julie.with_user(self.salon_user).write({"salon_service_ids": False})

    def test_manager_configures(self):
        manager = self.salon_manager
        menu = (
            self.env["salon.service.menu"]
            .with_user(manager)
            .create(
                {
                    "name": "Colour and cut",
                    "line_ids": [
                        Command.create({"product_id": self.color.id, "sequence": 1}),
                        Command.create({"product_id": self.cut.id, "sequence": 2}),
                    ],
                }
            )
        )
        self.assertEqual(menu.duration, 1.75)
        self.assertEqual(menu.price, 108.9, "90.00 and 21 % tax: the clients' price")
        self.cut.with_user(manager).write({"list_price": 32.0})
        self.julie.with_user(manager).write(
            {"salon_service_ids": [Command.link(self.color.product_tmpl_id.id)]}
        )

    def test_internal_user_without_salon_rights(self):
        employee = new_test_user(self.env, login="accountant", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["salon.service.menu"].with_user(employee).search([])
        with self.assertRaises(AccessError):
            self.env["salon.booking.wizard"].with_user(employee).create({})

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Other salon"})
        appointment = self._book(utc(0, 10), self.cut)
        thomas_there = self.env["hr.employee"].create(
            dict(self._stylist_vals("Thomas"), company_id=other.id)
        )
        self.cut.salon_employee_ids = [Command.link(thomas_there.id)]
        foreign = self._book(
            utc(0, 10), self.cut, stylist=thomas_there, salon_company_id=other.id
        )
        user = new_test_user(
            self.env,
            login="salon_other",
            groups="salon_booking.group_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        visible = (
            self.env["calendar.event"]
            .with_user(user)
            .search([("salon_is_appointment", "=", True)])
        )
        self.assertIn(foreign, visible)
        self.assertNotIn(appointment, visible)
        lines = self.env["salon.appointment.line"].with_user(user).search([])
        self.assertEqual(lines.event_id, foreign)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SalonCommon, utc


@tagged("post_install", "-at_install")
class TestBookingWizard(SalonCommon):
    def _wizard(self, **values):
        form = Form(
            self.env["salon.booking.wizard"]
            .with_user(self.salon_user)
            .with_context(salon_no_mail=True)
        )
        for name, value in values.items():
            setattr(form, name, value)
        return form

    @freeze_time(utc(0, 7))
    def test_proposes_and_books(self):
        self._book(utc(0, 9), self.cut, stylist=self.julie)
        form = self._wizard(partner_id=self.client, date=date(2026, 3, 9))
        form.product_ids.add(self.cut)
        wizard = form.save()
        first = wizard.slot_ids[0]
        self.assertEqual(first.start, utc(0, 9))
        self.assertEqual(first.employee_id, self.thomas, "Julie is taken at 9:00")
        self.assertEqual(first.time_label, "09:00")
        first.action_book()
        appointment = self.env["calendar.event"].search(
            [("salon_employee_id", "=", self.thomas.id)]
        )
        self.assertEqual(appointment.start, utc(0, 9))
        self.assertEqual(appointment.salon_partner_id, self.client)
        self.assertEqual(appointment.salon_line_ids.product_id, self.cut)

    @freeze_time(utc(0, 7))
    def test_taken_slot_is_refused_cleanly(self):
        form = self._wizard(partner_id=self.client, employee_id=self.julie, date=date(2026, 3, 9))
        form.product_ids.add(self.cut)
        wizard = form.save()
        slot = wizard.slot_ids[0]
        self._book(slot.start, self.cut, client=self.other_client)
        with self.assertRaisesRegex(ValidationError, "no longer free"), self.env.cr.savepoint():
            slot.action_book()

    @freeze_time(utc(0, 7))
    def test_menu_fills_services_and_needs_client(self):
        menu = self.env["salon.service.menu"].create(
            {"name": "Full", "line_ids": [(0, 0, {"product_id": self.color.id})]}
        )
        form = self._wizard(menu_id=menu, date=date(2026, 3, 9))
        self.assertEqual(form.product_ids[:], self.color)
        wizard = self.env["salon.booking.wizard"].create(
            {"menu_id": menu.id, "product_ids": [(6, 0, self.color.ids)], "date": date(2026, 3, 9)}
        )
        with self.assertRaisesRegex(UserError, "Choose the client"), self.env.cr.savepoint():
            wizard.slot_ids[0].action_book()

    @freeze_time(utc(0, 7))
    def test_next_free_day(self):
        form = self._wizard(partner_id=self.client, date=date(2026, 3, 15))  # Sunday
        form.product_ids.add(self.cut)
        wizard = form.save()
        self.assertFalse(wizard.slot_ids)
        self.assertEqual(wizard.next_free_date, date(2026, 3, 16))
        wizard.action_next_free_date()
        self.assertEqual(wizard.slot_ids[0].start, utc(7, 9))

    @freeze_time(utc(0, 12))
    def test_no_past_times_and_default_date_from_agenda(self):
        wizard = (
            self.env["salon.booking.wizard"]
            .with_user(self.salon_user)
            .with_context(default_start="2026-03-09 13:30:00")
            .create({"partner_id": self.client.id, "product_ids": [(6, 0, self.cut.ids)]})
        )
        self.assertEqual(wizard.date, date(2026, 3, 9))
        self.assertEqual(wizard.slot_ids[0].start, utc(0, 12), "nothing before now")

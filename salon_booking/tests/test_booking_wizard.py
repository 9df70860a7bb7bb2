# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SalonCommon, utc


@tagged("post_install", "-at_install")
class TestBookingWizard(SalonCommon):
    def _wizard(self, context=None, **values):
        form = Form(
            self.env["salon.booking.wizard"]
            .with_user(self.salon_user)
            .with_context(salon_no_mail=True, **(context or {}))
        )
        for name, value in values.items():
            setattr(form, name, value)
        return form

    def _choose(self, form, index):
        with form.slot_ids.edit(index) as slot:
            slot.selected = True

    @freeze_time(utc(0, 7))
    def test_proposes_and_books(self):
        self._book(utc(0, 9), self.cut, stylist=self.julie)
        form = self._wizard(partner_id=self.client, date=date(2026, 3, 9))
        form.product_ids.add(self.cut)
        self.assertEqual(
            len(form.slot_ids), 35, "09:00 to 17:30, proposed while editing"
        )
        self._choose(form, 0)
        wizard = form.save()
        first = wizard.slot_ids[0]
        self.assertEqual(first.start, utc(0, 9))
        self.assertEqual(first.employee_id, self.thomas, "Julie is taken at 9:00")
        self.assertEqual(first.time_label, "09:00")
        wizard.action_book()
        appointment = self.env["calendar.event"].search(
            [("salon_employee_id", "=", self.thomas.id)]
        )
        self.assertEqual(appointment.start, utc(0, 9))
        self.assertEqual(appointment.salon_partner_id, self.client)
        self.assertEqual(appointment.salon_line_ids.product_id, self.cut)

    @freeze_time(utc(0, 7))
    def test_time_clicked_in_agenda_is_chosen(self):
        form = self._wizard(
            context={"default_start": "2026-03-09 13:00:00"},  # 14:00 in Brussels
            partner_id=self.client,
        )
        form.product_ids.add(self.cut)
        wizard = form.save()
        self.assertEqual(wizard.date, date(2026, 3, 9))
        chosen = wizard.slot_ids.filtered("selected")
        self.assertEqual(chosen.start, utc(0, 14))
        wizard.with_context(salon_open_appointment=True).action_book()
        self.assertTrue(self.env["calendar.event"].search([("start", "=", utc(0, 14))]))

    @freeze_time(utc(0, 7))
    def test_taken_slot_is_refused_cleanly(self):
        form = self._wizard(
            partner_id=self.client, employee_id=self.julie, date=date(2026, 3, 9)
        )
        form.product_ids.add(self.cut)
        self._choose(form, 0)
        wizard = form.save()
        self._book(wizard.slot_ids[0].start, self.cut, client=self.other_client)
        with (
            self.assertRaisesRegex(ValidationError, "no longer free"),
            self.env.cr.savepoint(),
        ):
            wizard.action_book()

    @freeze_time(utc(0, 7))
    def test_menu_fills_services_and_checks_choice(self):
        menu = self.env["salon.service.menu"].create(
            {"name": "Full", "line_ids": [(0, 0, {"product_id": self.color.id})]}
        )
        form = self._wizard(menu_id=menu, date=date(2026, 3, 9))
        self.assertEqual(form.product_ids[:], self.color)
        wizard = self.env["salon.booking.wizard"].create(
            {"product_ids": [(6, 0, self.color.ids)], "date": date(2026, 3, 9)}
        )
        with self.assertRaisesRegex(UserError, "Choose the client"):
            wizard.action_book()
        wizard.partner_id = self.client
        with self.assertRaisesRegex(UserError, "Choose one of the free times"):
            wizard.action_book()
        wizard.slot_ids[:2].selected = True
        with self.assertRaisesRegex(UserError, "Choose one of the free times"):
            wizard.action_book()

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
    def test_no_past_times(self):
        wizard = (
            self.env["salon.booking.wizard"]
            .with_user(self.salon_user)
            .create(
                {
                    "partner_id": self.client.id,
                    "product_ids": [(6, 0, self.cut.ids)],
                    "date": date(2026, 3, 9),
                }
            )
        )
        self.assertEqual(wizard.slot_ids[0].start, utc(0, 12), "nothing before now")

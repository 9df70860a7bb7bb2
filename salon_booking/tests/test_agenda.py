# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The agenda by stylist: what a day and a week show, and drag and drop.

The salon is in Brussels (UTC+1 in March): the agenda's minutes are local,
the stored times UTC.
"""

from datetime import datetime
from unittest.mock import patch

import pytz
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.salon_booking.models.calendar_event_agenda import (
    hour_range,
    minutes_by_day,
)

from .common import SalonCommon, utc

BRUSSELS = pytz.timezone("Europe/Brussels")
MOVED = "is moved to"


@tagged("post_install", "-at_install")
class TestAgenda(SalonCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colour_category = cls.env["salon.service.category"].create(
            {"name": "Colour"}
        )
        cls.color.salon_category_id = cls.colour_category
        # Thomas is off on Tuesday afternoon; the salon is closed on Saturday
        cls.env["resource.calendar.leaves"].create(
            [
                {
                    "name": "Dentist",
                    "resource_id": cls.thomas.resource_id.id,
                    "date_from": utc(1, 13),
                    "date_to": utc(1, 18),
                },
                {
                    "name": "Public holiday",
                    "company_id": cls.company.id,
                    "date_from": utc(5, 0),
                    "date_to": utc(6, 0),
                },
            ]
        )
        cls.julie_cut = cls._book(utc(0, 10), cls.cut)
        cls.sofia_colour = cls._book(
            utc(0, 14), cls.color, stylist=cls.sofia, client=cls.other_client
        )
        cls.sofia_colour.action_salon_confirm()
        cls.cancelled = cls._book(utc(0, 16), cls.blowdry)
        cls.cancelled.action_salon_cancel()
        cls.wednesday = cls._book(utc(2, 11), cls.cut, stylist=cls.thomas)
        cls.Agenda = cls.env["calendar.event"].with_user(cls.salon_user)

    def _data(self, date_from="2026-03-09", **kwargs):
        with freeze_time(utc(0, 8)):
            return self.Agenda.salon_agenda_data(date_from, **kwargs)

    def _rows(self, data):
        return {row["id"]: row for row in data["appointments"]}

    def _move(self, appointment, start, stylist=None, user=None):
        return appointment.with_user(user or self.salon_user).salon_agenda_move(
            start.strftime("%Y-%m-%d %H:%M:%S"), (stylist or self.julie).id
        )

    def _assert_not_moved(self, appointment, start, stylist):
        self.env.invalidate_all()
        self.assertEqual(appointment.start, start)
        self.assertEqual(appointment.salon_employee_id, stylist)
        self.assertFalse(
            appointment.message_ids.filtered(lambda m: "Moved from" in str(m.body))
        )

    # ------------------------------------------------------------------
    # A day and a week
    # ------------------------------------------------------------------

    def test_day(self):
        data = self._data()
        self.assertEqual(data["date_from"], "2026-03-09")
        self.assertEqual(data["days"], ["2026-03-09"])
        self.assertEqual(data["today"], "2026-03-09")
        self.assertEqual(data["tz"], "Europe/Brussels")
        self.assertEqual(data["slot_step"], 15)
        self.assertEqual(
            data["stylists"],
            [
                {"id": self.julie.id, "name": "Julie"},
                {"id": self.sofia.id, "name": "Sofia"},
                {"id": self.thomas.id, "name": "Thomas"},
            ],
        )
        self.assertEqual(
            data["work"][str(self.julie.id)], {"2026-03-09": [[9 * 60, 18 * 60]]}
        )
        self.assertEqual((data["hour_from"], data["hour_to"]), (9 * 60, 18 * 60))
        rows = self._rows(data)
        self.assertEqual(
            set(rows),
            {self.julie_cut.id, self.sofia_colour.id},
            "cancelled appointments and other days are left out",
        )
        self.assertEqual(
            rows[self.julie_cut.id],
            {
                "id": self.julie_cut.id,
                "reference": self.julie_cut.salon_reference,
                "stylist_id": self.julie.id,
                "day": "2026-03-09",
                "start": 10 * 60,
                "end": 10 * 60 + 30,
                "start_utc": "2026-03-09 09:00:00",
                "client": "Marie Dupont",
                "services": "Cut",
                "state": "booked",
                "state_label": "Booked",
                "color": 4,
                "payment_state": "unpaid",
                "payment_state_label": "Unpaid",
                "can_move": True,
            },
        )
        colour = rows[self.sofia_colour.id]
        self.assertEqual((colour["start"], colour["end"]), (14 * 60, 15 * 60))
        self.assertEqual((colour["state"], colour["color"]), ("confirmed", 10))
        self.assertEqual(colour["client"], "Luc Peeters")
        self.assertIn(["cancelled", "Cancelled"], data["states"])
        self.assertIn([self.colour_category.id, "Colour"], data["categories"])
        self.assertTrue(data["can_edit"])

    def test_week(self):
        data = self._data(days=7)
        self.assertEqual(data["days"], [f"2026-03-{day:02d}" for day in range(9, 16)])
        thomas = data["work"][str(self.thomas.id)]
        self.assertEqual(thomas["2026-03-09"], [[540, 1080]])
        self.assertEqual(thomas["2026-03-10"], [[540, 780]], "off from 13:00")
        self.assertEqual(thomas["2026-03-14"], [], "public holiday")
        self.assertEqual(thomas["2026-03-15"], [], "closed on Sunday")
        self.assertEqual(data["work"][str(self.julie.id)]["2026-03-10"], [[540, 1080]])
        row = self._rows(data)[self.wednesday.id]
        self.assertEqual(
            (row["day"], row["start"], row["stylist_id"]),
            ("2026-03-11", 11 * 60, self.thomas.id),
        )
        self.assertEqual(len(data["appointments"]), 3)

    def test_hour_range_follows_the_day(self):
        sunday = self._data("2026-03-15")
        self.assertEqual((sunday["hour_from"], sunday["hour_to"]), (480, 1200))
        self.assertEqual(sunday["work"][str(self.julie.id)], {"2026-03-15": []})
        # booked at the desk before opening time and after closing time
        self._book(utc(0, 7, 30), self.cut, stylist=self.thomas)
        self._book(utc(0, 18, 10), self.cut, stylist=self.thomas)
        monday = self._data()
        self.assertEqual((monday["hour_from"], monday["hour_to"]), (420, 1140))

    def test_filters(self):
        data = self._data(days=7, stylist_ids=[self.julie.id, self.thomas.id])
        self.assertEqual(
            [stylist["id"] for stylist in data["stylists"]],
            [self.julie.id, self.thomas.id],
        )
        self.assertEqual(set(data["work"]), {str(self.julie.id), str(self.thomas.id)})
        # the filter's buttons keep every stylist
        self.assertEqual(len(data["all_stylists"]), 3)
        self.assertEqual(set(self._rows(data)), {self.julie_cut.id, self.wednesday.id})
        by_category = self._data(days=7, category_ids=[self.colour_category.id])
        self.assertEqual(set(self._rows(by_category)), {self.sofia_colour.id})
        self.assertEqual(len(by_category["stylists"]), 3, "every column stays")
        by_state = self._data(days=7, states=["cancelled"])
        self.assertEqual(set(self._rows(by_state)), {self.cancelled.id})
        both = self._data(days=7, states=["booked"], stylist_ids=[self.thomas.id])
        self.assertEqual(set(self._rows(both)), {self.wednesday.id})

    def test_refuses_other_periods_and_bad_dates(self):
        with self.assertRaises(UserError):
            self._data(days=3)
        with self.assertRaises(UserError):
            self._data("9 March")

    def test_not_movable_appointments(self):
        self.julie_cut.action_salon_check_in()
        self.julie_cut.action_salon_done()
        row = self._rows(self._data())[self.julie_cut.id]
        self.assertEqual((row["state"], row["can_move"]), ("done", False))

    def test_local_minutes_by_day(self):
        evening = (
            pytz.utc.localize(datetime(2026, 3, 9, 21)),
            pytz.utc.localize(datetime(2026, 3, 10, 1)),
        )
        days = [datetime(2026, 3, 9).date(), datetime(2026, 3, 10).date()]
        self.assertEqual(
            minutes_by_day([evening], BRUSSELS, days),
            {days[0]: [[22 * 60, 1440]], days[1]: [[0, 2 * 60]]},
        )
        # the night clocks go forward: wall-clock minutes, 01:00 to 05:00
        dst_night = (
            pytz.utc.localize(datetime(2026, 3, 29, 0)),
            pytz.utc.localize(datetime(2026, 3, 29, 3)),
        )
        sunday = datetime(2026, 3, 29).date()
        self.assertEqual(
            minutes_by_day([dst_night], BRUSSELS, [sunday]), {sunday: [[60, 300]]}
        )
        self.assertEqual(hour_range([]), (480, 1200))
        self.assertEqual(hour_range([(545, 1000), (600, 610)]), (540, 1020))
        self.assertEqual(hour_range([(1439, 1500)]), (1380, 1440))

    # ------------------------------------------------------------------
    # Moves
    # ------------------------------------------------------------------

    def test_move_to_another_time(self):
        row = self._move(self.julie_cut, utc(0, 15))
        self.assertEqual(self.julie_cut.start, utc(0, 15))
        self.assertEqual(self.julie_cut.stop, utc(0, 15, 30), "the services' length")
        self.assertEqual(
            (row["id"], row["day"], row["start"], row["end"], row["start_utc"]),
            (
                self.julie_cut.id,
                "2026-03-09",
                15 * 60,
                15 * 60 + 30,
                "2026-03-09 14:00:00",
            ),
        )
        self.assertTrue(row["can_move"])
        note = self.julie_cut.message_ids.filtered(
            lambda m: "Moved from" in str(m.body)
        )
        self.assertEqual(len(note), 1)
        self.assertRegex(
            str(note.body), r"Moved from .*10:00.*, Julie to .*3:00.*, Julie"
        )

    def test_move_to_another_stylist(self):
        row = self._move(self.julie_cut, utc(1, 9), stylist=self.thomas)
        self.assertEqual(self.julie_cut.salon_employee_id, self.thomas)
        self.assertEqual(self.julie_cut.start, utc(1, 9))
        self.assertEqual(
            (row["stylist_id"], row["day"], row["start"]),
            (self.thomas.id, "2026-03-10", 9 * 60),
        )
        note = self.julie_cut.message_ids.filtered(
            lambda m: "Moved from" in str(m.body)
        )
        self.assertRegex(str(note.body), r"Julie to .*Thomas")

    def test_move_onto_a_busy_slot_refused(self):
        self._book(utc(0, 11), self.cut, client=self.other_client)
        with self.assertRaisesRegex(
            ValidationError, "Julie already has an appointment"
        ):
            self._move(self.julie_cut, utc(0, 11, 15))
        self._assert_not_moved(self.julie_cut, utc(0, 10), self.julie)
        # onto another stylist's appointment, too
        with self.assertRaisesRegex(
            ValidationError, "Thomas already has an appointment"
        ):
            self._move(self.julie_cut, utc(2, 11), stylist=self.thomas)
        self._assert_not_moved(self.julie_cut, utc(0, 10), self.julie)

    def test_move_outside_working_hours_refused(self):
        for start in (utc(0, 8, 45), utc(0, 17, 45), utc(6, 10)):
            with (
                self.subTest(start=start),
                self.assertRaisesRegex(
                    ValidationError, "Julie does not work for the whole appointment"
                ),
            ):
                self._move(self.julie_cut, start)
            self._assert_not_moved(self.julie_cut, utc(0, 10), self.julie)
        # as the booking assistant: the services end at closing time, the
        # buffer after them may run past it
        slots = self.env["salon.availability"]._salon_find_slots(
            self.color, utc(0, 16), utc(0, 18), stylists=self.sofia
        )
        self.assertIn(utc(0, 17), [moment for moment, _ids in slots])
        self._move(self.sofia_colour, utc(0, 17), stylist=self.sofia)
        self.assertEqual(self.sofia_colour.stop, utc(0, 18))

    def test_move_during_time_off_refused(self):
        with self.assertRaisesRegex(ValidationError, "Thomas does not work"):
            self._move(self.julie_cut, utc(1, 14), stylist=self.thomas)
        self._assert_not_moved(self.julie_cut, utc(0, 10), self.julie)
        with self.assertRaisesRegex(ValidationError, "Thomas does not work"):
            self._move(self.julie_cut, utc(5, 10), stylist=self.thomas)  # holiday
        self._move(self.julie_cut, utc(1, 12, 30), stylist=self.thomas)
        self.assertEqual(self.julie_cut.salon_employee_id, self.thomas)

    def test_move_to_a_stylist_without_the_service_refused(self):
        with self.assertRaisesRegex(ValidationError, "Sofia does not perform Cut"):
            self._move(self.julie_cut, utc(0, 10), stylist=self.sofia)
        self._assert_not_moved(self.julie_cut, utc(0, 10), self.julie)

    def test_move_of_a_done_appointment_refused(self):
        self.julie_cut.action_salon_check_in()
        self.julie_cut.action_salon_done()
        with self.assertRaisesRegex(UserError, "Done: it can no longer be moved"):
            self._move(self.julie_cut, utc(0, 15))
        with self.assertRaisesRegex(UserError, "Cancelled: it can no longer be moved"):
            self._move(self.cancelled, utc(0, 15))
        self._assert_not_moved(self.julie_cut, utc(0, 10), self.julie)

    def test_move_without_write_access_refused(self):
        portal = new_test_user(
            self.env, login="agenda_portal", groups="base.group_portal"
        )
        accountant = new_test_user(
            self.env, login="agenda_accountant", groups="base.group_user"
        )
        for user in (portal, accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._move(self.julie_cut, utc(0, 15), user=user)
        self._assert_not_moved(self.julie_cut, utc(0, 10), self.julie)

    def test_move_emails_the_client(self):
        appointment = self.julie_cut.with_context(salon_no_mail=False)
        self._move(appointment, utc(0, 15), stylist=self.thomas)
        mail = appointment.message_ids.filtered(
            lambda m: m.subject and MOVED in m.subject
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(self.client, mail.partner_ids)
        self.assertIn("Thomas", str(mail.body))
        self.assertIn("3:00", mail.subject, "the new time, in Brussels")
        self.assertIn(appointment._salon_get_portal_url(), str(mail.body))
        self.assertEqual(mail.attachment_ids.mimetype, "text/calendar")
        # the salon's setting off, or a client without email: no email
        self.company.salon_notify_moved = False
        self._move(appointment, utc(0, 16), stylist=self.thomas)
        self.company.salon_notify_moved = True
        self.client.email = False
        self._move(appointment, utc(0, 17), stylist=self.thomas)
        self.env.invalidate_all()
        self.assertEqual(
            len(
                appointment.message_ids.filtered(
                    lambda m: m.subject and MOVED in m.subject
                )
            ),
            1,
        )
        self.assertEqual(
            len(
                appointment.message_ids.filtered(lambda m: "Moved from" in str(m.body))
            ),
            3,
        )

    def test_move_silenced_by_context(self):
        self._move(self.julie_cut, utc(0, 15))  # _book's context: salon_no_mail
        self.assertFalse(
            self.julie_cut.message_ids.filtered(
                lambda m: m.subject and MOVED in m.subject
            )
        )

    def test_move_refused_by_an_addon(self):
        """An addon refuses moves through ``_salon_check_move`` (seam)."""
        EventClass = self.registry["calendar.event"]
        original = EventClass._salon_check_move
        seen = []

        def check_move(event_self, start, stylist):
            original(event_self, start, stylist)
            seen.append((event_self.start, start, stylist))
            if stylist == self.thomas:
                # an addon's message (translated there; not a string of this addon)
                reason = "Thomas keeps his Mondays for walk-ins."
                raise UserError(reason)

        with patch.object(EventClass, "_salon_check_move", check_move):
            with self.assertRaisesRegex(UserError, "walk-ins"):
                self._move(self.julie_cut, utc(0, 15), stylist=self.thomas)
            self._assert_not_moved(self.julie_cut, utc(0, 10), self.julie)
            self._move(self.julie_cut, utc(0, 15))
        self.assertEqual(
            seen,
            [
                (utc(0, 10), utc(0, 15), self.thomas),
                (utc(0, 10), utc(0, 15), self.julie),
            ],
            "asked before the appointment is written",
        )
        self.assertEqual(self.julie_cut.start, utc(0, 15))

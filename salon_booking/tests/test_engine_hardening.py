# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The engine's hard edges: companies, order of services, working hours as
Odoo computes them, rescheduling, protected fields, deletion, recurrence,
one timezone, and what never reaches the client."""

import re
from datetime import datetime, timedelta

import pytz
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import format_datetime, format_time

from ..models import availability as av
from .common import (
    MONDAY,
    SalonAccountingCommon,
    SalonCommon,
    make_calendar,
    utc,
)
from .pos_common import SalonPosCommon
from .website_common import BRUSSELS, SalonWebsiteCommon

UTC = pytz.utc
SLOT_RE = re.compile(r'data-start="([^"]+)"[^>]*>\s*([^<]*?)\s*<')


def utc_pairs(intervals):
    """Merged aware UTC ``(start, stop)`` of Odoo's or the salon's intervals."""
    return av.merge(
        [
            (interval[0].astimezone(UTC), interval[1].astimezone(UTC))
            for interval in intervals
        ]
    )


def unfold(ics):
    """A calendar file's text with its folded lines joined again."""
    return ics.decode().replace("\r\n ", "").replace("\r\n\t", "")


@tagged("post_install", "-at_install")
class TestEngineMultiCompany(SalonCommon):
    def test_company_rule_applies_to_appointments_only(self):
        other = self.env["res.company"].create({"name": "Salon B"})
        employee_b = new_test_user(
            self.env,
            login="employee_b",
            groups="base.group_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        admin = self.env.ref("base.user_admin")
        self.assertEqual(admin.company_id, self.company)
        meeting = (
            self.env["calendar.event"]
            .with_user(admin)
            .create(
                {
                    "name": "Supplier visit",
                    "start": utc(0, 10),
                    "stop": utc(0, 11),
                    "partner_ids": [Command.set(employee_b.partner_id.ids)],
                }
            )
        )
        self.assertFalse(meeting.salon_is_appointment)
        found = (
            self.env["calendar.event"]
            .with_user(employee_b)
            .search([("name", "=", "Supplier visit")])
        )
        self.assertEqual(found, meeting, "Calendar's own rules decide for meetings")
        self.assertEqual(found.read(["name"])[0]["name"], "Supplier visit")

        appointment_a = self._book(utc(0, 10), self.cut)
        stylist_b = self.env["hr.employee"].create(
            dict(self._stylist_vals("Bea"), company_id=other.id)
        )
        self.cut.salon_employee_ids = [Command.link(stylist_b.id)]
        appointment_b = self._book(
            utc(0, 10), self.cut, stylist=stylist_b, salon_company_id=other.id
        )
        salon_user_b = new_test_user(
            self.env,
            login="salon_user_b",
            groups="salon_booking.group_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        visible = (
            self.env["calendar.event"]
            .with_user(salon_user_b)
            .search([("id", "in", (appointment_a | appointment_b | meeting).ids)])
        )
        self.assertEqual(visible, appointment_b | meeting)
        with self.assertRaises(AccessError):
            appointment_a.with_user(salon_user_b).read(["name"])


@tagged("post_install", "-at_install")
class TestEngineServicesOrder(SalonCommon):
    def test_end_follows_the_order_of_the_services(self):
        # colour: 1h then 15 min buffer; cut: 30 min then a 30 min buffer
        appointment = self._book(utc(0, 10), self.color | self.cut)
        color_line, cut_line = appointment._salon_sorted_lines()
        cut_line.buffer_after = 0.5
        self.assertEqual(appointment.stop, utc(0, 11, 45))  # 1h + 15 + 30
        self.assertEqual(appointment.salon_blocked_stop, utc(0, 12, 15))
        # the cut first: 30 + 30 min buffer + 1h colour, then its 15 min
        appointment.write(
            {"salon_line_ids": [Command.update(cut_line.id, {"sequence": -1})]}
        )
        self.assertEqual(appointment.stop, utc(0, 12))
        self.assertEqual(appointment.duration, 2.0)
        self.assertEqual(appointment.salon_blocked_stop, utc(0, 12, 15))
        self.assertEqual((cut_line.start, color_line.start), (utc(0, 10), utc(0, 11)))
        self.assertEqual(appointment.salon_service_summary, "Cut, Colour")
        # back again, writing the line itself
        color_line.sequence = -5
        self.assertEqual(appointment.stop, utc(0, 11, 45))
        self.assertEqual(appointment.salon_blocked_stop, utc(0, 12, 15))
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            (appointment.stop, appointment.duration, appointment.salon_blocked_stop),
            (utc(0, 11, 45), 1.75, utc(0, 12, 15)),
            "stored as computed",
        )


@tagged("post_install", "-at_install")
class TestEngineWorkingHours(SalonCommon):
    """The salon's working hours are the ones of Odoo's resource engine."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Leave = cls.env["resource.calendar.leaves"]
        cls.other_company = cls.env["res.company"].create({"name": "Salon B"})
        # a calendar with a stylist's own hours besides the generic ones
        cls.week = make_calendar(cls.env, "Weekdays", days=range(5))
        cls.ana = cls._stylist("Ana", cls.week)
        cls.ben = cls._stylist("Ben", cls.week)
        cls.week.attendance_ids = [
            Command.create(
                {
                    "name": "Ana's Saturday",
                    "dayofweek": "5",
                    "hour_from": 10,
                    "hour_to": 14,
                    "day_period": "morning",
                    "resource_id": cls.ana.resource_id.id,
                }
            ),
            Command.create(
                {
                    "name": "Ana's late Monday",
                    "dayofweek": "0",
                    "hour_from": 18,
                    "hour_to": 20,
                    "day_period": "afternoon",
                    "resource_id": cls.ana.resource_id.id,
                }
            ),
        ]
        # two weeks, with the section lines Odoo's form adds
        cls.two_weeks = cls.env["resource.calendar"].create(
            {
                "name": "Two weeks",
                "tz": "Europe/Brussels",
                "two_weeks_calendar": True,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": name,
                            "dayofweek": "0",
                            "hour_from": 0,
                            "hour_to": 0,
                            "day_period": "morning",
                            "week_type": week_type,
                            "sequence": sequence,
                            "display_type": "line_section",
                        }
                    )
                    for name, week_type, sequence in (
                        ("First week", "0", 0),
                        ("Second week", "1", 25),
                    )
                ]
                + [
                    Command.create(
                        {
                            "name": f"Week {week_type} day {day}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": "morning",
                            "week_type": week_type,
                            "sequence": 1 + day + 25 * int(week_type),
                        }
                    )
                    for week_type, days, hour_from, hour_to in (
                        ("0", (0, 1), 9, 13),
                        ("1", (2, 3, 4), 13, 19),
                    )
                    for day in days
                ],
            }
        )
        cls.cleo = cls._stylist("Cleo", cls.two_weeks)
        # a lunch break, in a stylist living in another timezone than the calendar
        cls.with_lunch = cls.env["resource.calendar"].create(
            {
                "name": "With lunch",
                "tz": "Europe/Brussels",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{period} {day}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for period, hour_from, hour_to in (
                        ("morning", 9, 12),
                        ("lunch", 12, 13),
                        ("afternoon", 13, 17),
                    )
                ],
            }
        )
        cls.dan = cls._stylist("Dan", cls.with_lunch, tz="Europe/London")
        # a stylist of the other company, on its own calendar
        calendar_b = make_calendar(
            cls.env["resource.calendar"].with_company(cls.other_company).env,
            "Salon B hours",
            days=range(5),
        )
        cls.oli = cls._stylist("Oli", calendar_b, company_id=cls.other_company.id)
        # public holidays: Wednesday here, Thursday in the other company
        # (a public holiday's company is computed from the environment's
        # company, when it is read first: read at once)
        holiday = Leave.create(
            {"name": "Holiday here", "date_from": utc(2, 0), "date_to": utc(3, 0)}
        )
        assert holiday.company_id == cls.company
        holiday_b = Leave.with_company(cls.other_company).create(
            {"name": "Holiday in B", "date_from": utc(3, 0), "date_to": utc(4, 0)}
        )
        assert holiday_b.company_id == cls.other_company
        # a personal leave, part of a day
        Leave.create(
            {
                "name": "Dentist",
                "resource_id": cls.ben.resource_id.id,
                "date_from": utc(1, 12),
                "date_to": utc(1, 15),
            }
        )
        # from a Monday 10:30 in Brussels, three weeks (summer time included)
        cls.start = BRUSSELS.localize(MONDAY + timedelta(hours=10, minutes=30))
        cls.start = cls.start.astimezone(UTC)
        cls.stop = cls.start + timedelta(days=21)

    @classmethod
    def _stylist(cls, name, calendar, **vals):
        return cls.env["hr.employee"].create(
            {**cls._stylist_vals(name), "resource_calendar_id": calendar.id, **vals}
        )

    def _salon(self, stylists):
        work = self.env["salon.availability"]._salon_work_intervals(
            stylists, self.start, self.stop
        )
        self.assertEqual(set(work), set(stylists.ids))
        for intervals in work.values():
            for begin, end in intervals:
                self.assertEqual(begin.utcoffset(), timedelta(), "aware UTC")
                self.assertEqual(end.utcoffset(), timedelta(), "aware UTC")
        return {stylist_id: utc_pairs(work[stylist_id]) for stylist_id in work}

    def _odoo(self, stylist):
        resource = stylist.resource_id
        intervals = stylist.resource_calendar_id._work_intervals_batch(
            self.start, self.stop, resources=resource
        )[resource.id]
        return utc_pairs(intervals)

    def _works(self, intervals, day_offset, hour, minute=0, tz=BRUSSELS):
        """Whether ``intervals`` cover the local time of a day after MONDAY."""
        moment = tz.localize(
            MONDAY + timedelta(days=day_offset, hours=hour, minutes=minute)
        ).astimezone(UTC)
        return any(begin <= moment < end for begin, end in intervals)

    def test_same_intervals_as_odoo(self):
        stylists = self.ana | self.ben | self.cleo | self.dan | self.oli
        salon = self._salon(stylists)
        for stylist in stylists:
            with self.subTest(stylist=stylist.name):
                self.assertTrue(salon[stylist.id])
                self.assertEqual(salon[stylist.id], self._odoo(stylist))
        ana, ben, cleo, dan, oli = (salon[s.id] for s in stylists)
        # the bounds cut the first day
        self.assertEqual(ana[0][0], self.start)
        # own attendances: Ana only
        self.assertTrue(self._works(ana, 5, 11))
        self.assertFalse(self._works(ben, 5, 11))
        self.assertTrue(self._works(ana, 7, 19))
        self.assertFalse(self._works(ben, 7, 19))
        # the personal leave
        self.assertTrue(self._works(ana, 1, 13))
        self.assertFalse(self._works(ben, 1, 13))
        self.assertTrue(self._works(ben, 1, 11))
        # the public holiday of the stylist's company only
        self.assertFalse(self._works(ana, 2, 11))
        self.assertTrue(self._works(ana, 3, 11))
        self.assertTrue(self._works(oli, 2, 11))
        self.assertFalse(self._works(oli, 3, 11))
        self.assertTrue(self._works(oli, 4, 11))
        # two weeks
        week_a = av.week_type(MONDAY.date())
        monday_works = [self._works(cleo, 7 * week, 10) for week in range(3)]
        friday_works = [self._works(cleo, 7 * week + 4, 14) for week in range(3)]
        self.assertEqual(monday_works, [week_a == 0, week_a == 1, week_a == 0])
        self.assertEqual(friday_works, [week_a == 1, week_a == 0, week_a == 1])
        # lunch excluded, hours in the stylist's timezone (London)
        london = pytz.timezone("Europe/London")
        self.assertTrue(self._works(dan, 0, 11, tz=london))
        self.assertFalse(self._works(dan, 0, 12, 30, tz=london))
        self.assertTrue(self._works(dan, 0, 13, tz=london))
        self.assertFalse(self._works(dan, 0, 9, 30), "9:30 in Brussels is 8:30 …")
        self.assertTrue(self._works(dan, 0, 17, 30), "… 17:30 is 16:30 in London")

    def test_flexible_hours_work_the_salon_opening_hours(self):
        opening = make_calendar(
            self.env, "Opening", days=range(6), hour_from=10, hour_to=19
        )
        self.company.resource_calendar_id = opening
        flexible = self.env["resource.calendar"].create(
            {
                "name": "Flexible",
                "tz": "Europe/Brussels",
                "flexible_hours": True,
                "hours_per_day": 7.0,
                "full_time_required_hours": 35.0,
                "attendance_ids": [Command.clear()],
            }
        )
        eva = self._stylist("Eva", flexible)
        finn = self._stylist("Finn", flexible)
        finn.resource_calendar_id = False  # fully flexible
        self.assertTrue(eva.resource_id._is_flexible())
        self.assertTrue(finn.resource_id._is_fully_flexible())
        Leave = self.env["resource.calendar.leaves"]
        eva_leave = Leave.create(
            {
                "name": "Eva's hour off",
                "resource_id": eva.resource_id.id,
                "date_from": utc(1, 11),
                "date_to": utc(1, 12),
            }
        )
        self.assertEqual(eva_leave.calendar_id, flexible, "as Odoo stores it")
        Leave.create(
            {
                "name": "Finn's hour off",
                "resource_id": finn.resource_id.id,
                "date_from": utc(3, 15),
                "date_to": utc(3, 16),
            }
        )
        salon = self._salon(eva | finn)
        for stylist in eva | finn:
            with self.subTest(stylist=stylist.name):
                resource = stylist.resource_id
                tz = pytz.timezone(stylist.tz)
                hours = opening._attendance_intervals_batch(
                    self.start, self.stop, tz=tz
                )[False]
                leaves = opening._leave_intervals_batch(
                    self.start, self.stop, resources=resource
                )[resource.id]
                if stylist.resource_calendar_id:
                    leaves |= stylist.resource_calendar_id._leave_intervals_batch(
                        self.start, self.stop, resources=resource
                    )[resource.id]
                self.assertEqual(salon[stylist.id], utc_pairs(hours - leaves))
        eva_work, finn_work = salon[eva.id], salon[finn.id]
        # the salon's opening hours, not the whole day
        self.assertTrue(self._works(eva_work, 0, 18, 30))
        self.assertFalse(self._works(eva_work, 0, 9, 30))
        self.assertFalse(self._works(eva_work, 0, 19, 30))
        # a leave takes whole days; the public holiday applies
        self.assertFalse(self._works(eva_work, 1, 16))
        self.assertTrue(self._works(finn_work, 1, 16))
        self.assertFalse(self._works(finn_work, 3, 10, 30))
        self.assertTrue(self._works(eva_work, 3, 10, 30))
        self.assertFalse(self._works(eva_work, 2, 12))
        self.assertFalse(self._works(finn_work, 2, 12))


@tagged("post_install", "-at_install")
class TestEngineRescheduling(SalonCommon):
    def _reminders(self, appointment):
        return appointment.message_ids.filtered(
            lambda message: (message.subject or "").startswith("Reminder")
        )

    def test_new_time_gets_its_reminder(self):
        appointment = self._book(utc(1, 10), self.cut)
        Event = self.env["calendar.event"]
        with freeze_time(utc(0, 12)):
            self.assertEqual(Event._cron_salon_send_reminders(), appointment)
        self.assertTrue(appointment.salon_reminder_sent)
        self.assertEqual(len(self._reminders(appointment)), 1)
        with freeze_time(utc(0, 13)):
            appointment.start = utc(1, 13)  # 23 hours later
        self.assertFalse(appointment.salon_reminder_sent)
        with freeze_time(utc(0, 14)):
            self.assertEqual(Event._cron_salon_send_reminders(), appointment)
            self.assertFalse(Event._cron_salon_send_reminders(), "once per time")
        reminders = self._reminders(appointment)
        self.assertEqual(len(reminders), 2)
        new_time = format_datetime(
            self.env, utc(1, 13), tz="Europe/Brussels", dt_format="medium"
        )
        self.assertIn(new_time, reminders[0].subject)
        # a change that does not move it keeps the reminder sent
        appointment.salon_staff_note = "<p>Bring the colour chart</p>"
        self.assertTrue(appointment.salon_reminder_sent)

    def test_client_is_required(self):
        appointment = self._book(utc(0, 10), self.cut)
        with self.assertRaisesRegex(ValidationError, "needs a client"):
            appointment.write({"salon_partner_id": False})


@tagged("post_install", "-at_install")
class TestEngineProtectedFields(SalonCommon):
    def test_internal_user_without_salon_rights(self):
        appointment = self._book(utc(0, 10), self.cut)
        token = appointment.salon_access_token
        employee = new_test_user(self.env, login="accountant", groups="base.group_user")
        as_employee = appointment.with_user(employee)
        self.assertEqual(as_employee.read(["salon_state"])[0]["salon_state"], "booked")
        attempts = [
            ({"salon_state": "done"}, {}, UserError),
            ({"salon_state": "done"}, {"salon_state_change": True}, UserError),
            ({"salon_access_token": "stolen"}, {}, AccessError),
            ({"salon_invoice_ids": [Command.set([])]}, {}, AccessError),
            ({"salon_reminder_sent": True}, {}, AccessError),
            ({"salon_checked_in_at": fields.Datetime.now()}, {}, AccessError),
        ]
        for vals, context, error in attempts:
            with (
                self.subTest(vals=vals, context=context),
                self.assertRaises(error),
            ):
                as_employee.with_context(**context).write(vals)
        with self.assertRaises(AccessError):
            as_employee.action_salon_check_in()
        self.env.invalidate_all()
        self.assertEqual(appointment.salon_state, "booked")
        self.assertEqual(appointment.salon_access_token, token)
        self.assertFalse(appointment.salon_reminder_sent)
        self.assertFalse(appointment.salon_checked_in_at)
        # the salon's staff uses the buttons
        as_staff = appointment.with_user(self.salon_user)
        with self.assertRaisesRegex(UserError, "Use the buttons"):
            as_staff.with_context(salon_state_change=True).write(
                {"salon_state": "done"}
            )
        as_staff.action_salon_check_in()
        as_staff.action_salon_done()
        self.assertEqual(appointment.salon_state, "done")
        self.assertTrue(appointment.salon_checked_in_at)


@tagged("post_install", "-at_install")
class TestEngineRecurrence(SalonCommon):
    def _count(self):
        return (
            self.env["calendar.event"]
            .with_context(active_test=False)
            .search_count([("salon_is_appointment", "=", True)])
        )

    def test_all_day_refused(self):
        self._book(utc(0, 9), self.cut)  # Julie is busy from 9:00
        before = self._count()
        with (
            self.assertRaisesRegex(ValidationError, "cannot last all day"),
            self.env.cr.savepoint(),
        ):
            self._book(utc(0, 9), self.cut, allday=True)
        appointment = self._book(utc(1, 9), self.cut)
        with (
            self.assertRaisesRegex(ValidationError, "cannot last all day"),
            self.env.cr.savepoint(),
        ):
            appointment.write({"allday": True})
        self.env.invalidate_all()
        self.assertFalse(appointment.allday)
        self.assertEqual(appointment.start, utc(1, 9))
        self.assertEqual(self._count(), before + 1)

    def test_recurrence_refused(self):
        # Julie is busy on Tuesday from 9:00 to 11:15: a repetition would overlap
        self._book(utc(1, 9), self.color | self.cut | self.blowdry)
        before = self._count()
        recurrence = {
            "recurrency": True,
            "rrule_type": "daily",
            "end_type": "count",
            "count": 3,
        }
        with (
            self.assertRaisesRegex(ValidationError, "cannot repeat"),
            self.env.cr.savepoint(),
        ):
            self._book(utc(0, 10), self.cut, **recurrence)
        appointment = self._book(utc(0, 10), self.cut)
        with (
            self.assertRaisesRegex(ValidationError, "cannot repeat"),
            self.env.cr.savepoint(),
        ):
            appointment.write(recurrence)
        self.env.invalidate_all()
        self.assertFalse(appointment.recurrency)
        self.assertFalse(appointment.recurrence_id)
        self.assertEqual(self._count(), before + 1)
        self.assertFalse(self.env["calendar.recurrence"].search([]))


@tagged("post_install", "-at_install")
class TestEngineDeletionWithMoney(SalonAccountingCommon):
    def test_paid_invoice_forbids_deletion(self):
        appointment = self._book(utc(0, 9), self.cut)
        appointment.action_salon_create_invoice()
        invoice = appointment.salon_invoice_ids
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": invoice.amount_total})._create_payments()
        self.assertEqual(appointment.salon_payment_state, "paid")
        with self.assertRaisesRegex(UserError, "cancel it instead of deleting it"):
            appointment.unlink()
        self.assertTrue(appointment.exists())
        free = self._book(utc(0, 11), self.cut)
        free.unlink()
        self.assertFalse(free.exists())


@tagged("post_install", "-at_install")
class TestEnginePos(SalonPosCommon):
    """Paid POS orders keep their appointment; the POS day is the salon's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stylist.tz = cls.client.tz = "Asia/Tokyo"

    def test_paid_pos_order_forbids_deletion(self):
        self.open_new_session()
        now = fields.Datetime.now().replace(microsecond=0)
        appointment = self._appointment(now)
        data = self.create_ui_order_data(
            [(self.cut, 1)], customer=appointment.salon_partner_id
        )
        data["lines"][0][2]["salon_appointment_line_id"] = appointment.salon_line_ids.id
        data["salon_appointment_id"] = appointment.id
        self.env["pos.order"].sync_from_ui([data])
        self.assertEqual(appointment.salon_payment_state, "paid")
        with self.assertRaisesRegex(UserError, "cancel it instead of deleting it"):
            appointment.unlink()
        self.assertTrue(appointment.exists())
        free = self._appointment(now + timedelta(hours=2))
        free.unlink()
        self.assertFalse(free.exists())

    def test_pos_day_is_the_salons(self):
        self.open_new_session()
        self.env.user.tz = "America/New_York"
        self.company.salon_tz = "Europe/Brussels"
        # Monday 23:30 in Brussels; Tuesday 00:15; Tuesday 09:00
        monday_late = self._appointment(datetime(2026, 3, 9, 22, 30))
        tuesday_night = self._appointment(datetime(2026, 3, 9, 23, 15))
        tuesday = self._appointment(datetime(2026, 3, 10, 8, 0))
        Event = self.env["calendar.event"]

        def today():
            return (
                Event._salon_today_bounds(self.company),
                Event.search(Event._salon_pos_domain(self.pos_session)),
            )

        # Tuesday 00:30 in Brussels, still Monday in UTC and New York
        with freeze_time("2026-03-09 23:30:00"):
            bounds, loaded = today()
        self.assertEqual(
            bounds, (datetime(2026, 3, 9, 23, 0), datetime(2026, 3, 10, 23, 0))
        )
        self.assertEqual(loaded, tuesday_night | tuesday)
        self.company.salon_tz = "America/New_York"
        with freeze_time("2026-03-09 23:30:00"):
            bounds, loaded = today()
        self.assertEqual(
            bounds, (datetime(2026, 3, 9, 4, 0), datetime(2026, 3, 10, 4, 0))
        )
        self.assertEqual(loaded, monday_late | tuesday_night)


@tagged("post_install", "-at_install")
class TestEngineTimezone(SalonCommon):
    """The salon's timezone, whatever the user's, the stylist's, the client's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.salon_tz = "Europe/Brussels"
        # Julie works 9:00-18:00 in Tokyo: 00:00-09:00 UTC, 01:00-10:00 in Brussels
        cls.julie.tz = "Asia/Tokyo"
        cls.client.tz = "Asia/Tokyo"
        cls.new_yorker = new_test_user(
            cls.env,
            login="salon_new_york",
            groups="salon_booking.group_user",
            tz="America/New_York",
        )

    def _wizard_labels(self):
        with freeze_time("2026-03-08 12:00:00"):
            wizard = (
                self.env["salon.booking.wizard"]
                .with_user(self.new_yorker)
                .create(
                    {
                        "product_ids": [Command.set(self.cut.ids)],
                        "employee_id": self.julie.id,
                        "date": MONDAY.date(),
                    }
                )
            )
            return [(slot.start, slot.time_label) for slot in wizard.slot_ids]

    def _local(self, moment, tz):
        return UTC.localize(moment).astimezone(pytz.timezone(tz)).strftime("%H:%M")

    def test_booking_wizard_times(self):
        slots = self._wizard_labels()
        self.assertEqual(slots[0], (datetime(2026, 3, 9, 0, 0), "01:00"))
        self.assertEqual(slots[-1], (datetime(2026, 3, 9, 8, 30), "09:30"))
        for start, label in slots:
            self.assertEqual(label, self._local(start, "Europe/Brussels"))
        self.company.salon_tz = "Asia/Kolkata"
        slots = self._wizard_labels()
        self.assertEqual(slots[0], (datetime(2026, 3, 9, 0, 0), "05:30"))
        for start, label in slots:
            self.assertEqual(label, self._local(start, "Asia/Kolkata"))

    def test_emails(self):
        appointment = (
            self.env["calendar.event"]
            .with_user(self.new_yorker)
            .create(
                {
                    "salon_partner_id": self.client.id,
                    "salon_employee_id": self.julie.id,
                    "start": utc(0, 10),  # 10:00 in Brussels
                    "salon_line_ids": [Command.create({"product_id": self.cut.id})],
                }
            )
        )

        def subject():
            messages = appointment.message_ids.filtered(
                lambda m: (m.subject or "").startswith("Your appointment at")
            )
            return messages[0].subject

        def when(tz):
            return format_datetime(
                self.env, utc(0, 10), tz=tz, dt_format="medium", lang_code="en_US"
            )

        self.assertIn(" 10:00:00", when("Europe/Brussels"))
        self.assertTrue(subject().endswith(f" on {when('Europe/Brussels')}"))
        self.company.salon_tz = "Asia/Kolkata"
        appointment._salon_send_mail("salon_booking.mail_template_salon_confirmation")
        self.assertIn(" 2:30:00", when("Asia/Kolkata"))
        self.assertTrue(subject().endswith(f" on {when('Asia/Kolkata')}"))


class EngineWebsiteCommon(SalonWebsiteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paula = cls.portal_user.partner_id
        cls.company.partner_id.write(
            {"street": "Rue Haute 12", "zip": "1000", "city": "Brussels"}
        )

    def _detail(self, appointment, token, suffix=""):
        return self._get(
            f"/my/salon/appointments/{appointment.id}{suffix}?access_token={token}"
        )


@tagged("post_install", "-at_install")
class TestEngineClientLinks(EngineWebsiteCommon):
    def test_new_client_gets_a_new_link(self):
        appointment = self._book(self._at(self.day, 10), self.cut, client=self.paula)
        old = appointment._salon_ensure_access_token()
        self.authenticate(None, None)
        self.assertEqual(self._detail(appointment, old).status_code, 200)
        appointment.salon_partner_id = self.other_client
        new = appointment.salon_access_token
        self.assertTrue(new)
        self.assertNotEqual(new, old)
        self.assertEqual(self._detail(appointment, old).status_code, 404)
        self.assertEqual(self._detail(appointment, old, "/ics").status_code, 404)
        self.assertEqual(self._detail(appointment, new).status_code, 200)
        # the same client again keeps the link
        appointment.write({"salon_partner_id": self.other_client.id})
        self.assertEqual(appointment.salon_access_token, new)


@tagged("post_install", "-at_install")
class TestEngineWebsiteTimezone(EngineWebsiteCommon):
    def _slots(self):
        response = self._get(
            f"/salon/booking/slots?services={self.cut.id}&stylist={self.julie.id}"
            f"&date={self.day.isoformat()}"
        )
        self.assertEqual(response.status_code, 200)
        slots = [
            (fields.Datetime.to_datetime(start), label)
            for start, label in SLOT_RE.findall(response.text)
        ]
        self.assertTrue(slots)
        return slots

    def _label(self, moment, tz):
        return format_time(
            self.env, moment, tz=tz, time_format="short", lang_code="en_US"
        )

    def test_website_slots_in_the_salons_time(self):
        self.company.salon_tz = "Europe/Brussels"
        self.julie.tz = "Asia/Tokyo"  # works 9:00-18:00 in Tokyo: 0:00-9:00 UTC
        self.other_portal_user.tz = "America/New_York"
        self.authenticate("salon_portal_other", "salon_portal_other")
        first_start = datetime.combine(self.day, datetime.min.time())
        for tz in ("Europe/Brussels", "Asia/Kolkata"):
            self.company.salon_tz = tz
            slots = self._slots()
            self.assertEqual(slots[0][0], first_start)
            local = UTC.localize(first_start).astimezone(pytz.timezone(tz))
            self.assertTrue(
                slots[0][1].startswith(f"{local.hour % 12 or 12}:{local.minute:02d}"),
                f"{slots[0][1]} is {local:%H:%M} in {tz}",
            )
            for start, label in slots:
                self.assertEqual(label, self._label(start, tz))
                for other in ("America/New_York", "Asia/Tokyo", "UTC"):
                    self.assertNotEqual(label, self._label(start, other))


@tagged("post_install", "-at_install")
class TestEngineStaffNotes(EngineWebsiteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stylist_user = new_test_user(
            cls.env,
            login="julie_staff",
            groups="salon_booking.group_user",
            name="Julie Staff",
            email="julie.staff@example.com",
        )
        cls.julie.user_id = cls.stylist_user
        cls.start = cls._at(cls.day, 10)
        # emails on: the confirmation carries the calendar file
        cls.appointment = cls.env["calendar.event"].create(
            {
                "salon_partner_id": cls.paula.id,
                "salon_employee_id": cls.julie.id,
                "start": cls.start,
                "salon_line_ids": [
                    Command.create({"product_id": cls.cut.id, "sequence": 1}),
                    Command.create({"product_id": cls.blowdry.id, "sequence": 2}),
                ],
                "partner_ids": [
                    Command.set(
                        (cls.paula | cls.other_client | cls.stylist_user.partner_id).ids
                    )
                ],
                "salon_staff_note": "<p>Colour allergy, very chatty</p>",
            }
        )
        cls.token = cls.appointment._salon_ensure_access_token()

    SECRETS = (
        "allergy",
        "chatty",
        "ATTENDEE",
        "luc@example.com",
        "julie.staff@example.com",
    )

    def _assert_client_ics(self, ics):
        text = unfold(ics)
        self.assertIn("BEGIN:VEVENT", text)
        self.assertIn(f"SUMMARY:{self.company.name}: Cut\\, Blow-dry", text)
        self.assertIn(f"DTSTART:{self.start:%Y%m%dT%H%M%S}Z", text)
        self.assertIn(f"DTEND:{self.start + timedelta(hours=1):%Y%m%dT%H%M%S}Z", text)
        location = next(
            line for line in text.splitlines() if line.startswith("LOCATION")
        )
        self.assertIn("Rue Haute 12", location)
        self.assertIn(self.company.name, location)
        for secret in self.SECRETS:
            self.assertNotIn(secret, text)

    def test_portal_client_cannot_read_staff_notes(self):
        self.assertIn("allergy", self.appointment.salon_staff_note)
        as_client = self.appointment.with_user(self.portal_user)
        self.assertEqual(as_client.read(["name"])[0]["id"], self.appointment.id)
        with self.assertRaises(AccessError):
            as_client.read(["salon_staff_note"])
        self.authenticate("salon_portal", "salon_portal")

        def read(field_names):
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "calendar.event",
                    "method": "read",
                    "args": [self.appointment.ids, field_names],
                    "kwargs": {},
                },
            )

        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            read(["salon_staff_note"])
        [values] = read(["description", "name"])
        self.assertNotIn("allergy", str(values["description"] or ""))
        self.assertNotIn("allergy", values["name"])

    def test_calendar_file_from_the_portal(self):
        self.authenticate(None, None)
        response = self._detail(self.appointment, self.token, "/ics")
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/calendar", response.headers["Content-Type"])
        self._assert_client_ics(response.content)

    def test_calendar_file_of_the_confirmation_email(self):
        confirmation = self.appointment.message_ids.filtered(
            lambda m: (m.subject or "").startswith("Your appointment at")
        )
        self.assertEqual(len(confirmation), 1)
        self.assertEqual(confirmation.attachment_ids.mimetype, "text/calendar")
        self._assert_client_ics(confirmation.attachment_ids.raw)
        self.assertNotIn("allergy", str(confirmation.body))

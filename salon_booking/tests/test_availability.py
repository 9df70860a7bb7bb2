# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

import pytz

from odoo.fields import Command
from odoo.tests import BaseCase, tagged

from ..models import availability as av
from .common import MONDAY, SalonCommon, utc

BXL = pytz.timezone("Europe/Brussels")


def local(day_offset, hour, minute=0):
    """Aware Brussels datetime ``day_offset`` days after MONDAY."""
    return BXL.localize(MONDAY + timedelta(days=day_offset, hours=hour, minutes=minute))


def minutes(count):
    return timedelta(minutes=count)


@tagged("post_install", "-at_install")
class TestAvailabilityFunctions(BaseCase):
    """The scheduling maths, directly."""

    def test_merge_and_subtract(self):
        a, b, c, d = (local(0, h) for h in (9, 10, 11, 12))
        self.assertEqual(av.merge([(c, d), (a, b), (b, c)]), [(a, d)])
        self.assertEqual(av.merge([(a, b), (c, d)]), [(a, b), (c, d)])
        self.assertEqual(av.subtract([(a, d)], [(b, c)]), [(a, b), (c, d)])
        self.assertEqual(av.subtract([(a, b)], [(a, d)]), [])
        self.assertEqual(av.subtract([(a, d)], []), [(a, d)])

    def test_work_intervals_weekly_rules(self):
        rules = [
            av.Attendance(0, 9, 12),
            av.Attendance(0, 13, 18),
            av.Attendance(2, 10, 16),
        ]
        week = av.work_intervals(rules, "Europe/Brussels", local(0, 0), local(7, 0))
        self.assertEqual(
            week,
            [
                (local(0, 9), local(0, 12)),
                (local(0, 13), local(0, 18)),
                (local(2, 10), local(2, 16)),
            ],
        )
        # bounds cut the intervals
        morning = av.work_intervals(
            rules, "Europe/Brussels", local(0, 10), local(0, 11)
        )
        self.assertEqual(morning, [(local(0, 10), local(0, 11))])

    def test_work_intervals_two_weeks_and_dates(self):
        this_week = av.week_type(MONDAY.date())
        rules = [
            av.Attendance(0, 9, 12, week_type=this_week),
            av.Attendance(0, 14, 18, week_type=1 - this_week),
            av.Attendance(1, 9, 12, date_from=date(2026, 3, 17)),
        ]
        result = av.work_intervals(
            rules, "Europe/Brussels", local(0, 0), local(9, 0), two_weeks=True
        )
        self.assertEqual(
            result,
            [
                (local(0, 9), local(0, 12)),  # week A Monday
                (local(7, 14), local(7, 18)),  # week B Monday
                (local(8, 9), local(8, 12)),  # Tuesday rule starts on the 17th
            ],
        )

    def test_sequence_span(self):
        services = [(minutes(60), minutes(15)), (minutes(30), minutes(10))]
        self.assertEqual(av.sequence_span(services), (minutes(105), minutes(115)))
        self.assertEqual(av.sequence_span([]), (timedelta(), timedelta()))

    def test_free_starts_grid_busy_buffer_lead(self):
        work = [(local(0, 9), local(0, 12))]
        busy = [(local(0, 10), local(0, 10, 45))]
        starts = av.free_starts(
            work, busy, minutes(30), minutes(45), minutes(30), tz="Europe/Brussels"
        )
        # 09:30 would block until 10:15 (buffer): refused; 10:45 is free again
        self.assertEqual(
            starts,
            [local(0, 9), local(0, 11), local(0, 11, 30)],
        )
        self.assertNotIn(local(0, 10, 30), starts)
        later = av.free_starts(
            work,
            [],
            minutes(30),
            minutes(30),
            minutes(30),
            not_before=local(0, 10, 5),
            tz="Europe/Brussels",
        )
        self.assertEqual(later[0], local(0, 10, 30), "aligned on the grid after lead")
        self.assertEqual(later[-1], local(0, 11, 30), "service must end by closing")

    def test_free_starts_buffer_may_pass_closing(self):
        work = [(local(0, 9), local(0, 10))]
        starts = av.free_starts(
            work, [], minutes(60), minutes(90), minutes(15), tz="Europe/Brussels"
        )
        self.assertEqual(starts, [local(0, 9)])

    def test_pick_stylist(self):
        self.assertEqual(av.pick_stylist([3, 1, 2], {3: 5, 1: 2, 2: 2}), 1)
        self.assertEqual(av.pick_stylist([3, 1], {}), 3)


@tagged("post_install", "-at_install")
class TestAvailabilityEngine(SalonCommon):
    """The model entry point: working hours, leaves, bookings, no preference."""

    def _slots(self, products, day=0, employees=None, **kwargs):
        start = BXL.localize(MONDAY + timedelta(days=day))
        return self.env["salon.availability"]._salon_find_slots(
            products, start, start + timedelta(days=1), stylists=employees, **kwargs
        )

    def _times(self, slots, stylist=None):
        return [
            moment
            for moment, stylist_ids in slots
            if stylist is None or stylist.id in stylist_ids
        ]

    def test_working_hours(self):
        times = self._times(self._slots(self.cut, employees=self.julie))
        self.assertEqual(times[0], utc(0, 9))
        self.assertEqual(times[-1], utc(0, 17, 30))
        self.assertEqual(len(times), 35)  # 09:00 .. 17:30 every 15 minutes
        self.assertFalse(self._slots(self.cut, day=6), "closed on Sunday")

    def test_stylist_leave_and_public_holiday(self):
        Leave = self.env["resource.calendar.leaves"]
        Leave.create(
            {
                "name": "Dentist",
                "resource_id": self.julie.resource_id.id,
                "calendar_id": self.calendar.id,
                "date_from": utc(0, 9),
                "date_to": utc(0, 13),
            }
        )
        times = self._times(self._slots(self.cut, employees=self.julie))
        self.assertEqual(times[0], utc(0, 13))
        thomas_times = self._times(self._slots(self.cut, employees=self.thomas))
        self.assertEqual(thomas_times[0], utc(0, 9), "others keep working")
        Leave.create(
            {"name": "Easter Monday", "date_from": utc(0, 0), "date_to": utc(1, 0)}
        )
        self.assertFalse(self._slots(self.cut), "a public holiday closes the salon")

    def test_existing_appointment_and_buffer(self):
        self._book(utc(0, 10), self.color)  # 10:00-11:00, busy until 11:15
        times = self._times(self._slots(self.cut, employees=self.julie))
        self.assertIn(utc(0, 9, 30), times)
        self.assertNotIn(utc(0, 9, 45), times, "would end inside the colour")
        for blocked in (utc(0, 10), utc(0, 11)):
            self.assertNotIn(blocked, times)
        self.assertIn(utc(0, 11, 15), times, "free once the buffer is over")

    def test_cancelled_appointment_frees_time(self):
        appointment = self._book(utc(0, 10), self.cut)
        self.assertNotIn(
            utc(0, 10), self._times(self._slots(self.cut, employees=self.julie))
        )
        appointment.action_salon_cancel()
        self.assertIn(
            utc(0, 10), self._times(self._slots(self.cut, employees=self.julie))
        )

    def test_multi_service_sequence(self):
        # colour (1h + 15 min buffer) then cut (30 min): 1h45 in all
        slots = self._slots(self.color | self.cut, employees=self.julie)
        times = self._times(slots)
        self.assertEqual(times[-1], utc(0, 16, 15), "must end by 18:00")
        self._book(utc(0, 12), self.cut)
        times = self._times(self._slots(self.color | self.cut, employees=self.julie))
        self.assertIn(utc(0, 10, 15), times)  # ends 12:00 sharp
        self.assertNotIn(utc(0, 10, 30), times)

    def test_no_preference(self):
        slots = dict(self._slots(self.cut))
        self.assertEqual(
            set(slots[utc(0, 9)]),
            {self.julie.id, self.thomas.id},
            "only stylists performing the service",
        )
        self._book(utc(0, 9), self.cut, stylist=self.julie)
        slots = dict(self._slots(self.cut))
        self.assertEqual(slots[utc(0, 9)], [self.thomas.id])
        both = {
            sid for _moment, sids in self._slots(self.cut | self.color) for sid in sids
        }
        self.assertEqual(both, {self.julie.id}, "only Julie performs cut and colour")

    def test_lead_time_and_exclude(self):
        appointment = self._book(utc(0, 9), self.cut)
        times = self._times(
            self._slots(self.cut, employees=self.julie, not_before=utc(0, 14, 5))
        )
        self.assertEqual(times[0], utc(0, 14, 15))
        rescheduling = self._times(
            self._slots(self.cut, employees=self.julie, exclude=appointment)
        )
        self.assertIn(utc(0, 9), rescheduling)

    def test_constant_queries(self):
        """Same number of queries for 2 stylists x 1 day and 8 stylists x 7 days."""
        extra = self.env["hr.employee"].create(
            [self._stylist_vals(f"Stylist {i}") for i in range(6)]
        )
        self.cut.salon_employee_ids = [Command.link(e.id) for e in extra]
        for index, stylist in enumerate(self.julie | self.thomas | extra):
            self._book(utc(index % 5, 10), self.cut, stylist=stylist)
        start = BXL.localize(MONDAY)
        small = self.julie | self.thomas
        large = small | extra

        def run(stylists, days):
            self.env.invalidate_all()
            return self.env["salon.availability"]._salon_find_slots(
                self.cut, start, start + timedelta(days=days), stylists=stylists
            )

        with self.assertQueryCount(9):
            small_slots = run(small, 1)
        with self.assertQueryCount(9):
            large_slots = run(large, 7)
        self.assertGreater(len(large_slots), len(small_slots))
        self.assertEqual(datetime, type(large_slots[0][0]))

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Twenty clients taking the same stylist and time at once.

Each client is a real transaction on its own connection, outside any test
transaction (whose locks would serialise them), started together by a
barrier, as the workers of a server would run them. What they book is
committed and removed at the end, as in ``TestConcurrentBooking``.

Before the per-stylist lock, such a race deadlocked inside the exclusion
constraint's check: the losers got a 500 after 61 to 80 seconds and the
winner waited 72 seconds.
"""

import logging
import sys
import threading
import time
import traceback
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytz

from odoo import SUPERUSER_ID, api, sql_db
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

from odoo.addons.salon_booking.models.salon_online_booking import BookingError

from .common import make_calendar, make_service

_logger = logging.getLogger(__name__)

CLIENTS = 20
TZ = "Europe/Brussels"
# Measured on this 2-core machine with other test runs going on (20 clients,
# about 15 runs): one stylist: the winner commits 0.5-1.4 s after the start,
# the last loser has its answer 0.3-0.6 s after that commit, the whole race
# takes 0.8-2.1 s; "no preference" (three winners, the losers trying each
# stylist): 0.4-1.2 s after the last commit, 1.7-3.5 s in all; moves: 0.3-0.8 s
# after the commit, 0.7-1.5 s in all. Without the stylist's lock, the one
# stylist test took about 16 s and the losers got "deadlock detected"; in the
# issue, behind Odoo's retries, they got a 500 after 61 to 80 s (the winner
# waited 72 s): these bounds leave room for a loaded machine and still fail
# by far.
LOSERS_AFTER_COMMIT = 4.0
WHOLE_RACE = 12.0
# a thread that never ends is a deadlock: give up on it then
JOIN_TIMEOUT = 30


class ErrorRecords(logging.Handler):
    """Collects the errors logged while a race runs."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage()[:300])


class SalonRaceCase(BaseCase):
    """Salon data committed apart, and a race of transactions on it."""

    # the salon's settings for the race (restored afterwards)
    COMPANY_SETTINGS = {
        "salon_tz": TZ,
        "salon_slot_step": 15,
        "salon_online_window_days": 60,
        "salon_online_lead_time": 2.0,
        "salon_cancel_deadline_hours": 24,
        "salon_online_policy": False,
    }

    def setUp(self):
        super().setUp()
        self.dbname = get_db_name()
        self.token = uuid.uuid4().hex[:8]
        # ten days ahead at 10:00 in the salon: inside the online window
        day = datetime.now(pytz.timezone(TZ)).date() + timedelta(days=10)
        self.start = self.local(day, 10)
        self.day = day

    def local(self, day, hour, minute=0):
        """Naive UTC datetime of ``hour:minute`` in the salon on ``day``."""
        moment = pytz.timezone(TZ).localize(
            datetime(day.year, day.month, day.day, hour, minute)
        )
        return moment.astimezone(pytz.utc).replace(tzinfo=None)

    @contextmanager
    def committed_salon(self, stylists=1):
        """A salon with ``stylists`` stylists bookable online and one service
        (30 minutes and a 15-minute buffer) they all perform, committed.

        Yields a dict of ids; everything made here or by the race (the
        stylists' appointments, the guests of this test) is removed at the end
        and the company's settings restored.
        """
        with self.new_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env.company
            changed = {
                name: value
                for name, value in self.COMPANY_SETTINGS.items()
                if company[name] != value
            }
            old = {name: company[name] for name in changed}
            company.write(changed)
            calendar = make_calendar(
                env, f"Race hours {self.token}", range(7), 7, 22, tz=TZ
            )
            team = env["hr.employee"].create(
                [
                    {
                        "name": f"Race stylist {index} {self.token}",
                        "salon_is_stylist": True,
                        "salon_online_bookable": True,
                        "resource_calendar_id": calendar.id,
                        "tz": TZ,
                        "company_id": company.id,
                    }
                    for index in range(stylists)
                ]
            )
            service = make_service(
                env,
                f"Race cut {self.token}",
                0.5,
                30.0,
                team,
                salon_buffer_after=0.25,
                salon_online_bookable=True,
            )
            client = env["res.partner"].create(
                {"name": "Race regular", "email": f"regular@{self.token}.example.com"}
            )
            data = {
                "company": company.id,
                "calendar": calendar.id,
                "stylists": team.ids,
                "contacts": team.work_contact_id.ids,
                "service": service.id,
                "client": client.id,
                # 30 minutes and the buffer: the time an appointment holds
                "blocked": timedelta(minutes=45),
            }
        try:
            yield data
        finally:
            with self.new_cursor() as cr:
                # rather an error than waiting for a transaction stuck forever
                cr.execute("SET LOCAL lock_timeout = '30s'")
                env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
                env["calendar.event"].search(
                    [("salon_employee_id", "in", data["stylists"])]
                ).unlink()
                env["res.partner"].search(
                    [("email", "=like", f"%@{self.token}.example.com")]
                ).unlink()
                env["product.product"].browse(data["service"]).product_tmpl_id.unlink()
                env["hr.employee"].browse(data["stylists"]).unlink()
                env["res.partner"].browse(data["contacts"]).unlink()
                env["resource.calendar"].browse(data["calendar"]).unlink()
                env["res.company"].browse(data["company"]).write(old)

    def new_cursor(self):
        return sql_db.db_connect(self.dbname).cursor()

    def race(self, job, count=CLIENTS):
        """Run ``job(env, index)`` in ``count`` transactions at once.

        Each on its own connection and thread, released together; each
        commits when ``job`` returns and rolls back when it raises.

        :return: one dict per transaction: ``result`` or ``error``, and the
            monotonic times ``start``, ``committed`` (winners) and ``end``
        """
        # the thread gets its cursor and transaction from here and never
        # looks the registry up (see TestConcurrentBooking)
        registry = Registry(self.dbname)
        barrier = threading.Barrier(count)
        outcomes = [{} for _index in range(count)]

        # no email sent after the commit: mail would get a cursor from
        # Registry(dbname), whose lock the test runner holds (the salon's notes
        # are queued; appointments never send calendar invitations, but
        # calendar still asks to send none)
        context = {
            "salon_no_mail": True,
            "mail_notify_force_send": False,
            "no_mail_to_attendees": True,
        }

        def run(index, cr):
            outcome = outcomes[index]
            try:
                env = api.Environment(cr, SUPERUSER_ID, context)
                barrier.wait(timeout=JOIN_TIMEOUT)
                outcome["start"] = time.monotonic()
                outcome["result"] = job(env, index)
                # its own connection, as a server's worker would commit
                cr.commit()  # pylint: disable=invalid-commit
                outcome["committed"] = time.monotonic()
            except Exception as error:  # any error: the test reports it
                cr.rollback()
                outcome["error"] = error
            finally:
                outcome["end"] = time.monotonic()
                cr.close()

        threads = []
        for index in range(count):
            cr = self.new_cursor()
            cr.transaction = api.Transaction(registry)
            # a deadlocked thread must not keep the test run from ending
            threads.append(threading.Thread(target=run, args=(index, cr), daemon=True))
        sql_logger = logging.getLogger("odoo.sql_db")
        logger_state = sql_logger.handlers[:], sql_logger.propagate
        errors = ErrorRecords()
        sql_logger.addHandler(errors)
        try:
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + JOIN_TIMEOUT
            for thread in threads:
                thread.join(timeout=max(deadline - time.monotonic(), 0))
        finally:
            sql_logger.removeHandler(errors)
        frames = sys._current_frames()
        stuck = [
            "".join(traceback.format_stack(frames[thread.ident]))
            for thread in threads
            if thread.is_alive() and thread.ident in frames
        ]
        for stack in stuck:
            _logger.info("stuck transaction:\n%s", stack)
        self.assertFalse(stuck, "a transaction never ended (deadlock)")
        # the overlaps refused are expected: never reported as bad queries,
        # and the logger of the queries is left as it was for the next ones
        self.assertEqual(errors.messages, [])
        self.assertEqual((sql_logger.handlers, sql_logger.propagate), logger_state)
        return outcomes

    def split(self, outcomes):
        """``(winners, losers)``; fails on any other error than a 409."""
        winners = [outcome for outcome in outcomes if "error" not in outcome]
        losers = [outcome for outcome in outcomes if "error" in outcome]
        others = [
            repr(outcome["error"])
            for outcome in losers
            if not (
                isinstance(outcome["error"], BookingError)
                and outcome["error"].status == 409
            )
        ]
        self.assertFalse(others, "only 'this time was just taken' answers")
        return winners, losers

    def check_timing(self, outcomes, label):
        """The losers answer soon after the last winner commits; the whole
        race is over in seconds."""
        began = min(outcome["start"] for outcome in outcomes)
        committed = max(o["committed"] for o in outcomes if "committed" in o)
        ended = max(outcome["end"] for outcome in outcomes)
        losers = [o["end"] - o["start"] for o in outcomes if "error" in o]
        _logger.info(
            "%s: %s clients, last winner committed after %.2fs, last loser "
            "answered %.2fs later, losers took %.2f-%.2fs, whole race %.2fs",
            label,
            len(outcomes),
            committed - began,
            ended - committed,
            min(losers),
            max(losers),
            ended - began,
        )
        self.assertLess(ended - committed, LOSERS_AFTER_COMMIT)
        self.assertLess(ended - began, WHOLE_RACE)

    def check_alternatives(self, losers, taken, blocked):
        """Each loser is offered other times, none of them overlapping the
        appointment taken at ``taken``."""
        for outcome in losers:
            error = outcome["error"]
            self.assertIn("was just taken", str(error))
            self.assertTrue(error.alternatives, "other times are offered")
            self.assertNotIn(taken, error.alternatives)
            for moment in error.alternatives:
                self.assertTrue(
                    moment + blocked <= taken or moment >= taken + blocked,
                    f"{moment} overlaps the time just taken",
                )

    def appointments(self, data):
        """``[(stylist id, start, partner id)]`` of the race's stylists."""
        with self.new_cursor() as cr:
            cr.execute(
                "SELECT salon_employee_id, start, salon_partner_id "
                "FROM calendar_event WHERE salon_employee_id = ANY(%s) "
                "AND salon_blocks_slot ORDER BY salon_employee_id, start",
                (data["stylists"],),
            )
            return cr.fetchall()

    def guests(self):
        with self.new_cursor() as cr:
            cr.execute(
                "SELECT id FROM res_partner WHERE email LIKE %s",
                (f"guest%@{self.token}.example.com",),
            )
            return [row[0] for row in cr.fetchall()]

    def confirm_job(self, data, stylist_id):
        """A guest confirming the race's service at ``self.start`` online."""

        def confirm(env, index):
            company = env["res.company"].browse(data["company"])
            appointment, _url = env["salon.online.booking"]._salon_confirm(
                company,
                env["product.product"].browse(data["service"]),
                env["hr.employee"].browse(stylist_id or []),
                self.start,
                partner=env["res.partner"],
                contact={
                    "name": f"Guest {index}",
                    "email": f"guest{index}@{self.token}.example.com",
                    "phone": f"+32 470 00 00 {index:02d}",
                },
                options={},
            )
            return appointment.id

        return confirm


@tagged("post_install", "-at_install")
class TestConcurrentOnlineBooking(SalonRaceCase):
    def test_same_stylist_same_time(self):
        with self.committed_salon() as data:
            stylist_id = data["stylists"][0]
            outcomes = self.race(self.confirm_job(data, stylist_id))
            winners, losers = self.split(outcomes)
            self.assertEqual(len(winners), 1)
            self.assertEqual(len(losers), CLIENTS - 1)
            booked = self.appointments(data)
            self.assertEqual([row[:2] for row in booked], [(stylist_id, self.start)])
            # the losers' guests were rolled back with their booking
            self.assertEqual(self.guests(), [booked[0][2]])
            self.check_alternatives(losers, self.start, data["blocked"])
            self.check_timing(outcomes, "same stylist")

    def test_no_preference_three_stylists(self):
        with self.committed_salon(stylists=3) as data:
            outcomes = self.race(self.confirm_job(data, None))
            winners, losers = self.split(outcomes)
            self.assertEqual(len(winners), 3)
            self.assertEqual(len(losers), CLIENTS - 3)
            booked = self.appointments(data)
            self.assertEqual(
                [row[:2] for row in booked],
                [(stylist_id, self.start) for stylist_id in data["stylists"]],
            )
            self.assertEqual(sorted(self.guests()), sorted(row[2] for row in booked))
            self.check_alternatives(losers, self.start, data["blocked"])
            self.check_timing(outcomes, "no preference")


@tagged("post_install", "-at_install")
class TestConcurrentMoves(SalonRaceCase):
    def test_moves_onto_the_same_time(self):
        with self.committed_salon() as data:
            stylist_id = data["stylists"][0]
            # the stylist's appointments the next day, one after the other
            next_day = self.day + timedelta(days=1)
            starts = [
                self.local(next_day, 7) + data["blocked"] * index
                for index in range(CLIENTS)
            ]
            with self.new_cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {"salon_no_mail": True})
                ids = [
                    env["calendar.event"]
                    .create(
                        {
                            "salon_partner_id": data["client"],
                            "salon_employee_id": stylist_id,
                            "start": start,
                            "salon_line_ids": [
                                Command.create({"product_id": data["service"]})
                            ],
                        }
                    )
                    .id
                    for start in starts
                ]

            def move(env, index):
                appointment = env["calendar.event"].browse(ids[index])
                env["salon.online.booking"]._salon_portal_reschedule(
                    appointment, self.start
                )
                return appointment.id

            outcomes = self.race(move)
            winners, losers = self.split(outcomes)
            self.assertEqual(len(winners), 1)
            self.assertEqual(len(losers), CLIENTS - 1)
            moved = winners[0]["result"]
            expected = sorted(
                (stylist_id, self.start if event_id == moved else start)
                for event_id, start in zip(ids, starts, strict=True)
            )
            self.assertEqual(
                sorted(row[:2] for row in self.appointments(data)), expected
            )
            self.check_alternatives(losers, self.start, data["blocked"])
            self.check_timing(outcomes, "moves")

"""Benchmark of the online booking's slots page, over HTTP, in one run.

The page a client waits for when choosing a time: /salon/booking/slots for
"no preference" (every stylist bookable online), a salon of 20 stylists with
1 000 appointments in the booking window. Measured against Odoo's own
/web/login of the same website in the same run (each page followed by a
login page, the ratios of the pairs compared, so that a busy machine slows
both), and its queries counted server-side (requests share the test cursor in
an HttpCase): the same number at 5 and 20 stylists.
"""

import logging
import statistics
import time
from datetime import datetime, timedelta

from odoo.fields import Command

from odoo.addons.salon_booking.tests.website_common import BRUSSELS, SalonWebsiteCommon

_logger = logging.getLogger(__name__)

STYLISTS = 20
APPOINTMENTS = 1000
RUNS = 21  # timed requests of each page per round, in pairs, after warming up
ROUNDS = 3
MAX_RATIO = 1.5  # slots page / login page: median of the pairs' ratios


class TestBenchSlotsPage(SalonWebsiteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.julie | cls.thomas | cls.sofia).salon_online_bookable = False
        cls.stylists = cls.env["hr.employee"].create(
            [
                dict(
                    cls._stylist_vals(f"Bench stylist {index:02d}"),
                    salon_online_bookable=True,
                )
                for index in range(STYLISTS)
            ]
        )
        cls.cut.salon_employee_ids = [Command.set(cls.stylists.ids)]
        # 1 000 appointments spread over the booking window (60 days): 50 for
        # each stylist, at hours that move, so that every week has taken times
        today = datetime.now(BRUSSELS).date()
        window = cls.company.salon_online_window_days
        per_stylist = APPOINTMENTS // STYLISTS
        vals = []
        for index in range(APPOINTMENTS):
            stylist = cls.stylists[index % STYLISTS]
            day = today + timedelta(
                days=1 + (index // STYLISTS) * (window - 2) // per_stylist
            )
            vals.append(
                {
                    "salon_partner_id": cls.client.id,
                    "salon_employee_id": stylist.id,
                    "start": cls._at(day, 9 + (index + index // STYLISTS) % 8),
                    "salon_line_ids": [Command.create({"product_id": cls.cut.id})],
                }
            )
        cls.Event.create(vals)
        cls.week = cls._next_monday(7)  # a whole week inside the window

    def _bookable(self, count):
        self.stylists[:count].salon_online_bookable = True
        self.stylists[count:].salon_online_bookable = False
        self.env.flush_all()

    def _slots_url(self):
        return (
            f"/salon/booking/slots?services={self.cut.id}&date={self.week.isoformat()}"
        )

    def _request(self, url):
        """``(queries, seconds)`` of one GET, the page checked."""
        before = self.env.cr.sql_log_count
        start = time.perf_counter()
        response = self.url_open(url, allow_redirects=False)
        elapsed = time.perf_counter() - start
        queries = self.env.cr.sql_log_count - before
        self.assertEqual(response.status_code, 200, url)
        return queries, elapsed

    def _measure(self, count):
        """Queries and median times of the slots page and /web/login.

        Each slots page is followed by a /web/login: the ratio of each pair
        is taken at the same moment of a busy machine. The figure compared is
        the median of the ratios of a round, the best of ``ROUNDS`` rounds
        (the round least disturbed by the rest of the machine).
        """
        self._bookable(count)
        for _warm in range(3):
            self._request(self._slots_url())
            self._request("/web/login")
        rounds = []
        for _round in range(ROUNDS):
            slots, login = [], []
            for _run in range(RUNS):
                slots.append(self._request(self._slots_url()))
                login.append(self._request("/web/login"))
            rounds.append(
                {
                    "slots_queries": sorted({queries for queries, _t in slots}),
                    "slots_ms": 1000 * statistics.median(t for _q, t in slots),
                    "login_queries": sorted({queries for queries, _t in login}),
                    "login_ms": 1000 * statistics.median(t for _q, t in login),
                    "ratio": statistics.median(
                        page[1] / reference[1]
                        for page, reference in zip(slots, login, strict=True)
                    ),
                }
            )
        best = min(rounds, key=lambda result: result["ratio"])
        return dict(best, rounds=[round(result["ratio"], 2) for result in rounds])

    def test_slots_page_against_login(self):
        response = self.url_open(self._slots_url())
        self.assertIn('o_salon_slot"', response.text)
        results = {count: self._measure(count) for count in (5, STYLISTS)}
        for count, result in results.items():
            _logger.info(
                "slots page: %2d stylists, %d appointments in the window -> "
                "%s queries, %.1f ms; /web/login %s queries, %.1f ms; ratio %.2f "
                "(rounds: %s)",
                count,
                APPOINTMENTS,
                result["slots_queries"],
                result["slots_ms"],
                result["login_queries"],
                result["login_ms"],
                result["ratio"],
                result["rounds"],
            )
        self.assertEqual(
            results[5]["slots_queries"], results[STYLISTS]["slots_queries"], results
        )
        self.assertEqual(len(results[STYLISTS]["slots_queries"]), 1, results)
        self.assertLessEqual(results[STYLISTS]["ratio"], MAX_RATIO, results)

"""Benchmark of what the salon adds to the loading of a POS session, in one run.

``pos.session.load_data([])`` is the RPC the POS calls when it starts. It is
measured twice on the same session, as the cashier: as the salon loads it
(today's appointments and their services), and as a plain POS with the same
customers and products (the salon's models and ``salon_*`` fields left out).
The salon may add at most 10 % of queries and bytes; appointments on other days
(1 000, then 100 000, inserted by SQL) change neither, and the appointment
search uses an index, not a scan of every appointment ever booked.
"""

import json
import logging
import re
import statistics
import time
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo.fields import Command
from odoo.tests import new_test_user
from odoo.tools import SQL, json_default

from odoo.addons.point_of_sale.tests.common import TestPoSCommon
from odoo.addons.salon_booking.tests.common import make_service

_logger = logging.getLogger(__name__)

TODAY = 40  # appointments today: 4 stylists, 10 each
SIZES = (1000, 100000)  # appointments on other days, in total
MAX_EXTRA = 0.10  # queries and bytes the salon adds over a plain POS
RUNS = 7  # timed loads of each kind (median), logged only


def _is_salon_model(name):
    return name == "calendar.event" or name.startswith("salon.")


class TestBenchPosLoad(TestPoSCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.basic_config
        cls.company.salon_tz = "Europe/Brussels"
        cls.cashier = new_test_user(
            cls.env,
            login="bench_cashier",
            groups="base.group_user,point_of_sale.group_pos_user,stock.group_stock_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.stylists = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Bench stylist {index}",
                    "salon_is_stylist": True,
                    "company_id": cls.company.id,
                }
                for index in range(4)
            ]
        )
        cls.cut = make_service(
            cls.env,
            "Cut",
            0.5,
            30.0,
            cls.stylists,
            available_in_pos=True,
            property_account_income_id=cls.sales_account.id,
        )
        cls.clients = cls.env["res.partner"].create(
            [{"name": f"Bench client {index}"} for index in range(10)]
        )
        cls.Event = cls.env["calendar.event"].with_context(salon_no_mail=True)

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------

    def _create_today(self):
        day_start, _day_stop = self.Event._salon_today_bounds(self.company)
        return self.Event.create(
            [
                {
                    "salon_partner_id": self.clients[index % len(self.clients)].id,
                    "salon_employee_id": self.stylists[index % 4].id,
                    "salon_company_id": self.company.id,
                    "start": day_start + timedelta(hours=8, minutes=45 * (index // 4)),
                    "salon_line_ids": [Command.create({"product_id": self.cut.id})],
                }
                for index in range(TODAY)
            ]
        )

    def _insert_other_days(self, template, first, last):
        """Copies of ``template`` (and its service) on other days, numbers
        ``first`` to ``last``: even ones in the past, odd ones in the future,
        90 minutes apart from a day away, so that none is today."""
        cr = self.env.cr
        self.env.flush_all()

        def columns(table, skip):
            cr.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = %s AND column_name NOT IN %s ORDER BY 1",
                [table, tuple(skip)],
            )
            return [SQL.identifier(name) for (name,) in cr.fetchall()]

        shift = SQL(
            "(CASE WHEN g %% 2 = 0 THEN -1 ELSE 1 END) "
            "* (INTERVAL '1 day' + (g / 2) * INTERVAL '90 minutes')"
        )
        moved = ["start", "stop", "salon_blocked_stop"]
        event_columns = columns("calendar_event", ["id", *moved])
        line_columns = columns(
            "salon_appointment_line", ["id", "event_id", "start", "stop"]
        )
        cr.execute(
            SQL(
                """
                WITH events AS (
                    INSERT INTO calendar_event (%(columns)s, %(moved)s)
                    SELECT %(columns)s, %(shifted)s
                      FROM calendar_event, generate_series(%(first)s, %(last)s) AS g
                     WHERE id = %(template)s
                 RETURNING id, start, stop
                )
                INSERT INTO salon_appointment_line
                       (%(line_columns)s, event_id, start, stop)
                SELECT %(line_columns)s, events.id, events.start, events.stop
                  FROM events, salon_appointment_line
                 WHERE salon_appointment_line.id = %(line)s
                """,
                columns=SQL(", ").join(event_columns),
                moved=SQL(", ").join(SQL.identifier(name) for name in moved),
                shifted=SQL(", ").join(
                    SQL("%s + %s", SQL.identifier(name), shift) for name in moved
                ),
                line_columns=SQL(", ").join(line_columns),
                first=first,
                last=last,
                template=template.id,
                line=template.salon_line_ids.id,
            )
        )
        cr.execute("ANALYZE calendar_event")
        cr.execute("ANALYZE salon_appointment_line")
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # Measures
    # ------------------------------------------------------------------

    @contextmanager
    def _plain_pos(self):
        """The same session loaded as a POS without the salon: its models
        left out, and the ``salon_*`` fields of the lists of fields other
        models load (see :meth:`_strip_salon_fields` for those loading all)."""
        Session = type(self.env["pos.session"])
        load_models = Session._load_pos_data_models

        def plain_models(model, config_id):
            return [
                name
                for name in load_models(model, config_id)
                if not _is_salon_model(name)
            ]

        def plain_fields(load_fields):
            # the signature varies (ir.module.module takes no config)
            def method(model, *args):
                return [
                    name
                    for name in load_fields(model, *args)
                    if not name.startswith("salon_")
                ]

            return method

        with ExitStack() as stack:
            names = [
                "pos.session",
                *plain_models(self.env["pos.session"], self.config.id),
            ]
            for name in names:
                cls = type(self.env[name])
                stack.enter_context(
                    patch.object(
                        cls,
                        "_load_pos_data_fields",
                        plain_fields(cls._load_pos_data_fields),
                    )
                )
            stack.enter_context(
                patch.object(Session, "_load_pos_data_models", plain_models)
            )
            yield

    @staticmethod
    def _strip_salon_fields(response):
        """``response`` without the ``salon_*`` fields of the models that load
        all their fields (an empty list of fields: pos.config, pos.order):
        stored fields, they cost no query, only bytes."""
        for model in response.values():
            model["data"] = [
                {
                    key: value
                    for key, value in row.items()
                    if not key.startswith("salon_")
                }
                for row in model["data"]
            ]
            model["relations"] = {
                key: value
                for key, value in model.get("relations", {}).items()
                if not key.startswith("salon_")
            }
        return response

    @contextmanager
    def _timing_salon_loaders(self, timings):
        """Add to ``timings`` the seconds spent in the salon models' loaders."""
        with ExitStack() as stack:
            for name in ("calendar.event", "salon.appointment.line"):
                cls = type(self.env[name])

                def timed(model, data, load=cls._load_pos_data):
                    start = time.perf_counter()
                    try:
                        return load(model, data)
                    finally:
                        timings.append(time.perf_counter() - start)

                stack.enter_context(patch.object(cls, "_load_pos_data", timed))
            yield

    def _load(self, plain=False):
        """Queries, bytes, seconds (in all and in the salon's loaders) and
        response of the POS loading its data."""
        session = self.pos_session.with_user(self.cashier)
        # warm Odoo's caches (access rules...) with the same records to fetch
        self.env.invalidate_all()
        session.load_data([])
        self.env.invalidate_all()
        timings = []
        with self._timing_salon_loaders(timings):
            before = self.env.cr.sql_log_count
            start = time.perf_counter()
            response = session.load_data([])
            elapsed = time.perf_counter() - start
            queries = self.env.cr.sql_log_count - before
        if plain:
            response = self._strip_salon_fields(response)
        return {
            "queries": queries,
            "bytes": len(
                json.dumps(response, ensure_ascii=False, default=json_default).encode()
            ),
            "seconds": elapsed,
            "salon_seconds": sum(timings),
            "response": response,
        }

    def _measure(self):
        """Salon and plain POS loads, interleaved (a busy machine slows both):
        ``{"salon": ..., "plain": ...}`` of queries, bytes, median times and
        the last response. Each kind loads the same bytes each time; its
        queries are the fewest of its loads: Odoo's shared caches (access
        rules, translations) are now and then emptied by what else runs, which
        adds a query to one load and says nothing of the POS."""
        loads = {"salon": [], "plain": []}
        for _run in range(RUNS):
            loads["salon"].append(self._load())
            with self._plain_pos():
                loads["plain"].append(self._load(plain=True))
        result = {}
        for kind, runs in loads.items():
            queries = sorted(load["queries"] for load in runs)
            sizes = {load["bytes"] for load in runs}
            self.assertLessEqual(
                queries[-1] - queries[0], 2, f"{kind}: queries of each load: {queries}"
            )
            self.assertEqual(len(sizes), 1, f"{kind}: bytes of each load: {sizes}")
            result[kind] = {
                "queries": queries[0],
                "bytes": sizes.pop(),
                "ms": 1000 * statistics.median(load["seconds"] for load in runs),
                "salon_ms": 1000
                * statistics.median(load["salon_seconds"] for load in runs),
                "response": runs[-1]["response"],
            }
        return result

    def _log(self, label, result, search_ms):
        salon, plain = result["salon"], result["plain"]
        _logger.info(
            "POS load, %s: plain %d queries, %d bytes, %.1f ms; salon %d queries "
            "(+%d, +%.1f%%), %d bytes (+%d, +%.1f%%), %.1f ms, of which %.1f ms "
            "(%.1f%%) in the salon's loaders; appointment search %.2f ms",
            label,
            plain["queries"],
            plain["bytes"],
            plain["ms"],
            salon["queries"],
            salon["queries"] - plain["queries"],
            100 * (salon["queries"] / plain["queries"] - 1),
            salon["bytes"],
            salon["bytes"] - plain["bytes"],
            100 * (salon["bytes"] / plain["bytes"] - 1),
            salon["ms"],
            salon["salon_ms"],
            100 * salon["salon_ms"] / salon["ms"],
            search_ms,
        )

    def _explain_appointment_search(self, analyze=False):
        """The plan of the search of ``_salon_pos_domain`` as the cashier runs
        it (record rules included); with ``analyze``, its execution time."""
        Event = self.env["calendar.event"].with_user(self.cashier)
        domain = Event._salon_pos_domain(self.pos_session)
        query = Event._search(domain, order=Event._order)
        options = SQL("(ANALYZE, TIMING OFF)") if analyze else SQL()
        self.env.cr.execute(SQL("EXPLAIN %s %s", options, query.select()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        if not analyze:
            return plan
        times = re.findall(r"Execution Time: ([\d.]+) ms", plan)
        return plan, float(times[0])

    def _search_ms(self):
        """Median execution time of the appointment search (PostgreSQL's)."""
        return statistics.median(
            self._explain_appointment_search(analyze=True)[1] for _run in range(RUNS)
        )

    def _checkout_other_day(self):
        """An appointment of another day checked out in this session: the
        session loads it too (the search then has an OR on its id)."""
        day_start, _day_stop = self.Event._salon_today_bounds(self.company)
        appointment = self.Event.search(
            [("salon_is_appointment", "=", True), ("start", "<", day_start)], limit=1
        )
        data = self.create_ui_order_data(
            [(self.cut, 1)], customer=appointment.salon_partner_id
        )
        data["lines"][0][2]["salon_appointment_line_id"] = appointment.salon_line_ids.id
        data["salon_appointment_id"] = appointment.id
        self.env["pos.order"].sync_from_ui([data])
        self.assertEqual(appointment.salon_payment_state, "paid")
        return appointment

    def test_pos_load_over_plain_pos(self):
        self.open_new_session()
        today = self._create_today()
        result = self._measure()
        salon, plain = result["salon"], result["plain"]
        self._log(f"{TODAY} appointments today", result, self._search_ms())
        loaded = {event["id"] for event in salon["response"]["calendar.event"]["data"]}
        self.assertEqual(loaded, set(today.ids))
        self.assertEqual(
            len(salon["response"]["salon.appointment.line"]["data"]), TODAY
        )
        self.assertNotIn("calendar.event", plain["response"])
        for key in ("queries", "bytes"):
            self.assertLessEqual(
                salon[key], (1 + MAX_EXTRA) * plain[key], f"{key}: {salon} / {plain}"
            )
        inserted = 0
        for size in SIZES:
            self._insert_other_days(today[0], inserted + 1, size)
            inserted = size
            more = self._measure()
            self._log(
                f"{TODAY} today and {size} on other days", more, self._search_ms()
            )
            # the salon's load grows no more than the plain POS's (whose own
            # count may move by a query once the tables are larger, or by one
            # of Odoo's shared caches emptied meanwhile): the appointments of
            # other days cost nothing, and the same bytes are sent
            plain_growth = max(more["plain"]["queries"] - plain["queries"], 0)
            self.assertLessEqual(
                more["salon"]["queries"] - salon["queries"],
                plain_growth,
                f"{size} appointments on other days: {more['salon']} / {salon}",
            )
            self.assertEqual(
                more["salon"]["bytes"],
                salon["bytes"],
                f"{size} appointments on other days",
            )
        plan = self._explain_appointment_search()
        _logger.info("appointment search of the POS at %d:\n%s", SIZES[-1], plan)
        self.assertNotIn("Seq Scan on calendar_event", plan)
        # with an appointment of another day checked out here: an OR on its id
        checked_out = self._checkout_other_day()
        self.env.invalidate_all()
        response = self.pos_session.with_user(self.cashier).load_data(
            ["pos.config", "calendar.event", "salon.appointment.line"]
        )
        loaded = {event["id"] for event in response["calendar.event"]["data"]}
        self.assertEqual(loaded, set((today | checked_out).ids))
        plan, search_ms = self._explain_appointment_search(analyze=True)
        _logger.info(
            "appointment search of the POS at %d, one checked out on another day "
            "(%.2f ms):\n%s",
            SIZES[-1],
            search_ms,
            plan,
        )
        self.assertNotIn("Seq Scan on calendar_event", plan)

"""Benchmarks of salon_booking's hot paths, as query counts measured in one run.

Counts, not timings: the number of SQL queries does not depend on the machine.
Each benchmark measures several sizes and asserts how the counts relate.
"""

import logging
from datetime import datetime, timedelta

import pytz

from odoo.fields import Command

from odoo.addons.salon_booking.tests.common import SalonCommon

_logger = logging.getLogger(__name__)
MONDAY = pytz.timezone("Europe/Brussels").localize(datetime(2026, 3, 9))


class TestBenchAvailability(SalonCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stylists = cls.env["hr.employee"].create(
            [cls._stylist_vals(f"Bench stylist {index}") for index in range(20)]
        )
        cls.cut.salon_employee_ids = [Command.set(cls.stylists.ids)]
        cls.color.salon_employee_ids = [Command.set(cls.stylists.ids)]
        # a busy week: three appointments a day for each stylist
        vals = []
        for day in range(6):
            for index, stylist in enumerate(cls.stylists):
                for hour in (9, 12, 15):
                    vals.append(
                        {
                            "salon_partner_id": cls.client.id,
                            "salon_employee_id": stylist.id,
                            "start": MONDAY.astimezone(pytz.utc).replace(tzinfo=None)
                            + timedelta(days=day, hours=hour + index % 2),
                            "salon_line_ids": [
                                Command.create({"product_id": cls.cut.id})
                            ],
                        }
                    )
        cls.Event.create(vals)
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Training",
                "resource_id": cls.stylists[0].resource_id.id,
                "date_from": datetime(2026, 3, 10, 8),
                "date_to": datetime(2026, 3, 10, 17),
            }
        )

    def _measure(self, stylists, days):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        slots = self.env["salon.availability"]._salon_find_slots(
            self.color | self.cut,
            MONDAY,
            MONDAY + timedelta(days=days),
            stylists=stylists,
        )
        return self.env.cr.sql_log_count - before, len(slots)

    def test_queries_do_not_grow_with_stylists_and_days(self):
        sizes = [(1, 1), (5, 1), (20, 1), (20, 7)]
        self._measure(self.stylists[:1], 1)  # warm Odoo's caches (access rules...)
        results = {
            (count, days): self._measure(self.stylists[:count], days)
            for count, days in sizes
        }
        for (stylists, days), (queries, slots) in results.items():
            _logger.info(
                "availability: %2d stylists x %d days -> %d queries, %d free starts",
                stylists,
                days,
                queries,
                slots,
            )
        queries = {size: result[0] for size, result in results.items()}
        self.assertEqual(len(set(queries.values())), 1, queries)
        # 140 times the work (20 stylists x 7 days vs 1 x 1) for the same queries
        self.assertGreater(results[20, 7][1], 5 * results[1, 1][1])

    def test_client_card_figures_batch(self):
        clients = self.env["res.partner"].create(
            [{"name": f"Bench client {index}"} for index in range(50)]
        )

        def measure(partners):
            partners.invalidate_recordset()
            before = self.env.cr.sql_log_count
            partners.mapped("salon_visit_count")
            return self.env.cr.sql_log_count - before

        one, fifty = measure(clients[:1]), measure(clients)
        _logger.info(
            "client card figures: 1 client -> %d queries, 50 -> %d", one, fifty
        )
        self.assertEqual(one, fifty)

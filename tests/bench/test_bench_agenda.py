"""Benchmark of the agenda by stylist, as query counts measured in one run.

``calendar.event.salon_agenda_data`` is what the agenda view calls for each
day or week it shows. It is measured as a salon user (the access rules apply)
for 5 and 20 stylists, a day and a week, in a quiet week (2 appointments per
stylist and day) and a busy one (8): the same number of queries at every
size, from 10 appointments to 960.
"""

import logging

from odoo.fields import Command

from odoo.addons.salon_booking.tests.common import SalonCommon, utc

_logger = logging.getLogger(__name__)

STYLISTS = 20
# the Monday of each week shown -> (its offset in days from common.MONDAY,
# local hours of the appointments of each stylist, Monday to Saturday)
WEEKS = {
    "2026-03-09": (0, (9, 10, 11, 12, 13, 14, 15, 16)),  # busy
    "2026-03-16": (7, (10, 14)),  # quiet
}


class TestBenchAgenda(SalonCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stylists = cls.env["hr.employee"].create(
            [
                cls._stylist_vals(f"Bench stylist {index:02d}")
                for index in range(STYLISTS)
            ]
        )
        cls.cut.salon_employee_ids = [Command.set(cls.stylists.ids)]
        clients = cls.env["res.partner"].create(
            [{"name": f"Bench client {index}"} for index in range(10)]
        )
        vals = []
        for offset, hours in WEEKS.values():
            for day in range(6):
                for index, stylist in enumerate(cls.stylists):
                    for hour in hours:
                        vals.append(
                            {
                                "salon_partner_id": clients[index % 10].id,
                                "salon_employee_id": stylist.id,
                                "start": utc(offset + day, hour),
                                "salon_line_ids": [
                                    Command.create({"product_id": cls.cut.id})
                                ],
                            }
                        )
        cls.Event.create(vals)
        # time off, shaded in the agenda
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Training",
                "resource_id": cls.stylists[0].resource_id.id,
                "date_from": utc(1, 13),
                "date_to": utc(1, 18),
            }
        )
        cls.Agenda = cls.env["calendar.event"].with_user(cls.salon_user)

    def _measure(self, stylists, date_from, days):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        data = self.Agenda.salon_agenda_data(
            date_from, days=days, stylist_ids=stylists.ids
        )
        return self.env.cr.sql_log_count - before, len(data["appointments"])

    def test_queries_do_not_grow_with_stylists_and_appointments(self):
        self._measure(self.stylists[:1], "2026-03-09", 1)  # warm Odoo's caches
        results = {
            (count, week, days): self._measure(self.stylists[:count], week, days)
            for week in WEEKS
            for count in (5, STYLISTS)
            for days in (1, 7)
        }
        for (count, week, days), (queries, appointments) in results.items():
            _logger.info(
                "agenda: %2d stylists x %d day(s), %d appointments per stylist and "
                "day -> %d queries, %d appointments",
                count,
                days,
                len(WEEKS[week][1]),
                queries,
                appointments,
            )
        queries = {size: result[0] for size, result in results.items()}
        self.assertEqual(len(set(queries.values())), 1, queries)
        busy, quiet = (
            results[STYLISTS, "2026-03-09", 7][1],
            results[5, "2026-03-16", 1][1],
        )
        self.assertEqual((busy, quiet), (STYLISTS * 6 * 8, 5 * 2))

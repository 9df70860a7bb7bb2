# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Twenty runs of the hold expiry at once, each on its own connection: every
hold expires exactly once, nobody waits on anybody, nothing deadlocks."""

from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.test_concurrency import CLIENTS, SalonRaceCase

HOLDS = 50


@tagged("post_install", "-at_install")
class TestConcurrentExpiry(SalonRaceCase):
    def _committed_holds(self, data):
        """``HOLDS`` appointments on hold whose deposit was due a minute ago."""
        with self.new_cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tracking_disable": True, "salon_no_mail": True}
            )
            events = env["calendar.event"].create(
                [
                    {
                        "salon_partner_id": data["client"],
                        "salon_employee_id": data["stylists"][0],
                        "start": self.start + timedelta(days=index),
                        "salon_line_ids": [
                            Command.create({"product_id": data["service"]})
                        ],
                    }
                    for index in range(HOLDS)
                ]
            )
            deposits = env["salon.deposit"].create(
                [
                    {"appointment_id": event.id, "amount": 9.0, "channel": "link"}
                    for event in events
                ]
            )
            deposits._salon_start_hold()
            deposits.hold_until = fields.Datetime.now() - timedelta(minutes=1)
            return deposits.ids

    def _remove(self, deposit_ids):
        with self.new_cursor() as cr:
            cr.execute(
                "DELETE FROM salon_deposit_line WHERE deposit_id = ANY(%s)",
                [deposit_ids],
            )
            cr.execute("DELETE FROM salon_deposit WHERE id = ANY(%s)", [deposit_ids])

    @staticmethod
    def _expire_all(env, index):
        """A run of the cron, called again while its batches are full (as
        the scheduler does); what it expired."""
        done = 0
        while True:
            count = env["salon.deposit"]._cron_expire_holds(batch_size=3)
            done += count
            if count < 3:
                return done

    def test_twenty_runs_expire_each_hold_once(self):
        with self.committed_salon() as data:
            deposit_ids = self._committed_holds(data)
            try:
                outcomes = self.race(self._expire_all)
                errors = [o["error"] for o in outcomes if "error" in o]
                self.assertEqual(errors, [])
                # each hold expired by one run only; the runs finding another
                # one at work leave it to it
                self.assertEqual(sum(o["result"] for o in outcomes), HOLDS)
                self.assertEqual(len(outcomes), CLIENTS)
                with self.new_cursor() as cr:
                    cr.execute(
                        "SELECT state, count(*) FROM salon_deposit "
                        "WHERE id = ANY(%s) GROUP BY state",
                        [deposit_ids],
                    )
                    self.assertEqual(dict(cr.fetchall()), {"expired": HOLDS})
                    cr.execute(
                        "SELECT count(*), count(DISTINCT deposit_id) "
                        "FROM salon_deposit_line WHERE deposit_id = ANY(%s)",
                        [deposit_ids],
                    )
                    self.assertEqual(cr.fetchone(), (HOLDS, HOLDS))
                    cr.execute(
                        "SELECT salon_state, bool_or(salon_blocks_slot) "
                        "FROM calendar_event WHERE salon_employee_id = %s "
                        "GROUP BY salon_state",
                        [data["stylists"][0]],
                    )
                    self.assertEqual(cr.fetchall(), [("cancelled", False)])
            finally:
                self._remove(deposit_ids)

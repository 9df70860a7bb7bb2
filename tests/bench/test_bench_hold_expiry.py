"""Benchmark of salon_deposits' hold expiry: unpaid holds cancelled in batches.

10 000 appointments on hold whose deposit was not paid in time (made with SQL
from one held appointment), expired as Odoo's scheduler runs the cron: one batch
of 1 000 per call, called again while it reports holds remaining. Counts, not
timings: the queries per 1 000 holds are the same at 1 000 and 10 000.
"""

import logging
from datetime import timedelta

from freezegun import freeze_time

from odoo.tools import SQL

from odoo.addons.salon_booking.tests.common import utc
from odoo.addons.salon_deposits.tests.common import SalonDepositCommon

_logger = logging.getLogger(__name__)
BATCH = 1000


class TestBenchHoldExpiry(SalonDepositCommon):
    def _columns(self, table):
        self.env.cr.execute(
            SQL(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = %s AND column_name != 'id'",
                table,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _holds(self, count):
        """``count`` appointments on hold, one hour apart, each with a
        pending deposit whose hold ran out."""
        template = self._book(utc(30, 9), self.cut)
        deposit = self._ask_by_link(template)
        self.env.flush_all()
        shifted = {
            "start": SQL("start + i * interval '1 hour'"),
            "stop": SQL("stop + i * interval '1 hour'"),
            "salon_blocked_stop": SQL("salon_blocked_stop + i * interval '1 hour'"),
            "salon_reference": SQL("salon_reference || '-' || i"),
            "salon_access_token": SQL("md5(random()::text)"),
        }
        columns = self._columns("calendar_event")
        self.env.cr.execute(
            SQL(
                "INSERT INTO calendar_event (%s) SELECT %s FROM calendar_event, "
                "generate_series(1, %s) AS i WHERE id = %s RETURNING id",
                SQL(", ").join(SQL.identifier(column) for column in columns),
                SQL(", ").join(
                    shifted.get(column, SQL.identifier(column)) for column in columns
                ),
                count - 1,
                template.id,
            )
        )
        event_ids = [row[0] for row in self.env.cr.fetchall()]
        columns = self._columns("salon_deposit")
        own = {
            "appointment_id": SQL("e.id"),
            "name": SQL("d.name || '-' || e.id"),
            "access_token": SQL("md5(random()::text)"),
        }
        self.env.cr.execute(
            SQL(
                "INSERT INTO salon_deposit (%s) SELECT %s FROM salon_deposit d, "
                "calendar_event e WHERE d.id = %s AND e.id = ANY(%s)",
                SQL(", ").join(SQL.identifier(column) for column in columns),
                SQL(", ").join(
                    own.get(column, SQL("d.%s", SQL.identifier(column)))
                    for column in columns
                ),
                deposit.id,
                event_ids,
            )
        )
        return deposit.hold_until

    def _expire(self, count):
        """Expire ``count`` holds as the scheduler does; the queries."""
        hold_until = self._holds(count)
        cron = self.env.ref("salon_deposits.ir_cron_expire_holds")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Deposit = self.env["salon.deposit"].with_context(
            ir_cron_progress_id=progress.id
        )
        self.env.flush_all()
        self.env.invalidate_all()
        done = calls = 0
        with freeze_time(hold_until + timedelta(minutes=1)):
            before = self.env.cr.sql_log_count
            while True:
                done += Deposit._cron_expire_holds(batch_size=BATCH)
                calls += 1
                self.env.flush_all()
                if not progress.remaining:
                    break
            queries = self.env.cr.sql_log_count - before
        self.assertEqual(done, count)
        self.assertEqual(calls, count // BATCH)
        self.env.cr.execute(
            "SELECT count(*) FROM salon_deposit WHERE state = 'pending'"
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.env.cr.execute(
            "SELECT count(*) FROM calendar_event WHERE salon_state = 'on_hold'"
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.env.cr.execute(
            "SELECT count(*) FROM salon_deposit_line WHERE kind = 'expired'"
        )
        self.assertEqual(self.env.cr.fetchone()[0], count)
        return queries

    def test_expiry_queries_per_thousand_holds(self):
        per_thousand = {}
        for count in (1000, 10000):
            with self.env.cr.savepoint(flush=False) as savepoint:
                queries = self._expire(count)
                savepoint.rollback()
            self.env.invalidate_all()
            per_thousand[count] = queries / (count / 1000)
            _logger.info(
                "hold expiry: %d holds -> %d queries, %.1f per 1 000",
                count,
                queries,
                per_thousand[count],
            )
        self.assertLessEqual(max(per_thousand.values()), 5, per_thousand)
        self.assertEqual(per_thousand[1000], per_thousand[10000], per_thousand)

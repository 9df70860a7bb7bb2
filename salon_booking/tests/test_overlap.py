# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading

import psycopg2

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from .common import SalonCommon, utc


@tagged("post_install", "-at_install")
class TestOverlap(SalonCommon):
    def test_overlap_refused_with_clear_message(self):
        self._book(utc(0, 10), self.color)  # 10:00-11:00 + 15 min buffer
        for start in (utc(0, 10, 30), utc(0, 11)):  # 11:00 is inside the buffer
            with (
                self.assertRaisesRegex(
                    ValidationError, "Julie already has an appointment"
                ),
                self.env.cr.savepoint(),
            ):
                self._book(start, self.cut)

    def test_adjacent_other_stylist_and_freed_slots(self):
        first = self._book(utc(0, 10), self.cut)
        self._book(utc(0, 10, 30), self.cut)  # right after: fine
        self._book(utc(0, 10), self.cut, stylist=self.thomas)
        first.action_salon_cancel()
        self._book(utc(0, 10), self.cut, client=self.other_client)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            first.action_salon_reset()  # its slot was given away

    def test_moving_onto_another_refused(self):
        self._book(utc(0, 10), self.cut)
        second = self._book(utc(0, 12), self.cut)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            second.start = utc(0, 10, 15)

    def test_database_refuses_overlap_python_does_not_see(self):
        """The exclusion constraint holds even when the ORM checks are bypassed."""
        first = self._book(utc(0, 10), self.cut)
        second = self._book(utc(0, 14), self.cut)
        self.env.flush_all()
        with (
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            mute_logger("odoo.sql_db"),
        ):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE calendar_event SET start = %s, salon_blocked_stop = %s "
                    "WHERE id = %s",
                    (first.start, first.salon_blocked_stop, second.id),
                )


@tagged("post_install", "-at_install")
class TestConcurrentBooking(BaseCase):
    """Two transactions booking the same slot at once: exactly one wins.

    Real transactions on their own connections, outside any test transaction
    (whose locks would serialise them); the data is committed and removed.
    """

    def test_concurrent_booking_one_winner(self):
        dbname = get_db_name()
        # the data both transactions see must be committed: make it apart
        with sql_db.db_connect(dbname).cursor() as setup_cr:
            env = api.Environment(setup_cr, SUPERUSER_ID, {})
            stylist = env["hr.employee"].create(
                {"name": "Concurrent stylist", "salon_is_stylist": True}
            )
            service = env["product.product"].create(
                {
                    "name": "Concurrent cut",
                    "type": "service",
                    "salon_is_service": True,
                    "salon_duration": 0.5,
                    "salon_employee_ids": [Command.set(stylist.ids)],
                }
            )
            client = env["res.partner"].create({"name": "Concurrent client"})
            ids = stylist.id, service.id, client.id
        try:
            self._race(dbname, *ids)
        finally:
            with sql_db.db_connect(dbname).cursor() as cleanup_cr:
                env = api.Environment(cleanup_cr, SUPERUSER_ID, {})
                env["calendar.event"].search(
                    [("salon_employee_id", "=", ids[0])]
                ).unlink()
                env["product.product"].browse(ids[1]).product_tmpl_id.unlink()
                env["hr.employee"].browse(ids[0]).unlink()
                env["res.partner"].browse(ids[2]).unlink()

    def _race(self, dbname, stylist_id, service_id, client_id):
        registry = Registry(dbname)

        def book(cr):
            env = api.Environment(cr, SUPERUSER_ID, {"salon_no_mail": True})
            env["calendar.event"].create(
                {
                    "salon_partner_id": client_id,
                    "salon_employee_id": stylist_id,
                    "start": utc(30, 10),
                    "salon_line_ids": [Command.create({"product_id": service_id})],
                }
            )
            env.flush_all()

        outcome = {}
        # the test runner holds the registry lock: the thread gets its
        # cursor and transaction from here and never looks the registry up
        second_cr = sql_db.db_connect(dbname).cursor()
        second_cr.transaction = api.Transaction(registry)

        def second_booking():
            try:
                book(second_cr)  # waits for the first transaction's row
                second_cr.commit()
                outcome["second"] = "booked"
            except ValidationError as error:
                second_cr.rollback()
                outcome["second"] = str(error)

        with sql_db.db_connect(dbname).cursor() as first_cr:
            book(first_cr)  # not committed yet: invisible to the other one
            thread = threading.Thread(target=second_booking)
            with mute_logger("odoo.sql_db"):
                thread.start()
                thread.join(timeout=1)
                self.assertTrue(thread.is_alive(), "the second booking must wait")
                first_cr.commit()
                thread.join(timeout=30)
        second_cr.close()
        self.assertFalse(thread.is_alive())
        self.assertIn("already has an appointment", outcome.get("second", ""))
        with sql_db.db_connect(dbname).cursor() as check_cr:
            check_cr.execute(
                "SELECT count(*) FROM calendar_event WHERE salon_employee_id = %s",
                (stylist_id,),
            )
            self.assertEqual(check_cr.fetchone()[0], 1)

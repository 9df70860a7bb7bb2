# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SalonCommon, utc


@tagged("post_install", "-at_install")
class TestClientCard(SalonCommon):
    def test_figures_and_lists(self):
        done = self._book(utc(0, 9), self.color | self.cut)  # 90.00 + 21 %
        done.action_salon_check_in()
        done.action_salon_done()
        done_2 = self._book(utc(1, 9), self.cut)  # 30.00 + 21 %
        done_2.action_salon_check_in()
        done_2.action_salon_done()
        missed = self._book(utc(2, 9), self.cut)
        missed.action_salon_no_show()
        cancelled = self._book(utc(3, 9), self.cut)
        cancelled.action_salon_cancel()
        upcoming = self._book(utc(10, 9), self.blowdry)
        self._book(utc(10, 9), self.cut, stylist=self.thomas, client=self.other_client)
        with freeze_time(utc(5, 12)):
            self.client.invalidate_recordset()
            self.assertEqual(self.client.salon_visit_count, 2)
            self.assertEqual(self.client.salon_no_show_count, 1)
            self.assertEqual(self.client.salon_total_spent, 145.2)
            self.assertEqual(self.client.salon_upcoming_appointment_ids, upcoming)
            self.assertEqual(
                self.client.salon_past_appointment_ids,
                cancelled | missed | done_2 | done,
            )
            self.assertEqual(
                self.client.salon_past_appointment_ids[0], cancelled, "latest first"
            )
        self.assertEqual(self.other_client.salon_visit_count, 0)

    def test_documents_and_appointments_actions(self):
        self.env["ir.attachment"].create(
            {
                "name": "Colour formula.pdf",
                "res_model": "res.partner",
                "res_id": self.client.id,
                "raw": b"%PDF-1.4",
            }
        )
        self.assertEqual(self.client.salon_document_count, 1)
        action = self.client.action_salon_open_documents()
        self.assertEqual(
            self.env["ir.attachment"].search(action["domain"]).name,
            "Colour formula.pdf",
        )
        appointment = self._book(utc(0, 9), self.cut)
        action = self.client.action_salon_open_appointments()
        self.assertEqual(
            self.env["calendar.event"].search(action["domain"]), appointment
        )

    def test_figures_batched(self):
        """The figures of a list of clients cost the same as those of one."""
        clients = self.env["res.partner"].create(
            [{"name": f"Client {index}"} for index in range(10)]
        )
        for index, client in enumerate(clients):
            self._book(
                utc(0, 9) + timedelta(minutes=30 * index), self.cut, client=client
            )
        self.client.invalidate_recordset()
        with self.assertQueryCount(2):
            self.client.mapped("salon_visit_count")
        clients.invalidate_recordset()
        with self.assertQueryCount(2):
            clients.mapped("salon_visit_count")

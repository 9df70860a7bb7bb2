# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo.tests import HttpCase, tagged

from .common import make_calendar, make_service


@tagged("post_install", "-at_install")
class TestAgendaTour(HttpCase):
    def test_book_from_agenda(self):
        self.env.user.tz = "UTC"
        self.env.ref("base.user_admin").tz = "UTC"
        calendar = make_calendar(self.env, "Every day", days=range(7), tz="UTC")
        stylist = self.env["hr.employee"].create(
            {
                "name": "Tour Stylist",
                "salon_is_stylist": True,
                "resource_calendar_id": calendar.id,
                "tz": "UTC",
            }
        )
        cut = make_service(self.env, "Tour Cut", 0.5, 30.0, stylist)
        client = self.env["res.partner"].create({"name": "Tour Client"})
        self.start_tour("/odoo", "salon_agenda_booking_tour", login="admin")
        appointment = self.env["calendar.event"].search(
            [("salon_partner_id", "=", client.id)]
        )
        tomorrow = datetime.combine(datetime.now().date() + timedelta(days=1), time(10))
        self.assertEqual(appointment.start, tomorrow, "the time clicked in the agenda")
        self.assertEqual(appointment.salon_employee_id, stylist)
        self.assertEqual(appointment.salon_line_ids.product_id, cut)
        self.assertEqual(appointment.salon_state, "booked")


@tagged("post_install", "-at_install")
class TestAgendaByStylistTour(HttpCase):
    """The day by stylist: an appointment dragged to another stylist and
    time is moved; dragged onto a busy time, it is refused and stays."""

    def test_drag_to_another_stylist_and_time(self):
        self.env.company.salon_tz = "UTC"
        self.env.ref("base.user_admin").tz = "UTC"
        julie, sofia = self.env["hr.employee"].create(
            [
                {
                    "name": name,
                    "salon_is_stylist": True,
                    "resource_calendar_id": make_calendar(
                        self.env, name, days=range(7), hour_from=start, tz="UTC"
                    ).id,
                    "tz": "UTC",
                }
                # Sofia starts at 10:00: her 9:00 is shaded
                for name, start in (("Julie", 9), ("Sofia", 10))
            ]
        )
        cut = make_service(self.env, "Tour Cut", 0.5, 30.0, julie | sofia)
        tomorrow = datetime.now().date() + timedelta(days=1)
        Event = self.env["calendar.event"].with_context(salon_no_mail=True)
        moved, busy = Event.create(
            [
                {
                    "salon_partner_id": self.env["res.partner"]
                    .create({"name": client})
                    .id,
                    "salon_employee_id": stylist.id,
                    "start": datetime.combine(tomorrow, time(hour)),
                    "salon_line_ids": [(0, 0, {"product_id": cut.id})],
                }
                for client, stylist, hour in (
                    ("Marie Dupont", julie, 10),
                    ("Paul Martin", sofia, 14),
                )
            ]
        )
        self.start_tour("/odoo", "salon_agenda_stylists_tour", login="admin")
        self.assertEqual(moved.salon_employee_id, sofia)
        self.assertEqual(moved.start, datetime.combine(tomorrow, time(11)))
        self.assertEqual(moved.stop, datetime.combine(tomorrow, time(11, 30)))
        self.assertEqual(busy.start, datetime.combine(tomorrow, time(14)))

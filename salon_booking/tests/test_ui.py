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

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo.fields import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAgendaTour(HttpCase):
    def test_book_from_agenda(self):
        self.env.user.tz = "UTC"
        self.env.ref("base.user_admin").tz = "UTC"
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Every day",
                "tz": "UTC",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": str(day),
                            "dayofweek": str(day),
                            "hour_from": 9,
                            "hour_to": 18,
                            "day_period": "morning",
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        stylist = self.env["hr.employee"].create(
            {
                "name": "Tour Stylist",
                "salon_is_stylist": True,
                "resource_calendar_id": calendar.id,
                "tz": "UTC",
            }
        )
        cut = self.env["product.product"].create(
            {
                "name": "Tour Cut",
                "type": "service",
                "salon_is_service": True,
                "salon_duration": 0.5,
                "list_price": 30,
                "salon_employee_ids": [Command.set(stylist.ids)],
            }
        )
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

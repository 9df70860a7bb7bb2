# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo.fields import Command
from odoo.tests import tagged

from .website_tour_common import SalonTourCommon


@tagged("post_install", "-at_install")
class TestPortalTours(SalonTourCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # in three weeks at 11:00 UTC: after the first free times offered
        start = datetime.combine(datetime.now().date() + timedelta(days=21), time(11))
        cls.appointment = (
            cls.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": cls.portal_user.partner_id.id,
                    "salon_employee_id": cls.stylist.id,
                    "start": start,
                    "salon_line_ids": [Command.create({"product_id": cls.cut.id})],
                }
            )
        )

    def test_cancel_from_portal(self):
        self.start_tour("/my", "salon_portal_cancel", login="salon_tour_portal")
        self.env.invalidate_all()
        self.assertEqual(self.appointment.salon_state, "cancelled")

    def test_reschedule_from_portal(self):
        before = self.appointment.start
        self.start_tour("/my", "salon_portal_reschedule", login="salon_tour_portal")
        self.env.invalidate_all()
        self.assertLess(self.appointment.start, before)
        self.assertEqual(self.appointment.salon_state, "booked")
        self.assertEqual(
            self.appointment.stop, self.appointment.start + timedelta(minutes=30)
        )

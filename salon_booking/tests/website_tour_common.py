# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user

from .common import make_calendar, make_service


class SalonTourCommon(HttpCase):
    """One stylist open every day 8:00-20:00 and two services bookable online.

    Tours run on the real clock: opening every day keeps free times near.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.env["website"].get_current_website().company_id = cls.company
        cls.company.partner_id.tz = "Europe/Brussels"
        cls.company.write(
            {
                "salon_slot_step": 30,
                "salon_online_window_days": 60,
                "salon_online_lead_time": 2.0,
                "salon_online_max_services": 4,
                "salon_cancel_deadline_hours": 24,
                "salon_online_policy": "<p>Tour policy: arrive on time.</p>",
            }
        )
        calendar = make_calendar(
            cls.env, "Every day", days=range(7), hour_from=8, hour_to=20
        )
        cls.stylist = cls.env["hr.employee"].create(
            {
                "name": "Tour Stylist",
                "salon_is_stylist": True,
                "salon_online_bookable": True,
                "resource_calendar_id": calendar.id,
                "tz": "Europe/Brussels",
            }
        )
        cls.cut = cls._tour_service("Tour Cut", 0.5, 30.0)
        cls.colour = cls._tour_service("Tour Colour", 1.0, 60.0)
        cls.portal_user = new_test_user(
            cls.env,
            login="salon_tour_portal",
            groups="base.group_portal",
            name="Tour Portal Client",
            email="tour.portal@example.com",
        )

    @classmethod
    def _tour_service(cls, name, duration, price):
        return make_service(
            cls.env, name, duration, price, cls.stylist, salon_online_bookable=True
        )

    def _appointments(self, partner=None):
        self.env.invalidate_all()
        domain = [("salon_line_ids.product_id", "in", (self.cut | self.colour).ids)]
        if partner:
            domain.append(("salon_partner_id", "=", partner.id))
        return self.env["calendar.event"].search(domain, order="start")

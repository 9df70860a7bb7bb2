# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user

from .common import SalonCommon

BRUSSELS = pytz.timezone("Europe/Brussels")


class SalonWebsiteCommon(HttpCase, SalonCommon):
    """The salon of SalonCommon, bookable on its website.

    Tests run on real dates (the website and the browser use the real clock):
    the days booked are Mondays at least a few days ahead.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.website.company_id = cls.company
        cls.company.partner_id.write(
            {
                "tz": "Europe/Brussels",
                "phone": "+32 2 123 45 67",
                "email": "salon@example.com",
            }
        )
        cls.company.write(
            {
                "salon_online_window_days": 60,
                "salon_online_lead_time": 2.0,
                "salon_online_max_services": 3,
                "salon_cancel_deadline_hours": 24,
                "salon_online_policy": "<p>Please arrive five minutes early.</p>",
            }
        )
        (cls.cut | cls.color | cls.blowdry).salon_online_bookable = True
        (cls.julie | cls.thomas | cls.sofia).salon_online_bookable = True
        cls.secret = cls._service("Secret treatment", 0.5, 0, 99.0, cls.julie)
        cls.portal_user = new_test_user(
            cls.env,
            login="salon_portal",
            groups="base.group_portal",
            name="Paula Portal",
            email="paula@example.com",
            tz="Europe/Brussels",
        )
        cls.other_portal_user = new_test_user(
            cls.env,
            login="salon_portal_other",
            groups="base.group_portal",
            name="Oscar Other",
            email="oscar@example.com",
        )
        cls.day = cls._next_monday(3)

    @classmethod
    def _next_monday(cls, min_days):
        today = datetime.now(BRUSSELS).date() + timedelta(days=min_days)
        return today + timedelta(days=(7 - today.weekday()) % 7)

    @classmethod
    def _at(cls, day, hour, minute=0):
        """Naive UTC datetime of a Brussels local time."""
        local = BRUSSELS.localize(datetime.combine(day, time(hour, minute)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @staticmethod
    def _start(moment):
        return fields.Datetime.to_string(moment)

    def _csrf(self):
        if not getattr(self, "session", None):
            self.authenticate(None, None)
        return http.Request.csrf_token(self)

    def _post(self, url, data, csrf=True):
        data = dict(data)
        if csrf:
            data["csrf_token"] = self._csrf()
        return self.url_open(url, data=data, allow_redirects=False)

    def _get(self, url, **kwargs):
        return self.url_open(url, allow_redirects=False, **kwargs)

    def _services(self, *products):
        return ",".join(str(product.id) for product in products)

    def _guest(self, **values):
        return {
            "name": "Gina Guest",
            "email": "gina@example.com",
            "phone": "+32 470 00 00 00",
            **values,
        }

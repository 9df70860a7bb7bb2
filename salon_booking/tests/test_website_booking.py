# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from .common import coverage_providers
from .website_common import SalonWebsiteCommon


@tagged("post_install", "-at_install")
class TestWebsiteBooking(SalonWebsiteCommon):
    def _appointments(self):
        self.env.invalidate_all()
        return self.env["calendar.event"].search([("salon_channel", "=", "online")])

    def _guests(self):
        return self.env["res.partner"].search([("email", "=", "gina@example.com")])

    def _confirm_data(self, moment, *products, stylist=None, **extra):
        data = {
            "services": self._services(*products),
            "stylist": stylist.id if stylist else "",
            "start": self._start(moment),
            "accept_policy": "1",
            **self._guest(),
        }
        data.update(extra)
        return data

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------

    def test_menu_and_services_page(self):
        menu = self.env["website.menu"].search(
            [("url", "=", "/salon/booking"), ("website_id", "=", self.website.id)]
        )
        self.assertTrue(menu, "the booking is in the website menu")
        response = self._get("/salon/booking")
        self.assertEqual(response.status_code, 200)
        for name in ("Cut", "Colour", "Blow-dry", "Hair"):
            self.assertIn(name, response.text)
        self.assertNotIn("Secret treatment", response.text)

    def test_service_image_only_for_bookable_services(self):
        response = self._get(f"/salon/booking/service/{self.cut.id}/image")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("image/"))
        self.assertEqual(
            self._get(f"/salon/booking/service/{self.secret.id}/image").status_code,
            404,
        )

    def test_stylists_able_to_do_all_services(self):
        response = self._get(
            f"/salon/booking/stylist?services={self._services(self.cut, self.color)}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Julie", response.text)
        self.assertIn("No preference", response.text)
        self.assertNotIn("Thomas", response.text, "Thomas does no colour")
        self.assertNotIn("Sofia", response.text, "Sofia does no cut")

    def test_stylist_not_bookable_online_is_hidden(self):
        self.thomas.salon_online_bookable = False
        response = self._get(f"/salon/booking/stylist?services={self.cut.id}")
        self.assertNotIn("Thomas", response.text)
        response = self._get(
            f"/salon/booking/slots?services={self.cut.id}&stylist={self.thomas.id}"
        )
        self.assertEqual(response.status_code, 404)

    def test_checkboxes_send_repeated_services(self):
        response = self._get(
            f"/salon/booking/stylist?services={self.cut.id}&services={self.blowdry.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Blow-dry", response.text)

    def test_slots_of_a_day(self):
        response = self._get(
            f"/salon/booking/slots?services={self.cut.id}&stylist={self.julie.id}"
            f"&date={self.day.isoformat()}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            f'data-start="{self._start(self._at(self.day, 9))}"', response.text
        )
        self.assertIn(
            f'data-start="{self._start(self._at(self.day, 17, 30))}"', response.text
        )
        self.assertNotIn(
            f'data-start="{self._start(self._at(self.day, 17, 45))}"', response.text
        )

    def test_day_without_slots_offers_next_free_day(self):
        sunday = self.day - timedelta(days=1)
        response = self._get(
            f"/salon/booking/slots?services={self.cut.id}&date={sunday.isoformat()}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("No free time on this day.", response.text)
        # the next free day is a button of the days' form: ?date=<that day>
        button = re.search(r"<button[^>]*o_salon_next_day[^>]*>", response.text)
        self.assertTrue(button, "a button to the next free day")
        self.assertIn(f'value="{self.day.isoformat()}"', button.group())
        self.assertIn('form="o_salon_days_form"', button.group())
        self.assertIn("o_salon_day_full", response.text)

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------

    def test_bad_services(self):
        too_many = self._services(self.cut, self.color, self.blowdry) + ",999999"
        cases = [
            ("", 400),
            ("abc", 400),
            ("1;DROP", 400),
            ("99999999999999", 400),
            (str(self.secret.id), 404),
            ("999999", 404),
            (f"{self.cut.id},{self.cut.id}", 400),
            (too_many, 400),
        ]
        for route in ("stylist", "slots", "contact"):
            for services, status in cases:
                with self.subTest(route=route, services=services):
                    response = self._get(
                        f"/salon/booking/{route}?services={services}"
                        f"&start={self._start(self._at(self.day, 10))}"
                    )
                    self.assertEqual(response.status_code, status)
                    self.assertIn("o_salon_error", response.text)

    def test_bad_stylist_or_date(self):
        base = f"/salon/booking/slots?services={self.cut.id}"
        for query, status in [
            (f"&stylist={self.sofia.id}", 404),  # Sofia does no cut
            ("&stylist=abc", 400),
            ("&stylist=999999", 404),
            ("&date=2026-13-45", 400),
            ("&date=tomorrow", 400),
        ]:
            with self.subTest(query=query):
                self.assertEqual(self._get(base + query).status_code, status)

    def test_bad_start_times(self):
        base = f"/salon/booking/contact?services={self.cut.id}&stylist={self.julie.id}"
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        for start, status in [
            ("not-a-date", 400),
            ("2026-02-30 10:00:00", 400),
            (self._start(now - timedelta(days=1)), 400),  # past
            (self._start(now + timedelta(minutes=30)), 400),  # within lead time
            (self._start(now + timedelta(days=100)), 400),  # beyond the window
            (self._start(self._at(self.day, 20)), 409),  # salon closed
            (self._start(self._at(self.day, 10, 7)), 409),  # not on the grid
        ]:
            with self.subTest(start=start):
                response = self._get(f"{base}&start={start}")
                self.assertEqual(response.status_code, status)

    def test_confirm_requires_post_and_csrf(self):
        data = self._confirm_data(self._at(self.day, 10), self.cut)
        self.assertEqual(self._get("/salon/booking/confirm").status_code, 405)
        self.authenticate(None, None)
        response = self._post("/salon/booking/confirm", data, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._appointments())

    def test_missing_contact_data(self):
        for missing in ("name", "email", "phone"):
            with self.subTest(missing=missing):
                data = self._confirm_data(self._at(self.day, 10), self.cut)
                data[missing] = ""
                for route in ("review", "confirm"):
                    response = self._post(f"/salon/booking/{route}", data)
                    self.assertEqual(response.status_code, 400)
                    self.assertIn("is-invalid", response.text)
        data = self._confirm_data(self._at(self.day, 10), self.cut, email="nope")
        response = self._post("/salon/booking/review", data)
        self.assertIn("Enter a valid email address.", response.text)
        self.assertFalse(self._appointments())
        self.assertFalse(self._guests())

    def test_policies_must_be_accepted(self):
        data = self._confirm_data(self._at(self.day, 10), self.cut)
        del data["accept_policy"]
        response = self._post("/salon/booking/confirm", data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("accept the salon", response.text)
        self.assertFalse(self._appointments())
        self.assertFalse(self._guests())

    def test_tampered_confirmation_creates_nothing(self):
        start = self._at(self.day, 10)
        for extra in [
            {"services": str(self.secret.id)},
            {"stylist": str(self.sofia.id)},
            {"start": "2026-01-01 25:00:00"},
            {"start": self._start(fields.Datetime.now() - timedelta(hours=3))},
        ]:
            for route in ("review", "confirm"):
                with self.subTest(extra=extra, route=route):
                    data = self._confirm_data(start, self.cut)
                    data.update(extra)
                    response = self._post(f"/salon/booking/{route}", data)
                    self.assertIn(response.status_code, (400, 404))
                    self.assertIn("o_salon_error", response.text)
        self.assertFalse(self._appointments())
        self.assertFalse(self._guests())

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    def test_review_shows_prices_from_the_services_and_policies(self):
        data = self._confirm_data(self._at(self.day, 10), self.cut, self.blowdry)
        data["price"] = "1"
        response = self._post("/salon/booking/review", data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please arrive five minutes early.", response.text)
        # 30 + 20 from the services, with their 21 % tax: what the client pays
        self.assertIn("60.50", response.text)
        self.assertIn("taxes included", response.text)
        self.assertIn("Nothing is charged now", response.text)
        self.assertIn('id="salon_booking_guarantee"', response.text)

    def test_guest_books(self):
        start = self._at(self.day, 10)
        data = self._confirm_data(start, self.cut, self.blowdry, price_unit="1")
        response = self._post("/salon/booking/confirm", data)
        self.assertEqual(response.status_code, 303, response.text[:500])
        appointment = self._appointments()
        self.assertEqual(len(appointment), 1)
        self.assertIn(
            f"/my/salon/appointments/{appointment.id}/done?access_token="
            f"{appointment.salon_access_token}",
            response.headers["Location"],
        )
        self.assertEqual(appointment.start, start)
        self.assertIn(appointment.salon_employee_id, self.julie | self.thomas)
        self.assertEqual(appointment.salon_line_ids.product_id, self.cut | self.blowdry)
        self.assertEqual(appointment.salon_amount_total, 60.5)
        self.assertEqual(appointment.salon_state, "booked")
        self.assertEqual(appointment.salon_company_id, self.company)
        guest = appointment.salon_partner_id
        self.assertEqual(guest, self._guests())
        self.assertEqual((guest.name, guest.phone), ("Gina Guest", "+32 470 00 00 00"))
        self.assertFalse(guest.user_ids)
        # confirmation email with the calendar file and the portal link
        mail = appointment.message_ids.filtered(
            lambda m: m.subject and m.subject.startswith("Your appointment")
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.attachment_ids.mimetype, "text/calendar")
        self.assertIn(b"BEGIN:VCALENDAR", mail.attachment_ids.raw)
        self.assertIn(
            f"/my/salon/appointments/{appointment.id}?access_token=", str(mail.body)
        )
        # the salon sees it was booked online
        self.assertTrue(
            appointment.message_ids.filtered(lambda m: "Booked online" in str(m.body))
        )
        done = self.url_open(response.headers["Location"])
        self.assertEqual(done.status_code, 200)
        self.assertIn("Your appointment is booked.", done.text)

    def test_guest_never_attached_to_an_existing_client(self):
        data = self._confirm_data(
            self._at(self.day, 10), self.cut, email=self.portal_user.email
        )
        self._post("/salon/booking/confirm", data)
        appointment = self._appointments()
        self.assertNotEqual(appointment.salon_partner_id, self.portal_user.partner_id)
        self.authenticate("salon_portal", "salon_portal")
        response = self._get("/my/salon/appointments")
        self.assertNotIn(appointment.salon_reference, response.text)

    def test_logged_in_client_books_two_services(self):
        self.authenticate("salon_portal", "salon_portal")
        partners = self.env["res.partner"].search_count([])
        contact = self._get(
            f"/salon/booking/contact?services={self._services(self.cut, self.color)}"
            f"&start={self._start(self._at(self.day, 11))}"
        )
        self.assertIn("You are booking as", contact.text)
        self.assertIn("Paula Portal", contact.text)
        response = self._post(
            "/salon/booking/confirm",
            {
                "services": self._services(self.cut, self.color),
                "start": self._start(self._at(self.day, 11)),
                "accept_policy": "1",
            },
        )
        self.assertEqual(response.status_code, 303)
        appointment = self._appointments()
        self.assertEqual(appointment.salon_partner_id, self.portal_user.partner_id)
        self.assertEqual(appointment.salon_employee_id, self.julie)
        self.assertEqual(appointment.salon_amount_total, 108.9)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_taken_slot_offers_next_times(self):
        start = self._at(self.day, 10)
        self._book(start, self.cut, stylist=self.julie)
        data = self._confirm_data(start, self.cut, stylist=self.julie)
        response = self._post("/salon/booking/confirm", data)
        self.assertEqual(response.status_code, 409)
        self.assertIn("was just taken", response.text)
        self.assertIn(
            f'data-start="{self._start(self._at(self.day, 10, 30))}"', response.text
        )
        self.assertFalse(self._appointments())
        self.assertFalse(self._guests())

    def test_no_preference_takes_another_stylist(self):
        start = self._at(self.day, 10)
        self._book(start, self.cut, stylist=self.julie)
        response = self._post(
            "/salon/booking/confirm", self._confirm_data(start, self.cut)
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._appointments().salon_employee_id, self.thomas)

    def test_race_at_creation_is_refused_cleanly(self):
        """Free when checked, taken when created: PostgreSQL refuses it."""
        start = self._at(self.day, 10)
        self._book(start, self.cut, stylist=self.julie)
        Booking = self.registry["salon.online.booking"]
        with patch.object(
            Booking, "_salon_check_start", return_value=[self.julie.id], autospec=True
        ):
            response = self._post(
                "/salon/booking/confirm",
                self._confirm_data(start, self.cut, stylist=self.julie),
            )
        self.assertEqual(response.status_code, 409)
        self.assertIn("was just taken", response.text)
        self.assertFalse(self._appointments())
        self.assertFalse(self._guests())

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------

    def test_review_shows_the_coverage_of_the_client(self):
        self.package = self.env["salon.service.menu"].create({"name": "Package"})
        self.credit = self.env["salon.service.menu"].create({"name": "Credit"})
        self.authenticate("salon_portal", "salon_portal")
        with coverage_providers(self, sessions=1, credit=0.0):
            response = self._post(
                "/salon/booking/review",
                {
                    "services": f"{self.cut.id},{self.blowdry.id}",
                    "start": self._start(self._at(self.day, 10)),
                },
            )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Included in your package", response.text)
        # the cut is shown at its covered price: only the blow-dry is to pay
        self.assertIn("24.20", response.text)
        self.assertIn('name="decline_coverage"', response.text)

    def test_guarantee_and_next_step_hooks(self):
        Booking = self.registry["salon.online.booking"]
        with (
            patch.object(
                Booking,
                "_salon_get_guarantee",
                lambda self, booking: {"label": "A deposit of 10.00 is required."},
            ),
            patch.object(
                Booking,
                "_salon_get_next_step_url",
                lambda self, appointment, booking: f"/pay/{appointment.id}",
            ),
        ):
            data = self._confirm_data(self._at(self.day, 10), self.cut)
            review = self._post("/salon/booking/review", data)
            self.assertIn("A deposit of 10.00 is required.", review.text)
            self.assertNotIn("Nothing is charged now", review.text)
            response = self._post("/salon/booking/confirm", data)
        appointment = self._appointments()
        self.assertTrue(
            response.headers["Location"].endswith(f"/pay/{appointment.id}"),
            response.headers["Location"],
        )

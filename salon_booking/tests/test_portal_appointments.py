# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .website_common import SalonWebsiteCommon


@tagged("post_install", "-at_install")
class TestPortalAppointments(SalonWebsiteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paula = cls.portal_user.partner_id
        cls.upcoming = cls._book(
            cls._at(cls.day, 10), cls.cut, stylist=cls.julie, client=cls.paula
        )
        cls.past = cls._book(
            cls._at(cls.day - timedelta(days=14 * 7), 10),
            cls.blowdry,
            stylist=cls.thomas,
            client=cls.paula,
        )
        cls.others = cls._book(
            cls._at(cls.day, 10),
            cls.cut,
            stylist=cls.thomas,
            client=cls.other_portal_user.partner_id,
        )
        cls.token = cls.upcoming._salon_ensure_access_token()

    def _url(self, appointment=None, suffix="", token=None):
        url = f"/my/salon/appointments/{(appointment or self.upcoming).id}{suffix}"
        return f"{url}?access_token={token}" if token else url

    def _refresh(self):
        self.env.invalidate_all()

    def _assert_unchanged(self, appointment=None, start=None):
        self._refresh()
        appointment = appointment or self.upcoming
        self.assertEqual(appointment.salon_state, "booked")
        self.assertEqual(appointment.start, start or self._at(self.day, 10))

    # ------------------------------------------------------------------
    # Home, list, detail
    # ------------------------------------------------------------------

    def test_home_tile_and_counter(self):
        self.authenticate("salon_portal", "salon_portal")
        home = self._get("/my")
        self.assertIn("/my/salon/appointments", home.text)
        response = self.url_open(
            "/my/counters",
            data=json.dumps({"params": {"counters": ["salon_appointment_count"]}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.json()["result"]["salon_appointment_count"], 1)

    def test_list_shows_only_own_appointments(self):
        self.authenticate("salon_portal", "salon_portal")
        response = self._get("/my/salon/appointments")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self._url(self.upcoming), response.text)
        self.assertIn(self._url(self.past), response.text)
        self.assertNotIn(self._url(self.others), response.text)
        self.assertIn("Upcoming appointments", response.text)
        self.assertIn("Past appointments", response.text)

    def test_list_needs_login(self):
        self.authenticate(None, None)
        response = self._get("/my/salon/appointments")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_detail_for_the_client(self):
        self.authenticate("salon_portal", "salon_portal")
        response = self._get(self._url())
        self.assertEqual(response.status_code, 200)
        for text in (
            self.upcoming.salon_reference,
            "Cut",
            "Julie",
            "36.30",  # 30.00 and its 21 % tax
            "Booked",
            "+32 2 123 45 67",  # the salon's address card
            "Cancel the appointment",
            "o_salon_reschedule",
        ):
            self.assertIn(text, response.text)

    def test_detail_refused_to_others(self):
        self.authenticate("salon_portal_other", "salon_portal_other")
        self.assertEqual(self._get(self._url()).status_code, 404)
        self.assertEqual(self._get(self._url(token="wrong")).status_code, 404)
        self.authenticate(None, None)
        response = self._get(self._url())
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        self.assertEqual(self._get(self._url(token="wrong")).status_code, 404)
        self.assertEqual(
            self._get(self._url(self.others, token=self.token)).status_code,
            404,
            "a token opens its own appointment only",
        )
        meeting = self.env["calendar.event"].create(
            {
                "name": "Staff meeting",
                "start": self._at(self.day, 8),
                "stop": self._at(self.day, 9),
            }
        )
        self.assertEqual(
            self._get(
                f"/my/salon/appointments/{meeting.id}?access_token=x"
            ).status_code,
            404,
        )
        self.assertEqual(
            self._get("/my/salon/appointments/99999999?access_token=x").status_code,
            404,
        )

    def test_token_link_without_login(self):
        self.authenticate(None, None)
        response = self._get(self._url(token=self.token))
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.upcoming.salon_reference, response.text)
        ics = self._get(self._url(suffix="/ics", token=self.token))
        self.assertEqual(ics.status_code, 200)
        self.assertIn("text/calendar", ics.headers["Content-Type"])
        self.assertIn(b"BEGIN:VCALENDAR", ics.content)
        self.assertEqual(
            self._get(self._url(suffix="/ics", token="wrong")).status_code, 404
        )

    # ------------------------------------------------------------------
    # Cancel
    # ------------------------------------------------------------------

    def test_cancel_by_the_client(self):
        self.authenticate("salon_portal", "salon_portal")
        response = self._post(self._url(suffix="/cancel"), {})
        self.assertEqual(response.status_code, 303)
        self._refresh()
        self.assertEqual(self.upcoming.salon_state, "cancelled")
        bodies = " ".join(
            str(body) for body in self.upcoming.message_ids.mapped("body")
        )
        self.assertIn("Cancelled by the client from the portal.", bodies)
        note = self.upcoming.message_ids.filtered(
            lambda m: "Cancelled by the client" in str(m.body)
        )
        self.assertIn(self.company.partner_id, note.partner_ids, "the salon is told")
        self.assertTrue(
            self.upcoming.message_ids.filtered(
                lambda m: m.subject and "is cancelled" in m.subject
            ),
            "the client gets the cancellation email",
        )
        page = self.url_open(response.headers["Location"])
        self.assertIn("Your appointment is cancelled.", page.text)

    def test_cancel_with_token_without_login(self):
        self.authenticate(None, None)
        response = self._post(self._url(suffix="/cancel"), {"access_token": self.token})
        self.assertEqual(response.status_code, 303)
        self._refresh()
        self.assertEqual(self.upcoming.salon_state, "cancelled")

    def test_cancel_refused(self):
        self.authenticate("salon_portal_other", "salon_portal_other")
        self.assertEqual(self._post(self._url(suffix="/cancel"), {}).status_code, 404)
        self.authenticate(None, None)
        response = self._post(self._url(suffix="/cancel"), {})
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        response = self._post(self._url(suffix="/cancel"), {"access_token": "wrong"})
        self.assertEqual(response.status_code, 404)
        self.authenticate("salon_portal", "salon_portal")
        response = self._post(self._url(suffix="/cancel"), {"x": "1"}, csrf=False)
        self.assertEqual(response.status_code, 400, "CSRF token required")
        self.assertEqual(self._get(self._url(suffix="/cancel")).status_code, 405)
        self._assert_unchanged()

    def test_cancel_after_the_deadline(self):
        self.upcoming.salon_cancel_deadline_hours = 24 * 365
        self.authenticate("salon_portal", "salon_portal")
        page = self._get(self._url())
        self.assertIn("please contact the salon", page.text)
        self.assertIn("tel:+32 2 123 45 67", page.text)
        self.assertNotIn("Cancel the appointment", page.text)
        response = self._post(self._url(suffix="/cancel"), {})
        self.assertEqual(response.status_code, 403)
        self.assertIn("can no longer be changed online", response.text)
        self._assert_unchanged()

    def test_cancelled_cannot_be_cancelled_again(self):
        self.upcoming.with_context(salon_no_mail=True).action_salon_cancel()
        self.authenticate("salon_portal", "salon_portal")
        response = self._post(self._url(suffix="/cancel"), {})
        self.assertEqual(response.status_code, 403)

    # ------------------------------------------------------------------
    # Reschedule
    # ------------------------------------------------------------------

    def test_reschedule_page(self):
        self.authenticate("salon_portal", "salon_portal")
        response = self._get(
            self._url(suffix="/reschedule") + f"?date={self.day.isoformat()}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            f'data-start="{self._start(self._at(self.day, 11))}"', response.text
        )
        self.assertIn(
            f'data-start="{self._start(self._at(self.day, 10))}"',
            response.text,
            "its own time stays free for itself",
        )
        self.assertEqual(
            self._get(self._url(suffix="/reschedule") + "?date=32-01-2026").status_code,
            400,
        )

    def test_reschedule_by_the_client(self):
        self.authenticate("salon_portal", "salon_portal")
        new_start = self._at(self.day + timedelta(days=1), 14)
        response = self._post(
            self._url(suffix="/reschedule/confirm"), {"start": self._start(new_start)}
        )
        self.assertEqual(
            response.status_code, 303, response.text.partition("o_salon_taken")[2][:300]
        )
        self._refresh()
        self.assertEqual(self.upcoming.start, new_start)
        self.assertEqual(self.upcoming.stop, new_start + timedelta(minutes=30))
        self.assertEqual(self.upcoming.salon_employee_id, self.julie)
        self.assertEqual(self.upcoming.salon_state, "booked")
        note = self.upcoming.message_ids.filtered(
            lambda m: "Moved by the client" in str(m.body)
        )
        self.assertIn(self.company.partner_id, note.partner_ids)
        mail = self.upcoming.message_ids.filtered(
            lambda m: m.subject and m.subject.startswith("Your appointment")
        )
        self.assertEqual(mail.attachment_ids.mimetype, "text/calendar")
        page = self.url_open(response.headers["Location"])
        self.assertIn("Your appointment is moved", page.text)

    def test_reschedule_with_token_without_login(self):
        self.authenticate(None, None)
        new_start = self._at(self.day, 15)
        page = self._get(self._url(suffix="/reschedule", token=self.token))
        self.assertEqual(page.status_code, 200)
        response = self._post(
            self._url(suffix="/reschedule/confirm"),
            {"start": self._start(new_start), "access_token": self.token},
        )
        self.assertEqual(response.status_code, 303)
        self._refresh()
        self.assertEqual(self.upcoming.start, new_start)

    def test_reschedule_to_a_taken_time(self):
        taken = self._at(self.day, 14)
        self._book(taken, self.cut, stylist=self.julie, client=self.client)
        self.authenticate("salon_portal", "salon_portal")
        response = self._post(
            self._url(suffix="/reschedule/confirm"), {"start": self._start(taken)}
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("was just taken", response.text)
        self.assertIn(
            f'data-start="{self._start(self._at(self.day, 14, 30))}"', response.text
        )
        self._assert_unchanged()

    def test_reschedule_bad_input(self):
        self.authenticate("salon_portal", "salon_portal")
        now = fields.Datetime.now().replace(microsecond=0)
        for start, status in [
            ("garbage", 400),
            ("", 400),
            (self._start(now - timedelta(days=2)), 400),
            (self._start(now + timedelta(days=200)), 400),
            (self._start(self._at(self.day, 21)), 409),
        ]:
            with self.subTest(start=start):
                response = self._post(
                    self._url(suffix="/reschedule/confirm"), {"start": start}
                )
                self.assertEqual(response.status_code, status)
        self._assert_unchanged()

    def test_reschedule_refused(self):
        new_start = self._start(self._at(self.day, 15))
        self.authenticate("salon_portal_other", "salon_portal_other")
        self.assertEqual(self._get(self._url(suffix="/reschedule")).status_code, 404)
        response = self._post(
            self._url(suffix="/reschedule/confirm"), {"start": new_start}
        )
        self.assertEqual(response.status_code, 404)
        self.authenticate(None, None)
        response = self._post(
            self._url(suffix="/reschedule/confirm"),
            {"start": new_start, "access_token": "wrong"},
        )
        self.assertEqual(response.status_code, 404)
        response = self._post(
            self._url(suffix="/reschedule/confirm"), {"start": new_start}
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        self.upcoming.salon_cancel_deadline_hours = 24 * 365
        self.authenticate("salon_portal", "salon_portal")
        self.assertEqual(self._get(self._url(suffix="/reschedule")).status_code, 403)
        response = self._post(
            self._url(suffix="/reschedule/confirm"), {"start": new_start}
        )
        self.assertEqual(response.status_code, 403)
        self._assert_unchanged()

    def test_confirmation_email_links_to_the_portal(self):
        self.upcoming.with_context(salon_no_mail=False)._salon_send_mail(
            "salon_booking.mail_template_salon_confirmation"
        )
        message = self.upcoming.message_ids[0]
        self.assertIn(self._url(token=self.token), str(message.body))
        self.assertEqual(message.attachment_ids.mimetype, "text/calendar")

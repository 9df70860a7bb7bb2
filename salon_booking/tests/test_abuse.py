# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Abuse of the public booking: throttling, captcha, guests' emails verified,
and a cancelled appointment that stays read-only behind its emailed link."""

import hashlib
import re
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .website_common import SalonWebsiteCommon

CODE_RE = re.compile(r"\b([0-9]{6})\b")
LINK_RE = re.compile(r"/my/salon/appointments/[0-9]+\?access_token=[A-Za-z0-9-]+")


@tagged("post_install", "-at_install")
class TestAbuse(SalonWebsiteCommon, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"salon_throttle_email": 3, "salon_throttle_ip": 10})
        cls.Attempt = cls.env["salon.booking.attempt"]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _confirm_data(self, hour, email="gina@example.com", **values):
        return {
            "services": str(self.cut.id),
            "stylist": "",
            "start": self._start(self._at(self.day, hour)),
            "accept_policy": "1",
            **self._guest(email=email),
            **values,
        }

    def _confirm(self, hour, **values):
        return self._post("/salon/booking/confirm", self._confirm_data(hour, **values))

    def _appointments(self):
        self.env.invalidate_all()
        return self.env["calendar.event"].search([("salon_channel", "=", "online")])

    def _partners(self, email):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("email", "=ilike", email)])
        )

    def _assert_booked(self, response):
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertIn("/done?access_token=", response.headers["Location"])

    def _assert_page(self, response, status, message):
        self.assertEqual(response.status_code, status)
        self.assertTrue(message in response.text, f"{message!r} not on the page")

    def _assert_throttled(self, response):
        self._assert_page(response, 429, "Too many bookings were attempted from here")
        self.assertEqual(response.headers.get("Retry-After"), "3600")
        self.assertIn("o_salon_error", response.text)

    def _age_attempts(self, minutes):
        """Move every attempt counted so far ``minutes`` back in time."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE salon_booking_attempt SET create_date = %s",
            [fields.Datetime.now() - timedelta(minutes=minutes)],
        )
        self.env.invalidate_all()

    def _verification_mails(self, email="gina@example.com"):
        return self._new_mails.filtered(
            lambda mail: mail.email_to == email and "your code to book" in mail.subject
        )

    def _code_of(self, mail):
        codes = set(CODE_RE.findall(mail.subject))
        self.assertEqual(len(codes), 1, mail.subject)
        code = codes.pop()
        self.assertIn(code, str(mail.body_html), "the code is in the email's body")
        return code

    # ------------------------------------------------------------------
    # Throttling
    # ------------------------------------------------------------------

    def test_throttle_per_email(self):
        self.company.write({"salon_throttle_email": 2, "salon_throttle_ip": 100})
        self._assert_booked(self._confirm(10))
        self._assert_booked(self._confirm(11))
        self.assertEqual(len(self._appointments()), 2)
        self.assertEqual(len(self._partners("gina@example.com")), 2)
        self._assert_throttled(self._confirm(14))
        # the same address written otherwise is the same client
        self._assert_throttled(self._confirm(14, email="Gina <GINA@Example.com>"))
        self.assertEqual(len(self._appointments()), 2, "nothing booked")
        self.assertEqual(len(self._partners("gina@example.com")), 2, "no guest")
        # others still book from this internet address
        self._assert_booked(self._confirm(14, email="maria@example.com"))

    def test_throttle_per_internet_address(self):
        self.company.write({"salon_throttle_email": 100, "salon_throttle_ip": 2})
        self._assert_booked(self._confirm(10, email="anna@example.com"))
        self._assert_booked(self._confirm(11, email="bert@example.com"))
        self._assert_throttled(self._confirm(14, email="carl@example.com"))
        self.assertEqual(len(self._appointments()), 2)
        self.assertFalse(self._partners("carl@example.com"))
        # a logged-in client from the same address too
        self.authenticate("salon_portal", "salon_portal")
        self._assert_throttled(self._confirm(15))
        self.assertEqual(len(self._appointments()), 2)

    def test_attempts_older_than_an_hour_do_not_count(self):
        self.company.salon_throttle_email = 1
        self._assert_booked(self._confirm(10))
        self._assert_throttled(self._confirm(11))
        self._age_attempts(59)
        self._assert_throttled(self._confirm(11))
        self._age_attempts(61)
        self._assert_booked(self._confirm(11))
        self.assertEqual(len(self._appointments()), 2)

    def test_attempts_are_stored_as_salted_hashes(self):
        self._assert_booked(self._confirm(10))
        attempts = self.Attempt.search([])
        self.assertEqual(len(attempts), 2, "one for the email, one for the address")
        self.assertEqual(attempts.company_id, self.company)
        for values in attempts.read():
            for value in values.values():
                for clear in ("gina", "example.com", "127.0.0.1"):
                    self.assertNotIn(clear, str(value))
        keys = set(attempts.mapped("key"))
        for key in keys:
            self.assertRegex(key, r"^[0-9a-f]{64}$")
        for clear in ("email:gina@example.com", "address:127.0.0.1"):
            unsalted = hashlib.sha256(clear.encode()).hexdigest()
            self.assertNotIn(unsalted, keys, "a plain hash of an email is reversible")
        # the same email and address count under the same keys
        self._assert_booked(self._confirm(11))
        self.assertEqual(set(self.Attempt.search([]).mapped("key")), keys)

    def test_throttle_verification_codes(self):
        self.company.write(
            {"salon_guest_verify_email": True, "salon_throttle_email": 2}
        )
        with self.mock_mail_gateway():
            for _attempt in range(2):
                response = self._post("/salon/booking/review", self._confirm_data(10))
                self.assertEqual(response.status_code, 200)
            response = self._post("/salon/booking/review", self._confirm_data(10))
            self._assert_throttled(response)
        self.assertEqual(len(self._verification_mails()), 2, "no third email")

    def test_codes_to_strangers_are_throttled_per_address(self):
        """A visitor cannot make the salon email codes to any address."""
        self.company.write(
            {
                "salon_guest_verify_email": True,
                "salon_throttle_email": 100,
                "salon_throttle_ip": 2,
            }
        )
        with self.mock_mail_gateway():
            for email in ("anna@example.com", "bert@example.com"):
                response = self._post(
                    "/salon/booking/review", self._confirm_data(10, email=email)
                )
                self.assertEqual(response.status_code, 200)
            response = self._post(
                "/salon/booking/review",
                self._confirm_data(10, email="carl@example.com"),
            )
            self._assert_throttled(response)
        self.assertEqual(len(self._verification_mails("anna@example.com")), 1)
        self.assertFalse(self._verification_mails("carl@example.com"))

    # ------------------------------------------------------------------
    # Captcha
    # ------------------------------------------------------------------

    def _patch_captcha(self, **kwargs):
        return patch.object(
            self.registry["ir.http"], "_verify_request_recaptcha_token", **kwargs
        )

    def test_captcha_refused(self):
        for kwargs in (
            {"return_value": False},
            {"side_effect": ValidationError("No captcha token.")},
        ):
            with self.subTest(**kwargs), self._patch_captcha(**kwargs) as captcha:
                response = self._confirm(10)
                captcha.assert_called_once_with("salon_booking")
                self._assert_page(
                    response, 403, "The booking could not be verified. Please retry."
                )
                self.assertIn("o_salon_error", response.text)
        self.assertFalse(self._appointments())
        self.assertFalse(self._partners("gina@example.com"))

    def test_captcha_accepted(self):
        with self._patch_captcha(return_value=True) as captcha:
            self._assert_booked(self._confirm(10))
        captcha.assert_called_once_with("salon_booking")
        self.assertEqual(
            self._appointments().salon_partner_id, self._partners("gina@example.com")
        )

    # ------------------------------------------------------------------
    # Guests' emails verified
    # ------------------------------------------------------------------

    def test_guest_confirms_with_the_emailed_code(self):
        self.company.write(
            {"salon_guest_verify_email": True, "salon_throttle_email": 10}
        )
        with self.mock_mail_gateway():
            review = self._post("/salon/booking/review", self._confirm_data(10))
        self.assertEqual(review.status_code, 200)
        self.assertIn('name="code"', review.text)
        self.assertIn("Code sent to", review.text)
        mail = self._verification_mails()
        self.assertEqual(len(mail), 1)
        code = self._code_of(mail)
        self.assertNotIn(code, review.text, "the page does not give the code away")
        wrong = f"{(int(code) + 1) % 10**6:06d}"
        for extra in ({}, {"code": ""}, {"code": wrong}, {"code": "１２３４５６"}):
            with self.subTest(**extra):
                response = self._confirm(10, **extra)
                self._assert_page(
                    response,
                    400,
                    "This code is not the one we sent to gina@example.com",
                )
                self.assertIn('name="code"', response.text)
        # a code proves the address it was sent to, no other
        response = self._confirm(10, email="maria@example.com", code=code)
        self._assert_page(response, 400, "This code is not the one we sent")
        self.assertFalse(self._appointments())
        self.assertFalse(self._partners("gina@example.com"))
        response = self._confirm(10, code=code)
        self._assert_booked(response)
        appointment = self._appointments()
        self.assertEqual(len(appointment), 1)
        self.assertEqual(appointment.salon_partner_id.email, "gina@example.com")

    def test_guessing_the_code_is_throttled(self):
        self.company.write(
            {"salon_guest_verify_email": True, "salon_throttle_email": 3}
        )
        with self.mock_mail_gateway():
            self._post("/salon/booking/review", self._confirm_data(10))
        code = self._code_of(self._verification_mails())
        for offset in (1, 2):
            guess = f"{(int(code) + offset) % 10**6:06d}"
            self.assertEqual(self._confirm(10, code=guess).status_code, 400)
        # three tries an hour: the right code comes too late
        self._assert_throttled(self._confirm(10, code=code))
        self.assertFalse(self._appointments())

    def test_logged_in_client_needs_no_code(self):
        self.company.salon_guest_verify_email = True
        self.authenticate("salon_portal", "salon_portal")
        data = {
            "services": str(self.cut.id),
            "start": self._start(self._at(self.day, 10)),
            "accept_policy": "1",
        }
        with self.mock_mail_gateway():
            review = self._post("/salon/booking/review", data)
            self.assertEqual(review.status_code, 200)
            self.assertNotIn('name="code"', review.text)
            self._assert_booked(self._post("/salon/booking/confirm", data))
        self.assertFalse(self._verification_mails("paula@example.com"))
        self.assertEqual(
            self._appointments().salon_partner_id, self.portal_user.partner_id
        )

    # ------------------------------------------------------------------
    # Read-only once cancelled
    # ------------------------------------------------------------------

    def test_cancelled_appointment_is_read_only_behind_its_link(self):
        self._assert_booked(self._confirm(10))
        appointment = self._appointments()
        confirmation = appointment.message_ids.filtered(
            lambda m: m.subject and m.subject.startswith("Your appointment")
        )
        link = LINK_RE.search(str(confirmation.body)).group(0)
        token = link.partition("access_token=")[2]
        base = f"/my/salon/appointments/{appointment.id}"
        self.authenticate(None, None)
        page = self._get(link)
        actions = ("o_salon_cancel", f"{base}/cancel", f"{base}/reschedule", "/ics")
        for action in actions:
            self.assertIn(action, page.text, "offered while booked")
        response = self._post(f"{base}/cancel", {"access_token": token})
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(appointment.salon_state, "cancelled")

        page = self._get(link)
        self.assertEqual(page.status_code, 200)
        self.assertIn("This appointment was cancelled.", page.text)
        self.assertIn(appointment.salon_reference, page.text)
        for action in actions:
            self.assertNotIn(action, page.text, "nothing left to do online")

        for response in (
            self._post(f"{base}/cancel", {"access_token": token}),
            self._get(f"{base}/reschedule?access_token={token}"),
            self._post(
                f"{base}/reschedule/confirm",
                {"access_token": token, "start": self._start(self._at(self.day, 14))},
            ),
        ):
            with self.subTest(url=response.request.url):
                self._assert_page(response, 403, "can no longer be changed online")
                self.assertNotIn("o_salon_cancel", response.text)
        self.env.invalidate_all()
        self.assertEqual(appointment.salon_state, "cancelled")
        self.assertEqual(appointment.start, self._at(self.day, 10))

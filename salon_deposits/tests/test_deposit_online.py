# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A deposit asked when the client books on the website: the review page
shows it, the confirmation leads to the deposit's page, the appointment is on
hold until paid, and the portal offers "Pay now" meanwhile."""

from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.salon_booking.tests.website_common import SalonWebsiteCommon

from .common import pay_online


@tagged("post_install", "-at_install")
class TestDepositOnline(SalonWebsiteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.company.chart_template:
            AccountTestInvoicingCommon._use_chart_template(cls.company, "generic_coa")
        cls.company.write({"salon_deposit_enabled": True, "salon_deposit_percent": 50})
        cls.company._salon_setup_deposit_accounting()
        provider = cls.env.ref("payment.payment_provider_demo")
        provider.write({"state": "test", "company_id": cls.company.id})
        if not provider.journal_id:
            provider.journal_id = cls.env["account.journal"].search(
                [
                    *cls.env["account.journal"]._check_company_domain(cls.company),
                    ("type", "=", "bank"),
                ],
                limit=1,
            )
        cls.provider = provider
        cls.start = cls._at(cls.day, 10)

    def _confirm(self):
        data = {
            "services": self._services(self.cut),
            "stylist": "",
            "start": self._start(self.start),
            "accept_policy": "1",
            "name": "Gina Guest",
            "email": "gina@example.com",
            "phone": "+32 470 00 00 00",
        }
        review = self._post("/salon/booking/review", data)
        return review, self._post("/salon/booking/confirm", data)

    def test_review_shows_the_deposit_and_the_booking_waits_for_it(self):
        review, response = self._confirm()
        # the cut costs 30.00 + 21 % VAT: half of 36.30
        self.assertIn("o_salon_guarantee", review.text)
        self.assertIn("18.15", review.text)
        self.assertNotIn("o_salon_nothing_charged", review.text)
        self.assertEqual(response.status_code, 303)
        appointment = self.env["calendar.event"].search(
            [("salon_channel", "=", "online"), ("start", "=", self.start)]
        )
        deposit = appointment.salon_deposit_ids
        self.assertRecordValues(
            deposit, [{"state": "pending", "channel": "online", "amount": 18.15}]
        )
        self.assertTrue(deposit.hold_until)
        self.assertEqual(appointment.salon_state, "on_hold")
        self.assertTrue(
            response.headers["Location"].endswith(deposit.get_portal_url()),
            response.headers["Location"],
        )
        # no "you are booked" email before the deposit is paid
        self.assertFalse(
            appointment.message_ids.filtered(
                lambda m: "confirmed" in (m.subject or "").lower()
            )
        )
        page = self.url_open(deposit.get_portal_url())
        self.assertIn("o_payment_form", page.text)
        # the client who left the page finds the hold in the portal
        portal = self.url_open(appointment._salon_get_portal_url())
        self.assertIn("o_salon_deposit_pay_now", portal.text)
        self.assertIn(deposit.get_portal_url().replace("&", "&amp;"), portal.text)
        # paid: confirmed, and the portal no longer asks
        pay_online(deposit, self.provider)
        self.assertEqual(deposit.state, "paid")
        self.assertEqual(appointment.salon_state, "confirmed")
        portal = self.url_open(appointment._salon_get_portal_url())
        self.assertNotIn("o_salon_deposit_pay_now", portal.text)

    def test_no_deposit_no_hold(self):
        self.company.salon_deposit_enabled = False
        review, response = self._confirm()
        self.assertIn("o_salon_nothing_charged", review.text)
        appointment = self.env["calendar.event"].search(
            [("salon_channel", "=", "online"), ("start", "=", self.start)]
        )
        self.assertEqual(appointment.salon_state, "booked")
        self.assertFalse(appointment.salon_deposit_ids)
        self.assertIn("/done", response.headers["Location"])

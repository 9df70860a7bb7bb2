# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A card left at online booking (seed 002): optional or required by the
protection rules, saved by a validation of Odoo's payment framework
(payment_demo here), the booking on hold while a required card is awaited."""

import json
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.salon_booking.tests.website_common import SalonWebsiteCommon


class CardOnlineCommon(SalonWebsiteCommon):
    """Online booking in a salon asking a card (payment_demo saves it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.company.chart_template:
            AccountTestInvoicingCommon._use_chart_template(cls.company, "generic_coa")
        cls.company.write(
            {
                "salon_deposit_enabled": False,
                "salon_card_mode": "optional",
                "salon_no_show_fee_type": "percent",
                "salon_no_show_fee_value": 50.0,
            }
        )
        cls.company._salon_setup_deposit_accounting()
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write(
            {
                "state": "test",
                "company_id": cls.company.id,
                "allow_tokenization": True,
            }
        )
        if not cls.provider.journal_id:
            Journal = cls.env["account.journal"]
            cls.provider.journal_id = Journal.search(
                [*Journal._check_company_domain(cls.company), ("type", "=", "bank")],
                limit=1,
            )
        cls.start = cls._at(cls.day, 10)

    def _data(self, **values):
        return {
            "services": self._services(self.cut),
            "stylist": "",
            "start": self._start(self.start),
            "accept_policy": "1",
            **self._guest(),
            **values,
        }

    def _appointment(self):
        return self.env["calendar.event"].search(
            [("salon_channel", "=", "online"), ("start", "=", self.start)]
        )

    def _post_payment_form(self, route, **values):
        """What Odoo's payment form (payment_demo, a new card) posts to a
        transaction route."""
        params = {
            "provider_id": self.provider.id,
            "payment_method_id": self.provider.payment_method_ids[:1].id,
            "token_id": None,
            "amount": None,
            "flow": "direct",
            **values,
        }
        return self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )

    def _post_card_transaction(self, appointment, access_token):
        """What the card page's payment form posts to its transaction route."""
        return self._post_payment_form(
            f"/my/salon/appointments/{appointment.id}/card/transaction",
            tokenization_requested=True,
            landing_route=appointment._salon_get_portal_url(suffix="/card"),
            is_validation=True,
            access_token=access_token,
        )

    def _leave_card(self, appointment, simulated_state="done"):
        """The client saves a card on the card page (payment_demo's form
        posts to the page's transaction route, then the provider answers)."""
        response = self._post_card_transaction(
            appointment, appointment.salon_access_token
        )
        body = response.json()
        if "error" in body:
            return body
        transaction = self.env["payment.transaction"].search(
            [("reference", "=", body["result"]["reference"])]
        )
        transaction._handle_notification_data(
            "demo",
            {
                "reference": transaction.reference,
                "payment_details": "4242",
                "simulated_state": simulated_state,
            },
        )
        transaction._post_process()
        return transaction


@tagged("post_install", "-at_install")
class TestCardOnline(CardOnlineCommon):
    def test_optional_card_the_client_pays_at_the_salon(self):
        review = self._post("/salon/booking/review", self._data())
        self.assertIn("o_salon_card_choice", review.text)
        # the fee terms the client accepts: half of 36.30
        self.assertIn("18.15", review.text)
        response = self._post("/salon/booking/confirm", self._data(leave_card="0"))
        self.assertEqual(response.status_code, 303)
        appointment = self._appointment()
        self.assertIn("/done", response.headers["Location"])
        self.assertEqual(appointment.salon_state, "booked")
        self.assertFalse(appointment.salon_card_asked)
        self.assertEqual(appointment.salon_payment_state, "unpaid")
        # the terms are stored all the same: a card left later is bound by them
        self.assertRecordValues(
            appointment,
            [{"salon_card_fee_type": "percent", "salon_card_fee_value": 50.0}],
        )

    def test_optional_card_left(self):
        response = self._post("/salon/booking/confirm", self._data(leave_card="1"))
        appointment = self._appointment()
        # booked at once: an optional card holds nothing
        self.assertEqual(appointment.salon_state, "booked")
        self.assertTrue(appointment.salon_card_asked)
        self.assertFalse(appointment.salon_card_hold_until)
        self.assertTrue(
            response.headers["Location"].endswith(
                appointment._salon_get_portal_url(suffix="/card")
            ),
            response.headers["Location"],
        )
        page = self.url_open(appointment._salon_get_portal_url(suffix="/card"))
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_payment_form", page.text)
        self.assertIn("18.15", page.text)
        portal = self.url_open(appointment._salon_get_portal_url())
        self.assertIn("o_salon_card_leave_now", portal.text)
        transaction = self._leave_card(appointment)
        # a validation: nothing charged, the provider keeps the card
        self.assertRecordValues(
            transaction,
            [{"operation": "validation", "state": "done", "amount": 0.0}],
        )
        self.assertFalse(transaction.payment_id)
        token = transaction.token_id
        self.assertTrue(token)
        self.assertEqual(token.partner_id, appointment.salon_partner_id)
        self.assertEqual(appointment.salon_card_token_id, token)
        self.assertEqual(appointment.salon_payment_state, "card")
        self.assertEqual(appointment.salon_payment_state_label, "Card on File")
        portal = self.url_open(appointment._salon_get_portal_url())
        self.assertIn("o_salon_card_on_file", portal.text)
        self.assertNotIn("o_salon_card_leave_now", portal.text)
        # a second card is refused, with the reason
        again = self._leave_card(appointment)
        self.assertIn("already on file", again["error"]["data"]["message"])

    def test_required_card_holds_the_time_until_left(self):
        self.company.salon_card_mode = "required"
        review = self._post("/salon/booking/review", self._data())
        self.assertNotIn("o_salon_card_choice", review.text)
        self.assertIn("o_salon_guarantee", review.text)
        self._post("/salon/booking/confirm", self._data())
        appointment = self._appointment()
        self.assertEqual(appointment.salon_state, "on_hold")
        self.assertTrue(appointment.salon_card_hold_until)
        self.assertEqual(appointment.salon_payment_state, "card_pending")
        # no "you are booked" email before the card
        self.assertFalse(
            appointment.message_ids.filtered(
                lambda m: "confirmed" in (m.subject or "").lower()
            )
        )
        self._leave_card(appointment)
        self.assertEqual(appointment.salon_state, "booked")
        self.assertFalse(appointment.salon_card_hold_until)
        self.assertEqual(appointment.salon_payment_state, "card")

    def test_required_card_not_left_in_time(self):
        self.company.write({"salon_card_mode": "required"})
        self._post("/salon/booking/confirm", self._data())
        appointment = self._appointment()
        hold = appointment.salon_card_hold_until
        Event = self.env["calendar.event"]
        with freeze_time(hold - timedelta(minutes=1)):
            Event._cron_expire_card_holds()
        self.assertEqual(appointment.salon_state, "on_hold")
        with freeze_time(hold + timedelta(minutes=1)):
            Event._cron_expire_card_holds()
        self.assertEqual(appointment.salon_state, "cancelled")
        self.assertFalse(appointment.salon_blocks_slot)
        # too late: the page says why and offers no form
        page = self.url_open(appointment._salon_get_portal_url(suffix="/card"))
        self.assertIn("o_salon_card_unavailable", page.text)
        self.assertNotIn("o_payment_form", page.text)
        refused = self._leave_card(appointment)
        self.assertIn("cancelled", refused["error"]["data"]["message"])

    def test_a_declined_card_leaves_the_booking_waiting(self):
        self.company.salon_card_mode = "required"
        self._post("/salon/booking/confirm", self._data())
        appointment = self._appointment()
        transaction = self._leave_card(appointment, simulated_state="error")
        self.assertEqual(transaction.state, "error")
        self.assertFalse(appointment.salon_card_token_id)
        self.assertEqual(appointment.salon_state, "on_hold")
        # the client tries another card
        self._leave_card(appointment)
        self.assertTrue(appointment.salon_card_token_id)
        self.assertEqual(appointment.salon_state, "booked")

    def test_card_page_access(self):
        self._post("/salon/booking/confirm", self._data(leave_card="1"))
        appointment = self._appointment()
        base = f"/my/salon/appointments/{appointment.id}/card"
        for url in (
            base,
            f"{base}?access_token=stolen",
            "/my/salon/appointments/2147483648/card?access_token=x",
            "/my/salon/appointments/99999999999999999999/card",
        ):
            response = self._get(url)
            self.assertIn(response.status_code, (303, 404), url)
            self.assertNotIn("o_payment_form", response.text)
        stolen = self._post_card_transaction(appointment, "stolen").json()
        self.assertIn("access token", stolen["error"]["data"]["message"])
        self.assertFalse(appointment.salon_card_transaction_ids)

    def test_a_card_does_not_end_a_deposit_hold(self):
        self.company.write({"salon_deposit_enabled": True, "salon_deposit_percent": 50})
        self._post("/salon/booking/confirm", self._data())
        appointment = self._appointment()
        self.assertEqual(appointment.salon_payment_state, "deposit_pending")
        # the client opens the card page of the appointment held for its deposit
        self._leave_card(appointment)
        self.assertTrue(appointment.salon_card_token_id)
        self.assertEqual(appointment.salon_state, "on_hold")
        self.assertEqual(appointment.salon_payment_state, "deposit_pending")


@tagged("post_install", "-at_install")
class TestDepositAndCard(CardOnlineCommon):
    """A deposit now and the card guaranteeing the rest: the card the deposit
    is paid with is saved (one payment form, one step for the client)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "salon_deposit_enabled": True,
                "salon_deposit_percent": 30.0,
                "salon_card_mode": "required",
            }
        )

    def _pay_deposit(self, deposit, tokenization_requested=False):
        """The deposit page's payment form posts to its transaction route
        (the client ticks "save" or not), then payment_demo answers."""
        response = self._post_payment_form(
            f"/salon/deposit/{deposit.id}/transaction",
            tokenization_requested=tokenization_requested,
            landing_route=deposit.get_portal_url(),
            access_token=deposit._portal_ensure_token(),
        )
        transaction = self.env["payment.transaction"].search(
            [("reference", "=", response.json()["result"]["reference"])]
        )
        transaction._handle_notification_data(
            "demo",
            {
                "reference": transaction.reference,
                "payment_details": "4242",
                "simulated_state": "done",
            },
        )
        transaction._post_process()
        return transaction

    def test_required_card_saved_with_the_deposit(self):
        review = self._post("/salon/booking/review", self._data())
        # 30 % of 36.30 now; the fee terms of the card for the rest
        self.assertIn("10.89", review.text)
        self.assertIn("the card you pay the deposit with stays on file", review.text)
        self.assertIn("18.15", review.text)
        self.assertNotIn("o_salon_card_choice", review.text)
        response = self._post("/salon/booking/confirm", self._data())
        appointment = self._appointment()
        deposit = appointment.salon_deposit_ids
        self.assertIn(f"/salon/deposit/{deposit.id}", response.headers["Location"])
        # one hold, the deposit's
        self.assertRecordValues(
            appointment,
            [
                {
                    "salon_state": "on_hold",
                    "salon_card_asked": True,
                    "salon_card_hold_until": False,
                    "salon_payment_state": "deposit_pending",
                }
            ],
        )
        page = self.url_open(deposit.get_portal_url())
        self.assertIn("o_salon_deposit_saves_card", page.text)
        self.assertIn("18.15", page.text)
        # no "save my card" checkbox: the card is saved whatever is posted
        self.assertNotIn('name="o_payment_tokenize_checkbox"', page.text)
        transaction = self._pay_deposit(deposit)
        self.assertTrue(transaction.token_id)
        self.assertRecordValues(
            appointment,
            [
                {
                    "salon_state": "confirmed",
                    "salon_card_token_id": transaction.token_id.id,
                    "salon_payment_state": "deposit_card",
                }
            ],
        )
        self.assertEqual(deposit.state, "paid")
        # a no-show costs the fee less the deposit kept: 18.15 - 10.89
        appointment.action_salon_no_show()
        self.assertEqual(appointment.salon_card_fee_amount, 7.26)

    def test_optional_card_the_client_leaves_with_the_deposit(self):
        self.company.salon_card_mode = "optional"
        review = self._post("/salon/booking/review", self._data())
        self.assertIn("o_salon_card_choice", review.text)
        self.assertIn("I also leave the card I pay the deposit with", review.text)
        self._post("/salon/booking/confirm", self._data(leave_card="1"))
        appointment = self._appointment()
        self.assertTrue(appointment.salon_card_asked)
        transaction = self._pay_deposit(appointment.salon_deposit_ids)
        self.assertEqual(appointment.salon_card_token_id, transaction.token_id)
        self.assertEqual(appointment.salon_payment_state, "deposit_card")

    def test_optional_card_not_left_only_the_deposit(self):
        self.company.salon_card_mode = "optional"
        self._post("/salon/booking/confirm", self._data(leave_card="0"))
        appointment = self._appointment()
        self.assertFalse(appointment.salon_card_asked)
        deposit = appointment.salon_deposit_ids
        self.assertNotIn(
            "o_salon_deposit_saves_card", self.url_open(deposit.get_portal_url()).text
        )
        transaction = self._pay_deposit(deposit)
        self.assertFalse(transaction.token_id)
        self.assertFalse(appointment.salon_card_token_id)
        self.assertEqual(appointment.salon_state, "confirmed")
        self.assertEqual(appointment.salon_payment_state, "deposit")

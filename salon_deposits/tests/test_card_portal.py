# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The card page and its transaction route, fuzzed: any input is answered
below 500, the page opens only for the appointment's token, and a validation
transaction is only ever made for the appointment's client, for nothing."""

import json
from datetime import timedelta
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.salon_booking.tests.test_fuzz import FUZZ

from .common import SalonDepositCommon
from .test_deposit_portal import IDS, TEXT, TOKENS


@tagged("post_install", "-at_install")
class TestCardPortal(HttpCase, SalonDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls._enable_demo_provider()
        cls.provider.allow_tokenization = True
        cls.env["website"].get_current_website().company_id = cls.company
        cls.company.write(
            {"salon_deposit_enabled": False, "salon_card_mode": "optional"}
        )
        start = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        cls.appointment = cls._book(start + timedelta(days=3), cls.cut)
        cls.appointment.salon_card_asked = True
        cls.token = cls.appointment._salon_ensure_access_token()

    @FUZZ
    @given(appointment_id=IDS, token=TOKENS)
    def test_fuzz_card_page(self, appointment_id, token):
        refs = {"@mine": self.appointment, "@other": self.appointment.browse()}
        appointment_id = (
            str(refs[appointment_id].id) if appointment_id in refs else appointment_id
        )
        token = self.token if token == "@mine" else token
        response = self.url_open(
            f"/my/salon/appointments/{appointment_id}/card?access_token={quote(token)}",
            allow_redirects=False,
        )
        valid = appointment_id == str(self.appointment.id) and token == self.token
        if valid:
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_payment_form", response.text)
        else:
            # a visitor without a token is asked to log in, anyone else: 404
            # ("007" is redirected to "7" first, by the URL's integer converter)
            self.assertIn(response.status_code, (301, 303, 404))
            self.assertNotIn("o_payment_form", response.text)

    @FUZZ
    @given(
        token=TOKENS,
        amount=st.one_of(st.floats(allow_nan=True), TEXT),
        flow=st.sampled_from(["direct", "redirect", "token", "", "x"]),
        partner=st.one_of(st.none(), st.integers(min_value=-1, max_value=2**40)),
    )
    def test_fuzz_card_transaction(self, token, amount, flow, partner):
        token = self.token if token == "@mine" else token
        params = {
            "provider_id": self.provider.id,
            "payment_method_id": self.provider.payment_method_ids[:1].id,
            "token_id": None,
            "amount": amount if isinstance(amount, str) else repr(amount),
            "flow": flow,
            "tokenization_requested": False,
            "landing_route": "/",
            "is_validation": False,
            "access_token": token,
        }
        if partner is not None:
            # refused: the client is the appointment's, never the request's
            params["partner_id"] = partner
        response = self.url_open(
            f"/my/salon/appointments/{self.appointment.id}/card/transaction",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": params,
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertLess(response.status_code, 500)
        self.env.invalidate_all()
        made = self.appointment.salon_card_transaction_ids
        if token == self.token and flow in ("direct", "redirect") and partner is None:
            self.assertEqual(len(made), 1, response.text)
        else:
            self.assertFalse(made, response.text)
        for transaction in made:
            # whatever was sent: a validation of the client's card, nothing paid
            self.assertEqual(transaction.operation, "validation")
            self.assertEqual(transaction.amount, 0.0)
            self.assertTrue(transaction.tokenize)
            self.assertEqual(transaction.partner_id, self.appointment.salon_partner_id)
            transaction.unlink()

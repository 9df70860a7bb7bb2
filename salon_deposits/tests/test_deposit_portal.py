# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The deposit's page and its transaction route, over HTTP: access by
token, the payment form of Odoo's payment framework, amounts from the server,
and any input answered below 500."""

import json
import string
from datetime import timedelta
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.salon_booking.tests.test_fuzz import FUZZ

from .common import SalonDepositCommon

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
IDS = st.one_of(
    st.sampled_from(["@mine", "@other", "0", "99999999999", "2147483648", "-1"]),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.text(string.digits, min_size=1, max_size=40),
)
TOKENS = st.one_of(
    st.sampled_from(["@mine", "@other", "", "None"]),
    TEXT,
    st.text(string.ascii_letters + string.digits + "-", min_size=30, max_size=3000),
)


@tagged("post_install", "-at_install")
class TestDepositPortal(HttpCase, SalonDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls._enable_demo_provider()
        cls.env["website"].get_current_website().company_id = cls.company
        # real dates: the page and its hold run on the server's clock
        start = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        cls.appointment = cls._book(start + timedelta(days=3), cls.color | cls.cut)
        cls.deposit = cls._ask_by_link(cls.appointment)

    def _page(self, deposit, token=None):
        token = deposit.access_token if token is None else token
        return self.url_open(f"/salon/deposit/{deposit.id}?access_token={quote(token)}")

    def _transaction(self, deposit, token=None, **params):
        values = {
            "provider_id": self.provider.id,
            "payment_method_id": self.provider.payment_method_ids[:1].id,
            "token_id": None,
            "amount": deposit.amount,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": deposit.get_portal_url(),
            "is_validation": False,
            "access_token": deposit.access_token if token is None else token,
            **params,
        }
        response = self.url_open(
            f"/salon/deposit/{deposit.id}/transaction",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": values}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _refused(self, body, message):
        """The payment form shows the server's message."""
        self.assertNotIn("result", body)
        self.assertIn(message, body["error"]["data"]["message"])

    def test_page_shows_the_terms_and_the_payment_form(self):
        response = self._page(self.deposit)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_salon_deposit_amount", response.text)
        self.assertIn("32.67", response.text)
        self.assertIn("o_salon_deposit_terms", response.text)
        self.assertIn("o_payment_form", response.text)
        self.assertIn(self.provider.name, response.text)

    def test_client_pays_the_link_in_a_browser(self):
        self.start_tour(self.deposit.get_portal_url(), "salon_deposit_link_tour")
        self.assertEqual(self.deposit.state, "paid")
        self.assertEqual(self.deposit.transaction_ids.provider_id, self.provider)
        self.assertEqual(self.appointment.salon_state, "confirmed")
        self.assertEqual(self.deposit.invoice_id.amount_total, 32.67)

    def test_someone_else_finds_nothing(self):
        for url in (
            f"/salon/deposit/{self.deposit.id}",
            f"/salon/deposit/{self.deposit.id}?access_token=stolen",
            "/salon/deposit/2147483648?access_token=x",
            "/salon/deposit/99999999999999999999999",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        self._refused(
            self._transaction(self.deposit, token="stolen"), "access token is invalid"
        )
        self.env.invalidate_all()
        self.assertFalse(self.deposit.transaction_ids)

    def test_the_server_decides_the_amount(self):
        values = self._transaction(self.deposit, amount=0.01)["result"]
        self.env.invalidate_all()
        transaction = self.env["payment.transaction"].search(
            [("reference", "=", values["reference"])]
        )
        self.assertEqual(transaction.amount, 32.67)
        self.assertEqual(transaction.salon_deposit_ids, self.deposit)
        self.assertEqual(transaction.partner_id, self.deposit.partner_id)
        # the client pays (payment_demo), Odoo post-processes
        transaction._set_done()
        transaction._post_process()
        self.assertEqual(self.deposit.state, "paid")
        self.assertEqual(self.appointment.salon_state, "confirmed")
        page = self._page(self.deposit)
        self.assertIn("o_salon_deposit_paid", page.text)
        self.assertNotIn("o_payment_form", page.text)
        # a second payment is refused
        self._refused(self._transaction(self.deposit), "cannot be paid any more")
        self.env.invalidate_all()
        self.assertEqual(len(self.deposit.transaction_ids), 1)

    def test_expired_hold_cannot_be_paid(self):
        self.deposit.hold_until = fields.Datetime.now() - timedelta(minutes=1)
        page = self._page(self.deposit)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_salon_deposit_unpayable", page.text)
        self.assertNotIn("o_payment_form", page.text)
        self._refused(self._transaction(self.deposit), "time held")
        self.env.invalidate_all()
        self.assertFalse(self.deposit.transaction_ids)

    @FUZZ
    @given(deposit_id=IDS, token=TOKENS)
    def test_fuzz_deposit_page(self, deposit_id, token):
        refs = {"@mine": self.deposit, "@other": self.deposit.browse()}
        deposit_id = str(refs[deposit_id].id) if deposit_id in refs else deposit_id
        token = self.deposit.access_token if token == "@mine" else token
        response = self.url_open(
            f"/salon/deposit/{deposit_id}?access_token={quote(token)}"
        )
        valid = (
            deposit_id == str(self.deposit.id) and token == self.deposit.access_token
        )
        self.assertEqual(response.status_code, 200 if valid else 404)

    @FUZZ
    @given(token=TOKENS, amount=st.one_of(st.floats(allow_nan=True), TEXT))
    def test_fuzz_transaction_route(self, token, amount):
        token = self.deposit.access_token if token == "@mine" else token
        response = self.url_open(
            f"/salon/deposit/{self.deposit.id}/transaction",
            data=self._json(token, amount),
            headers={"Content-Type": "application/json"},
        )
        self.assertLess(response.status_code, 500)
        self.env.invalidate_all()
        for transaction in self.deposit.transaction_ids:
            # whatever was sent, a transaction is for the deposit's amount
            self.assertEqual(transaction.amount, self.deposit.amount)
            transaction.unlink()

    def _json(self, token, amount):
        return json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.provider.payment_method_ids[:1].id,
                    "token_id": None,
                    "amount": amount if isinstance(amount, str) else repr(amount),
                    "flow": "direct",
                    "tokenization_requested": False,
                    "landing_route": "/",
                    "is_validation": False,
                    "access_token": token,
                },
            }
        )

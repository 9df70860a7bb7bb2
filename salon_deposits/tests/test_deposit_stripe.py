# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A deposit paid with a card saved at Stripe and refunded through Stripe,
against localstripe (a fake Stripe API on loopback that ``setup/test.py``
starts; its URL in ``SALON_LOCALSTRIPE_URL``). Odoo's payment_stripe makes the
requests; only its base URL is changed, and the ``description`` of a
PaymentIntent is left out (localstripe refuses it)."""

import os
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

import requests

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.payment_stripe.models import payment_provider as stripe_provider
from odoo.addons.payment_stripe.models.payment_transaction import (
    PaymentTransaction as StripeTransaction,
)

from .common import SalonDepositCommon

STRIPE_API = "https://api.stripe.com/v1/"
SECRET_KEY = "sk_test_salon"


@tagged("post_install", "-at_install")
class TestDepositStripe(SalonDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.localstripe = os.environ.get("SALON_LOCALSTRIPE_URL")
        cls.provider = cls.env.ref("payment.payment_provider_stripe")
        cls.provider.write(
            {
                "state": "test",
                "company_id": cls.company.id,
                "stripe_secret_key": SECRET_KEY,
                "stripe_publishable_key": "pk_test_salon",
                "journal_id": cls.bank.id,
            }
        )
        cls.client.email = "marie@example.com"

    def setUp(self):
        super().setUp()
        self.assertTrue(
            self.localstripe,
            "SALON_LOCALSTRIPE_URL is not set: run the tests with setup/test.py, "
            "which starts localstripe",
        )

    @contextmanager
    def _localstripe(self):
        """payment_stripe's requests go to localstripe."""
        real_url_join = stripe_provider.url_join
        real_payload = StripeTransaction._stripe_prepare_payment_intent_payload

        def url_join(base, path):
            return real_url_join(self.localstripe if base == STRIPE_API else base, path)

        def payload(tx):
            values = real_payload(tx)
            values.pop("description", None)
            return values

        with (
            patch.object(stripe_provider, "url_join", url_join),
            patch.object(
                StripeTransaction, "_stripe_prepare_payment_intent_payload", payload
            ),
        ):
            yield

    def _stripe(self, endpoint, **data):
        response = requests.post(
            f"{self.localstripe}{endpoint}",
            data=data,
            headers={"Authorization": f"Bearer {SECRET_KEY}"},
            timeout=10,
        )
        return response.json()

    def _saved_card(self):
        """The client's card saved at Stripe (as the payment form saves it)."""
        customer = self._stripe("customers", email=self.client.email)
        method = self._stripe(
            "payment_methods",
            **{
                "type": "card",
                "card[number]": "4242424242424242",
                "card[exp_month]": "12",
                "card[exp_year]": "2030",
                "card[cvc]": "123",
            },
        )
        self._stripe(f"payment_methods/{method['id']}/attach", customer=customer["id"])
        return self.env["payment.token"].create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.env.ref("payment.payment_method_card").id,
                "partner_id": self.client.id,
                "provider_ref": customer["id"],
                "stripe_payment_method": method["id"],
                "payment_details": "4242",
            }
        )

    def test_paid_with_a_saved_card_then_refunded_through_stripe(self):
        start = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        appointment = self._book(start + timedelta(days=3), self.color | self.cut)
        deposit = self._ask_by_link(appointment)
        token = self._saved_card()
        with self._localstripe():
            transaction = self.env["payment.transaction"].create(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": token.payment_method_id.id,
                    "token_id": token.id,
                    "amount": deposit.amount,
                    "currency_id": deposit.currency_id.id,
                    "partner_id": self.client.id,
                    "operation": "online_token",
                    "salon_deposit_ids": [Command.set(deposit.ids)],
                }
            )
            transaction._send_payment_request()
            self.assertEqual(transaction.state, "done")
            self.assertTrue(transaction.provider_reference.startswith("pi_"))
            transaction._post_process()
            self.assertRecordValues(
                deposit, [{"state": "paid", "amount_available": 32.67}]
            )
            self.assertEqual(appointment.salon_state, "confirmed")
            self.assertEqual(self._balance(self.deposits_account), -32.67)
            # cancelled in time: Stripe gives the money back
            appointment.action_salon_cancel()
        refund = transaction.child_transaction_ids
        self.assertRecordValues(
            refund, [{"operation": "refund", "state": "done", "amount": -32.67}]
        )
        self.assertTrue(refund.provider_reference.startswith("re_"))
        self.assertRecordValues(
            deposit, [{"state": "refunded", "amount_refunded": 32.67}]
        )
        refunded = deposit.line_ids.filtered(lambda line: line.kind == "refunded")
        self.assertEqual(
            (refunded.source_model, refunded.source_id),
            ("payment.transaction", refund.id),
        )
        self.assertEqual(refund.payment_id.payment_type, "outbound")
        self.assertEqual(refund.invoice_ids, deposit.invoice_id.reversal_move_ids)
        self.assertEqual(self._balance(self.deposits_account), 0.0)

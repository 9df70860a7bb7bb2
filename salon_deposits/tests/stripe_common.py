# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's payment_stripe against localstripe (a fake Stripe API on loopback
that ``setup/test.py`` starts; its URL in ``SALON_LOCALSTRIPE_URL``). Odoo's
code makes the requests; only its base URL is changed, and the
``description`` of intents, the shipping address of an off-session
PaymentIntent and the e-mandate options of a SetupIntent are left out
(localstripe refuses them)."""

import os
from contextlib import contextmanager
from unittest.mock import patch

import requests

from odoo.addons.payment_stripe.models import payment_provider as stripe_provider
from odoo.addons.payment_stripe.models.payment_transaction import (
    PaymentTransaction as StripeTransaction,
)

from .common import SalonDepositCommon

STRIPE_API = "https://api.stripe.com/v1/"
SECRET_KEY = "sk_test_salon"


class LocalStripeMixin:
    """Odoo's Stripe provider of ``cls.company`` (``cls._setup_localstripe``
    in ``setUpClass``), its requests sent to localstripe; for any test case
    (back office or Point of Sale)."""

    @classmethod
    def _setup_localstripe(cls, journal):
        cls.localstripe = os.environ.get("SALON_LOCALSTRIPE_URL")
        # the provider of another company until it is the salon's
        cls.provider = cls.env.ref("payment.payment_provider_stripe").sudo()
        cls.provider.write(
            {
                "state": "test",
                "company_id": cls.company.id,
                "stripe_secret_key": SECRET_KEY,
                "stripe_publishable_key": "pk_test_salon",
                "journal_id": journal.id,
            }
        )
        cls.provider = cls.provider.sudo(False)
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
        real_setup_payload = StripeTransaction._stripe_prepare_setup_intent_payload

        def url_join(base, path):
            return real_url_join(self.localstripe if base == STRIPE_API else base, path)

        def payload(tx):
            # nor the client's address, sent for a payment off-session
            return {
                key: value
                for key, value in real_payload(tx).items()
                if key != "description" and not key.startswith("shipping")
            }

        def setup_payload(tx):
            # nor the Indian e-mandate options that Odoo adds for USD
            return {
                key: value
                for key, value in real_setup_payload(tx).items()
                if key != "description" and not key.startswith("payment_method_options")
            }

        with (
            patch.object(stripe_provider, "url_join", url_join),
            patch.object(
                StripeTransaction, "_stripe_prepare_payment_intent_payload", payload
            ),
            patch.object(
                StripeTransaction,
                "_stripe_prepare_setup_intent_payload",
                setup_payload,
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

    def _saved_card(self, number="4242424242424242"):
        """The client's card saved at Stripe (as the payment form saves it)."""
        customer = self._stripe("customers", email=self.client.email)
        method = self._stripe(
            "payment_methods",
            **{
                "type": "card",
                "card[number]": number,
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
                "payment_details": number[-4:],
            }
        )


class SalonStripeCommon(LocalStripeMixin, SalonDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_localstripe(cls.bank)

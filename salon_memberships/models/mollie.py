# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mollie's API for memberships, through the official ``mollie-api-python``.

Odoo 18's payment_mollie creates one-off payments only (no customers,
mandates, subscriptions or refunds): memberships talk to Mollie with the SDK,
using the API key of the salon's Mollie payment provider. The API endpoint is
Mollie's unless the system parameter ``salon_memberships.mollie_endpoint`` is
set (tests point it at a fake Mollie on loopback).
"""

import logging
from decimal import Decimal

from mollie.api.client import Client
from mollie.api.error import Error as MollieError
from mollie.api.objects.customer import Customer
from mollie.api.objects.payment import Payment

from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

ENDPOINT_PARAM = "salon_memberships.mollie_endpoint"
USER_AGENT = "SalonMemberships"

__all__ = ["MollieError", "MollieSession", "format_amount", "parse_amount"]


def format_amount(amount, currency):
    """Mollie's amount object: the value as a string with the currency's
    decimals."""
    digits = max(currency.decimal_places, 0)
    value = Decimal(str(currency.round(amount))).quantize(Decimal(1).scaleb(-digits))
    return {"currency": currency.name, "value": str(value)}


def parse_amount(amount):
    """The float value of Mollie's amount object (0.0 when absent)."""
    if not amount:
        return 0.0
    return float(Decimal(str(amount.get("value") or "0")))


class MollieSession:
    """The Mollie API of one payment provider.

    Every call goes through :meth:`call`, which turns Mollie's refusals into
    a ``UserError`` with Mollie's own reason (an invalid IBAN, SEPA Direct
    Debit not activated), never into a crash, and never logs the key.
    """

    def __init__(self, provider):
        env = provider.env
        key = (provider.sudo().mollie_api_key or "").strip()
        if not key:
            raise UserError(
                env._(
                    "Enter the API key of the Mollie payment provider %s: "
                    "memberships are paid through it.",
                    provider.name,
                )
            )
        self.env = env
        self.provider = provider
        self.client = Client(timeout=30)
        try:
            self.client.set_api_key(key)
        except MollieError as error:
            raise UserError(
                env._("The Mollie API key of %s is not valid.", provider.name)
            ) from error
        endpoint = env["ir.config_parameter"].sudo().get_param(ENDPOINT_PARAM)
        if endpoint:
            self.client.set_api_endpoint(endpoint)
        self.client.set_user_agent_component(USER_AGENT, "18.0")

    def call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except MollieError as error:
            _logger.info("Mollie refused a request: %s", error)
            raise UserError(
                self.env._("Mollie refused the request: %s", self.reason(error))
            ) from error

    @staticmethod
    def reason(error):
        return getattr(error, "detail", None) or str(error)

    # customers, mandates, subscriptions --------------------------------

    def customer(self, customer_id):
        return Customer({"id": customer_id}, self.client)

    def create_customer(self, partner, metadata):
        return self.call(
            self.client.customers.create,
            {
                "name": partner.name or "",
                "email": partner.email or "",
                "locale": _mollie_locale(partner.lang),
                "metadata": metadata,
            },
        )

    def create_mandate(self, customer_id, data):
        return self.call(self.customer(customer_id).mandates.create, data)

    def get_mandate(self, customer_id, mandate_id):
        return self.call(self.customer(customer_id).mandates.get, mandate_id)

    def valid_mandates(self, customer_id):
        mandates = self.call(self.customer(customer_id).mandates.list)
        return [mandate for mandate in mandates if mandate.status == "valid"]

    def create_subscription(self, customer_id, data, idempotency_key=""):
        return self.call(
            self.customer(customer_id).subscriptions.create,
            data,
            idempotency_key=idempotency_key,
        )

    def update_subscription(self, customer_id, subscription_id, data):
        return self.call(
            self.customer(customer_id).subscriptions.update, subscription_id, data
        )

    def cancel_subscription(self, customer_id, subscription_id):
        return self.call(
            self.customer(customer_id).subscriptions.delete, subscription_id
        )

    # payments -----------------------------------------------------------

    def create_payment(self, data, idempotency_key=""):
        return self.call(
            self.client.payments.create, data, idempotency_key=idempotency_key
        )

    def get_payment(self, payment_id):
        return self.call(self.client.payments.get, payment_id)

    def create_refund(self, payment_id, data, idempotency_key=""):
        payment = Payment({"id": payment_id}, self.client)
        return self.call(payment.refunds.create, data, idempotency_key=idempotency_key)


def _mollie_locale(lang):
    """Mollie's locale for an Odoo language (its checkout page speaks it)."""
    known = {"en_US", "nl_NL", "nl_BE", "fr_FR", "fr_BE", "de_DE", "de_AT", "de_CH"}
    if lang in known:
        return lang
    prefix = (lang or "en").split("_")[0]
    return {"fr": "fr_FR", "nl": "nl_NL", "de": "de_DE"}.get(prefix, "en_US")

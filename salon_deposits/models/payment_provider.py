# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A request to Stripe that gets no clear answer (the connection lost, no
answer in time, a server error) says so when the salon's charges and refunds
ask it: Stripe may or may not have done it, which is asked again later
(``payment_transaction_recovery``) instead of being taken for a failure."""

import requests

from odoo import models
from odoo.exceptions import ValidationError

# the type of Stripe's errors on its side (HTTP 5xx): the request may have
# been carried out
STRIPE_SERVER_ERROR = "api_error"
# what a request may have been carried out after
NO_CLEAR_ANSWER_ERRORS = (
    requests.exceptions.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.JSONDecodeError,
)


class NoClearAnswer(Exception):
    """The provider may, or may not, have done what it was asked."""


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    def _stripe_make_request(
        self, endpoint, payload=None, method="POST", offline=False, idempotency_key=None
    ):
        """With ``salon_no_clear_answer`` in the context, raise
        :class:`NoClearAnswer` where payment_stripe reports a lost connection
        as a failure, lets a timeout through or returns Stripe's server error
        (an offline payment would be set in error, and charged again under a
        new reference). Nothing of the request is told: its headers hold the
        secret key."""
        if not self.env.context.get("salon_no_clear_answer"):
            return super()._stripe_make_request(
                endpoint,
                payload=payload,
                method=method,
                offline=offline,
                idempotency_key=idempotency_key,
            )
        try:
            response = super()._stripe_make_request(
                endpoint,
                payload=payload,
                method=method,
                offline=offline,
                idempotency_key=idempotency_key,
            )
        except ValidationError as error:
            # payment_stripe turns a requests ConnectionError into this
            lost = error.__context__
            if isinstance(lost, requests.exceptions.ConnectionError):
                raise NoClearAnswer(type(lost).__name__) from None
            raise
        except NO_CLEAR_ANSWER_ERRORS as error:
            raise NoClearAnswer(type(error).__name__) from None
        error = isinstance(response, dict) and response.get("error")
        if isinstance(error, dict) and error.get("type") == STRIPE_SERVER_ERROR:
            raise NoClearAnswer(STRIPE_SERVER_ERROR)
        return response

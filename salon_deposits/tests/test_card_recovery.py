# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A charge of the card on file, or a refund, that gets no clear answer from
Stripe (a timeout, a server error, the connection lost), against localstripe:
the transaction is kept, pending; asked again (before anything else is
charged, or by the scheduled action), Stripe's PaymentIntent or Refund is
processed as its answer would have been; a request that never reached Stripe
is set in error after a safe delay, and the next charge is a new one. The
client is never charged twice."""

import json
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

import requests
from freezegun import freeze_time

from odoo import fields
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.salon_booking.tests.common import utc

from .stripe_common import SECRET_KEY, SalonStripeCommon

REAL_REQUEST = requests.request
# payment_stripe logs the connection it could not make, as an error
STRIPE_LOGGER = "odoo.addons.payment_stripe.models.payment_provider"


def server_error():
    """Stripe's answer when it fails on its side (it may have done it)."""
    response = requests.models.Response()
    response.status_code = 500
    response.headers["Content-Type"] = "application/json"
    response._content = json.dumps(
        {"error": {"type": "api_error", "message": "An unknown error occurred"}}
    ).encode()
    return response


class CardRecoveryCommon(SalonStripeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "salon_deposit_enabled": False,
                "salon_card_mode": "optional",
                "salon_no_show_fee_type": "percent",
                "salon_no_show_fee_value": 50.0,
                "salon_fee_charge": "confirm",
            }
        )
        cls.receivable = cls.client.property_account_receivable_id

    def _no_show(self):
        """A missed appointment (its fee 18.15) with a card saved at Stripe."""
        appointment = self._book(utc(1, 9), self.cut)
        appointment._salon_set_card(self._saved_card())
        appointment.action_salon_no_show()
        self.assertEqual(appointment.salon_card_fee_amount, 18.15)
        return appointment

    @contextmanager
    def _no_clear_answer(self, endpoint, sent=True, answer=None):
        """The first POST to ``endpoint`` gets no clear answer: it reaches
        localstripe (``sent``) or not (the connection lost), and its answer
        is ``answer`` (a response) or a timeout."""
        lost = []

        def request(method, url, **kwargs):
            if lost or method != "POST" or not url.endswith(f"/{endpoint}"):
                return REAL_REQUEST(method, url, **kwargs)
            lost.append(url)
            if not sent:
                raise requests.exceptions.ConnectionError("Connection refused")
            REAL_REQUEST(method, url, **kwargs)
            if answer is None:
                raise requests.exceptions.ReadTimeout("Read timed out.")
            return answer

        with (
            self._localstripe(),
            patch.object(requests, "request", request),
            mute_logger(STRIPE_LOGGER),
        ):
            yield lost
        self.assertEqual(len(lost), 1, f"no request to {endpoint}")

    def _list(self, endpoint, **query):
        response = REAL_REQUEST(
            "GET",
            f"{self.localstripe}{endpoint}",
            params={"limit": 1000, **query},
            headers={"Authorization": f"Bearer {SECRET_KEY}"},
            timeout=10,
        )
        return response.json()["data"]

    def _intents(self, token):
        """The PaymentIntents of the card's customer at localstripe."""
        return [
            intent
            for intent in self._list("payment_intents")
            if intent["customer"] == token.provider_ref
        ]

    def _refunds(self, charge):
        """The refunds of the charge's PaymentIntent at localstripe."""
        return self._list("refunds", payment_intent=charge.provider_reference)

    def _refund(self, appointment, amount):
        wizard = Form(
            self.env["salon.refund.wizard"].with_context(
                **appointment.action_salon_refund()["context"]
            )
        )
        wizard.amount = amount
        wizard.save().action_refund()

    def _assert_unknown(self, transaction):
        self.assertRecordValues(
            transaction,
            [
                {
                    "state": "pending",
                    "salon_outcome_unknown": True,
                    "provider_reference": False,
                    "payment_id": False,
                }
            ],
        )
        self.assertIn("No clear answer from Stripe", transaction.state_message)


@tagged("post_install", "-at_install")
class TestCardRecovery(CardRecoveryCommon):
    def test_charged_but_timed_out_recovered_once(self):
        appointment = self._no_show()
        token = appointment.salon_card_token_id
        with self.assertLogs(level="DEBUG") as logs:
            with self._no_clear_answer("payment_intents"):
                action = appointment.action_salon_charge_fee()
        self.assertEqual(action["params"]["type"], "warning")
        # the secret key is never told
        self.assertNotIn(SECRET_KEY, "\n".join(logs.output))
        charge = appointment.salon_card_transaction_ids
        self._assert_unknown(charge)
        invoice = charge.invoice_ids
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(self._balance(self.receivable, self.client), 18.15)
        # Stripe charged it, with the reference in the PaymentIntent
        (intent,) = self._intents(token)
        self.assertEqual(intent["status"], "succeeded")
        self.assertEqual(intent["metadata"], {"odoo_reference": charge.reference})
        # under way: not charged again
        self.assertFalse(appointment.salon_card_fee_to_charge)
        with self._localstripe():
            appointment.action_salon_charge_fee()
            self.assertEqual(appointment.salon_card_transaction_ids, charge)
            # asked again: Stripe's PaymentIntent processed as its answer
            self.assertFalse(charge._salon_recover())
        self.assertRecordValues(
            charge,
            [
                {
                    "state": "done",
                    "salon_outcome_unknown": False,
                    "provider_reference": intent["id"],
                    "is_post_processed": True,
                }
            ],
        )
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(charge.payment_id.amount, 18.15)
        self.assertEqual(self._balance(self.receivable, self.client), 0.0)
        self.assertEqual(self._balance(self.fee_account), -18.15)
        self.assertEqual(appointment.salon_payment_state, "paid")
        # asked once more, or charged again: nothing moves
        with self._localstripe():
            self.assertFalse(charge._salon_recover())
            appointment.action_salon_charge_fee()
        self.assertEqual(appointment.salon_card_transaction_ids, charge)
        self.assertEqual(
            self.env["account.payment"].search_count(
                [("payment_transaction_id", "=", charge.id)]
            ),
            1,
        )
        self.assertEqual(len(self._intents(token)), 1)

    def test_server_error_after_charge_recovered_by_the_scheduled_action(self):
        appointment = self._no_show()
        token = appointment.salon_card_token_id
        with self._no_clear_answer("payment_intents", answer=server_error()):
            appointment.action_salon_charge_fee()
        charge = appointment.salon_card_transaction_ids
        # not in error (which a new charge would follow): unknown
        self._assert_unknown(charge)
        Transaction = self.env["payment.transaction"]
        with self._localstripe():
            # just asked: the scheduled action waits
            self.assertEqual(Transaction._cron_salon_recover(), 0)
            self.assertEqual(charge.state, "pending")
            with freeze_time(fields.Datetime.now() + timedelta(minutes=6)):
                self.assertEqual(Transaction._cron_salon_recover(), 1)
        self.assertRecordValues(
            charge, [{"state": "done", "salon_outcome_unknown": False}]
        )
        self.assertIn(charge.invoice_ids.payment_state, ("paid", "in_payment"))
        self.assertEqual(self._balance(self.receivable, self.client), 0.0)
        self.assertEqual(appointment.salon_payment_state, "paid")
        self.assertEqual(len(self._intents(token)), 1)

    def test_never_reached_stripe_then_charged_anew(self):
        appointment = self._no_show()
        token = appointment.salon_card_token_id
        with self._no_clear_answer("payment_intents", sent=False):
            appointment.action_salon_charge_fee()
        lost = appointment.salon_card_transaction_ids
        self._assert_unknown(lost)
        self.assertFalse(self._intents(token))
        with self._localstripe():
            # no trace yet, but the request may still be on its way
            self.assertEqual(lost._salon_recover(), lost)
            self.assertEqual(lost.state, "pending")
            with freeze_time(fields.Datetime.now() + timedelta(minutes=31)):
                self.assertFalse(lost._salon_recover())
            self.assertRecordValues(
                lost, [{"state": "error", "salon_outcome_unknown": False}]
            )
            self.assertIn("no trace of this payment", lost.state_message)
            self.assertTrue(appointment.salon_card_fee_to_charge)
            # the next charge is a new one
            appointment.action_salon_charge_fee()
        charge = appointment.salon_card_transaction_ids - lost
        self.assertRecordValues(charge, [{"state": "done", "amount": 18.15}])
        self.assertNotEqual(charge.reference, lost.reference)
        self.assertEqual(charge.invoice_ids, lost.invoice_ids)
        self.assertEqual(self._balance(self.receivable, self.client), 0.0)
        self.assertEqual(appointment.salon_payment_state, "paid")
        (intent,) = self._intents(token)
        self.assertEqual(intent["id"], charge.provider_reference)

    def test_stripe_unreachable_when_asked_changes_nothing(self):
        appointment = self._no_show()
        token = appointment.salon_card_token_id
        with self._no_clear_answer("payment_intents"):
            appointment.action_salon_charge_fee()
        charge = appointment.salon_card_transaction_ids
        unreachable = requests.exceptions.ConnectionError("Connection refused")
        with (
            self._localstripe(),
            patch.object(requests, "request", side_effect=unreachable),
            mute_logger(STRIPE_LOGGER),
            freeze_time(fields.Datetime.now() + timedelta(minutes=31)),
        ):
            # however long after: never taken for a charge that failed
            self.assertEqual(charge._salon_recover(), charge)
        self._assert_unknown(charge)
        with self._localstripe():
            self.assertFalse(charge._salon_recover())
        self.assertEqual(charge.state, "done")
        self.assertEqual(len(self._intents(token)), 1)

    def test_refunded_but_timed_out_recovered_once(self):
        appointment = self._no_show()
        with self._localstripe():
            appointment.action_salon_charge_fee()
        charge = appointment.salon_card_transaction_ids
        self.assertEqual(charge.state, "done")
        with self._no_clear_answer("refunds"):
            self._refund(appointment, 5.0)
        refund = charge.child_transaction_ids
        self._assert_unknown(refund)
        self.assertEqual(refund.amount, -5.0)
        credit_note = refund.invoice_ids
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.payment_state, "not_paid")
        # Stripe gave it back
        (stripe_refund,) = self._refunds(charge)
        self.assertEqual(stripe_refund["amount"], 500)
        with self._localstripe():
            self.assertFalse(refund._salon_recover())
        self.assertRecordValues(
            refund,
            [
                {
                    "state": "done",
                    "salon_outcome_unknown": False,
                    "provider_reference": stripe_refund["id"],
                }
            ],
        )
        self.assertEqual(refund.payment_id.payment_type, "outbound")
        self.assertIn(credit_note.payment_state, ("paid", "in_payment"))
        self.assertEqual(self._balance(self.fee_account), -13.15)
        self.assertEqual(self._balance(self.receivable, self.client), 0.0)
        self.assertEqual(appointment.salon_payment_state, "partial_refund")
        with self._localstripe():
            self.assertFalse(refund._salon_recover())
        self.assertEqual(charge.child_transaction_ids, refund)
        self.assertEqual(len(self._refunds(charge)), 1)

    def test_refund_never_reached_stripe(self):
        appointment = self._no_show()
        with self._localstripe():
            appointment.action_salon_charge_fee()
        charge = appointment.salon_card_transaction_ids
        with self._no_clear_answer("refunds", sent=False):
            self._refund(appointment, 5.0)
        refund = charge.child_transaction_ids
        self._assert_unknown(refund)
        self.assertFalse(self._refunds(charge))
        with (
            self._localstripe(),
            freeze_time(fields.Datetime.now() + timedelta(minutes=31)),
        ):
            self.assertFalse(refund._salon_recover())
        self.assertRecordValues(
            refund,
            [{"state": "error", "salon_outcome_unknown": False, "payment_id": False}],
        )
        self.assertIn("no trace of this refund", refund.state_message)
        # nothing given back: its credit note is cancelled, the client owed
        # nothing, and the salon may refund again
        self.assertEqual(refund.invoice_ids.state, "cancel")
        self.assertEqual(self._balance(self.receivable, self.client), 0.0)
        self.assertFalse(self._refunds(charge))
        with self._localstripe():
            self._refund(appointment, 5.0)
        again = charge.child_transaction_ids - refund
        self.assertEqual(again.state, "done")
        self.assertEqual(len(self._refunds(charge)), 1)
        self.assertEqual(self._balance(self.receivable, self.client), 0.0)

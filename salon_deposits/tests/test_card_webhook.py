# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stripe's notifications of a salon charge, posted to Odoo's Stripe webhook
signed with the webhook secret as Stripe signs them (the PaymentIntent, the
Charge and its Refunds as localstripe has them): a bad signature changes
nothing; the payment is done and post-processed once, the refund recorded
once, however often Stripe sends them and in whatever order."""

import hashlib
import hmac
import json
import time
import uuid

from odoo.tests import HttpCase, tagged
from odoo.tests.common import RecordCapturer

from .test_card_recovery import CardRecoveryCommon

WEBHOOK_SECRET = "whsec_salon"


@tagged("post_install", "-at_install")
class TestCardWebhook(HttpCase, CardRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider.stripe_webhook_secret = WEBHOOK_SECRET

    def _event(self, event_type, stripe_object):
        """A Stripe event, as Stripe posts it (the body signed)."""
        return json.dumps(
            {
                "id": f"evt_{uuid.uuid4().hex[:24]}",
                "object": "event",
                "api_version": "2019-05-16",
                "type": event_type,
                "data": {"object": stripe_object},
            }
        )

    def _post(self, payload, secret=WEBHOOK_SECRET, timestamp=None):
        """Post ``payload`` to the webhook, signed with ``secret`` (Stripe's
        scheme: HMAC-SHA256 of "<timestamp>.<body>")."""
        timestamp = timestamp or int(time.time())
        signature = hmac.new(
            secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
        ).hexdigest()
        response = self.url_open(
            "/payment/stripe/webhook",
            data=payload,
            headers={
                "Content-Type": "application/json",
                "Stripe-Signature": f"t={timestamp},v1={signature}",
            },
        )
        self.env.invalidate_all()
        return response

    def _get(self, endpoint):
        """An object as localstripe has it."""
        with self._localstripe():
            return self.provider._stripe_make_request(endpoint, method="GET")

    def _unknown_charge(self, appointment):
        """The fee charged at Stripe, its answer lost: pending in Odoo; and
        its PaymentIntent as Stripe notifies it (with the reference as its
        description, which localstripe refuses)."""
        with self._no_clear_answer("payment_intents"):
            appointment.action_salon_charge_fee()
        charge = appointment.salon_card_transaction_ids
        self._assert_unknown(charge)
        (intent,) = self._intents(appointment.salon_card_token_id)
        intent["description"] = charge.reference
        return charge, intent

    def _journal_items(self):
        lines = self.env["account.move.line"].search(
            [("partner_id", "=", self.client.id), ("parent_state", "=", "posted")]
        )
        return sorted(lines.mapped(lambda line: (line.id, line.balance)))

    def test_payment_notified_once_whatever_the_order(self):
        appointment = self._no_show()
        charge, intent = self._unknown_charge(appointment)
        invoice = charge.invoice_ids
        succeeded = self._event("payment_intent.succeeded", intent)
        # not signed with the secret: refused, nothing changes
        response = self._post(succeeded, secret="whsec_forged")
        self.assertEqual(response.status_code, 403)
        self._assert_unknown(charge)
        # signed too long ago (a captured event sent again): refused
        response = self._post(succeeded, timestamp=int(time.time()) - 3600)
        self.assertEqual(response.status_code, 403)
        self._assert_unknown(charge)
        # Stripe's notification: done, and post-processed at once
        with RecordCapturer(
            self.env["ir.cron.trigger"].sudo(),
            [("cron_id", "=", self.env.ref("payment.cron_post_process_payment_tx").id)],
        ) as triggers:
            response = self._post(succeeded)
        self.assertEqual(response.status_code, 200)
        self.assertRecordValues(
            charge,
            [
                {
                    "state": "done",
                    "salon_outcome_unknown": False,
                    "provider_reference": intent["id"],
                }
            ],
        )
        self.assertTrue(triggers.records)
        # what the scheduled post-processing does
        charge._post_process()
        self.assertEqual(charge.payment_id.amount, 18.15)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(self._balance(self.receivable, self.client), 0.0)
        self.assertEqual(self._balance(self.fee_account), -18.15)
        self.assertEqual(appointment.salon_payment_state, "paid")
        items = self._journal_items()
        # the same event again, then older news: nothing changes
        processing = self._event(
            "payment_intent.processing", dict(intent, status="processing")
        )
        failed = self._event(
            "payment_intent.payment_failed",
            dict(
                intent,
                status="requires_payment_method",
                last_payment_error={"message": "Your card was declined."},
            ),
        )
        for payload in (succeeded, processing, failed, succeeded):
            self.assertEqual(self._post(payload).status_code, 200)
            self.assertRecordValues(
                charge,
                [
                    {
                        "state": "done",
                        "salon_outcome_unknown": False,
                        "is_post_processed": True,
                    }
                ],
            )
        self.assertEqual(
            self.env["account.payment"].search_count(
                [("payment_transaction_id", "=", charge.id)]
            ),
            1,
        )
        self.assertEqual(self._journal_items(), items)
        self.assertEqual(appointment.salon_payment_state, "paid")
        # the recovery finds nothing left to do
        with self._localstripe():
            self.assertFalse(charge._salon_recover())
        self.assertEqual(self._journal_items(), items)

    def _refunded_charge(self, charge):
        """The Charge of ``charge`` as Stripe notifies its refunds."""
        intent = self._get(f"payment_intents/{charge.provider_reference}")
        stripe_charge = self._get(f"charges/{intent['latest_charge']['id']}")
        # Stripe copies the PaymentIntent's description: its reference
        stripe_charge["description"] = charge.reference
        return stripe_charge

    def test_refund_from_stripe_recorded_once(self):
        appointment = self._no_show()
        with self._localstripe():
            appointment.action_salon_charge_fee()
        charge = appointment.salon_card_transaction_ids
        self.assertEqual(charge.state, "done")
        # refunded in Stripe's dashboard: Stripe tells Odoo
        self._stripe("refunds", payment_intent=charge.provider_reference, amount=500)
        refunded = self._event("charge.refunded", self._refunded_charge(charge))
        self.assertEqual(self._post(refunded).status_code, 200)
        refund = charge.child_transaction_ids
        self.assertRecordValues(
            refund, [{"operation": "refund", "state": "done", "amount": -5.0}]
        )
        refund._post_process()
        items = self._journal_items()
        # sent again: nothing changes
        self.assertEqual(self._post(refunded).status_code, 200)
        self.assertEqual(charge.child_transaction_ids, refund)
        self.assertRecordValues(refund, [{"state": "done", "is_post_processed": True}])
        self.assertEqual(self._journal_items(), items)
        self.assertEqual(refund.provider_reference, self._refunds(charge)[0]["id"])
        self.assertEqual(refund.payment_id.payment_type, "outbound")
        self.assertEqual(refund.payment_id.amount, 5.0)
        # money back to the client, with no credit note to settle yet
        self.assertEqual(self._balance(self.receivable, self.client), 5.0)

    def test_refund_without_clear_answer_is_the_one_notified(self):
        appointment = self._no_show()
        with self._localstripe():
            appointment.action_salon_charge_fee()
        charge = appointment.salon_card_transaction_ids
        with self._no_clear_answer("refunds"):
            self._refund(appointment, 5.0)
        refund = charge.child_transaction_ids
        self._assert_unknown(refund)
        credit_note = refund.invoice_ids
        # Stripe made it and tells Odoo, once and again
        refunded = self._event("charge.refunded", self._refunded_charge(charge))
        self.assertEqual(self._post(refunded).status_code, 200)
        self.assertEqual(charge.child_transaction_ids, refund)
        self.assertRecordValues(
            refund,
            [
                {
                    "state": "done",
                    "salon_outcome_unknown": False,
                    "provider_reference": self._refunds(charge)[0]["id"],
                }
            ],
        )
        refund._post_process()
        items = self._journal_items()
        # sent again: nothing changes
        self.assertEqual(self._post(refunded).status_code, 200)
        self.assertEqual(charge.child_transaction_ids, refund)
        self.assertRecordValues(refund, [{"state": "done", "is_post_processed": True}])
        self.assertEqual(self._journal_items(), items)
        self.assertEqual(refund.payment_id.amount, 5.0)
        self.assertIn(credit_note.payment_state, ("paid", "in_payment"))
        self.assertEqual(self._balance(self.fee_account), -13.15)
        self.assertEqual(self._balance(self.receivable, self.client), 0.0)
        self.assertEqual(appointment.salon_payment_state, "partial_refund")
        with self._localstripe():
            self.assertFalse(refund._salon_recover())
        self.assertEqual(len(self._refunds(charge)), 1)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A deposit paid with a card saved at Stripe and refunded through Stripe,
against localstripe (a fake Stripe API on loopback that ``setup/test.py``
starts; its URL in ``SALON_LOCALSTRIPE_URL``). Odoo's payment_stripe makes the
requests; only its base URL is changed, and the ``description`` of a
PaymentIntent is left out (localstripe refuses it)."""

from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from .stripe_common import SalonStripeCommon


@tagged("post_install", "-at_install")
class TestDepositStripe(SalonStripeCommon):
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

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A card left with Stripe (a SetupIntent: nothing charged) and the no-show
fee charged to it off-session, against localstripe: Odoo's payment_stripe
creates the customer and the intents, the browser's part (Stripe.js
confirming the SetupIntent) is a request to localstripe, and the return is
processed as Odoo's Stripe return route processes it."""

from odoo.tests import Form, tagged

from odoo.addons.payment_stripe.controllers.main import StripeController
from odoo.addons.salon_booking.tests.common import utc

from .stripe_common import SalonStripeCommon


@tagged("post_install", "-at_install")
class TestCardStripe(SalonStripeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider.allow_tokenization = True
        cls.company.write(
            {
                "salon_deposit_enabled": False,
                "salon_card_mode": "optional",
                "salon_no_show_fee_type": "percent",
                "salon_no_show_fee_value": 50.0,
                "salon_fee_charge": "confirm",
            }
        )

    def _leave_card(self, appointment, number):
        """The client leaves the card ``number`` on the card page."""
        Transaction = self.env["payment.transaction"]
        transaction = Transaction.create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.env.ref("payment.payment_method_card").id,
                "reference": Transaction._compute_reference(
                    "stripe", prefix=f"{appointment.salon_reference}-CARD"
                ),
                "amount": 0.0,
                "currency_id": self.company.currency_id.id,
                "partner_id": appointment.salon_partner_id.id,
                "operation": "validation",
                "tokenize": True,
                "salon_appointment_id": appointment.id,
            }
        )
        # the payment form asks the processing values: a SetupIntent
        processing = transaction._get_processing_values()
        setup_intent_id = processing["client_secret"].split("_secret_")[0]
        self.assertTrue(setup_intent_id.startswith("seti_"))
        # Stripe.js confirms it with the card typed in Stripe's iframe
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
        self._stripe(
            f"setup_intents/{setup_intent_id}/confirm", payment_method=method["id"]
        )
        # Stripe sends the client back: Odoo's return route's processing
        setup_intent = self.provider._stripe_make_request(
            f"setup_intents/{setup_intent_id}",
            payload={"expand[]": "payment_method"},
            method="GET",
        )
        if isinstance(setup_intent.get("payment_method"), str):
            # localstripe does not expand it; Stripe does
            setup_intent["payment_method"] = self.provider._stripe_make_request(
                f"payment_methods/{setup_intent['payment_method']}", method="GET"
            )
        data = {"reference": transaction.reference}
        StripeController._include_setup_intent_in_notification_data(setup_intent, data)
        transaction._handle_notification_data("stripe", data)
        transaction._post_process()
        return transaction

    def test_card_left_then_no_show_fee_charged_off_session(self):
        appointment = self._book(utc(1, 9), self.cut)
        with self._localstripe():
            validation = self._leave_card(appointment, "4242424242424242")
            self.assertEqual(validation.state, "done")
            self.assertTrue(validation.provider_reference.startswith("seti_"))
            token = appointment.salon_card_token_id
            self.assertEqual(token, validation.token_id)
            self.assertTrue(token.provider_ref.startswith("cus_"))
            self.assertTrue(token.stripe_payment_method.startswith("pm_"))
            # nothing charged: no payment, nothing in the books
            self.assertFalse(validation.payment_id)
            self.assertEqual(appointment.salon_payment_state, "card")
            appointment.action_salon_no_show()
            appointment.action_salon_charge_fee()
        charge = appointment.salon_card_transaction_ids - validation
        self.assertRecordValues(
            charge, [{"operation": "offline", "state": "done", "amount": 18.15}]
        )
        self.assertTrue(charge.provider_reference.startswith("pi_"))
        self.assertEqual(self._balance(self.fee_account), -18.15)
        self.assertIn(charge.invoice_ids.payment_state, ("paid", "in_payment"))
        self.assertEqual(appointment.salon_payment_state, "paid")
        # the salon gives part of the fee back, through Stripe
        wizard = Form(
            self.env["salon.refund.wizard"].with_context(
                **appointment.action_salon_refund()["context"]
            )
        )
        wizard.amount = 5.0
        with self._localstripe():
            wizard.save().action_refund()
        refund = charge.child_transaction_ids
        self.assertRecordValues(
            refund, [{"operation": "refund", "state": "done", "amount": -5.0}]
        )
        self.assertTrue(refund.provider_reference.startswith("re_"))
        self.assertEqual(self._balance(self.fee_account), -13.15)
        self.assertEqual(appointment.salon_payment_state, "partial_refund")

    def test_card_declined_when_charged(self):
        appointment = self._book(utc(1, 9), self.cut)
        with self._localstripe():
            # saved without trouble, declined when charged
            self._leave_card(appointment, "4000000000000341")
            self.assertTrue(appointment.salon_card_token_id)
            appointment.action_salon_no_show()
            action = appointment.action_salon_charge_fee()
        self.assertEqual(action["params"]["type"], "warning")
        charge = appointment.salon_card_transaction_ids.filtered(
            lambda tx: tx.operation == "offline"
        )
        self.assertEqual(charge.state, "error")
        self.assertIn("declined", charge.state_message)
        # the fee stays due on its invoice, for another way to pay
        self.assertEqual(charge.invoice_ids.payment_state, "not_paid")
        self.assertTrue(appointment.salon_card_fee_to_charge)
        self.assertEqual(appointment.salon_payment_state, "unpaid")

    def test_card_declined_when_left(self):
        appointment = self._book(utc(1, 9), self.cut)
        with self._localstripe():
            # Stripe answers the browser 402 and cancels the SetupIntent
            validation = self._leave_card(appointment, "4000000000000002")
        self.assertEqual(validation.state, "cancel")
        self.assertFalse(validation.token_id)
        self.assertFalse(appointment.salon_card_token_id)

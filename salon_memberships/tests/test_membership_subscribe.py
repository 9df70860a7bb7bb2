# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SalonMembershipCommon


@tagged("post_install", "-at_install")
class TestMembershipSubscribe(SalonMembershipCommon):
    def test_mandate_signed_at_the_salon(self):
        """An IBAN mandate: Mollie customer, mandate and a monthly subscription
        of the plan's price from today; active, nothing credited before the
        first debit is paid."""
        with freeze_time("2026-03-10"):
            membership = self._subscribe()
        self.assertEqual(membership.state, "active")
        self.assertTrue(membership.mandate_label.startswith("SEPA Direct Debit"))
        self.assertIn("7034", membership.mandate_label)
        state = self._fake_state()
        subscription = state["subscriptions"][membership.mollie_subscription_id]
        self.assertEqual(
            subscription["amount"],
            {"currency": self.company.currency_id.name, "value": "50.00"},
        )
        self.assertEqual(subscription["interval"], "1 month")
        self.assertEqual(subscription["startDate"], "2026-03-10")
        self.assertEqual(subscription["mandateId"], membership.mollie_mandate_id)
        self.assertTrue(
            subscription["webhookUrl"].endswith(
                f"/salon/membership/mollie/{membership.id}"
            )
        )
        mandate = state["mandates"][membership.mollie_mandate_id]
        self.assertEqual(mandate["details"]["consumerAccount"], "BE68539007547034")
        self.assertEqual(membership.balance, 0.0)
        self.assertFalse(membership.period_ids)

    def test_mandate_given_online_with_the_first_payment(self):
        """The link: a first payment of the month; once paid, the mandate
        Mollie made of it is kept and the next months are debited from the
        end of the first one."""
        with freeze_time("2026-03-10"):
            wizard = self.env["salon.membership.subscribe"].create(
                {"partner_id": self.client.id, "plan_id": self.plan.id}
            )
            membership = self.Membership.browse(wizard.action_confirm()["res_id"])
            self.assertEqual(membership.state, "draft")
            self.assertIn("/checkout/tr_", membership.checkout_url)
            mail = self.env["mail.message"].search(
                [("model", "=", "salon.membership"), ("res_id", "=", membership.id)],
                order="id desc",
                limit=1,
            )
            self.assertIn(membership.checkout_url, mail.body)
            payment_id = membership.period_ids.transaction_ids.provider_reference
            payment = self._fake_state()["payments"][payment_id]
            self.assertEqual(payment["sequenceType"], "first")
            self.assertEqual(payment["customerId"], membership.mollie_customer_id)
            self._set_status(membership, payment_id, "paid")
        self.assertEqual(membership.state, "active")
        self.assertTrue(membership.mollie_mandate_id)
        self.assertEqual(membership.balance, 50.0)
        self.assertEqual(membership.period_ids.date_start.isoformat(), "2026-03-10")
        self.assertEqual(membership.period_ids.date_end.isoformat(), "2026-04-09")
        subscription = self._fake_state()["subscriptions"][
            membership.mollie_subscription_id
        ]
        self.assertEqual(subscription["startDate"], "2026-04-10")
        self.assertEqual(membership.next_debit_date.isoformat(), "2026-04-10")

    def test_first_payment_not_made(self):
        """The client leaves the checkout: no mandate, no credit, the
        membership waits (the salon sends the link again or cancels)."""
        wizard = self.env["salon.membership.subscribe"].create(
            {"partner_id": self.client.id, "plan_id": self.plan.id}
        )
        membership = self.Membership.browse(wizard.action_confirm()["res_id"])
        payment_id = membership.period_ids.transaction_ids.provider_reference
        self._set_status(membership, payment_id, "expired")
        self.assertEqual(membership.state, "draft")
        self.assertEqual(membership.period_ids.state, "failed")
        self.assertEqual(membership.balance, 0.0)
        self.assertFalse(membership.mollie_subscription_id)
        membership.action_cancel()
        self.assertEqual(membership.state, "ended")

    def test_sepa_refused(self):
        """Mollie refuses (SEPA Direct Debit not activated, invalid IBAN): the
        salon reads Mollie's reason and nothing is created."""
        self._fake("/_fake/config", {"directdebit_enabled": False})
        with self.assertRaisesRegex(UserError, "not activated"):
            with self.env.cr.savepoint():
                self._subscribe()
        self._fake("/_fake/config", {"directdebit_enabled": True})
        with self.assertRaisesRegex(UserError, "consumer account is invalid"):
            with self.env.cr.savepoint():
                self._subscribe(iban="BE00539007547034")
        self.assertFalse(self.Membership.search([("partner_id", "=", self.client.id)]))
        self.assertFalse(self._fake_state()["subscriptions"])

    def test_no_mollie_provider(self):
        self.provider.state = "disabled"
        with self.assertRaisesRegex(UserError, "Mollie payment provider"):
            self._subscribe()

    def test_status_follows_payments(self):
        membership = self._subscribe()
        with self.assertRaises(UserError):
            membership.write({"state": "suspended"})

    def test_salon_user_requests_recurring_payments(self):
        """The desk (salon user, not an administrator) subscribes a client
        and reads the membership; the Mollie key stays out of their reach."""
        wizard = (
            self.env["salon.membership.subscribe"]
            .with_user(self.salon_user)
            .create(
                {
                    "partner_id": self.client.id,
                    "plan_id": self.plan.id,
                    "mandate_method": "iban",
                    "consumer_name": "Marie Dupont",
                    "iban": "BE68 5390 0754 7034",
                }
            )
        )
        membership = self.Membership.with_user(self.salon_user).browse(
            wizard.action_confirm()["res_id"]
        )
        self.assertEqual(membership.state, "active")
        self.assertTrue(membership.mandate_label)
        with self.assertRaises(AccessError):
            self.provider.with_user(self.salon_user).read(["mollie_api_key"])
        with self.assertRaises(AccessError):
            self.env["salon.membership.plan"].with_user(self.salon_user).create(
                {"name": "Mine", "price": 1.0, "credit": 1.0}
            )

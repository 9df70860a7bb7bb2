# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SalonMembershipCommon


@tagged("post_install", "-at_install")
class TestMembershipPayments(SalonMembershipCommon):
    def test_month_paid(self):
        """A debit paid: the month's invoice (the credit, an advance booked
        to the liability, no tax) paid by the Mollie payment, and the credit
        in the wallet's history."""
        with freeze_time("2026-03-10"):
            membership = self._subscribe()
            payment_id = self._charge(membership)
        period = membership.period_ids
        self.assertEqual(period.state, "paid")
        self.assertEqual(period.date_start.isoformat(), "2026-03-10")
        self.assertEqual(membership.next_period_start.isoformat(), "2026-04-10")
        self.assertEqual(membership.balance, 50.0)
        self.assertEqual(self._kinds(membership), [("issued", 50.0, 0.0)])
        tx = period.transaction_ids
        self.assertEqual(tx.provider_reference, payment_id)
        self.assertEqual(tx.state, "done")
        invoice = tx.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(invoice.amount_total, 50.0)
        self.assertEqual(invoice.amount_tax, 0.0)
        credit_line = invoice.line_ids.filtered(
            lambda line: line.account_id == self.credit_account
        )
        self.assertEqual(credit_line.credit, 50.0)
        self.assertEqual(tx.payment_id.journal_id, self.bank)
        self.assertEqual(tx.payment_id.amount, 50.0)
        self.assertEqual(self._account_balance(self.credit_account), -50.0)
        receivable = self.client.property_account_receivable_id
        self.assertEqual(self._account_balance(receivable, self.client), 0.0)

    def test_webhook_replayed_and_out_of_order(self):
        """The same notification twice, and the notifications of two months
        in the reverse order: each month is credited once."""
        membership = self._subscribe()
        first = self._fake(
            f"/_fake/subscriptions/{membership.mollie_subscription_id}/charge",
            {"status": "paid", "notify": False},
        )["payment"]["id"]
        second = self._fake(
            f"/_fake/subscriptions/{membership.mollie_subscription_id}/charge",
            {"status": "paid", "notify": False},
        )["payment"]["id"]
        for payment_id in (second, first, second, first):
            membership._salon_process_mollie_payment(payment_id)
        self.assertEqual(len(membership.period_ids), 2)
        self.assertEqual(membership.balance, 100.0)
        self.assertEqual(len(membership.period_ids.transaction_ids.invoice_ids), 2)
        self.assertEqual([h[0] for h in self._kinds(membership)], ["issued", "issued"])

    def test_payment_of_another_customer_ignored(self):
        membership = self._subscribe()
        other = self._subscribe(client=self.other_client)
        payment_id = self._fake(
            f"/_fake/subscriptions/{other.mollie_subscription_id}/charge",
            {"status": "paid", "notify": False},
        )["payment"]["id"]
        self.assertFalse(membership._salon_process_mollie_payment(payment_id))
        self.assertFalse(membership.period_ids)

    def test_failed_debits_dunning_and_suspension(self):
        """A failed debit: the client and the salon are told, it is tried
        again after the retry delay; after 3 failures the credit is
        suspended; a payment brings the membership back."""
        self.company.write(
            {"salon_membership_retry_days": 3, "salon_membership_max_failures": 3}
        )
        with freeze_time("2026-03-10"):
            membership = self._member()
            self.assertEqual(membership.balance, 50.0)
        with freeze_time("2026-04-10"):
            self._charge(membership, "failed")
        period = membership.period_ids.filtered(lambda p: p.state == "failed")
        self.assertEqual(membership.state, "dunning")
        self.assertEqual(membership.failure_count, 1)
        self.assertEqual(period.next_retry_date.isoformat(), "2026-04-13")
        sent = membership.message_ids.filtered(
            lambda m: "monthly debit failed" in (m.subject or "")
        )
        self.assertIn("did not go through", sent.body)
        self.assertEqual(sent.partner_ids, self.client)
        # the salon: an activity for the responsible (emailed to them)
        self.assertEqual(membership.activity_ids.user_id, self.env.user)
        # the credit already paid is still spent while in dunning
        self.assertTrue(membership._salon_can_spend())
        for day, state in (("2026-04-13", "dunning"), ("2026-04-16", "suspended")):
            with freeze_time(day):
                self.Membership._cron_salon_memberships()
                retry = period.transaction_ids.sorted("id")[-1]
                self.assertEqual(retry.state, "pending")
                sent = self._fake_state()["payments"][retry.provider_reference]
                self.assertEqual(sent["sequenceType"], "recurring")
                self.assertEqual(sent["mandateId"], membership.mollie_mandate_id)
                self._set_status(membership, retry.provider_reference, "failed")
                self.assertEqual(membership.state, state)
        self.assertEqual(membership.failure_count, 3)
        self.assertFalse(period.next_retry_date)
        self.assertEqual(membership.card_id._salon_credit_available(), 0.0)
        with self.assertRaisesRegex(UserError, "suspended"):
            membership.card_id._salon_credit_use(10.0)
        # no more retries, but the next month's debit succeeds
        with freeze_time("2026-04-20"):
            self.Membership._cron_salon_memberships()
        self.assertEqual(len(period.transaction_ids), 3)
        with freeze_time("2026-05-10"):
            self._charge(membership)
        # May is paid: the credit is back, April is tried again three days on
        self.assertEqual(membership.state, "dunning")
        self.assertEqual(membership.failure_count, 1)
        self.assertEqual(period.next_retry_date.isoformat(), "2026-05-13")
        self.assertEqual(membership.card_id._salon_credit_available(), 50.0)
        with freeze_time("2026-05-13"):
            self.Membership._cron_salon_memberships()
            self._set_status(
                membership,
                period.transaction_ids.sorted("id")[-1].provider_reference,
                "paid",
            )
        self.assertEqual(period.state, "paid")
        self.assertEqual(membership.state, "active")
        self.assertEqual(membership.failure_count, 0)

    def test_retry_lost_after_mollie_charged_is_not_charged_twice(self):
        """Mollie made the retry's payment, then Odoo failed before recording
        it: the next run asks again with the same idempotency key, and Mollie
        answers with the same payment. One debit, recorded once."""
        with freeze_time("2026-03-10"):
            membership = self._member()
        with freeze_time("2026-04-10"):
            self._charge(membership, "failed")
        period = membership.period_ids.filtered(lambda p: p.state == "failed")
        Period = type(period)
        with freeze_time("2026-04-13"):
            with (
                patch.object(
                    Period, "_salon_attempt", side_effect=ConnectionError("lost")
                ),
                self.assertRaises(ConnectionError),
                self.env.cr.savepoint(),
            ):
                period._salon_retry()
            self.env.invalidate_all()
            self.assertEqual(len(period.transaction_ids), 1)  # nothing recorded
            self.Membership._cron_salon_memberships()
        posted = self._fake_requests("POST", "/v2/payments")
        self.assertEqual(len(posted), 2)
        self.assertEqual(posted[0]["body"], posted[1]["body"])
        retries = [
            payment
            for payment in self._fake_state()["payments"].values()
            if payment["sequenceType"] == "recurring"
            and not payment.get("subscriptionId")
        ]
        self.assertEqual(len(retries), 1, "Mollie debits the month once")
        retry = period.transaction_ids.sorted("id")[-1]
        self.assertEqual(retry.provider_reference, retries[0]["id"])
        self.assertEqual(period.attempt_count, 2)

    def test_chargeback(self):
        """The bank takes a paid month back: the money leaves the bank
        account, the credit left is taken back, what was spent is owed."""
        membership = self._member()
        payment_id = membership.period_ids.transaction_ids.provider_reference
        membership.card_id._salon_credit_use(20.0)
        self._fake(f"/_fake/payments/{payment_id}/chargeback", {"notify": False})
        membership._salon_process_mollie_payment(payment_id)
        membership._salon_process_mollie_payment(payment_id)  # replayed
        period = membership.period_ids
        self.assertEqual(period.state, "charged_back")
        self.assertEqual(membership.balance, 0.0)
        self.assertEqual(
            self._kinds(membership),
            [("issued", 50.0, 0.0), ("used", 0.0, 20.0), ("reversed", 0.0, 30.0)],
        )
        self.assertEqual(membership.state, "dunning")
        receivable = self.client.property_account_receivable_id
        # the client owes the 20.00 spent
        self.assertEqual(self._account_balance(receivable, self.client), 20.0)
        # the liability keeps the 20.00 spent until the sale books it
        self.assertEqual(self._account_balance(self.credit_account), -20.0)
        chargeback = period.move_ids.filtered(
            lambda m: m.origin_payment_id.payment_type == "outbound"
        )
        self.assertEqual(chargeback.origin_payment_id.amount, 50.0)
        # paid again: the credit taken back is given again, the account is square
        period.next_retry_date = "2026-01-01"
        self.Membership._cron_salon_memberships()
        retry = period.transaction_ids.sorted("id")[-1]
        self._set_status(membership, retry.provider_reference, "paid")
        self.assertEqual(period.state, "paid")
        self.assertEqual(membership.balance, 30.0)
        self.assertEqual(self._account_balance(receivable, self.client), 0.0)
        self.assertEqual(membership.state, "active")

    def test_pause_resume(self):
        with freeze_time("2026-03-10"):
            membership = self._member()
            subscription_id = membership.mollie_subscription_id
            membership.action_pause()
        self.assertEqual(membership.state, "paused")
        self.assertFalse(membership.next_debit_date)
        subscriptions = self._fake_state()["subscriptions"]
        self.assertEqual(subscriptions[subscription_id]["status"], "canceled")
        # the credit paid is still there to spend
        self.assertEqual(membership.card_id._salon_credit_available(), 50.0)
        with freeze_time("2026-06-02"):
            membership.action_resume()
        self.assertEqual(membership.state, "active")
        new = self._fake_state()["subscriptions"][membership.mollie_subscription_id]
        self.assertEqual(new["status"], "active")
        self.assertEqual(new["startDate"], "2026-06-02")
        with freeze_time("2026-06-02"):
            self._charge(membership)
        self.assertEqual(
            membership.period_ids.sorted("date_start")[-1].date_start.isoformat(),
            "2026-06-02",
        )

    def test_cancel_respects_notice_and_minimum_term(self):
        """Cancelled on 20 March with 30 days' notice: the membership ends on
        the last day of the month debited on 10 April (9 May); the May debit
        never happens."""
        with freeze_time("2026-03-10"):
            membership = self._member()
        with freeze_time("2026-03-20"):
            membership.action_cancel()
        self.assertEqual(membership.end_date.isoformat(), "2026-05-09")
        subscription_id = membership.mollie_subscription_id
        with freeze_time("2026-04-10"):
            self._charge(membership)
        self.assertFalse(membership.mollie_subscription_id)
        self.assertEqual(
            self._fake_state()["subscriptions"][subscription_id]["status"],
            "canceled",
        )
        with freeze_time("2026-05-10"):
            self.Membership._cron_salon_memberships()
        self.assertEqual(membership.state, "ended")
        self.assertEqual(membership.balance, 0.0)
        # minimum term: a 6-month plan cancelled in its first month
        plan = self.Plan.create(
            {
                "name": "Six months",
                "price": 40.0,
                "credit": 40.0,
                "min_term_months": 6,
                "notice_days": 0,
            }
        )
        with freeze_time("2026-03-10"):
            other = self._member(plan=plan, client=self.other_client)
            other.action_cancel()
        self.assertEqual(other.end_date.isoformat(), "2026-09-09")

    def test_change_plan_from_next_month(self):
        premium = self.Plan.create({"name": "Premium", "price": 90.0, "credit": 80.0})
        with freeze_time("2026-03-10"):
            membership = self._member()
            membership._salon_change_plan(premium)
        subscription = self._fake_state()["subscriptions"][
            membership.mollie_subscription_id
        ]
        self.assertEqual(subscription["amount"]["value"], "90.00")
        self.assertEqual(membership.plan_id, self.plan)
        self.assertEqual(membership.next_plan_id, premium)
        with freeze_time("2026-04-10"):
            self._charge(membership)
        last = membership.period_ids.sorted("date_start")[-1]
        self.assertEqual(last.plan_id, premium)
        self.assertEqual(last.credit_issued, 80.0)
        # the price above the credit is the membership fee (income)
        invoice = last.transaction_ids.invoice_ids
        self.assertEqual(invoice.amount_total, 90.0)
        fee = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.company.salon_membership_fee_product_id
        )
        self.assertEqual(fee.price_subtotal, 10.0)
        self.assertEqual(fee.account_id.account_type, "income")
        self.assertEqual(membership.plan_id, premium)
        self.assertFalse(membership.next_plan_id)

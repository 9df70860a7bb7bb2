# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
""" "My membership" in a real browser: a member follows her credit, changes
her plan and cancels; a client joins online and is sent to Mollie's checkout
(the fake Mollie API, whose webhook calls run on the test server)."""

import json
from contextlib import contextmanager
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser

from .common import SalonMembershipWebsiteCommon

# Run by the browser in every page it opens, before the page's own scripts: on
# the fake Mollie's origin, where the tour does not run, the checkout of the
# first month ends the tour ("tour succeeded"); any other page there fails it.
CHECKOUT_PROBE = """
if (location.origin === %(origin)s) {
    window.addEventListener("load", () => {
        const text = document.body.innerText;
        if (new RegExp(%(expected)s).test(text)) {
            console.log("tour succeeded");
        } else {
            console.error("Not Mollie's checkout of the first month:\\n" + text);
        }
    });
}
"""
CHECKOUT_TEXT = r"^Fake Mollie checkout\s+Payment tr_\w+: .+ 50\.00, status open\.\s*$"


@tagged("post_install", "-at_install")
class TestMembershipPortalTour(SalonMembershipWebsiteCommon):
    @contextmanager
    def _tour_ends_on_checkout(self):
        """The browser of the next tour ends it on the fake Mollie's checkout
        page (see CHECKOUT_PROBE), once that page is loaded: the form posted
        and its redirect followed."""
        probe = CHECKOUT_PROBE % {
            "origin": json.dumps(self.mollie_url),
            "expected": json.dumps(CHECKOUT_TEXT),
        }
        navigate_to = ChromeBrowser.navigate_to

        def probe_then_navigate(browser, url, wait_stop=False):
            browser._websocket_request(
                "Page.addScriptToEvaluateOnNewDocument", params={"source": probe}
            )
            return navigate_to(browser, url, wait_stop=wait_stop)

        with patch.object(ChromeBrowser, "navigate_to", probe_then_navigate):
            yield

    def test_member_follows_credit_changes_plan_and_cancels(self):
        membership = self._subscribe(self.paula)
        # Mollie debits the month and notifies the webhook (on the test server)
        charged = self._fake(
            f"/_fake/subscriptions/{membership.mollie_subscription_id}/charge",
            {"status": "paid", "notify": True},
        )
        self.assertEqual(charged["webhook_status"], 200)
        membership.card_id._salon_credit_use(12.5)
        self.assertEqual(membership.balance, 37.5)
        self.assertTrue(membership.next_debit_date)
        # cancelling may end the subscription at once (no month after the end)
        subscription_id = membership.mollie_subscription_id

        self.start_tour("/my", "salon_memberships_portal_member", login="salon_portal")

        self.env.invalidate_all()
        self.assertEqual(membership.plan_id, self.plan)
        self.assertEqual(membership.next_plan_id, self.premium)
        self.assertTrue(membership.end_date)
        self.assertEqual(membership.state, "active")
        subscription = self._fake_state()["subscriptions"][subscription_id]
        self.assertEqual(subscription["amount"]["value"], "90.00")
        self.assertEqual(
            subscription["status"] == "canceled",
            membership.next_period_start > membership.end_date,
            "debited until the end date, not after",
        )

    def test_client_joins_online(self):
        with self._tour_ends_on_checkout():
            self.start_tour(
                "/my/membership",
                "salon_memberships_portal_join",
                login="salon_portal_other",
            )
        # the browser is closed: the requests of the fake Mollie (the webhook),
        # without the browser's test cookie, are served again
        self.http_request_strict_check = False

        self.env.invalidate_all()
        membership = self.env["salon.membership"].search(
            [("partner_id", "=", self.oscar.id)]
        )
        self.assertEqual(len(membership), 1)
        self.assertEqual(membership.plan_id, self.plan)
        self.assertEqual(membership.state, "draft")
        payment_id = membership.period_ids.transaction_ids.provider_reference
        self.assertRegex(payment_id, r"^tr_\w+$")
        self.assertEqual(
            membership.checkout_url, f"{self.mollie_url}/checkout/{payment_id}"
        )
        # the fake received the first payment, open for the checkout
        payment = self._fake_state()["payments"][payment_id]
        self.assertEqual(payment["sequenceType"], "first")
        self.assertEqual(payment["status"], "open")
        self.assertEqual(payment["amount"]["value"], "50.00")
        # paid on the checkout: Mollie notifies the webhook
        reply = self._fake(f"/_fake/payments/{payment_id}/status", {"status": "paid"})
        self.assertEqual(reply["webhook_status"], 200)
        self.assertEqual(membership.state, "active")
        self.assertEqual(membership.balance, 50.0)
        self.authenticate("salon_portal_other", "salon_portal_other")
        response = self._get("/my/membership")
        self.assertEqual(response.status_code, 200)
        self.assertIn(membership.name, response.text)
        self.assertRegex(
            response.text,
            r'o_salon_membership_state text-bg-success"[^>]*>\s*Active\s*<',
        )
        self.assertNotIn("Become a member", response.text)
        self.assertNotIn("You are not a member yet.", response.text)

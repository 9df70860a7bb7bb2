# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Memberships over HTTP: Mollie's webhook (called by the fake Mollie API on
the test server), "My membership" in the portal, hostile input."""

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import tagged

from odoo.addons.salon_booking.tests.test_fuzz import FUZZ

from .common import SalonMembershipWebsiteCommon

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
JUNK = st.one_of(
    st.sampled_from(
        [
            "²",
            "0",
            "-1",
            "1.5",
            "2147483648",
            "99999999999999999999",
            "tr_",
            "tr_" + "a" * 80,
            "tr_abc;DROP TABLE salon_membership",
            "%00",
            "null",
        ]
    ),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    TEXT,
)


@tagged("post_install", "-at_install")
class TestMembershipPortal(SalonMembershipWebsiteCommon):
    def _charge(self, membership, status="paid"):
        return self._fake(
            f"/_fake/subscriptions/{membership.mollie_subscription_id}/charge",
            {"status": status, "notify": True},
        )

    # ------------------------------------------------------------------
    # Webhook
    # ------------------------------------------------------------------

    def test_webhook_called_by_mollie(self):
        """Mollie calls the webhook of the subscription with the payment id:
        the payment is fetched and applied, once, also when replayed."""
        membership = self._subscribe(self.paula)
        reply = self._charge(membership)
        self.assertEqual(reply["webhook_status"], 200)
        self.assertEqual(membership.period_ids.state, "paid")
        self.assertEqual(membership.balance, 50.0)
        payment_id = reply["payment"]["id"]
        # the notification proves nothing: the payment was fetched from Mollie
        fetched = self._fake_requests("GET", f"/v2/payments/{payment_id}")
        self.assertTrue(fetched)
        replay = self._fake("/_fake/notify", {"id": payment_id})
        self.assertEqual(replay["webhook_status"], 200)
        self.assertEqual(len(membership.period_ids), 1)
        self.assertEqual(membership.balance, 50.0)
        # a failed debit, notified: dunning
        failed = self._charge(membership, "failed")
        self.assertEqual(failed["webhook_status"], 200)
        self.assertEqual(membership.state, "dunning")

    def test_webhook_refuses_what_is_not_its_own(self):
        membership = self._subscribe(self.paula)
        other = self._subscribe(self.oscar)
        others = self._fake(
            f"/_fake/subscriptions/{other.mollie_subscription_id}/charge",
            {"status": "paid", "notify": False},
        )["payment"]["id"]
        url = f"/salon/membership/mollie/{membership.id}"
        cases = [
            (url, {"id": others}, 404),  # another client's payment
            (url, {"id": "tr_doesnotexist"}, 422),  # unknown to Mollie
            (url, {"id": "re_abc"}, 400),
            (url, {"other": "1"}, 400),
            ("/salon/membership/mollie/99999999", {"id": others}, 404),
            ("/salon/membership/mollie/99999999999999999999", {"id": others}, 404),
        ]
        for path, data, status in cases:
            with self.subTest(path=path, data=data):
                response = self.url_open(path, data=data, allow_redirects=False)
                self.assertEqual(response.status_code, status)
        self.assertFalse(membership.period_ids)
        self.assertFalse(other.period_ids)
        self.assertEqual(self._get(url).status_code, 405)

    @FUZZ
    @given(membership=JUNK, payment=JUNK)
    def test_fuzz_webhook(self, membership, payment):
        path = f"/salon/membership/mollie/{quote(membership, safe='')}"
        if "\x00" in membership or not membership.strip():
            # Odoo's router answers 500 for a NUL byte in any path, and an
            # empty id is another route (a redirect)
            return
        response = self.url_open(path, data={"id": payment}, allow_redirects=False)
        self.assertLess(response.status_code, 500, response.text[:300])
        self.assertGreaterEqual(response.status_code, 400)

    # ------------------------------------------------------------------
    # My membership
    # ------------------------------------------------------------------

    def test_my_membership(self):
        membership = self._subscribe(self.paula)
        self.assertEqual(self._charge(membership)["webhook_status"], 200)
        membership.card_id._salon_credit_use(12.5)
        theirs = self._subscribe(self.oscar, self.premium)
        self.authenticate("salon_portal", "salon_portal")
        response = self._get("/my/membership")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn("Monthly Care", text)
        self.assertIn(membership.name, text)
        self.assertNotIn(theirs.name, text)
        self.assertIn("37.50", text)  # left
        self.assertIn("12.50", text)  # used this month
        self.assertIn(f"/my/loyalty_card/{membership.card_id.id}/history", text)
        self.assertNotIn("Become a member", text)
        # the history is Odoo's loyalty page, her card only
        history = self._get(f"/my/loyalty_card/{membership.card_id.id}/history")
        self.assertEqual(history.status_code, 200)
        self.assertIn("Paid with the membership credit", history.text)
        other = self._get(f"/my/loyalty_card/{theirs._salon_ensure_card().id}/history")
        self.assertEqual(other.status_code, 303)
        # the home page counts it
        self.assertIn('href="/my/membership"', self._get("/my").text)
        # change of plan, from the next month
        response = self._post(
            f"/my/membership/{membership.id}/plan", {"plan_id": self.premium.id}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("applies from the next month", response.text)
        self.assertEqual(membership.next_plan_id, self.premium)
        subscription = self._fake_state()["subscriptions"][
            membership.mollie_subscription_id
        ]
        self.assertEqual(subscription["amount"]["value"], "90.00")
        # a plan not offered online, someone else's membership
        for path, data in (
            (f"/my/membership/{membership.id}/plan", {"plan_id": self.in_salon.id}),
            (f"/my/membership/{membership.id}/plan", {"plan_id": "x"}),
            (f"/my/membership/{theirs.id}/plan", {"plan_id": self.plan.id}),
            (f"/my/membership/{theirs.id}/cancel", {}),
        ):
            with self.subTest(path=path, data=data):
                self.assertEqual(self._post(path, data).status_code, 404)
        self.assertEqual(theirs.plan_id, self.premium)
        self.assertFalse(theirs.end_date)
        # cancelled: it ends after the notice
        response = self._post(f"/my/membership/{membership.id}/cancel", {})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(membership.end_date)
        self.assertIn("Your membership ends on", response.text)
        again = self._post(f"/my/membership/{membership.id}/cancel", {})
        self.assertEqual(again.status_code, 409)
        self.assertIn("already ends on", again.text)

    def test_join_online(self):
        """A client joins from the portal: the first month is paid on Mollie's
        checkout, which gives the mandate; back on the portal, a member."""
        self.authenticate("salon_portal_other", "salon_portal_other")
        page = self._get("/my/membership").text
        self.assertIn("Become a member", page)
        self.assertIn(f"/my/membership/join/{self.plan.id}", page)
        self.assertNotIn(f"/my/membership/join/{self.in_salon.id}", page)
        response = self._post(f"/my/membership/join/{self.plan.id}", {})
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].startswith(f"{self.mollie_url}/checkout/tr_")
        )
        membership = self.env["salon.membership"].search(
            [("partner_id", "=", self.oscar.id)]
        )
        self.assertEqual(membership.state, "draft")
        # twice: the same checkout
        again = self._post(f"/my/membership/join/{self.plan.id}", {})
        self.assertEqual(again.headers["Location"], response.headers["Location"])
        payment_id = membership.period_ids.transaction_ids.provider_reference
        reply = self._fake(f"/_fake/payments/{payment_id}/status", {"status": "paid"})
        self.assertEqual(reply["webhook_status"], 200)
        self.assertEqual(membership.state, "active")
        self.assertEqual(membership.balance, 50.0)
        page = self._get("/my/membership").text
        self.assertNotIn("Become a member", page)
        self.assertIn("Active", page)
        refused = self._post(f"/my/membership/join/{self.premium.id}", {})
        self.assertEqual(refused.status_code, 409)
        for path in (
            f"/my/membership/join/{self.in_salon.id}",
            "/my/membership/join/99999999999999999999",
        ):
            self.assertEqual(self._post(path, {}).status_code, 404)
        self.assertEqual(
            self._post(
                f"/my/membership/join/{self.plan.id}", {"x": "1"}, csrf=False
            ).status_code,
            400,
        )

    def test_guest_is_sent_to_log_in(self):
        self.authenticate(None, None)
        response = self._get("/my/membership")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    @FUZZ
    @given(
        route=st.sampled_from(["join/@", "@/cancel", "@/plan"]),
        value=JUNK.filter(lambda text: text and "\x00" not in text),
        plan=JUNK,
    )
    def test_fuzz_portal(self, route, value, plan):
        self.authenticate("salon_portal", "salon_portal")
        path = "/my/membership/" + route.replace("@", quote(value, safe=""))
        response = self._post(path, {"plan_id": plan})
        self.assertLess(response.status_code, 500, f"{path}\n{response.text[:300]}")
        if response.status_code == 303:  # joined: only a plan offered online
            self.assertIn(value, (str(self.plan.id), str(self.premium.id)))

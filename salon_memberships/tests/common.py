# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Memberships against a fake Mollie API on loopback (``tests/fake_mollie/``,
started by ``setup/test.py``; its URL in ``SALON_MOLLIE_URL``), driven through
the real ``mollie-api-python`` client: only the API endpoint is changed."""

import os

import requests

from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import SalonAccountingCommon
from odoo.addons.salon_booking.tests.website_common import SalonWebsiteCommon

from ..models.mollie import ENDPOINT_PARAM

API_KEY = "test_salonmembershipsxxxxxxxxxxxxxx"
VALID_IBAN = "BE68539007547034"


def make_member(env, partner, plan, credit, day):
    """An active membership of ``partner`` with ``credit`` to spend, issued for
    the month starting on ``day``, made without Mollie (tests of spending)."""
    membership = env["salon.membership"].create(
        {"partner_id": partner.id, "plan_id": plan.id, "date_start": day}
    )
    membership.with_context(salon_membership_state=True).write({"state": "active"})
    card = membership._salon_ensure_card()
    period = env["salon.membership.period"]._salon_open(membership, day)
    card._salon_credit_issue(period, credit)
    return membership


class MollieFakeMixin:
    """The salon's Mollie provider, its API calls sent to the fake Mollie."""

    @classmethod
    def _setup_memberships(cls):
        """The salon's accounting for memberships and its Mollie provider
        (paid into the bank journal ``cls.bank``)."""
        cls.bank = cls.env["account.journal"].search(
            [
                *cls.env["account.journal"]._check_company_domain(cls.company),
                ("type", "=", "bank"),
            ],
            limit=1,
        )
        cls._setup_fake_mollie(cls.bank)
        cls.company._salon_setup_membership_accounting()

    @classmethod
    def _setup_fake_mollie(cls, journal):
        cls.mollie_url = os.environ.get("SALON_MOLLIE_URL")
        cls.env["ir.config_parameter"].sudo().set_param(
            ENDPOINT_PARAM, cls.mollie_url or "http://127.0.0.1:9"
        )
        cls.provider = cls.env.ref("payment.payment_provider_mollie").sudo()
        cls.provider.write(
            {
                "state": "test",
                "company_id": cls.company.id,
                "mollie_api_key": API_KEY,
                "journal_id": journal.id,
            }
        )

    def setUp(self):
        super().setUp()
        self.assertTrue(
            self.mollie_url,
            "SALON_MOLLIE_URL is not set: run the tests with setup/test.py, which "
            "starts the fake Mollie API",
        )
        self._fake("/_fake/reset")

    def _fake(self, path, body=None, method="POST"):
        """A control request to the fake Mollie; what it notifies runs on the
        test server, in this test's transaction: flushed before, read again
        after."""
        self.env.flush_all()
        response = requests.request(
            method, f"{self.mollie_url}{path}", json=body or {}, timeout=60
        )
        self.env.invalidate_all()
        response.raise_for_status()
        return response.json()

    def _fake_state(self):
        """``{kind: {id: object}}`` of everything the fake Mollie holds."""
        state = self._fake("/_fake/state", method="GET")
        return {
            kind: {record["id"]: record for record in records}
            for kind, records in state.items()
            if kind != "config"
        }

    def _fake_requests(self, method="POST", path=""):
        return [
            request
            for request in self._fake("/_fake/requests", method="GET")
            if request["method"] == method and path in request["path"]
        ]

    def _subscribe(self, client=None, plan=None, iban=VALID_IBAN):
        """A membership of ``client`` whose SEPA mandate was signed at the
        salon (the first month is debited at once)."""
        client = client or self.client
        wizard = self.env["salon.membership.subscribe"].create(
            {
                "partner_id": client.id,
                "plan_id": (plan or self.plan).id,
                "mandate_method": "iban",
                "consumer_name": client.name,
                "iban": iban,
            }
        )
        return self.env["salon.membership"].browse(wizard.action_confirm()["res_id"])


@tagged("post_install", "-at_install")
class SalonMembershipCommon(MollieFakeMixin, SalonAccountingCommon):
    """The salon of SalonCommon with a chart of accounts, its Mollie provider
    (fake API) and a "Monthly Care" plan: 50.00 a month, 50.00 of credit for
    any service, expiring at the end of the month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_memberships()
        cls.credit_account = cls.company._salon_membership_account()
        cls.Plan = cls.env["salon.membership.plan"]
        cls.plan = cls.Plan.create(
            {"name": "Monthly Care", "price": 50.0, "credit": 50.0, "notice_days": 30}
        )
        cls.Membership = cls.env["salon.membership"]

    def _charge(self, membership, status="paid"):
        """Mollie debits the next month of the membership's subscription;
        the webhook's work is done (as the controller does it)."""
        payment = self._fake(
            f"/_fake/subscriptions/{membership.mollie_subscription_id}/charge",
            {"status": status, "notify": False},
        )["payment"]
        membership._salon_process_mollie_payment(payment["id"])
        return payment["id"]

    def _set_status(self, membership, payment_id, status, notify=False):
        self._fake(
            f"/_fake/payments/{payment_id}/status",
            {"status": status, "notify": notify},
        )
        membership._salon_process_mollie_payment(payment_id)

    def _member(self, credit_months=1, **kwargs):
        """An active member with ``credit_months`` months paid."""
        membership = self._subscribe(**kwargs)
        for _month in range(credit_months):
            self._charge(membership)
        return membership

    def _kinds(self, membership):
        return [
            (h.salon_membership_kind, h.issued, h.used)
            for h in membership.card_id.history_ids.sorted("id")
        ]

    def _account_balance(self, account, partner=None):
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        lines = self.env["account.move.line"].search(domain)
        return sum(lines.mapped("balance"))


class SalonMembershipWebsiteCommon(
    MollieFakeMixin, SalonWebsiteCommon, SalonAccountingCommon
):
    """The salon's website with plans offered online ("Monthly Care",
    "Premium Care"), one that is not ("Staff Deal"), and its portal users
    Paula and Oscar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_memberships()
        Plan = cls.env["salon.membership.plan"]
        cls.plan = Plan.create(
            {
                "name": "Monthly Care",
                "price": 50.0,
                "credit": 50.0,
                "sold_online": True,
                "description": "A cut or a blow-dry each month.",
            }
        )
        cls.premium = Plan.create(
            {"name": "Premium Care", "price": 90.0, "credit": 90.0, "sold_online": True}
        )
        cls.in_salon = Plan.create(
            {"name": "Staff Deal", "price": 20.0, "credit": 20.0}
        )
        cls.paula = cls.portal_user.partner_id
        cls.oscar = cls.other_portal_user.partner_id

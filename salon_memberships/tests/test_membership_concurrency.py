# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Twenty checkouts spending one member's credit at once, each on its own
connection: the credit is spent once, the balance never goes below zero."""

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.test_concurrency import CLIENTS, SalonRaceCase

from .common import make_member

ATTEMPTS = 2 * CLIENTS


@tagged("post_install", "-at_install")
class TestMembershipConcurrency(SalonRaceCase):
    def _committed_member(self, data, credit):
        """A committed active membership of the race's client with ``credit``
        to spend."""
        with self.new_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            plan = env["salon.membership.plan"].create(
                {"name": f"Race plan {self.token}", "price": 50.0, "credit": 50.0}
            )
            membership = make_member(
                env,
                env["res.partner"].browse(data["client"]),
                plan,
                credit,
                fields.Date.context_today(plan),
            )
            return plan.id, membership.id, membership.card_id.id

    def _remove(self, plan_id, membership_id, card_id):
        with self.new_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["loyalty.history"].search([("card_id", "=", card_id)]).unlink()
            membership = env["salon.membership"].browse(membership_id)
            membership.card_id = False
            env["loyalty.card"].browse(card_id).unlink()
            membership.unlink()
            env["salon.membership.plan"].browse(plan_id).unlink()

    @staticmethod
    def _spend(card_id, amount):
        """A checkout spending ``amount``, run again on a serialization
        failure as Odoo's server runs a request again."""

        def job(env, index):
            for _attempt in range(ATTEMPTS):
                try:
                    card = env["loyalty.card"].browse(card_id)
                    return card._salon_credit_use(amount).ids
                except SerializationFailure:
                    env.cr.rollback()
                    env.invalidate_all()
            raise AssertionError("never got the card")

        return job

    def _race(self, credit, amount):
        with self.committed_salon() as data:
            ids = self._committed_member(data, credit)
            try:
                outcomes = self.race(self._spend(ids[2], amount))
                with self.new_cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    card = env["loyalty.card"].browse(ids[2])
                    used = card.history_ids.filtered(
                        lambda h: h.salon_membership_kind == "used"
                    )
                    return outcomes, card.points, sum(used.mapped("used"))
            finally:
                self._remove(*ids)

    def _check(self, outcomes, winners_expected):
        winners = [o for o in outcomes if "error" not in o]
        losers = [o["error"] for o in outcomes if "error" in o]
        self.assertEqual(len(winners), winners_expected)
        for error in losers:
            self.assertIsInstance(error, UserError)
            self.assertIn("of membership credit is left", error.args[0])

    def test_last_credit_spent_once(self):
        outcomes, points, spent = self._race(credit=50.0, amount=30.0)
        self._check(outcomes, 1)
        self.assertEqual((points, spent), (20.0, 30.0))

    def test_five_visits_of_twenty_paid(self):
        outcomes, points, spent = self._race(credit=50.0, amount=10.0)
        self._check(outcomes, 5)
        self.assertEqual((points, spent), (0.0, 50.0))

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Twenty checkouts of the same package at once, each on its own connection:
the sessions left are used once each, the balance never goes below zero."""

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.test_concurrency import CLIENTS, SalonRaceCase

ATTEMPTS = 2 * CLIENTS


@tagged("post_install", "-at_install")
class TestPackageConcurrency(SalonRaceCase):
    def _committed_package(self, data, sessions):
        """A committed package of ``sessions`` sessions of the race's service,
        the others already used."""
        with self.new_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            service = env["product.product"].browse(data["service"])
            program = env["loyalty.program"].create(
                {
                    "name": f"Race package {self.token}",
                    "program_type": "salon_package",
                    "reward_ids": [
                        Command.create(
                            {
                                "reward_type": "product",
                                "reward_product_id": service.id,
                                "salon_sessions": 5,
                                "required_points": 1,
                            }
                        )
                    ],
                }
            )
            card = env["loyalty.card"]._salon_issue(
                program, env["res.partner"].browse(data["client"])
            )
            for _used in range(5 - sessions):
                card._salon_use(service)
            return program.id, card.id

    def _remove(self, program_id):
        with self.new_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            program = env["loyalty.program"].browse(program_id)
            product = program.salon_product_id
            cards = env["loyalty.card"].search([("program_id", "=", program_id)])
            moves = cards.history_ids.salon_move_id
            moves.button_draft()
            moves.unlink()
            cards.unlink()
            program.action_archive()
            program.unlink()
            product.product_tmpl_id.unlink()

    @staticmethod
    def _checkout(card_id, service_id):
        """A checkout using a session, run again on a serialization failure
        as Odoo's server runs a request again."""

        def job(env, index):
            for _attempt in range(ATTEMPTS):
                try:
                    card = env["loyalty.card"].browse(card_id)
                    service = env["product.product"].browse(service_id)
                    return card._salon_use(service).id
                except SerializationFailure:
                    env.cr.rollback()
                    env.invalidate_all()
            raise AssertionError("never got the package")

        return job

    def _race_for(self, sessions):
        with self.committed_salon() as data:
            program_id, card_id = self._committed_package(data, sessions)
            try:
                outcomes = self.race(self._checkout(card_id, data["service"]))
                with self.new_cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    card = env["loyalty.card"].browse(card_id)
                    used = card.history_ids.filtered(lambda h: h.salon_kind == "used")
                    return (
                        outcomes,
                        card.points,
                        used,
                        card._salon_remaining(
                            env["product.product"].browse(data["service"])
                        ),
                    )
            finally:
                self._remove(program_id)

    def _check(self, outcomes, winners_expected):
        winners = [o for o in outcomes if "error" not in o]
        losers = [o["error"] for o in outcomes if "error" in o]
        self.assertEqual(len(winners), winners_expected)
        self.assertEqual(len(losers), CLIENTS - winners_expected)
        for error in losers:
            self.assertIsInstance(error, UserError)
            self.assertIn("No session of", error.args[0])
        return winners

    def test_last_session_used_once(self):
        outcomes, points, used, remaining = self._race_for(sessions=1)
        winners = self._check(outcomes, 1)
        self.assertEqual((points, remaining), (0, 0))
        # four used before the race, one by its winner
        self.assertEqual(len(used), 5)
        self.assertIn(winners[0]["result"], used.ids)

    def test_three_sessions_for_twenty_checkouts(self):
        outcomes, points, used, remaining = self._race_for(sessions=3)
        self._check(outcomes, 3)
        self.assertEqual((points, remaining), (0, 0))
        self.assertEqual(len(used), 5)

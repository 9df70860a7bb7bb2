# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Twenty clicks on "Charge Fee" at once, each on its own connection and run
as Odoo runs a request (again after a serialization failure): the card is
charged once, every click gets that charge back, nothing deadlocks."""

import random
import time

from psycopg2 import errors

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.test_concurrency import CLIENTS, SalonRaceCase


@tagged("post_install", "-at_install")
class TestConcurrentFeeCharge(SalonRaceCase):
    def _committed_no_show(self, data):
        """A missed appointment with a card on file (payment_demo), its fee
        not charged yet; what to restore and remove afterwards."""
        with self.new_cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tracking_disable": True, "salon_no_mail": True}
            )
            company = env["res.company"].browse(data["company"])
            provider = env.ref("payment.payment_provider_demo")
            journal = env["account.journal"].search(
                [
                    *env["account.journal"]._check_company_domain(company),
                    ("type", "=", "bank"),
                ],
                limit=1,
            )
            restore = {
                "company": {
                    name: company[name].id if name.endswith("_id") else company[name]
                    for name in (
                        "salon_card_mode",
                        "salon_fee_charge",
                        "salon_no_show_fee_product_id",
                    )
                },
                "provider": {
                    "state": provider.state,
                    "company_id": provider.company_id.id,
                    "journal_id": provider.journal_id.id,
                    "allow_tokenization": provider.allow_tokenization,
                },
            }
            fee_product = env["product.product"].create(
                {
                    "name": f"Race no-show fee {self.token}",
                    "type": "service",
                    "taxes_id": [Command.clear()],
                }
            )
            company.write(
                {
                    "salon_card_mode": "optional",
                    "salon_fee_charge": "confirm",
                    "salon_no_show_fee_product_id": fee_product.id,
                }
            )
            provider.write(
                {
                    "state": "test",
                    "company_id": company.id,
                    "journal_id": journal.id,
                    "allow_tokenization": True,
                }
            )
            appointment = env["calendar.event"].create(
                {
                    "salon_partner_id": data["client"],
                    "salon_employee_id": data["stylists"][0],
                    "start": self.start,
                    "salon_line_ids": [Command.create({"product_id": data["service"]})],
                }
            )
            token = env["payment.token"].create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": env.ref("payment.payment_method_card").id,
                    "partner_id": data["client"],
                    "provider_ref": f"race-{self.token}",
                    "payment_details": "4242",
                    "demo_simulated_state": "done",
                }
            )
            appointment._salon_set_card(token)
            appointment.action_salon_no_show()
            fee = appointment.salon_card_fee_amount
            return (appointment.id, token.id, fee_product.id, restore), fee

    def _remove(self, appointment_id, token_id, fee_product_id, restore):
        with self.new_cursor() as cr:
            cr.execute("SET LOCAL lock_timeout = '30s'")
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            transactions = env["payment.transaction"].search(
                [("salon_appointment_id", "=", appointment_id)]
            )
            payments = transactions.payment_id
            moves = (transactions.invoice_ids | payments.move_id) | env[
                "calendar.event"
            ].browse(appointment_id).salon_invoice_ids
            # what the charge booked, gone with the race's data
            cr.execute(
                "DELETE FROM account_partial_reconcile WHERE debit_move_id IN "
                "(SELECT id FROM account_move_line WHERE move_id = ANY(%(moves)s)) "
                "OR credit_move_id IN (SELECT id FROM account_move_line "
                "WHERE move_id = ANY(%(moves)s))",
                {"moves": moves.ids},
            )
            cr.execute(
                "DELETE FROM payment_transaction WHERE id = ANY(%s)", [transactions.ids]
            )
            cr.execute("DELETE FROM account_payment WHERE id = ANY(%s)", [payments.ids])
            cr.execute(
                "DELETE FROM account_move_line WHERE move_id = ANY(%s)", [moves.ids]
            )
            cr.execute("DELETE FROM account_move WHERE id = ANY(%s)", [moves.ids])
            cr.execute(
                "DELETE FROM salon_appointment_invoice_rel WHERE event_id = %s",
                [appointment_id],
            )
            company = env.company
            company.write(restore["company"])
            env.ref("payment.payment_provider_demo").write(restore["provider"])
            env["calendar.event"].browse(appointment_id).unlink()
            env["payment.token"].browse(token_id).unlink()
            env["product.product"].browse(fee_product_id).product_tmpl_id.unlink()

    @staticmethod
    def _charge(env, index):
        """A click, run again after a serialization failure as Odoo runs a
        request again (``odoo.service.model.retrying``, whose registry reset
        the test runner's lock would block here)."""
        for attempt in range(MAX_TRIES_ON_CONCURRENCY_FAILURE):
            try:
                appointment = env["calendar.event"].search(
                    [
                        ("salon_card_token_id", "!=", False),
                        ("salon_state", "=", "no_show"),
                    ],
                    limit=1,
                )
                return appointment._salon_charge_fee().id
            except errors.SerializationFailure:
                env.cr.rollback()
                env.invalidate_all()
                time.sleep(random.uniform(0, 0.2 * 2**attempt))
        raise AssertionError("still a serialization failure after the retries")

    def test_twenty_clicks_charge_the_fee_once(self):
        with self.committed_salon() as data:
            made, fee = self._committed_no_show(data)
            try:
                self.assertGreater(fee, 0)
                outcomes = self.race(self._charge)
                errors = [repr(o["error"]) for o in outcomes if "error" in o]
                self.assertEqual(errors, [])
                self.assertEqual(len(outcomes), CLIENTS)
                # every click got the same charge back
                self.assertEqual(len({o["result"] for o in outcomes}), 1)
                with self.new_cursor() as cr:
                    cr.execute(
                        "SELECT state, amount, operation FROM payment_transaction "
                        "WHERE salon_appointment_id = %s",
                        [made[0]],
                    )
                    self.assertEqual(cr.fetchall(), [("done", fee, "offline")])
                    cr.execute(
                        "SELECT count(*) FROM salon_appointment_invoice_rel "
                        "WHERE event_id = %s",
                        [made[0]],
                    )
                    self.assertEqual(cr.fetchone()[0], 1)
            finally:
                self._remove(*made)

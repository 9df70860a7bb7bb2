# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.addons.salon_booking.tests.common import make_service


@tagged("post_install", "-at_install")
class TestDepositPosTour(TestPointOfSaleHttpCommon):
    """The desk collects a deposit and deducts it at checkout, in a browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pos_user.tz = "UTC"
        company = cls.env.company
        company.write({"salon_deposit_enabled": True, "salon_deposit_percent": 30})
        company._salon_setup_deposit_accounting()
        cls.deposits_account = company.salon_deposit_product_id.with_company(
            company
        ).property_account_income_id
        cls.cut = make_service(cls.env, "Salon Cut", 0.5, 30.0, available_in_pos=True)
        stylist = cls.env["hr.employee"].create(
            {
                "name": "Julie",
                "salon_is_stylist": True,
                "salon_service_ids": [Command.set(cls.cut.product_tmpl_id.ids)],
            }
        )
        client = cls.env["res.partner"].create({"name": "Dora Deposit"})
        cls.appointment = (
            cls.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": client.id,
                    "salon_employee_id": stylist.id,
                    "start": fields.Datetime.now().replace(second=0, microsecond=0),
                    "salon_line_ids": [Command.create({"product_id": cls.cut.id})],
                }
            )
        )

    def _held(self):
        """An appointment of the day on hold, its deposit asked by link."""
        client = self.env["res.partner"].create(
            {"name": "Hana Hold", "email": "hana@example.com"}
        )
        held = (
            self.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": client.id,
                    "salon_employee_id": self.appointment.salon_employee_id.id,
                    # today, whatever the hour the test runs at
                    "start": self.appointment.start
                    + timedelta(hours=-1 if self.appointment.start.hour >= 12 else 1),
                    "salon_line_ids": [Command.create({"product_id": self.cut.id})],
                }
            )
        )
        deposit = self.env["salon.deposit"].create(
            {"appointment_id": held.id, "amount": 9.0, "channel": "link"}
        )
        deposit.with_context(salon_no_mail=True)._salon_start_hold()
        self.assertEqual(held.salon_state, "on_hold")
        self.assertEqual(held.salon_payment_state, "deposit_pending")
        return held

    def _with_card(self, name="Carla Card", hours=2, simulated_state="done"):
        """An appointment of the day with a card on file (payment_demo, whose
        token answers ``simulated_state`` when charged)."""
        client = self.env["res.partner"].create({"name": name})
        guaranteed = (
            self.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": client.id,
                    "salon_employee_id": self.appointment.salon_employee_id.id,
                    # today, whatever the hour the test runs at
                    "start": self.appointment.start
                    + timedelta(
                        hours=-hours if self.appointment.start.hour >= 12 else hours
                    ),
                    "salon_line_ids": [Command.create({"product_id": self.cut.id})],
                }
            )
        )
        provider = self.env.ref("payment.payment_provider_demo").sudo()
        provider.write(
            {
                "state": "test",
                "allow_tokenization": True,
                "company_id": self.env.company.id,
                "journal_id": self.bank_journal.id,
            }
        )
        guaranteed._salon_set_card(
            self.env["payment.token"]
            .sudo()
            .create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": self.env.ref("payment.payment_method_card").id,
                    "partner_id": client.id,
                    "provider_ref": "demo",
                    "payment_details": "4242",
                    "demo_simulated_state": simulated_state,
                }
            )
        )
        self.assertEqual(guaranteed.salon_payment_state, "card")
        return guaranteed

    def test_deposit_collected_then_deducted(self):
        self._held()
        self._with_card()
        appointment = self.appointment
        self.assertEqual(appointment.salon_deposit_amount, 9.0)
        self.start_pos_tour("salon_deposit_pos_tour", login="pos_user")
        deposit = appointment.salon_deposit_ids
        collected, checkout = self.env["pos.order"].search(
            [
                "|",
                ("salon_deposit_appointment_id", "=", appointment.id),
                ("salon_appointment_id", "=", appointment.id),
            ],
            order="id",
        )
        self.assertEqual(collected.salon_deposit_appointment_id, appointment)
        self.assertEqual(collected.amount_total, 9.0)
        self.assertEqual(checkout.amount_total, 21.0)
        self.assertRecordValues(
            deposit,
            [
                {
                    "channel": "pos",
                    "state": "applied",
                    "amount_paid": 9.0,
                    "amount_applied": 9.0,
                }
            ],
        )
        self.assertEqual(
            [
                (line.kind, line.source_model, line.source_id)
                for line in deposit.line_ids
            ],
            [
                ("paid", "pos.order", collected.id),
                ("applied", "pos.order", checkout.id),
            ],
        )
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(appointment.salon_payment_state, "paid")
        self.assertEqual(appointment.salon_amount_paid, 30.0)
        # the session books the deposit's line in (collected) and out
        # (deducted) of the customer deposits: nothing left owed to the client
        session = collected.session_id
        session.action_pos_session_closing_control()
        self.assertEqual(session.state, "closed")
        lines = self.env["account.move.line"].search(
            [
                ("account_id", "=", self.deposits_account.id),
                ("parent_state", "=", "posted"),
            ]
        )
        self.assertEqual(round(sum(lines.mapped("balance")), 2), 0.0)

    def test_card_charged_at_checkout(self):
        """The desk charges the card on file at checkout (seed 002); a
        declined card shows why and the desk takes another payment method."""
        charged = self._with_card()
        declined = self._with_card("Dina Decline", 3, "error")
        provider = self.env.ref("payment.payment_provider_demo")
        online = self.env["pos.payment.method"].create(
            {
                "name": "Online",
                "is_online_payment": True,
                "online_payment_provider_ids": [provider.id],
            }
        )
        self.main_pos_config.payment_method_ids += online
        self.start_pos_tour("salon_card_pos_tour", login="pos_user")
        order = self.env["pos.order"].search(
            [("salon_appointment_id", "=", charged.id)]
        )
        self.assertEqual(order.state, "paid")
        self.assertRecordValues(
            order.payment_ids, [{"payment_method_id": online.id, "amount": 30.0}]
        )
        transaction = order.payment_ids.online_account_payment_id.payment_transaction_id
        self.assertRecordValues(
            transaction,
            [
                {
                    "state": "done",
                    "operation": "offline",
                    "token_id": charged.salon_card_token_id.id,
                    "amount": 30.0,
                }
            ],
        )
        self.assertEqual(charged.salon_state, "done")
        self.assertEqual(charged.salon_payment_state, "paid")
        # the declined card: paid by bank card at the desk instead
        order = self.env["pos.order"].search(
            [("salon_appointment_id", "=", declined.id)]
        )
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.payment_ids.payment_method_id.name, "Bank")
        self.assertEqual(
            self.env["payment.transaction"]
            .search([("pos_order_id", "=", order.id)])
            .state,
            "error",
        )
        self.assertEqual(declined.salon_state, "done")

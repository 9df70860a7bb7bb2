# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A paid deposit deducted at the Point of Sale: the checkout values bring a
deposit line, the paid order applies the deposit, the session books it off
the customer deposits account; a refund of the order gives it back."""

from datetime import timedelta
from random import randint

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.salon_booking.tests.pos_common import SalonPosCommon


@tagged("post_install", "-at_install")
class TestDepositPos(SalonPosCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"salon_deposit_enabled": True, "salon_deposit_percent": 30})
        cls.company._salon_setup_deposit_accounting()
        cls.deposit_product = cls.company.salon_deposit_product_id
        cls.deposits_account = cls.deposit_product.with_company(
            cls.company
        ).property_account_income_id

    def _order_data(self, appointment, values=None, collect=False):
        """What the POS sends once the appointment's checkout values (or
        ``values``) are on the order and paid in cash."""
        values = values or appointment.salon_pos_checkout_values()
        data = self.create_ui_order_data(
            [(self.cut, 1)], customer=appointment.salon_partner_id
        )
        lines = []
        for vals in values["lines"]:
            total = vals["price_unit"] * vals["qty"] * (1 - vals["discount"] / 100)
            lines.append(
                (
                    0,
                    0,
                    {
                        "id": randint(1, 1000000),
                        "pack_lot_ids": [],
                        "product_id": vals["product_id"],
                        "qty": vals["qty"],
                        "price_unit": vals["price_unit"],
                        "discount": vals["discount"],
                        "price_subtotal": total,
                        "price_subtotal_incl": total,
                        "tax_ids": [(6, 0, [])],
                        "customer_note": vals["customer_note"],
                        "salon_appointment_line_id": vals["salon_appointment_line_id"],
                    },
                )
            )
        amount = sum(line[2]["price_subtotal_incl"] for line in lines)
        data["lines"] = lines
        data["salon_appointment_id"] = appointment.id
        if collect:
            # a deposit collected at the desk ("Deposit" on the appointment)
            data["salon_appointment_id"] = False
            data["salon_deposit_appointment_id"] = appointment.id
        data.update(amount_total=amount, amount_paid=amount, amount_tax=0.0)
        data["payment_ids"][0][2]["amount"] = amount
        return data

    def _sync(self, data):
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _paid_deposit(self, appointment):
        cash = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.company),
                ("type", "=", "cash"),
            ],
            limit=1,
        )
        wizard = (
            self.env["salon.deposit.wizard"]
            .with_context(default_appointment_id=appointment.id)
            .create({"journal_id": cash.id})
        )
        wizard.action_confirm()
        return wizard.deposit_id

    def _balance(self, account):
        lines = self.env["account.move.line"].search(
            [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        )
        return round(sum(lines.mapped("balance")), 2)

    def test_deposit_deducted_at_checkout(self):
        self.open_new_session()
        appointment = self._appointment()
        deposit = self._paid_deposit(appointment)
        self.assertEqual(deposit.amount, 9.0)
        values = appointment.salon_pos_checkout_values()
        deduction = values["lines"][-1]
        self.assertEqual(deduction["product_id"], self.deposit_product.id)
        self.assertEqual(deduction["price_unit"], -9.0)
        self.assertIn(deposit.name, deduction["customer_note"])
        order = self._sync(self._order_data(appointment))
        self.assertEqual(order.amount_total, 21.0)
        self.assertFalse(order.salon_issue)
        self.assertRecordValues(
            deposit,
            [{"state": "applied", "amount_applied": 9.0, "amount_available": 0}],
        )
        applied = deposit.line_ids.filtered(lambda line: line.kind == "applied")
        self.assertEqual(
            (applied.source_model, applied.source_id), ("pos.order", order.id)
        )
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(appointment.salon_payment_state, "paid")
        self.assertEqual(appointment.salon_amount_paid, 30.0)
        # the session's entry takes the advance off the liability
        self.assertEqual(self._balance(self.deposits_account), -9.0)
        self.pos_session.action_pos_session_validate()
        self.assertEqual(self._balance(self.deposits_account), 0.0)
        revenue = self.pos_session.move_id.line_ids.filtered(
            lambda line: line.account_id == self.sales_account
        )
        self.assertEqual(sum(revenue.mapped("credit")), 30.0)

    def test_refund_of_the_checkout_gives_the_deposit_back(self):
        self.open_new_session()
        appointment = self._appointment()
        deposit = self._paid_deposit(appointment)
        order = self._sync(self._order_data(appointment))
        self.assertEqual(deposit.state, "applied")
        action = order.refund()
        refund = self.env["pos.order"].browse(action["res_id"])
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_ids=refund.ids, active_id=refund.id)
            .create({"amount": refund.amount_total})
        )
        payment.with_context(active_id=refund.id).check()
        self.assertEqual(refund.amount_total, -21.0)
        self.assertRecordValues(deposit, [{"state": "paid", "amount_available": 9.0}])
        restored = deposit.line_ids.filtered(lambda line: line.kind == "restored")
        self.assertEqual(
            (restored.source_model, restored.source_id), ("pos.order", refund.id)
        )

    def test_deposit_collected_at_the_desk_then_refunded(self):
        self.open_new_session()
        # in two days: a cancellation now is in time
        appointment = self._appointment(
            start=fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        )
        self.assertTrue(appointment.salon_can_take_deposit)
        values = appointment.salon_pos_deposit_values()
        (line,) = values["lines"]
        self.assertEqual(
            (line["product_id"], line["price_unit"]), (self.deposit_product.id, 9.0)
        )
        order = self._sync(self._order_data(appointment, values, collect=True))
        self.assertFalse(order.salon_issue)
        deposit = appointment.salon_deposit_ids
        self.assertRecordValues(
            deposit,
            [
                {
                    "channel": "pos",
                    "state": "paid",
                    "amount_available": 9.0,
                    "journal_id": self.cash_pm1.journal_id.id,
                }
            ],
        )
        self.assertEqual(
            (deposit.line_ids.source_model, deposit.line_ids.source_id),
            ("pos.order", order.id),
        )
        self.assertEqual(appointment.salon_state, "confirmed")
        self.assertEqual(appointment.salon_payment_state, "deposit")
        self.assertFalse(appointment.salon_can_take_deposit)
        with self.assertRaises(UserError):
            appointment.salon_pos_deposit_values()
        # the session books the deposit as an advance
        self.pos_session.action_pos_session_validate()
        self.assertEqual(self._balance(self.deposits_account), -9.0)
        # cancelled in time: given back by a credit note paid from the journal
        appointment.action_salon_cancel()
        self.assertRecordValues(
            deposit, [{"state": "refunded", "amount_refunded": 9.0}]
        )
        self.assertEqual(self._balance(self.deposits_account), 0.0)
        refunded = deposit.line_ids.filtered(lambda line: line.kind == "refunded")
        payment = self.env["account.payment"].search(
            [("move_id", "=", refunded.source_id)]
        )
        self.assertEqual(payment.payment_type, "outbound")
        self.assertEqual(payment.journal_id, self.cash_pm1.journal_id)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Packages at the till: sold ("+ package", "use it now?"), used at the
checkout of an appointment, given back by a refund."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.salon_booking.tests.pos_common import SalonPosCommon


@tagged("post_install", "-at_install")
class TestPackagePos(SalonPosCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._salon_setup_package_accounting()
        cls.prepaid = cls.company.salon_package_account_id
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "5 cuts",
                "program_type": "salon_package",
                "salon_validity_months": 12,
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "product",
                            "reward_product_id": cls.cut.id,
                            "salon_sessions": 5,
                            "required_points": 1,
                        }
                    )
                ],
            }
        )
        cls.package_product = cls.program.salon_product_id
        cls.package_product.write({"lst_price": 100.0, "taxes_id": [Command.clear()]})
        cls.Card = cls.env["loyalty.card"]

    def _sync(self, data):
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _order_data(self, lines, client=None, appointment=None):
        """``lines``: ``[(product, qty, discount, extra values)]``."""
        data = self.create_ui_order_data(
            [(product, qty, discount) for product, qty, discount, _vals in lines],
            customer=client if client is not None else self.client,
        )
        for line_data, (_product, qty, discount, vals) in zip(
            data["lines"], lines, strict=True
        ):
            line_data[2].update(vals)
            # the services have no taxes: Odoo's helper then forgets the discount
            net = line_data[2]["price_unit"] * qty * (1 - discount / 100.0)
            line_data[2].update(price_subtotal=net, price_subtotal_incl=net)
        total = sum(line[2]["price_subtotal_incl"] for line in data["lines"])
        data.update(amount_total=total, amount_tax=0.0, amount_paid=total)
        data["payment_ids"][0][2]["amount"] = total
        if appointment:
            data["salon_appointment_id"] = appointment.id
        return data

    def _refund(self, order):
        refund = self.env["pos.order"].browse(order.refund()["res_id"])
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_ids=refund.ids, active_id=refund.id)
            .create({"amount": refund.amount_total})
        )
        payment.with_context(active_id=refund.id).check()
        return refund

    def _booked_as_included(self, card):
        appointment = self._appointment()
        appointment._salon_promise_coverage(appointment._salon_get_line_coverages())
        self.assertEqual(appointment.salon_line_ids.coverage_res_id, card.id)
        return appointment

    def test_checkout_proposes_the_package(self):
        card = self.Card._salon_issue(self.program, self.client)
        appointment = self._booked_as_included(card)
        values = appointment.salon_pos_checkout_values()
        line = values["lines"][0]
        self.assertEqual(line["salon_pos_package_card"], card.id)
        self.assertEqual(line["discount"], 100.0)
        self.assertEqual(
            line["customer_note"], "Included in my package 5 cuts (5 left)"
        )
        self.assertEqual(
            values["salon_package_question"], "Use the client's package for this visit?"
        )
        # a client without package: nothing proposed
        other = self._appointment(
            start=appointment.stop + timedelta(hours=1),
            client=self.env["res.partner"].create({"name": "Zoé"}),
        )
        values = other.salon_pos_checkout_values()
        self.assertNotIn("salon_package_question", values)
        self.assertFalse(values["lines"][0].get("salon_pos_package_card"))

    def test_session_used_at_checkout_and_given_back_by_refund(self):
        self.open_new_session()
        card = self.Card._salon_issue(self.program, self.client)
        appointment = self._booked_as_included(card)
        line_vals = {
            "salon_appointment_line_id": appointment.salon_line_ids.id,
            "salon_pos_package_card": card.id,
        }
        order = self._sync(
            self._order_data([(self.cut, 1, 100.0, line_vals)], appointment=appointment)
        )
        self.assertFalse(order.salon_issue)
        self.assertEqual(order.amount_total, 0.0)
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(appointment.salon_payment_state, "paid")
        self.assertEqual(card.points, 4)
        used = order.lines.salon_package_history_id
        self.assertEqual(used.salon_kind, "used")
        self.assertEqual((used.order_model, used.order_id), ("pos.order", order.id))
        self.assertEqual(used.salon_event_id, appointment)
        # the same order synced again uses nothing more
        self._sync(dict(self._order_data([], appointment=appointment), uuid=order.uuid))
        self.assertEqual(card.points, 4)
        refund = self._refund(order)
        self.assertEqual(card.points, 5)
        back = card.history_ids.filtered(lambda h: h.salon_kind == "returned")
        self.assertEqual(back.salon_reverses_id, used)
        self.assertEqual(back.order_id, refund.id)

    def test_declined_at_the_till_keeps_no_promise(self):
        self.open_new_session()
        card = self.Card._salon_issue(self.program, self.client)
        appointment = self._booked_as_included(card)
        order = self._sync(
            self._order_data(
                [
                    (
                        self.cut,
                        1,
                        0.0,
                        {"salon_appointment_line_id": appointment.salon_line_ids.id},
                    )
                ],
                appointment=appointment,
            )
        )
        self.assertEqual(order.amount_paid, 30.0)
        self.assertEqual(card.points, 5)
        self.assertFalse(appointment.salon_line_ids.coverage_model)
        self.assertEqual(appointment.salon_payment_state, "paid")
        self.assertEqual(appointment.salon_amount_paid, 30.0)

    def test_package_sold_just_after_midnight_pays_the_visit(self):
        """Paid at 00:10, the visit (a walk-in of 30 minutes) started the day
        before: the package sold by the order is valid for it."""
        self.company.salon_tz = "UTC"
        with freeze_time("2026-03-03 00:10:00"):
            self.open_new_session()
            order = self._sync(
                self._order_data(
                    [
                        (self.package_product, 1, 0.0, {}),
                        (self.cut, 1, 100.0, {"salon_package_use_new": True}),
                    ]
                )
            )
        self.assertFalse(order.salon_issue)
        card = self.client.salon_package_card_ids
        self.assertEqual(card.salon_start_date, date(2026, 3, 2))
        self.assertEqual(card.points, 4)

    def test_package_sold_at_the_till_and_used_at_once(self):
        self.open_new_session()
        order = self._sync(
            self._order_data(
                [
                    (self.package_product, 1, 0.0, {}),
                    (self.cut, 1, 100.0, {"salon_package_use_new": True}),
                ]
            )
        )
        self.assertFalse(order.salon_issue)
        card = self.client.salon_package_card_ids
        self.assertEqual(len(card), 1)
        self.assertEqual(card.salon_pos_line_id, order.lines[0])
        self.assertEqual(card.salon_amount, 100.0)
        self.assertEqual(card.points, 4)
        self.assertEqual(order.lines[1].salon_package_card_id, card)
        self.assertEqual(
            [(h.salon_kind, h.order_id) for h in card.history_ids.sorted("id")],
            [("issued", order.id), ("used", order.id)],
        )
        # the session used is revenue: a fifth of the price
        entry = order.lines[1].salon_package_history_id.salon_move_id
        self.assertEqual(
            entry.line_ids.filtered(lambda line: line.account_id == self.prepaid).debit,
            20.0,
        )
        self.assertEqual(
            entry.line_ids.filtered(
                lambda line: line.account_id == self.sales_account
            ).credit,
            20.0,
        )
        # the sale itself is an advance when the session is closed
        self.pos_session.action_pos_session_validate()
        advance = self.pos_session.move_id.line_ids.filtered(
            lambda line: line.account_id == self.prepaid
        )
        self.assertEqual(sum(advance.mapped("credit")), 100.0)
        # refunding the sale cancels the sessions left
        self.open_new_session()
        self._refund(order)
        self.assertEqual(card.salon_state, "cancelled")
        self.assertEqual(card.points, 0)

    def test_package_sold_without_client_is_an_issue(self):
        self.open_new_session()
        order = self._sync(
            self._order_data(
                [(self.package_product, 1, 0.0, {})], client=self.env["res.partner"]
            )
        )
        self.assertEqual(order.state, "paid")
        self.assertIn("choose the client first", order.salon_issue)
        self.assertFalse(self.Card.search([("salon_pos_line_id", "=", order.lines.id)]))

    def test_another_clients_package_is_refused(self):
        self.open_new_session()
        card = self.Card._salon_issue(
            self.program, self.env["res.partner"].create({"name": "Luc"})
        )
        order = self._sync(
            self._order_data(
                [(self.cut, 1, 100.0, {"salon_pos_package_card": card.id})]
            )
        )
        self.assertIn("No package of Marie Dupont pays Cut", order.salon_issue)
        self.assertEqual(card.points, 5)

    def test_till_lookups_are_for_staff_only(self):
        card = self.Card._salon_issue(self.program, self.client)
        found = self.Card.salon_pos_find_packages(self.client.id, [self.cut.id])
        self.assertEqual(
            [(p["id"], p["product_ids"]) for p in found], [(card.id, [self.cut.id])]
        )
        info = self.env["loyalty.program"].salon_pos_package_info(
            self.package_product.id
        )
        self.assertEqual(info, {"name": "5 cuts", "service_ids": [self.cut.id]})
        portal = new_test_user(
            self.env, login="portal_client", groups="base.group_portal"
        )
        with self.assertRaises(AccessError):
            self.Card.with_user(portal).salon_pos_find_packages(
                self.client.id, [self.cut.id]
            )
        with self.assertRaises(AccessError):
            self.env["loyalty.program"].with_user(portal).salon_pos_package_info(
                self.package_product.id
            )

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Membership credit at the till: what the "Membership Credit" button
proposes, the credit line of a paid order spent from the wallet (or refused
and kept as the order's issue), given back by a refund."""

from uuid import uuid4

from odoo import fields
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SalonMembershipCommon, make_member


@tagged("post_install", "-at_install")
class TestMembershipPos(SalonMembershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id += cls.env.ref("point_of_sale.group_pos_manager")
        Journal = cls.env["account.journal"]
        cash_journal = Journal.search(
            [*Journal._check_company_domain(cls.company), ("type", "=", "cash")],
            limit=1,
        )
        cls.cash = cls.env["pos.payment.method"].create(
            {"name": "Cash", "journal_id": cash_journal.id}
        )
        cls.config = cls.env["pos.config"].create(
            {"name": "Salon Till", "payment_method_ids": [Command.set(cls.cash.ids)]}
        )
        cls.shampoo = cls.env["product.product"].create(
            {
                "name": "Shampoo",
                "type": "consu",
                "list_price": 20.0,
                "taxes_id": [Command.clear()],
                "available_in_pos": True,
            }
        )
        cls.credit_product = cls.company._salon_membership_product()
        cls.PosOrder = cls.env["pos.order"]

    def setUp(self):
        super().setUp()
        self.config.open_ui()
        self.session = self.config.current_session_id
        self.session.set_opening_control(0, None)

    # ------------------------------------------------------------------

    def _credited_member(self, credit=50.0, client=None):
        """An active member with ``credit`` to spend (the month paid without
        Mollie)."""
        today = self.company._salon_today()
        return make_member(self.env, client or self.client, self.plan, credit, today)

    def _line(self, product, qty=1, price=None, **vals):
        """Values of an order line as the POS sends them (taxes computed)."""
        currency = self.company.currency_id
        price = product.lst_price if price is None else price
        taxes = product.taxes_id
        total = taxes.compute_all(price, currency, qty, product=product)
        return Command.create(
            {
                "product_id": product.id,
                "qty": qty,
                "price_unit": price,
                "discount": 0.0,
                "price_subtotal": total["total_excluded"],
                "price_subtotal_incl": total["total_included"],
                "tax_ids": [Command.set(taxes.ids)],
                **vals,
            }
        )

    def _credit_line(self, card, amount, **vals):
        return self._line(
            self.credit_product,
            price=-amount,
            salon_pos_membership_card=card.id,
            customer_note="Membership credit",
            **vals,
        )

    def _sync(self, lines, client=None, **vals):
        """A paid order (in cash for what is left) synced from the till."""
        currency = self.company.currency_id
        total = currency.round(sum(line[2]["price_subtotal_incl"] for line in lines))
        untaxed = currency.round(sum(line[2]["price_subtotal"] for line in lines))
        uuid = str(uuid4())
        data = {
            "uuid": uuid,
            "name": f"Order {uuid}",
            "session_id": self.session.id,
            "partner_id": (client or self.client).id,
            "pricelist_id": self.config.pricelist_id.id,
            "fiscal_position_id": False,
            "user_id": self.env.uid,
            "sequence_number": 1,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "last_order_preparation_change": "{}",
            "to_invoice": False,
            "lines": lines,
            "payment_ids": [
                Command.create(
                    {
                        "amount": total,
                        "name": fields.Datetime.now(),
                        "payment_method_id": self.cash.id,
                    }
                )
            ]
            if total
            else [],
            "amount_total": total,
            "amount_tax": currency.round(total - untaxed),
            "amount_paid": total,
            "amount_return": 0,
            **vals,
        }
        result = self.PosOrder.sync_from_ui([data])
        order = self.PosOrder.browse(result["pos.order"][0]["id"])
        self.assertEqual(order.state, "paid")
        return order

    def _refund(self, order):
        refund = self.PosOrder.browse(order.refund()["res_id"])
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_ids=refund.ids, active_id=refund.id)
            .create({"amount": refund.amount_total})
        )
        payment.with_context(active_id=refund.id).check()
        self.assertEqual(refund.state, "paid")
        return refund

    def _used(self, card):
        return card.history_ids.filtered(
            lambda h: h.salon_membership_kind == "used"
        ).sorted("id")

    # ------------------------------------------------------------------
    # The button: what the credit pays of the order
    # ------------------------------------------------------------------

    def test_button_proposes_the_eligible_lines_up_to_the_credit_left(self):
        membership = self._credited_member()
        card = membership.card_id
        proposal = self.PosOrder.salon_pos_membership_credit(
            self.client.id,
            [
                {"product_id": self.cut.id, "amount": 36.3},
                {"product_id": self.shampoo.id, "amount": 20.0},
            ],
        )
        self.assertEqual(
            {key: proposal[key] for key in ("card_id", "amount", "product_id")},
            {"card_id": card.id, "amount": 36.3, "product_id": self.credit_product.id},
        )
        self.assertRegex(
            proposal["label"], r"^Membership credit, \D*13\.70 left after this visit$"
        )
        # more eligible than left: what is left
        proposal = self.PosOrder.salon_pos_membership_credit(
            self.client.id, [{"product_id": self.color.id, "amount": 72.6}]
        )
        self.assertEqual(proposal["amount"], 50.0)
        self.assertRegex(proposal["label"], r"\D0\.00 left after this visit$")
        # what a booked appointment is promised is not left to spend
        appointment = self._book(
            fields.Datetime.now().replace(microsecond=0), self.blowdry
        )
        appointment._salon_promise_coverage(appointment._salon_get_line_coverages())
        self.assertEqual(appointment.salon_line_ids.coverage_amount, 24.2)
        proposal = self.PosOrder.salon_pos_membership_credit(
            self.client.id, [{"product_id": self.color.id, "amount": 72.6}]
        )
        self.assertEqual(proposal["amount"], 25.8)
        # unless the order checks out that appointment: its promise is its own
        proposal = self.PosOrder.salon_pos_membership_credit(
            self.client.id,
            [
                {"product_id": self.blowdry.id, "amount": 24.2},
                {"product_id": self.color.id, "amount": 72.6},
            ],
            appointment.id,
        )
        self.assertEqual(proposal["amount"], 50.0)
        self.assertEqual(card.points, 50.0, "a proposal spends nothing")

    def test_button_refuses_with_the_reason(self):
        membership = self._credited_member()
        cut = [{"product_id": self.cut.id, "amount": 36.3}]
        with self.assertRaisesRegex(UserError, "Choose the client first"):
            self.PosOrder.salon_pos_membership_credit(0, cut)
        other = self.env["res.partner"].create({"name": "Zoé"})
        with self.assertRaisesRegex(UserError, "Zoé has no membership credit"):
            self.PosOrder.salon_pos_membership_credit(other.id, cut)
        with self.assertRaisesRegex(UserError, "pays none of these products"):
            self.PosOrder.salon_pos_membership_credit(
                self.client.id, [{"product_id": self.shampoo.id, "amount": 20.0}]
            )
        with self.assertRaisesRegex(UserError, "pays none of these products"):
            self.PosOrder.salon_pos_membership_credit(self.client.id, [])
        membership.card_id._salon_credit_use(50.0)
        with self.assertRaisesRegex(UserError, r"No membership credit is left"):
            self.PosOrder.salon_pos_membership_credit(self.client.id, cut)
        # a suspended membership's credit cannot be spent
        membership.card_id._salon_credit_give_back(self._used(membership.card_id))
        membership._salon_change_state("dunning")
        membership._salon_change_state("suspended")
        with self.assertRaisesRegex(UserError, "Marie Dupont has no membership"):
            self.PosOrder.salon_pos_membership_credit(self.client.id, cut)

    # ------------------------------------------------------------------
    # Paid orders
    # ------------------------------------------------------------------

    def test_paid_order_spends_its_credit_line(self):
        card = self._credited_member().card_id
        order = self._sync(
            [
                self._line(self.cut),
                self._line(self.blowdry),
                self._credit_line(card, 50),
            ]
        )
        self.assertEqual(order.amount_total, 10.5)  # 36.30 + 24.20 - 50.00
        self.assertFalse(order.salon_issue)
        self.assertEqual(card.points, 0.0)
        used = self._used(card)
        self.assertEqual(
            [(h.used, h.order_model, h.order_id) for h in used],
            [(50.0, "pos.order", order.id)],
        )
        credit_line = order.lines.filtered("salon_pos_membership_card")
        self.assertEqual(credit_line.salon_membership_card_id, card)
        self.assertEqual(credit_line.salon_membership_history_ids, used)
        self.assertFalse((order.lines - credit_line).salon_membership_card_id)
        # processed again (a sync retried): nothing more is spent
        order._salon_process_paid_order()
        self.assertEqual(self._used(card), used)
        self.assertEqual(card.points, 0.0)
        self.assertFalse(order.salon_issue)

    def test_checkout_of_an_appointment_spends_the_credit(self):
        """The checkout values carry the credit line and its wallet; the order
        the till makes of them spends it for the appointment."""
        card = self._credited_member().card_id
        appointment = self._book(
            fields.Datetime.now().replace(microsecond=0), self.cut | self.color
        )
        values = appointment.salon_pos_checkout_values()
        cut_line, color_line, credit_line = values["lines"]
        self.assertEqual(
            (cut_line["product_id"], cut_line["discount"]), (self.cut.id, 0.0)
        )
        self.assertEqual(color_line["product_id"], self.color.id)
        self.assertEqual(
            {
                key: credit_line[key]
                for key in (
                    "product_id",
                    "qty",
                    "price_unit",
                    "salon_pos_membership_card",
                )
            },
            {
                "product_id": self.credit_product.id,
                "qty": 1,
                "price_unit": -50.0,
                "salon_pos_membership_card": card.id,
            },
        )
        self.assertRegex(
            credit_line["customer_note"],
            r"^Membership credit, \D*0\.00 left after this visit$",
        )
        order = self._sync(
            [
                self._line(
                    self.cut,
                    salon_appointment_line_id=cut_line["salon_appointment_line_id"],
                ),
                self._line(
                    self.color,
                    salon_appointment_line_id=color_line["salon_appointment_line_id"],
                ),
                self._credit_line(card, 50.0),
            ],
            salon_appointment_id=appointment.id,
        )
        self.assertFalse(order.salon_issue)
        self.assertEqual(order.amount_total, 58.9)  # 36.30 + 72.60 - 50.00
        self.assertEqual(appointment.salon_state, "done")
        self.assertEqual(card.points, 0.0)
        used = self._used(card)
        self.assertEqual(used.order_id, order.id)
        self.assertEqual(used.salon_membership_event_id, appointment)

    def test_credit_line_above_the_eligible_lines_is_refused(self):
        card = self._credited_member().card_id
        # the shampoo is not paid by the credit: 36.30 at most
        order = self._sync(
            [
                self._line(self.cut),
                self._line(self.shampoo),
                self._credit_line(card, 40),
            ]
        )
        self.assertEqual(order.state, "paid", "the order is kept as the till paid it")
        self.assertIn("pays", order.salon_issue)
        self.assertRegex(order.salon_issue, r"at most \(\D*40\.00 applied\)")
        self.assertEqual(card.points, 50.0)
        self.assertFalse(self._used(card))
        self.assertFalse(order.lines.salon_membership_card_id)

    def test_credit_line_above_the_balance_is_refused(self):
        card = self._credited_member().card_id
        card._salon_credit_use(30.0)
        order = self._sync([self._line(self.color), self._credit_line(card, 50)])
        self.assertRegex(order.salon_issue, r"Only \D*20\.00 of membership credit")
        self.assertEqual(card.points, 20.0)
        self.assertEqual(len(self._used(card)), 1)
        self.assertFalse(order.lines.salon_membership_card_id)

    def test_credit_of_another_client_is_refused(self):
        card = self._credited_member().card_id
        order = self._sync(
            [self._line(self.cut), self._credit_line(card, 36.3)],
            client=self.other_client,
        )
        self.assertIn("No membership credit of Luc Peeters", order.salon_issue)
        self.assertEqual(card.points, 50.0)

    def test_refund_gives_the_credit_back_once(self):
        card = self._credited_member().card_id
        order = self._sync([self._line(self.color), self._credit_line(card, 50)])
        self.assertEqual(card.points, 0.0)
        used = self._used(card)
        refund = self._refund(order)
        self.assertEqual(refund.amount_total, -22.6)
        self.assertFalse(refund.salon_issue)
        self.assertEqual(card.points, 50.0)
        back = card.history_ids.filtered(
            lambda h: h.salon_membership_kind == "returned"
        )
        self.assertEqual(back.issued, 50.0)
        self.assertEqual(back.salon_membership_reverses_id, used)
        self.assertEqual((back.order_model, back.order_id), ("pos.order", refund.id))
        # processed again: given back once
        refund._salon_process_paid_order()
        self.assertEqual(card.points, 50.0)
        self.assertEqual(
            sorted(card.history_ids.mapped("salon_membership_kind")),
            ["issued", "returned", "used"],
        )
        # the refund line does not spend the credit again
        self.assertFalse(refund.lines.salon_membership_history_ids)

    def test_refund_without_the_credit_line_is_reported(self):
        """Refunding the service an order paid with credit, but not the credit
        line, would give the client money for what the credit paid: the
        refund goes through and the salon is told."""
        card = self._credited_member().card_id
        order = self._sync([self._line(self.color), self._credit_line(card, 50)])
        refund = self.PosOrder.browse(order.refund()["res_id"])
        refund.lines.filtered(
            lambda line: line.product_id == self.credit_product
        ).unlink()
        refund._compute_prices()
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_ids=refund.ids, active_id=refund.id)
            .create({"amount": refund.amount_total})
        )
        payment.with_context(active_id=refund.id).check()
        self.assertEqual(refund.amount_total, -72.6)
        self.assertIn("was paid with membership credit", refund.salon_issue)
        self.assertEqual(card.points, 0.0)

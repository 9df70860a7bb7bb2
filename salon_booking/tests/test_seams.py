# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The extension points of salon_booking, overridden as the money addons do.

Each test plays an addon: it patches the seam the way an ``_inherit`` would
override it (calling the original, as ``super()`` does) and checks what the
salon, the client or the POS then see. See ``readme/SEAMS.md``.
"""

from contextlib import contextmanager
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged

from odoo.addons.salon_booking.models.calendar_event_money import PaymentFact

from .common import SalonAccountingCommon, utc

CONFIRMATION = "Your appointment at"


@tagged("post_install", "-at_install")
class TestSeams(SalonAccountingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.EventClass = cls.registry["calendar.event"]
        cls.Mail = cls.env["calendar.event"]  # emails on

    def _confirmations(self, appointment):
        return appointment.message_ids.filtered(
            lambda m: (
                m.subject
                and m.subject.startswith(CONFIRMATION)
                and "cancelled" not in m.subject
            )
        )

    # ------------------------------------------------------------------
    # States: an addon adds "on hold" (selection_add + one override)
    # ------------------------------------------------------------------

    @contextmanager
    def _hold_state(self):
        """What salon_deposits does: a state that holds the slot until paid."""
        field = self.env["calendar.event"]._fields["salon_state"]
        selection = list(field.selection)
        if "on_hold" not in dict(selection):  # unless salon_deposits added it
            selection.append(("on_hold", "On Hold"))
        # selection_add, as the registry reflects it in the database at install
        self.env["ir.model.fields.selection"]._update_selection(
            "calendar.event", "salon_state", selection
        )
        self.env.registry.clear_cache()
        original_transitions = self.EventClass._salon_get_transitions
        original_initial = self.EventClass._salon_get_initial_state

        def transitions(event_self):
            result = original_transitions(event_self)
            result["on_hold"] = {"booked", "cancelled"}
            return result

        def initial_state(event_self, vals):
            if event_self.env.context.get("test_hold"):
                return "on_hold"
            return original_initial(event_self, vals)

        try:
            with (
                patch.object(field, "selection", selection),
                patch.object(field, "_selection", dict(selection)),
                patch.object(self.EventClass, "_salon_get_transitions", transitions),
                patch.object(
                    self.EventClass, "_salon_get_initial_state", initial_state
                ),
            ):
                yield
        finally:
            self.env.registry.clear_cache()

    def test_an_addon_adds_a_state_that_holds_the_slot(self):
        with self._hold_state():
            held = self.Mail.with_context(test_hold=True).create(
                {
                    "salon_partner_id": self.client.id,
                    "salon_employee_id": self.julie.id,
                    "start": utc(0, 10),
                    "salon_line_ids": [Command.create({"product_id": self.cut.id})],
                }
            )
            self.assertEqual(held.salon_state, "on_hold")
            self.assertEqual(held.salon_state_label, "On Hold")
            # it holds the stylist's time, and no "you are booked" email is sent
            self.assertTrue(held.salon_blocks_slot)
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self._book(utc(0, 10), self.cut, client=self.other_client)
            self.assertFalse(self._confirmations(held))
            # what the POS, the portal and the agenda may do follows its transitions
            self.assertFalse(held.salon_can_check_in)
            self.assertFalse(held.salon_can_no_show)
            self.assertTrue(held.salon_can_cancel)
            self.assertFalse(held.salon_can_checkout)
            self.assertFalse(held._salon_client_can_change())
            with self.assertRaisesRegex(UserError, "cannot go from On Hold to Done"):
                held._salon_change_state("done")
            # paid: booked, and now the client is told
            held._salon_change_state("booked")
            self.assertEqual(len(self._confirmations(held)), 1)
            self.assertTrue(held.salon_can_check_in)

    def test_state_change_hook_sees_the_states_before(self):
        calls = []
        original = self.EventClass._salon_on_state_changed

        def hook(event_self, old_states):
            calls.append({e.id: (old_states[e.id], e.salon_state) for e in event_self})
            return original(event_self, old_states)

        with patch.object(self.EventClass, "_salon_on_state_changed", hook):
            first = self._book(utc(0, 10), self.cut)
            second = self._book(utc(0, 11), self.cut)
            (first | second).action_salon_confirm()
            first.action_salon_no_show()
        self.assertEqual(
            calls,
            [
                {first.id: (False, "booked")},
                {second.id: (False, "booked")},
                {first.id: ("booked", "confirmed"), second.id: ("booked", "confirmed")},
                {first.id: ("confirmed", "no_show")},
            ],
        )

    def test_confirmation_once_per_booking(self):
        appointment = self.Mail.create(
            {
                "salon_partner_id": self.client.id,
                "salon_employee_id": self.julie.id,
                "start": utc(0, 10),
                "salon_line_ids": [Command.create({"product_id": self.cut.id})],
            }
        )
        self.assertEqual(len(self._confirmations(appointment)), 1)
        appointment.action_salon_confirm()  # booked -> confirmed: no new email
        self.assertEqual(len(self._confirmations(appointment)), 1)
        appointment.action_salon_cancel()
        self.assertTrue(
            appointment.message_ids.filtered(
                lambda m: m.subject and "is cancelled" in m.subject
            )
        )
        appointment.action_salon_reset()  # restored: booked again, told again
        self.assertEqual(len(self._confirmations(appointment)), 2)

    def test_protected_state_cannot_be_written_with_a_context(self):
        appointment = self._book(utc(0, 10), self.cut)
        with self.assertRaisesRegex(UserError, "Use the buttons"):
            appointment.with_context(salon_state_change=True).write(
                {"salon_state": "done"}
            )

    # ------------------------------------------------------------------
    # One place fills a new appointment; policy snapshot; options
    # ------------------------------------------------------------------

    @freeze_time("2026-03-02 10:00:00")
    def test_every_channel_goes_through_the_defaults(self):
        channels = []
        original = self.EventClass._salon_fill_appointment_defaults

        def defaults(event_self, vals):
            result = original(event_self, vals)
            channels.append(result["salon_channel"])
            return result

        wizard = (
            self.env["salon.booking.wizard"]
            .with_context(default_start=utc(0, 9))
            .create(
                {
                    "partner_id": self.client.id,
                    "product_ids": [Command.set(self.cut.ids)],
                    "employee_id": self.julie.id,
                    "date": utc(0, 9).date(),
                    "note": "Sensitive scalp",
                }
            )
        )
        with patch.object(
            self.EventClass, "_salon_fill_appointment_defaults", defaults
        ):
            wizard.slot_ids[:1].selected = True
            wizard.with_context(salon_no_mail=True).action_book()
            self.env["salon.online.booking"].with_context(
                salon_no_mail=True
            )._salon_confirm(
                self.company, self.cut, self.thomas, utc(0, 10), self.client, {}, {}
            )
            form = Form(
                self.env["calendar.event"].with_context(
                    salon_no_mail=True, default_salon_is_appointment=True
                ),
                view="salon_booking.calendar_event_salon_view_form",
            )
            form.salon_partner_id = self.client
            form.start = utc(0, 15)
            with form.salon_line_ids.new() as line:
                line.product_id = self.cut
            form.save()
        self.assertEqual(channels, ["backoffice", "online", "backoffice"])
        booked = self.env["calendar.event"].search(
            [("salon_partner_id", "=", self.client.id)], order="id"
        )
        self.assertEqual(len(booked), 3)
        self.assertEqual(booked[0].salon_staff_note, "<p>Sensitive scalp</p>")
        self.assertFalse(booked[0].description, "the client's description stays clean")

    def test_terms_accepted_are_kept(self):
        self.company.write(
            {
                "salon_cancel_deadline_hours": 48,
                "salon_online_policy": "<p>Cancel 48 hours ahead.</p>",
            }
        )
        with freeze_time("2026-03-02 10:00:00"):
            Booking = self.env["salon.online.booking"].with_context(salon_no_mail=True)
            with self.assertRaisesRegex(UserError, "accept the salon's policies"):
                Booking._salon_confirm(
                    self.company, self.cut, self.julie, utc(0, 10), self.client, {}, {}
                )
            appointment, _url = Booking._salon_confirm(
                self.company,
                self.cut,
                self.julie,
                utc(0, 10),
                self.client,
                {},
                {"accept_policy": True},
            )
        self.assertEqual(appointment.salon_cancel_deadline_hours, 48)
        self.assertEqual(appointment.salon_policy_text, "<p>Cancel 48 hours ahead.</p>")
        self.assertTrue(appointment.salon_policy_accepted_at)
        # a later change of the salon's rules does not change what was accepted
        self.company.salon_cancel_deadline_hours = 2
        with freeze_time("2026-03-08 10:00:00"):  # 23 hours before
            self.assertFalse(appointment._salon_client_can_change())

    def test_policy_snapshot_seam(self):
        original = self.EventClass._salon_get_policy_snapshot

        def snapshot(event_self, vals, company):
            # an addon keeps its own terms (here: a stricter deadline online)
            result = original(event_self, vals, company)
            if vals.get("salon_channel") == "online":
                result["salon_cancel_deadline_hours"] = 72
            return result

        with patch.object(self.EventClass, "_salon_get_policy_snapshot", snapshot):
            online = self._book(utc(0, 10), self.cut, salon_channel="online")
            desk = self._book(utc(0, 11), self.cut)
        self.assertEqual(online.salon_cancel_deadline_hours, 72)
        self.assertEqual(desk.salon_cancel_deadline_hours, 24)

    # ------------------------------------------------------------------
    # Payment facts: counted once, statuses with a meaning
    # ------------------------------------------------------------------

    def _invoice(self, appointment, pay=None):
        appointment.action_salon_create_invoice()
        invoice = appointment.salon_invoice_ids
        invoice.action_post()
        if pay:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"amount": pay})._create_payments()
        return invoice

    def _with_facts(self, extra):
        """Patch the facts seam as an addon does: super() then its own facts."""
        original = self.EventClass._salon_get_payment_facts

        def facts(event_self):
            result = original(event_self)
            for event in event_self:
                result[event.id] += extra(event)
            return result

        return patch.object(self.EventClass, "_salon_get_payment_facts", facts)

    def test_deposit_reconciled_with_the_invoice_counts_once(self):
        appointment = self._book(utc(0, 10), self.cut)  # 36.30 with taxes
        invoice = self._invoice(appointment, pay=10.0)
        payment_move = invoice._get_reconciled_payments().move_id
        self.assertEqual(appointment.salon_amount_paid, 10.0)

        def deposit(event):
            # the deposits addon reports its payment (the same journal entry)
            return [PaymentFact(payment_move, "deposit", 10.0, "Deposit")]

        with self._with_facts(deposit):
            appointment.invalidate_recordset()
            appointment._compute_salon_payment_state()
            self.assertEqual(appointment.salon_amount_paid, 10.0, "not 20.0")
            # partly paid ("Deposit Paid" once salon_deposits names it)
            self.assertIn(appointment.salon_payment_state, ("partial", "deposit"))
            self.assertEqual(appointment.salon_amount_due, 26.3)

    def test_reversed_invoice_without_money_is_not_paid(self):
        appointment = self._book(utc(0, 10), self.cut)
        invoice = self._invoice(appointment)
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id})
        )
        reversal.refund_moves()
        credit_note = invoice.reversal_move_ids
        credit_note.action_post()
        appointment.salon_invoice_ids = [Command.link(credit_note.id)]
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(appointment.salon_amount_paid, 0.0)
        self.assertEqual(appointment.salon_payment_state, "unpaid")
        self.assertEqual(appointment.salon_amount_due, 36.3)
        # and it can be charged again
        self.assertFalse(appointment._salon_get_checkout_blockers())

    def test_missed_and_cancelled_have_a_status(self):
        missed = self._book(utc(0, 10), self.cut)
        missed.action_salon_no_show()
        cancelled = self._book(utc(0, 11), self.cut)
        cancelled.action_salon_cancel()
        self.assertEqual(missed.salon_payment_state, "not_due")
        self.assertEqual(cancelled.salon_payment_state, "not_due")
        self.assertEqual(missed.salon_amount_due, 0.0)
        unpaid = self.env["calendar.event"].search(
            [("salon_payment_state", "in", ("unpaid", "partial"))]
        )
        self.assertNotIn(missed, unpaid, "not 'to be paid' forever")
        fee_source = self.env["salon.service.menu"].create({"name": "Fee document"})

        def fee(event):
            if event == missed:
                return [PaymentFact(fee_source, "fee", 15.0, "No-show fee")]
            return []

        with self._with_facts(fee):
            missed._compute_salon_payment_state()
            self.assertEqual(missed.salon_payment_state, "paid")
            self.assertEqual(missed.salon_amount_paid, 15.0)

    def test_partial_and_full_refunds(self):
        appointment = self._book(utc(0, 10), self.cut)
        source = self.env["salon.service.menu"].create({"name": "Card payment"})
        refund_source = self.env["salon.service.menu"].create({"name": "Refund"})
        given_back = {"amount": 10.0}

        def facts(event):
            return [
                PaymentFact(source, "payment", 36.3),
                PaymentFact(refund_source, "refund", given_back["amount"]),
            ]

        with self._with_facts(facts):
            appointment._compute_salon_payment_state()
            self.assertEqual(appointment.salon_payment_state, "partial_refund")
            self.assertEqual(appointment.salon_amount_refunded, 10.0)
            self.assertEqual(appointment.salon_amount_paid, 26.3)
            given_back["amount"] = 36.3
            appointment._compute_salon_payment_state()
            self.assertEqual(appointment.salon_payment_state, "refunded")

    # ------------------------------------------------------------------
    # Builders: POS checkout values and invoice lines
    # ------------------------------------------------------------------

    def test_checkout_values_and_extra_lines(self):
        appointment = self._book(utc(0, 10), self.color | self.cut)
        deposit_product = self.env["product.product"].create(
            {"name": "Deposit", "type": "service", "list_price": 0.0}
        )

        def pos_lines(event_self, coverages):
            # the deposits addon deducts the deposit paid
            return [{"product_id": deposit_product.id, "qty": 1, "price_unit": -20.0}]

        def invoice_lines(event_self, coverages):
            return [
                {"product_id": deposit_product.id, "quantity": 1, "price_unit": -20.0}
            ]

        with (
            patch.object(self.EventClass, "_salon_prepare_pos_extra_lines", pos_lines),
            patch.object(
                self.EventClass, "_salon_prepare_invoice_extra_lines", invoice_lines
            ),
        ):
            values = appointment.salon_pos_checkout_values()
            appointment.action_salon_create_invoice()
        self.assertEqual(values["partner_id"], self.client.id)
        color_line, cut_line = appointment._salon_sorted_lines()
        self.assertEqual(
            [
                (v["product_id"], v["price_unit"], v.get("salon_appointment_line_id"))
                for v in values["lines"]
            ],
            [
                (self.color.id, 60.0, color_line.id),
                (self.cut.id, 30.0, cut_line.id),
                (deposit_product.id, -20.0, None),
            ],
        )
        invoice = appointment.salon_invoice_ids
        self.assertEqual(
            invoice.invoice_line_ids.mapped("price_unit"), [60.0, 30.0, -20.0]
        )
        self.assertEqual(invoice.invoice_line_ids[0].tax_ids, self.tax)

    def test_no_second_charge(self):
        appointment = self._book(utc(0, 10), self.cut)
        self._invoice(appointment, pay=36.3)
        self.assertEqual(appointment.salon_payment_state, "paid")
        with self.assertRaisesRegex(UserError, "already charged"):
            appointment.salon_pos_checkout_values()
        with self.assertRaisesRegex(UserError, "already charged"):
            appointment.action_salon_create_invoice()

    def test_appointment_with_money_cannot_be_deleted(self):
        free = self._book(utc(0, 9), self.cut)
        charged = self._book(utc(0, 10), self.cut)
        self._invoice(charged, pay=36.3)
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            charged.unlink()
        free.unlink()
        self.assertFalse(free.exists())

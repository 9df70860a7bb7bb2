# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.salon_booking.tests.common import utc

from .common import SalonPackageCommon, make_package_type

START = date(2026, 3, 1)


@tagged("post_install", "-at_install")
class TestPackageUse(SalonPackageCommon):
    def _covered_by(self, appointment):
        coverages = appointment._salon_get_line_coverages()
        return [
            coverages[line.id] and coverages[line.id].record
            for line in appointment._salon_sorted_lines()
        ]

    def _book_included(self, start, services=None, client=None):
        """An appointment booked as included in the client's package."""
        appointment = self._book(start, services or self.cut, client=client)
        appointment._salon_promise_coverage(appointment._salon_get_line_coverages())
        return appointment

    def test_package_covers_its_services_for_its_holder_only(self):
        card = self._package(start=START)
        appointment = self._book(utc(0, 9), self.cut | self.blowdry)
        self.assertEqual(self._covered_by(appointment), [card, None])
        coverage = appointment._salon_get_line_coverages()[
            appointment._salon_sorted_lines()[0].id
        ]
        self.assertEqual(coverage.amount, 36.3)  # the whole price, taxes included
        self.assertEqual(coverage.label, "Included in my package 5 cuts")
        other = self._book(utc(0, 11), self.cut, client=self.other_client)
        self.assertEqual(self._covered_by(other), [None])

    def test_booked_sessions_are_reserved(self):
        card = self._package(start=START)
        booked = [self._book_included(utc(day, 9)) for day in range(5)]
        self.assertTrue(all(self._covered_by(a) == [card] for a in booked))
        sixth = self._book(utc(5, 9), self.cut)
        self.assertEqual(self._covered_by(sixth), [None])
        # a cancelled appointment frees its session; nothing was used
        booked[0]._salon_change_state("cancelled")
        self.assertEqual(self._covered_by(sixth), [card])
        self.assertEqual(self._balance(card), 5)
        self.assertEqual([k for k, *_ in self._kinds(card)], ["issued"])

    def test_not_valid_before_start_nor_after_expiry(self):
        card = self._package(start=date(2026, 3, 10))
        self.assertEqual(self._covered_by(self._book(utc(0, 9), self.cut)), [None])
        self.assertEqual(self._covered_by(self._book(utc(1, 9), self.cut)), [card])
        card.expiration_date = date(2026, 3, 10)
        self.assertEqual(self._covered_by(self._book(utc(2, 9), self.cut)), [None])

    def test_expiring_first_is_used_first(self):
        later = self._package(start=START)
        sooner = self._package(start=START)
        sooner.expiration_date = date(2026, 6, 1)
        self.assertEqual(self._covered_by(self._book(utc(0, 9), self.cut)), [sooner])
        self.assertTrue(later)

    def test_no_show_counted_uses_a_session(self):
        card = self._package(start=START)
        appointment = self._book_included(utc(0, 9))
        self.assertTrue(appointment.salon_package_no_show_counts)
        appointment._salon_change_state("no_show")
        self.assertEqual(self._balance(card), 4)
        self.assertEqual(card.salon_summary, "Cut: 4 left (1 no-show)")
        history = appointment.salon_package_history_ids
        self.assertEqual(history.salon_kind, "no_show")
        self.assertEqual(history.card_id, card)
        # the salon changes its mind: the session comes back, once
        appointment.salon_package_no_show_counts = False
        appointment.salon_package_no_show_counts = False
        self.assertEqual(self._balance(card), 5)
        self.assertEqual(card.salon_summary, "Cut: 5 left")
        appointment.salon_package_no_show_counts = True
        self.assertEqual(self._balance(card), 4)
        # undoing the no-show gives it back too
        appointment._salon_change_state("booked")
        self.assertEqual(self._balance(card), 5)
        self.assertEqual(
            [k for k, *_ in self._kinds(card)],
            ["issued", "no_show", "returned", "no_show", "returned"],
        )

    def test_missed_service_changed_gives_its_session_back(self):
        card = self._package(start=START)
        appointment = self._book_included(utc(0, 9))
        appointment._salon_change_state("no_show")
        self.assertEqual(self._balance(card), 4)
        # the salon switches the missed service to another one (seed 003)
        appointment.salon_line_ids.product_id = self.blowdry
        self.assertEqual(self._balance(card), 5)
        self.assertFalse(appointment.salon_package_no_show_counts)

    def test_no_show_not_counted_by_the_type(self):
        self.five_cuts.salon_no_show_counts = False
        card = self._package(start=START)
        appointment = self._book_included(utc(0, 9))
        self.assertFalse(appointment.salon_package_no_show_counts)
        appointment._salon_change_state("no_show")
        self.assertEqual(self._balance(card), 5)
        self.assertFalse(appointment.salon_package_history_ids)

    def test_unit_price_drops_the_promise(self):
        card = self._package(start=START)
        appointment = self._book_included(utc(0, 9))
        self.assertTrue(appointment.salon_has_package)
        appointment.action_salon_unit_price()
        self.assertFalse(appointment.salon_has_package)
        self.assertFalse(appointment.salon_line_ids.coverage_model)
        appointment._salon_change_state("no_show")
        self.assertEqual(self._balance(card), 5)
        # changing the service drops its promise too
        other = self._book_included(utc(1, 9))
        other.salon_line_ids.product_id = self.blowdry
        self.assertFalse(other.salon_line_ids.coverage_model)

    def test_balance_never_below_zero(self):
        card = self._package(start=START)
        for _session in range(5):
            card._salon_use(self.cut)
        self.assertEqual(card.salon_state, "exhausted")
        with self.assertRaisesRegex(UserError, "No session of Cut is left"):
            card._salon_use(self.cut)
        with self.assertRaisesRegex(UserError, "does not cover Colour"):
            self._package(start=START)._salon_use(self.color)
        self.assertEqual(card.points, 0)
        # a counted no-show with nothing left is noted, the no-show stays
        appointment = self._book(utc(0, 9), self.cut)
        appointment.salon_line_ids.write(
            {"coverage_model": "loyalty.card", "coverage_res_id": card.id}
        )
        appointment._salon_change_state("no_show")
        self.assertEqual(appointment.salon_state, "no_show")
        self.assertEqual(card.points, 0)
        self.assertIn("No package session was used", appointment.message_ids[0].body)

    def test_discovery_once_per_client(self):
        discovery = make_package_type(
            self.env, "Discovery", [(self.color, 1)], price=20.0, salon_discovery=True
        )
        self._package(discovery)
        with self.assertRaisesRegex(UserError, "once per client"):
            self._package(discovery)
        self._package(discovery, client=self.other_client)

    @freeze_time("2026-03-20 12:00")
    def test_assign_with_backdated_start_counts_past_visits(self):
        done = self._book(utc(0, 9), self.cut, salon_state="done")  # 9 March
        # 2 March, before the start
        before = self._book(utc(-7, 9), self.cut, salon_state="done")
        self._book(utc(1, 9), self.color, salon_state="done")  # not covered
        upcoming = self._book(utc(14, 9), self.cut)  # 23 March
        wizard = Form(
            self.env["salon.package.assign"].with_context(
                default_partner_id=self.client.id, default_event_id=upcoming.id
            )
        )
        wizard.program_id = self.five_cuts
        wizard.start_date = date(2026, 3, 5)
        self.assertEqual(wizard.past_line_ids[:], done.salon_line_ids)
        action = wizard.save().action_assign()
        card = self.Card.browse(action["res_id"])
        self.assertEqual(card.salon_start_date, date(2026, 3, 5))
        self.assertEqual(card.expiration_date, date(2027, 3, 4))
        self.assertEqual(self._balance(card), 4)
        used = card.history_ids.filtered(lambda h: h.salon_kind == "used")
        self.assertEqual(used.salon_event_id, done)
        self.assertEqual(done.salon_line_ids.coverage_res_id, card.id)
        self.assertFalse(before.salon_line_ids.coverage_model)
        # the appointment it was assigned from is booked as included
        self.assertEqual(upcoming.salon_line_ids.coverage_res_id, card.id)
        self.assertEqual(card.salon_summary, "Cut: 4 left")

    def test_future_start_refused(self):
        wizard = self.env["salon.package.assign"].create(
            {
                "partner_id": self.client.id,
                "program_id": self.five_cuts.id,
                "start_date": date(2099, 1, 1),
            }
        )
        with self.assertRaises(UserError):
            wizard.action_assign()

    def test_client_card_lists_packages(self):
        card = self._package(start=START)
        self._package(start=START)._salon_close("cancelled")
        self.assertEqual(self.client.salon_package_count, 1)
        self.assertEqual(len(self.client.salon_package_card_ids), 2)
        self.assertIn(card, self.client.salon_package_card_ids)

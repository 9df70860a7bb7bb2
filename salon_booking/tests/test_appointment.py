# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SalonCommon, utc


@tagged("post_install", "-at_install")
class TestAppointment(SalonCommon):
    def test_create_computes_end_reference_and_total(self):
        appointment = self._book(utc(0, 10), self.color | self.cut)
        self.assertTrue(appointment.salon_is_appointment)
        self.assertTrue(appointment.salon_reference.startswith("APT/"))
        self.assertEqual(appointment.name, "Marie Dupont")
        self.assertEqual(appointment.stop, utc(0, 11, 45), "colour 1h + 15 min + cut")
        self.assertEqual(appointment.salon_blocked_stop, utc(0, 11, 45))
        self.assertEqual(appointment.duration, 1.75)
        # the client pays the services with their taxes (21 %), as at the POS
        self.assertEqual(appointment.salon_amount_untaxed, 90.0)
        self.assertEqual(appointment.salon_amount_tax, 18.9)
        self.assertEqual(appointment.salon_amount_total, 108.9)
        self.assertEqual(appointment.salon_amount_due, 108.9)
        lines = appointment.salon_line_ids
        self.assertEqual(lines.mapped("start"), [utc(0, 10), utc(0, 11, 15)])
        self.assertEqual(appointment.salon_state, "booked")
        self.assertEqual(appointment.salon_payment_state, "unpaid")

    def test_moving_keeps_duration_and_lines_follow(self):
        appointment = self._book(utc(0, 10), self.cut | self.blowdry)
        appointment.start = utc(0, 14)
        self.assertEqual(appointment.stop, utc(0, 15))
        self.assertEqual(appointment.salon_line_ids[1].start, utc(0, 14, 30))
        appointment.salon_line_ids = [
            Command.create({"product_id": self.cut.id, "sequence": 9})
        ]
        self.assertEqual(
            appointment.stop, utc(0, 15, 30), "a service added lengthens it"
        )

    def test_services_decide_the_length(self):
        appointment = self._book(utc(0, 10), self.cut | self.blowdry)
        appointment.write({"stop": utc(0, 12)})  # resized in the agenda
        self.assertEqual(appointment.stop, utc(0, 11))
        appointment.write({"start": utc(0, 14), "stop": utc(0, 15)})  # moved
        self.assertEqual(
            (appointment.start, appointment.stop), (utc(0, 14), utc(0, 15))
        )

    def test_requires_client_service_and_able_stylist(self):
        with (
            self.assertRaisesRegex(ValidationError, "needs a client"),
            self.env.cr.savepoint(),
        ):
            self.Event.create(
                {
                    "salon_employee_id": self.julie.id,
                    "start": utc(0, 10),
                    "salon_line_ids": [Command.create({"product_id": self.cut.id})],
                }
            )
        with (
            self.assertRaisesRegex(ValidationError, "at least one service"),
            self.env.cr.savepoint(),
        ):
            self.Event.create(
                {
                    "salon_partner_id": self.client.id,
                    "salon_employee_id": self.julie.id,
                    "start": utc(0, 10),
                }
            )
        with (
            self.assertRaisesRegex(ValidationError, "Sofia does not perform Cut"),
            self.env.cr.savepoint(),
        ):
            self._book(utc(0, 10), self.cut, stylist=self.sofia)

    def test_transitions(self):
        appointment = self._book(utc(0, 10), self.cut)
        appointment.action_salon_confirm()
        self.assertEqual(appointment.salon_state, "confirmed")
        with freeze_time(utc(0, 9, 55)):
            appointment.action_salon_check_in()
        self.assertEqual(appointment.salon_state, "checked_in")
        self.assertEqual(appointment.salon_checked_in_at, utc(0, 9, 55))
        appointment.action_salon_done()
        self.assertEqual(appointment.salon_state, "done")
        for action in (
            "action_salon_cancel",
            "action_salon_no_show",
            "action_salon_reset",
        ):
            with self.assertRaisesRegex(UserError, "cannot go from Done"):
                getattr(appointment, action)()

    def test_no_show_and_back(self):
        appointment = self._book(utc(0, 10), self.cut)
        appointment.action_salon_no_show()
        self.assertEqual(appointment.salon_state, "no_show")
        self.assertFalse(appointment.salon_blocks_slot)
        with self.assertRaises(UserError):
            appointment.action_salon_check_in()
        appointment.action_salon_reset()
        self.assertEqual(appointment.salon_state, "booked")
        self.assertTrue(appointment.salon_blocks_slot)

    def test_state_is_guarded(self):
        appointment = self._book(utc(0, 10), self.cut)
        with self.assertRaisesRegex(UserError, "Use the buttons"):
            appointment.with_user(self.salon_manager).write({"salon_state": "done"})
        self.assertEqual(appointment.salon_state, "booked")

    def test_plain_meetings_untouched(self):
        meeting = self.env["calendar.event"].create(
            {"name": "Team meeting", "start": utc(0, 10), "stop": utc(0, 11)}
        )
        self.assertFalse(meeting.salon_is_appointment)
        self.assertFalse(meeting.salon_blocks_slot)
        self.assertFalse(meeting.salon_payment_state)
        self.assertEqual(meeting.stop, utc(0, 11))


@tagged("post_install", "-at_install")
class TestAppointmentLines(SalonCommon):
    """A service line changed on its own is checked like the appointment."""

    def test_longer_service_meeting_the_next_appointment_is_refused(self):
        first = self._book(utc(0, 10), self.cut)  # 10:00-10:30
        self._book(utc(0, 10, 30), self.cut, client=self.other_client)
        with (
            self.assertRaisesRegex(ValidationError, "Julie already has an appointment"),
            self.env.cr.savepoint(),
        ):
            first.salon_line_ids.write({"duration": 1.0})
        self.assertEqual(first.salon_line_ids.duration, 0.5)
        first.salon_line_ids.write({"duration": 0.25})
        self.assertEqual(first.stop, utc(0, 10, 15))

    def test_the_last_service_cannot_be_removed(self):
        appointment = self._book(utc(0, 10), self.cut | self.blowdry)
        appointment.salon_line_ids[1].unlink()
        with (
            self.assertRaisesRegex(ValidationError, "at least one service"),
            self.env.cr.savepoint(),
        ):
            appointment.salon_line_ids.unlink()


@tagged("post_install", "-at_install")
class TestAppointmentMail(SalonCommon):
    def _messages(self, appointment, subject):
        return appointment.message_ids.filtered(lambda m: subject in (m.subject or ""))

    def test_confirmation_and_cancellation(self):
        Event = self.env["calendar.event"]  # mails on
        appointment = Event.create(
            {
                "salon_partner_id": self.client.id,
                "salon_employee_id": self.julie.id,
                "start": utc(0, 10),
                "salon_line_ids": [Command.create({"product_id": self.cut.id})],
            }
        )
        confirmation = self._messages(appointment, "Your appointment at")
        self.assertEqual(len(confirmation), 1)
        self.assertIn(self.client, confirmation.partner_ids)
        self.assertIn("Cut", confirmation.body)
        self.assertIn(appointment.salon_reference, confirmation.body)
        self.assertFalse(
            self.env["mail.mail"].search(
                [
                    ("model", "=", "calendar.event"),
                    ("res_id", "=", appointment.id),
                    ("subject", "ilike", "invitation"),
                ]
            ),
            "no calendar invitation for salon clients",
        )
        appointment.action_salon_cancel()
        self.assertEqual(len(self._messages(appointment, "is cancelled")), 1)

    def test_reminder_cron_once_and_in_window(self):
        soon = self._book(utc(1, 9), self.cut)
        later = self._book(utc(3, 9), self.cut)
        cancelled = self._book(utc(1, 11), self.cut)
        cancelled.action_salon_cancel()
        Event = self.env["calendar.event"]
        with freeze_time(utc(0, 10)):
            reminded = Event._cron_salon_send_reminders()
        self.assertEqual(reminded, soon)
        self.assertTrue(soon.salon_reminder_sent)
        self.assertEqual(len(self._messages(soon, "Reminder")), 1)
        self.assertFalse(later.salon_reminder_sent)
        with freeze_time(utc(0, 10, 15)):
            self.assertFalse(Event._cron_salon_send_reminders(), "idempotent")
        self.assertEqual(len(self._messages(soon, "Reminder")), 1)
        self.company.salon_reminder_hours = 0
        with freeze_time(utc(2, 10)):
            self.assertFalse(Event._cron_salon_send_reminders(), "0 disables")

    def test_reminder_cron_batches(self):
        appointments = self.Event.browse()
        for index in range(5):
            appointments |= self._book(
                utc(1, 9) + timedelta(minutes=30 * index), self.cut
            )
        Event = self.env["calendar.event"]
        with freeze_time(utc(0, 12)):  # the five start within 24 hours
            first = Event._cron_salon_send_reminders(batch_size=2)
            second = Event._cron_salon_send_reminders(batch_size=2)
            third = Event._cron_salon_send_reminders(batch_size=2)
        self.assertEqual((len(first), len(second), len(third)), (2, 2, 1))
        self.assertEqual(first | second | third, appointments)

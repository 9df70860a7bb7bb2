# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .website_tour_common import SalonTourCommon


@tagged("post_install", "-at_install")
class TestWebsiteTours(SalonTourCommon):
    def test_guest_books_end_to_end(self):
        self.start_tour("/salon/booking", "salon_website_booking_guest")
        appointment = self._appointments()
        self.assertEqual(len(appointment), 1)
        self.assertEqual(appointment.salon_channel, "online")
        self.assertEqual(appointment.salon_partner_id.email, "tour.guest@example.com")
        self.assertEqual(appointment.salon_employee_id, self.stylist)
        self.assertEqual(appointment.salon_amount_total, 30.0)
        self.assertEqual(appointment.salon_state, "booked")
        # the back-office agenda shows it (salon appointments action)
        action = self.env["ir.actions.actions"]._for_xml_id(
            "salon_booking.calendar_event_salon_action"
        )
        domain = safe_eval(action.get("domain") or "[]")
        self.assertIn(appointment, self.env["calendar.event"].search(domain))

    def test_logged_in_client_books_two_services(self):
        self.start_tour(
            "/salon/booking", "salon_website_booking_user", login="salon_tour_portal"
        )
        appointment = self._appointments(self.portal_user.partner_id)
        self.assertEqual(len(appointment), 1)
        self.assertEqual(appointment.salon_line_ids.product_id, self.cut | self.colour)
        self.assertEqual(appointment.salon_amount_total, 90.0)

    def test_taken_slot_is_shown_cleanly(self):
        """Someone books the time between the review and the confirmation."""
        Booking = self.registry["salon.online.booking"]
        original = Booking._salon_confirm
        intruder = self.env["res.partner"].create({"name": "Quick Client"})
        taken = []

        def confirm_after_someone_else(self_, company, products, stylist, start, *a):
            if not taken:
                taken.append(
                    self_.env["calendar.event"]
                    .sudo()
                    .with_context(salon_no_mail=True)
                    .create(
                        {
                            "salon_partner_id": intruder.id,
                            "salon_employee_id": self.stylist.id,
                            "start": start,
                            "salon_line_ids": [
                                (0, 0, {"product_id": self.cut.id}),
                            ],
                        }
                    )
                )
            return original(self_, company, products, stylist, start, *a)

        with patch.object(Booking, "_salon_confirm", confirm_after_someone_else):
            self.start_tour("/salon/booking", "salon_website_booking_taken")
        appointments = self._appointments()
        self.assertEqual(len(appointments), 2)
        first, second = appointments
        self.assertEqual(first.salon_partner_id, intruder, "the time taken first")
        self.assertEqual(second.salon_partner_id.email, "tour.guest@example.com")
        self.assertGreaterEqual(second.start, first.stop, "no double booking")

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.salon_booking.tests.common import make_service
from odoo.addons.salon_booking.tests.website_tour_common import SalonTourCommon


@tagged("post_install", "-at_install")
class TestDepositAgenda(HttpCase):
    """The agenda's pop-over confirms an appointment with a deposit."""

    def test_confirm_with_payment_from_the_agenda(self):
        company = self.env.company
        if not company.chart_template:
            AccountTestInvoicingCommon._use_chart_template(company, "generic_coa")
        company.write({"salon_deposit_enabled": True, "salon_deposit_percent": 30})
        company._salon_setup_deposit_accounting()
        self.env.user.tz = "UTC"
        cut = make_service(self.env, "Popover Cut", 0.5, 30.0)
        stylist = self.env["hr.employee"].create(
            {
                "name": "Popover Stylist",
                "salon_is_stylist": True,
                "salon_service_ids": [Command.set(cut.product_tmpl_id.ids)],
            }
        )
        client = self.env["res.partner"].create({"name": "Paula Popover"})
        tomorrow = datetime.now(pytz.utc).date() + timedelta(days=1)
        appointment = (
            self.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": client.id,
                    "salon_employee_id": stylist.id,
                    "start": datetime.combine(tomorrow, time(10, 0)),
                    "salon_line_ids": [Command.create({"product_id": cut.id})],
                }
            )
        )
        self.assertTrue(appointment.salon_can_take_deposit)
        held = (
            self.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": self.env["res.partner"]
                    .create({"name": "Hugo Hold"})
                    .id,
                    "salon_employee_id": stylist.id,
                    "start": datetime.combine(tomorrow, time(13, 0)),
                    "salon_line_ids": [Command.create({"product_id": cut.id})],
                }
            )
        )
        self.env["salon.deposit"].create(
            {"appointment_id": held.id, "amount": 9.0, "channel": "link"}
        ).with_context(salon_no_mail=True)._salon_start_hold()
        self.assertEqual(held.salon_payment_state, "deposit_pending")
        self.start_tour("/odoo", "salon_deposit_agenda_tour", login="admin")
        deposit = appointment.salon_deposit_ids
        self.assertRecordValues(deposit, [{"state": "paid", "amount": 9.0}])
        self.assertEqual(appointment.salon_state, "confirmed")


@tagged("post_install", "-at_install")
class TestDepositOnlineTour(SalonTourCommon):
    """A guest books online and pays the deposit asked, in a browser."""

    def test_guest_books_and_pays_the_deposit(self):
        company = self.company
        if not company.chart_template:
            AccountTestInvoicingCommon._use_chart_template(company, "generic_coa")
        company.write({"salon_deposit_enabled": True, "salon_deposit_percent": 50})
        company._salon_setup_deposit_accounting()
        provider = self.env.ref("payment.payment_provider_demo")
        provider.write({"state": "test", "company_id": company.id})
        if not provider.journal_id:
            Journal = self.env["account.journal"]
            provider.journal_id = Journal.search(
                [*Journal._check_company_domain(company), ("type", "=", "bank")],
                limit=1,
            )
        self.start_tour("/salon/booking", "salon_deposit_online_tour")
        appointment = self.env["calendar.event"].search(
            [("salon_partner_id.email", "=", "dina.deposit@example.com")]
        )
        self.assertEqual(appointment.salon_channel, "online")
        self.assertEqual(appointment.salon_state, "confirmed")
        self.assertRecordValues(
            appointment.salon_deposit_ids,
            [{"channel": "online", "state": "paid", "amount": 15.0}],
        )


@tagged("post_install", "-at_install")
class TestCardOnlineTour(SalonTourCommon):
    """A guest books online and leaves a card, optional or required, in a
    browser (payment_demo saves it)."""

    def setUp(self):
        super().setUp()
        company = self.company
        if not company.chart_template:
            AccountTestInvoicingCommon._use_chart_template(company, "generic_coa")
        company.write(
            {
                "salon_deposit_enabled": False,
                "salon_card_mode": "optional",
                "salon_no_show_fee_type": "percent",
                "salon_no_show_fee_value": 50.0,
            }
        )
        company._salon_setup_deposit_accounting()
        provider = self.env.ref("payment.payment_provider_demo")
        provider.write(
            {"state": "test", "company_id": company.id, "allow_tokenization": True}
        )

    def _booked(self, email):
        appointment = self.env["calendar.event"].search(
            [("salon_partner_id.email", "=", email)]
        )
        self.assertEqual(appointment.salon_channel, "online")
        self.assertTrue(appointment.salon_card_asked)
        token = appointment.salon_card_token_id
        self.assertTrue(token)
        self.assertEqual(token.partner_id, appointment.salon_partner_id)
        self.assertEqual(appointment.salon_payment_state, "card")
        # a validation: no money moved
        self.assertFalse(
            appointment.salon_card_transaction_ids.filtered(
                lambda tx: tx.operation != "validation"
            )
        )
        return appointment

    def test_guest_leaves_an_optional_card(self):
        self.start_tour("/salon/booking", "salon_card_optional_tour")
        appointment = self._booked("olga.optional@example.com")
        self.assertEqual(appointment.salon_state, "booked")

    def test_guest_leaves_a_required_card(self):
        self.company.salon_card_mode = "required"
        self.start_tour("/salon/booking", "salon_card_required_tour")
        appointment = self._booked("rita.required@example.com")
        # held while the card was awaited, booked once left
        self.assertEqual(appointment.salon_state, "booked")
        self.assertFalse(appointment.salon_card_hold_until)

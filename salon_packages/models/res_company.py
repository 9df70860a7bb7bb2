# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class ResCompany(models.Model):
    _inherit = "res.company"

    salon_package_account_id = fields.Many2one(
        "account.account",
        string="Prepaid Packages Account",
        help="Where packages sold wait to become revenue (a current liability): "
        "each session used moves its value to the service's income account.",
    )
    salon_package_journal_id = fields.Many2one(
        "account.journal",
        string="Packages Journal",
        help="Journal of the entries that recognise package sessions as revenue.",
    )
    salon_package_reminder_days = fields.Integer(
        string="Expiry Reminder (days)",
        default=30,
        help="How many days before a package expires its holder is reminded "
        "of the sessions left; 0: no reminder.",
    )

    def _salon_setup_package_accounting(self):
        """A "Prepaid Packages" liability account and the miscellaneous
        journal, for companies with a chart of accounts."""
        for company in self.filtered("chart_template"):
            if not company.salon_package_account_id:
                account = company._salon_liability_account(
                    company.env._("Prepaid Packages")
                )
                company.salon_package_account_id = account
            if not company.salon_package_journal_id:
                company.salon_package_journal_id = self.env["account.journal"].search(
                    [
                        *self.env["account.journal"]._check_company_domain(company),
                        ("type", "=", "general"),
                    ],
                    limit=1,
                )

    def _salon_package_account(self):
        self.ensure_one()
        if not self.salon_package_account_id:
            self._salon_setup_package_accounting()
        account = self.salon_package_account_id
        if not account or account.account_type != "liability_current":
            raise UserError(
                self.env._(
                    "Set the prepaid packages account of %(salon)s (a current "
                    "liability) in Settings › Salon › Packages: a package sold is "
                    "an advance, not revenue.",
                    salon=self.name,
                )
            )
        return account

    def _salon_package_journal(self):
        self.ensure_one()
        if not self.salon_package_journal_id:
            self._salon_setup_package_accounting()
        if not self.salon_package_journal_id:
            raise UserError(
                self.env._(
                    "Set the packages journal of %(salon)s in Settings › Salon › "
                    "Packages.",
                    salon=self.name,
                )
            )
        return self.salon_package_journal_id

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _salon_create_demo_packages(self):
        """Demo data (seeds 001 and 003): package holders at several counts
        of sessions left, one with a counted no-show, one used up, the
        discovery offer had once, and an appointment booked as included."""
        company = self.env.company
        ref = self.env.ref
        prices = {
            "salon_packages.demo_package_cuts": 380.0,
            "salon_packages.demo_package_colour": 290.0,
            "salon_packages.demo_package_beard": 60.0,
            "salon_packages.demo_package_discovery": 15.0,
        }
        for xmlid, price in prices.items():
            ref(xmlid).salon_product_id.lst_price = price
        Card = self.env["loyalty.card"].with_context(tracking_disable=True)
        Event = self.env["calendar.event"].with_context(salon_no_mail=True)
        tz = company._salon_get_tz()
        today = company._salon_today()

        def weekday_before(days):
            day = today - timedelta(days=days)
            while day.weekday() > 4:  # a weekday of the salon
                day -= timedelta(days=1)
            return day

        def visit(client, service, days_ago, state, hour=10):
            day = weekday_before(days_ago)
            local = tz.localize(datetime.combine(day, time(hour)))
            appointment = Event.create(
                {
                    "salon_partner_id": client.id,
                    "salon_employee_id": service.salon_employee_ids[:1].id,
                    "start": local.astimezone(pytz.utc).replace(tzinfo=None),
                    "salon_state": "done" if state == "done" else "booked",
                    "salon_line_ids": [Command.create({"product_id": service.id})],
                }
            )
            appointment._salon_promise_coverage(appointment._salon_get_line_coverages())
            if state == "done":
                # checked out on an invoice: the package pays, a session is used
                appointment._salon_create_invoice().action_post()
            else:
                appointment._salon_change_state(state)
            return appointment

        def holder(xmlid, client_xmlid, started_days_ago):
            program = ref(xmlid)
            return Card._salon_issue(
                program,
                ref(client_xmlid),
                start=weekday_before(started_days_ago),
                amount=program.salon_product_id.lst_price,
            )

        cut = ref("salon_booking.demo_service_cut_women")
        # Marie: 10 cuts, 3 used at the salon (7 left), the next one booked
        marie = ref("salon_booking.demo_client_1")
        card = holder(
            "salon_packages.demo_package_cuts", "salon_booking.demo_client_1", 90
        )
        for days in (70, 45, 20):
            visit(marie, cut, days, "done", hour=15)
        self._salon_demo_book_included(marie, cut, card, tz, today + timedelta(days=14))
        # Chloé: colour course, one colour done and a no-show counted
        chloe = ref("salon_booking.demo_client_3")
        holder("salon_packages.demo_package_colour", "salon_booking.demo_client_3", 60)
        visit(chloe, ref("salon_booking.demo_service_color"), 40, "done", hour=11)
        visit(chloe, ref("salon_booking.demo_service_blowdry"), 25, "no_show", hour=16)
        # Luc: beard trims, 4 used (1 left), no-shows not counted
        luc = ref("salon_booking.demo_client_2")
        beard = ref("salon_booking.demo_service_beard")
        holder("salon_packages.demo_package_beard", "salon_booking.demo_client_2", 120)
        for days in (100, 80, 60, 30):
            visit(luc, beard, days, "done", hour=17)
        # Noah: 10 cuts used up long ago
        noah_card = holder(
            "salon_packages.demo_package_cuts", "salon_booking.demo_client_4", 300
        )
        for _session in range(10):
            noah_card._salon_use(cut)
        # Inès had the discovery offer
        ines = ref("salon_booking.demo_client_7")
        holder(
            "salon_packages.demo_package_discovery", "salon_booking.demo_client_7", 30
        )
        visit(ines, ref("salon_booking.demo_service_hair_mask"), 14, "done", hour=12)

    def _salon_demo_book_included(self, client, service, card, tz, day):
        while day.weekday() > 4:
            day += timedelta(days=1)
        local = tz.localize(datetime.combine(day, time(11)))
        appointment = (
            self.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": client.id,
                    "salon_employee_id": service.salon_employee_ids[:1].id,
                    "start": local.astimezone(pytz.utc).replace(tzinfo=None),
                    "salon_line_ids": [Command.create({"product_id": service.id})],
                }
            )
        )
        coverages = appointment._salon_get_line_coverages()
        appointment._salon_promise_coverage(
            {key: c for key, c in coverages.items() if c and c.record == card}
        )
        return appointment

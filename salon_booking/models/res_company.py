# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import fields, models
from odoo.fields import Command
from odoo.tools import format_date, format_time

from odoo.addons.base.models.res_partner import _tz_get


class ResCompany(models.Model):
    _inherit = "res.company"

    salon_tz = fields.Selection(
        _tz_get,
        string="Salon Timezone",
        help="Times of the salon (agenda, website, POS, emails) are shown in this "
        "timezone. Empty: the timezone of the company's address.",
    )

    salon_slot_step = fields.Integer(
        string="Slot Step (minutes)",
        default=15,
        help="Free start times are proposed every so many minutes.",
    )
    salon_reminder_hours = fields.Integer(
        string="Reminder (hours before)",
        default=24,
        help="Clients get a reminder this many hours before their appointment. "
        "0 disables reminders.",
    )
    salon_online_window_days = fields.Integer(
        string="Online Booking Window (days)",
        default=60,
        help="Clients book online at most this many days ahead.",
    )
    salon_online_lead_time = fields.Float(
        string="Online Minimum Lead Time",
        default=2.0,
        help="Clients book online at least this long before the start, in hours.",
    )
    salon_online_max_services = fields.Integer(
        string="Services per Online Booking",
        default=4,
        help="Most services a client books online in one appointment.",
    )
    salon_cancel_deadline_hours = fields.Integer(
        string="Cancellation Deadline (hours)",
        default=24,
        help="Clients cancel or move an appointment from the portal up to this "
        "many hours before it starts; later they contact the salon.",
    )
    salon_online_policy = fields.Html(
        string="Booking Policies",
        translate=True,
        help="Shown to clients before they confirm an online booking.",
    )
    salon_throttle_email = fields.Integer(
        string="Online Bookings per Email and Hour",
        default=5,
        help="Most online booking confirmations (and verification codes) per "
        "client email address in an hour; more get a 'try again later' page.",
    )
    salon_throttle_ip = fields.Integer(
        string="Online Bookings per Address and Hour",
        default=20,
        help="Most online booking confirmations from one internet address in an hour.",
    )
    salon_notify_moved = fields.Boolean(
        string="Tell Clients of Moved Appointments",
        default=True,
        help="Tell clients when the salon moves their appointment in the agenda: "
        "an email with the new time, the stylist and the services.",
    )
    salon_guest_verify_email = fields.Boolean(
        string="Verify Guest Emails",
        help="Guests booking without an account confirm with a code sent to "
        "their email address.",
    )

    _sql_constraints = [
        (
            "salon_slot_step_positive",
            "CHECK(salon_slot_step > 0)",
            "The slot step must be a positive number of minutes.",
        ),
        (
            "salon_reminder_hours_positive",
            "CHECK(salon_reminder_hours >= 0)",
            "The reminder delay cannot be negative.",
        ),
        (
            "salon_online_window_days_positive",
            "CHECK(salon_online_window_days > 0)",
            "The online booking window must be at least one day.",
        ),
        (
            "salon_online_lead_time_positive",
            "CHECK(salon_online_lead_time >= 0)",
            "The minimum lead time cannot be negative.",
        ),
        (
            "salon_online_max_services_positive",
            "CHECK(salon_online_max_services > 0)",
            "Clients must be able to book at least one service online.",
        ),
        (
            "salon_cancel_deadline_hours_positive",
            "CHECK(salon_cancel_deadline_hours >= 0)",
            "The cancellation deadline cannot be negative.",
        ),
        (
            "salon_throttle_email_positive",
            "CHECK(salon_throttle_email > 0)",
            "Allow at least one online booking per email address and hour.",
        ),
        (
            "salon_throttle_ip_positive",
            "CHECK(salon_throttle_ip > 0)",
            "Allow at least one online booking per internet address and hour.",
        ),
    ]

    def _salon_liability_account(self, name):
        """The current liability account ``name`` of the salon, created after
        its last current liability when its chart has none (sudo).

        For the money addons' advances (customer deposits, prepaid packages,
        membership credit): pass the name translated by the caller.
        """
        self.ensure_one()
        Account = self.env["account.account"].sudo().with_company(self)
        liabilities = [
            *Account._check_company_domain(self),
            ("account_type", "=", "liability_current"),
        ]
        account = Account.search([*liabilities, ("name", "=", name)], limit=1)
        if account:
            return account
        last = Account.search(liabilities, order="code desc", limit=1)
        return Account.create(
            {
                "name": name,
                "code": Account._search_new_account_code(last.code or "4000"),
                "account_type": "liability_current",
                "company_ids": [Command.link(self.id)],
            }
        )

    def _salon_get_tz(self):
        """The timezone of the salon: the one rule for every channel."""
        self.ensure_one()
        return pytz.timezone(
            self.salon_tz or self.partner_id.tz or self.resource_calendar_id.tz or "UTC"
        )

    def _salon_today(self, moment=None):
        """The salon's date at ``moment`` (naive UTC, default now): "today"
        for every channel and every user, whatever their own timezone."""
        self.ensure_one()
        moment = moment or fields.Datetime.now()
        return pytz.utc.localize(moment).astimezone(self._salon_get_tz()).date()

    def _salon_format_datetime(self, moment, dt_format="full", lang=None):
        """A time in the salon's timezone, e.g. "Monday 9 March 2026 at 10:00".

        :param moment: naive UTC datetime
        :param dt_format: babel format of the date ("full", "medium", ...)
        """
        self.ensure_one()
        tz = self._salon_get_tz()
        local = pytz.utc.localize(moment).astimezone(tz)
        return self.env._(
            "%(date)s at %(time)s",
            date=format_date(
                self.env, local.date(), date_format=dt_format, lang_code=lang
            ),
            time=format_time(
                self.env, moment, tz=tz.zone, time_format="short", lang_code=lang
            ),
        )

    def _salon_location(self):
        """The salon's address on one line (calendar files, agenda)."""
        self.ensure_one()
        company = self
        address = company.partner_id._display_address(without_company=True)
        parts = [company.name] + [line.strip() for line in address.splitlines()]
        return ", ".join(part for part in parts if part)

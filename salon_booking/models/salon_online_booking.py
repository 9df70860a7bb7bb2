# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Online booking on the website and changes from the portal.

The controllers only parse the request and render pages: what may be booked,
when, by whom and at what price is decided here, from the database, never from
what the browser sends. Addons extend the flow by overriding the ``_salon_*``
hooks of this model (deposits, card guarantees, packages, memberships).
"""

import re
from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytz

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import email_normalize, format_date, format_time

from .availability import pick_stylist

NEXT_SLOTS = 6
DAYS_SHOWN = 7
NAME_MAX = 128
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{6,32}$")


class BookingError(UserError):
    """Bad input of an online booking: shown on the page with an HTTP status.

    :param alternatives: free start times to offer instead (naive UTC)
    """

    def __init__(self, message, status=400, alternatives=None):
        super().__init__(message)
        self.status = status
        self.alternatives = alternatives or []


class SalonOnlineBooking(models.AbstractModel):
    _name = "salon.online.booking"
    _description = "Salon Online Booking"

    # ------------------------------------------------------------------
    # What is bookable
    # ------------------------------------------------------------------

    @api.model
    def _salon_services_domain(self, company):
        return [
            ("salon_is_service", "=", True),
            ("salon_online_bookable", "=", True),
            ("company_id", "in", (company.id, False)),
        ]

    @api.model
    def _salon_get_services(self, company):
        """Services clients book online, as ``product.product`` (sudo).

        Only services flagged bookable online are read: what the website
        shows of them is public by that flag.
        """
        return (
            self.env["product.product"]
            .sudo()
            .with_company(company)
            .search(self._salon_services_domain(company))
            .sorted(
                lambda p: (
                    p.salon_category_id.sequence,
                    p.salon_category_id.name or "",
                    p.name,
                )
            )
        )

    @api.model
    def _salon_get_stylists(self, company, products=None):
        """Stylists bookable online able to perform all ``products`` (sudo)."""
        domain = [
            ("salon_is_stylist", "=", True),
            ("salon_online_bookable", "=", True),
            ("company_id", "in", (company.id, False)),
        ]
        for template in products.product_tmpl_id if products else ():
            domain.append(("salon_service_ids", "=", template.id))
        return self.env["hr.employee"].sudo().search(domain, order="name, id")

    @api.model
    def _salon_tz(self, company):
        """Timezone the salon shows its times in."""
        stylist = self._salon_get_stylists(company)[:1]
        return pytz.timezone(
            company.partner_id.tz
            or stylist.tz
            or company.resource_calendar_id.tz
            or "UTC"
        )

    # ------------------------------------------------------------------
    # Parsing what the browser sends
    # ------------------------------------------------------------------

    @api.model
    def _salon_parse_services(self, company, values):
        """Services chosen, in order, from ids as sent (``"3,5"`` or a list).

        :raise BookingError: malformed (400), unknown or not bookable (404),
            none, repeated or too many (400)
        """
        if isinstance(values, str):
            values = [values]
        raw = [part.strip() for value in values or [] for part in str(value).split(",")]
        raw = [part for part in raw if part]
        if not raw:
            raise BookingError(self.env._("Choose at least one service."))
        if not all(part.isdigit() and len(part) < 10 for part in raw):
            raise BookingError(self.env._("The services requested are not valid."))
        ids = [int(part) for part in raw]
        if len(set(ids)) != len(ids):
            raise BookingError(self.env._("Each service can be chosen only once."))
        maximum = company.salon_online_max_services
        if len(ids) > maximum:
            raise BookingError(
                self.env._(
                    "You can book at most %(count)s services at once online.",
                    count=maximum,
                )
            )
        services = self._salon_get_services(company)
        by_id = {product.id: product for product in services}
        if any(service_id not in by_id for service_id in ids):
            raise BookingError(
                self.env._("This service cannot be booked online."), status=404
            )
        return services.browse(ids)

    @api.model
    def _salon_parse_stylist(self, company, products, value):
        """Stylist chosen; an empty recordset for "no preference"."""
        Employee = self.env["hr.employee"].sudo()
        if value in (None, False, "", "0", 0):
            return Employee
        if not str(value).isdigit() or len(str(value)) > 9:
            raise BookingError(self.env._("The stylist requested is not valid."))
        stylist = Employee.browse(int(value))
        if stylist not in self._salon_get_stylists(company, products):
            raise BookingError(
                self.env._("This stylist cannot be booked online for these services."),
                status=404,
            )
        return stylist

    @api.model
    def _salon_parse_date(self, value):
        if not value:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise BookingError(self.env._("The date requested is not valid.")) from None

    @api.model
    def _salon_parse_start(self, value):
        """Start time as sent by our pages: ``YYYY-MM-DD HH:MM:SS`` in UTC."""
        try:
            start = datetime.strptime(str(value or ""), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise BookingError(self.env._("The time requested is not valid.")) from None
        return start

    @api.model
    def _salon_parse_contact(self, values):
        """Name, email and phone of a guest, checked.

        :return: ``(contact, errors)``: errors maps a field to its message
        """
        contact = {
            key: (values.get(key) or "").strip()[:NAME_MAX]
            for key in ("name", "email", "phone")
        }
        errors = {}
        if not contact["name"]:
            errors["name"] = self.env._("Enter your name.")
        email = email_normalize(contact["email"])
        if not email:
            errors["email"] = self.env._("Enter a valid email address.")
        else:
            contact["email"] = email
        if not PHONE_RE.match(contact["phone"]):
            errors["phone"] = self.env._("Enter a valid phone number.")
        return contact, errors

    # ------------------------------------------------------------------
    # Free times
    # ------------------------------------------------------------------

    @api.model
    def _salon_window(self, company):
        """``(earliest start, latest start)`` of an online booking, naive UTC."""
        now = fields.Datetime.now()
        earliest = now + timedelta(hours=company.salon_online_lead_time)
        tz = self._salon_tz(company)
        last_day = pytz.utc.localize(now).astimezone(tz).date() + timedelta(
            days=company.salon_online_window_days
        )
        latest = _local_midnight(tz, last_day + timedelta(days=1))
        return earliest, latest.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _salon_find_slots(self, company, products, stylist, start, stop, exclude=None):
        """Free starts between two naive UTC datetimes within the window.

        :param stylist: one stylist, or empty for "no preference" (any
            stylist bookable online)
        :return: list of ``(start, stylist ids)``
        """
        earliest, latest = self._salon_window(company)
        start, stop = max(start, earliest), min(stop, latest)
        stylists = stylist or self._salon_get_stylists(company, products)
        if start >= stop or not stylists:
            return []
        return (
            self.env["calendar.event"]
            .sudo()
            ._salon_find_slots(
                products,
                start,
                stop,
                employees=stylists,
                not_before=earliest,
                exclude=exclude,
            )
        )

    @api.model
    def _salon_next_slots(
        self, company, products, stylist, after, count=NEXT_SLOTS, exclude=None
    ):
        """The next free start times from ``after`` (naive UTC)."""
        _earliest, latest = self._salon_window(company)
        slots = self._salon_find_slots(
            company, products, stylist, after, latest, exclude=exclude
        )
        return [moment for moment, _stylists in slots[:count]]

    @api.model
    def _salon_prepare_days(self, company, products, stylist, day, exclude=None):
        """What the page of free times shows around ``day``.

        :return: dict with ``day``, ``days`` (the week: date, label, whether it
            has free times), ``slots`` of the day (start, label), ``next_day``
            (first day after with free times, or None), ``previous`` and
            ``next`` week dates (None when outside the window)
        """
        tz = self._salon_tz(company)
        earliest, latest = self._salon_window(company)
        first_day = pytz.utc.localize(earliest).astimezone(tz).date()
        last_day = (
            pytz.utc.localize(latest).astimezone(tz) - timedelta(seconds=1)
        ).date()
        day = min(max(day or first_day, first_day), last_day)
        week_start = max(day - timedelta(days=day.weekday()), first_day)
        slots = self._salon_find_slots(
            company,
            products,
            stylist,
            _utc_naive(_local_midnight(tz, week_start)),
            latest,
            exclude=exclude,
        )
        by_day = defaultdict(list)
        for moment, _stylists in slots:
            local = pytz.utc.localize(moment).astimezone(tz)
            by_day[local.date()].append((moment, local))
        week = [
            week_start + timedelta(days=offset)
            for offset in range(DAYS_SHOWN)
            if week_start + timedelta(days=offset) <= last_day
        ]
        lang = self.env.lang
        next_day = next((other for other in sorted(by_day) if other > day), None)
        return {
            "day": day,
            "day_label": format_date(self.env, day, lang_code=lang, date_format="full"),
            "days": [
                {
                    "date": other,
                    "weekday": format_date(
                        self.env, other, lang_code=lang, date_format="EEE"
                    ),
                    "label": format_date(
                        self.env, other, lang_code=lang, date_format="d MMM"
                    ),
                    "available": bool(by_day.get(other)),
                }
                for other in week
            ],
            "slots": [
                {
                    "start": fields.Datetime.to_string(moment),
                    "label": format_time(
                        self.env,
                        moment,
                        tz=tz.zone,
                        time_format="short",
                        lang_code=lang,
                    ),
                }
                for moment, local in by_day.get(day, [])
            ],
            "next_day": next_day,
            "next_day_label": next_day
            and format_date(self.env, next_day, lang_code=lang, date_format="full"),
            "previous": (
                week_start - timedelta(days=7) if week_start > first_day else None
            ),
            "next": (
                week_start + timedelta(days=7)
                if week_start + timedelta(days=7) <= last_day
                else None
            ),
        }

    @api.model
    def _salon_format_datetime(self, company, moment, dt_format="full"):
        """A start time in the salon's timezone, e.g. "Monday 9 March 2026 at 10:00".

        :param moment: naive UTC datetime
        :param dt_format: babel format of the date ("full", "medium", ...)
        """
        tz = self._salon_tz(company)
        local = pytz.utc.localize(moment).astimezone(tz)
        return self.env._(
            "%(date)s at %(time)s",
            date=format_date(self.env, local.date(), date_format=dt_format),
            time=format_time(self.env, moment, tz=tz.zone, time_format="short"),
        )

    @api.model
    def _salon_check_start(self, company, products, stylist, start, exclude=None):
        """Stylists free at ``start``, re-checked now.

        :raise BookingError: outside the window (400); not free any more, with
            the next free times (409)
        """
        earliest, latest = self._salon_window(company)
        if start < earliest or start >= latest:
            raise BookingError(
                self.env._(
                    "This time cannot be booked online: choose a time between "
                    "%(earliest)s and %(latest)s.",
                    earliest=self._salon_format_datetime(company, earliest, "medium"),
                    latest=self._salon_format_datetime(company, latest, "medium"),
                )
            )
        day_end = start + timedelta(days=1)
        for moment, stylist_ids in self._salon_find_slots(
            company, products, stylist, start, day_end, exclude=exclude
        ):
            if moment == start:
                return stylist_ids
            if moment > start:
                break
        raise self._salon_taken_error(company, products, stylist, start, exclude)

    @api.model
    def _salon_taken_error(self, company, products, stylist, start, exclude=None):
        return BookingError(
            self.env._(
                "Sorry, %(time)s is no longer available. Here are the next free times.",
                time=self._salon_format_datetime(company, start, "medium"),
            ),
            status=409,
            alternatives=self._salon_next_slots(
                company, products, stylist, start, exclude=exclude
            ),
        )

    @api.model
    def _salon_pick_stylist(self, company, products, start, stylist_ids):
        """For "no preference": the stylist with the most free time that day."""
        if len(stylist_ids) == 1:
            return self.env["hr.employee"].sudo().browse(stylist_ids)
        tz = self._salon_tz(company)
        local_day = pytz.utc.localize(start).astimezone(tz).date()
        day_start = _utc_naive(_local_midnight(tz, local_day))
        load = {}
        for _moment, free in self._salon_find_slots(
            company, products, None, day_start, day_start + timedelta(days=1)
        ):
            for stylist_id in free:
                load[stylist_id] = load.get(stylist_id, 0) - 1
        return self.env["hr.employee"].sudo().browse(pick_stylist(stylist_ids, load))

    # ------------------------------------------------------------------
    # Review: prices, coverage, guarantee (extension points)
    # ------------------------------------------------------------------

    @api.model
    def _salon_get_coverages(self, partner, products, start):
        """Prepaid right covering each service, by product id (or None).

        Consults :meth:`res.partner._salon_get_coverage`; a guest (no partner
        yet) has none.
        """
        if not partner:
            return dict.fromkeys(products.ids)
        return {
            product.id: partner.sudo()._salon_get_coverage(product, start)
            for product in products
        }

    @api.model
    def _salon_get_guarantee(self, booking):
        """What the client must pay or leave before the booking is confirmed.

        Nothing in salon_booking. The deposits addon returns, e.g.,
        ``{"kind": "deposit", "amount": 20.0, "label": ..., "template": xmlid}``;
        the review page shows ``label`` (and renders ``template`` when given),
        and :meth:`_salon_get_next_step_url` sends the client to pay.

        :param booking: dict from :meth:`_salon_prepare_booking`
        :return: dict, empty when nothing is required
        """
        return {}

    @api.model
    def _salon_prepare_booking(self, company, products, stylist, start, partner):
        """Everything the review page shows and the confirmation books.

        Prices and durations come from the services, never from the request.
        """
        currency = company.currency_id
        coverages = self._salon_get_coverages(partner, products, start)
        lines = []
        for product in products.with_company(company):
            coverage = coverages.get(product.id)
            lines.append(
                {
                    "product": product,
                    "name": product.display_name,
                    "duration": product.salon_duration,
                    "price": currency.round(product.lst_price),
                    "coverage": coverage,
                    "coverage_label": coverage and coverage._salon_coverage_label(),
                }
            )
        booking = {
            "company": company,
            "currency": currency,
            "products": products,
            "stylist": stylist,
            "start": start,
            "start_label": self._salon_format_datetime(company, start),
            "partner": partner,
            "lines": lines,
            "duration": sum(line["duration"] for line in lines),
            "amount_total": currency.round(sum(line["price"] for line in lines)),
            "policy": company.salon_online_policy,
            "cancel_deadline_hours": company.salon_cancel_deadline_hours,
        }
        booking["guarantee"] = self._salon_get_guarantee(booking)
        return booking

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    @api.model
    def _salon_get_guest_partner(self, company, contact):
        """A new client for a guest.

        A guest is never attached to an existing client found by email: a
        stranger could otherwise add bookings to someone else's account.
        """
        return (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": contact["name"],
                    "email": contact["email"],
                    "phone": contact["phone"],
                    "lang": self.env.lang,
                    "tz": self._salon_tz(company).zone,
                    "company_id": False,
                }
            )
        )

    @api.model
    def _salon_prepare_appointment_vals(self, booking, stylist):
        """Values of the appointment created for ``booking`` with ``stylist``."""
        return {
            "salon_company_id": booking["company"].id,
            "salon_partner_id": booking["partner"].id,
            "salon_employee_id": stylist.id,
            "salon_booked_online": True,
            "user_id": stylist.user_id.id or False,
            "location": self._salon_location(booking["company"]),
            "start": booking["start"],
            "salon_line_ids": [
                Command.create({"product_id": product.id, "sequence": index})
                for index, product in enumerate(booking["products"])
            ],
        }

    @api.model
    def _salon_location(self, company):
        """The salon's address on one line (calendar files, agenda)."""
        address = company.partner_id._display_address(without_company=True)
        parts = [company.name] + [line.strip() for line in address.splitlines()]
        return ", ".join(part for part in parts if part)

    @api.model
    def _salon_book(self, booking):
        """Book ``booking`` now, if its time is still free.

        The time is re-checked, and PostgreSQL refuses an overlap made by a
        concurrent booking: the client then gets the next free times.

        :raise BookingError: 409 with alternatives when the time was taken
        """
        company, products = booking["company"], booking["products"]
        stylist_ids = self._salon_check_start(
            company, products, booking["stylist"], booking["start"]
        )
        stylist = booking["stylist"] or self._salon_pick_stylist(
            company, products, booking["start"], stylist_ids
        )
        vals = self._salon_prepare_appointment_vals(booking, stylist)
        Event = self.env["calendar.event"].with_user(SUPERUSER_ID).with_company(company)
        try:
            with self.env.cr.savepoint():
                appointment = Event.create(vals)
        except ValidationError:
            raise self._salon_taken_error(
                company, products, booking["stylist"], booking["start"]
            ) from None
        appointment._salon_notify_salon(self.env._("Booked online by the client."))
        return appointment

    @api.model
    def _salon_confirm(self, company, products, stylist, start, partner, contact):
        """Confirm an online booking: the guest's client and the appointment.

        Both are created or neither: a refused time creates no client.

        :return: ``(appointment, url of the next page)``
        """
        with self.env.cr.savepoint():
            partner = partner or self._salon_get_guest_partner(company, contact)
            booking = self._salon_prepare_booking(
                company, products, stylist, start, partner
            )
            appointment = self._salon_book(booking)
        return appointment, self._salon_get_next_step_url(appointment, booking)

    @api.model
    def _salon_get_next_step_url(self, appointment, booking):
        """Where the client goes once the appointment is created.

        The confirmation page here; the deposits addon sends the client to
        pay the deposit or save a card first.
        """
        return appointment._salon_get_portal_url(suffix="/done")

    # ------------------------------------------------------------------
    # Changes from the portal
    # ------------------------------------------------------------------

    @api.model
    def _salon_check_client_can_change(self, appointment):
        if not appointment._salon_client_can_change():
            raise BookingError(
                self.env._(
                    "This appointment can no longer be changed online. "
                    "Please contact the salon."
                ),
                status=403,
            )

    @api.model
    def _salon_portal_cancel(self, appointment):
        """Cancel from the portal, before the deadline; tell the salon."""
        self._salon_check_client_can_change(appointment)
        appointment.sudo().action_salon_cancel()
        appointment._salon_notify_salon(
            self.env._("Cancelled by the client from the portal.")
        )
        return True

    @api.model
    def _salon_portal_products(self, appointment):
        lines = appointment.sudo().salon_line_ids.sorted(
            lambda line: (line.sequence, line.id)
        )
        return lines.product_id

    @api.model
    def _salon_portal_reschedule(self, appointment, start):
        """Move to ``start`` (naive UTC) with the same stylist, re-checked.

        :raise BookingError: too late (403), outside the window (400), taken
            (409, with the next free times)
        """
        self._salon_check_client_can_change(appointment)
        appointment = appointment.sudo()
        company = appointment.salon_company_id
        products = self._salon_portal_products(appointment)
        stylist = appointment.salon_employee_id
        old_label = self._salon_format_datetime(company, appointment.start, "medium")
        self._salon_check_start(company, products, stylist, start, exclude=appointment)
        try:
            with self.env.cr.savepoint():
                appointment.write({"start": start})
        except ValidationError:
            raise self._salon_taken_error(
                company, products, stylist, start, exclude=appointment
            ) from None
        if not self.env.context.get("salon_no_mail"):
            appointment._salon_send_mail(
                "salon_booking.mail_template_salon_confirmation"
            )
        appointment._salon_notify_salon(
            self.env._(
                "Moved by the client from the portal: %(old)s to %(new)s.",
                old=old_label,
                new=self._salon_format_datetime(company, start, "medium"),
            )
        )
        return True


def _local_midnight(tz, day):
    return tz.localize(datetime.combine(day, time.min))


def _utc_naive(moment):
    return moment.astimezone(pytz.utc).replace(tzinfo=None)

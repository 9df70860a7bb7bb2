# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Online booking on the website and changes from the portal: the rules.

The controllers parse the request and present the pages; what may be booked,
when, by whom and at what price is decided here, from the database, never from
what the browser sends. Addons extend the flow by overriding the ``_salon_*``
hooks of this model (deposits, card guarantees, packages, memberships); see
``readme/SEAMS.md``.
"""

import hashlib
from datetime import timedelta

import pytz

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import hmac

from .availability import local_day_bounds
from .salon_availability import services_span, to_naive_utc
from .salon_coverage import CoverageRequest

NEXT_SLOTS = 6
DAYS_SHOWN = 7
CODE_WINDOW = timedelta(minutes=30)
THROTTLE_WINDOW = timedelta(hours=1)


class BookingError(UserError):
    """A booking refused: shown on the page with an HTTP status.

    :param status: HTTP status of the page (400 bad input, 403 not allowed,
        404 unknown, 409 taken meanwhile, 429 too many requests)
    :param alternatives: free start times to offer instead (naive UTC)
    :param field: the form field the message is about (shown beside it)
    """

    def __init__(self, message, status=400, alternatives=None, field=None):
        super().__init__(message)
        self.status = status
        self.alternatives = alternatives or []
        self.field = field


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
    def _salon_get_services_by_ids(self, company, ids):
        """The services of ``ids``, in that order.

        :raise BookingError: none, repeated, too many (400); unknown or not
            bookable online (404)
        """
        if not ids:
            raise BookingError(self.env._("Choose at least one service."))
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
        services = (
            self.env["product.product"]
            .sudo()
            .search_fetch(
                self._salon_services_domain(company) + [("id", "in", ids)],
                ["product_tmpl_id"],
            )
        )
        if set(ids) - set(services.ids):
            raise BookingError(
                self.env._("This service cannot be booked online."), status=404
            )
        # what the pages show and the engine needs, in one narrow read
        services.product_tmpl_id.fetch(
            ["name", "salon_duration", "salon_buffer_after", "salon_category_id"]
        )
        return services.browse(ids)

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
    def _salon_get_stylist(self, company, products, stylist_id):
        """The stylist of ``stylist_id``; an empty recordset for "no preference".

        :raise BookingError: not bookable online for these services (404)
        """
        Employee = self.env["hr.employee"].sudo()
        if not stylist_id:
            return Employee
        stylist = Employee.browse(stylist_id)
        if stylist not in self._salon_get_stylists(company, products):
            raise BookingError(
                self.env._("This stylist cannot be booked online for these services."),
                status=404,
            )
        return stylist

    # ------------------------------------------------------------------
    # Free times
    # ------------------------------------------------------------------

    @api.model
    def _salon_window(self, company):
        """``(earliest start, latest start)`` of an online booking, naive UTC."""
        now = fields.Datetime.now()
        earliest = now + timedelta(hours=company.salon_online_lead_time)
        tz = company._salon_get_tz()
        last_day = pytz.utc.localize(now).astimezone(tz).date() + timedelta(
            days=company.salon_online_window_days
        )
        _start, latest = local_day_bounds(tz, last_day)
        return earliest, to_naive_utc(latest)

    @api.model
    def _salon_online_slots(
        self,
        company,
        products,
        stylist,
        start,
        stop,
        exclude=None,
        taken=None,
        detail=None,
    ):
        """Free starts bookable online between two naive UTC datetimes.

        :param stylist: one stylist, or empty for "no preference" (any
            stylist bookable online)
        :return: list of ``(start, stylist ids)``
        """
        earliest, latest = self._salon_window(company)
        start, stop = max(start, earliest), min(stop, latest)
        if start >= stop:
            return []
        return (
            self.env["salon.availability"]
            .sudo()
            ._salon_find_slots(
                products,
                start,
                stop,
                stylists=stylist,
                company=company,
                not_before=earliest,
                exclude=exclude,
                taken=taken,
                # "no preference": the stylists bookable online
                online=not stylist,
                detail=detail,
            )
        )

    @api.model
    def _salon_next_slots(
        self, company, products, stylist, after, count=NEXT_SLOTS, **kwargs
    ):
        """The next free start times from ``after`` (naive UTC), a week at a time."""
        _earliest, latest = self._salon_window(company)
        found = []
        cursor = after
        while cursor < latest and len(found) < count:
            stop = min(cursor + timedelta(days=DAYS_SHOWN), latest)
            found += [
                moment
                for moment, _ids in self._salon_online_slots(
                    company, products, stylist, cursor, stop, **kwargs
                )
            ]
            cursor = stop
        return found[:count]

    @api.model
    def _salon_days_availability(self, company, products, stylist, day, exclude=None):
        """Free times of the week around ``day`` and what tells the days apart.

        Only the week shown is computed, then the following weeks one at a
        time until a free day is found (for "next free day").

        :param day: a date in the salon's timezone, or None for the first day
        :return: dict with ``day``, ``days`` (``(date, has free times)`` of the
            week), ``slots`` (naive UTC starts of ``day``), ``next_day`` (first
            later day with free times, or None), ``previous`` and ``next``
            (first day of the weeks before and after, None outside the window)
        """
        tz = company._salon_get_tz()
        earliest, latest = self._salon_window(company)
        first_day = pytz.utc.localize(earliest).astimezone(tz).date()
        last_day = (
            pytz.utc.localize(latest).astimezone(tz) - timedelta(seconds=1)
        ).date()
        day = min(max(day or first_day, first_day), last_day)
        week_start = max(day - timedelta(days=day.weekday()), first_day)
        week = [
            week_start + timedelta(days=offset)
            for offset in range(DAYS_SHOWN)
            if week_start + timedelta(days=offset) <= last_day
        ]
        by_day = self._salon_slots_by_day(
            company, products, stylist, week[0], week[-1], exclude, detail=day
        )
        next_day = next((other for other in sorted(by_day) if other > day), None)
        cursor = week[-1] + timedelta(days=1)
        while next_day is None and cursor <= last_day:
            later = self._salon_slots_by_day(
                company,
                products,
                stylist,
                cursor,
                min(cursor + timedelta(days=DAYS_SHOWN - 1), last_day),
                exclude,
                detail=False,
            )
            next_day = min(later) if later else None
            cursor += timedelta(days=DAYS_SHOWN)
        return {
            "day": day,
            "days": [(other, bool(by_day.get(other))) for other in week],
            "slots": by_day.get(day, []),
            "next_day": next_day,
            "previous": (
                week_start - timedelta(days=DAYS_SHOWN)
                if week_start > first_day
                else None
            ),
            "next": (
                week_start + timedelta(days=DAYS_SHOWN)
                if week_start + timedelta(days=DAYS_SHOWN) <= last_day
                else None
            ),
        }

    @api.model
    def _salon_slots_by_day(
        self, company, products, stylist, first, last, exclude, detail=None
    ):
        """``{local date: [naive UTC starts]}`` from day ``first`` to ``last``.

        :param detail: the day whose free starts are all wanted; of the other
            days, only what tells whether they have one (False: of no day;
            None: of every day)
        """
        tz = company._salon_get_tz()
        start, _stop = local_day_bounds(tz, first)
        _start, stop = local_day_bounds(tz, last)
        if detail is None:
            bounds = None
        elif detail:
            bounds = local_day_bounds(tz, detail)
        else:
            bounds = (start, start)
        by_day = {}
        for moment, _ids in self._salon_online_slots(
            company,
            products,
            stylist,
            to_naive_utc(start),
            to_naive_utc(stop),
            exclude=exclude,
            detail=bounds,
        ):
            local = pytz.utc.localize(moment).astimezone(tz).date()
            by_day.setdefault(local, []).append(moment)
        return by_day

    @api.model
    def _salon_check_start(
        self, company, products, stylist, start, exclude=None, taken=None
    ):
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
                    earliest=company._salon_format_datetime(earliest, "medium"),
                    latest=company._salon_format_datetime(latest, "medium"),
                )
            )
        for moment, stylist_ids in self._salon_online_slots(
            company,
            products,
            stylist,
            start,
            start + timedelta(days=1),
            exclude=exclude,
            taken=taken,
        ):
            if moment == start:
                return stylist_ids
            if moment > start:
                break
        raise self._salon_taken_error(company, products, stylist, start, exclude, taken)

    @api.model
    def _salon_taken_error(
        self, company, products, stylist, start, exclude=None, taken=None
    ):
        """A 409 with the next free times (``taken`` times left out)."""
        return BookingError(
            self.env._(
                "Sorry, %(time)s was just taken. Here are the next free times.",
                time=company._salon_format_datetime(start, "medium"),
            ),
            status=409,
            alternatives=self._salon_next_slots(
                company, products, stylist, start, exclude=exclude, taken=taken
            ),
        )

    # ------------------------------------------------------------------
    # Review: prices, coverage, guarantee (extension points)
    # ------------------------------------------------------------------

    @api.model
    def _salon_get_coverages(self, company, partner, products, start):
        """What covers each service of a booking, by position (or None).

        Asks ``salon.coverage`` for the whole booking at once; a guest (no
        partner yet) has none.
        """
        prices = products._salon_get_price_total(company)
        requests = [
            CoverageRequest(index, product, prices[product.id], start)
            for index, product in enumerate(products)
        ]
        return self.env["salon.coverage"]._salon_compute(partner, requests, company)

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

        Prices (taxes included, as clients in the EU are shown them) and
        durations come from the services, never from the request.
        """
        currency = company.currency_id
        products = products.with_company(company)
        prices = products._salon_get_price_total(company)
        coverages = self._salon_get_coverages(company, partner, products, start)
        lines = []
        for index, product in enumerate(products):
            coverage = coverages.get(index)
            price = currency.round(prices[product.id])
            covered = coverage.amount if coverage else 0.0
            lines.append(
                {
                    "index": index,
                    "product": product,
                    "name": product.display_name,
                    "duration": product.salon_duration,
                    "price": price,
                    "coverage": coverage,
                    "covered": covered,
                    "to_pay": currency.round(price - covered),
                }
            )
        booking = {
            "company": company,
            "currency": currency,
            "products": products,
            "stylist": stylist,
            "start": start,
            "partner": partner,
            "lines": lines,
            "duration": sum(line["duration"] for line in lines),
            "amount_total": currency.round(sum(line["price"] for line in lines)),
            "amount_to_pay": currency.round(sum(line["to_pay"] for line in lines)),
            "policy": company.salon_online_policy,
            "cancel_deadline_hours": company.salon_cancel_deadline_hours,
        }
        booking["guarantee"] = self._salon_get_guarantee(booking)
        return booking

    @api.model
    def _salon_check_options(self, booking, options):
        """Check the client's choices on the review page.

        :param options: dict of the client's choices: ``accept_policy``
            (bool), ``declined_coverage`` (positions of services the client
            pays instead of using a prepaid right); addons add theirs
        :raise BookingError: with the ``field`` the message is about
        """
        if booking["policy"] and not options.get("accept_policy"):
            raise BookingError(
                self.env._("Please accept the salon's policies to confirm."),
                field="accept_policy",
            )

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
                    "tz": company._salon_get_tz().zone,
                    "company_id": False,
                }
            )
        )

    @api.model
    def _salon_prepare_appointment_vals(self, booking, stylist, options):
        """Values of the appointment created for ``booking`` with ``stylist``."""
        Line = self.env["salon.appointment.line"]
        declined = set(options.get("declined_coverage") or ())
        lines = []
        for line in booking["lines"]:
            vals = {"product_id": line["product"].id}
            if line["coverage"] and line["index"] not in declined:
                vals.update(Line._salon_prepare_coverage_vals(line["coverage"]))
            lines.append(vals)
        extra = {}
        if booking["policy"]:
            extra["salon_policy_accepted_at"] = fields.Datetime.now()
            extra["salon_policy_text"] = booking["policy"]
        return self.env["calendar.event"]._salon_prepare_appointment_vals(
            booking["partner"],
            booking["start"],
            lines,
            stylist=stylist,
            company=booking["company"],
            channel="online",
            **extra,
        )

    @api.model
    def _salon_book(self, booking, options):
        """Book ``booking`` now, if its time is still free.

        The time is re-checked; bookings of one stylist are serialized and
        PostgreSQL refuses an overlap made by a concurrent booking. For "no
        preference", the other stylists free at that time are tried; when
        none is left the client gets the next free times, without the time
        just taken.

        :raise BookingError: 409 with alternatives when the time was taken
        """
        company, products = booking["company"], booking["products"]
        start = booking["start"]
        stylist_ids = self._salon_check_start(
            company, products, booking["stylist"], start
        )
        Employee = self.env["hr.employee"].sudo()
        candidates = Employee.browse(stylist_ids)
        first = booking["stylist"] or self.env[
            "salon.availability"
        ].sudo()._salon_pick_stylist(products, start, candidates, company)
        candidates = first | (candidates - first)
        Event = self.env["calendar.event"].with_user(SUPERUSER_ID).with_company(company)
        taken = {}
        for stylist in candidates:
            try:
                with self.env.cr.savepoint():
                    appointment = Event.create(
                        self._salon_prepare_appointment_vals(booking, stylist, options)
                    )
            except ValidationError:
                # a concurrent booking took this stylist's time meanwhile
                _duration, blocked = services_span(products)
                taken[stylist.id] = [(start, start + blocked)]
                continue
            appointment._salon_notify_salon(self.env._("Booked online by the client."))
            return appointment
        raise self._salon_taken_error(
            company, products, booking["stylist"], start, taken=taken
        )

    @api.model
    def _salon_confirm(
        self, company, products, stylist, start, partner, contact, options=None
    ):
        """Confirm an online booking: the guest's client and the appointment.

        Both are created or neither: a refused time creates no client.

        :param options: the client's choices (see :meth:`_salon_check_options`)
        :return: ``(appointment, url of the next page)``
        """
        options = options or {}
        with self.env.cr.savepoint():
            booking = self._salon_prepare_booking(
                company, products, stylist, start, partner
            )
            self._salon_check_options(booking, options)
            if not partner:
                booking["partner"] = self._salon_get_guest_partner(company, contact)
            appointment = self._salon_book(booking, options)
        return appointment, self._salon_get_next_step_url(appointment, booking)

    @api.model
    def _salon_get_next_step_url(self, appointment, booking):
        """Where the client goes once the appointment is created.

        The confirmation page here; the deposits addon sends the client to
        pay the deposit or save a card first.
        """
        return appointment._salon_get_portal_url(suffix="/done")

    # ------------------------------------------------------------------
    # Abuse control: throttling and verified guest emails
    # ------------------------------------------------------------------

    @api.model
    def _salon_throttle(self, company, address, email):
        """Count one booking attempt from ``address`` for ``email``.

        :raise BookingError: 429 when either made too many in the last hour
        """
        Attempt = self.env["salon.booking.attempt"].sudo()
        keys = {
            "address": (
                self._salon_hash(f"address:{address or ''}"),
                company.salon_throttle_ip,
            ),
        }
        if email:
            keys["email"] = (
                self._salon_hash(f"email:{email.lower()}"),
                company.salon_throttle_email,
            )
        since = fields.Datetime.now() - THROTTLE_WINDOW
        counts = dict(
            Attempt._read_group(
                [
                    ("company_id", "=", company.id),
                    ("key", "in", [key for key, _limit in keys.values()]),
                    ("create_date", ">=", since),
                ],
                ["key"],
                ["__count"],
            )
        )
        if any(counts.get(key, 0) >= limit for key, limit in keys.values()):
            raise BookingError(
                self.env._(
                    "Too many bookings were attempted from here in the last hour. "
                    "Please try again later or call the salon."
                ),
                status=429,
            )
        Attempt.create(
            [{"company_id": company.id, "key": key} for key, _limit in keys.values()]
        )

    @api.model
    def _salon_hash(self, value):
        """A salted hash: attempts are counted without storing who made them."""
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hashlib.sha256(f"{secret}:{value}".encode()).hexdigest()

    @api.model
    def _salon_verification_code(self, company, email, moment=None):
        """The 6-digit code that proves a guest reads ``email`` (30 minutes)."""
        moment = moment or fields.Datetime.now()
        window = int(moment.timestamp() // CODE_WINDOW.total_seconds())
        digest = hmac(
            self.env(su=True),
            "salon-booking-email",
            f"{company.id}:{email.lower()}:{window}",
        )
        return f"{int(digest, 16) % 1000000:06d}"

    @api.model
    def _salon_check_verification_code(self, company, email, code):
        """Whether ``code`` is the current (or previous) code of ``email``."""
        code = (code or "").strip()
        now = fields.Datetime.now()
        return any(
            code == self._salon_verification_code(company, email, moment)
            for moment in (now, now - CODE_WINDOW)
        )

    @api.model
    def _salon_send_verification_code(self, company, contact):
        """Email the guest the code that confirms the booking."""
        template = self.env.ref("salon_booking.mail_template_salon_verify_email")
        code = self._salon_verification_code(company, contact["email"])
        template.sudo().with_context(
            salon_code=code, salon_contact=contact, lang=self.env.lang
        ).send_mail(company.id, force_send=True)

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
        """The services of ``appointment`` in order (one per line)."""
        return appointment.sudo()._salon_sorted_lines().product_id

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
        old_label = company._salon_format_datetime(appointment.start, "medium")
        self._salon_check_start(company, products, stylist, start, exclude=appointment)
        try:
            with self.env.cr.savepoint():
                appointment.write({"start": start})
        except ValidationError:
            _duration, blocked = services_span(products)
            raise self._salon_taken_error(
                company,
                products,
                stylist,
                start,
                exclude=appointment,
                taken={stylist.id: [(start, start + blocked)]},
            ) from None
        if not self.env.context.get("salon_no_mail"):
            appointment._salon_send_mail(
                "salon_booking.mail_template_salon_confirmation"
            )
        appointment._salon_notify_salon(
            self.env._(
                "Moved by the client from the portal: %(old)s to %(new)s.",
                old=old_label,
                new=company._salon_format_datetime(start, "medium"),
            )
        )
        return True

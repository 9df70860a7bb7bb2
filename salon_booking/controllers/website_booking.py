# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlencode

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..models.salon_online_booking import BookingError
from . import parsing
from .presentation import present_days, present_moments

STEPS = ["services", "stylist", "slots", "contact", "review"]


class SalonWebsiteBooking(http.Controller):
    """Public online booking: services, stylist, time, client, review.

    Every step parses again what the browser sends (``parsing``) and asks the
    model ``salon.online.booking`` what is bookable: nothing is trusted from
    the page (services, stylist, time, price), nothing is created before the
    confirmation. Any input gets a page with a 4xx status, never an error 500.
    """

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @staticmethod
    def _booking():
        return request.env["salon.online.booking"]

    @staticmethod
    def _company():
        # the salon's settings (window, policies, timezone) are public
        return request.website.company_id.sudo()

    @staticmethod
    def _services_param():
        return request.httprequest.values.getlist("services")

    @staticmethod
    def _url(path, **params):
        params = {key: value for key, value in params.items() if value}
        return path + ("?" + urlencode(params) if params else "")

    def _base_values(self, step, products=None, stylist=None, start=None):
        company = self._company()
        products = products or request.env["product.product"]
        services = ",".join(str(product_id) for product_id in products.ids)
        stylist_id = stylist.id if stylist else ""
        return {
            "step": step,
            "steps": STEPS,
            "company": company,
            "products": products,
            "stylist": stylist,
            "services_param": services,
            "stylist_param": stylist_id or "",
            "start": start and parsing.format_start(start),
            "start_label": start and company._salon_format_datetime(start),
            "booking_url": lambda path, **params: self._url(
                path, **{"services": services, "stylist": stylist_id, **params}
            ),
        }

    def _render_booking_error(self, error, products, stylist, contact=None):
        """A time taken meanwhile offers other times; other errors explain."""
        if error.status == 409:
            return self._render_taken(error, products, stylist, contact)
        return self._render_error(error)

    def _render_error(self, error, step="services", **values):
        response = request.render(
            "salon_booking.website_booking_error",
            {**self._base_values(step), "error": error.args[0], **values},
            status=error.status,
        )
        if error.status == 429:
            response.headers["Retry-After"] = "3600"
        return response

    def _parse(self, stylist=None):
        """Services and stylist of the request, checked."""
        company = self._company()
        booking = self._booking()
        products = booking._salon_get_services_by_ids(
            company, parsing.parse_ids(self._services_param())
        )
        stylist_id = parsing.parse_stylist_id(stylist)
        return (
            company,
            products,
            booking._salon_get_stylist(company, products, stylist_id),
        )

    def _render_taken(self, error, products, stylist, contact=None):
        """The time was taken: say so and offer the next free times."""
        return request.render(
            "salon_booking.website_booking_taken",
            {
                **self._base_values("slots", products, stylist),
                "error": error.args[0],
                "alternatives": present_moments(self._company(), error.alternatives),
                "contact": contact or {},
            },
            status=error.status,
        )

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    @http.route("/salon/booking", type="http", auth="public", website=True)
    def booking_services(self, **kwargs):
        company = self._company()
        services = self._booking()._salon_get_services(company)
        try:
            selected = set(parsing.parse_ids(self._services_param()))
        except BookingError:
            selected = set()
        categories = {}
        for service in services:
            categories.setdefault(service.salon_category_id, []).append(service)
        return request.render(
            "salon_booking.website_booking_services",
            {
                **self._base_values("services"),
                "prices": services._salon_get_price_total(company),
                "categories": list(categories.items()),
                "selected": selected,
                "max_services": company.salon_online_max_services,
            },
        )

    @http.route(
        "/salon/booking/service/<int:service_id>/image",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def booking_service_image(self, service_id, **kwargs):
        service = self._booking()._salon_get_services(self._company())
        service = service.filtered(lambda p: p.id == service_id)
        if not service:
            raise request.not_found()
        return (
            request.env["ir.binary"]
            ._get_image_stream_from(service, "image_512", placeholder=None)
            .get_response()
        )

    @http.route(
        "/salon/booking/stylist",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def booking_stylist(self, **kwargs):
        try:
            company, products, _stylist = self._parse()
        except BookingError as error:
            return self._render_error(error)
        stylists = self._booking()._salon_get_stylists(company, products)
        return request.render(
            "salon_booking.website_booking_stylist",
            {
                **self._base_values("stylist", products),
                "stylists": stylists,
            },
        )

    @http.route(
        "/salon/booking/slots",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def booking_slots(self, stylist=None, date=None, **kwargs):
        booking = self._booking()
        try:
            company, products, stylist = self._parse(stylist)
            day = parsing.parse_date(date)
        except BookingError as error:
            return self._render_error(error)
        values = self._base_values("slots", products, stylist)
        availability = booking._salon_days_availability(company, products, stylist, day)
        return request.render(
            "salon_booking.website_booking_slots",
            {
                **values,
                "calendar": present_days(company, availability),
                "slot_form": {
                    "action": "/salon/booking/contact",
                    "method": "get",
                    "hidden": {
                        "services": values["services_param"],
                        "stylist": values["stylist_param"],
                    },
                },
                "day_form": {
                    "action": "/salon/booking/slots",
                    "hidden": {
                        "services": values["services_param"],
                        "stylist": values["stylist_param"],
                    },
                },
            },
        )

    @http.route(
        "/salon/booking/contact",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def booking_contact(self, stylist=None, start=None, **kwargs):
        products = None
        try:
            company, products, stylist = self._parse(stylist)
            start = parsing.parse_start(start)
            self._booking()._salon_check_start(company, products, stylist, start)
        except BookingError as error:
            return self._render_booking_error(error, products, stylist)
        return self._render_contact(products, stylist, start)

    def _render_contact(self, products, stylist, start, contact=None, errors=None):
        values = self._base_values("contact", products, stylist, start)
        here = values["booking_url"]("/salon/booking/contact", start=values["start"])
        return request.render(
            "salon_booking.website_booking_contact",
            {
                **values,
                "is_public": request.env.user._is_public(),
                "login_url": self._url("/web/login", redirect=here),
                "signup_url": self._url("/web/signup", redirect=here)
                if request.env["res.users"].sudo()._get_signup_invitation_scope()
                == "b2c"
                else None,
                "contact": contact or {},
                "errors": errors or {},
            },
            status=400 if errors else 200,
        )

    def _parse_posted(self, post):
        """Services, stylist, time and client of a posted step.

        :return: ``(company, products, stylist, start, partner, contact,
            errors)``; ``partner`` is empty for a guest, ``contact`` holds the
            guest's data
        """
        company, products, stylist = self._parse(post.get("stylist"))
        start = parsing.parse_start(post.get("start"))
        partner = request.env["res.partner"]
        contact, errors = {}, {}
        if request.env.user._is_public():
            contact, errors = parsing.parse_contact(post)
        else:
            partner = request.env.user.partner_id
        return company, products, stylist, start, partner, contact, errors

    def _salon_booking_options(self, post, products):
        """The client's choices on the review page, for ``_salon_confirm``.

        Extension point: addons read their own fields here (call super).
        """
        form = request.httprequest.form
        return {
            "accept_policy": bool(post.get("accept_policy")),
            "declined_coverage": parsing.parse_positions(
                form.getlist("decline_coverage"), len(products)
            ),
        }

    def _needs_verification(self, company):
        return company.salon_guest_verify_email and request.env.user._is_public()

    def _throttle(self, company, contact, partner):
        email = contact.get("email") or partner.email
        self._booking()._salon_throttle(company, request.httprequest.remote_addr, email)

    @http.route(
        "/salon/booking/review",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def booking_review(self, **post):
        booking = self._booking()
        products, stylist, contact = None, None, {}
        try:
            company, products, stylist, start, partner, contact, errors = (
                self._parse_posted(post)
            )
            if errors:
                return self._render_contact(products, stylist, start, contact, errors)
            booking._salon_check_start(company, products, stylist, start)
            if self._needs_verification(company):
                self._throttle(company, contact, partner)
                booking._salon_send_verification_code(company, contact)
        except BookingError as error:
            return self._render_booking_error(error, products, stylist, contact)
        return self._render_review(company, products, stylist, start, partner, contact)

    def _render_review(
        self, company, products, stylist, start, partner, contact, error=None, **kw
    ):
        values = self._base_values("review", products, stylist, start)
        return request.render(
            "salon_booking.website_booking_review",
            {
                **values,
                "booking": self._booking()._salon_prepare_booking(
                    company, products, stylist, start, partner
                ),
                "contact": contact,
                "verify_email": self._needs_verification(company),
                "error": error,
                **kw,
            },
            status=400 if error else 200,
        )

    @http.route(
        "/salon/booking/confirm",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def booking_confirm(self, **post):
        booking = self._booking()
        products, stylist, contact, review = None, None, {}, None
        try:
            company, products, stylist, start, partner, contact, errors = (
                self._parse_posted(post)
            )
            if errors:
                return self._render_contact(products, stylist, start, contact, errors)
            review = (company, products, stylist, start, partner, contact)
            if not self._check_captcha():
                raise BookingError(
                    request.env._("The booking could not be verified. Please retry."),
                    status=403,
                )
            self._throttle(company, contact, partner)
            if self._needs_verification(company) and not (
                booking._salon_check_verification_code(
                    company, contact["email"], parsing.parse_code(post.get("code"))
                )
            ):
                return self._render_review(
                    *review,
                    error=request.env._(
                        "This code is not the one we sent to %(email)s, or it "
                        "expired. Check your email, or go back to get a new code.",
                        email=contact["email"],
                    ),
                )
            options = self._salon_booking_options(post, products)
            _appointment, next_url = booking._salon_confirm(
                company, products, stylist, start, partner, contact, options
            )
        except BookingError as error:
            if error.field and review:
                return self._render_review(*review, error=error.args[0])
            return self._render_booking_error(error, products, stylist, contact)
        return request.redirect(next_url, code=303)

    def _check_captcha(self):
        """Odoo's captcha addons (reCAPTCHA, Turnstile) when the salon installs one.

        Without one, ``ir.http`` accepts every request.
        """
        try:
            return request.env["ir.http"]._verify_request_recaptcha_token(
                "salon_booking"
            )
        except (UserError, ValidationError):
            return False

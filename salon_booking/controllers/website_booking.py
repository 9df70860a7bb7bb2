# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlencode

from odoo import http
from odoo.http import request

from ..models.salon_online_booking import BookingError

STEPS = ["services", "stylist", "slots", "contact", "review"]


class SalonWebsiteBooking(http.Controller):
    """Public online booking: services, stylist, time, client, review.

    Every step parses again what the browser sends and asks the model
    ``salon.online.booking`` what is bookable: nothing is trusted from the
    page (services, stylist, time, price), nothing is created before the
    confirmation.
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

    def _base_values(self, step, products=None, stylist=None):
        products = products or request.env["product.product"]
        services = ",".join(str(product_id) for product_id in products.ids)
        stylist_id = stylist.id if stylist else ""
        return {
            "step": step,
            "steps": STEPS,
            "company": self._company().sudo(),
            "products": products,
            "stylist": stylist,
            "services_param": services,
            "stylist_param": stylist_id or "",
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
        return request.render(
            "salon_booking.website_booking_error",
            {**self._base_values(step), "error": error.args[0], **values},
            status=error.status,
        )

    def _parse(self, stylist=None):
        """Services and stylist of the request, checked."""
        company = self._company()
        products = self._booking()._salon_parse_services(
            company, self._services_param()
        )
        stylist = self._booking()._salon_parse_stylist(company, products, stylist)
        return company, products, stylist

    def _render_taken(self, error, products, stylist, contact=None):
        """The time was taken: say so and offer the next free times."""
        booking = self._booking()
        company = self._company()
        alternatives = [
            {
                "start": moment.strftime("%Y-%m-%d %H:%M:%S"),
                "label": booking._salon_format_datetime(company, moment, "medium"),
            }
            for moment in error.alternatives
        ]
        return request.render(
            "salon_booking.website_booking_taken",
            {
                **self._base_values("slots", products, stylist),
                "error": error.args[0],
                "alternatives": alternatives,
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
        selected = set()
        for value in self._services_param():
            selected.update(
                int(part) for part in value.split(",") if part.strip().isdigit()
            )
        categories = {}
        for service in services:
            categories.setdefault(service.salon_category_id, []).append(service)
        return request.render(
            "salon_booking.website_booking_services",
            {
                **self._base_values("services"),
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
            day = booking._salon_parse_date(date)
        except BookingError as error:
            return self._render_error(error)
        values = self._base_values("slots", products, stylist)
        return request.render(
            "salon_booking.website_booking_slots",
            {
                **values,
                "calendar": booking._salon_prepare_days(
                    company, products, stylist, day
                ),
                "slot_url": lambda start: values["booking_url"](
                    "/salon/booking/contact", start=start
                ),
                "day_url": lambda other: values["booking_url"](
                    "/salon/booking/slots", date=other.isoformat()
                ),
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
        booking = self._booking()
        products = None
        try:
            company, products, stylist = self._parse(stylist)
            start = booking._salon_parse_start(start)
            booking._salon_check_start(company, products, stylist, start)
        except BookingError as error:
            return self._render_booking_error(error, products, stylist)
        return self._render_contact(products, stylist, start)

    def _render_contact(self, products, stylist, start, contact=None, errors=None):
        values = self._base_values("contact", products, stylist)
        here = values["booking_url"](
            "/salon/booking/contact", start=start.strftime("%Y-%m-%d %H:%M:%S")
        )
        return request.render(
            "salon_booking.website_booking_contact",
            {
                **values,
                "start": start.strftime("%Y-%m-%d %H:%M:%S"),
                "start_label": self._booking()._salon_format_datetime(
                    self._company(), start
                ),
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

        :return: ``(products, stylist, start, partner, contact, errors)``;
            ``partner`` is empty for a guest, ``contact`` holds the guest's data
        """
        booking = self._booking()
        company, products, stylist = self._parse(post.get("stylist"))
        start = booking._salon_parse_start(post.get("start"))
        partner = request.env["res.partner"]
        contact, errors = {}, {}
        if request.env.user._is_public():
            contact, errors = booking._salon_parse_contact(post)
        else:
            partner = request.env.user.partner_id
        return company, products, stylist, start, partner, contact, errors

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
        except BookingError as error:
            return self._render_booking_error(error, products, stylist, contact)
        return self._render_review(company, products, stylist, start, partner, contact)

    def _render_review(
        self, company, products, stylist, start, partner, contact, error=None
    ):
        values = self._base_values("review", products, stylist)
        return request.render(
            "salon_booking.website_booking_review",
            {
                **values,
                "booking": self._booking()._salon_prepare_booking(
                    company, products, stylist, start, partner
                ),
                "start": start.strftime("%Y-%m-%d %H:%M:%S"),
                "contact": contact,
                "error": error,
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
        products, stylist, contact = None, None, {}
        try:
            company, products, stylist, start, partner, contact, errors = (
                self._parse_posted(post)
            )
            if errors:
                return self._render_contact(products, stylist, start, contact, errors)
            if company.salon_online_policy and not post.get("accept_policy"):
                return self._render_review(
                    company,
                    products,
                    stylist,
                    start,
                    partner,
                    contact,
                    error=request.env._(
                        "Please accept the salon's policies to confirm."
                    ),
                )
            appointment, next_url = booking._salon_confirm(
                company, products, stylist, start, partner, contact
            )
        except BookingError as error:
            return self._render_booking_error(error, products, stylist, contact)
        return request.redirect(next_url, code=303)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlencode

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal, pager

from ..models.salon_online_booking import BookingError
from . import parsing
from .presentation import present_days, present_moments

PAST_PER_PAGE = 20


def past_page(model, domain, url, page, order):
    """One page of a client's past records (appointments, packages) under
    what is current: ``(records, pager)``.

    :param model: the model to read (sudo: ``domain`` carries the ownership)
    :param page: the page asked for, as the route got it (parsed here)
    """
    page_pager = pager(
        url=url,
        total=model.search_count(domain),
        page=parsing.parse_page(page),
        step=PAST_PER_PAGE,
    )
    records = model.search(
        domain, order=order, limit=PAST_PER_PAGE, offset=page_pager["offset"]
    )
    return records, page_pager


class SalonPortal(CustomerPortal):
    """ "My appointments": list, detail, cancel and reschedule.

    A client reaches an appointment when it is theirs (logged in) or with
    the access token of the links in their emails; anyone else gets a 404.
    """

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------

    @staticmethod
    def _salon_domain(partner):
        return [
            ("salon_is_appointment", "=", True),
            ("salon_partner_id", "=", partner.id),
        ]

    def _salon_check_access(self, appointment_id, access_token=None):
        """The appointment (sudo) if the visitor may see it.

        :raise MissingError: no such appointment
        :raise AccessError: neither the client nor a valid token
        """
        appointment = request.env["calendar.event"].sudo().browse(appointment_id)
        if not appointment.exists() or not appointment.salon_is_appointment:
            raise MissingError(request.env._("This appointment does not exist."))
        user = request.env.user
        if not user._is_public() and appointment.salon_partner_id == user.partner_id:
            return appointment
        token = appointment.salon_access_token
        access_token = parsing.parse_token(access_token)
        if access_token and token and consteq(token, access_token):
            return appointment
        raise AccessError(request.env._("You cannot see this appointment."))

    @staticmethod
    def _salon_upcoming_domain():
        """Appointments to come that still hold their time."""
        free = request.env["calendar.event"]._salon_get_free_states()
        return [
            ("start", ">=", fields.Datetime.now()),
            ("salon_state", "not in", list(free)),
        ]

    def _salon_refuse(self):
        """Anonymous visitors log in; everyone else finds nothing."""
        if request.env.user._is_public() and not request.params.get("access_token"):
            query = urlencode({"redirect": request.httprequest.full_path})
            return request.redirect(f"/web/login?{query}")
        raise request.not_found()

    # ------------------------------------------------------------------
    # Home and list
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "salon_appointment_count" in counters:
            partner = request.env.user.partner_id
            Event = request.env["calendar.event"].sudo()
            values["salon_appointment_count"] = Event.search_count(
                self._salon_domain(partner) + self._salon_upcoming_domain()
            )
        return values

    @http.route(
        ["/my/salon/appointments", "/my/salon/appointments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_salon_appointments(self, page=1, **kwargs):
        Event = request.env["calendar.event"].sudo()
        domain = self._salon_domain(request.env.user.partner_id)
        upcoming = Event.search(domain + self._salon_upcoming_domain(), order="start")
        past, past_pager = past_page(
            Event,
            domain + [("id", "not in", upcoming.ids)],
            "/my/salon/appointments",
            page,
            "start desc",
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "salon_appointments",
                "upcoming": upcoming,
                "past": past,
                "pager": past_pager,
                "default_url": "/my/salon/appointments",
            }
        )
        return request.render("salon_booking.portal_my_salon_appointments", values)

    # ------------------------------------------------------------------
    # Detail, calendar file, cancel, reschedule
    # ------------------------------------------------------------------

    def _salon_appointment_values(self, appointment, access_token, **values):
        company = appointment.salon_company_id
        free = appointment._salon_get_free_states()
        return {
            **self._prepare_portal_layout_values(),
            "page_name": "salon_appointment",
            "appointment": appointment,
            "company": company,
            "access_token": parsing.parse_token(access_token),
            "portal_url": appointment._salon_get_portal_url(),
            "start_label": company._salon_format_datetime(
                appointment.start, lang=request.env.lang
            ),
            "deadline_label": company._salon_format_datetime(
                appointment._salon_get_cancel_deadline(),
                "medium",
                lang=request.env.lang,
            ),
            "can_change": appointment._salon_client_can_change(),
            "is_upcoming": appointment.start >= fields.Datetime.now()
            and appointment.salon_state not in free
            and appointment.salon_state != "done",
            "no_breadcrumbs": request.env.user._is_public(),
            **values,
        }

    def _salon_render_appointment(self, appointment, access_token, status=200, **kw):
        return request.render(
            "salon_booking.portal_my_salon_appointment",
            self._salon_appointment_values(appointment, access_token, **kw),
            status=status,
        )

    @http.route(
        [
            "/my/salon/appointments/<int:appointment_id>",
            "/my/salon/appointments/<int:appointment_id>/done",
        ],
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def portal_salon_appointment(self, appointment_id, access_token=None, **kwargs):
        try:
            appointment = self._salon_check_access(appointment_id, access_token)
        except (AccessError, MissingError):
            return self._salon_refuse()
        just_booked = request.httprequest.path.endswith("/done")
        return self._salon_render_appointment(
            appointment,
            access_token,
            just_booked=just_booked,
            message=kwargs.get("message"),
        )

    @http.route(
        "/my/salon/appointments/<int:appointment_id>/ics",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def portal_salon_appointment_ics(self, appointment_id, access_token=None, **kw):
        try:
            appointment = self._salon_check_access(appointment_id, access_token)
        except (AccessError, MissingError):
            return self._salon_refuse()
        ics = appointment._salon_client_ics()
        filename = f"{appointment.salon_reference or 'appointment'}.ics"
        return request.make_response(
            ics,
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route(
        "/my/salon/appointments/<int:appointment_id>/cancel",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_salon_appointment_cancel(
        self, appointment_id, access_token=None, **kwargs
    ):
        try:
            appointment = self._salon_check_access(appointment_id, access_token)
        except (AccessError, MissingError):
            return self._salon_refuse()
        try:
            request.env["salon.online.booking"]._salon_portal_cancel(appointment)
        except BookingError as error:
            return self._salon_render_appointment(
                appointment, access_token, status=error.status, error=error.args[0]
            )
        return request.redirect(
            appointment._salon_get_portal_url(query="message=cancelled"), code=303
        )

    @http.route(
        "/my/salon/appointments/<int:appointment_id>/reschedule",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def portal_salon_appointment_reschedule(
        self, appointment_id, access_token=None, date=None, **kwargs
    ):
        try:
            appointment = self._salon_check_access(appointment_id, access_token)
        except (AccessError, MissingError):
            return self._salon_refuse()
        booking = request.env["salon.online.booking"]
        try:
            booking._salon_check_client_can_change(appointment)
            day = parsing.parse_date(date)
        except BookingError as error:
            return self._salon_render_appointment(
                appointment, access_token, status=error.status, error=error.args[0]
            )
        return self._salon_render_reschedule(appointment, access_token, day)

    def _salon_render_reschedule(
        self,
        appointment,
        access_token,
        day=None,
        error=None,
        status=200,
        alternatives=None,
    ):
        booking = request.env["salon.online.booking"]
        company = appointment.salon_company_id
        base_url = f"/my/salon/appointments/{appointment.id}/reschedule"
        return request.render(
            "salon_booking.portal_my_salon_reschedule",
            {
                **self._salon_appointment_values(
                    appointment, access_token, error=error
                ),
                "page_name": "salon_reschedule",
                "action_url": base_url,
                "calendar": present_days(
                    company,
                    booking._salon_days_availability(
                        company,
                        booking._salon_portal_products(appointment),
                        appointment.salon_employee_id,
                        day,
                        exclude=appointment,
                    ),
                ),
                "slot_form": {
                    "action": f"{base_url}/confirm",
                    "method": "post",
                    "hidden": {
                        "csrf_token": request.csrf_token(),
                        "access_token": parsing.parse_token(access_token) or "",
                    },
                },
                "day_form": {
                    "action": base_url,
                    "hidden": {
                        "access_token": parsing.parse_token(access_token) or "",
                    },
                },
                "alternatives": present_moments(company, alternatives or []),
            },
            status=status,
        )

    @http.route(
        "/my/salon/appointments/<int:appointment_id>/reschedule/confirm",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_salon_appointment_reschedule_confirm(
        self, appointment_id, access_token=None, start=None, **kwargs
    ):
        try:
            appointment = self._salon_check_access(appointment_id, access_token)
        except (AccessError, MissingError):
            return self._salon_refuse()
        booking = request.env["salon.online.booking"]
        try:
            moment = parsing.parse_start(start)
            booking._salon_portal_reschedule(appointment, moment)
        except BookingError as error:
            if error.status == 403:
                return self._salon_render_appointment(
                    appointment, access_token, status=403, error=error.args[0]
                )
            return self._salon_render_reschedule(
                appointment,
                access_token,
                error=error.args[0],
                status=error.status,
                alternatives=error.alternatives,
            )
        return request.redirect(
            appointment._salon_get_portal_url(query="message=moved"), code=303
        )

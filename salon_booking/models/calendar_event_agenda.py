# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The salon's day at a glance: the agenda, one column per stylist.

``salon_agenda_data`` gives the agenda view (``static/src/agenda``) all it
shows of a day or a week in one call and a constant number of queries; the
view moves an appointment by drag and drop with ``salon_agenda_move``, which
goes through the checks of any reschedule. Times reach the view as minutes
from the local midnight of the salon's timezone.
"""

from datetime import timedelta
from itertools import chain

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_time

from .availability import local_day_bounds
from .salon_availability import to_naive_utc, to_utc

AGENDA_DAYS = (1, 7)
# the hours shown when the period has no working time and no appointment
DEFAULT_HOURS = (8 * 60, 20 * 60)
DAY_MINUTES = 24 * 60
# what the agenda reads of its appointments, all in one query
APPOINTMENT_FIELDS = [
    "salon_reference",
    "salon_employee_id",
    "salon_partner_id",
    "salon_service_summary",
    "salon_state",
    "salon_payment_state",
    "start",
    "stop",
    # what the record rules read to tell whether the user may move it
    "salon_is_appointment",
    "salon_company_id",
    "privacy",
    "user_id",
]
MOVED_TEMPLATE = "salon_booking.mail_template_salon_moved"


def local_minutes(moment, day):
    """Wall-clock minutes of ``moment`` (aware, in the salon's timezone) from
    the midnight of the local date ``day`` (past 1440 on the days after)."""
    return (moment.date() - day).days * DAY_MINUTES + moment.hour * 60 + moment.minute


def minutes_by_day(intervals, tz, days):
    """Intervals cut at local midnights, in minutes from each day's midnight.

    :param intervals: ``(start, stop)`` aware datetimes
    :param tz: the salon's pytz timezone
    :param days: the local dates wanted (intervals of other days are dropped)
    :return: ``{date: [[start, stop], ...]}`` (a stop at midnight is 1440)
    """
    result = {day: [] for day in days}
    for begin, end in intervals:
        cursor, end = begin.astimezone(tz), end.astimezone(tz)
        while cursor < end:
            day = cursor.date()
            piece_end = min(end, local_day_bounds(tz, day)[1]).astimezone(tz)
            if day in result:
                result[day].append(
                    [local_minutes(cursor, day), local_minutes(piece_end, day)]
                )
            cursor = piece_end
    return result


def hour_range(intervals, default=DEFAULT_HOURS):
    """``(first, last)``: the whole hours a grid shows to hold ``intervals``.

    :param intervals: ``(start, stop)`` in minutes from midnight
    :return: minutes from midnight, at least one hour apart, within the day;
        ``default`` without intervals
    """
    intervals = list(intervals)
    if not intervals:
        return default
    first = min(start for start, _stop in intervals) // 60 * 60
    last = -(-max(stop for _start, stop in intervals) // 60) * 60
    first = max(0, min(first, DAY_MINUTES - 60))
    return first, min(max(last, first + 60), DAY_MINUTES)


# calendar.event is extended by concern (appointment, money, POS, client,
# agenda) in files of their own: one class would hold them all in one very
# long file
class CalendarEvent(models.Model):
    _inherit = "calendar.event"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # The agenda's data
    # ------------------------------------------------------------------

    @api.model
    def salon_agenda_data(
        self, date_from, days=1, stylist_ids=None, category_ids=None, states=None
    ):
        """What the agenda shows of ``days`` days from ``date_from``.

        A constant number of queries whatever the number of stylists and
        appointments: the stylists, their working time (one query for all,
        :meth:`salon.availability._salon_work_intervals`), the appointments
        and their stored fields in batch.

        :param date_from: the first local day, ``YYYY-MM-DD`` (empty: today)
        :param days: 1 (a day) or 7 (a week)
        :param stylist_ids: only these stylists (default: all the salon's)
        :param category_ids: only appointments with a service of these
            service categories
        :param states: only appointments in these states (default: all but
            cancelled)
        :return: JSON-able dict: ``date_from``, ``days``, ``today``, ``tz``,
            ``hour_from`` and ``hour_to`` (the grid, in minutes from
            midnight), ``slot_step``, ``stylists``, ``work`` (``{stylist id:
            {day: [[start, stop]]}}``), ``appointments`` (rows of
            :meth:`_salon_agenda_values`), ``states``, ``categories``,
            ``can_edit``; times in minutes from the local midnight
        """
        if days not in AGENDA_DAYS:
            raise UserError(self.env._("The agenda shows a day or a week."))
        company = self.env.company
        tz = company._salon_get_tz()
        today = pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()
        try:
            first = fields.Date.to_date(date_from) or today
        except ValueError:
            raise UserError(
                self.env._("%s is not a date (YYYY-MM-DD).", date_from)
            ) from None
        period = [first + timedelta(days=index) for index in range(days)]
        start, stop = local_day_bounds(tz, first, days)
        stylists = self._salon_agenda_stylists(company, stylist_ids)
        work = (
            self.env["salon.availability"]._salon_work_intervals(stylists, start, stop)
            if stylists
            else {}
        )
        work = {
            str(stylist.id): {
                day.isoformat(): intervals
                for day, intervals in minutes_by_day(
                    work.get(stylist.id, []), tz, period
                ).items()
            }
            for stylist in stylists
        }
        selection = self._fields["salon_state"]._description_selection(self.env)
        if states is None:
            states = [value for value, _label in selection if value != "cancelled"]
        appointments = self._salon_agenda_search(
            company, start, stop, stylists, category_ids, states
        )._salon_agenda_values(tz)
        hour_from, hour_to = hour_range(
            chain(
                (
                    interval
                    for days_work in work.values()
                    for intervals in days_work.values()
                    for interval in intervals
                ),
                ((row["start"], row["end"]) for row in appointments),
            )
        )
        categories = self.env["salon.service.category"].search_fetch([], ["name"])
        return {
            "date_from": first.isoformat(),
            "days": [day.isoformat() for day in period],
            "today": today.isoformat(),
            "tz": tz.zone,
            "hour_from": hour_from,
            "hour_to": hour_to,
            "slot_step": company.salon_slot_step or 15,
            "stylists": [
                {"id": stylist.id, "name": stylist.name} for stylist in stylists
            ],
            # all the salon's stylists, for the filter's buttons
            "all_stylists": [
                {"id": stylist.id, "name": stylist.name}
                for stylist in (
                    self._salon_agenda_stylists(company) if stylist_ids else stylists
                )
            ],
            "work": work,
            "appointments": appointments,
            "states": [[value, label] for value, label in selection],
            "categories": [[category.id, category.name] for category in categories],
            "can_edit": self._salon_agenda_can_edit(),
        }

    @api.model
    def _salon_agenda_stylists(self, company, stylist_ids=None):
        """The salon's active stylists (and shared ones), in the agenda's order."""
        domain = [
            ("salon_is_stylist", "=", True),
            ("company_id", "in", [company.id, False]),
        ]
        if stylist_ids:
            domain.append(("id", "in", list(stylist_ids)))
        return self.env["hr.employee"].search_fetch(domain, ["name"], order="name, id")

    @api.model
    def _salon_agenda_search(
        self, company, start, stop, stylists, category_ids, states
    ):
        """The appointments of ``stylists`` starting between two aware datetimes."""
        domain = [
            ("salon_is_appointment", "=", True),
            ("salon_company_id", "=", company.id),
            ("start", ">=", to_naive_utc(start)),
            ("start", "<", to_naive_utc(stop)),
            ("salon_employee_id", "in", stylists.ids),
            ("salon_state", "in", list(states)),
        ]
        if category_ids:
            domain.append(
                (
                    "salon_line_ids.product_id.salon_category_id",
                    "in",
                    list(category_ids),
                )
            )
        return self.search_fetch(domain, APPOINTMENT_FIELDS, order="start, id")

    def _salon_agenda_values(self, tz):
        """The agenda's rows of these appointments, read in batch.

        :param tz: the salon's pytz timezone
        :return: list of dicts: ``id``, ``reference``, ``stylist_id``, ``day``
            (local date of the start), ``start`` and ``end`` (minutes from that
            day's midnight), ``start_utc``, ``client``, ``services``,
            ``state``, ``state_label``, ``color``, ``payment_state``,
            ``payment_state_label``, ``can_move``
        """
        changeable = self._salon_get_changeable_states()
        writable = (
            self._filtered_access("write")
            if self._salon_agenda_can_edit()
            else self.browse()
        )
        rows = []
        for event in self:
            begin = pytz.utc.localize(event.start).astimezone(tz)
            day = begin.date()
            rows.append(
                {
                    "id": event.id,
                    "reference": event.salon_reference or "",
                    "stylist_id": event.salon_employee_id.id,
                    "day": day.isoformat(),
                    "start": local_minutes(begin, day),
                    "end": local_minutes(
                        pytz.utc.localize(event.stop).astimezone(tz), day
                    ),
                    "start_utc": fields.Datetime.to_string(event.start),
                    "client": event.salon_partner_name or "",
                    "services": event.salon_service_summary or "",
                    "state": event.salon_state,
                    "state_label": event.salon_state_label,
                    "color": event.salon_color,
                    "payment_state": event.salon_payment_state or "",
                    "payment_state_label": event.salon_payment_state_label or "",
                    "can_move": event.salon_state in changeable and event in writable,
                }
            )
        return rows

    @api.model
    def _salon_agenda_can_edit(self):
        """Whether the user moves appointments in the agenda (salon staff)."""
        return self.env.user.has_group(
            "salon_booking.group_user"
        ) and self.browse().has_access("write")

    # ------------------------------------------------------------------
    # Moving an appointment (drag and drop)
    # ------------------------------------------------------------------

    def salon_agenda_move(self, start_utc, stylist_id):
        """Move the appointment to ``start_utc`` with the stylist ``stylist_id``.

        The checks of any reschedule: a state the appointment may still be
        moved from, :meth:`_salon_check_move` (the stylist works then), then
        those of ``write`` (the stylist performs the services, no overlap:
        PostgreSQL's exclusion constraint). A refused move raises and changes
        nothing. The chatter says where it was; the client gets an email
        (setting ``salon_notify_moved``; context ``salon_no_mail`` silences it).

        :param start_utc: the new start, ``YYYY-MM-DD HH:MM:SS`` naive UTC
        :param stylist_id: id of the stylist (``hr.employee``)
        :return: the appointment's row of the agenda, as in
            :meth:`salon_agenda_data`
        """
        self.ensure_one()
        self.check_access("write")
        if not self._salon_agenda_can_edit():
            raise AccessError(
                self.env._("Only the salon's staff move appointments in the agenda.")
            )
        if not self.salon_is_appointment:
            raise UserError(
                self.env._("%s is not a salon appointment.", self.display_name)
            )
        if self.salon_state not in self._salon_get_changeable_states():
            raise UserError(
                self.env._(
                    "%(appointment)s is %(state)s: it can no longer be moved.",
                    appointment=self.salon_reference or self.display_name,
                    state=self.salon_state_label,
                )
            )
        try:
            start = fields.Datetime.to_datetime(start_utc)
        except ValueError:
            start = None
        stylist = self.env["hr.employee"].browse(stylist_id).exists()
        if not start or not stylist.salon_is_stylist or not stylist.active:
            raise UserError(
                self.env._("Choose a time and a stylist to move the appointment to.")
            )
        tz = self.salon_company_id._salon_get_tz()
        if start == self.start and stylist == self.salon_employee_id:
            return self._salon_agenda_values(tz)[0]
        old = self._salon_agenda_move_label()
        with self.env.cr.savepoint():
            self._salon_check_move(start, stylist)
            self.write({"start": start, "salon_employee_id": stylist.id})
            self.message_post(
                body=self.env._(
                    "Moved from %(old)s to %(new)s.",
                    old=old,
                    new=self._salon_agenda_move_label(),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
            if self.salon_company_id.salon_notify_moved and not self.env.context.get(
                "salon_no_mail"
            ):
                self._salon_send_mail(MOVED_TEMPLATE)
        return self._salon_agenda_values(tz)[0]

    def _salon_check_move(self, start, stylist):
        """Refuse to move this appointment to ``start`` with ``stylist``.

        Called by :meth:`salon_agenda_move` before it writes: raise a
        ``UserError`` or ``ValidationError`` with the reason to refuse.
        Extension point (call super): an addon refuses, e.g., to give a paid
        appointment to another stylist. Here: the stylist works
        for the whole of the services that day (working hours, less time off
        and public holidays); as the free times of the booking assistant, the
        buffer after the last service may run past closing time.

        :param start: the new start, naive UTC
        :param stylist: the new stylist (``hr.employee``)
        """
        self.ensure_one()
        company = self.salon_company_id
        tz = company._salon_get_tz()
        duration, _blocked = self._salon_span()
        begin, end = to_utc(start), to_utc(start + duration)
        day_start, day_stop = local_day_bounds(tz, begin.astimezone(tz).date())
        work = self.env["salon.availability"]._salon_work_intervals(
            stylist, day_start, max(day_stop, end)
        )
        if not any(a <= begin and end <= b for a, b in work.get(stylist.id, [])):
            raise ValidationError(
                self.env._(
                    "%(stylist)s does not work for the whole appointment: "
                    "%(start)s to %(end)s.",
                    stylist=stylist.name,
                    start=company._salon_format_datetime(start, "medium"),
                    end=format_time(
                        self.env, start + duration, tz=tz.zone, time_format="short"
                    ),
                )
            )

    def _salon_agenda_move_label(self):
        """Where the appointment is, for the chatter: "<time>, <stylist>"."""
        self.ensure_one()
        label = self.salon_company_id._salon_format_datetime(self.start, "medium")
        if self.salon_employee_id:
            label = f"{label}, {self.salon_employee_id.name}"
        return label

    @api.model
    def _salon_ics_templates(self):
        # the client's calendar follows the move (the same event uid)
        return super()._salon_ics_templates() | {MOVED_TEMPLATE}

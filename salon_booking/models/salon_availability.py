# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Free times of the stylists: the one entry point of the availability engine.

The agenda's booking assistant, the website, the portal and the POS all ask
``salon.availability._salon_find_slots``. It reads working hours, leaves and
appointments in a constant number of queries and hands plain values to the
functions of :mod:`.availability`.
"""

from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, models
from odoo.osv import expression

from . import availability


def to_utc(moment):
    """Aware UTC datetime from a naive (Odoo, UTC) or aware datetime."""
    if moment.tzinfo is None:
        return pytz.utc.localize(moment)
    return moment.astimezone(pytz.utc)


def to_naive_utc(moment):
    """Naive UTC datetime (Odoo's) from an aware or naive UTC datetime."""
    return to_utc(moment).replace(tzinfo=None)


def services_span(products):
    """``(duration, blocked)`` of ``products`` performed in sequence."""
    return availability.sequence_span(
        [
            (timedelta(hours=p.salon_duration), timedelta(hours=p.salon_buffer_after))
            for p in products
        ]
    )


class SalonAvailability(models.AbstractModel):
    _name = "salon.availability"
    _description = "Salon Availability"

    @api.model
    def _salon_stylists_domain(self, products, stylists=None, company=None):
        domain = [("salon_is_stylist", "=", True)]
        for template in products.product_tmpl_id:
            domain = expression.AND([domain, [("salon_service_ids", "=", template.id)]])
        if stylists:
            domain = expression.AND([domain, [("id", "in", stylists.ids)]])
        if company:
            domain = expression.AND(
                [domain, [("company_id", "in", (company.id, False))]]
            )
        return domain

    @api.model
    def _salon_find_slots(
        self,
        products,
        start,
        stop,
        stylists=None,
        company=None,
        not_before=None,
        exclude=None,
        taken=None,
    ):
        """Free start times for ``products`` in sequence between two datetimes.

        Reads its data in a constant number of queries, whatever the number of
        stylists and days.

        :param products: ``product.product`` services, in the order performed
        :param stylists: stylists to consider; all able ones when empty
            ("no preference")
        :param company: only stylists of this salon (and shared ones)
        :param not_before: earliest start (e.g. now plus the lead time)
        :param exclude: appointments to ignore (the one being rescheduled)
        :param taken: ``{stylist id: [(start, stop)]}`` known busy although
            not visible yet (a time a concurrent booking just took)
        :return: ordered list of ``(start, stylist ids)``, starts naive in UTC
        """
        if not products:
            return []
        # records of a form being edited are new records: search with the real ones
        products = products._origin
        stylists = stylists._origin if stylists else stylists
        start, stop = to_utc(start), to_utc(stop)
        not_before = to_utc(not_before) if not_before else None
        stylists = self.env["hr.employee"].search_fetch(
            self._salon_stylists_domain(products, stylists, company),
            ["resource_calendar_id", "resource_id", "tz", "company_id"],
        )
        if not stylists or start >= stop:
            return []
        duration, blocked = services_span(products)
        company = company or stylists[0].company_id or self.env.company
        step = timedelta(minutes=company.salon_slot_step or 15)
        work = self._salon_work_intervals(stylists, start, stop)
        busy = self._salon_busy_intervals(stylists, start - blocked, stop, exclude)
        for stylist_id, intervals in (taken or {}).items():
            busy[stylist_id] = busy[stylist_id] + [
                (to_utc(begin), to_utc(end)) for begin, end in intervals
            ]
        slots = defaultdict(list)
        for stylist in stylists:
            for moment in availability.free_starts(
                work[stylist.id],
                busy[stylist.id],
                duration,
                blocked,
                step,
                not_before=not_before,
                tz=stylist.tz,
            ):
                slots[moment].append(stylist.id)
        return [(to_naive_utc(moment), ids) for moment, ids in sorted(slots.items())]

    @api.model
    def _salon_work_intervals(self, stylists, start, stop):
        """Working intervals of each stylist: schedules minus leaves (2 queries).

        The same intervals as Odoo's ``resource.calendar._work_intervals_batch``:
        the calendar's attendances plus the stylist's own, minus the leaves of
        the stylist, of the calendar, and the public holidays of the stylist's
        company. A stylist on flexible hours (or without working hours) works
        the salon's opening hours (the company's working hours).

        :return: ``{stylist id: [(start, stop)]}``, aware UTC intervals
        """
        flexible = stylists.filtered(lambda s: s.resource_id._is_flexible())
        opening = self.env["res.company"].browse(
            {s.company_id.id or self.env.company.id for s in flexible}
        )
        calendars = (stylists - flexible).resource_calendar_id | (
            opening.resource_calendar_id.filtered(lambda c: not c.flexible_hours)
        )
        resources = stylists.resource_id
        # a leave is stored with the calendar of its resource: a flexible
        # stylist's personal leaves are on their own (flexible) calendar
        leave_calendars = calendars | flexible.resource_calendar_id
        attendances = self.env["resource.calendar.attendance"].search_fetch(
            [
                ("calendar_id", "in", calendars.ids),
                ("display_type", "=", False),
                ("day_period", "!=", "lunch"),
                ("resource_id", "in", [False] + resources.ids),
            ],
            [
                "calendar_id",
                "resource_id",
                "dayofweek",
                "hour_from",
                "hour_to",
                "week_type",
                "date_from",
                "date_to",
            ],
        )
        leaves = self.env["resource.calendar.leaves"].search_fetch(
            [
                ("time_type", "=", "leave"),
                ("calendar_id", "in", [False] + leave_calendars.ids),
                ("resource_id", "in", [False] + resources.ids),
                ("date_from", "<", to_naive_utc(stop)),
                ("date_to", ">", to_naive_utc(start)),
            ],
            ["calendar_id", "resource_id", "company_id", "date_from", "date_to"],
        )
        rules = defaultdict(list)
        for att in attendances:
            rules[att.calendar_id.id, att.resource_id.id].append(
                availability.Attendance(
                    int(att.dayofweek),
                    att.hour_from,
                    att.hour_to,
                    att.week_type,
                    att.date_from,
                    att.date_to,
                )
            )
        result = {}
        for stylist in stylists:
            resource = stylist.resource_id
            if stylist in flexible:
                company = stylist.company_id or self.env.company
                calendar = company.resource_calendar_id
                own = []
                leaves_of = {False, calendar.id, stylist.resource_calendar_id.id}
            else:
                calendar = stylist.resource_calendar_id
                own = rules[calendar.id, resource.id]
                leaves_of = {False, calendar.id}
            if not calendar or calendar.flexible_hours:
                intervals = [(start, stop)]
            else:
                intervals = availability.work_intervals(
                    rules[calendar.id, False] + own,
                    stylist.tz,
                    start,
                    stop,
                    two_weeks=calendar.two_weeks_calendar,
                )
            off = [
                self._salon_leave_interval(leave, stylist, stylist in flexible)
                for leave in leaves
                if leave.calendar_id.id in leaves_of
                and (
                    leave.resource_id == resource
                    or (
                        not leave.resource_id
                        and leave.company_id == stylist.resource_id.company_id
                    )
                )
            ]
            result[stylist.id] = [
                (to_utc(begin), to_utc(end))
                for begin, end in availability.subtract(intervals, off)
            ]
        return result

    @api.model
    def _salon_leave_interval(self, leave, stylist, flexible):
        begin = pytz.utc.localize(leave.date_from)
        end = pytz.utc.localize(leave.date_to)
        if flexible and leave.resource_id:
            # as resource.calendar._handle_flexible_leave_interval: whole days
            first, last = (
                availability.local_day_bounds(stylist.tz or "UTC", moment.date())
                for moment in (
                    begin.astimezone(pytz.timezone(stylist.tz or "UTC")),
                    end.astimezone(pytz.timezone(stylist.tz or "UTC")),
                )
            )
            begin, end = first[0], last[1]
        return begin, end

    @api.model
    def _salon_busy_intervals(self, stylists, start, stop, exclude=None):
        """Time each stylist is already booked, buffers included (1 query)."""
        domain = [
            ("salon_employee_id", "in", stylists.ids),
            ("salon_blocks_slot", "=", True),
            ("start", "<", to_naive_utc(stop)),
            ("salon_blocked_stop", ">", to_naive_utc(start)),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        events = (
            self.env["calendar.event"]
            .sudo()
            .search_fetch(domain, ["salon_employee_id", "start", "salon_blocked_stop"])
        )
        result = defaultdict(list)
        for event in events:
            result[event.salon_employee_id.id].append(
                (
                    pytz.utc.localize(event.start),
                    pytz.utc.localize(event.salon_blocked_stop),
                )
            )
        return result

    @api.model
    def _salon_pick_stylist(self, products, start, candidates, company=None):
        """For "no preference": among ``candidates`` free at ``start``, the
        stylist with the most free time that day (the least busy).

        :param candidates: ``hr.employee`` free at ``start``
        """
        if len(candidates) <= 1:
            return candidates
        company = company or self.env.company
        day = pytz.utc.localize(to_naive_utc(start)).astimezone(company._salon_get_tz())
        day_start, day_stop = availability.local_day_bounds(
            company._salon_get_tz(), day.date()
        )
        slots = self._salon_find_slots(
            products, day_start, day_stop, stylists=candidates, company=company
        )
        assigned = dict(availability.assign_stylists(slots))
        moment = to_naive_utc(start)
        if moment in assigned:
            return candidates.browse(assigned[moment])
        return candidates[:1]

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Free times of the stylists: the one entry point of the availability engine.

The agenda's booking assistant, the website, the portal and the POS all ask
``salon.availability._salon_find_slots``. It reads working hours, leaves and
appointments in a constant number of queries and hands plain values to the
functions of :mod:`.availability`.
"""

from datetime import datetime, timedelta
from functools import partial

import pytz

from odoo import api, models
from odoo.tools import SQL

from . import availability

NAIVE_EPOCH = datetime(1970, 1, 1)
# what the agenda query reads, flushed first
AGENDA_COLUMNS = {
    "hr.employee": ["resource_id", "company_id", "name"],
    "resource.resource": ["tz", "calendar_id", "company_id"],
    "resource.calendar": ["flexible_hours", "two_weeks_calendar"],
    "res.company": ["resource_calendar_id"],
    "resource.calendar.attendance": [
        "calendar_id",
        "resource_id",
        "display_type",
        "day_period",
        "dayofweek",
        "hour_from",
        "hour_to",
        "week_type",
        "date_from",
        "date_to",
    ],
    "resource.calendar.leaves": [
        "time_type",
        "calendar_id",
        "resource_id",
        "company_id",
        "date_from",
        "date_to",
    ],
    "calendar.event": [
        "salon_employee_id",
        "salon_blocks_slot",
        "start",
        "salon_blocked_stop",
    ],
}
# Per stylist: the working calendar (a stylist on flexible hours or without
# working hours works the company's), its attendances (generic, and the
# stylist's own unless flexible; lunch excluded), the leaves (the stylist's,
# the working calendar's and the own calendar's, and public holidays of the
# stylist's company) and the appointments that hold the stylist's time.
AGENDA_QUERY = """
SELECT e.id, r.id, r.tz,
       CASE WHEN wc.flexible_hours THEN NULL ELSE wc.id END,
       (c.id IS NULL OR c.flexible_hours),
       wc.two_weeks_calendar,
       (SELECT json_agg(json_build_array(
                   a.resource_id, a.dayofweek, a.hour_from, a.hour_to,
                   a.week_type, a.date_from, a.date_to))::text
          FROM resource_calendar_attendance a
         WHERE a.calendar_id = wc.id
           AND a.display_type IS NULL
           AND a.day_period != 'lunch'
           AND (a.resource_id IS NULL
                OR (a.resource_id = r.id AND wc.id = c.id))),
       (SELECT json_agg(json_build_array(
                   l.resource_id IS NOT NULL,
                   floor(extract(epoch FROM l.date_from) / 60)::bigint,
                   ceil(extract(epoch FROM l.date_to) / 60)::bigint))::text
          FROM resource_calendar_leaves l
         WHERE l.time_type = 'leave'
           AND (l.calendar_id IS NULL OR l.calendar_id IN (wc.id, c.id))
           AND (l.resource_id = r.id
                OR (l.resource_id IS NULL AND l.company_id = r.company_id))
           AND l.date_from < %(stop)s AND l.date_to > %(start)s),
       (SELECT json_agg(json_build_array(
                   floor(extract(epoch FROM ev.start) / 60)::bigint,
                   ceil(extract(epoch FROM ev.salon_blocked_stop) / 60)::bigint))::text
          FROM calendar_event ev
         WHERE ev.salon_employee_id = e.id
           AND ev.salon_blocks_slot
           -- the expression of the overlap constraint: its index is used
           AND tsrange(ev.start, ev.salon_blocked_stop, '[)')
               && tsrange(%(busy_from)s, %(stop)s, '[)')
           AND ev.id != ALL(%(exclude)s::int[]))
  FROM hr_employee e
  JOIN resource_resource r ON r.id = e.resource_id
  LEFT JOIN resource_calendar c ON c.id = r.calendar_id
  LEFT JOIN res_company co ON co.id = COALESCE(e.company_id, %(company)s)
  LEFT JOIN resource_calendar wc ON wc.id = CASE
       WHEN c.id IS NULL OR c.flexible_hours THEN co.resource_calendar_id
       ELSE c.id END
 WHERE %(where)s
 ORDER BY e.name, e.id
"""


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
        online=False,
        detail=None,
    ):
        """Free start times for ``products`` in sequence between two datetimes.

        Reads everything it needs in one query (:meth:`_salon_agenda_rows`),
        whatever the number of stylists and days.

        :param products: ``product.product`` services, in the order performed
        :param stylists: stylists to consider; all able ones when empty
            ("no preference")
        :param company: only stylists of this salon (and shared ones)
        :param not_before: earliest start (e.g. now plus the lead time)
        :param exclude: appointments to ignore (the one being rescheduled)
        :param taken: ``{stylist id: [(start, stop)]}`` known busy although
            not visible yet (a time a concurrent booking just took)
        :param online: only stylists bookable online
        :param detail: ``(start, stop)``: all free starts of the working hours
            that meet it, only the first one of each other working period (what
            tells free days from full ones); default: all
        :return: ordered list of ``(start, stylist ids)``, starts naive in UTC
        """
        if not products:
            return []
        # records of a form being edited are new records: search with the real ones
        products = products._origin
        stylists = stylists._origin if stylists else stylists
        start, stop = to_utc(start), to_utc(stop)
        if start >= stop:
            return []
        duration, blocked = services_span(products)
        rows = self._salon_agenda_rows(
            start,
            stop,
            templates=products.product_tmpl_id.ids,
            stylists=stylists or None,
            company=company,
            online=online,
            busy_from=start - blocked,
            exclude=exclude,
        )
        minutes, minutes_up = (
            availability.to_minutes,
            partial(availability.to_minutes, up=True),
        )
        slots = availability.slots_from_rows(
            rows,
            minutes(start),
            minutes_up(stop),
            minutes_up(availability.EPOCH + duration),
            minutes_up(availability.EPOCH + blocked),
            (company or self.env.company).salon_slot_step or 15,
            not_before=minutes_up(to_utc(not_before)) if not_before else None,
            detail=detail
            and (minutes(to_utc(detail[0])), minutes_up(to_utc(detail[1]))),
            taken=tuple(
                (stylist_id, minutes(to_utc(begin)), minutes_up(to_utc(end)))
                for stylist_id, intervals in (taken or {}).items()
                for begin, end in intervals
            ),
        )
        return [
            (NAIVE_EPOCH + timedelta(minutes=moment), list(ids))
            for moment, ids in slots
        ]

    @api.model
    def _salon_work_intervals(self, stylists, start, stop):
        """Working intervals of each stylist: schedules minus leaves.

        The same intervals as Odoo's ``resource.calendar._work_intervals_batch``:
        the calendar's attendances plus the stylist's own, minus the leaves of
        the stylist, of the calendar, and the public holidays of the stylist's
        company. A stylist on flexible hours (or without working hours) works
        the salon's opening hours (the company's working hours).

        :return: ``{stylist id: [(start, stop)]}``, aware UTC intervals
        """
        start, stop = to_utc(start), to_utc(stop)
        agenda = availability.agenda_from_rows(
            self._salon_agenda_rows(
                start, stop, stylists=stylists, stylists_only=False
            ),
            availability.to_minutes(start),
            availability.to_minutes(stop, up=True),
        )
        return {
            stylist_id: [
                (availability.from_minutes(a), availability.from_minutes(b))
                for a, b in stylist.work
            ]
            for stylist_id, stylist in agenda.items()
        }

    @api.model
    def _salon_agenda_rows(
        self,
        start,
        stop,
        templates=(),
        stylists=None,
        company=None,
        online=False,
        stylists_only=True,
        busy_from=None,
        exclude=None,
    ):
        """Working time and busy time of stylists, in one query
        (``AGENDA_QUERY``): plain values, the input of
        :func:`.availability.agenda_from_rows`, as this runs at every page of
        free times.

        :param templates: ``product.template`` ids the stylists all perform
        :param stylists: among these ``hr.employee`` only (else all)
        :param company: stylists of this salon and shared ones only
        :param online: stylists bookable online only
        :param stylists_only: employees flagged as stylists only
        :param busy_from: from when appointments count (``start`` less the
            longest time a booking blocks); None: no appointment read
        :return: tuple of rows, in the stylists' order (hashable: attendances,
            leaves and appointments as JSON text)
        """
        for model, names in AGENDA_COLUMNS.items():
            self.env[model].flush_model(names)
        conditions = [SQL("e.active")]
        if stylists_only:
            conditions.append(SQL("e.salon_is_stylist"))
        if stylists is not None:
            conditions.append(SQL("e.id = ANY(%s)", list(stylists.ids)))
        if company:
            conditions.append(
                SQL("(e.company_id = %s OR e.company_id IS NULL)", company.id)
            )
        if online:
            conditions.append(SQL("e.salon_online_bookable"))
        conditions += [
            SQL(
                "EXISTS (SELECT 1 FROM salon_service_employee_rel rel"
                " WHERE rel.employee_id = e.id AND rel.product_tmpl_id = %s)",
                template_id,
            )
            for template_id in templates
        ]
        if not self.env.su:
            # the access rules of the user on the employees
            conditions.append(
                SQL("e.id IN %s", self.env["hr.employee"]._search([]).subselect())
            )
        rows = self.env.execute_query(
            SQL(
                AGENDA_QUERY,
                where=SQL(" AND ").join(conditions),
                company=(company or self.env.company).id,
                start=to_naive_utc(start),
                stop=to_naive_utc(stop),
                busy_from=to_naive_utc(busy_from or stop),
                exclude=list(exclude.ids) if exclude else [],
            )
        )
        # the lists come as JSON text: hashable as they are, parsed only when
        # the free times of these rows are not known yet
        return tuple(map(tuple, rows))

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

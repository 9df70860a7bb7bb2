# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scheduling maths of the salon, as plain functions over intervals.

Nothing here touches the database: the models read working hours, leaves and
existing appointments once, and hand plain values to these functions. All
datetimes are timezone-aware; intervals are half-open ``(start, stop)`` tuples.
"""

import json
import math
from collections import defaultdict, namedtuple
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import pytz

Attendance = namedtuple(
    "Attendance",
    "dayofweek hour_from hour_to week_type date_from date_to",
    defaults=(None, None, None),
)
Attendance.__doc__ = """A weekly working-hours rule, like resource.calendar.attendance.

``dayofweek`` is 0 for Monday; ``hour_from``/``hour_to`` are local hours as
floats; ``week_type`` is None, 0 or 1 (two-week calendars); ``date_from`` and
``date_to`` optionally bound the rule.
"""


def merge(intervals):
    """Return the sorted union of ``intervals``; touching intervals are joined."""
    result = []
    for start, stop in sorted(i for i in intervals if i[0] < i[1]):
        if result and start <= result[-1][1]:
            if stop > result[-1][1]:
                result[-1] = (result[-1][0], stop)
        else:
            result.append((start, stop))
    return result


def subtract(intervals, removed):
    """Return the parts of ``intervals`` not covered by ``removed``."""
    removed = merge(removed)
    result = []
    for start, stop in merge(intervals):
        cursor = start
        for r_start, r_stop in removed:
            if r_stop <= cursor or r_start >= stop:
                continue
            if r_start > cursor:
                result.append((cursor, r_start))
            cursor = max(cursor, r_stop)
            if cursor >= stop:
                break
        if cursor < stop:
            result.append((cursor, stop))
    return result


def week_type(day):
    """Parity of the week of ``day``, as Odoo's two-week calendars count it."""
    return int(math.floor((day.toordinal() - 1) / 7) % 2)


def _float_to_time(hours):
    if hours >= 24:
        return time.max
    minutes = round(hours * 60)
    return time(minutes // 60, minutes % 60)


def work_intervals(attendances, tz, start, stop, two_weeks=False):
    """Working intervals between ``start`` and ``stop`` from weekly rules.

    :param attendances: iterable of :class:`Attendance`
    :param tz: name of the timezone the hours are expressed in
    :param two_weeks: whether ``week_type`` of the rules must match the week
    """
    zone = pytz.timezone(tz or "UTC")
    first = start.astimezone(zone).date()
    last = stop.astimezone(zone).date()
    by_day = {}
    for rule in attendances:
        by_day.setdefault(int(rule.dayofweek), []).append(rule)
    result = []
    day = first
    while day <= last:
        for rule in by_day.get(day.weekday(), ()):
            if (
                two_weeks
                and rule.week_type is not None
                and int(rule.week_type) != (week_type(day))
            ):
                continue
            if (rule.date_from and day < rule.date_from) or (
                rule.date_to and day > rule.date_to
            ):
                continue
            day_start = zone.localize(
                datetime.combine(day, _float_to_time(rule.hour_from))
            )
            day_stop = zone.localize(
                datetime.combine(day, _float_to_time(rule.hour_to))
            )
            result.append((max(day_start, start), min(day_stop, stop)))
        day += timedelta(days=1)
    return merge(result)


def sequence_times(start, services):
    """When each service of a sequence starts and ends.

    :param start: start of the first service
    :param services: list of ``(duration, buffer_after)`` as timedeltas, in order
    :return: list of ``(start, stop)``, one per service; the next service
        starts after the buffer of the previous one
    """
    result = []
    cursor = start
    for service_duration, buffer_after in services:
        result.append((cursor, cursor + service_duration))
        cursor = cursor + service_duration + buffer_after
    return result


def sequence_span(services):
    """Time a sequence of services takes, and how long it blocks the stylist.

    :param services: list of ``(duration, buffer_after)`` as timedeltas, in order
    :return: ``(duration, blocked)``: the appointment lasts ``duration`` (the
        buffers between services included); the stylist is busy for
        ``blocked`` (the buffer after the last service included).
    """
    if not services:
        return timedelta(), timedelta()
    times = sequence_times(timedelta(), services)
    duration = times[-1][1]
    return duration, duration + services[-1][1]


EPOCH = datetime(1970, 1, 1, tzinfo=pytz.utc)


def to_minutes(moment, up=False):
    """Minutes since 1970 of an aware datetime (rounded down, or ``up``)."""
    seconds = (moment - EPOCH).total_seconds()
    return -int(-seconds // 60) if up else int(seconds // 60)


def from_minutes(minutes):
    """The aware UTC datetime of :func:`to_minutes`."""
    return EPOCH + timedelta(minutes=minutes)


def utc_offset(tz, minutes):
    """Offset in minutes of the timezone ``tz`` (a name) at a moment."""
    zone = pytz.timezone(tz or "UTC")
    return int(from_minutes(minutes).astimezone(zone).utcoffset().total_seconds() // 60)


def _align(minutes, step, offset):
    """First start on the ``step`` grid (anchored at local midnight, the
    local time being UTC plus ``offset``) at or after ``minutes``."""
    return -(-(minutes + offset) // step) * step - offset


def free_start_minutes(
    work,
    busy,
    duration,
    blocked,
    step,
    not_before=None,
    tz="UTC",
    detail=None,
    offsets=None,
):
    """:func:`free_starts` on whole minutes since 1970 (the engine's hot path).

    :param work: ``(start, stop)`` working intervals, in minutes
    :param busy: ``(start, stop)`` busy intervals, in minutes
    :param duration: the services' length, in minutes; ``blocked`` the time the
        stylist is busy (buffer after included); ``step`` the grid, in minutes
    :param detail: ``(start, stop)``: every free start of the working intervals
        that meet it, only the first one of the others (enough to tell a free
        day from a full one); None: every free start
    :param offsets: a dict where the timezone's offsets are kept, shared by
        the calls of one search
    :return: sorted list of starts, in minutes
    """
    if duration <= 0 or step <= 0:
        return []
    busy = merge(busy)
    result = []
    offsets = {} if offsets is None else offsets
    for w_start, w_stop in merge(work):
        lower = max(w_start, not_before) if not_before is not None else w_start
        whole = detail is None or (w_start < detail[1] and detail[0] < w_stop)
        # the grid follows local midnight: one offset per day
        key = (tz, lower // 1440)
        if key not in offsets:
            offsets[key] = utc_offset(tz, lower)
        offset = offsets[key]
        candidate = _align(lower, step, offset)
        busy_index = 0
        while candidate + duration <= w_stop:
            while busy_index < len(busy) and busy[busy_index][1] <= candidate:
                busy_index += 1
            if busy_index < len(busy) and busy[busy_index][0] < candidate + blocked:
                # jump past the clash instead of walking the grid through it
                candidate = _align(
                    max(busy[busy_index][1], candidate + step), step, offset
                )
                continue
            result.append(candidate)
            if not whole:
                break
            candidate += step
    return result


def free_starts(work, busy, duration, blocked, step, not_before=None, tz="UTC"):
    """Start times where a sequence of services fits.

    A start ``s`` is free when ``[s, s + duration]`` lies inside one working
    interval and ``[s, s + blocked)`` meets no busy interval. Starts are on a
    grid of ``step`` anchored at local midnight of ``tz``.

    :param work: working intervals of the stylist
    :param busy: intervals the stylist is already booked (buffers included)
    :param not_before: earliest allowed start (now plus lead time)
    :return: sorted list of aware datetimes
    """
    minutes = free_start_minutes(
        [(to_minutes(a, up=True), to_minutes(b)) for a, b in work],
        [(to_minutes(a), to_minutes(b, up=True)) for a, b in busy],
        to_minutes(EPOCH + duration, up=True),
        to_minutes(EPOCH + blocked, up=True),
        int(step.total_seconds() // 60),
        not_before=to_minutes(not_before, up=True) if not_before else None,
        tz=tz,
    )
    return [from_minutes(m) for m in minutes]


def pick_stylist(candidates, load):
    """Choose among stylists free at a time: the least booked, then the first.

    :param candidates: ordered list of stylist ids
    :param load: mapping stylist id -> booked time (any comparable) that day
    """
    return min(candidates, key=lambda sid: (load.get(sid, 0), candidates.index(sid)))


def assign_stylists(slots):
    """One stylist per free start: the least busy of the period first.

    A stylist with more free starts in ``slots`` is less busy.

    :param slots: ordered list of ``(start, [stylist ids free then])``
    :return: list of ``(start, stylist id)``
    """
    load = {}
    for _moment, stylist_ids in slots:
        for stylist_id in stylist_ids:
            load[stylist_id] = load.get(stylist_id, 0) - 1
    return [(moment, pick_stylist(list(ids), load)) for moment, ids in slots]


def local_day_bounds(tz, day, days=1):
    """``(start, stop)`` of ``days`` local days from ``day``, aware datetimes.

    :param tz: a pytz timezone or its name
    """
    zone = pytz.timezone(tz) if isinstance(tz, str) else tz
    start = zone.localize(datetime.combine(day, time.min))
    stop = zone.localize(datetime.combine(day + timedelta(days=days), time.min))
    return start, stop


Agenda = namedtuple("Agenda", "tz work busy")
Agenda.__doc__ = """A stylist's timezone, working and busy intervals in minutes."""


def agenda_from_rows(rows, start, stop):
    """The working and busy time of stylists from the agenda query's rows.

    :param rows: ``(stylist id, resource id, tz, working calendar id or None
        (any time), flexible, two weeks, attendances, leaves, appointments)``
        as ``salon.availability._salon_agenda_rows`` reads them (the last
        three as JSON lists)
    :param start: start of the period, in minutes since 1970; ``stop`` its end
    :return: ``{stylist id: Agenda}``, in the order of ``rows``
    """
    weekly = {}
    result = {}
    aware_start, aware_stop = from_minutes(start), from_minutes(stop)
    for (
        stylist_id,
        resource_id,
        tz,
        calendar_id,
        flexible,
        two_weeks,
        attendances,
        leaves,
        busy,
    ) in rows:
        attendances = json.loads(attendances or "[]")
        leaves = json.loads(leaves or "[]")
        busy = json.loads(busy or "[]")
        own = any(att[0] for att in attendances)
        key = (calendar_id, resource_id if own else None, tz)
        if key not in weekly:
            if not calendar_id:
                # no working hours, or flexible ones: any time
                weekly[key] = [(start, stop)]
            else:
                rules = [
                    Attendance(
                        int(day),
                        hour_from,
                        hour_to,
                        week_type,
                        date_from and date.fromisoformat(date_from),
                        date_to and date.fromisoformat(date_to),
                    )
                    for (
                        _resource,
                        day,
                        hour_from,
                        hour_to,
                        week_type,
                        date_from,
                        date_to,
                    ) in attendances
                ]
                weekly[key] = [
                    (to_minutes(a, up=True), to_minutes(b))
                    for a, b in work_intervals(
                        rules, tz, aware_start, aware_stop, two_weeks=two_weeks
                    )
                ]
        off = [
            _leave_minutes(date_from, date_to, tz, flexible and personal)
            for personal, date_from, date_to in leaves
        ]
        result[stylist_id] = Agenda(
            tz, subtract(weekly[key], off), [tuple(pair) for pair in busy]
        )
    return result


def _leave_minutes(date_from, date_to, tz, whole_days):
    """A leave in minutes; whole local days for the personal leave of a
    stylist on flexible hours (as resource's ``_handle_flexible_leave_interval``)."""
    if not whole_days:
        return date_from, date_to
    zone = pytz.timezone(tz or "UTC")
    first = from_minutes(date_from).astimezone(zone).date()
    last = from_minutes(date_to).astimezone(zone).date()
    return (
        to_minutes(local_day_bounds(zone, first)[0]),
        to_minutes(local_day_bounds(zone, last)[1]),
    )


@lru_cache(maxsize=256)
def slots_from_rows(
    rows, start, stop, duration, blocked, step, not_before=None, detail=None, taken=()
):
    """Free starts of the stylists of the agenda rows, in minutes.

    A pure function of its (hashable) arguments, so that pages asking the same
    thing of the same agenda compute it once.

    :param taken: ``((stylist id, start, stop), ...)`` busy although not in
        the rows yet (a time a concurrent booking just took)
    :return: tuple of ``(start, (stylist ids))``, ordered
    """
    agenda = agenda_from_rows(rows, start, stop)
    for stylist_id, begin, end in taken:
        if stylist_id in agenda:
            agenda[stylist_id].busy.append((begin, end))
    slots = defaultdict(list)
    offsets = {}
    for stylist_id, stylist in agenda.items():
        for moment in free_start_minutes(
            stylist.work,
            stylist.busy,
            duration,
            blocked,
            step,
            not_before=not_before,
            tz=stylist.tz,
            detail=detail,
            offsets=offsets,
        ):
            slots[moment].append(stylist_id)
    return tuple((moment, tuple(ids)) for moment, ids in sorted(slots.items()))

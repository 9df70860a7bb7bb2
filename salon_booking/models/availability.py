# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scheduling maths of the salon, as plain functions over intervals.

Nothing here touches the database: the models read working hours, leaves and
existing appointments once, and hand plain values to these functions. All
datetimes are timezone-aware; intervals are half-open ``(start, stop)`` tuples.
"""

import math
from collections import namedtuple
from datetime import datetime, time, timedelta

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


def _align(moment, step, tz):
    """First start on the ``step`` grid (anchored at local midnight) >= moment."""
    zone = pytz.timezone(tz or "UTC")
    local = moment.astimezone(zone)
    midnight = zone.localize(datetime.combine(local.date(), time.min))
    offset = (moment - midnight) / step
    steps = math.ceil(offset - 1e-9)
    return midnight + steps * step


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
    if duration <= timedelta() or step <= timedelta():
        return []
    busy = merge(busy)
    result = []
    for w_start, w_stop in merge(work):
        lower = max(w_start, not_before) if not_before else w_start
        candidate = _align(lower, step, tz)
        busy_index = 0
        while candidate + duration <= w_stop:
            end_blocked = candidate + blocked
            while busy_index < len(busy) and busy[busy_index][1] <= candidate:
                busy_index += 1
            clash = busy[busy_index] if busy_index < len(busy) else None
            if clash and clash[0] < end_blocked:
                # jump past the clash instead of walking the grid through it
                candidate = _align(max(clash[1], candidate + step), step, tz)
                continue
            result.append(candidate)
            candidate += step
    return result


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

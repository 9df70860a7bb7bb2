# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How the booking pages show days and times: labels in the salon's timezone
and the visitor's language."""

import babel.dates
import pytz

from odoo.http import request
from odoo.tools.misc import babel_locale_parse, get_lang

from .parsing import format_start


def _locale():
    """The visitor's babel locale, once per request."""
    if not hasattr(request, "_salon_locale"):
        request._salon_locale = babel_locale_parse(get_lang(request.env).code)
    return request._salon_locale


def _formatter(pattern_of):
    """A function formatting values with the pattern ``pattern_of(locale)``
    in the visitor's language: Odoo's ``format_date``/``format_time``, with
    the pattern parsed once for a whole page."""
    locale = _locale()
    pattern = babel.dates.parse_pattern(pattern_of(locale))
    return lambda value: pattern.apply(value, locale)


def time_labels(company, moments):
    """``["10:00", ...]``: naive UTC starts in the salon's timezone."""
    tz = company._salon_get_tz()
    label = _formatter(lambda locale: babel.dates.get_time_format("short", locale))
    return [label(pytz.utc.localize(m).astimezone(tz).timetz()) for m in moments]


def date_labels(days, date_format="full"):
    """Labels of dates in the visitor's language (``date_format``: a babel
    format name or pattern)."""
    if date_format in ("full", "long", "medium", "short"):
        label = _formatter(
            lambda locale: babel.dates.get_date_format(date_format, locale)
        )
    else:
        label = _formatter(lambda locale: date_format)
    return [label(day) for day in days]


def date_label(day, date_format="full"):
    return date_labels([day], date_format)[0]


def present_moments(company, moments, dt_format="medium"):
    """Free times to offer, as ``[{"start": value to post, "label": ...}]``."""
    return [
        {
            "start": format_start(moment),
            "label": company._salon_format_datetime(
                moment, dt_format, lang=request.env.lang
            ),
        }
        for moment in moments
    ]


def present_days(company, data):
    """The week of free times of ``salon.online.booking._salon_days_availability``
    as the template ``salon_booking.booking_calendar`` shows it."""
    next_day = data["next_day"]
    return {
        "day": data["day"],
        "day_label": date_label(data["day"]),
        "days": [
            {"date": day, "weekday": weekday, "label": label, "available": available}
            for (day, available), weekday, label in zip(
                data["days"],
                date_labels([day for day, _available in data["days"]], "EEE"),
                date_labels([day for day, _available in data["days"]], "d MMM"),
                strict=True,
            )
        ],
        "slots": [
            {"start": format_start(moment), "label": label}
            for moment, label in zip(
                data["slots"], time_labels(company, data["slots"]), strict=True
            )
        ],
        "next_day": next_day,
        "next_day_label": next_day and date_label(next_day),
        "previous": data["previous"],
        "next": data["next"],
    }

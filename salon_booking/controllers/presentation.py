# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How the booking pages show days and times: labels in the salon's timezone
and the visitor's language."""

from odoo.http import request
from odoo.tools import format_date, format_time

from .parsing import format_start


def time_label(company, moment):
    """``10:00``: a naive UTC start in the salon's timezone."""
    return format_time(
        request.env,
        moment,
        tz=company._salon_get_tz().zone,
        time_format="short",
        lang_code=request.env.lang,
    )


def date_label(day, date_format="full"):
    return format_date(
        request.env, day, lang_code=request.env.lang, date_format=date_format
    )


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
            {
                "date": day,
                "weekday": date_label(day, "EEE"),
                "label": date_label(day, "d MMM"),
                "available": available,
            }
            for day, available in data["days"]
        ],
        "slots": [
            {"start": format_start(moment), "label": time_label(company, moment)}
            for moment in data["slots"]
        ],
        "next_day": next_day,
        "next_day_label": next_day and date_label(next_day),
        "previous": data["previous"],
        "next": data["next"],
    }

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the browser sends, checked: any input gives a value or a BookingError.

Only plain ASCII digits make an id, dates and times stay within years the
salon's calendar can hold, and text loses its control characters (PostgreSQL
refuses NUL bytes). Messages are translated with the request's language.
"""

import re
from datetime import date, datetime

from odoo.http import request
from odoo.tools import email_normalize

from ..models.salon_online_booking import BookingError

ID_RE = re.compile(r"^[0-9]{1,9}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{6,32}$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
TOKEN_RE = re.compile(r"^[A-Za-z0-9-]{1,64}$")
CODE_RE = re.compile(r"^[0-9]{6}$")
START_FORMAT = "%Y-%m-%d %H:%M:%S"
NAME_MAX = 128
MIN_YEAR, MAX_YEAR = 2000, 2999


def parse_ids(values):
    """Ids from ``"3,5"``, a list of those, or nothing, in order.

    :raise BookingError: a part that is not a plain number (400)
    """
    if isinstance(values, str):
        values = [values]
    parts = [part.strip() for value in values or [] for part in str(value).split(",")]
    parts = [part for part in parts if part]
    if not all(ID_RE.match(part) for part in parts):
        raise BookingError(request.env._("The services requested are not valid."))
    return [int(part) for part in parts]


def parse_stylist_id(value):
    """A stylist's id, or 0 when empty ("no preference").

    :raise BookingError: not a plain number (400)
    """
    value = str(value or "").strip()
    if value in ("", "0"):
        return 0
    if not ID_RE.match(value):
        raise BookingError(request.env._("The stylist requested is not valid."))
    return int(value)


def parse_page(value):
    """A page number of a list: 1 unless a plain positive number.

    Odoo's ``pager`` takes ``str.isdigit()`` for a number, which ``"²"`` is.
    """
    value = str(value or "").strip()
    return int(value) if ID_RE.match(value) and int(value) > 0 else 1


def parse_date(value):
    """A date ``YYYY-MM-DD``, or None when empty.

    :raise BookingError: not a date or out of range (400)
    """
    if not value:
        return None
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        day = None
    if not day or not MIN_YEAR <= day.year <= MAX_YEAR:
        raise BookingError(request.env._("The date requested is not valid."))
    return day


def parse_start(value):
    """A start time as our pages send it: ``YYYY-MM-DD HH:MM:SS`` in UTC.

    :raise BookingError: not a time or out of range (400)
    """
    try:
        start = datetime.strptime(str(value or ""), START_FORMAT)
    except ValueError:
        start = None
    if not start or not MIN_YEAR <= start.year <= MAX_YEAR:
        raise BookingError(request.env._("The time requested is not valid."))
    return start


def format_start(start):
    return start.strftime(START_FORMAT)


def clean_text(value, size=NAME_MAX):
    """Text of a form field without control characters, trimmed."""
    return CONTROL_RE.sub(" ", str(value or "")).strip()[:size]


def parse_contact(values):
    """Name, email and phone of a guest, checked.

    :return: ``(contact, errors)``: errors maps a field to its message
    """
    contact = {key: clean_text(values.get(key)) for key in ("name", "email", "phone")}
    errors = {}
    if not contact["name"]:
        errors["name"] = request.env._("Enter your name.")
    email = email_normalize(contact["email"])
    if not email:
        errors["email"] = request.env._("Enter a valid email address.")
    else:
        contact["email"] = email
    if not PHONE_RE.match(contact["phone"]):
        errors["phone"] = request.env._("Enter a valid phone number.")
    return contact, errors


def parse_token(value):
    """An access token as we make them (ASCII letters, digits, dashes), or None."""
    value = str(value or "")
    return value if TOKEN_RE.match(value) else None


def parse_code(value):
    """A 6-digit verification code, or None."""
    value = clean_text(value, 16)
    return value if CODE_RE.match(value) else None


def parse_positions(values, count):
    """Positions (0 to ``count`` - 1) from repeated form values; others ignored."""
    if isinstance(values, str):
        values = [values]
    positions = set()
    for value in values or []:
        value = str(value).strip()
        if ID_RE.match(value) and int(value) < count:
            positions.add(int(value))
    return positions

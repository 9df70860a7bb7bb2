# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Constants, errors and request parsing of the fake Mollie API."""

import calendar
import re
import string
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from http import HTTPStatus

HAL = "application/hal+json"
DEFAULT_ACCOUNT = "NL55INGB0000000000"
DEFAULT_BIC = "INGBNL2A"
NO_MANDATE = "The customer has no valid mandate for this payment."
DD_DISABLED = 'The payment method "directdebit" is not activated on your account.'
STATUS_FIELDS = {
    "paid": "paidAt",
    "failed": "failedAt",
    "expired": "expiredAt",
    "canceled": "canceledAt",
}
INTERVAL = re.compile(r"([1-9]\d*) (day|week|month)s?")
AMOUNT_VALUE = re.compile(r"\d+\.\d{2}")
AUTH = re.compile(r"Bearer (test|live)_\w+")
TOKEN_CHARS = string.ascii_letters + string.digits
PREFIXES = {
    "customers": "cst_",
    "mandates": "mdt_",
    "payments": "tr_",
    "refunds": "re_",
    "chargebacks": "chb_",
    "subscriptions": "sub_",
}


class ApiError(Exception):
    """An error reply, in Mollie's error format."""

    def __init__(self, status, detail, field=None):
        super().__init__(detail)
        self.status, self.detail, self.field = status, detail, field

    def as_json(self):
        error = {
            "status": self.status,
            "title": HTTPStatus(self.status).phrase,
            "detail": self.detail,
        }
        if self.field:
            error["field"] = self.field
        docs = "https://docs.mollie.com/overview/handling-errors"
        error["_links"] = {"documentation": {"href": docs, "type": "text/html"}}
        return error


class Webhook:
    """What a control handler returns when a payment's webhook is to be called."""

    def __init__(self, payment_id, send=True):
        self.payment_id, self.send = payment_id, send


# Helpers: timestamps, amounts, fields of request bodies


def now():
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def money(currency, value):
    return {"currency": currency, "value": f"{Decimal(value):.2f}"}


def parse_amount(body, field="amount"):
    amount = body.get(field)
    if not isinstance(amount, dict):
        raise ApiError(422, f"The {field} is required.", field)
    currency, value = amount.get("currency"), amount.get("value")
    if not isinstance(currency, str) or not re.fullmatch("[A-Z]{3}", currency):
        raise ApiError(422, "The amount currency is invalid.", field)
    if not isinstance(value, str) or not AMOUNT_VALUE.fullmatch(value):
        raise ApiError(422, "The amount contains an invalid value.", field)
    if Decimal(value) <= 0:
        raise ApiError(422, "The amount must be higher than zero.", field)
    return {"currency": currency, "value": value}


def text(body, field, required=False):
    value = body.get(field)
    if value is None or value == "":
        if required:
            raise ApiError(422, f"The {field} is required.", field)
        return None
    if not isinstance(value, str):
        raise ApiError(422, f"The {field} is invalid.", field)
    return value


def parse_date(body, field):
    value = text(body, field)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(422, f"The {field} is invalid (YYYY-MM-DD).", field) from None


def parse_interval(value):
    if not isinstance(value, str) or not INTERVAL.fullmatch(value):
        raise ApiError(422, "The interval is invalid.", "interval")
    return value


def parse_times(value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ApiError(422, "The times field is invalid.", "times")
    return value


def valid_iban(account):
    """The IBAN without spaces, or None when it fails the ISO 13616 check."""
    if not isinstance(account, str):
        return None
    iban = re.sub(r"\s+", "", account).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return None
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    return iban if int(digits) % 97 == 1 else None


def add_interval(start, interval, count):
    """The date ``count`` intervals after ``start`` (ISO dates)."""
    number, unit = INTERVAL.fullmatch(interval).groups()
    step, day = int(number) * count, date.fromisoformat(start)
    if unit == "day":
        return (day + timedelta(days=step)).isoformat()
    if unit == "week":
        return (day + timedelta(weeks=step)).isoformat()
    months = day.month - 1 + step
    year, month = day.year + months // 12, months % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last)).isoformat()


def deliver_webhook(url, payment_id):
    """POST ``id=<payment id>`` to the webhook: (HTTP status or None, error)."""
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"id": payment_id}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=120) as response:
            response.read()
            return response.status, None
    except urllib.error.HTTPError as err:
        return err.code, None
    except (OSError, ValueError) as err:
        return None, str(err)

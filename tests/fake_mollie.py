# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A small, stateful fake of Mollie's REST API v2, for tests.

It speaks enough of the API for the real ``mollie-api-python`` client (4.0) to
drive it: point the client at it with ``client.set_api_endpoint(base_url)``.
Everything lives in memory, behind one lock; ids look like Mollie's (``cst_``,
``mdt_``, ``tr_``, ``sub_``, ``re_``, ``chb_`` and 10 random characters).

A POST with an ``Idempotency-Key`` header answers a repeated request with the
first answer (nothing is made twice), as Mollie does.

Faked under /v2 (each request needs ``Authorization: Bearer test_...`` or
``live_...``; errors are Mollie's error JSON, served as application/hal+json):

- customers: create, get, list;
- mandates of a customer (directdebit only, the IBAN passes the ISO 13616
  mod-97 check): create, get, list, delete (the mandate becomes "invalid");
- payments (/v2/payments and /v2/customers/{id}/payments): create (oneoff and
  first payments are "open", with a checkout link; recurring ones need a valid
  mandate and are "pending" directdebit payments), get, list, cancel;
- refunds of a paid payment (up to its remaining amount): create, get, list;
- chargebacks of a payment: get, list (they are made by a control endpoint);
- subscriptions of a customer (they need a valid mandate): create, get, list,
  update, cancel, list their payments; /v2/subscriptions lists them all.

A "first" payment that becomes paid gives its customer a valid directdebit
mandate (unless directdebit is disabled), as Mollie does. Lists are newest
first, paged with ``limit`` (default 50) and ``from``.

Control endpoints for tests (no auth, JSON in and out):

- POST /_fake/payments/{id}/status {"status": "paid"|"failed"|"expired"|
  "canceled", "notify": true, "consumerAccount": "NL55INGB0000000000"}
- POST /_fake/payments/{id}/chargeback {"notify": true}: a chargeback of the
  whole amount;
- POST /_fake/subscriptions/{id}/charge {"status": "paid"|"failed",
  "notify": true}: the subscription's next recurring payment;
- POST /_fake/notify {"id": "tr_..."}: the payment's webhook, once more.
  These four reply {"payment": {...}, "webhook_status": 200 or null}; when
  "notify" is true (the default) and the payment has a webhookUrl, the webhook
  (form-encoded ``id=tr_...``) is called before the reply, outside the lock;
- GET|POST /_fake/config {"directdebit_enabled": false}: the account's config;
- POST /_fake/reset: forget every object, request and config change;
- GET /_fake/requests: [{method, path, body}] of every /v2 request received;
- GET /_fake/state: every object, as the API would show it.

GET /checkout/{id} is a tiny HTML page naming the payment.

Run it with ``python3 tests/fake_mollie.py --port 8765``, or in a test::

    server = make_server(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client.set_api_endpoint(server.base_url)
"""

import argparse
import calendar
import contextlib
import html
import json
import re
import secrets
import string
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


class FakeMollie:
    """The in-memory state: objects by kind and id, requests, config."""

    def __init__(self):
        self.lock = threading.RLock()
        self.reset()

    def reset(self):
        with self.lock:
            self.data = {kind: {} for kind in PREFIXES}
            self.requests = []
            self.config = {"directdebit_enabled": True}
            # Idempotency-Key of a POST -> (method, path, body, its answer)
            self.idempotent = {}

    def add(self, kind, record):
        record_id = None
        while not record_id or record_id in self.data[kind]:
            token = "".join(secrets.choice(TOKEN_CHARS) for _ in range(10))
            record_id = PREFIXES[kind] + token
        self.data[kind][record_id] = {"id": record_id, **record}
        return self.data[kind][record_id]

    def get(self, kind, record_id, **owner):
        record = self.data.get(kind, {}).get(record_id)
        if record is None or any(record.get(k) != v for k, v in owner.items()):
            raise ApiError(404, f"No {kind[:-1]} exists with token {record_id}.")
        return record

    def select(self, kind, **values):
        records = self.data[kind].values()
        return [r for r in records if all(r.get(k) == v for k, v in values.items())]

    def valid_mandate(self, customer_id, mandate_id=None, status=422):
        mandates = self.select("mandates", customerId=customer_id, status="valid")
        if mandate_id:
            mandates = [m for m in mandates if m["id"] == mandate_id]
        if not mandates:
            raise ApiError(status, NO_MANDATE, "mandateId" if mandate_id else None)
        return mandates[-1]

    def check_directdebit(self):
        if not self.config["directdebit_enabled"]:
            raise ApiError(422, DD_DISABLED, "method")

    def new_mandate(self, customer_id, details, mode, reference=None, signed=None):
        mandate = {
            "resource": "mandate",
            "mode": mode,
            "status": "valid",
            "method": "directdebit",
            "details": details,
            "mandateReference": reference,
            "signatureDate": signed or date.today().isoformat(),
            "createdAt": now(),
            "customerId": customer_id,
        }
        return self.add("mandates", mandate)

    def new_payment(self, **fields):
        payment = dict.fromkeys(
            ("method", "metadata", "customerId", "mandateId", "subscriptionId"),
        )
        payment.update(resource="payment", createdAt=now(), status="open")
        return self.add("payments", {**payment, **fields})

    def set_status(self, payment, status, account=None):
        if payment["status"] not in ("open", "pending"):
            raise ApiError(409, f"The payment is already {payment['status']}.")
        payment["status"] = status
        payment[STATUS_FIELDS[status]] = now()
        if status != "paid":
            return
        payment["method"] = payment["method"] or "ideal"
        if payment["sequenceType"] == "first" and self.config["directdebit_enabled"]:
            customer = self.get("customers", payment["customerId"])
            details = {
                "consumerName": customer.get("name") or "Fake Consumer",
                "consumerAccount": account or DEFAULT_ACCOUNT,
                "consumerBic": None if account else DEFAULT_BIC,
            }
            mandate = self.new_mandate(customer["id"], details, payment["mode"])
            payment.update(mandateId=mandate["id"], details=details)


def compile_routes(table):
    """(method, regex, handler name) of each line of a routes table."""
    routes = []
    for line in table.strip().splitlines():
        method, path, name = line.split()
        pattern = re.escape(path).replace(r"\*\*", "(.+)").replace(r"\*", "([^/]+)")
        routes.append((method, re.compile(pattern), name))
    return routes


class Handler(BaseHTTPRequestHandler):
    """One request: routing, auth, JSON in and out, and the endpoints."""

    server_version = "FakeMollie/1.0"
    # GET /v2/** reads any object or list: "read_path" checks the path.
    ROUTES = compile_routes("""
        POST    /v2/customers                       create_customer
        POST    /v2/customers/*/mandates            create_mandate
        DELETE  /v2/customers/*/mandates/*          revoke_mandate
        POST    /v2/payments                        create_payment
        POST    /v2/customers/*/payments            create_payment
        DELETE  /v2/payments/*                      cancel_payment
        POST    /v2/payments/*/refunds              create_refund
        POST    /v2/customers/*/subscriptions       create_subscription
        PATCH   /v2/customers/*/subscriptions/*     update_subscription
        DELETE  /v2/customers/*/subscriptions/*     cancel_subscription
        GET     /v2/**                              read_path
        POST    /_fake/payments/*/status            control_status
        POST    /_fake/payments/*/chargeback        control_chargeback
        POST    /_fake/subscriptions/*/charge       control_charge
        POST    /_fake/notify                       control_notify
        GET     /_fake/config                       control_config
        POST    /_fake/config                       control_config
        POST    /_fake/reset                        control_reset
        GET     /_fake/requests                     control_requests
        GET     /_fake/state                        control_state
        GET     /checkout/*                         checkout_page
    """)
    # What GET /v2/... may name: the kinds at the top, and under each kind.
    NESTING = {
        None: ("customers", "payments", "refunds", "chargebacks", "subscriptions"),
        "customers": ("mandates", "payments", "subscriptions"),
        "payments": ("refunds", "chargebacks"),
        "subscriptions": ("payments",),
    }
    OWNER = {
        "customers": "customerId",
        "payments": "paymentId",
        "subscriptions": "subscriptionId",
    }

    def log_message(self, format, *args):
        pass  # quiet

    # Plumbing

    def respond(self):
        method, self.fake, self.mode = self.command, self.server.fake, "test"
        self.base = "http://" + (self.headers.get("Host") or self.server.host_port)
        url = urllib.parse.urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        self.query = dict(urllib.parse.parse_qsl(url.query))
        length = self.headers.get("Content-Length", "")
        length = int(length) if length.isdigit() else 0
        raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        is_api = path == "/v2" or path.startswith("/v2/")
        try:
            result = self.run(method, path, raw, is_api)
            if isinstance(result, Webhook):
                result = self.notify(result)
        except ApiError as err:
            result = err.status, err.as_json()
        except Exception as err:  # a bug of the fake: say so, as JSON
            result = 500, ApiError(500, f"Fake Mollie error: {err!r}").as_json()
        status, payload = result
        self.reply(status, payload, HAL if is_api else "application/json")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = respond

    def run(self, method, path, raw, is_api):
        with self.fake.lock:
            try:
                self.body = json.loads(raw) if raw.strip() else {}
            except ValueError:
                self.body = None
            if is_api:
                logged = raw if self.body is None else self.body
                entry = {"method": method, "path": self.path, "body": logged}
                self.fake.requests.append(entry)
                self.check_auth()
            if not isinstance(self.body, dict):
                raise ApiError(400, "The request body is not a valid JSON object.")
            handler, args = self.route(method, path)
            key = self.headers.get("Idempotency-Key") if is_api else None
            if not key or method != "POST":
                return handler(*args)
            # as Mollie: the same key and request get the first answer again
            # (nothing made twice); the same key for another request is refused
            seen = self.fake.idempotent.get(key)
            if seen:
                if seen[:3] != (method, path, self.body):
                    raise ApiError(
                        422, "The Idempotency-Key was used for another request."
                    )
                return seen[3]
            result = handler(*args)
            if result[0] < 400:
                self.fake.idempotent[key] = (method, path, self.body, result)
            return result

    def check_auth(self):
        match = AUTH.fullmatch(self.headers.get("Authorization") or "")
        if not match:
            raise ApiError(401, "Missing authentication, or failed to authenticate")
        self.mode = match.group(1)

    def route(self, method, path):
        allowed = False
        for route_method, pattern, name in self.ROUTES:
            match = pattern.fullmatch(path)
            if match and route_method == method:
                return getattr(self, name), match.groups()
            allowed = allowed or bool(match)
        if allowed:
            raise ApiError(405, f"The method {method} is not allowed here.")
        raise ApiError(404, f"No route {method} {path} in the fake Mollie API.")

    def reply(self, status, payload, content_type):
        if isinstance(payload, str):
            data, content_type = payload.encode(), "text/html; charset=utf-8"
        else:
            data = b"" if status == 204 else json.dumps(payload).encode()
        self.send_response(status)
        if data:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def notify(self, webhook):
        """Call the payment's webhook (outside the lock), reply the payment."""
        with self.fake.lock:
            url = self.fake.get("payments", webhook.payment_id).get("webhookUrl")
        code, error = None, None
        if webhook.send and url:
            code, error = deliver_webhook(url, webhook.payment_id)
        with self.fake.lock:
            payment = self.fake.get("payments", webhook.payment_id)
            payment = self.render("payments", payment)
        reply = {"payment": payment, "webhook_status": code}
        if error:
            reply["webhook_error"] = error
        return 200, reply

    # Rendering

    def render(self, kind, record):
        out = {k: v for k, v in record.items() if v is not None and k[0] != "_"}
        if kind == "mandates":
            del out["customerId"]
        if kind == "payments":
            out.update(self.payment_amounts(record))
        links = self.links(kind, record).items()
        out["_links"] = {k: {"href": v, "type": HAL} for k, v in links if v}
        return out

    def payment_amounts(self, payment):
        if not payment.get("paidAt"):
            return {}
        currency, total = payment["amount"]["currency"], payment["amount"]["value"]
        refunds = self.fake.select("refunds", paymentId=payment["id"])
        refunded = sum(Decimal(r["amount"]["value"]) for r in refunds)
        charged_back = payment.get("_chargedBack") or Decimal(0)
        remaining = max(Decimal(total) - refunded - charged_back, Decimal(0))
        amounts = {
            "amountRefunded": money(currency, refunded),
            "amountRemaining": money(currency, remaining),
        }
        if charged_back:
            amounts["amountChargedBack"] = money(currency, charged_back)
        return amounts

    def links(self, kind, record):
        api, record_id = self.base + "/v2", record["id"]
        customer = f"{api}/customers/{record.get('customerId')}"
        mandate = record.get("mandateId")
        mandate = mandate and f"{customer}/mandates/{mandate}"
        payment = f"{api}/payments/{record.get('paymentId')}"
        if kind == "payments":
            return self.payment_links(record, api, customer, mandate)
        if kind == "customers":
            return {"self": f"{api}/customers/{record_id}"}
        if kind in ("refunds", "chargebacks"):
            return {"self": f"{payment}/{kind}/{record_id}", "payment": payment}
        links = {"self": f"{customer}/{kind}/{record_id}", "customer": customer}
        if kind == "subscriptions":
            links["mandate"] = mandate
        return links

    def payment_links(self, payment, api, customer, mandate):
        payment_id, subscription = payment["id"], payment.get("subscriptionId")
        url = f"{api}/payments/{payment_id}"
        checkout = payment["status"] == "open"
        checkout = checkout and payment["sequenceType"] != "recurring"
        links = {
            "self": url,
            "checkout": checkout and f"{self.base}/checkout/{payment_id}",
            "customer": payment.get("customerId") and customer,
            "mandate": mandate,
            "subscription": subscription and f"{customer}/subscriptions/{subscription}",
        }
        for kind in ("refunds", "chargebacks"):
            if self.fake.select(kind, paymentId=payment_id):
                links[kind] = f"{url}/{kind}"
        return links

    def listing(self, kind, records, path):
        """A page of records, newest first, as a Mollie list."""
        try:
            limit = int(self.query.get("limit", 50))
        except ValueError:
            limit = 0
        if not 1 <= limit <= 250:
            raise ApiError(400, "The limit is invalid (1 to 250).", "limit")
        ids = [record["id"] for record in reversed(records)]
        start = ids.index(self.query["from"]) if self.query.get("from") in ids else 0
        url = f"{self.base}/v2/{path}"

        def page(index):
            query = urllib.parse.urlencode({"from": ids[index], "limit": limit})
            return {"href": f"{url}?{query}", "type": HAL}

        items = [self.fake.get(kind, i) for i in ids[start : start + limit]]
        return 200, {
            "count": len(items),
            "_embedded": {kind: [self.render(kind, item) for item in items]},
            "_links": {
                "self": page(start) if ids else {"href": url, "type": HAL},
                "previous": page(max(start - limit, 0)) if start else None,
                "next": page(start + limit) if start + limit < len(ids) else None,
            },
        }

    # Reading: GET /v2/<kind>[/<id>[/<kind>[/<id>[/<kind>]]]]

    def read_path(self, path):
        parts, owner, parent, record = path.split("/"), {}, None, None
        for index in range(0, len(parts), 2):
            kind = parts[index]
            if kind not in self.NESTING.get(parent, ()):
                raise ApiError(404, f"No route GET /v2/{path} in the fake Mollie API.")
            if index + 1 == len(parts):
                records = self.fake.select(kind, **owner)
                return self.listing(kind, records, path)
            record = self.fake.get(kind, parts[index + 1], **owner)
            owner = {**owner, self.OWNER.get(kind, kind): record["id"]}
            parent = kind
        return 200, self.render(parent, record)

    # Customers and mandates

    def create_customer(self):
        customer = {
            "resource": "customer",
            "mode": self.mode,
            "name": text(self.body, "name"),
            "email": text(self.body, "email"),
            "locale": text(self.body, "locale"),
            "metadata": self.body.get("metadata"),
            "createdAt": now(),
        }
        return 201, self.render("customers", self.fake.add("customers", customer))

    def create_mandate(self, customer_id):
        self.fake.get("customers", customer_id)
        if self.body.get("method") != "directdebit":
            raise ApiError(422, "The mandate method is invalid.", "method")
        self.fake.check_directdebit()
        name = text(self.body, "consumerName", required=True)
        iban = valid_iban(self.body.get("consumerAccount"))
        if not iban:
            raise ApiError(422, "The consumer account is invalid.", "consumerAccount")
        details = {
            "consumerName": name,
            "consumerAccount": iban,
            "consumerBic": text(self.body, "consumerBic"),
        }
        reference = text(self.body, "mandateReference")
        signed = parse_date(self.body, "signatureDate")
        mandate = self.fake.new_mandate(
            customer_id, details, self.mode, reference, signed
        )
        return 201, self.render("mandates", mandate)

    def revoke_mandate(self, customer_id, mandate_id):
        mandate = self.fake.get("mandates", mandate_id, customerId=customer_id)
        mandate["status"] = "invalid"
        return 204, None

    # Payments and refunds

    def payment_customer(self, customer_id):
        if customer_id:
            return self.fake.get("customers", customer_id)["id"]
        customer_id = text(self.body, "customerId")
        if customer_id and customer_id not in self.fake.data["customers"]:
            raise ApiError(422, "The customer id is invalid.", "customerId")
        return customer_id

    def create_payment(self, customer_id=None):
        customer_id = self.payment_customer(customer_id)
        sequence = self.body.get("sequenceType") or "oneoff"
        if sequence not in ("oneoff", "first", "recurring"):
            raise ApiError(422, "The sequence type is invalid.", "sequenceType")
        if sequence != "oneoff" and not customer_id:
            raise ApiError(422, "This payment needs a customer.", "customerId")
        method = self.body.get("method")
        if not isinstance(method, str | list | type(None)):
            raise ApiError(422, "The method is invalid.", "method")
        fields = {
            "mode": self.mode,
            "amount": parse_amount(self.body),
            "description": text(self.body, "description", required=True),
            "method": method if isinstance(method, str) else None,
            "metadata": self.body.get("metadata"),
            "sequenceType": sequence,
            "customerId": customer_id,
            "webhookUrl": text(self.body, "webhookUrl"),
            "redirectUrl": text(self.body, "redirectUrl", sequence != "recurring"),
        }
        if sequence == "recurring" or "directdebit" in (method or ()):
            self.fake.check_directdebit()
        if sequence == "recurring":
            mandate_id = self.body.get("mandateId")
            mandate = self.fake.valid_mandate(customer_id, mandate_id)
            fields.update(
                status="pending", method="directdebit", mandateId=mandate["id"]
            )
        return 201, self.render("payments", self.fake.new_payment(**fields))

    def cancel_payment(self, payment_id):
        payment = self.fake.get("payments", payment_id)
        if payment["status"] != "open":
            raise ApiError(422, "The payment cannot be canceled.")
        self.fake.set_status(payment, "canceled")
        return 200, self.render("payments", payment)

    def create_refund(self, payment_id):
        payment = self.fake.get("payments", payment_id)
        if not payment.get("paidAt"):
            raise ApiError(422, "The payment is not paid, it cannot be refunded.")
        amount = parse_amount(self.body)
        remaining = self.payment_amounts(payment)["amountRemaining"]
        if amount["currency"] != remaining["currency"]:
            raise ApiError(422, "The currency is not the payment's.", "amount")
        if Decimal(amount["value"]) > Decimal(remaining["value"]):
            detail = f"The amount is higher than the remaining {remaining['value']}."
            raise ApiError(422, detail, "amount")
        refund = {
            "resource": "refund",
            "mode": payment["mode"],
            "status": "pending",
            "amount": amount,
            "description": text(self.body, "description") or "",
            "metadata": self.body.get("metadata"),
            "paymentId": payment_id,
            "createdAt": now(),
        }
        return 201, self.render("refunds", self.fake.add("refunds", refund))

    # Subscriptions

    def subscription_fields(self, customer_id, partial):
        """The fields of the body (all of them when not ``partial``), checked."""
        body, today = self.body, date.today().isoformat()
        checks = {
            "amount": lambda: parse_amount(body),
            "interval": lambda: parse_interval(body.get("interval")),
            "description": lambda: text(body, "description", required=True),
            "startDate": lambda: parse_date(body, "startDate") or today,
            "times": lambda: parse_times(body.get("times")),
            "webhookUrl": lambda: text(body, "webhookUrl"),
            "metadata": lambda: body.get("metadata"),
            "mandateId": lambda: self.fake.valid_mandate(
                customer_id, body.get("mandateId")
            )["id"],
        }
        return {k: check() for k, check in checks.items() if not partial or k in body}

    def create_subscription(self, customer_id):
        self.fake.get("customers", customer_id)
        fields = self.subscription_fields(customer_id, partial=False)
        subscription = {
            "resource": "subscription",
            "mode": self.mode,
            "createdAt": now(),
            "status": "active",
            **fields,
            "timesRemaining": fields["times"],
            "nextPaymentDate": fields["startDate"],
            "customerId": customer_id,
            "_charges": 0,
        }
        subscription = self.fake.add("subscriptions", subscription)
        return 201, self.render("subscriptions", subscription)

    def update_subscription(self, customer_id, subscription_id):
        subscription = self.fake.get(
            "subscriptions", subscription_id, customerId=customer_id
        )
        if subscription["status"] != "active":
            raise ApiError(422, f"The subscription is {subscription['status']}.")
        fields = self.subscription_fields(customer_id, partial=True)
        subscription.update(fields)
        if "startDate" in fields:
            subscription.update(nextPaymentDate=fields["startDate"], _charges=0)
        if "times" in fields:
            times = fields["times"]
            subscription["timesRemaining"] = times and times - subscription["_charges"]
        return 200, self.render("subscriptions", subscription)

    def cancel_subscription(self, customer_id, subscription_id):
        subscription = self.fake.get(
            "subscriptions", subscription_id, customerId=customer_id
        )
        if subscription["status"] in ("canceled", "completed"):
            raise ApiError(422, f"The subscription is {subscription['status']}.")
        subscription.update(status="canceled", canceledAt=now(), nextPaymentDate=None)
        return 200, self.render("subscriptions", subscription)

    # Control endpoints

    def control_status(self, payment_id):
        status, account = self.body.get("status"), self.body.get("consumerAccount")
        if status not in STATUS_FIELDS:
            detail = f"The status must be one of {', '.join(STATUS_FIELDS)}."
            raise ApiError(422, detail, "status")
        if account is not None and not valid_iban(account):
            raise ApiError(422, "The consumer account is invalid.", "consumerAccount")
        payment = self.fake.get("payments", payment_id)
        self.fake.set_status(payment, status, account and valid_iban(account))
        return Webhook(payment_id, self.body.get("notify", True))

    def control_chargeback(self, payment_id):
        payment = self.fake.get("payments", payment_id)
        if not payment.get("paidAt") or payment.get("_chargedBack"):
            raise ApiError(409, "Only a paid payment can be charged back, once.")
        amount = payment["amount"]
        payment["_chargedBack"] = Decimal(amount["value"])
        chargeback = {
            "resource": "chargeback",
            "amount": amount,
            "settlementAmount": money(amount["currency"], -Decimal(amount["value"])),
            "reason": {"code": "MD06", "description": "Refund request by consumer"},
            "paymentId": payment_id,
            "createdAt": now(),
        }
        self.fake.add("chargebacks", chargeback)
        return Webhook(payment_id, self.body.get("notify", True))

    def control_charge(self, subscription_id):
        status = self.body.get("status", "paid")
        if status not in ("paid", "failed"):
            raise ApiError(422, "The status must be paid or failed.", "status")
        subscription = self.fake.get("subscriptions", subscription_id)
        if subscription["status"] != "active":
            raise ApiError(409, f"The subscription is {subscription['status']}.")
        customer_id = subscription["customerId"]
        try:
            mandate = self.fake.valid_mandate(customer_id, subscription["mandateId"])
        except ApiError:
            mandate = self.fake.valid_mandate(customer_id, status=409)
        payment = self.fake.new_payment(
            mode=subscription["mode"],
            status="pending",
            method="directdebit",
            sequenceType="recurring",
            customerId=customer_id,
            mandateId=mandate["id"],
            subscriptionId=subscription_id,
            **{
                key: subscription[key]
                for key in ("amount", "description", "webhookUrl", "metadata")
            },
        )
        self.fake.set_status(payment, status)
        charges = subscription["_charges"] = subscription["_charges"] + 1
        start, interval = subscription["startDate"], subscription["interval"]
        subscription["nextPaymentDate"] = add_interval(start, interval, charges)
        if subscription["times"]:
            subscription["timesRemaining"] = subscription["times"] - charges
            if subscription["timesRemaining"] <= 0:
                subscription.update(status="completed", nextPaymentDate=None)
        return Webhook(payment["id"], self.body.get("notify", True))

    def control_notify(self):
        payment_id = self.body.get("id")
        self.fake.get("payments", payment_id if isinstance(payment_id, str) else "")
        return Webhook(payment_id)

    def control_config(self):
        enabled = self.body.get("directdebit_enabled")
        if enabled is not None and not isinstance(enabled, bool):
            raise ApiError(400, "directdebit_enabled must be true or false.")
        if enabled is not None:
            self.fake.config["directdebit_enabled"] = enabled
        return 200, dict(self.fake.config)

    def control_reset(self):
        self.fake.reset()
        return 200, {"reset": True}

    def control_requests(self):
        return 200, list(self.fake.requests)

    def control_state(self):
        state = {
            kind: [self.render(kind, record) for record in records.values()]
            for kind, records in self.fake.data.items()
        }
        return 200, {**state, "config": dict(self.fake.config)}

    def checkout_page(self, payment_id):
        payment = self.fake.get("payments", payment_id)
        amount = payment["amount"]
        about = html.escape(
            f"Payment {payment_id}: {payment['description']}, "
            f"{amount['currency']} {amount['value']}, status {payment['status']}."
        )
        return 200, (
            "<!DOCTYPE html><html><head><title>Fake Mollie checkout</title></head>"
            f"<body><h1>Fake Mollie checkout</h1><p>{about}</p></body></html>"
        )


def make_server(port=0, host="127.0.0.1"):
    """A fake Mollie server on ``host:port`` (0: a free port); call serve_forever.

    ``server.fake`` is its state (a FakeMollie), ``server.base_url`` its URL.
    """
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.fake = FakeMollie()
    server.host_port = f"{host}:{server.server_address[1]}"
    server.base_url = f"http://{server.host_port}"
    return server


def main():
    parser = argparse.ArgumentParser(description="A fake Mollie API v2, for tests.")
    parser.add_argument("--port", type=int, default=0, help="0: a free one, printed")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    server = make_server(args.port, args.host)
    if not args.port:
        sys.stdout.write(f"{server.server_address[1]}\n")
        sys.stdout.flush()
    try:
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()

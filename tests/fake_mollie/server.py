# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Routing, the HTTP server and the command of the fake Mollie API."""

import argparse
import contextlib
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .api import ApiEndpoints
from .common import (
    AUTH,
    HAL,
    ApiError,
    Webhook,
    deliver_webhook,
)
from .control import ControlEndpoints
from .state import FakeMollie


def compile_routes(table):
    """(method, regex, handler name) of each line of a routes table."""
    routes = []
    for line in table.strip().splitlines():
        method, path, name = line.split()
        pattern = re.escape(path).replace(r"\*\*", "(.+)").replace(r"\*", "([^/]+)")
        routes.append((method, re.compile(pattern), name))
    return routes


class Handler(ApiEndpoints, ControlEndpoints, BaseHTTPRequestHandler):
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

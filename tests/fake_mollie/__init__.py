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

Run it with ``python3 -m fake_mollie --port 8765`` from ``tests/``, or in a test::

    from fake_mollie import make_server

    server = make_server(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client.set_api_endpoint(server.base_url)

Modules: ``common`` (errors, parsing of requests, the webhook call),
``state`` (the objects in memory), ``api`` (the /v2 endpoints), ``control``
(the test endpoints), ``server`` (routing, the HTTP server, the command).
"""

from .server import main, make_server

__all__ = ["main", "make_server"]

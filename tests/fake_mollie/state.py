# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The fake Mollie's objects, in memory behind one lock."""

import secrets
import threading
from datetime import date

from .common import (
    DD_DISABLED,
    DEFAULT_ACCOUNT,
    DEFAULT_BIC,
    NO_MANDATE,
    PREFIXES,
    STATUS_FIELDS,
    TOKEN_CHARS,
    ApiError,
    now,
)


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

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The test endpoints: payment outcomes, charges, webhooks, state."""

import html
from decimal import Decimal

from .common import (
    STATUS_FIELDS,
    ApiError,
    Webhook,
    add_interval,
    money,
    now,
    valid_iban,
)


class ControlEndpoints:
    """The /_fake endpoints tests drive (a mixin of the request handler)."""

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

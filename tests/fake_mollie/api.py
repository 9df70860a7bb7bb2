# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mollie's API v2 as the fake answers it: rendering, reading, creating."""

import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from decimal import Decimal

from .common import (
    HAL,
    ApiError,
    money,
    now,
    parse_amount,
    parse_date,
    parse_interval,
    parse_times,
    text,
    valid_iban,
)


class ApiEndpoints:
    """The /v2 endpoints (a mixin of the request handler)."""

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

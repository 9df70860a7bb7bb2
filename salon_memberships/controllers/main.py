# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mollie's notifications of membership payments.

A notification is only a payment id, without a signature: the payment is
fetched from Mollie with the salon's key and applied if it belongs to the
membership of the URL. Replays and late or out-of-order notifications apply
Mollie's current state again, which changes nothing more.
"""

import logging
import re

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

_logger = logging.getLogger(__name__)

PAYMENT_ID = re.compile(r"^tr_[A-Za-z0-9]{1,64}$")
MAX_ID = 2**31 - 1


class SalonMembershipWebhook(http.Controller):
    @http.route(
        "/salon/membership/mollie/<int:membership_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
        sitemap=False,
    )
    def salon_membership_mollie_webhook(self, membership_id, **post):
        payment_id = post.get("id")
        if not isinstance(payment_id, str) or not PAYMENT_ID.match(payment_id):
            return request.make_response("Bad payment id", status=400)
        membership = (
            request.env["salon.membership"].sudo().browse(membership_id).exists()
            if 0 < membership_id <= MAX_ID
            else None
        )
        if not membership or not membership.mollie_customer_id:
            return request.make_response("Unknown membership", status=404)
        try:
            with request.env.cr.savepoint():
                known = membership.with_company(
                    membership.company_id
                )._salon_process_mollie_payment(payment_id)
        except UserError as error:
            _logger.warning(
                "Mollie notification %s of membership %s not applied: %s",
                payment_id,
                membership.id,
                error,
            )
            return request.make_response("Not applied", status=422)
        if not known:
            return request.make_response("Unknown payment", status=404)
        return request.make_response("OK", status=200)

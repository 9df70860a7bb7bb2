# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The deposit's page: the client sees the terms and pays with any enabled
provider of Odoo's payment framework (payment link, online booking)."""

from odoo import http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.fields import Command
from odoo.http import request

from odoo.addons.payment.controllers import portal as payment_portal
from odoo.addons.salon_booking.controllers import parsing

# ids beyond PostgreSQL's integer are no deposit (never an SQL error)
MAX_ID = 2**31 - 1


class SalonDepositPortal(payment_portal.PaymentPortal):
    def _salon_deposit_access(self, deposit_id, access_token):
        """The deposit (sudo) when it is the visitor's or the token matches.

        :raise MissingError, AccessError:
        """
        if not 0 < deposit_id <= MAX_ID:
            raise MissingError(request.env._("This deposit does not exist."))
        return self._document_check_access(
            "salon.deposit", deposit_id, access_token=parsing.parse_token(access_token)
        )

    @http.route(
        "/salon/deposit/<int:deposit_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def salon_deposit_page(self, deposit_id, access_token=None, **kwargs):
        try:
            deposit = self._salon_deposit_access(deposit_id, access_token)
        except (AccessError, MissingError):
            raise request.not_found() from None
        values = {
            "deposit": deposit,
            "appointment": deposit.appointment_id,
            "page_name": "salon_deposit",
        }
        try:
            deposit._salon_check_payable()
        except ValidationError as error:
            values["unpayable"] = error.args[0]
        else:
            values.update(self._salon_deposit_payment_values(deposit))
        return request.render("salon_deposits.salon_deposit_page", values)

    def _salon_deposit_payment_values(self, deposit):
        """What Odoo's payment form needs to pay ``deposit`` (as sale's
        ``_get_payment_values``); the amount is the deposit's, never the
        request's."""
        user = request.env.user
        partner = deposit.partner_id if user._is_public() else user.partner_id
        company = deposit.company_id
        currency = deposit.currency_id
        amount = deposit.amount
        # the card the deposit is paid with is saved to guarantee the rest:
        # only providers and methods that save cards, no "save" checkbox
        card = deposit._salon_saves_card()
        report = {}
        providers = (
            request.env["payment.provider"]
            .sudo()
            ._get_compatible_providers(
                company.id,
                partner.id,
                amount,
                currency_id=currency.id,
                force_tokenization=card,
                report=report,
            )
        )
        methods = (
            request.env["payment.method"]
            .sudo()
            ._get_compatible_payment_methods(
                providers.ids,
                partner.id,
                currency_id=currency.id,
                force_tokenization=card,
                report=report,
            )
        )
        tokens = (
            request.env["payment.token"]
            .sudo()
            ._get_available_tokens(providers.ids, partner.id)
        )
        if card:
            show_tokenize = dict.fromkeys(providers.ids, False)
        else:
            show_tokenize = self._compute_show_tokenize_input_mapping(providers)
        return {
            "company_mismatch": not self._can_partner_pay_in_company(partner, company),
            "expected_company": company,
            "salon_saves_card": card,
            "salon_card_terms": card
            and company._salon_card_terms_text(
                deposit.appointment_id._salon_card_terms(),
                deposit.appointment_id.salon_amount_total,
            ),
            "show_tokenize_input_mapping": show_tokenize,
            "amount": amount,
            "currency": currency,
            "partner_id": partner.id,
            "providers_sudo": providers,
            "payment_methods_sudo": methods,
            "tokens_sudo": tokens,
            "availability_report": report,
            "transaction_route": deposit.get_portal_url(suffix="/transaction"),
            "landing_route": deposit.get_portal_url(),
            "access_token": deposit._portal_ensure_token(),
        }

    @http.route(
        "/salon/deposit/<int:deposit_id>/transaction", type="json", auth="public"
    )
    def salon_deposit_transaction(self, deposit_id, access_token=None, **kwargs):
        """Create the transaction paying the deposit; refused when the hold
        ran out, the deposit is paid or a payment is under way."""
        try:
            deposit = self._salon_deposit_access(deposit_id, access_token)
        except MissingError as error:
            raise error
        except AccessError:
            raise ValidationError(
                request.env._("The access token is invalid.")
            ) from None
        deposit._salon_lock()
        deposit._salon_check_payable()
        self._validate_transaction_kwargs(kwargs)
        user = request.env.user
        partner = deposit.partner_id if user._is_public() else user.partner_id
        kwargs.update(
            {
                "amount": deposit.amount,
                "currency_id": deposit.currency_id.id,
                "partner_id": partner.id,
            }
        )
        if deposit._salon_saves_card():
            kwargs["tokenization_requested"] = True
        transaction = self._create_transaction(
            custom_create_values={"salon_deposit_ids": [Command.set(deposit.ids)]},
            **kwargs,
        )
        return transaction._get_processing_values()

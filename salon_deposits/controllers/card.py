# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The card page: the client leaves a card to guarantee an appointment, with
Odoo's payment form in validation mode (nothing is charged; the provider keeps
the card and Odoo its token)."""

from odoo import http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request

from odoo.addons.payment.controllers import portal as payment_portal
from odoo.addons.salon_booking.controllers.portal import SalonPortal
from odoo.addons.salon_booking.controllers.website_booking import SalonWebsiteBooking

from .portal import MAX_ID


class SalonCardPortal(SalonPortal, payment_portal.PaymentPortal):
    def _salon_card_access(self, appointment_id, access_token):
        """The appointment (sudo) of the visitor or of the token.

        :raise MissingError, AccessError:
        """
        if not 0 < appointment_id <= MAX_ID:
            raise MissingError(request.env._("This appointment does not exist."))
        return self._salon_check_access(appointment_id, access_token)

    @staticmethod
    def _salon_card_unavailable(appointment):
        """Why no card can be left now, or ``None``."""
        env = request.env
        if appointment.salon_card_token_id:
            return None
        if appointment.salon_state in appointment._salon_get_free_states():
            return env._("This appointment is cancelled: no card is needed.")
        if not appointment.salon_card_fee_type:
            return env._("The salon does not ask a card for this appointment.")
        return None

    @http.route(
        "/my/salon/appointments/<int:appointment_id>/card",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def salon_card_page(self, appointment_id, access_token=None, **kwargs):
        try:
            appointment = self._salon_card_access(appointment_id, access_token)
        except (AccessError, MissingError):
            return self._salon_refuse()
        values = {
            "appointment": appointment,
            "terms": appointment.salon_company_id._salon_card_terms_text(
                appointment._salon_card_terms(), appointment.salon_amount_total
            ),
            "page_name": "salon_card",
            "unavailable": self._salon_card_unavailable(appointment),
        }
        if not values["unavailable"] and not appointment.salon_card_token_id:
            values.update(self._salon_card_form_values(appointment))
        return request.render("salon_deposits.salon_card_page", values)

    def _salon_card_form_values(self, appointment):
        """Odoo's payment form in validation mode, as ``/my/payment_method``
        shows it, for the appointment's client."""
        partner = appointment.salon_partner_id
        company = appointment.salon_company_id
        report = {}
        providers = (
            request.env["payment.provider"]
            .sudo()
            ._get_compatible_providers(
                company.id,
                partner.id,
                0.0,
                force_tokenization=True,
                is_validation=True,
                report=report,
            )
        )
        methods = (
            request.env["payment.method"]
            .sudo()
            ._get_compatible_payment_methods(
                providers.ids, partner.id, force_tokenization=True, report=report
            )
        )
        url = appointment._salon_get_portal_url(suffix="/card")
        return {
            "mode": "validation",
            "allow_token_selection": False,
            "allow_token_deletion": False,
            "reference_prefix": appointment.salon_reference,
            "partner_id": partner.id,
            "providers_sudo": providers,
            "payment_methods_sudo": methods,
            "tokens_sudo": request.env["payment.token"],
            "availability_report": report,
            "transaction_route": appointment._salon_get_portal_url(
                suffix="/card/transaction"
            ),
            "landing_route": url,
            "access_token": appointment._salon_ensure_access_token(),
        }

    @http.route(
        "/my/salon/appointments/<int:appointment_id>/card/transaction",
        type="json",
        auth="public",
    )
    def salon_card_transaction(self, appointment_id, access_token=None, **kwargs):
        """Create the validation transaction that saves the card; refused
        when the appointment has one or needs none."""
        try:
            appointment = self._salon_card_access(appointment_id, access_token)
        except MissingError:
            raise
        except AccessError:
            raise ValidationError(
                request.env._("The access token is invalid.")
            ) from None
        appointment._salon_lock_card()
        reason = self._salon_card_unavailable(appointment)
        if reason or appointment.salon_card_token_id:
            raise ValidationError(
                reason or request.env._("A card is already on file for it.")
            )
        self._validate_transaction_kwargs(kwargs)
        if kwargs.get("flow") == "token":
            raise ValidationError(request.env._("Leave a new card."))
        kwargs.update(
            {
                "amount": None,
                "currency_id": None,
                "partner_id": appointment.salon_partner_id.id,
                "is_validation": True,
                "tokenization_requested": True,
                "reference_prefix": f"{appointment.salon_reference}-CARD",
            }
        )
        transaction = self._create_transaction(
            custom_create_values={"salon_appointment_id": appointment.id}, **kwargs
        )
        return transaction._get_processing_values()


class SalonCardBooking(SalonWebsiteBooking):
    def _salon_booking_options(self, post, products):
        options = super()._salon_booking_options(post, products)
        options["leave_card"] = post.get("leave_card") == "1"
        return options

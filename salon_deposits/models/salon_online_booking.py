# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A deposit asked at online booking: shown on the review page, paid on the
deposit's page right after; the appointment is on hold meanwhile."""

from odoo import api, models
from odoo.tools.misc import formatLang


class SalonOnlineBooking(models.AbstractModel):
    _inherit = "salon.online.booking"

    @api.model
    def _salon_get_guarantee(self, booking):
        guarantee = super()._salon_get_guarantee(booking)
        if guarantee:
            return guarantee
        company = booking["company"]
        terms = company._salon_deposit_terms(
            booking["partner"] or self.env["res.partner"]
        )
        amount = company._salon_deposit_for(
            terms,
            [
                (line["product"], line["price"], line["covered"])
                for line in booking["lines"]
            ],
        )
        card = self._salon_get_card_guarantee(booking)
        if not company.currency_id.compare_amounts(amount, 0) > 0:
            return card
        minutes = terms.get("salon_deposit_hold_minutes") or 30
        label = self.env._(
            "A deposit of %(amount)s (taxes included) confirms this "
            "appointment: you pay it on the next page, within %(minutes)s "
            "minutes, and it is deducted from what you pay at the salon.",
            amount=formatLang(self.env, amount, currency_obj=company.currency_id),
            minutes=minutes,
        )
        if card.get("required"):
            # the deposit now, the card it is paid with guaranteeing the rest
            label = " ".join(
                [
                    label,
                    self.env._(
                        "The salon also asks a card to guarantee the rest: "
                        "the card you pay the deposit with stays on file."
                    ),
                    card["terms"],
                ]
            )
        elif card:
            label = " ".join(
                [
                    label,
                    self.env._(
                        "You may also leave the card you pay it with to "
                        "guarantee the rest and pay with it after your visit."
                    ),
                    card["terms"],
                ]
            )
        return {
            "kind": "deposit",
            "amount": amount,
            "hold_minutes": minutes,
            "label": label,
            "card": card,
        }

    @api.model
    def _salon_get_card_guarantee(self, booking):
        """The card the salon asks (optional or required), with the fee terms
        the client accepts by leaving it; empty when none is asked."""
        company = booking["company"]
        services = [
            (line["product"], line["price"], line["covered"])
            for line in booking["lines"]
        ]
        asked = company._salon_card_asked(
            booking["partner"] or self.env["res.partner"], services, booking["start"]
        )
        if asked == "none":
            return {}
        terms = " ".join(
            company._salon_card_terms_text(
                company._salon_card_terms(), booking["amount_total"]
            )
        )
        if asked == "required":
            minutes = company.salon_deposit_hold_minutes or 30
            label = self.env._(
                "The salon asks a card to guarantee this appointment: you "
                "leave it on the next page, within %(minutes)s minutes. Leaving "
                "a card charges nothing now. %(terms)s",
                minutes=minutes,
                terms=terms,
            )
            return {
                "kind": "card",
                "required": True,
                "hold_minutes": minutes,
                "label": label,
                "terms": terms,
            }
        return {
            "kind": "card",
            "required": False,
            "label": self.env._(
                "You may pay at the salon, or leave a card to guarantee this "
                "appointment and pay with it after your visit. Leaving a card "
                "charges nothing now. %(terms)s",
                terms=terms,
            ),
            "terms": terms,
        }

    @api.model
    def _salon_card_asked_at_booking(self, booking):
        """The card the salon asks, alone or with a deposit (empty: none)."""
        guarantee = booking["guarantee"]
        if guarantee.get("kind") == "card":
            return guarantee
        return guarantee.get("card") or {}

    @api.model
    def _salon_card_wanted(self, booking, options):
        card = self._salon_card_asked_at_booking(booking)
        return bool(card) and bool(card.get("required") or options.get("leave_card"))

    @api.model
    def _salon_book(self, booking, options):
        guarantee = booking["guarantee"]
        if guarantee.get("kind") == "deposit" or (
            guarantee.get("kind") == "card" and guarantee.get("required")
        ):
            # the appointment holds its time while the client pays or leaves
            # the card required
            self = self.with_context(salon_deposit_hold=True)
        appointment = super()._salon_book(booking, options)
        if self._salon_card_wanted(booking, options):
            # with a deposit, the card is the one the deposit is paid with
            # (its hold is the deposit's)
            appointment.sudo().salon_card_asked = True
            if guarantee.get("kind") == "card" and guarantee.get("required"):
                appointment._salon_await_card(guarantee["hold_minutes"])
        return appointment

    @api.model
    def _salon_get_next_step_url(self, appointment, booking):
        if booking["guarantee"].get("kind") == "card":
            if appointment.sudo().salon_card_asked:
                return appointment._salon_get_portal_url(suffix="/card")
            return super()._salon_get_next_step_url(appointment, booking)
        if booking["guarantee"].get("kind") != "deposit":
            return super()._salon_get_next_step_url(appointment, booking)
        appointment = appointment.sudo()
        # the amount of the terms stored on the appointment, decided here
        amount = appointment.salon_deposit_amount or booking["guarantee"]["amount"]
        deposit = (
            self.env["salon.deposit"]
            .sudo()
            .create(
                {
                    "appointment_id": appointment.id,
                    "amount": amount,
                    "channel": "online",
                }
            )
        )
        # the client pays now, on the page they are sent to
        deposit.with_context(salon_no_mail=True)._salon_start_hold()
        return deposit.get_portal_url()

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Card guarantees: when a card is asked at online booking, and the fee a
missed appointment costs (seed 002)."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import float_round
from odoo.tools.misc import formatLang

CARD_MODES = [
    ("none", "Not Asked"),
    ("optional", "Optional"),
    ("required", "Required When the Rules Apply"),
]
FEE_TYPES = [("percent", "Percentage of the Services"), ("fixed", "Fixed Amount")]
FEE_CHARGES = [
    ("auto", "Automatically"),
    ("confirm", "After Confirmation by the Staff"),
]


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    salon_card_mode = fields.Selection(
        CARD_MODES,
        string="Card on File",
        default="none",
        required=True,
        help="At online booking: not asked; optional (the client pays at the "
        "salon or leaves a card); or required when the protection rules apply "
        "(otherwise not asked). Leaving a card charges nothing.",
    )
    salon_card_new_clients = fields.Boolean(
        string="Card from New Clients",
        help="Require a card from clients who have never come yet.",
    )
    salon_card_min_no_shows = fields.Integer(
        string="Card after No-Shows",
        help="Require a card from clients who missed at least this many "
        "appointments (0: not a reason).",
    )
    salon_card_min_amount = fields.Monetary(
        string="Card from Amount",
        currency_field="currency_id",
        help="Require a card for appointments of at least this amount, taxes "
        "included (0: not a reason).",
    )
    salon_card_lead_hours = fields.Integer(
        string="Card for Late Bookings (hours)",
        help="Require a card for appointments booked less than this many hours "
        "before they start (0: not a reason).",
    )
    salon_no_show_fee_type = fields.Selection(
        FEE_TYPES, string="No-Show Fee", default="percent", required=True
    )
    salon_no_show_fee_value = fields.Float(
        string="No-Show Fee Value",
        default=50.0,
        help="The percentage of the services (taxes included) or the amount "
        "charged to the card on file of a client who does not come.",
    )
    salon_cancellation_fee_ids = fields.One2many(
        "salon.cancellation.fee",
        "company_id",
        string="Late-Cancellation Fees",
        help="Cancelled less than so many hours before the start, the client "
        "owes this part of the services, charged to the card on file.",
    )
    salon_fee_charge = fields.Selection(
        FEE_CHARGES,
        string="Charge Fees",
        default="confirm",
        required=True,
        help="Charge the no-show fee to the card on file as soon as the "
        "appointment is marked as a no-show, or when the staff confirm it.",
    )

    _sql_constraints = [
        (
            "salon_card_min_no_shows_positive",
            "CHECK(salon_card_min_no_shows >= 0)",
            "The number of no-shows cannot be negative.",
        ),
        (
            "salon_card_lead_hours_positive",
            "CHECK(salon_card_lead_hours >= 0)",
            "The hours before an appointment cannot be negative.",
        ),
        (
            "salon_no_show_fee_value_positive",
            "CHECK(salon_no_show_fee_value >= 0)",
            "The no-show fee cannot be negative.",
        ),
        (
            "salon_no_show_fee_percent_range",
            "CHECK(salon_no_show_fee_type != 'percent' "
            "OR salon_no_show_fee_value <= 100)",
            "The no-show fee is a percentage between 0 and 100.",
        ),
    ]

    def _salon_card_terms(self):
        """The fee terms stored on a new appointment (policy snapshot)."""
        self.ensure_one()
        if self.salon_card_mode == "none":
            return {"salon_card_fee_type": False}
        return {
            "salon_card_fee_type": self.salon_no_show_fee_type,
            "salon_card_fee_value": self.salon_no_show_fee_value,
            "salon_card_fee_charge": self.salon_fee_charge,
            "salon_card_late_fees": [
                [tier.hours, tier.percent]
                for tier in self.salon_cancellation_fee_ids.sorted(
                    "hours", reverse=True
                )
            ],
        }

    def _salon_card_asked(self, partner, services, start, now=None):
        """Whether online booking asks a card: ``none``, ``optional`` or
        ``required``.

        :param partner: the client (empty for a guest: a new client)
        :param services: ``[(product, price incl. taxes, amount covered)]``
        :param start: the appointment's start (naive UTC)
        """
        self.ensure_one()
        mode = self.salon_card_mode
        products = [product for product, _price, _covered in services]
        asked = [p for p in products if p.salon_card_policy != "none"]
        if mode == "none" or not asked:
            return "none"
        if any(p.salon_card_policy == "required" for p in asked):
            return "required"
        if mode == "optional":
            return "optional"
        partner.invalidate_recordset(["salon_visit_count", "salon_no_show_count"])
        currency = self.currency_id
        total = sum(price for _product, price, _covered in services)
        now = now or fields.Datetime.now()
        rules = []
        if self.salon_card_new_clients:
            rules.append(not partner or not partner.salon_visit_count)
        if self.salon_card_min_no_shows:
            rules.append(
                bool(partner)
                and partner.salon_no_show_count >= self.salon_card_min_no_shows
            )
        if self.salon_card_min_amount:
            rules.append(
                currency.compare_amounts(total, self.salon_card_min_amount) >= 0
            )
        if self.salon_card_lead_hours:
            rules.append(start < now + timedelta(hours=self.salon_card_lead_hours))
        # "required when the rules apply": always, when the salon set none
        return "required" if not rules or any(rules) else "none"

    def _salon_card_fee_for(self, terms, total):
        """The no-show fee under ``terms`` for services of ``total`` (taxes
        included), rounded by the currency and never above the total."""
        self.ensure_one()
        kind = terms.get("salon_card_fee_type")
        value = terms.get("salon_card_fee_value") or 0.0
        if kind == "percent":
            fee = total * value / 100
        elif kind == "fixed":
            fee = value
        else:
            return 0.0
        return float_round(
            max(min(fee, total), 0.0), precision_rounding=self.currency_id.rounding
        )

    def _salon_card_terms_text(self, terms, total):
        """The fee terms as the client reads them before leaving a card.

        :param terms: the appointment's card terms (policy snapshot)
        :param total: what the services cost, taxes included
        :return: list of sentences
        """
        self.ensure_one()
        currency = self.currency_id
        sentences = []
        no_show = self._salon_card_fee_for(terms, total)
        if no_show:
            sentences.append(
                self.env._(
                    "If you do not come, the salon may charge %(fee)s (taxes "
                    "included) to your card.",
                    fee=formatLang(self.env, no_show, currency_obj=currency),
                )
            )
        for hours, percent in terms.get("salon_card_late_fees") or []:
            if not percent:
                continue
            sentences.append(
                self.env._(
                    "Cancelled less than %(hours)s hours before: %(fee)s.",
                    hours=hours,
                    fee=formatLang(
                        self.env,
                        currency.round(total * percent / 100),
                        currency_obj=currency,
                    ),
                )
            )
        return sentences

    @staticmethod
    def _salon_late_fee_percent(terms, hours_left):
        """The part of the services owed for a cancellation ``hours_left``
        hours before the start under ``terms`` (the closest tier's)."""
        percent = 0.0
        for hours, tier_percent in terms.get("salon_card_late_fees") or []:
            if hours_left < hours:
                percent = max(percent, tier_percent)
        return percent

    def _salon_prepare_no_show_fee_line_vals(self, appointment, amount, name=None):
        """An invoice line of a fee of ``appointment`` (no-show, late
        cancellation): ``amount`` taxes included, on the no-show fee product
        (a deposit retained, a fee charged to the card)."""
        self.ensure_one()
        fee = self._salon_no_show_fee_product()
        fiscal_position = (
            self.env["account.fiscal.position"]
            .with_company(self)
            ._get_fiscal_position(appointment.salon_partner_id)
        )
        taxes = fiscal_position.map_tax(
            fee.taxes_id.filtered(lambda tax: tax.company_id == self)
        )
        if taxes.filtered(lambda tax: not tax.price_include):
            raise UserError(
                self.env._(
                    "The taxes of the no-show fee product %(product)s must be "
                    "included in its price: a fee is an amount kept or charged, "
                    "taxes included.",
                    product=fee.display_name,
                )
            )
        return {
            "product_id": fee.id,
            "name": name
            or self.env._(
                "No-show fee: %(appointment)s on %(date)s",
                appointment=appointment.salon_reference,
                date=appointment._salon_format_start("medium"),
            ),
            "quantity": 1,
            "price_unit": amount,
            "tax_ids": [Command.set(taxes.ids)],
        }

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _salon_create_demo_cards(self):
        """Demo data (seed 002): cards left with Odoo's test provider
        (payment_demo, when installed) on appointments to come, and a client
        with a card on file who did not come, the fee charged to the card."""
        company = self.env.company
        provider = self.env.ref(
            "payment.payment_provider_demo", raise_if_not_found=False
        )
        if (
            not provider
            or provider.code != "demo"
            or not company.salon_no_show_fee_product_id
        ):
            return
        provider.write(
            {
                "state": "test",
                "allow_tokenization": True,
                "company_id": company.id,
            }
        )
        if not provider.journal_id:
            Journal = self.env["account.journal"]
            provider.journal_id = Journal.search(
                [*Journal._check_company_domain(company), ("type", "=", "bank")],
                limit=1,
            )
        # the desk charges cards on file as online payments of the order
        configs = (
            self.env["pos.config"]
            .search(self.env["pos.config"]._check_company_domain(company))
            .filtered(lambda config: not config.current_session_id)
        )
        if configs:
            provider.is_published = True
            online = self.env["pos.payment.method"].create(
                {
                    "name": self.env._("Online Payment"),
                    "is_online_payment": True,
                    "online_payment_provider_ids": [Command.set(provider.ids)],
                    "company_id": company.id,
                }
            )
            for config in configs:
                config.payment_method_ids |= online
        Event = self.env["calendar.event"].with_context(salon_no_mail=True)
        domain = [
            ("salon_is_appointment", "=", True),
            ("salon_company_id", "=", company.id),
            ("salon_deposit_ids", "=", False),
            ("salon_card_token_id", "=", False),
        ]
        now = fields.Datetime.now()
        future = Event.search(
            [*domain, ("salon_state", "=", "booked"), ("start", ">", now)],
            order="start",
            limit=2,
        )
        missed = Event.search(
            [*domain, ("salon_state", "=", "no_show")], order="start", limit=1
        )
        for appointment in future | missed:
            token = self.env["payment.token"].create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": self.env.ref("payment.payment_method_card").id,
                    "partner_id": appointment.salon_partner_id.id,
                    "provider_ref": f"demo-{appointment.salon_reference}",
                    "payment_details": "4242",
                    "demo_simulated_state": "done",
                }
            )
            appointment.write(
                {
                    "salon_card_asked": True,
                    "salon_card_fee_type": "percent",
                    "salon_card_fee_value": company.salon_no_show_fee_value,
                    "salon_card_fee_charge": "confirm",
                }
            )
            # the card was left before the appointment was missed
            appointment.salon_card_token_id = token
        for appointment in missed:
            appointment._salon_charge_fee()
        # seed 004: a visit charged to the card, then partly refunded
        visit = Event.search(
            [
                *domain,
                ("salon_state", "=", "done"),
                ("salon_invoice_ids", "=", False),
                ("salon_pos_order_ids", "=", False),
                ("salon_amount_due", ">", 0),
            ],
            order="start desc",
            limit=1,
        )
        if not visit:
            return
        visit.salon_card_token_id = self.env["payment.token"].create(
            {
                "provider_id": provider.id,
                "payment_method_id": self.env.ref("payment.payment_method_card").id,
                "partner_id": visit.salon_partner_id.id,
                "provider_ref": f"demo-{visit.salon_reference}",
                "payment_details": "4242",
                "demo_simulated_state": "done",
            }
        )
        charge = visit._salon_charge_card(visit._salon_invoice_to_pay(), "PAY")
        if charge.state == "done":
            self.env["salon.refund.wizard"].create(
                {
                    "appointment_id": visit.id,
                    "invoice_id": charge.invoice_ids[:1].id,
                    "amount": visit.salon_currency_id.round(charge.amount / 3),
                    "send_email": False,
                }
            ).action_refund()

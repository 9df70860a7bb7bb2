# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Services booked online with a package only.

A service flagged ``salon_package_only`` is booked online when a session of
one of the client's packages covers it. Otherwise the booking is refused with
the reason and what to do: the review page shows it before the client
confirms (``_salon_package_errors``), the confirmation refuses it again
(``_salon_check_options``), whatever the browser sends.
"""

import pytz

from odoo import api, fields, models
from odoo.tools.misc import format_date

from odoo.addons.salon_booking.models.salon_online_booking import BookingError

from .loyalty_program import PACKAGE


class SalonOnlineBooking(models.AbstractModel):
    _inherit = "salon.online.booking"

    @api.model
    def _salon_check_options(self, booking, options):
        result = super()._salon_check_options(booking, options)
        message = self._salon_package_errors(
            booking, declined=options.get("declined_coverage")
        )
        if message:
            raise BookingError(message, field="package")
        return result

    @api.model
    def _salon_package_errors(self, booking, declined=None, problems=None):
        """Why the services of ``booking`` that need a package cannot be
        booked, or None when all can.

        :param declined: positions of the services the client pays instead of
            using a prepaid right (``declined_coverage``)
        :param problems: the result of :meth:`_salon_package_problems`, when
            already computed
        :return: the message shown to the client, or None
        """
        if problems is None:
            problems = self._salon_package_problems(booking, declined=declined)
        return " ".join(problem["message"] for problem in problems) or None

    @api.model
    def _salon_package_problems(self, booking, declined=None):
        """The services of ``booking`` booked with a package only that no
        session of the client's packages covers.

        :return: list of dicts: ``index``, ``product``, ``reason`` (``guest``,
            ``no_package``, ``used_up``, ``booked``, ``expired``,
            ``discovery``, ``declined``), ``message`` and ``offers`` (the
            package types covering the service the client can buy online)
        """
        declined = set(declined or ())
        problems = []
        for line in booking["lines"]:
            product = line["product"]
            if not product.salon_package_only:
                continue
            coverage = line["coverage"]
            by_package = bool(self.env["calendar.event"]._salon_package_of(coverage))
            if by_package and line["index"] not in declined:
                continue
            reason, message = self._salon_package_refusal(
                booking, product, coverage if by_package else None
            )
            problems.append(
                {
                    "index": line["index"],
                    "product": product,
                    "reason": reason,
                    "message": message,
                    "offers": self._salon_package_offers(
                        booking["company"], booking["partner"], product
                    ),
                }
            )
        return problems

    @api.model
    def _salon_package_types(self, company, product):
        """Package types of ``company`` in use that cover ``product`` (sudo)."""
        return (
            self.env["loyalty.program"]
            .sudo()
            .search(
                [
                    ("program_type", "=", PACKAGE),
                    ("company_id", "in", [company.id, False]),
                    ("reward_ids.reward_product_id", "=", product.id),
                ]
            )
        )

    @api.model
    def _salon_package_offers(self, company, partner, product):
        """Package types covering ``product`` that ``partner`` can buy online
        (a discovery offer they already had is not offered again)."""
        return self._salon_package_types(company, product).filtered(
            lambda program: (
                program.salon_sold_online
                and program.salon_product_id
                and not (
                    partner
                    and program.salon_discovery
                    and program._salon_had_discovery(partner)
                )
            )
        )

    @api.model
    def _salon_package_refusal(self, booking, product, declined_coverage=None):
        """``(reason, message)``: why ``product`` needs a package here."""
        service = product.name
        partner = booking["partner"]
        if declined_coverage:
            return "declined", self.env._(
                "%(service)s is included in packages only: use a session of "
                "your package %(package)s to book it online.",
                service=service,
                package=declined_coverage.record.program_id.name,
            )
        if not partner:
            return "guest", self.env._(
                "%(service)s is included in packages only: log in to use your "
                "package or to buy one in your account, or book the service at "
                "the unit price.",
                service=service,
            )
        company = booking["company"]
        types = self._salon_package_types(company, product)
        if types and all(
            program.salon_discovery and program._salon_had_discovery(partner)
            for program in types
        ):
            return "discovery", self.env._(
                "%(service)s is included in the discovery offer %(package)s "
                "only: a discovery offer is once per client and you already had "
                "it. Book the service at the unit price.",
                service=service,
                package=", ".join(types.mapped("name")),
            )
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("program_id.program_type", "=", PACKAGE),
                    ("company_id", "in", [company.id, False]),
                    ("salon_line_ids.product_id", "=", product.id),
                    ("salon_closed", "!=", "cancelled"),
                ],
                order="id desc",
            )
        )
        if not cards:
            return "no_package", self.env._(
                "%(service)s is included in packages only: buy a package in "
                "your account, or book the service at the unit price.",
                service=service,
            )
        tz = company._salon_get_tz()
        day = pytz.utc.localize(booking["start"]).astimezone(tz).date()
        today = pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()
        # the card that tells most: one with sessions of the service left,
        # else the last one bought
        balances = cards._salon_balances()
        usable = cards.filtered(
            lambda c: (
                c.active
                and not c.salon_closed
                and balances[(c.id, product.id)]["remaining"] > 0
            )
        )
        card = usable[:1] or cards[:1]
        package = card.program_id.name
        if card.salon_closed == "expired" or (
            card.expiration_date and card.expiration_date < today
        ):
            return "expired", self.env._(
                "No session of %(service)s is left in your package %(package)s: "
                "it expired on %(date)s. Buy a new package in your account, or "
                "book the service at the unit price.",
                service=service,
                package=package,
                date=format_date(self.env, card.expiration_date),
            )
        if card in usable and not card._salon_is_valid_on(day):
            if card.expiration_date and day > card.expiration_date:
                return "expired", self.env._(
                    "No session of %(service)s is left in your package "
                    "%(package)s on that day: it can be used until %(date)s. "
                    "Choose an earlier day, buy a new package in your account, "
                    "or book the service at the unit price.",
                    service=service,
                    package=package,
                    date=format_date(self.env, card.expiration_date),
                )
            return "expired", self.env._(
                "No session of %(service)s is left in your package %(package)s "
                "on that day: it can be used from %(date)s. Choose a later day, "
                "or book the service at the unit price.",
                service=service,
                package=package,
                date=format_date(self.env, card.salon_start_date),
            )
        if card in usable:
            return "booked", self.env._(
                "No session of %(service)s is left in your package %(package)s: "
                "the sessions left are kept for your other appointments. Buy a "
                "new package in your account, or book the service at the unit "
                "price.",
                service=service,
                package=package,
            )
        return "used_up", self.env._(
            "No session of %(service)s is left in your package %(package)s: buy "
            "a new package in your account, or book the service at the unit "
            "price.",
            service=service,
            package=package,
        )

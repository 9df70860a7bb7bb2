# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Prepaid coverage: what covers each service of an appointment, and how much.

salon_booking covers nothing itself. Addons that sell prepaid rights (session
packages, membership credit) register a provider; the booking pages, the
deposits, the POS checkout and the invoices ask ``salon.coverage`` for a whole
set of services at once. See ``readme/SEAMS.md``.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from odoo import api, models


@dataclass(frozen=True)
class CoverageRequest:
    """One service to cover."""

    key: Any  # the appointment line's id, or the position in a booking
    product: Any  # product.product
    amount: float  # price of the service, taxes included
    start: datetime  # when it is performed (naive UTC)


@dataclass(frozen=True)
class Coverage:
    """What covers a service: a prepaid right and the part of the price."""

    record: Any  # the prepaid right (a package, a membership card, ...)
    amount: float  # part of the price covered, taxes included
    label: str  # shown to the client and the staff
    priority: int = 100


class SalonCoverage(models.AbstractModel):
    _name = "salon.coverage"
    _description = "Salon Prepaid Coverage"

    @api.model
    def _salon_get_providers(self):
        """Coverage providers as ``[(priority, method name)]``.

        Lower priorities are asked first: a service one provider covers is not
        offered to the next ones. Each method has the signature of
        :meth:`_salon_provider_example` and lives on this model.
        """
        return []

    @api.model
    def _salon_provider_example(self, partner, requests, company, exclude):
        """The shape of a provider (this one covers nothing).

        :param partner: the client (sudo)
        :param requests: list of :class:`CoverageRequest` not covered yet
        :param company: the salon
        :param exclude: appointment lines whose coverage is being decided again:
            what was promised to them does not count as reserved
        :return: ``{request key: Coverage}``
        """
        return {}

    @api.model
    def _salon_compute(self, partner, requests, company, exclude=None):
        """What covers each of ``requests`` for ``partner``.

        One coverage per service, chosen by priority (then by provider name),
        whatever the order in which modules load. The amount never exceeds the
        service's price.

        :return: ``{request key: Coverage or None}``
        """
        result = dict.fromkeys(request.key for request in requests)
        if not partner or not requests:
            return result
        exclude = exclude or self.env["salon.appointment.line"]
        currency = company.currency_id
        by_key = {request.key: request for request in requests}
        for _priority, method in sorted(self._salon_get_providers()):
            open_requests = [r for r in requests if result[r.key] is None]
            if not open_requests:
                break
            proposals = getattr(self, method)(
                partner.sudo(), open_requests, company, exclude
            )
            for key, coverage in proposals.items():
                request = by_key.get(key)
                if not coverage or request is None or result[key] is not None:
                    continue
                amount = currency.round(min(coverage.amount, request.amount))
                if currency.compare_amounts(amount, 0) <= 0:
                    continue
                result[key] = Coverage(
                    coverage.record, amount, coverage.label, coverage.priority
                )
        return result

    @api.model
    def _salon_reserved_lines(self, records, exclude=None):
        """Appointment lines promised to ``records`` and not used yet.

        Providers count them to know what is left: a session promised to a
        booked appointment is not offered to another one.

        :param records: the prepaid rights (one model)
        :param exclude: appointment lines not to count (``salon.appointment.line``)
        :return: ``salon.appointment.line`` (sudo)
        """
        Event = self.env["calendar.event"]
        domain = [
            ("coverage_model", "=", records._name),
            ("coverage_res_id", "in", records.ids),
            ("event_id.salon_state", "not in", list(Event._salon_get_free_states())),
            ("event_id.salon_state", "!=", "done"),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        return self.env["salon.appointment.line"].sudo().search(domain)

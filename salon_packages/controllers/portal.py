# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
""" "My packages": the client's packages and the packages sold online.

A client sees their own packages only (read with sudo, always through a
domain on their partner), each with its sessions left and a link to its
history (Odoo's loyalty portal page). Buying a package creates the invoice
of its product and sends the client to pay it on the invoice's portal page;
the paid invoice gives the package (``account.move._invoice_paid_hook``).
"""

import logging

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.http import request

from odoo.addons.loyalty.controllers.portal import CustomerPortalLoyalty
from odoo.addons.salon_booking.controllers import parsing
from odoo.addons.salon_booking.controllers.portal import past_page

from ..models.loyalty_program import PACKAGE

_logger = logging.getLogger(__name__)

# ids beyond PostgreSQL's integer are no package (never an SQL error)
MAX_ID = 2**31 - 1


class SalonPackagePortal(CustomerPortalLoyalty):
    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------

    @staticmethod
    def _salon_package_domain(partner):
        """The packages of ``partner``: the ownership every read goes through."""
        return [
            ("partner_id", "=", partner.id),
            ("program_id.program_type", "=", PACKAGE),
        ]

    @staticmethod
    def _salon_package_company():
        return request.website.company_id

    def _salon_package_types_domain(self):
        """Package types sold online by the website's salon."""
        return [
            ("program_type", "=", PACKAGE),
            ("salon_sold_online", "=", True),
            ("active", "=", True),
            ("salon_product_id", "!=", False),
            ("company_id", "in", [self._salon_package_company().id, False]),
        ]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "salon_package_count" in counters:
            partner = request.env.user.partner_id
            values["salon_package_count"] = (
                request.env["loyalty.card"]
                .sudo()
                .search_count(
                    self._salon_package_domain(partner)
                    + [("salon_state", "=", "active")]
                )
            )
        return values

    def _salon_package_offers(self, partner):
        """The package types sold online, with their price taxes included and
        whether ``partner`` may buy them (a discovery offer once only)."""
        company = self._salon_package_company()
        currency = company.currency_id
        programs = (
            request.env["loyalty.program"]
            .sudo()
            .search(self._salon_package_types_domain(), order="name, id")
        )
        prices = programs.salon_product_id._salon_get_price_total(company)
        return [
            {
                "program": program,
                "price": currency.round(prices[program.salon_product_id.id]),
                "currency": currency,
                "had_discovery": program.salon_discovery
                and program._salon_had_discovery(partner),
            }
            for program in programs
        ]

    def _salon_render_packages(self, page=1, error=None, status=200):
        partner = request.env.user.partner_id
        Card = request.env["loyalty.card"].sudo()
        domain = self._salon_package_domain(partner)
        current = Card.search(
            domain + [("salon_state", "=", "active")],
            order="expiration_date asc nulls last, id",
        )
        past, past_pager = past_page(
            Card,
            domain + [("id", "not in", current.ids)],
            "/my/packages",
            page,
            "id desc",
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "salon_packages",
                "current": current,
                "past": past,
                "pager": past_pager,
                "default_url": "/my/packages",
                "offers": self._salon_package_offers(partner),
                "error": error,
            }
        )
        return request.render(
            "salon_packages.portal_my_salon_packages", values, status=status
        )

    @http.route(
        ["/my/packages", "/my/packages/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_salon_packages(self, page=1, **kwargs):
        return self._salon_render_packages(page=page)

    @http.route()
    def portal_my_loyalty_card_history(self, card_id, page=1, sortby="date", **kw):
        """The history of a package (Odoo's page), safe from odd input: an
        unknown sort or page shows the first page by date, an id beyond any
        card none (Odoo's page answers an error 500 to both)."""
        if not 0 < card_id <= MAX_ID:
            return request.redirect("/my")
        if sortby not in self._get_loyalty_searchbar_sortings():
            sortby = "date"
        return super().portal_my_loyalty_card_history(
            card_id, page=parsing.parse_page(page), sortby=sortby, **kw
        )

    # ------------------------------------------------------------------
    # Buying
    # ------------------------------------------------------------------

    def _salon_buyable_package(self, program_id):
        """The package type of ``program_id`` (sudo) if sold online here, else
        an empty recordset."""
        Program = request.env["loyalty.program"].sudo()
        if not 0 < program_id <= MAX_ID:
            return Program
        return Program.search(
            self._salon_package_types_domain() + [("id", "=", program_id)]
        )

    @staticmethod
    def _salon_pending_invoice(program, partner, company):
        """An invoice of this package already waiting for the client's payment
        (buying twice before paying pays one invoice, and a discovery offer is
        never invoiced twice)."""
        return (
            request.env["account.move"]
            .sudo()
            .search(
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "=", "not_paid"),
                    ("company_id", "=", company.id),
                    ("partner_id", "=", partner.id),
                    ("invoice_line_ids.product_id", "=", program.salon_product_id.id),
                ],
                order="id desc",
                limit=1,
            )
        )

    @staticmethod
    def _salon_create_package_invoice(program, partner, company):
        """The posted invoice of one package of type ``program`` for
        ``partner`` (sudo)."""
        invoice = (
            request.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "invoice_user_id": False,
                    "invoice_origin": program.name,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": program.salon_product_id.id,
                                "quantity": 1.0,
                            }
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        return invoice

    @http.route(
        "/my/packages/buy/<int:program_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_salon_package_buy(self, program_id, **kwargs):
        env = request.env
        partner = env.user.partner_id
        program = self._salon_buyable_package(program_id)
        if not program:
            return self._salon_render_packages(
                error=env._("This package cannot be bought online."), status=404
            )
        if program.salon_discovery and program._salon_had_discovery(partner):
            return self._salon_render_packages(
                error=env._(
                    "You already had the discovery offer %(package)s: it is once "
                    "per client. Choose another package.",
                    package=program.name,
                ),
                status=403,
            )
        company = program.company_id or self._salon_package_company()
        invoice = self._salon_pending_invoice(program, partner, company)
        if not invoice:
            try:
                with env.cr.savepoint():
                    invoice = self._salon_create_package_invoice(
                        program, partner, company
                    )
            except (UserError, ValidationError) as error:
                _logger.warning(
                    "Package %s could not be invoiced online: %s", program.id, error
                )
                return self._salon_render_packages(
                    error=env._(
                        "This package cannot be bought online right now: please "
                        "contact the salon."
                    ),
                    status=409,
                )
        return request.redirect(invoice.get_portal_url(), code=303)

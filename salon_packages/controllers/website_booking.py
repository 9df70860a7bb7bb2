# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Online booking of services included in packages only.

The review page tells the client at once why a service needs a package and
what to do (buy one, or book the service at the unit price), with the
packages sold online that include it; it offers no confirmation then. The
confirmation refuses such a booking again on the server
(``salon.online.booking._salon_check_options``).
"""

from odoo.http import request

from odoo.addons.salon_booking.controllers.website_booking import SalonWebsiteBooking


class SalonPackageBooking(SalonWebsiteBooking):
    def _render_review(
        self, company, products, stylist, start, partner, contact, error=None, **kw
    ):
        response = super()._render_review(
            company, products, stylist, start, partner, contact, error=error, **kw
        )
        booking = response.qcontext.get("booking")
        if not booking:
            return response
        Booking = request.env["salon.online.booking"]
        problems = Booking._salon_package_problems(booking)
        if not problems:
            return response
        offers = request.env["loyalty.program"].sudo()
        for problem in problems:
            offers |= problem["offers"]
        currency = company.currency_id
        response.qcontext.update(
            {
                # the package message replaces any other: nothing can be
                # confirmed until the client has a package or another service
                "error": Booking._salon_package_errors(booking, problems=problems),
                "salon_package_problems": problems,
                "salon_package_offers": [
                    {
                        "program": program,
                        "price": currency.round(
                            program.salon_product_id._salon_get_price_total(company)[
                                program.salon_product_id.id
                            ]
                        ),
                    }
                    for program in offers
                ],
                "salon_package_login_url": self._url(
                    "/web/login", redirect="/my/packages"
                ),
            }
        )
        response.status_code = 400
        return response

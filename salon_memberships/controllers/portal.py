# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
""" "My membership": the client's membership, its credit month by month, and
the plans offered online.

Every read goes through a domain on the client's partner; the actions (join,
change plan, cancel) are POSTs checked by CSRF and by that same domain.
"""

import logging

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.salon_booking.controllers import parsing

_logger = logging.getLogger(__name__)

MAX_ID = 2**31 - 1


class SalonMembershipPortal(CustomerPortal):
    @staticmethod
    def _salon_membership_company():
        return request.website.company_id

    @staticmethod
    def _salon_membership_domain(partner):
        return [("partner_id", "=", partner.id)]

    def _salon_member_plans(self):
        return (
            request.env["salon.membership.plan"]
            .sudo()
            .search(
                [
                    ("sold_online", "=", True),
                    ("company_id", "=", self._salon_membership_company().id),
                ]
            )
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "salon_membership_count" in counters:
            partner = request.env.user.partner_id
            values["salon_membership_count"] = (
                request.env["salon.membership"]
                .sudo()
                .search_count(
                    self._salon_membership_domain(partner) + [("state", "!=", "ended")]
                )
            )
        return values

    def _salon_membership(self, membership_id):
        """The client's own membership ``membership_id`` (sudo), or empty."""
        Membership = request.env["salon.membership"].sudo()
        if not 0 < membership_id <= MAX_ID:
            return Membership
        return Membership.search(
            self._salon_membership_domain(request.env.user.partner_id)
            + [("id", "=", membership_id)]
        )

    def _salon_render_membership(self, error=None, status=200, message=None):
        partner = request.env.user.partner_id
        memberships = (
            request.env["salon.membership"]
            .sudo()
            .search(self._salon_membership_domain(partner), order="id desc")
        )
        current = memberships.filtered(lambda m: m.state != "ended")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "salon_membership",
                "current": current,
                "past": memberships - current,
                "plans": self._salon_member_plans(),
                "error": error,
                "message": message,
            }
        )
        return request.render(
            "salon_memberships.portal_my_salon_membership", values, status=status
        )

    @http.route("/my/membership", type="http", auth="user", website=True)
    def portal_salon_membership(self, **kwargs):
        return self._salon_render_membership()

    def _salon_portal_action(self, function, success):
        try:
            with request.env.cr.savepoint():
                result = function()
        except (UserError, ValidationError) as error:
            _logger.info("Portal membership action refused: %s", error)
            return self._salon_render_membership(error=error.args[0], status=409)
        return result or self._salon_render_membership(message=success)

    @http.route(
        "/my/membership/join/<int:plan_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_salon_membership_join(self, plan_id, **kwargs):
        env = request.env
        partner = env.user.partner_id
        plan = self._salon_member_plans().filtered(lambda p: p.id == plan_id)
        if not plan:
            return self._salon_render_membership(
                error=env._("This membership cannot be joined online."), status=404
            )
        Membership = env["salon.membership"].sudo()
        if Membership.search_count(
            self._salon_membership_domain(partner)
            + [("state", "not in", ("draft", "ended"))]
        ):
            return self._salon_render_membership(
                error=env._(
                    "You are already a member: change your plan below instead."
                ),
                status=409,
            )

        def join():
            membership = Membership.search(
                self._salon_membership_domain(partner)
                + [("state", "=", "draft"), ("plan_id", "=", plan.id)],
                limit=1,
            ) or Membership.with_company(plan.company_id).create(
                {
                    "partner_id": partner.id,
                    "plan_id": plan.id,
                    "company_id": plan.company_id.id,
                    "user_id": False,
                }
            )
            url = membership.checkout_url or membership._salon_request_mandate()
            return request.redirect(url, code=303, local=False)

        return self._salon_portal_action(join, None)

    @http.route(
        "/my/membership/<int:membership_id>/cancel",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_salon_membership_cancel(self, membership_id, **kwargs):
        membership = self._salon_membership(membership_id)
        if not membership:
            return self._salon_render_membership(
                error=request.env._("This membership is not yours."), status=404
            )
        return self._salon_portal_action(
            membership.action_cancel,
            request.env._("Your membership is cancelled."),
        )

    @http.route(
        "/my/membership/<int:membership_id>/plan",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_salon_membership_plan(self, membership_id, plan_id=None, **kwargs):
        membership = self._salon_membership(membership_id)
        plan_id = str(plan_id or "").strip()
        plan_id = int(plan_id) if parsing.ID_RE.match(plan_id) else 0
        plan = self._salon_member_plans().filtered(lambda p: p.id == plan_id)
        if not membership or not plan or membership.state == "ended":
            return self._salon_render_membership(
                error=request.env._("Choose one of the plans offered."), status=404
            )
        return self._salon_portal_action(
            lambda: membership._salon_change_plan(plan),
            request.env._("Your new plan applies from the next month."),
        )

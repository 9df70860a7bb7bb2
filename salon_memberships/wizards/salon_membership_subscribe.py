# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SalonMembershipSubscribe(models.TransientModel):
    """ "Request recurring payments" (seed 001) from the client card: a
    membership and its SEPA direct-debit mandate, given online (a link to pay
    the first month, emailed) or signed at the salon (the client's IBAN)."""

    _name = "salon.membership.subscribe"
    _description = "Request Recurring Payments"

    partner_id = fields.Many2one("res.partner", string="Client", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    plan_id = fields.Many2one(
        "salon.membership.plan",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )
    mandate_method = fields.Selection(
        [
            ("link", "The client pays the first month online (link by email)"),
            ("iban", "The client signed a SEPA mandate at the salon"),
        ],
        string="Mandate",
        required=True,
        default="link",
    )
    consumer_name = fields.Char(string="Account Holder")
    iban = fields.Char(string="IBAN")

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and not self.consumer_name:
            self.consumer_name = self.partner_id.name

    def action_confirm(self):
        self.ensure_one()
        if self.mandate_method == "iban" and not (self.iban and self.consumer_name):
            raise UserError(
                self.env._("Enter the account holder and the IBAN of the mandate.")
            )
        if self.mandate_method == "link" and not self.partner_id.email:
            raise UserError(
                self.env._(
                    "%s has no email address to send the link to.",
                    self.partner_id.display_name,
                )
            )
        membership = (
            self.env["salon.membership"]
            .with_company(self.company_id)
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "plan_id": self.plan_id.id,
                    "company_id": self.company_id.id,
                }
            )
        )
        if self.mandate_method == "iban":
            membership._salon_set_iban_mandate(self.consumer_name, self.iban)
        else:
            membership._salon_request_mandate()
            membership.message_post_with_source(
                "salon_memberships.mail_template_membership_mandate_link",
                subtype_xmlid="mail.mt_comment",
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "salon.membership",
            "res_id": membership.id,
            "view_mode": "form",
        }


class SalonMembershipChangePlan(models.TransientModel):
    _name = "salon.membership.change.plan"
    _description = "Change a Membership's Plan"

    membership_id = fields.Many2one("salon.membership", required=True)
    company_id = fields.Many2one(related="membership_id.company_id")
    plan_id = fields.Many2one(
        "salon.membership.plan",
        string="New Plan",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )

    def action_confirm(self):
        self.ensure_one()
        self.membership_id._salon_change_plan(self.plan_id)
        return {"type": "ir.actions.act_window_close"}

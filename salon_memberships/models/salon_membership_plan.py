# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalonMembershipPlan(models.Model):
    """A monthly membership the salon offers: a price debited each month by
    SEPA direct debit and the credit it gives to spend at the salon."""

    _name = "salon.membership.plan"
    _description = "Salon Membership Plan"
    _order = "sequence, price, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    description = fields.Text(
        translate=True, help="What the client reads about the plan online."
    )
    price = fields.Monetary(
        string="Monthly Price",
        required=True,
        help="Debited each month by SEPA direct debit.",
    )
    credit = fields.Monetary(
        string="Monthly Credit",
        required=True,
        help="What each paid month adds to the member's credit, taxes included "
        "(usually the monthly price; what is above it is a membership fee).",
    )
    scope = fields.Selection(
        [("all", "All Services"), ("categories", "Some Service Categories")],
        string="Credit Spent On",
        required=True,
        default="all",
    )
    category_ids = fields.Many2many(
        "salon.service.category",
        string="Service Categories",
        help="The services of these categories can be paid with the credit.",
    )
    retail = fields.Boolean(
        string="Retail Products Too",
        help="The credit also pays products that are not services.",
    )
    rollover = fields.Selection(
        [
            ("expire", "Expires at the End of the Month"),
            ("carry", "Carries Over, up to a Cap"),
        ],
        string="Unused Credit",
        required=True,
        default="expire",
    )
    rollover_cap = fields.Monetary(
        string="Carry-Over Cap",
        help="The most credit carried over to the next month; the rest expires.",
    )
    min_term_months = fields.Integer(
        string="Minimum Term (months)",
        help="A membership cannot end before this many months.",
    )
    notice_days = fields.Integer(
        string="Notice Period (days)",
        default=30,
        help="A cancellation takes effect at the end of the month in which this "
        "many days have passed.",
    )
    sold_online = fields.Boolean(
        string="Offered Online", help="Clients subscribe from their account."
    )
    membership_ids = fields.One2many("salon.membership", "plan_id")
    member_count = fields.Integer(string="Members", compute="_compute_member_count")

    _sql_constraints = [
        ("price_positive", "CHECK(price > 0)", "The monthly price must be positive."),
        (
            "credit_within_price",
            "CHECK(credit >= 0 AND credit <= price)",
            "The monthly credit is between zero and the monthly price (the rest "
            "of the price is the membership fee).",
        ),
    ]

    @api.depends("membership_ids.state")
    def _compute_member_count(self):
        counts = dict(
            self.env["salon.membership"]._read_group(
                [
                    ("plan_id", "in", self.ids),
                    ("state", "in", ("active", "dunning", "paused")),
                ],
                ["plan_id"],
                ["__count"],
            )
        )
        for plan in self:
            plan.member_count = counts.get(plan, 0)

    @api.constrains("scope", "category_ids", "rollover", "rollover_cap")
    def _check_rules(self):
        for plan in self:
            if plan.scope == "categories" and not plan.category_ids:
                raise ValidationError(
                    self.env._(
                        "Choose the service categories the credit of %s pays.",
                        plan.name,
                    )
                )
            if plan.rollover_cap < 0 or plan.min_term_months < 0:
                raise ValidationError(
                    self.env._(
                        "The carry-over cap and the minimum term cannot be negative."
                    )
                )
            if plan.notice_days < 0:
                raise ValidationError(
                    self.env._("The notice period cannot be negative.")
                )

    def _salon_is_eligible(self, product):
        """Whether the credit of this plan may pay ``product``."""
        self.ensure_one()
        template = product.product_tmpl_id
        if not template.salon_is_service:
            return self.retail and product.type == "consu"
        if self.scope == "all":
            return True
        return template.salon_category_id in self.category_ids

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "salon_memberships.salon_membership_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

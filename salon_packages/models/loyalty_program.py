# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Package types: a loyalty program whose points are sessions.

Each reward of the program is a covered service (the service at no charge)
with its number of sessions; the product sold is the package itself. What a
client bought is copied on their card, so that editing or archiving a type
never changes a package already sold.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

PACKAGE = "salon_package"


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    program_type = fields.Selection(
        selection_add=[(PACKAGE, "Session Package")],
        ondelete={PACKAGE: "set default"},
    )
    salon_product_id = fields.Many2one(
        "product.product",
        string="Product Sold",
        copy=False,
        readonly=True,
        help="The product that sells this package, at the till, on an invoice "
        "or online. Paying it gives the client a package of this type.",
    )
    salon_price = fields.Float(
        string="Package Price",
        related="salon_product_id.lst_price",
        readonly=False,
        digits="Product Price",
    )
    salon_taxes_id = fields.Many2many(
        related="salon_product_id.taxes_id", readonly=False, string="Taxes"
    )
    salon_validity_months = fields.Integer(
        string="Validity (months)",
        help="How long a package of this type can be used from its start; 0: "
        "it never expires.",
    )
    salon_no_show_counts = fields.Boolean(
        string="No-Show Uses a Session",
        default=True,
        help="Default for a client who does not come: the missed appointment "
        "uses a session. The salon decides per appointment.",
    )
    salon_discovery = fields.Boolean(
        string="Discovery Offer",
        help="A client gets a package of this type once only.",
    )
    salon_sold_online = fields.Boolean(
        string="Sold Online",
        help="Clients buy this package from their account on the website.",
    )
    salon_session_count = fields.Integer(
        string="Sessions",
        compute="_compute_salon_session_count",
        help="Sessions of all the covered services.",
    )
    salon_menu_id = fields.Many2one(
        "salon.service.menu",
        string="Add a Menu",
        store=False,
        help="Adds the services of a menu, one session each per package session.",
    )
    salon_card_count = fields.Integer(
        string="Packages Sold", compute="_compute_salon_card_count"
    )

    _sql_constraints = [
        (
            "salon_validity_positive",
            "CHECK(salon_validity_months >= 0)",
            "The validity of a package cannot be negative.",
        ),
    ]

    @api.model
    def _program_type_default_values(self):
        defaults = super()._program_type_default_values()
        defaults[PACKAGE] = {
            "applies_on": "future",
            "trigger": "auto",
            "portal_visible": True,
            "portal_point_name": self.env._("Sessions"),
            "rule_ids": [Command.clear()],
            "reward_ids": [Command.clear()],
            "communication_plan_ids": [Command.clear()],
        }
        return defaults

    @api.depends("reward_ids.salon_sessions")
    def _compute_salon_session_count(self):
        for program in self:
            program.salon_session_count = sum(
                program.reward_ids.mapped("salon_sessions")
            )

    def _compute_salon_card_count(self):
        counts = dict(
            self.env["loyalty.card"]._read_group(
                [("program_id", "in", self.ids)], ["program_id"], ["__count"]
            )
        )
        for program in self:
            program.salon_card_count = counts.get(program, 0)

    @api.onchange("salon_menu_id")
    def _onchange_salon_menu_id(self):
        menu = self.salon_menu_id
        if not menu:
            return
        covered = self.reward_ids.reward_product_id
        sessions = max(self.reward_ids.mapped("salon_sessions") or [1])
        self.reward_ids = [
            Command.create(
                {
                    "reward_type": "product",
                    "reward_product_id": line.product_id.id,
                    "salon_sessions": sessions,
                    "required_points": 1,
                }
            )
            for line in menu.line_ids
            if line.product_id not in covered
        ]
        self.salon_menu_id = False

    @api.constrains("program_type", "reward_ids")
    def _check_salon_package_rewards(self):
        for program in self.filtered(lambda p: p.program_type == PACKAGE):
            products = program.reward_ids.reward_product_id
            if any(
                reward.reward_type != "product"
                or not reward.reward_product_id.salon_is_service
                or reward.salon_sessions <= 0
                for reward in program.reward_ids
            ):
                raise ValidationError(
                    self.env._(
                        "Each service covered by the package %s is a salon "
                        "service with at least one session.",
                        program.name,
                    )
                )
            if len(products) != len(program.reward_ids):
                raise ValidationError(
                    self.env._(
                        "The package %s lists a service twice: give it its "
                        "number of sessions once.",
                        program.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        programs = super().create(vals_list)
        programs.filtered(
            lambda p: p.program_type == PACKAGE and not p.salon_product_id
        )._salon_create_products()
        return programs

    def write(self, vals):
        result = super().write(vals)
        if "name" in vals or "active" in vals:
            for program in self.filtered("salon_product_id"):
                program.salon_product_id.product_tmpl_id.write(
                    {"name": program.name, "active": program.active}
                )
        return result

    def _salon_create_products(self):
        """The product that sells each package type, booked to the prepaid
        packages account (deferred revenue): a package sold is an advance."""
        Product = self.env["product.product"].sudo()
        for program in self:
            company = program.company_id or self.env.company
            if not company.salon_package_account_id:
                company.sudo()._salon_setup_package_accounting()
            account = company.salon_package_account_id
            program.salon_product_id = Product.create(
                {
                    "name": program.name,
                    "type": "service",
                    "list_price": 0.0,
                    "sale_ok": True,
                    "purchase_ok": False,
                    "available_in_pos": True,
                    "company_id": program.company_id.id,
                    "salon_package_program_id": program.id,
                    "property_account_income_id": account.id,
                }
            )

    def _salon_is_package(self):
        return self.program_type == PACKAGE

    def _salon_check_discovery(self, partner):
        """A discovery offer is once per client: refuse a second one."""
        self.ensure_one()
        if not self.salon_discovery:
            return
        if self._salon_had_discovery(partner):
            raise UserError(
                self.env._(
                    "%(client)s already had the discovery offer %(package)s: it "
                    "is once per client. Offer another package or the unit "
                    "service.",
                    client=partner.display_name,
                    package=self.name,
                )
            )

    def _salon_had_discovery(self, partner):
        """Whether ``partner`` already had a package of this type (one whose
        sale was refunded does not count)."""
        self.ensure_one()
        return bool(
            self.env["loyalty.card"]
            .sudo()
            .with_context(active_test=False)
            .search_count(
                [
                    ("program_id", "=", self.id),
                    ("partner_id", "child_of", partner.commercial_partner_id.id),
                    ("salon_closed", "!=", "cancelled"),
                ],
                limit=1,
            )
        )

    def action_salon_view_cards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "salon_packages.salon_package_card_action"
        )
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id}
        return action

    @api.model
    def salon_pos_package_info(self, product_id):
        """What the till shows when it sells the package of ``product_id``:
        its name and the services it covers (ids)."""
        self.check_access("read")
        product = self.env["product.product"].browse(int(product_id)).exists()
        program = product.sudo().salon_package_program_id
        if not program:
            return False
        return {
            "name": program.name,
            "service_ids": program.reward_ids.reward_product_id.ids,
        }

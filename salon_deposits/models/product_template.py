# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    salon_deposit_policy = fields.Selection(
        [
            ("default", "Salon's Percentage"),
            ("percent", "Own Percentage"),
            ("fixed", "Fixed Amount"),
            ("none", "No Deposit"),
        ],
        string="Deposit",
        default="default",
        required=True,
        help="The deposit this service asks when the salon asks deposits.",
    )
    salon_card_policy = fields.Selection(
        [
            ("default", "Salon's Rules"),
            ("required", "Always Required"),
            ("none", "Never Asked"),
        ],
        string="Card on File",
        default="default",
        required=True,
        help="Whether booking this service online asks the client to leave a "
        "card, when the salon asks cards.",
    )
    salon_deposit_value = fields.Float(
        string="Deposit Value",
        help="The percentage of the price, or the amount (taxes included).",
    )

    @api.constrains("salon_deposit_policy", "salon_deposit_value")
    def _check_salon_deposit_value(self):
        for template in self:
            value = template.salon_deposit_value
            if template.salon_deposit_policy == "percent" and not 0 <= value <= 100:
                raise ValidationError(
                    self.env._(
                        "The deposit of %(service)s is a percentage between 0 and 100.",
                        service=template.name,
                    )
                )
            if template.salon_deposit_policy == "fixed" and value < 0:
                raise ValidationError(
                    self.env._(
                        "The deposit of %(service)s cannot be negative.",
                        service=template.name,
                    )
                )

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SalonDepositLine(models.Model):
    """One movement of a deposit, pointing to the document it moved with."""

    _name = "salon.deposit.line"
    _description = "Salon Deposit Movement"
    _order = "date, id"

    deposit_id = fields.Many2one(
        "salon.deposit", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="deposit_id.company_id", store=True)
    currency_id = fields.Many2one(related="deposit_id.currency_id")
    partner_id = fields.Many2one(related="deposit_id.partner_id", store=True)
    kind = fields.Selection(
        [
            ("paid", "Paid"),
            ("applied", "Applied"),
            ("restored", "Deduction Undone"),
            ("retained", "Retained"),
            ("refunded", "Refunded"),
            ("expired", "Expired"),
        ],
        required=True,
    )
    amount = fields.Monetary(required=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    source_model = fields.Char(required=True)
    source_id = fields.Many2oneReference(model_field="source_model", required=True)
    reference = fields.Char(help="The document the money moved with.")

    _sql_constraints = [
        (
            "source_unique",
            "UNIQUE(deposit_id, kind, source_model, source_id)",
            "A document moves a deposit once.",
        ),
        ("amount_positive", "CHECK(amount >= 0)", "A movement is never negative."),
    ]

    @api.depends("kind", "reference")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{kinds.get(line.kind)} {line.reference or ''}".strip()

    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.source_model,
            "res_id": self.source_id,
            "views": [(False, "form")],
        }

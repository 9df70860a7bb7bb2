# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    salon_package_card_id = fields.Many2one(
        "loyalty.card",
        string="Package Used",
        index="btree_not_null",
        copy=False,
        help="The client's package that pays this service (a session).",
    )
    salon_pos_package_card = fields.Integer(
        string="Package Chosen at the Till",
        copy=False,
        help="The package the till chose for this service (its id): checked and "
        "used when the order is paid.",
    )
    salon_package_use_new = fields.Boolean(
        string="Use the Package Sold",
        copy=False,
        help="This service uses a session of the package sold by the same order.",
    )
    salon_package_history_id = fields.Many2one(
        "loyalty.history", string="Package Session", readonly=True, copy=False
    )

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + [
            "salon_pos_package_card",
            "salon_package_use_new",
        ]


class PosOrder(models.Model):
    _inherit = "pos.order"

    def _salon_process_paid_order(self):
        result = super()._salon_process_paid_order()
        errors = []
        for step in (
            self._salon_issue_packages,
            self._salon_use_packages,
            self._salon_refund_packages,
        ):
            errors += step()
        self._salon_drop_declined_packages()
        if errors:
            self._salon_report_issue(" ".join(errors))
        return result

    def _salon_issue_packages(self):
        """Packages sold by the order: one per unit, to the order's client."""
        errors = []
        Card = self.env["loyalty.card"].sudo()
        for line in self.lines.filtered(
            lambda line: (
                line.product_id.salon_package_program_id
                and line.qty > 0
                and not line.refunded_orderline_id
            )
        ):
            program = line.product_id.salon_package_program_id
            issued = Card.with_context(active_test=False).search_count(
                [("salon_pos_line_id", "=", line.id)]
            )
            for _unit in range(int(line.qty) - issued):
                card = self._salon_step(
                    errors,
                    Card._salon_issue,
                    program,
                    self.partner_id,
                    # from the day of the visit it may pay (a walk-in
                    # appointment starts before the order is paid)
                    start=(program.company_id or self.company_id)._salon_today(
                        min(
                            [
                                self.date_order,
                                *self.salon_appointment_id.mapped("start"),
                            ]
                        )
                    ),
                    amount=line.price_subtotal / line.qty,
                    origin=self,
                )
                if card:
                    card.salon_pos_line_id = line
        return errors

    def _salon_use_packages(self):
        """Services the order pays with a package session."""
        errors = []
        for line in self.lines.filtered(
            lambda line: (
                (
                    line.salon_package_card_id
                    or line.salon_pos_package_card
                    or line.salon_package_use_new
                )
                and line.qty > 0
                and not line.salon_package_history_id
            )
        ):
            Card = self.env["loyalty.card"].sudo()
            card = (
                line.salon_package_card_id
                or Card.browse(line.salon_pos_package_card).exists()
            )
            card = card or Card.search(
                [
                    ("salon_pos_line_id", "in", self.lines.ids),
                    ("salon_line_ids.product_id", "=", line.product_id.id),
                    ("points", ">", 0),
                ],
                limit=1,
            )
            if not card or card.partner_id != self.partner_id:
                errors.append(
                    self.env._(
                        "No package of %(client)s pays %(service)s.",
                        client=self.partner_id.display_name or "?",
                        service=line.product_id.display_name,
                    )
                )
                continue
            history = self._salon_step(
                errors,
                card._salon_use,
                line.product_id,
                line.salon_appointment_line_id.event_id or None,
                origin=self,
            )
            if history:
                line.write(
                    {
                        "salon_package_card_id": card.id,
                        "salon_package_history_id": history.id,
                    }
                )
        return errors

    def _salon_refund_packages(self):
        """A refund gives back the sessions the refunded lines used and
        cancels the packages they sold (their sessions left)."""
        errors = []
        refunds = self.lines.filtered(
            lambda line: line.qty < 0 and line.refunded_orderline_id
        )
        for line in refunds:
            history = line.refunded_orderline_id.salon_package_history_id
            if history and not history.salon_reversed_by_ids:
                self._salon_step(
                    errors, history.card_id._salon_give_back, history, origin=self
                )
        for line in refunds:
            origin_line = line.refunded_orderline_id
            cards = (
                self.env["loyalty.card"]
                .sudo()
                .search(
                    [
                        ("salon_pos_line_id", "=", origin_line.id),
                        ("salon_closed", "=", False),
                    ],
                    limit=int(abs(line.qty)),
                )
            )
            if cards:
                self._salon_step(errors, cards._salon_close, "cancelled", origin=self)
        return errors

    def _salon_drop_declined_packages(self):
        """A service booked as included but charged at the unit price keeps
        no package promise."""
        for line in self.lines.filtered(
            lambda line: (
                line.salon_appointment_line_id
                and line.qty > 0
                and not line.salon_package_card_id
            )
        ):
            appointment_line = line.salon_appointment_line_id
            if appointment_line in appointment_line.event_id._salon_package_lines():
                appointment_line.write(
                    appointment_line._salon_prepare_coverage_vals(None)
                )

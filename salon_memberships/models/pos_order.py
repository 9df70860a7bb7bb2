# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    salon_pos_membership_card = fields.Integer(
        string="Credit Chosen at the Till",
        copy=False,
        help="The membership wallet this line spends (its id): checked and "
        "spent when the order is paid.",
    )
    salon_membership_card_id = fields.Many2one(
        "loyalty.card",
        string="Membership Credit Spent",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    salon_membership_history_ids = fields.Many2many(
        "loyalty.history", string="Credit Movements", readonly=True, copy=False
    )

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["salon_pos_membership_card"]


class PosOrder(models.Model):
    _inherit = "pos.order"

    def _salon_process_paid_order(self):
        result = super()._salon_process_paid_order()
        errors = self._salon_spend_membership_credit()
        errors += self._salon_refund_membership_credit()
        self._salon_drop_declined_credit()
        if errors:
            self._salon_report_issue(" ".join(errors))
        return result

    def _salon_spend_membership_credit(self):
        """Credit lines of the order: spent from the client's wallet, never
        more than the eligible lines cost nor than is left."""
        errors = []
        credit_lines = self.lines.filtered(
            lambda line: (
                line.salon_pos_membership_card
                and line.qty > 0
                and not line.salon_membership_history_ids
            )
        )
        for line in credit_lines:
            card = (
                self.env["loyalty.card"]
                .sudo()
                .browse(line.salon_pos_membership_card)
                .exists()
            )
            membership = card.salon_membership_ids[:1]
            amount = -line.price_subtotal_incl
            if not membership or card.partner_id != self.partner_id:
                errors.append(
                    self.env._(
                        "No membership credit of %(client)s pays this order.",
                        client=self.partner_id.display_name or "?",
                    )
                )
                continue
            eligible = sum(
                other.price_subtotal_incl
                for other in self.lines
                if other.qty > 0
                and other.price_subtotal_incl > 0
                and membership.plan_id._salon_is_eligible(other.product_id)
            )
            if card.currency_id.compare_amounts(amount, eligible) > 0:
                errors.append(
                    self.env._(
                        "The membership credit pays %(eligible)s of this order at "
                        "most (%(amount)s applied).",
                        eligible=card.currency_id.format(eligible),
                        amount=card.currency_id.format(amount),
                    )
                )
                continue
            appointment = self.lines.salon_appointment_line_id.event_id[:1]
            histories = self._salon_step(
                errors, card._salon_credit_use, amount, self, appointment or None
            )
            if histories:
                line.write(
                    {
                        "salon_membership_card_id": card.id,
                        "salon_membership_history_ids": [(6, 0, histories.ids)],
                    }
                )
        return errors

    def _salon_refund_membership_credit(self):
        """A refund gives back the credit the refunded lines spent. A refund
        of services an order paid with credit, without its credit line, would
        pay back in money what the credit paid: reported on the refund."""
        errors = []
        refunds = self.lines.filtered(
            lambda line: line.qty < 0 and line.refunded_orderline_id
        )
        for line in refunds:
            spent = line.refunded_orderline_id.salon_membership_history_ids
            if spent:
                self._salon_step(
                    errors,
                    spent.card_id[:1]._salon_credit_give_back,
                    spent,
                    origin=self,
                )
        refunded = refunds.refunded_orderline_id
        for origin in refunded.order_id:
            credit_lines = origin.lines.filtered("salon_membership_history_ids")
            if credit_lines and not credit_lines & refunded:
                errors.append(
                    self.env._(
                        "%(order)s was paid with membership credit: refund its "
                        "credit line too, or the client gets back in money what "
                        "the credit paid.",
                        order=origin.name,
                    )
                )
        return errors

    def _salon_drop_declined_credit(self):
        """Services booked as paid with the credit but charged without it
        keep no promise of the credit."""
        used_cards = set(self.lines.mapped("salon_pos_membership_card"))
        for appointment_line in self.lines.filtered(
            lambda line: line.qty > 0
        ).salon_appointment_line_id:
            if (
                appointment_line.coverage_model == "loyalty.card"
                and appointment_line.coverage_res_id not in used_cards
                and self.env["loyalty.card"]
                .sudo()
                .browse(appointment_line.coverage_res_id)
                .exists()
                .program_id.salon_membership
            ):
                appointment_line.write(
                    appointment_line._salon_prepare_coverage_vals(None)
                )

    @api.model
    def salon_pos_membership_credit(self, partner_id, lines, appointment_id=False):
        """What the client's membership credit pays of an order being made at
        the till (button "Membership Credit").

        :param lines: ``[{"product_id", "amount"}]``, amounts taxes included
        :param appointment_id: the appointment the order checks out, if any
            (the credit promised to it is the order's to spend)
        :return: ``{"card_id", "amount", "product_id", "label"}``
        """
        partner = self.env["res.partner"].browse(int(partner_id)).exists()
        appointment = self.env["calendar.event"]
        if appointment_id:
            appointment = appointment.browse(int(appointment_id)).exists()
        offer = self.env["salon.membership"]._salon_credit_offer(
            partner, self.env.company, lines, exclude=appointment.salon_line_ids
        )
        return dict(offer, card_id=offer["card_id"].id)

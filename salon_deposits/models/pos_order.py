# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

# a charge of the card under way for an order: never a second one
CHARGE_UNDER_WAY = ("draft", "pending", "authorized")


class PosOrder(models.Model):
    _inherit = "pos.order"

    salon_deposit_appointment_id = fields.Many2one(
        "calendar.event",
        string="Deposit For",
        index="btree_not_null",
        copy=False,
        readonly=True,
        domain=[("salon_is_appointment", "=", True)],
        help="The appointment whose deposit this order collected.",
    )

    def _salon_deposit_lines_total(self):
        product = self.company_id.salon_deposit_product_id
        lines = self.lines.filtered(lambda line: line.product_id == product)
        return sum(lines.mapped("price_subtotal_incl"))

    def _salon_collect_deposit(self):
        """A paid order collected the deposit of an appointment ("Deposit" at
        the desk): the deposit, paid, with the order as its source; the
        session books the order's line on the customer deposits account."""
        appointment = self.salon_deposit_appointment_id
        amount = self.currency_id.round(self._salon_deposit_lines_total())
        Deposit = self.env["salon.deposit"].sudo()
        if (
            Deposit.search_count(
                [
                    ("appointment_id", "=", appointment.id),
                    ("line_ids.source_id", "=", self.id),
                    ("line_ids.source_model", "=", "pos.order"),
                ]
            )
            or not self.currency_id.compare_amounts(amount, 0) > 0
        ):
            return
        deposit = Deposit.create(
            {
                "appointment_id": appointment.id,
                "amount": amount,
                "channel": "pos",
                "employee_id": self.employee_id.id,
                "journal_id": self.payment_ids.payment_method_id.journal_id[:1].id,
            }
        )
        deposit._salon_record("paid", amount, self, self.name)
        if appointment.salon_state == "booked":
            appointment._salon_change_state("confirmed")

    def _salon_refund_collected_deposit(self):
        """A refund of an order that collected a deposit gives it back."""
        origin = self.refunded_order_id
        amount = -self.currency_id.round(self._salon_deposit_lines_total())
        deposit = origin.salon_deposit_appointment_id.salon_deposit_ids.sudo().filtered(
            lambda d: (
                origin.id
                in d.line_ids.filtered(
                    lambda line: (
                        line.kind == "paid" and line.source_model == "pos.order"
                    )
                ).mapped("source_id")
            )
        )
        if deposit and self.currency_id.compare_amounts(amount, 0) > 0:
            deposit._salon_lock()
            deposit._salon_record_refund(
                min(amount, deposit.amount_available), self, self.name
            )

    def _salon_process_paid_order(self):
        """The deposit line of a paid order (negative: the checkout deducted
        it; positive: a refund gives it back) moves the appointment's
        deposits. The POS books the line on the deposit product's account,
        so the advance leaves the liability as on an invoice."""
        result = super()._salon_process_paid_order()
        if self.salon_deposit_appointment_id:
            self._salon_collect_deposit()
            return result
        if self.refunded_order_id.salon_deposit_appointment_id:
            self._salon_refund_collected_deposit()
            return result
        appointment = self.salon_appointment_id
        product = self.company_id.salon_deposit_product_id
        if not appointment or not product:
            return result
        lines = self.lines.filtered(lambda line: line.product_id == product)
        amount = -sum(lines.mapped("price_subtotal_incl"))
        currency = self.currency_id
        deposits = appointment.salon_deposit_ids.sudo().sorted("id")
        if currency.compare_amounts(amount, 0) > 0:
            for deposit in deposits.filtered(
                lambda d: d.state == "paid" and d.amount_available
            ):
                part = min(deposit.amount_available, amount)
                deposit._salon_apply(self, part)
                amount = currency.round(amount - part)
                if currency.is_zero(amount):
                    break
            if not currency.is_zero(amount):
                raise UserError(
                    self.env._(
                        "%(order)s deducts %(amount)s more deposit than "
                        "%(appointment)s has.",
                        order=self.name,
                        amount=formatLang(self.env, amount, currency_obj=currency),
                        appointment=appointment.salon_reference,
                    )
                )
        elif currency.compare_amounts(amount, 0) < 0:
            # a refund of the checkout: what it deducted is available again
            given_back = -amount
            for deposit in deposits.filtered(lambda d: d.amount_applied):
                part = min(deposit.amount_applied, given_back)
                deposit._salon_restore(self, part)
                given_back = currency.round(given_back - part)
                if currency.is_zero(given_back):
                    break
        return result

    # ------------------------------------------------------------------
    # The card on file charged at the desk (pos_online_payment)
    # ------------------------------------------------------------------

    def salon_charge_card_on_file(self):
        """Charge what is left to pay on this order to the card on file of
        its appointment, off-session (Point of Sale, "Card on file" on the
        payment screen). The transaction is linked to the order as an online
        payment of ``pos_online_payment``: done, it adds the payment to the
        order (paid in full, the order is validated) and the session books it
        like any online payment. The amount is the server's: the order's
        total less its payments, the desk having synced the order first.

        :return: ``{"state", "message"}``: the transaction's state, and why
            the card was not charged when it was not
        """
        self.ensure_one()
        self.check_access("write")
        order = self.sudo()
        appointment = order.salon_appointment_id
        if not appointment:
            raise UserError(
                self.env._("Only the order of an appointment is charged to a card.")
            )
        appointment._salon_lock_card()
        appointment._salon_check_card()
        charges = appointment._salon_card_charges().filtered(
            lambda tx: tx.pos_order_id == order
        )
        # a charge without a clear answer before: the provider says first
        charges._salon_recover()
        if order.state != "draft":
            if charges.filtered(lambda tx: tx.state == "done"):
                # paid by the card already (a second click, another till):
                # the desk shows the order paid
                return {"state": "done", "message": False}
            raise UserError(self.env._("%(order)s is paid.", order=order.name))
        if not order.online_payment_method_id:
            raise UserError(
                self.env._(
                    "Add an online payment method to %(pos)s to charge cards on "
                    "file (Point of Sale > Configuration > Payment Methods).",
                    pos=order.config_id.name,
                )
            )
        if charges.filtered(lambda tx: tx.state in CHARGE_UNDER_WAY):
            raise UserError(
                self.env._("A charge of the card is under way for this order.")
            )
        amount = order.get_amount_unpaid()
        if not order.currency_id.compare_amounts(amount, 0) > 0:
            raise UserError(self.env._("Nothing is left to pay on this order."))
        transaction = appointment._salon_card_transaction(
            amount, order.currency_id, "POS", pos_order_id=order.id
        )
        return {
            "state": transaction.state,
            "message": (
                transaction.state != "done"
                and appointment._salon_card_failure_message(transaction)
            ),
        }

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    salon_package_card_id = fields.Many2one(
        "loyalty.card",
        string="Package Used",
        index="btree_not_null",
        help="The client's package that pays this service (a session).",
    )


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        for move in posted.filtered(lambda m: m.move_type == "out_invoice"):
            move._salon_use_package_sessions()
        for move in posted.filtered(
            lambda m: m.move_type == "out_refund" and m.reversed_entry_id
        ):
            move._salon_reverse_packages()
        return posted

    def button_draft(self):
        # an invoice reset to draft gives back the sessions it used, a credit
        # note takes back those it gave back; posting it again does it again
        for move in self.filtered(lambda m: m.state == "posted"):
            if move.move_type == "out_refund":
                move._salon_take_back_returned_sessions()
            else:
                move._salon_give_back_sessions(move)
        return super().button_draft()

    def _salon_take_back_returned_sessions(self):
        """The sessions this credit note gave back are used again by the
        invoice it reversed (refused when none is left)."""
        self.ensure_one()
        for returned in self._salon_package_history("returned"):
            used = returned.card_id._salon_use(
                returned.salon_product_id,
                returned.salon_event_id or None,
                origin=self.reversed_entry_id or self,
            )
            used.salon_reverses_id = returned

    def _salon_package_history(self, kind):
        return (
            self.env["loyalty.history"]
            .sudo()
            .search(
                [
                    ("order_model", "=", "account.move"),
                    ("order_id", "=", self.id),
                    ("salon_kind", "=", kind),
                    ("salon_reversed_by_ids", "=", False),
                ]
            )
        )

    def _salon_use_package_sessions(self):
        """Each invoice line paid by a package uses a session (refused, the
        invoice is not posted: the balance never goes below zero)."""
        self.ensure_one()
        used = self._salon_package_history("used")
        appointment = (
            self.env["calendar.event"]
            .sudo()
            .search([("salon_invoice_ids", "in", self.ids)], limit=1)
        )
        for line in self.invoice_line_ids.filtered("salon_package_card_id"):
            same = used.filtered(
                lambda h, line=line: (
                    h.card_id == line.salon_package_card_id
                    and h.salon_product_id == line.product_id
                )
            )[:1]
            if same:
                used -= same
                continue
            line.salon_package_card_id._salon_use(
                line.product_id, appointment or None, origin=self
            )

    def _salon_give_back_sessions(self, source, origin=None):
        for history in source._salon_package_history("used"):
            history.card_id._salon_give_back(history, origin=origin or self)

    def _salon_reverse_packages(self):
        """A credit note of an invoice gives back the sessions it used and
        cancels the packages it sold."""
        self.ensure_one()
        invoice = self.reversed_entry_id
        self._salon_give_back_sessions(invoice, origin=self)
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("salon_invoice_line_id", "in", invoice.invoice_line_ids.ids),
                    ("salon_closed", "=", False),
                ]
            )
        )
        cards._salon_close("cancelled", origin=self)

    def _invoice_paid_hook(self):
        result = super()._invoice_paid_hook()
        for move in self.filtered(lambda m: m.move_type == "out_invoice"):
            move._salon_issue_packages()
        return result

    def _salon_issue_packages(self):
        """A paid invoice gives the client the packages it sold (once)."""
        self.ensure_one()
        Card = self.env["loyalty.card"].sudo()
        for line in self.invoice_line_ids.filtered(
            lambda line: line.product_id.salon_package_program_id and line.quantity > 0
        ):
            issued = Card.with_context(active_test=False).search_count(
                [("salon_invoice_line_id", "=", line.id)]
            )
            for _unit in range(int(line.quantity) - issued):
                try:
                    with self.env.cr.savepoint():
                        card = Card._salon_issue(
                            line.product_id.salon_package_program_id,
                            self.partner_id,
                            start=self.invoice_date or self.company_id._salon_today(),
                            amount=line.price_subtotal / line.quantity,
                            origin=self,
                        )
                        card.salon_invoice_line_id = line
                except UserError as error:
                    # the payment is kept whatever happens: tell the salon
                    self.sudo().message_post(
                        body=self.env._(
                            "No package was given for %(product)s: %(reason)s "
                            "Refund the client or assign the package by hand.",
                            product=line.product_id.display_name,
                            reason=error.args[0],
                        ),
                        message_type="notification",
                        subtype_xmlid="mail.mt_note",
                    )
                    break

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import UserError

from .loyalty_program import PACKAGE


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    salon_package_no_show_counts = fields.Boolean(
        string="No-Show Uses a Session",
        compute="_compute_salon_package_no_show_counts",
        store=True,
        readonly=False,
        help="If the client does not come, the services booked as included in a "
        "package use their sessions. The default comes from the package.",
    )
    salon_package_history_ids = fields.One2many(
        "loyalty.history", "salon_event_id", string="Package Sessions", readonly=True
    )
    salon_has_package = fields.Boolean(
        string="Included in a Package", compute="_compute_salon_has_package"
    )

    def _salon_package_lines(self):
        """Lines booked as included in a package (``salon.appointment.line``);
        other loyalty cards (e.g. a membership's credit) are not packages."""
        lines = self.salon_line_ids.filtered(
            lambda line: line.coverage_model == "loyalty.card" and line.coverage_res_id
        )
        packages = set(
            self.env["loyalty.card"]
            .sudo()
            .browse(lines.mapped("coverage_res_id"))
            .exists()
            .filtered(lambda card: card.program_type == PACKAGE)
            .ids
        )
        return lines.filtered(lambda line: line.coverage_res_id in packages)

    def _salon_line_card(self, line):
        return self.env["loyalty.card"].sudo().browse(line.coverage_res_id).exists()

    @api.depends("salon_line_ids.coverage_model", "salon_line_ids.coverage_res_id")
    def _compute_salon_package_no_show_counts(self):
        # the cards of all the appointments read at once
        counting = set(
            self.env["loyalty.card"]
            .sudo()
            .browse(self._salon_package_lines().mapped("coverage_res_id"))
            .exists()
            .filtered("salon_no_show_counts")
            .ids
        )
        for event in self:
            event.salon_package_no_show_counts = bool(
                counting & set(event._salon_package_lines().mapped("coverage_res_id"))
            )

    @api.depends("salon_line_ids.coverage_model")
    def _compute_salon_has_package(self):
        for event in self:
            event.salon_has_package = bool(event._salon_package_lines())

    # ------------------------------------------------------------------
    # No-show: the salon decides whether it uses the session
    # ------------------------------------------------------------------

    def _salon_on_state_changed(self, old_states):
        result = super()._salon_on_state_changed(old_states)
        self.filtered(
            lambda e: e.salon_state == "no_show" or old_states.get(e.id) == "no_show"
        )._salon_sync_package_no_show()
        return result

    def write(self, vals):
        result = super().write(vals)
        if "salon_package_no_show_counts" in vals:
            self.filtered(
                lambda e: e.salon_state == "no_show" or e.salon_package_history_ids
            )._salon_sync_package_no_show()
        return result

    def _salon_sync_package_no_show(self):
        """Make the sessions used by a no-show match the appointment: one per
        service booked as included when it is a no-show that counts, none
        otherwise (given back). Safe to run twice."""
        for event in self:
            counted = event.sudo().salon_package_history_ids.filtered(
                lambda h: h.salon_kind == "no_show" and not h.salon_reversed_by_ids
            )
            if event.salon_state == "no_show" and event.salon_package_no_show_counts:
                done = Counter((h.card_id.id, h.salon_product_id.id) for h in counted)
                for line in event._salon_package_lines():
                    card = event._salon_line_card(line)
                    key = (card.id, line.product_id.id)
                    if done[key] > 0:
                        done[key] -= 1
                        continue
                    if card:
                        event._salon_use_package_session(card, line, kind="no_show")
            else:
                for history in counted:
                    history.card_id._salon_give_back(history)

    def _salon_use_package_session(self, card, line, kind="used", origin=None):
        """Use a session; a refusal (nothing left) is noted on the appointment
        instead of stopping the change of state."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                return card._salon_use(line.product_id, self, origin=origin, kind=kind)
        except UserError as error:
            self.sudo().message_post(
                body=self.env._(
                    "No package session was used for %(service)s: %(reason)s",
                    service=line.product_id.name,
                    reason=error.args[0],
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        return self.env["loyalty.history"]

    def action_salon_assign_package(self):
        self.ensure_one()
        action = self.salon_partner_id.action_salon_assign_package()
        action["context"] = dict(action["context"], default_event_id=self.id)
        return action

    def action_salon_unit_price(self):
        """Charge the services at the unit price instead of the package: the
        promise is dropped, nothing was used (a counted no-show is given
        back)."""
        for event in self:
            lines = event._salon_package_lines()
            lines.write(lines._salon_prepare_coverage_vals(None))
            event.salon_package_no_show_counts = False
        return True

    # ------------------------------------------------------------------
    # Checkout: a covered service is free, the package is the reason
    # ------------------------------------------------------------------

    @api.model
    def _salon_package_of(self, coverage):
        """The package of ``coverage``, if a package covers it."""
        card = coverage and coverage.record
        if card and card._name == "loyalty.card" and card.program_type == PACKAGE:
            return card
        return None

    def _salon_prepare_pos_line_vals(self, line, coverage):
        vals = super()._salon_prepare_pos_line_vals(line, coverage)
        card = self._salon_package_of(coverage)
        if card:
            vals.update(
                salon_pos_package_card=card.id,
                customer_note=card._salon_included_label(line.product_id),
            )
        return vals

    def salon_pos_checkout_values(self):
        values = super().salon_pos_checkout_values()
        if any(line.get("salon_pos_package_card") for line in values["lines"]):
            values["salon_package_question"] = self.env._(
                "Use the client's package for this visit?"
            )
        return values

    def _salon_prepare_invoice_line_vals(self, line, coverage):
        vals = super()._salon_prepare_invoice_line_vals(line, coverage)
        card = self._salon_package_of(coverage)
        if card:
            vals["salon_package_card_id"] = card.id
            vals["name"] = "{}\n{}".format(
                vals.get("name") or line.name, coverage.label
            )
        return vals

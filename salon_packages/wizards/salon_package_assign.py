# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.salon_booking.models.salon_coverage import Coverage


class SalonPackageAssign(models.TransientModel):
    """Give a client a package, from the client card or an appointment.

    The start is today, or earlier when the client already came for these
    services: the appointments done since then are counted as used.
    """

    _name = "salon.package.assign"
    _description = "Assign a Salon Package"

    partner_id = fields.Many2one("res.partner", string="Client", required=True)
    event_id = fields.Many2one(
        "calendar.event",
        string="Appointment",
        help="The appointment the package pays: its services are booked as included.",
    )
    program_id = fields.Many2one(
        "loyalty.program",
        string="Package Type",
        required=True,
        domain=[("program_type", "=", "salon_package")],
    )
    start_date = fields.Date(
        string="Start",
        required=True,
        default=fields.Date.context_today,
        help="Today, or the day of the client's first appointment of these "
        "services when they already came.",
    )
    past_line_ids = fields.Many2many(
        "salon.appointment.line",
        string="Counted as Used",
        compute="_compute_past_line_ids",
        store=True,
        readonly=False,
        help="Services done since the start, counted as sessions used. Remove "
        "those the client paid at the unit price.",
    )
    summary = fields.Char(compute="_compute_summary")

    @api.depends("partner_id", "program_id", "start_date")
    def _compute_past_line_ids(self):
        Line = self.env["salon.appointment.line"]
        for wizard in self:
            wizard.past_line_ids = Line
            if not (wizard.partner_id and wizard.program_id and wizard.start_date):
                continue
            today = fields.Date.context_today(self)
            if wizard.start_date >= today:
                continue
            tz = self.env.company._salon_get_tz()
            since = wizard._to_utc(wizard.start_date, tz)
            lines = Line.search(
                [
                    ("partner_id", "=", wizard.partner_id.id),
                    ("event_id.salon_state", "=", "done"),
                    ("start", ">=", since),
                    ("start", "<", fields.Datetime.now()),
                    ("coverage_model", "=", False),
                    (
                        "product_id",
                        "in",
                        wizard.program_id.reward_ids.reward_product_id.ids,
                    ),
                ],
                order="start, id",
            )
            left = Counter(
                {
                    reward.reward_product_id.id: reward.salon_sessions
                    for reward in wizard.program_id.reward_ids
                }
            )
            kept = Line
            for line in lines:
                if left[line.product_id.id] > 0:
                    left[line.product_id.id] -= 1
                    kept |= line
            wizard.past_line_ids = kept

    @api.model
    def _to_utc(self, day, tz):
        moment = tz.localize(fields.Datetime.to_datetime(day))
        return moment.astimezone(pytz.utc).replace(tzinfo=None)

    @api.depends("program_id", "past_line_ids")
    def _compute_summary(self):
        for wizard in self:
            total = wizard.program_id.salon_session_count
            wizard.summary = self.env._(
                "%(total)s sessions, %(used)s counted as used",
                total=total,
                used=len(wizard.past_line_ids),
            )

    def action_assign(self):
        self.ensure_one()
        if self.start_date > fields.Date.context_today(self):
            raise UserError(
                self.env._("A package starts today at the latest: change its start.")
            )
        card = self.env["loyalty.card"]._salon_issue(
            self.program_id, self.partner_id, start=self.start_date
        )
        for line in self.past_line_ids.sorted(lambda line: (line.start, line.id)):
            history = card._salon_use(line.product_id, line.event_id)
            line.write(
                line._salon_prepare_coverage_vals(
                    Coverage(
                        card,
                        line.price_total,
                        card._salon_included_label(line.product_id),
                    )
                )
            )
            history.description += " " + self.env._("(before the package was assigned)")
        if self.event_id:
            event = self.event_id
            coverages = event._salon_get_line_coverages(recompute=True)
            event._salon_promise_coverage(
                {
                    key: coverage
                    for key, coverage in coverages.items()
                    if coverage and coverage.record == card
                }
            )
        self.partner_id.message_post(
            body=self.env._(
                "Package %(package)s assigned from %(start)s.",
                package=self.program_id.name,
                start=fields.Date.to_string(self.start_date),
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "loyalty.card",
            "res_id": card.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("salon_packages.salon_package_card_view_form").id, "form")
            ],
            "target": "current",
        }

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import plaintext2html

from ..models.availability import assign_stylists, local_day_bounds
from ..models.salon_availability import to_naive_utc
from ..models.salon_coverage import CoverageRequest

MAX_SLOTS = 48
SEARCH_AHEAD_DAYS = 60


class SalonBookingWizard(models.TransientModel):
    """Book an appointment from the agenda: pick services, see free times."""

    _name = "salon.booking.wizard"
    _description = "Book a Salon Appointment"

    partner_id = fields.Many2one("res.partner", string="Client")
    menu_id = fields.Many2one("salon.service.menu")
    product_ids = fields.Many2many(
        "product.product",
        string="Services",
        domain=[("salon_is_service", "=", True)],
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Stylist",
        domain=[("salon_is_stylist", "=", True)],
        help="Leave empty for no preference: any stylist able to do the services.",
    )
    date = fields.Date(required=True, default=lambda self: self._default_date())
    preferred_start = fields.Datetime(
        default=lambda self: self.env.context.get("default_start"),
        help="Time clicked in the agenda: chosen first when it is free.",
    )
    note = fields.Text(string="Staff Notes")
    coverage_info = fields.Text(
        string="Prepaid",
        compute="_compute_coverage_info",
        help="Services the client's prepaid rights cover; they are booked as included.",
    )
    use_coverage = fields.Boolean(
        string="Book as Included",
        default=True,
        help="Book the covered services as included in the client's prepaid "
        "rights (a package session, membership credit); off: book them at "
        "the unit price.",
    )
    slot_ids = fields.One2many(
        "salon.booking.wizard.slot",
        "wizard_id",
        string="Free Times",
        compute="_compute_slot_ids",
        store=True,
        # saved with the form, so that a time clicked is the one booked
        readonly=False,
    )
    next_free_date = fields.Date(compute="_compute_next_free_date", store=True)

    def _tz(self):
        return self.env.company._salon_get_tz()

    @api.model
    def _default_date(self):
        start = self.env.context.get("default_start")
        if start:
            moment = pytz.utc.localize(fields.Datetime.to_datetime(start))
            return moment.astimezone(self._tz()).date()
        return fields.Date.context_today(self)

    @api.onchange("menu_id")
    def _onchange_menu_id(self):
        if self.menu_id:
            self.product_ids = self.menu_id.line_ids.product_id

    def _find_slots(self, start, stop):
        return self.env["salon.availability"]._salon_find_slots(
            self.product_ids,
            start,
            stop,
            stylists=self.employee_id,
            company=self.env.company,
            not_before=fields.Datetime.now(),
        )

    @api.depends("product_ids", "employee_id", "date")
    def _compute_slot_ids(self):
        for wizard in self:
            commands = [Command.clear()]
            if wizard.product_ids and wizard.date:
                start, stop = local_day_bounds(wizard._tz(), wizard.date)
                slots = assign_stylists(wizard._find_slots(start, stop))[:MAX_SLOTS]
                chosen = wizard._preferred_slot(slots)
                commands += [
                    Command.create(
                        {
                            "start": moment,
                            "employee_id": stylist_id,
                            "selected": moment == chosen,
                        }
                    )
                    for moment, stylist_id in slots
                ]
            wizard.slot_ids = commands

    def _preferred_slot(self, slots):
        """The free time at or right after the time clicked in the agenda."""
        preferred = self.preferred_start
        if not preferred:
            return None
        return next((moment for moment, _stylist in slots if moment >= preferred), None)

    @api.depends("slot_ids", "product_ids", "employee_id", "date")
    def _compute_next_free_date(self):
        for wizard in self:
            wizard.next_free_date = (
                not wizard.slot_ids
                and wizard.product_ids
                and wizard.date
                and wizard._find_next_free_date()
            )

    @api.depends("partner_id", "product_ids", "date")
    def _compute_coverage_info(self):
        for wizard in self:
            coverages = wizard._coverages()
            wizard.coverage_info = "\n".join(
                self.env._(
                    "%(service)s: %(coverage)s",
                    service=product.display_name,
                    coverage=coverages[index].label,
                )
                for index, product in enumerate(wizard.product_ids)
                if coverages.get(index)
            )

    def _coverages(self, start=None):
        """What the client's prepaid rights cover, by position of the service."""
        self.ensure_one()
        company = self.env.company
        if not self.partner_id or not self.product_ids:
            return {}
        prices = self.product_ids._salon_get_price_total(company)
        start = start or to_naive_utc(local_day_bounds(self._tz(), self.date)[0])
        return self.env["salon.coverage"]._salon_compute(
            self.partner_id,
            [
                CoverageRequest(index, product, prices[product.id], start)
                for index, product in enumerate(self.product_ids)
            ],
            company,
        )

    def _find_next_free_date(self):
        start, stop = local_day_bounds(
            self._tz(), self.date + timedelta(days=1), days=SEARCH_AHEAD_DAYS
        )
        slots = self._find_slots(start, stop)
        if not slots:
            return False
        return pytz.utc.localize(slots[0][0]).astimezone(self._tz()).date()

    def action_next_free_date(self):
        self.ensure_one()
        self.date = self.next_free_date or self.date
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "new",
            "context": self.env.context,
        }

    def action_book(self):
        """Book the time chosen, re-checked now: it may have been taken."""
        appointment = self._salon_book()
        if self.env.context.get("salon_open_appointment"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "calendar.event",
                "res_id": appointment.id,
                "views": [
                    (
                        self.env.ref("salon_booking.calendar_event_salon_view_form").id,
                        "form",
                    )
                ],
            }
        return {"type": "ir.actions.act_window_close"}

    def _salon_book(self):
        """The appointment of the time chosen, booked (extension point: an
        addon books and goes on, e.g. to take a deposit)."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(self.env._("Choose the client before booking."))
        chosen = self.slot_ids.filtered("selected")
        if len(chosen) != 1:
            raise UserError(self.env._("Choose one of the free times."))
        try:
            with self.env.cr.savepoint():
                return self.env["calendar.event"].create(
                    self._prepare_appointment_vals(chosen)
                )
        except ValidationError as error:
            raise ValidationError(
                self.env._(
                    "This time is no longer free: %(reason)s Choose another time.",
                    reason=error.args[0],
                )
            ) from None

    def _prepare_appointment_vals(self, slot):
        Line = self.env["salon.appointment.line"]
        coverages = self._coverages(slot.start) if self.use_coverage else {}
        lines = [
            {
                "product_id": product.id,
                **Line._salon_prepare_coverage_vals(coverages.get(index)),
            }
            for index, product in enumerate(self.product_ids)
        ]
        return self.env["calendar.event"]._salon_prepare_appointment_vals(
            self.partner_id,
            slot.start,
            lines,
            stylist=slot.employee_id,
            company=self.env.company,
            channel="backoffice",
            salon_staff_note=self.note and plaintext2html(self.note),
        )

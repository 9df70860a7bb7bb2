# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from ..models.availability import pick_stylist

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
    note = fields.Text(string="Notes")
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
        return pytz.timezone(
            self.env.user.tz or self.env.company.partner_id.tz or "UTC"
        )

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

    def _day_bounds(self, day, days=1):
        zone = self._tz()
        start = zone.localize(datetime.combine(day, time.min))
        stop = zone.localize(datetime.combine(day + timedelta(days=days), time.min))
        return start, stop

    @api.depends("product_ids", "employee_id", "date")
    def _compute_slot_ids(self):
        Event = self.env["calendar.event"]
        now = fields.Datetime.now()
        for wizard in self:
            commands = [Command.clear()]
            if wizard.product_ids and wizard.date:
                start, stop = wizard._day_bounds(wizard.date)
                slots = Event._salon_find_slots(
                    wizard.product_ids,
                    start,
                    stop,
                    employees=wizard.employee_id,
                    not_before=now,
                )
                slots = wizard._assign_stylists(slots)[:MAX_SLOTS]
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
        now = fields.Datetime.now()
        for wizard in self:
            wizard.next_free_date = (
                not wizard.slot_ids
                and wizard.product_ids
                and wizard.date
                and wizard._find_next_free_date(now)
            )

    def _assign_stylists(self, slots):
        """One stylist per free time: the least booked of the day first."""
        busy_count = {}
        for _moment, stylist_ids in slots:
            for stylist_id in stylist_ids:
                busy_count[stylist_id] = busy_count.get(stylist_id, 0) - 1
        return [
            (moment, pick_stylist(stylist_ids, busy_count))
            for moment, stylist_ids in slots
        ]

    def _find_next_free_date(self, now):
        start, stop = self._day_bounds(
            self.date + timedelta(days=1), days=SEARCH_AHEAD_DAYS
        )
        slots = self.env["calendar.event"]._salon_find_slots(
            self.product_ids, start, stop, employees=self.employee_id, not_before=now
        )
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
        self.ensure_one()
        if not self.partner_id:
            raise UserError(self.env._("Choose the client before booking."))
        chosen = self.slot_ids.filtered("selected")
        if len(chosen) != 1:
            raise UserError(self.env._("Choose one of the free times."))
        try:
            with self.env.cr.savepoint():
                appointment = self.env["calendar.event"].create(
                    self._prepare_appointment_vals(chosen)
                )
        except ValidationError as error:
            raise ValidationError(
                self.env._(
                    "This time is no longer free: %(reason)s Choose another time.",
                    reason=error.args[0],
                )
            ) from None
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

    def _prepare_appointment_vals(self, slot):
        return {
            "salon_partner_id": self.partner_id.id,
            "salon_employee_id": slot.employee_id.id,
            "start": slot.start,
            "description": self.note and f"<p>{self.note}</p>",
            "salon_line_ids": [
                Command.create({"product_id": product.id, "sequence": index})
                for index, product in enumerate(self.product_ids)
            ],
        }

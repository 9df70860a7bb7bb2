# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.fields import Command

from ..models.availability import pick_stylist

MAX_SLOTS = 48
SEARCH_AHEAD_DAYS = 60


class SalonBookingWizard(models.TransientModel):
    """Book an appointment from the agenda: pick services, see free times."""

    _name = "salon.booking.wizard"
    _description = "Book a Salon Appointment"

    partner_id = fields.Many2one("res.partner", string="Client")
    menu_id = fields.Many2one("salon.service.menu", string="Menu")
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
    note = fields.Text(string="Notes")
    slot_ids = fields.One2many(
        "salon.booking.wizard.slot",
        "wizard_id",
        string="Free Times",
        compute="_compute_slot_ids",
        store=True,
        readonly=True,
    )
    next_free_date = fields.Date(compute="_compute_slot_ids", store=True)

    def _tz(self):
        return pytz.timezone(self.env.user.tz or self.env.company.partner_id.tz or "UTC")

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
            wizard.next_free_date = False
            if wizard.product_ids and wizard.date:
                start, stop = wizard._day_bounds(wizard.date)
                slots = Event._salon_find_slots(
                    wizard.product_ids, start, stop,
                    employees=wizard.employee_id, not_before=now,
                )
                commands += [
                    Command.create({"start": moment, "employee_id": stylist_id})
                    for moment, stylist_id in wizard._assign_stylists(slots)[:MAX_SLOTS]
                ]
                if not slots:
                    wizard.next_free_date = wizard._find_next_free_date(now)
            wizard.slot_ids = commands

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

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import uuid
from collections import defaultdict
from datetime import datetime, time, timedelta

import psycopg2
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.osv import expression
from odoo.tools import mute_logger

from . import availability

# State machine of an appointment (seed 004: booked, checked in, no-show).
STATES = [
    ("booked", "Booked"),
    ("confirmed", "Confirmed"),
    ("checked_in", "Checked In"),
    ("done", "Done"),
    ("no_show", "No-Show"),
    ("cancelled", "Cancelled"),
]
# Allowed transitions: from state -> states it may move to.
TRANSITIONS = {
    "booked": {"confirmed", "checked_in", "no_show", "cancelled"},
    "confirmed": {"booked", "checked_in", "no_show", "cancelled"},
    "checked_in": {"confirmed", "done"},
    "done": set(),
    "no_show": {"booked"},
    "cancelled": {"booked"},
}
# States in which an appointment no longer holds the stylist's time.
FREE_STATES = ("no_show", "cancelled")
# Calendar colour index of each state (web's o_calendar_color_N palette).
STATE_COLORS = {
    "booked": 4,
    "confirmed": 10,
    "checked_in": 2,
    "done": 7,
    "no_show": 1,
    "cancelled": 0,
}
OVERLAP_CONSTRAINT = "calendar_event_salon_no_overlap"
# Emails that carry the appointment as a calendar file (.ics).
ICS_TEMPLATES = ("salon_booking.mail_template_salon_confirmation",)


class CalendarEvent(models.Model):
    _name = "calendar.event"
    _inherit = ["calendar.event", "pos.load.mixin"]

    salon_is_appointment = fields.Boolean(
        string="Salon Appointment", index=True, copy=False, readonly=True
    )
    salon_reference = fields.Char(string="Reference", copy=False, readonly=True)
    salon_partner_id = fields.Many2one(
        "res.partner", string="Client", index="btree_not_null", tracking=True
    )
    salon_employee_id = fields.Many2one(
        "hr.employee",
        string="Stylist",
        index="btree_not_null",
        tracking=True,
        domain="[('salon_is_stylist', '=', True), "
        "('company_id', 'in', (salon_company_id, False))]",
    )
    salon_company_id = fields.Many2one(
        "res.company",
        string="Salon",
        default=lambda self: self.env.company,
        index="btree_not_null",
    )
    salon_currency_id = fields.Many2one(
        related="salon_company_id.currency_id", string="Salon Currency"
    )
    salon_line_ids = fields.One2many(
        "salon.appointment.line", "event_id", string="Services", copy=True
    )
    salon_state = fields.Selection(
        STATES,
        string="Status",
        default="booked",
        required=True,
        tracking=True,
        copy=False,
        index=True,
        readonly=True,
    )
    salon_payment_state = fields.Selection(
        [("unpaid", "Unpaid"), ("paid", "Paid"), ("refunded", "Refunded")],
        string="Payment Status",
        compute="_compute_salon_payment_state",
        store=True,
        index=True,
    )
    salon_amount_total = fields.Monetary(
        string="Total",
        compute="_compute_salon_amount_total",
        store=True,
        currency_field="salon_currency_id",
    )
    salon_amount_paid = fields.Monetary(
        string="Amount Paid",
        compute="_compute_salon_payment_state",
        store=True,
        currency_field="salon_currency_id",
    )
    salon_blocked_stop = fields.Datetime(
        string="Stylist Busy Until",
        compute="_compute_salon_blocked_stop",
        store=True,
        help="End of the appointment plus the buffer after its last service.",
    )
    salon_blocks_slot = fields.Boolean(
        compute="_compute_salon_blocks_slot",
        store=True,
        help="The appointment holds its stylist's time.",
    )
    salon_color = fields.Integer(compute="_compute_salon_color")
    salon_invoice_ids = fields.Many2many(
        "account.move",
        "salon_appointment_invoice_rel",
        "event_id",
        "move_id",
        string="Invoices",
        copy=False,
        readonly=True,
    )
    salon_amount_refunded = fields.Monetary(
        string="Amount Refunded",
        compute="_compute_salon_payment_state",
        store=True,
        currency_field="salon_currency_id",
    )
    salon_pos_order_ids = fields.One2many(
        "pos.order", "salon_appointment_id", string="POS Orders", readonly=True
    )
    salon_partner_name = fields.Char(
        related="salon_partner_id.name", string="Client Name"
    )
    salon_employee_name = fields.Char(
        related="salon_employee_id.name", string="Stylist Name"
    )
    salon_service_summary = fields.Char(
        string="Services Summary", compute="_compute_salon_service_summary"
    )
    salon_checked_in_at = fields.Datetime(string="Checked In At", copy=False)
    salon_reminder_sent = fields.Boolean(copy=False)
    salon_booked_online = fields.Boolean(
        string="Booked Online", copy=False, readonly=True
    )
    salon_access_token = fields.Char(
        string="Client Access Token",
        copy=False,
        groups="base.group_user",
        help="Opens the appointment in the portal without logging in (links "
        "in the client's emails).",
    )

    _sql_constraints = [
        (
            OVERLAP_CONSTRAINT,
            "EXCLUDE USING gist (salon_employee_id WITH =, "
            "tsrange(start, salon_blocked_stop, '[)') WITH &&) "
            "WHERE (salon_blocks_slot)",
            "This stylist already has an appointment at that time.",
        ),
    ]

    def _auto_init(self):
        # the exclusion constraint compares integers with gist
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return super()._auto_init()

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends(
        "start",
        "duration",
        "salon_line_ids.duration",
        "salon_line_ids.buffer_after",
    )
    def _compute_stop(self):
        """Appointments last as long as their services; other events as before."""
        appointments = self.filtered(lambda e: e.salon_line_ids and not e.allday)
        self.env.remove_to_compute(self._fields["duration"], appointments)
        for event in appointments:
            span, _blocked = event._salon_span()
            # the end first: setting the duration writes it, and calendar's
            # check that the end follows the start must see the new end
            event.stop = event.start and event.start + span
            event.duration = span.total_seconds() / 3600
        return super(CalendarEvent, self - appointments)._compute_stop()

    def _salon_span(self):
        self.ensure_one()
        lines = self.salon_line_ids.sorted(lambda line: (line.sequence, line.id or 0))
        return availability.sequence_span(
            [
                (timedelta(hours=line.duration), timedelta(hours=line.buffer_after))
                for line in lines
            ]
        )

    @api.depends("stop", "salon_line_ids.buffer_after", "salon_line_ids.sequence")
    def _compute_salon_blocked_stop(self):
        for event in self:
            buffer = timedelta()
            if event.salon_line_ids:
                _span, blocked = event._salon_span()
                buffer = blocked - _span
            event.salon_blocked_stop = event.stop and event.stop + buffer

    @api.depends("active", "salon_state", "salon_employee_id", "salon_is_appointment")
    def _compute_salon_blocks_slot(self):
        for event in self:
            event.salon_blocks_slot = bool(
                event.salon_is_appointment
                and event.active
                and event.salon_employee_id
                and event.salon_state not in FREE_STATES
            )

    @api.depends("salon_state")
    def _compute_salon_color(self):
        for event in self:
            event.salon_color = STATE_COLORS.get(event.salon_state, 0)

    @api.depends("salon_line_ids.price_unit")
    def _compute_salon_amount_total(self):
        for event in self:
            event.salon_amount_total = sum(event.salon_line_ids.mapped("price_unit"))

    @api.depends(
        "salon_state",
        "salon_amount_total",
        "salon_invoice_ids.state",
        "salon_invoice_ids.amount_residual",
        "salon_pos_order_ids.state",
        "salon_pos_order_ids.amount_paid",
    )
    def _compute_salon_payment_state(self):
        payments = self._salon_get_payments()
        for event in self:
            currency = event.salon_currency_id or self.env.company.currency_id
            received, refunded = payments.get(event.id, (0.0, 0.0))
            event.salon_amount_paid = received - refunded
            event.salon_amount_refunded = refunded
            event.salon_payment_state = event._salon_payment_state_from_facts(currency)

    @api.depends("salon_line_ids.name")
    def _compute_salon_service_summary(self):
        for event in self:
            event.salon_service_summary = ", ".join(event.salon_line_ids.mapped("name"))

    def _salon_payment_state_from_facts(self, currency):
        """Payment status from what was paid; addons add deposit, refund, ...

        :return: a key of the ``salon_payment_state`` selection
        """
        self.ensure_one()
        if not self.salon_is_appointment:
            return False
        due = self.salon_amount_total
        paid = self.salon_amount_paid
        if currency.compare_amounts(self.salon_amount_refunded, 0) > 0 and (
            currency.compare_amounts(paid, 0) <= 0
        ):
            return "refunded"
        if currency.compare_amounts(paid, due) >= 0 and (
            currency.compare_amounts(paid, 0) > 0 or self.salon_state == "done"
        ):
            return "paid"
        return "unpaid"

    def _salon_get_payments(self):
        """Money received and given back for each appointment.

        Here: posted invoices (credit notes give back) and paid POS orders
        (refund orders give back). Other channels (deposits) add theirs.

        :return: dict ``event.id`` -> ``(received, refunded)``, both positive
        """
        result = defaultdict(lambda: (0.0, 0.0))
        for event in self:
            received = refunded = 0.0
            for move in event.salon_invoice_ids.filtered(lambda m: m.state == "posted"):
                amount = move.amount_total - move.amount_residual
                if move.move_type == "out_refund":
                    refunded += amount
                else:
                    received += amount
            for order in event.salon_pos_order_ids.filtered(
                lambda o: o.state in ("paid", "done", "invoiced")
            ):
                if order.amount_paid < 0:
                    refunded -= order.amount_paid
                else:
                    received += order.amount_paid
            result[event.id] = (received, refunded)
        return result

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("salon_line_ids") or vals.get("salon_employee_id"):
                vals["salon_is_appointment"] = True
            if not vals.get("salon_is_appointment"):
                continue
            vals.setdefault(
                "salon_reference",
                self.env["ir.sequence"].next_by_code("salon.appointment") or "/",
            )
            if not vals.get("name"):
                client = self.env["res.partner"].browse(vals.get("salon_partner_id"))
                vals["name"] = client.name or self.env._("Appointment")
            if "partner_ids" not in vals and vals.get("salon_partner_id"):
                vals["partner_ids"] = [Command.set([vals["salon_partner_id"]])]
            if "stop" not in vals:
                # else calendar.event fills a default stop: the services decide
                stop = self._salon_stop_from_vals(vals)
                if stop:
                    vals["stop"] = stop
        events = super().create(vals_list)
        appointments = events.filtered("salon_is_appointment")
        appointments._salon_check_bookable()
        if not self.env.context.get("salon_no_mail"):
            appointments._salon_send_mail(
                "salon_booking.mail_template_salon_confirmation"
            )
        return events

    @api.model
    def _salon_stop_from_vals(self, vals):
        """End of an appointment being created, from its line commands."""
        start = vals.get("start") or self._fields["start"].default(self)
        services = []
        for command in vals.get("salon_line_ids") or []:
            if command[0] != Command.CREATE:
                continue
            line = command[2]
            product = self.env["product.product"].browse(line.get("product_id"))
            services.append(
                (
                    line.get("sequence", 10),
                    timedelta(hours=line.get("duration", product.salon_duration)),
                    timedelta(
                        hours=line.get("buffer_after", product.salon_buffer_after)
                    ),
                )
            )
        if not start or not services:
            return None
        services.sort(key=lambda service: service[0])
        span, _blocked = availability.sequence_span([s[1:] for s in services])
        return fields.Datetime.to_datetime(start) + span

    def write(self, vals):
        if "salon_state" in vals and not self.env.context.get("salon_state_change"):
            raise UserError(
                self.env._("Use the buttons of the appointment to change its status.")
            )
        if "salon_is_appointment" in vals and not self.env.su:
            vals.pop("salon_is_appointment")
        if self and all(event.salon_line_ids for event in self):
            # the services decide how long an appointment lasts (a resize in
            # the agenda changes nothing; a move keeps the length)
            vals.pop("stop", None)
            vals.pop("duration", None)
        result = super().write(vals)
        if {"start", "salon_employee_id", "salon_line_ids"} & set(vals):
            self.filtered("salon_is_appointment")._salon_check_bookable()
        return result

    @api.onchange("salon_partner_id")
    def _onchange_salon_partner_id(self):
        if self.salon_is_appointment and self.salon_partner_id:
            self.name = self.salon_partner_id.name

    def _skip_send_mail_status_update(self):
        # salon clients get the salon's own emails, not calendar invitations
        return self.salon_is_appointment or super()._skip_send_mail_status_update()

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    def _salon_check_bookable(self):
        """Checks every appointment must pass, with clear messages."""
        for event in self:
            if not event.salon_partner_id:
                raise ValidationError(self.env._("An appointment needs a client."))
            if not event.salon_line_ids:
                raise ValidationError(
                    self.env._("An appointment needs at least one service.")
                )
            stylist = event.salon_employee_id
            if not stylist:
                continue
            services = event.salon_line_ids.product_id.product_tmpl_id
            unable = services - stylist.salon_service_ids
            if unable and event.salon_blocks_slot:
                raise ValidationError(
                    self.env._(
                        "%(stylist)s does not perform %(services)s.",
                        stylist=stylist.name,
                        services=", ".join(unable.mapped("name")),
                    )
                )
        self._salon_check_overlap()

    @api.constrains(
        "start", "stop", "salon_employee_id", "salon_state", "active", "salon_line_ids"
    )
    def _salon_check_overlap(self):
        """A stylist's active appointments never overlap.

        PostgreSQL's exclusion constraint decides, also between concurrent
        transactions; its refusal becomes a clear error here.
        """
        appointments = self.filtered("salon_blocks_slot")
        if not appointments:
            return
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.flush_model(
                    [
                        "start",
                        "salon_blocked_stop",
                        "salon_blocks_slot",
                        "salon_employee_id",
                    ]
                )
        except psycopg2.errors.ExclusionViolation:
            raise ValidationError(
                self.env._(
                    "%(stylist)s already has an appointment at that time.",
                    stylist=", ".join(appointments.salon_employee_id.mapped("name")),
                )
            ) from None

    # ------------------------------------------------------------------
    # State machine
    # ------------------------------------------------------------------

    def _salon_change_state(self, new_state):
        """The one way to move appointments between states."""
        labels = dict(self._fields["salon_state"]._description_selection(self.env))
        for event in self:
            if not event.salon_is_appointment:
                raise UserError(
                    self.env._("%s is not a salon appointment.", event.display_name)
                )
            if new_state not in TRANSITIONS[event.salon_state]:
                raise UserError(
                    self.env._(
                        "An appointment cannot go from %(old)s to %(new)s.",
                        old=labels[event.salon_state],
                        new=labels[new_state],
                    )
                )
        vals = {"salon_state": new_state}
        if new_state == "checked_in":
            vals["salon_checked_in_at"] = fields.Datetime.now()
        self.with_context(salon_state_change=True).write(vals)
        if new_state == "booked":
            # an appointment restored takes its slot back: the slot must be free
            self._salon_check_overlap()
        return True

    def action_salon_confirm(self):
        return self._salon_change_state("confirmed")

    def action_salon_check_in(self):
        return self._salon_change_state("checked_in")

    def action_salon_done(self):
        return self._salon_change_state("done")

    def action_salon_no_show(self):
        return self._salon_change_state("no_show")

    def action_salon_cancel(self):
        self._salon_change_state("cancelled")
        if not self.env.context.get("salon_no_mail"):
            self._salon_send_mail("salon_booking.mail_template_salon_cancellation")
        return True

    def action_salon_reset(self):
        return self._salon_change_state("booked")

    def action_salon_create_invoice(self):
        """Invoice the services of the appointment to the client."""
        self.ensure_one()
        if self.salon_state in FREE_STATES:
            raise UserError(
                self.env._("A cancelled or missed appointment is not invoiced.")
            )
        if self.salon_invoice_ids.filtered(lambda m: m.state != "cancel"):
            raise UserError(self.env._("This appointment is already invoiced."))
        invoice = (
            self.env["account.move"]
            .with_company(self.salon_company_id)
            .create(self._salon_prepare_invoice_vals())
        )
        self.salon_invoice_ids = [Command.link(invoice.id)]
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": invoice.id,
            "views": [(False, "form")],
        }

    def _salon_prepare_invoice_vals(self):
        self.ensure_one()
        return {
            "move_type": "out_invoice",
            "partner_id": self.salon_partner_id.id,
            "company_id": self.salon_company_id.id,
            "currency_id": self.salon_currency_id.id,
            "invoice_origin": self.salon_reference,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "name": line.name,
                        "quantity": 1,
                        "price_unit": line.price_unit,
                    }
                )
                for line in self.salon_line_ids
            ],
        }

    def action_salon_view_invoices(self):
        self.ensure_one()
        return self._salon_records_action(
            "account.action_move_out_invoice_type", self.salon_invoice_ids
        )

    def _salon_records_action(self, action_xmlid, records):
        """The window action ``action_xmlid``, showing only ``records``."""
        action = self.env["ir.actions.actions"]._for_xml_id(action_xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Availability
    # ------------------------------------------------------------------

    @api.model
    def _salon_find_slots(
        self, products, start, stop, employees=None, not_before=None, exclude=None
    ):
        """Free start times for ``products`` in sequence between two datetimes.

        Reads its data in a constant number of queries, whatever the number of
        stylists and days.

        :param products: ``product.product`` services, in the order performed
        :param employees: stylists to consider; all able ones when empty
            ("no preference")
        :param not_before: earliest start (e.g. now plus the lead time)
        :param exclude: appointments to ignore (the one being rescheduled)
        :return: ordered list of ``(start, stylist ids)``, starts naive in UTC
        """
        if not products:
            return []
        # records of a form being edited are new records: search with the real ones
        products = products._origin
        employees = employees._origin if employees else employees
        start, stop = _utc(start), _utc(stop)
        not_before = _utc(not_before) if not_before else None
        templates = products.product_tmpl_id
        domain = [("salon_is_stylist", "=", True)]
        for template in templates:
            domain = expression.AND([domain, [("salon_service_ids", "=", template.id)]])
        if employees:
            domain = expression.AND([domain, [("id", "in", employees.ids)]])
        stylists = self.env["hr.employee"].search_fetch(
            domain, ["resource_calendar_id", "resource_id", "tz", "company_id"]
        )
        if not stylists:
            return []
        duration, blocked = availability.sequence_span(
            [
                (
                    timedelta(hours=p.salon_duration),
                    timedelta(hours=p.salon_buffer_after),
                )
                for p in products
            ]
        )
        company = stylists[0].company_id or self.env.company
        step = timedelta(minutes=company.salon_slot_step or 15)
        work = self._salon_work_intervals(stylists, start, stop)
        busy = self._salon_busy_intervals(stylists, start - blocked, stop, exclude)
        slots = defaultdict(list)
        for stylist in stylists:
            for moment in availability.free_starts(
                work[stylist.id],
                busy[stylist.id],
                duration,
                blocked,
                step,
                not_before=not_before,
                tz=stylist.tz,
            ):
                slots[moment].append(stylist.id)
        return [
            (moment.astimezone(pytz.utc).replace(tzinfo=None), stylist_ids)
            for moment, stylist_ids in sorted(slots.items())
        ]

    @api.model
    def _salon_work_intervals(self, stylists, start, stop):
        """Working intervals of each stylist: schedules minus leaves (2 queries)."""
        calendars = stylists.resource_calendar_id
        attendances = self.env["resource.calendar.attendance"].search_fetch(
            [
                ("calendar_id", "in", calendars.ids),
                ("display_type", "=", False),
                ("day_period", "!=", "lunch"),
                ("resource_id", "in", [False] + stylists.resource_id.ids),
            ],
            [
                "calendar_id",
                "resource_id",
                "dayofweek",
                "hour_from",
                "hour_to",
                "week_type",
                "date_from",
                "date_to",
            ],
        )
        leaves = self.env["resource.calendar.leaves"].search_fetch(
            [
                ("time_type", "=", "leave"),
                ("calendar_id", "in", [False] + calendars.ids),
                ("resource_id", "in", [False] + stylists.resource_id.ids),
                ("date_from", "<", stop.replace(tzinfo=None)),
                ("date_to", ">", start.replace(tzinfo=None)),
            ],
            ["calendar_id", "resource_id", "date_from", "date_to"],
        )
        rules = defaultdict(list)
        for att in attendances:
            rules[att.calendar_id.id, att.resource_id.id].append(
                availability.Attendance(
                    int(att.dayofweek),
                    att.hour_from,
                    att.hour_to,
                    att.week_type,
                    att.date_from,
                    att.date_to,
                )
            )
        result = {}
        for stylist in stylists:
            calendar = stylist.resource_calendar_id
            if not calendar:
                result[stylist.id] = []
                continue
            own_rules = rules[calendar.id, stylist.resource_id.id]
            intervals = availability.work_intervals(
                own_rules or rules[calendar.id, False],
                stylist.tz,
                start,
                stop,
                two_weeks=calendar.two_weeks_calendar,
            )
            off = [
                (pytz.utc.localize(leave.date_from), pytz.utc.localize(leave.date_to))
                for leave in leaves
                if leave.calendar_id in (calendar, self.env["resource.calendar"])
                and leave.resource_id
                in (stylist.resource_id, self.env["resource.resource"])
            ]
            result[stylist.id] = availability.subtract(intervals, off)
        return result

    @api.model
    def _salon_busy_intervals(self, stylists, start, stop, exclude=None):
        """Time each stylist is already booked, buffers included (1 query)."""
        domain = [
            ("salon_employee_id", "in", stylists.ids),
            ("salon_blocks_slot", "=", True),
            ("start", "<", stop.replace(tzinfo=None)),
            ("salon_blocked_stop", ">", start.replace(tzinfo=None)),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        events = self.sudo().search_fetch(
            domain, ["salon_employee_id", "start", "salon_blocked_stop"]
        )
        result = defaultdict(list)
        for event in events:
            result[event.salon_employee_id.id].append(
                (
                    pytz.utc.localize(event.start),
                    pytz.utc.localize(event.salon_blocked_stop),
                )
            )
        return result

    # ------------------------------------------------------------------
    # Point of Sale
    # ------------------------------------------------------------------

    @api.model
    def _salon_pos_domain(self, session):
        """Appointments a POS session needs: its company's of the day, and
        those its orders checked out."""
        zone = pytz.timezone(
            session.user_id.tz or session.company_id.partner_id.tz or "UTC"
        )
        today = datetime.now(zone).date()
        day_start = zone.localize(datetime.combine(today, time.min))
        bounds = [
            moment.astimezone(pytz.utc).replace(tzinfo=None)
            for moment in (day_start, day_start + timedelta(days=1))
        ]
        return expression.AND(
            [
                [
                    ("salon_is_appointment", "=", True),
                    ("salon_company_id", "=", session.config_id.company_id.id),
                ],
                expression.OR(
                    [
                        [("start", ">=", bounds[0]), ("start", "<", bounds[1])],
                        [("salon_pos_order_ids.session_id", "=", session.id)],
                    ]
                ),
            ]
        )

    @api.model
    def _load_pos_data_domain(self, data):
        session = self.env["pos.session"].browse(data["pos.session"]["data"][0]["id"])
        return self._salon_pos_domain(session)

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [
            "id",
            "name",
            "salon_reference",
            "start",
            "stop",
            "salon_partner_id",
            "salon_partner_name",
            "salon_employee_id",
            "salon_employee_name",
            "salon_service_summary",
            "salon_line_ids",
            "salon_state",
            "salon_payment_state",
            "salon_amount_total",
            "write_date",
        ]

    def action_salon_view_pos_orders(self):
        self.ensure_one()
        return self._salon_records_action(
            "point_of_sale.action_pos_pos_form", self.salon_pos_order_ids
        )

    def _salon_pos_checkout(self, order):
        """The appointment was checked out by a paid POS order: it is done.

        Idempotent: an order synced again changes nothing more.
        """
        self.ensure_one()
        if self.salon_state in ("booked", "confirmed"):
            self._salon_change_state("checked_in")
        if self.salon_state == "checked_in":
            self._salon_change_state("done")
        lines = order.lines.filtered(lambda line: not line.salon_appointment_line_id)
        for appointment_line in (
            self.salon_line_ids - order.lines.salon_appointment_line_id
        ):
            line = lines.filtered(
                lambda pos_line, al=appointment_line: (
                    pos_line.product_id == al.product_id
                )
            )[:1]
            line.salon_appointment_line_id = appointment_line
            lines -= line

    # ------------------------------------------------------------------
    # Coverage hook
    # ------------------------------------------------------------------

    def _salon_get_line_coverages(self):
        """For each service line, the prepaid right that covers it, if any.

        Asks the client's :meth:`res.partner._salon_get_coverage` (which the
        packages and memberships addons extend) for every line.

        :return: dict ``salon.appointment.line`` id -> coverage or None
        """
        result = {}
        for event in self:
            for line in event.salon_line_ids:
                result[line.id] = event.salon_partner_id._salon_get_coverage(
                    line.product_id, event.start
                )
        return result

    # ------------------------------------------------------------------
    # Emails and reminders
    # ------------------------------------------------------------------

    def _salon_send_mail(self, template_xmlid):
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        with_ics = template_xmlid in ICS_TEMPLATES
        for event in self.filtered(lambda e: e.salon_partner_id.email):
            kwargs = {}
            if with_ics:
                kwargs["attachment_ids"] = event._salon_ics_attachment().ids
            event.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", **kwargs
            )

    def _get_customer_summary(self):
        # the client's calendar shows the salon and the services, not their name
        if not self.salon_is_appointment:
            return super()._get_customer_summary()
        return self.env._(
            "%(salon)s: %(services)s",
            salon=self.salon_company_id.name,
            services=", ".join(self.salon_line_ids.mapped("name")),
        )

    def _salon_ics_attachment(self):
        """The appointment as a calendar file, for the client's email."""
        self.ensure_one()
        ics = self._get_ics_file().get(self.id)
        if not ics:
            return self.env["ir.attachment"]
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.salon_reference or 'appointment'}.ics",
                    "mimetype": "text/calendar",
                    "raw": ics,
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )

    # ------------------------------------------------------------------
    # Client access (website, portal, emails)
    # ------------------------------------------------------------------

    def _salon_ensure_access_token(self):
        """Token of the links the client gets by email (created once)."""
        self.ensure_one()
        event = self.sudo()
        if not event.salon_access_token:
            event.salon_access_token = str(uuid.uuid4())
        return event.salon_access_token

    def _salon_get_portal_url(self, suffix="", query="", absolute=False):
        """Portal page of the appointment, opening without login."""
        self.ensure_one()
        token = self._salon_ensure_access_token()
        url = f"/my/salon/appointments/{self.id}{suffix}?access_token={token}"
        if query:
            url += f"&{query}"
        return (self.get_base_url() + url) if absolute else url

    def _salon_client_can_change(self):
        """Whether the client may still cancel or move it from the portal."""
        self.ensure_one()
        deadline = self.start - timedelta(
            hours=self.salon_company_id.salon_cancel_deadline_hours
        )
        return (
            self.salon_state in ("booked", "confirmed")
            and fields.Datetime.now() <= deadline
        )

    def _salon_notify_salon(self, body):
        """Tell the salon (its email and the stylist's user) on the chatter."""
        partners = self.env["res.partner"]
        for event in self:
            recipients = (
                event.salon_company_id.partner_id
                | event.salon_employee_id.user_id.partner_id
            ).filtered("email")
            partners |= recipients
            event.sudo().message_post(
                body=body,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                partner_ids=recipients.ids,
            )
        return partners

    @api.model
    def _cron_salon_send_reminders(self, batch_size=200):
        """Remind clients of their appointment; each one at most once."""
        now = fields.Datetime.now()
        to_remind = self.browse()
        for company in self.env["res.company"].search(
            [("salon_reminder_hours", ">", 0)]
        ):
            to_remind |= self.search(
                [
                    ("salon_is_appointment", "=", True),
                    ("salon_company_id", "=", company.id),
                    ("salon_state", "in", ("booked", "confirmed")),
                    ("salon_reminder_sent", "=", False),
                    ("start", ">", now),
                    (
                        "start",
                        "<=",
                        now + timedelta(hours=company.salon_reminder_hours),
                    ),
                ],
                order="start",
                limit=batch_size + 1,
            )
        batch = to_remind[:batch_size]
        # mark first: a concurrent run skips them (the row lock waits for us)
        batch.write({"salon_reminder_sent": True})
        for company, events in batch.grouped("salon_company_id").items():
            events.with_company(company)._salon_send_mail(
                "salon_booking.mail_template_salon_reminder"
            )
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=max(len(to_remind) - len(batch), 0)
        )
        return batch


def _utc(moment):
    """Aware UTC datetime from a naive (Odoo, UTC) or aware datetime."""
    if moment.tzinfo is None:
        return pytz.utc.localize(moment)
    return moment.astimezone(pytz.utc)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Appointments: ``calendar.event`` records flagged ``salon_is_appointment``.

This file holds the appointment itself: its fields, the one place that fills a
new appointment's defaults, the per-stylist lock, the checks and the state
machine. Money, the Point of Sale and what the client sees extend the same
model in ``calendar_event_money.py``, ``calendar_event_pos.py`` and
``calendar_event_client.py``.
"""

import logging
import threading
import uuid
from contextlib import contextmanager
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL

from . import appointment_states as states
from . import availability

OVERLAP_CONSTRAINT = "calendar_event_salon_no_overlap"
# advisory lock namespace of the stylists' agendas (pg_advisory_xact_lock(int, int))
STYLIST_LOCK = 0x5A10
# only _salon_change_state writes the state: a Python object, which no RPC
# context can carry
_STATE_CHANGE = object()
# fields whose change moves an appointment in its stylist's agenda
AGENDA_FIELDS = {
    "start",
    "stop",
    "salon_employee_id",
    "salon_line_ids",
    "salon_state",
    "active",
}


class _QuietOverlap(logging.Filter):
    """Keeps ``odoo.sql_db`` from reporting as a bad query the overlap that
    PostgreSQL refuses inside :func:`_quiet_overlap` (it becomes a clear error).

    Not ``mute_logger``: it swaps the logger's handlers for the whole process,
    so bookings running at once in a threaded server unmuted each other (the
    refusals were logged as errors) or left the logger muted for good.
    """

    local = threading.local()

    def filter(self, record):
        if not getattr(self.local, "depth", 0):
            return True
        args = record.args if isinstance(record.args, tuple) else ()
        error = args[-1] if args else None
        return not (
            isinstance(error, psycopg2.errors.ExclusionViolation)
            and OVERLAP_CONSTRAINT in (error.diag.constraint_name or "")
        )


logging.getLogger("odoo.sql_db").addFilter(_QuietOverlap())


@contextmanager
def _quiet_overlap():
    """In this thread only, the agenda's refusals are not logged."""
    local = _QuietOverlap.local
    local.depth = getattr(local, "depth", 0) + 1
    try:
        yield
    finally:
        local.depth -= 1


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

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
        default=lambda self: self._salon_default_company(),
        index="btree_not_null",
    )
    salon_currency_id = fields.Many2one(
        related="salon_company_id.currency_id", string="Salon Currency"
    )
    salon_line_ids = fields.One2many(
        "salon.appointment.line", "event_id", string="Services", copy=True
    )
    salon_state = fields.Selection(
        states.STATES,
        string="Status",
        tracking=True,
        copy=False,
        index=True,
        readonly=True,
    )
    salon_channel = fields.Selection(
        [
            ("backoffice", "Back Office"),
            ("online", "Online"),
            ("pos", "Point of Sale"),
        ],
        string="Booked From",
        copy=False,
        readonly=True,
    )
    salon_blocked_stop = fields.Datetime(
        string="Stylist Busy Until",
        compute="_compute_salon_blocked_stop",
        store=True,
        # given at creation with the end (see _salon_fill_appointment_defaults),
        # so that the row is inserted with its final values
        readonly=False,
        help="End of the appointment plus the buffer after its last service.",
    )
    salon_blocks_slot = fields.Boolean(
        compute="_compute_salon_blocks_slot",
        store=True,
        precompute=True,
        help="The appointment holds its stylist's time.",
    )
    salon_color = fields.Integer(compute="_compute_salon_state_facts")
    salon_state_label = fields.Char(
        string="Status Label", compute="_compute_salon_state_facts"
    )
    salon_can_check_in = fields.Boolean(compute="_compute_salon_state_facts")
    salon_can_no_show = fields.Boolean(compute="_compute_salon_state_facts")
    salon_can_cancel = fields.Boolean(compute="_compute_salon_state_facts")
    salon_partner_name = fields.Char(
        related="salon_partner_id.name", string="Client Name"
    )
    salon_employee_name = fields.Char(
        related="salon_employee_id.name", string="Stylist Name"
    )
    salon_service_summary = fields.Char(
        string="Services Summary",
        compute="_compute_salon_service_summary",
        store=True,
        precompute=True,
    )
    salon_staff_note = fields.Html(
        string="Staff Notes",
        groups="salon_booking.group_user",
        help="Notes of the team on this visit. Clients never see them.",
    )
    salon_checked_in_at = fields.Datetime(
        string="Checked In At", copy=False, readonly=True
    )
    salon_reminder_sent = fields.Boolean(copy=False, readonly=True)
    # terms the client accepted when booking (policy snapshot)
    salon_cancel_deadline_hours = fields.Integer(
        string="Cancellation Deadline (hours)",
        copy=False,
        readonly=True,
        help="The client may cancel or move the appointment online until this "
        "many hours before it starts (the salon's rule when it was booked).",
    )
    salon_policy_accepted_at = fields.Datetime(
        string="Policies Accepted On", copy=False, readonly=True
    )
    salon_policy_text = fields.Html(
        string="Policies Accepted", copy=False, readonly=True
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
        result = super()._auto_init()
        # the day's appointments (POS, reminders) are found by their start
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS calendar_event_salon_start_index "
            "ON calendar_event (salon_company_id, start) WHERE salon_is_appointment"
        )
        return result

    @api.model
    def _salon_default_company(self):
        if self.env.context.get("default_salon_is_appointment"):
            return self.env.company
        return False

    # ------------------------------------------------------------------
    # States (extension points: see readme/SEAMS.md)
    # ------------------------------------------------------------------

    @api.model
    def _salon_get_transitions(self):
        """``{state: states it may move to}``; addons add their states."""
        return {state: set(targets) for state, targets in states.TRANSITIONS.items()}

    @api.model
    def _salon_get_free_states(self):
        """States in which an appointment does not hold its stylist's time."""
        return set(states.FREE_STATES)

    @api.model
    def _salon_get_booked_states(self):
        """States in which the client holds a booking (confirmation, reminders)."""
        return set(states.BOOKED_STATES)

    @api.model
    def _salon_get_changeable_states(self):
        """States from which the client may cancel or move it online."""
        return set(states.CHANGEABLE_STATES)

    @api.model
    def _salon_get_checkout_states(self):
        """States from which an appointment is checked out (POS, invoice)."""
        return set(states.CHECKOUT_STATES)

    @api.model
    def _salon_get_state_colors(self):
        """``{state: colour index}`` of the agenda (web's colour palette)."""
        return dict(states.STATE_COLORS)

    @api.model
    def _salon_get_initial_state(self, vals):
        """State of a new appointment created with ``vals``."""
        return states.INITIAL_STATE

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends(
        "start",
        "duration",
        "salon_line_ids.duration",
        "salon_line_ids.buffer_after",
        "salon_line_ids.sequence",
    )
    def _compute_stop(self):
        """Appointments last as long as their services; other events as before."""
        appointments = self.filtered(lambda e: e.salon_line_ids and not e.allday)
        duration_field = self._fields["duration"]
        self.env.remove_to_compute(duration_field, appointments)
        # the duration is computed with the end: protected, it is stored as is
        # (a plain assignment would go through write(), which ignores the
        # duration of appointments)
        with self.env.protecting([duration_field], appointments):
            for event in appointments:
                span, _blocked = event._salon_span()
                event.stop = event.start and event.start + span
                event.duration = span.total_seconds() / 3600
        return super(CalendarEvent, self - appointments)._compute_stop()

    def _salon_sorted_lines(self):
        self.ensure_one()
        return self.salon_line_ids.sorted(lambda line: (line.sequence, line.id or 0))

    def _salon_span(self):
        """``(duration, blocked)`` of the appointment's services in sequence."""
        return availability.sequence_span(self._salon_sorted_lines()._salon_spans())

    @api.depends("stop", "salon_line_ids.buffer_after", "salon_line_ids.sequence")
    def _compute_salon_blocked_stop(self):
        for event in self:
            if not event.stop:
                event.salon_blocked_stop = False
                continue
            span, blocked = event._salon_span()
            event.salon_blocked_stop = event.stop + (blocked - span)

    @api.depends("active", "salon_state", "salon_employee_id", "salon_is_appointment")
    def _compute_salon_blocks_slot(self):
        free = self._salon_get_free_states()
        for event in self:
            event.salon_blocks_slot = bool(
                event.salon_is_appointment
                and event.active
                and event.salon_employee_id
                and event.salon_state
                and event.salon_state not in free
            )

    @api.depends("salon_state")
    def _compute_salon_state_facts(self):
        colors = self._salon_get_state_colors()
        transitions = self._salon_get_transitions()
        labels = dict(self._fields["salon_state"]._description_selection(self.env))
        for event in self:
            targets = transitions.get(event.salon_state, set())
            event.salon_color = colors.get(event.salon_state, 0)
            event.salon_state_label = labels.get(event.salon_state, "")
            event.salon_can_check_in = "checked_in" in targets
            event.salon_can_no_show = "no_show" in targets
            event.salon_can_cancel = "cancelled" in targets

    @api.depends("salon_line_ids.name", "salon_line_ids.sequence")
    def _compute_salon_service_summary(self):
        for event in self:
            event.salon_service_summary = ", ".join(
                event._salon_sorted_lines().mapped("name")
            )

    # ------------------------------------------------------------------
    # CRUD: one place fills a new appointment, one lock per stylist
    # ------------------------------------------------------------------

    @api.model
    def _salon_is_appointment_vals(self, vals):
        return bool(
            vals.get("salon_is_appointment")
            or vals.get("salon_line_ids")
            or vals.get("salon_employee_id")
            or self.env.context.get("default_salon_is_appointment")
        )

    @api.model
    def _salon_prepare_appointment_vals(
        self, partner, start, lines, stylist=None, company=None, channel=None, **extra
    ):
        """Values of a new appointment, whatever the channel books it.

        :param lines: the services in order, as ``product.product`` or as
            dicts of line values (``product_id`` and, e.g., ``price_unit``)
        :param channel: ``backoffice``, ``online`` or ``pos``
        :param extra: more values of the appointment
        """
        line_vals = [
            line if isinstance(line, dict) else {"product_id": line.id}
            for line in lines
        ]
        vals = {
            "salon_is_appointment": True,
            "salon_partner_id": partner.id,
            "salon_employee_id": stylist.id if stylist else False,
            "start": start,
            "salon_line_ids": [
                Command.create({"sequence": index, **line})
                for index, line in enumerate(line_vals)
            ],
            **extra,
        }
        if company:
            vals["salon_company_id"] = company.id
        if channel:
            vals["salon_channel"] = channel
        return vals

    @api.model
    def _salon_fill_appointment_defaults(self, vals):
        """Complete the values of a new appointment: the one place, any channel.

        Addons store their policy snapshot (:meth:`_salon_get_policy_snapshot`)
        and choose the initial state (:meth:`_salon_get_initial_state`) here.
        """
        company = self.env["res.company"].browse(vals.get("salon_company_id"))
        company = company or self.env.company
        vals["salon_is_appointment"] = True
        vals.setdefault("salon_company_id", company.id)
        vals.setdefault("salon_channel", "backoffice")
        vals.setdefault("salon_state", self._salon_get_initial_state(vals))
        vals.setdefault(
            "salon_reference",
            self.env["ir.sequence"].next_by_code("salon.appointment") or "/",
        )
        # given now, so that the row is never written again for it
        vals.setdefault("salon_access_token", str(uuid.uuid4()))
        client = self.env["res.partner"].browse(vals.get("salon_partner_id"))
        if not vals.get("name"):
            vals["name"] = client.name or self.env._("Appointment")
        if "partner_ids" not in vals and client:
            vals["partner_ids"] = [Command.set(client.ids)]
        stylist = self.env["hr.employee"].browse(vals.get("salon_employee_id"))
        if "user_id" not in vals:
            vals["user_id"] = stylist.user_id.id or (
                False if self.env.su or self.env.user._is_public() else self.env.uid
            )
        vals.setdefault("location", company._salon_location())
        spans = self._salon_span_from_vals(vals)
        if spans and vals.get("start") and "stop" not in vals:
            # else calendar.event fills a default stop: the services decide
            span, blocked = spans
            start = fields.Datetime.to_datetime(vals["start"])
            vals["stop"] = start + span
            vals["duration"] = span.total_seconds() / 3600
            vals.setdefault("salon_blocked_stop", start + blocked)
        for key, value in self._salon_get_policy_snapshot(vals, company).items():
            vals.setdefault(key, value)
        return vals

    @api.model
    def _salon_get_policy_snapshot(self, vals, company):
        """The terms that apply to the new appointment ``vals``, to store on it.

        Later changes of the salon's settings never change what a client
        accepted. Addons add theirs (deposit, card guarantee, fees).
        """
        return {"salon_cancel_deadline_hours": company.salon_cancel_deadline_hours}

    @api.model
    def _salon_span_from_vals(self, vals):
        """``(duration, blocked)`` of an appointment being created, from its
        line commands (None without services)."""
        services = []
        for command in vals.get("salon_line_ids") or []:
            if command[0] != Command.CREATE:
                continue
            line = command[2]
            product = self.env["product.product"].browse(line.get("product_id"))
            services.append(
                (
                    line.get("sequence", 10),
                    line.get("duration", product.salon_duration),
                    line.get("buffer_after", product.salon_buffer_after),
                )
            )
        if not services:
            return None
        services.sort(key=lambda service: service[0])
        return availability.sequence_span(
            [
                (timedelta(hours=duration), timedelta(hours=buffer))
                for _sequence, duration, buffer in services
            ]
        )

    @api.model_create_multi
    def create(self, vals_list):
        stylist_ids = set()
        for vals in vals_list:
            if self._salon_is_appointment_vals(vals):
                # before the row meets the agenda's check on the wrong hours
                self._salon_check_timing(vals.get("allday"), vals.get("recurrency"))
                self._salon_fill_appointment_defaults(vals)
                stylist_ids.add(vals.get("salon_employee_id"))
        self._salon_lock_stylists(stylist_ids)
        if stylist_ids:
            # the agenda as this transaction left it (a slot just freed) is
            # what PostgreSQL compares the new rows with
            self.flush_model(["start", "salon_blocked_stop", "salon_blocks_slot"])
        try:
            # the row is inserted with its final values: PostgreSQL checks the
            # stylist's agenda right away
            with _quiet_overlap(), self.env.cr.savepoint(flush=False):
                # the lines created with them leave the checks to the appointment
                events = (
                    super(CalendarEvent, self.with_context(salon_checks_lines=True))
                    .create(vals_list)
                    .with_env(self.env)
                )
        except psycopg2.errors.ExclusionViolation:
            raise self._salon_overlap_error(
                self.env["hr.employee"].browse(stylist_ids - {None, False})
            ) from None
        appointments = events.filtered("salon_is_appointment")
        appointments._salon_check_bookable()
        appointments._salon_on_state_changed(dict.fromkeys(appointments.ids, False))
        return events

    def write(self, vals):
        appointments = self.filtered("salon_is_appointment")
        meetings = self - appointments
        if appointments and meetings:
            return meetings.write(dict(vals)) and appointments.write(vals)
        if "salon_state" in vals and (
            self.env.context.get("salon_state_change") is not _STATE_CHANGE
        ):
            raise UserError(
                self.env._("Use the buttons of the appointment to change its status.")
            )
        self._salon_check_protected_fields(vals)
        if "salon_is_appointment" in vals and not self.env.su:
            vals.pop("salon_is_appointment")
        if not appointments:
            return super().write(vals)
        # before calendar moves it to all-day hours or creates its repetitions
        self._salon_check_timing(vals.get("allday"), vals.get("recurrency"))
        vals = self._salon_prepare_write_vals(vals)
        moved = AGENDA_FIELDS & set(vals)
        if moved:
            new_stylist = vals.get("salon_employee_id")
            self._salon_lock_stylists(
                set(appointments.salon_employee_id.ids) | {new_stylist}
            )
        result = super(CalendarEvent, self.with_context(salon_checks_lines=True)).write(
            vals
        )
        if moved or "salon_partner_id" in vals or "recurrency" in vals:
            appointments._salon_check_bookable()
        return result

    def _salon_prepare_write_vals(self, vals):
        """What a write on appointments really changes."""
        vals = dict(vals)
        if all(event.salon_line_ids for event in self):
            # the services decide how long an appointment lasts (a resize in
            # the agenda changes nothing; a move keeps the length)
            vals.pop("stop", None)
            vals.pop("duration", None)
        if "start" in vals and "salon_reminder_sent" not in vals:
            # a new time gets its own reminder
            vals["salon_reminder_sent"] = False
        if "salon_partner_id" in vals and any(
            event.salon_partner_id.id != vals["salon_partner_id"] for event in self
        ):
            # the former client's links stop working
            vals["salon_access_token"] = str(uuid.uuid4())
        return vals

    @api.model
    def _salon_protected_fields(self):
        """Fields only the salon's staff (or the system) may write."""
        return {
            "salon_state",
            "salon_access_token",
            "salon_invoice_ids",
            "salon_reference",
            "salon_channel",
            "salon_blocked_stop",
            "salon_reminder_sent",
            "salon_checked_in_at",
            "salon_cancel_deadline_hours",
            "salon_policy_accepted_at",
            "salon_policy_text",
        }

    def _salon_check_protected_fields(self, vals):
        protected = self._salon_protected_fields() & set(vals)
        if (
            protected
            and not self.env.su
            and not self.env.user.has_group("salon_booking.group_user")
        ):
            raise AccessError(
                self.env._(
                    "Only the salon's staff can change these fields of an "
                    "appointment: %(fields)s.",
                    fields=", ".join(
                        sorted(
                            self._fields[name].get_description(self.env)["string"]
                            for name in protected
                        )
                    ),
                )
            )

    def _salon_lock_stylists(self, stylist_ids):
        """Serialize the bookings of these stylists until the transaction ends.

        Taken before any appointment is created or moved: concurrent bookings
        of one stylist run one after the other (the loser then meets the
        winner's appointment in the exclusion constraint at once) instead of
        deadlocking inside the constraint's check.
        """
        for stylist_id in sorted(i for i in stylist_ids if i):
            self.env.cr.execute(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", STYLIST_LOCK, stylist_id)
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_money(self):
        for event in self.filtered("salon_is_appointment"):
            if event._salon_has_money():
                raise UserError(
                    self.env._(
                        "%(appointment)s has payments or invoices: cancel it "
                        "instead of deleting it.",
                        appointment=event.salon_reference or event.display_name,
                    )
                )

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
            self._salon_check_timing(
                event.allday, event.recurrency or event.recurrence_id
            )
            stylist = event.salon_employee_id
            if not stylist:
                continue
            if stylist.company_id and stylist.company_id != event.salon_company_id:
                raise ValidationError(
                    self.env._(
                        "%(stylist)s does not work at %(salon)s.",
                        stylist=stylist.name,
                        salon=event.salon_company_id.name,
                    )
                )
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

    @api.model
    def _salon_check_timing(self, allday, recurrent):
        """An appointment has a start time and happens once."""
        if allday:
            raise ValidationError(
                self.env._("An appointment has a start time: it cannot last all day.")
            )
        if recurrent:
            raise ValidationError(
                self.env._(
                    "An appointment cannot repeat: book each visit as its own "
                    "appointment."
                )
            )

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
            with _quiet_overlap(), self.env.cr.savepoint(flush=False):
                self.flush_model(
                    [
                        "start",
                        "salon_blocked_stop",
                        "salon_blocks_slot",
                        "salon_employee_id",
                    ]
                )
        except psycopg2.errors.ExclusionViolation:
            raise self._salon_overlap_error(appointments.salon_employee_id) from None

    @api.model
    def _salon_overlap_error(self, stylists):
        return ValidationError(
            self.env._(
                "%(stylist)s already has an appointment at that time.",
                stylist=", ".join(stylists.sudo().mapped("name")),
            )
        )

    # ------------------------------------------------------------------
    # State machine
    # ------------------------------------------------------------------

    def _salon_change_state(self, new_state):
        """The one way to move appointments between states."""
        labels = dict(self._fields["salon_state"]._description_selection(self.env))
        transitions = self._salon_get_transitions()
        for event in self:
            if not event.salon_is_appointment:
                raise UserError(
                    self.env._("%s is not a salon appointment.", event.display_name)
                )
            if new_state not in transitions.get(event.salon_state, ()):
                raise UserError(
                    self.env._(
                        "An appointment cannot go from %(old)s to %(new)s.",
                        old=labels.get(event.salon_state, event.salon_state),
                        new=labels.get(new_state, new_state),
                    )
                )
        old_states = {event.id: event.salon_state for event in self}
        vals = {"salon_state": new_state}
        if new_state == "checked_in":
            vals["salon_checked_in_at"] = fields.Datetime.now()
        self.with_context(salon_state_change=_STATE_CHANGE).write(vals)
        self._salon_on_state_changed(old_states)
        return True

    def _salon_on_state_changed(self, old_states):
        """After appointments changed state (or were created).

        Extension point: addons retain or refund a deposit, charge a fee,
        count a package session here (call super). Here: the client is told
        when an appointment becomes booked, or cancelled.

        :param old_states: ``{appointment id: state before}``, ``False`` for
            an appointment just created
        """
        if self.env.context.get("salon_no_mail"):
            return
        booked = self._salon_get_booked_states()
        confirmed = self.filtered(
            lambda e: e.salon_state in booked and old_states.get(e.id) not in booked
        )
        confirmed._salon_send_mail("salon_booking.mail_template_salon_confirmation")
        cancelled = self.filtered(
            lambda e: (
                e.salon_state == "cancelled" and old_states.get(e.id) != "cancelled"
            )
        )
        cancelled._salon_send_mail("salon_booking.mail_template_salon_cancellation")

    def action_salon_confirm(self):
        return self._salon_change_state("confirmed")

    def action_salon_check_in(self):
        return self._salon_change_state("checked_in")

    def action_salon_done(self):
        return self._salon_change_state("done")

    def action_salon_no_show(self):
        return self._salon_change_state("no_show")

    def action_salon_cancel(self):
        return self._salon_change_state("cancelled")

    def action_salon_reset(self):
        return self._salon_change_state("booked")

    def _salon_records_action(self, action_xmlid, records):
        """The window action ``action_xmlid``, showing only ``records``."""
        action = self.env["ir.actions.actions"]._for_xml_id(action_xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {"create": False}
        return action

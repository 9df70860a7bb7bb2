# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the client sees of an appointment: emails, calendar file, portal links.

Staff notes, other attendees and the team's emails never reach the client.
"""

import uuid
from datetime import timedelta

import pytz
import vobject

from odoo import api, fields, models


# calendar.event is extended by concern (appointment, money, POS, client) in
# files of their own: one class would hold them all in one very long file
class CalendarEvent(models.Model):
    _inherit = "calendar.event"  # pylint: disable=consider-merging-classes-inherited

    salon_access_token = fields.Char(
        string="Client Access Token",
        copy=False,
        readonly=True,
        groups="salon_booking.group_user",
        help="Opens the appointment in the portal without logging in (links "
        "in the client's emails).",
    )
    salon_tz_name = fields.Char(
        string="Salon Timezone Name", compute="_compute_salon_tz_name"
    )

    @api.depends("salon_company_id.salon_tz", "salon_company_id.partner_id.tz")
    def _compute_salon_tz_name(self):
        for event in self:
            company = event.salon_company_id or self.env.company
            event.salon_tz_name = company._salon_get_tz().zone

    # ------------------------------------------------------------------
    # Emails
    # ------------------------------------------------------------------

    def _salon_send_mail(self, template_xmlid):
        """Email the clients of these appointments with a salon template."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        with_ics = template_xmlid in self._salon_ics_templates()
        for event in self.filtered(lambda e: e.salon_partner_id.email):
            kwargs = {}
            if with_ics:
                kwargs["attachment_ids"] = event._salon_ics_attachment().ids
            event.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", **kwargs
            )

    @api.model
    def _salon_ics_templates(self):
        """Emails that carry the appointment as a calendar file."""
        return {"salon_booking.mail_template_salon_confirmation"}

    def _salon_format_start(self, dt_format="full"):
        """The start in the salon's timezone and the client's language."""
        self.ensure_one()
        return self.salon_company_id._salon_format_datetime(
            self.start, dt_format, lang=self.salon_partner_id.lang
        )

    def _get_customer_summary(self):
        # the client's calendar shows the salon and the services, not their name
        if not self.salon_is_appointment:
            return super()._get_customer_summary()
        return self.env._(
            "%(salon)s: %(services)s",
            salon=self.salon_company_id.name,
            services=self.salon_service_summary,
        )

    def _get_customer_description(self):
        # staff notes are never sent to the client
        if not self.salon_is_appointment:
            return super()._get_customer_description()
        return self._salon_client_description()

    def _salon_client_description(self):
        """What the client's calendar shows in the event's description."""
        self.ensure_one()
        lines = [
            self.env._("Services: %s", self.salon_service_summary),
        ]
        if self.salon_employee_id:
            lines.append(self.env._("With: %s", self.salon_employee_id.name))
        lines.append(self.env._("Reference: %s", self.salon_reference))
        lines.append(self._salon_get_portal_url(absolute=True))
        return "\n".join(lines)

    def _salon_client_ics(self):
        """The appointment as a calendar file for its client.

        Built from what the client may see: the salon, the services, the
        stylist's name, the time and the place; no attendee and no note.
        """
        self.ensure_one()
        calendar = vobject.iCalendar()
        calendar.add("prodid").value = "-//Salon Suite//Salon Booking//EN"
        event = calendar.add("vevent")
        event.add(
            "uid"
        ).value = f"salon-{self.id}-{self.salon_reference or ''}@{self.get_base_url()}"
        event.add("dtstamp").value = pytz.utc.localize(fields.Datetime.now())
        event.add("dtstart").value = pytz.utc.localize(self.start)
        event.add("dtend").value = pytz.utc.localize(self.stop)
        event.add("summary").value = self._get_customer_summary()
        event.add("description").value = self._salon_client_description()
        if self.location:
            event.add("location").value = self.location
        company = self.salon_company_id
        if company.email:
            organizer = event.add("organizer")
            organizer.value = f"MAILTO:{company.email}"
            organizer.params["CN"] = [company.name.replace('"', "'")]
        if self.salon_state == "cancelled":
            event.add("status").value = "CANCELLED"
        return calendar.serialize().encode()

    def _salon_ics_attachment(self):
        """The appointment as a calendar file, for the client's email."""
        self.ensure_one()
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.salon_reference or 'appointment'}.ics",
                    "mimetype": "text/calendar",
                    "raw": self._salon_client_ics(),
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )

    # ------------------------------------------------------------------
    # Client access (website, portal, emails)
    # ------------------------------------------------------------------

    def _salon_ensure_access_token(self):
        """Token of the links the client gets by email."""
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

    def _salon_get_cancel_deadline(self):
        """Until when the client may cancel or move it online (naive UTC)."""
        self.ensure_one()
        return self.start - timedelta(hours=self.salon_cancel_deadline_hours)

    def _salon_client_can_change(self):
        """Whether the client may still cancel or move it from the portal."""
        self.ensure_one()
        return (
            self.salon_state in self._salon_get_changeable_states()
            and fields.Datetime.now() <= self._salon_get_cancel_deadline()
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

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------

    @api.model
    def _cron_salon_send_reminders(self, batch_size=200):
        """Remind clients of their appointment; each one at most once per time."""
        now = fields.Datetime.now()
        to_remind = self.browse()
        booked = list(self._salon_get_booked_states())
        for company in self.env["res.company"].search(
            [("salon_reminder_hours", ">", 0)]
        ):
            to_remind |= self.search(
                [
                    ("salon_is_appointment", "=", True),
                    ("salon_company_id", "=", company.id),
                    ("salon_state", "in", booked),
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

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime


class SalonBookingWizardSlot(models.TransientModel):
    _name = "salon.booking.wizard.slot"
    _description = "Free Time of a Salon Stylist"
    _order = "start, id"

    wizard_id = fields.Many2one(
        "salon.booking.wizard", required=True, ondelete="cascade"
    )
    start = fields.Datetime(required=True)
    employee_id = fields.Many2one("hr.employee", string="Stylist", required=True)
    time_label = fields.Char(string="Time", compute="_compute_time_label")

    @api.depends("start")
    def _compute_time_label(self):
        for slot in self:
            slot.time_label = format_datetime(
                self.env, slot.start, tz=slot.wizard_id._tz().zone, dt_format="HH:mm"
            )

    def action_book(self):
        """Create the appointment at this time, or explain why it can't be."""
        self.ensure_one()
        wizard = self.wizard_id
        if not wizard.partner_id:
            raise UserError(_("Choose the client before booking."))
        try:
            with self.env.cr.savepoint():
                appointment = self.env["calendar.event"].create(
                    wizard._prepare_appointment_vals(self)
                )
        except ValidationError as error:
            raise ValidationError(
                _(
                    "This time is no longer free: %(reason)s Choose another time.",
                    reason=error.args[0],
                )
            ) from None
        if self.env.context.get("salon_open_appointment"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "calendar.event",
                "res_id": appointment.id,
                "views": [(self.env.ref("salon_booking.calendar_event_salon_view_form").id, "form")],
            }
        return {"type": "ir.actions.act_window_close"}

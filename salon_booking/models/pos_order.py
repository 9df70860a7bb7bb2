# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command


class PosOrder(models.Model):
    _inherit = "pos.order"

    salon_appointment_id = fields.Many2one(
        "calendar.event",
        string="Appointment",
        index="btree_not_null",
        copy=False,
        domain=[("salon_is_appointment", "=", True)],
    )

    def _process_saved_order(self, draft):
        order_id = super()._process_saved_order(draft)
        if not draft and self.state in ("paid", "done", "invoiced"):
            self._salon_process_paid_order()
        return order_id

    def _salon_process_paid_order(self):
        """Reflect a paid order on its appointment; safe to run twice.

        Extension point: deposits, packages and memberships add their own
        effects by overriding this method (call super).
        """
        self.ensure_one()
        if (
            not self.salon_appointment_id
            and self.refunded_order_id.salon_appointment_id
        ):
            # a refund belongs to the appointment of the order it refunds
            self.salon_appointment_id = self.refunded_order_id.salon_appointment_id
            return
        if self.salon_appointment_id:
            self.salon_appointment_id._salon_pos_checkout(self)
        elif self.config_id.salon_walkin_history and not self.refunded_order_id:
            self._salon_create_walkin_appointment()

    def _salon_create_walkin_appointment(self):
        """A done appointment for history, for a client without appointment."""
        services = self.lines.filtered(
            lambda line: line.product_id.salon_is_service and line.qty > 0
        )
        if not services or not self.partner_id:
            return
        stylist = services.salon_employee_id[:1]
        span = sum(services.product_id.mapped("salon_duration"))
        vals = {
            "salon_partner_id": self.partner_id.id,
            "salon_employee_id": stylist.id,
            "salon_company_id": self.company_id.id,
            "salon_state": "done",
            "start": self.date_order - timedelta(hours=span),
            "salon_line_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "sequence": index,
                        "price_unit": line.price_unit,
                    }
                )
                for index, line in enumerate(services)
            ],
        }
        Event = self.env["calendar.event"].with_context(salon_no_mail=True)
        try:
            with self.env.cr.savepoint():
                appointment = Event.create(vals)
        except ValidationError:
            # the stylist's agenda is taken at that time: keep the history
            # without holding anyone's time
            appointment = Event.create(dict(vals, salon_employee_id=False))
        self.salon_appointment_id = appointment
        for line, appointment_line in zip(
            services, appointment.salon_line_ids, strict=True
        ):
            line.salon_appointment_line_id = appointment_line

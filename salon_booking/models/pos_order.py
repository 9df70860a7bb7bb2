# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

_logger = logging.getLogger(__name__)


class PosOrder(models.Model):
    _inherit = "pos.order"

    salon_appointment_id = fields.Many2one(
        "calendar.event",
        string="Appointment",
        index="btree_not_null",
        copy=False,
        domain=[("salon_is_appointment", "=", True)],
    )
    salon_issue = fields.Text(
        copy=False,
        readonly=True,
        help="What went wrong when the salon processed this paid order. The "
        "order and its payments are kept; check its appointment by hand.",
    )

    def _process_saved_order(self, draft):
        order_id = super()._process_saved_order(draft)
        if not draft and self.state in ("paid", "done", "invoiced"):
            self._salon_safe_process_paid_order()
        return order_id

    def _salon_safe_process_paid_order(self):
        """Run the salon's processing of a paid order without ever losing it.

        A failure is logged, kept on the order (``salon_issue``, "Salon
        issues" filter) and posted on the order and its appointment; the
        order is saved as the POS sent it. Concurrency errors go up, so that
        the whole synchronisation is retried.
        """
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._salon_process_paid_order()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise
        except Exception as error:  # noqa: BLE001 - a paid order is never lost
            _logger.exception(
                "Salon processing of the paid POS order %s failed", self.name
            )
            self._salon_report_issue(str(error))

    def _salon_step(self, errors, function, *args, **kwargs):
        """Run one effect of a paid order (``function(*args, **kwargs)``) on
        its own: a refusal (``UserError``) is undone and its message added to
        ``errors``, for :meth:`_salon_report_issue`; the other effects go on.

        :return: what ``function`` returns, ``None`` when refused
        """
        try:
            with self.env.cr.savepoint():
                return function(*args, **kwargs)
        except UserError as error:
            errors.append(error.args[0])
        return None

    def _salon_report_issue(self, message):
        """Keep a problem of the salon's processing visible to the salon."""
        body = self.env._(
            "The salon could not process this paid order: %(error)s The order "
            "and its payments are kept; check its appointment.",
            error=message,
        )
        self.salon_issue = body
        self.message_post(body=body)
        if self.salon_appointment_id:
            self.salon_appointment_id.sudo().message_post(
                body=body, message_type="notification", subtype_xmlid="mail.mt_note"
            )

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
        appointment = self.salon_appointment_id
        if appointment:
            others = appointment._salon_get_sale_names(ignore=self)
            if others and self in appointment._salon_get_sales()[0]:
                # paid twice (two tills, or invoiced too): keep both, tell the salon
                self._salon_report_issue(
                    self.env._(
                        "%(appointment)s was already charged by %(documents)s; "
                        "this order charged it again. Refund one of them.",
                        appointment=appointment.salon_reference,
                        documents=", ".join(others),
                    )
                )
                return
            appointment._salon_pos_checkout(self)
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
        Event = self.env["calendar.event"].with_context(salon_no_mail=True)
        vals = Event._salon_prepare_appointment_vals(
            self.partner_id,
            self.date_order - timedelta(hours=span),
            [
                {"product_id": line.product_id.id, "price_unit": line.price_unit}
                for line in services
            ],
            stylist=stylist,
            company=self.company_id,
            channel="pos",
            salon_state="done",
        )
        try:
            with self.env.cr.savepoint():
                appointment = Event.create(vals)
        except ValidationError:
            # the stylist's agenda is taken at that time: keep the history
            # without holding anyone's time
            appointment = Event.create(dict(vals, salon_employee_id=False))
        self.salon_appointment_id = appointment
        for line, appointment_line in zip(
            services, appointment._salon_sorted_lines(), strict=True
        ):
            line.salon_appointment_line_id = appointment_line

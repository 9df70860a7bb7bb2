# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from . import availability
from .salon_coverage import Coverage

# changes of a line that move its appointment in the stylist's agenda
AGENDA_LINE_FIELDS = {"duration", "buffer_after", "sequence", "product_id", "event_id"}


class SalonAppointmentLine(models.Model):
    """One service of an appointment; services follow each other in order."""

    _name = "salon.appointment.line"
    _inherit = ["pos.load.mixin"]
    _description = "Salon Appointment Service"
    _order = "event_id, sequence, id"
    _check_company_auto = True

    event_id = fields.Many2one(
        "calendar.event",
        string="Appointment",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        domain=[("salon_is_service", "=", True)],
    )
    name = fields.Char(
        string="Description",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    duration = fields.Float(
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        help="Time the service takes, in hours.",
    )
    buffer_after = fields.Float(
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        help="Time the stylist stays busy after the service, in hours.",
    )
    price_unit = fields.Monetary(
        string="Unit Price",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        help="Price of the service as the product gives it (with or without "
        "taxes, as its taxes say).",
    )
    tax_ids = fields.Many2many(
        "account.tax",
        string="Taxes",
        compute="_compute_tax_ids",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('type_tax_use', '=', 'sale'), "
        "('company_id', 'parent_of', company_id)]",
    )
    price_subtotal = fields.Monetary(
        string="Subtotal",
        compute="_compute_amounts",
        store=True,
        precompute=True,
    )
    price_total = fields.Monetary(
        string="Price",
        compute="_compute_amounts",
        store=True,
        precompute=True,
        help="Price of the service, taxes included.",
    )
    company_id = fields.Many2one(
        related="event_id.salon_company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="event_id.salon_currency_id")
    employee_id = fields.Many2one(
        related="event_id.salon_employee_id", store=True, string="Stylist"
    )
    partner_id = fields.Many2one(
        related="event_id.salon_partner_id", store=True, string="Client"
    )
    start = fields.Datetime(compute="_compute_times", store=True)
    stop = fields.Datetime(compute="_compute_times", store=True)
    # What covers the service, once promised to the client (coverage seam)
    coverage_model = fields.Char(string="Covered By Model", readonly=True, copy=False)
    coverage_res_id = fields.Many2oneReference(
        string="Covered By Record",
        model_field="coverage_model",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    coverage_amount = fields.Monetary(
        string="Covered",
        readonly=True,
        copy=False,
        help="Part of the price (taxes included) paid by a prepaid right.",
    )
    coverage_label = fields.Char(string="Covered By", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # The appointment's checks when its lines change on their own
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        events = self.env["calendar.event"].browse(
            {vals.get("event_id") for vals in vals_list if vals.get("event_id")}
        )
        self._salon_before_agenda_change(events)
        lines = super().create(vals_list)
        self._salon_after_agenda_change(lines.event_id)
        return lines

    def write(self, vals):
        if "product_id" in vals and "coverage_model" not in vals:
            # a promise covers the service it was made for, not another one
            changed = self.filtered(
                lambda line: (
                    line.coverage_model and line.product_id.id != vals["product_id"]
                )
            )
            if changed:
                changed.write(self._salon_prepare_coverage_vals(None))
        if not AGENDA_LINE_FIELDS & set(vals):
            return super().write(vals)
        events = self.event_id | self.env["calendar.event"].browse(vals.get("event_id"))
        self._salon_before_agenda_change(events)
        result = super().write(vals)
        self._salon_after_agenda_change(events)
        return result

    def unlink(self):
        events = self.event_id
        self._salon_before_agenda_change(events)
        result = super().unlink()
        events = events.exists()
        events.invalidate_recordset(["salon_line_ids"])
        self._salon_after_agenda_change(events)
        return result

    def _salon_before_agenda_change(self, events):
        """Lock the stylists, unless the appointment itself is being saved
        (it locks and checks then)."""
        if not self.env.context.get("salon_checks_lines"):
            events._salon_lock_stylists(set(events.salon_employee_id.ids))

    def _salon_after_agenda_change(self, events):
        if not self.env.context.get("salon_checks_lines"):
            events.filtered("salon_is_appointment")._salon_check_bookable()

    @api.depends("product_id")
    def _compute_from_product(self):
        for line in self:
            product = line.product_id
            line.name = product.display_name or line.name
            line.duration = product.salon_duration
            line.buffer_after = product.salon_buffer_after
            line.price_unit = product.lst_price

    @api.depends("product_id", "company_id")
    def _compute_tax_ids(self):
        for line in self:
            company = line.company_id or self.env.company
            line.tax_ids = line.product_id.taxes_id._filter_taxes_by_company(company)

    @api.depends("price_unit", "tax_ids", "currency_id")
    def _compute_amounts(self):
        for line in self:
            line.price_subtotal, line.price_total = line._salon_taxed_amounts(
                line.price_unit
            )

    def _salon_taxed_amounts(self, price_unit, quantity=1.0):
        """``(untaxed, taxed)`` amounts of ``quantity`` services at ``price_unit``."""
        self.ensure_one()
        currency = self.currency_id or self.env.company.currency_id
        if not self.product_id:
            amount = currency.round(price_unit * quantity)
            return amount, amount
        return self.product_id._salon_taxed_amounts(
            price_unit, currency, self.tax_ids, self.partner_id, quantity
        )

    @api.depends(
        "event_id.start",
        "event_id.salon_line_ids.sequence",
        "event_id.salon_line_ids.duration",
        "event_id.salon_line_ids.buffer_after",
    )
    def _compute_times(self):
        for event in self.event_id:
            lines = event._salon_sorted_lines()
            times = (
                availability.sequence_times(event.start, lines._salon_spans())
                if event.start
                else [(False, False)] * len(lines)
            )
            for line, (start, stop) in zip(lines, times, strict=True):
                line.start, line.stop = start, stop
        (self - self.event_id.salon_line_ids).update({"start": False, "stop": False})

    def _salon_spans(self):
        """``[(duration, buffer_after)]`` of the lines, for :mod:`.availability`."""
        return [
            (timedelta(hours=line.duration), timedelta(hours=line.buffer_after))
            for line in self
        ]

    @api.constrains("duration", "buffer_after")
    def _check_duration(self):
        for line in self:
            if line.duration <= 0 or line.buffer_after < 0:
                raise ValidationError(
                    self.env._(
                        "The service %(service)s needs a positive duration and a "
                        "buffer that is not negative.",
                        service=line.name,
                    )
                )

    @api.constrains("price_unit")
    def _check_price_unit(self):
        for line in self:
            if line.price_unit < 0:
                raise ValidationError(
                    self.env._(
                        "The price of %(service)s cannot be negative.",
                        service=line.name,
                    )
                )

    # ------------------------------------------------------------------
    # Coverage promised to the client
    # ------------------------------------------------------------------

    @api.model
    def _salon_prepare_coverage_vals(self, coverage):
        """Values storing ``coverage`` (or clearing it) on a line."""
        if not coverage:
            return {
                "coverage_model": False,
                "coverage_res_id": False,
                "coverage_amount": 0.0,
                "coverage_label": False,
            }
        return {
            "coverage_model": coverage.record._name,
            "coverage_res_id": coverage.record.id,
            "coverage_amount": coverage.amount,
            "coverage_label": coverage.label,
        }

    def _salon_get_stored_coverage(self):
        """The coverage promised to this line, if any and still there."""
        self.ensure_one()
        if not self.coverage_model or self.coverage_model not in self.env:
            return None
        record = self.env[self.coverage_model].sudo().browse(self.coverage_res_id)
        if not record.exists():
            return None
        return Coverage(record, self.coverage_amount, self.coverage_label or "")

    # ------------------------------------------------------------------
    # Point of Sale
    # ------------------------------------------------------------------

    @api.model
    def _load_pos_data_domain(self, data):
        return [
            (
                "event_id",
                "in",
                [event["id"] for event in data["calendar.event"]["data"]],
            )
        ]

    @api.model
    def _load_pos_data_fields(self, config_id):
        """The POS links its order lines to the services of an appointment;
        their products, prices and coverage come from the server at checkout
        (``calendar.event.salon_pos_checkout_values``)."""
        return ["id", "event_id"]

    def _load_pos_data(self, data):
        """The lines of the appointments loaded, read once.

        The appointments' ``salon_line_ids`` were read just before, with the
        user's rights: when only ids are asked (as here), the rows are made
        from them instead of reading the lines again. An addon asking more
        fields gets them read as usual.
        """
        fields = self._load_pos_data_fields(data["pos.config"]["data"][0]["id"])
        events = data["calendar.event"]
        known = {"id", "event_id"}
        if not set(fields) <= known or "salon_line_ids" not in events["fields"]:
            return super()._load_pos_data(data)
        rows = [
            {"id": line_id, "event_id": event["id"]}
            for event in events["data"]
            for line_id in event["salon_line_ids"]
        ]
        return {
            "data": [{name: row[name] for name in fields} for row in rows],
            "fields": fields,
        }

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    salon_appointment_ids = fields.One2many(
        "calendar.event", "salon_partner_id", string="Salon Appointments"
    )
    salon_upcoming_appointment_ids = fields.Many2many(
        "calendar.event",
        string="Upcoming Appointments",
        compute="_compute_salon_appointments",
    )
    salon_past_appointment_ids = fields.Many2many(
        "calendar.event",
        string="Past Appointments",
        compute="_compute_salon_appointments",
    )
    salon_visit_count = fields.Integer(
        string="Visits", compute="_compute_salon_figures"
    )
    salon_no_show_count = fields.Integer(
        string="No-Shows", compute="_compute_salon_figures"
    )
    salon_total_spent = fields.Monetary(
        string="Total Spent",
        compute="_compute_salon_figures",
        currency_field="salon_currency_id",
    )
    salon_currency_id = fields.Many2one(
        "res.currency", compute="_compute_salon_figures"
    )
    salon_note = fields.Html(
        string="Salon Notes",
        help="What the team should know: allergies, colour formula, preferences.",
    )
    salon_document_count = fields.Integer(
        string="Documents", compute="_compute_salon_document_count"
    )

    @api.depends("salon_appointment_ids.start", "salon_appointment_ids.salon_state")
    def _compute_salon_appointments(self):
        now = fields.Datetime.now()
        free = self.env["calendar.event"]._salon_get_free_states()
        for partner in self:
            appointments = partner.salon_appointment_ids.sorted("start")
            partner.salon_upcoming_appointment_ids = appointments.filtered(
                lambda e: e.start >= now and e.salon_state not in free
            )
            partner.salon_past_appointment_ids = (
                appointments - partner.salon_upcoming_appointment_ids
            ).sorted("start", reverse=True)

    def _compute_salon_figures(self):
        """Visits, no-shows and spending, read in one grouped query."""
        groups = self.env["calendar.event"]._read_group(
            [
                ("salon_partner_id", "in", self.ids),
                ("salon_state", "in", ("done", "no_show")),
            ],
            ["salon_partner_id", "salon_state"],
            ["__count", "salon_amount_total:sum"],
        )
        figures = {}
        for partner, state, count, amount in groups:
            figures[partner.id, state] = (count, amount)
        currency = self.env.company.currency_id
        for partner in self:
            visits, spent = figures.get((partner.id, "done"), (0, 0.0))
            partner.salon_visit_count = visits
            partner.salon_no_show_count = figures.get((partner.id, "no_show"), (0, 0))[
                0
            ]
            partner.salon_total_spent = spent
            partner.salon_currency_id = currency

    def _compute_salon_document_count(self):
        counts = dict(
            self.env["ir.attachment"]._read_group(
                [("res_model", "=", "res.partner"), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.salon_document_count = counts.get(partner.id, 0)

    def action_salon_open_appointments(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "salon_booking.calendar_event_salon_list_action"
        )
        action["domain"] = [("salon_partner_id", "=", self.id)]
        action["context"] = {"default_salon_partner_id": self.id}
        return action

    def action_salon_open_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("base.action_attachment")
        action["domain"] = [("res_model", "=", "res.partner"), ("res_id", "=", self.id)]
        action["context"] = {
            "default_res_model": "res.partner",
            "default_res_id": self.id,
        }
        return action

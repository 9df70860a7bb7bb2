# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A client's package: a nominative loyalty card whose points are sessions.

The history lines of the card are the ledger: sessions issued, used, missed
(no-show), given back, expired, cancelled. The balance of each covered service
is read from them; ``points`` is their total, kept in step. Every movement
locks the card first, so that two checkouts of the last session never both
use it.
"""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL

from .loyalty_program import PACKAGE

OUT_KINDS = ("used", "no_show", "expired", "cancelled", "refunded")


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    salon_start_date = fields.Date(
        string="Start", help="First day the package can be used."
    )
    salon_line_ids = fields.One2many(
        "salon.package.line", "card_id", string="Covered Services", readonly=True
    )
    salon_amount = fields.Monetary(
        string="Amount Paid",
        readonly=True,
        help="Price of the package without taxes: it is recognised as revenue "
        "session by session.",
    )
    salon_no_show_counts = fields.Boolean(
        string="No-Show Uses a Session",
        help="Default for the appointments this package covers.",
    )
    salon_closed = fields.Selection(
        [("expired", "Expired"), ("cancelled", "Cancelled")],
        readonly=True,
        copy=False,
    )
    salon_state = fields.Selection(
        [
            ("active", "Active"),
            ("exhausted", "Used Up"),
            ("expired", "Expired"),
            ("cancelled", "Cancelled"),
        ],
        string="Package Status",
        compute="_compute_salon_state",
        store=True,
    )
    salon_summary = fields.Char(
        string="Sessions Left", compute="_compute_salon_summary"
    )
    salon_no_show_total = fields.Integer(
        string="No-Shows", compute="_compute_salon_summary"
    )
    salon_pos_line_id = fields.Many2one(
        "pos.order.line", string="Sold by Order Line", readonly=True, copy=False
    )
    salon_invoice_line_id = fields.Many2one(
        "account.move.line", string="Sold by Invoice Line", readonly=True, copy=False
    )
    salon_expiry_reminded = fields.Boolean(readonly=True, copy=False)

    @api.depends("points", "salon_closed", "program_type")
    def _compute_salon_state(self):
        for card in self:
            if card.program_type != PACKAGE:
                card.salon_state = False
            elif card.salon_closed:
                card.salon_state = card.salon_closed
            else:
                card.salon_state = "active" if card.points > 0 else "exhausted"

    @api.depends("history_ids.used", "history_ids.issued", "salon_line_ids")
    def _compute_salon_summary(self):
        balances = self._salon_balances()
        for card in self:
            parts = []
            no_shows = 0
            for line in card.salon_line_ids:
                balance = balances.get((card.id, line.product_id.id), {})
                no_shows += balance.get("no_show", 0)
                part = self.env._(
                    "%(service)s: %(count)s left",
                    service=line.product_id.name,
                    count=balance.get("remaining", 0),
                )
                if balance.get("no_show"):
                    part += " " + self.env._(
                        "(%(count)s no-show)", count=balance["no_show"]
                    )
                parts.append(part)
            card.salon_summary = ", ".join(parts)
            card.salon_no_show_total = no_shows

    # ------------------------------------------------------------------
    # Balances, read from the ledger
    # ------------------------------------------------------------------

    def _salon_balances(self):
        """``{(card id, product id): {"remaining", "used", "no_show"}}``."""
        result = defaultdict(lambda: {"remaining": 0, "used": 0, "no_show": 0})
        card_ids = tuple(id_ for id_ in self._ids if isinstance(id_, int))
        if not card_ids:
            return result
        self.env["loyalty.history"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT h.card_id, h.salon_product_id, h.salon_kind,"
                " r.salon_kind, SUM(h.issued), SUM(h.used)"
                " FROM loyalty_history h"
                " LEFT JOIN loyalty_history r ON r.id = h.salon_reverses_id"
                " WHERE h.card_id IN %s AND h.salon_product_id IS NOT NULL"
                " GROUP BY 1, 2, 3, 4",
                card_ids,
            )
        )
        for (
            card_id,
            product_id,
            kind,
            reversed_kind,
            issued,
            used,
        ) in self.env.cr.fetchall():
            balance = result[(card_id, product_id)]
            balance["remaining"] += round(issued - used)
            if kind in ("used", "no_show"):
                balance["used"] += round(used)
            if kind == "no_show":
                balance["no_show"] += round(used)
            elif kind == "returned":
                balance["used"] -= round(issued)
                if reversed_kind == "no_show":
                    balance["no_show"] -= round(issued)
        return result

    def _salon_remaining(self, product):
        self.ensure_one()
        return self._salon_balances()[(self.id, product.id)]["remaining"]

    def _salon_included_label(self, product, remaining=None):
        """What the staff and the client read on a service the package pays,
        e.g. "Included in my package 10 cuts (3 left)"."""
        self.ensure_one()
        if remaining is None:
            remaining = self._salon_remaining(product)
        return self.env._(
            "Included in my package %(package)s (%(count)s left)",
            package=self.program_id.name,
            count=remaining,
        )

    def _salon_lock(self):
        """Take the cards for this transaction: movements of one card are
        made one after the other (the others wait, then start again and see
        the new balance)."""
        if self.ids:
            # a card another transaction changed since this one began cannot
            # be taken: PostgreSQL refuses it (a serialization failure, not a
            # bad query), and Odoo runs the request again on fresh data
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM loyalty_card WHERE id IN %s FOR NO KEY UPDATE",
                    tuple(self.ids),
                ),
                log_exceptions=False,
            )
        self.invalidate_recordset(["points"])
        self.history_ids.invalidate_recordset()

    def _salon_is_valid_on(self, day):
        """Whether the package can be used on ``day`` (a date)."""
        self.ensure_one()
        return (
            self.active
            and not self.salon_closed
            and (not self.salon_start_date or self.salon_start_date <= day)
            and (not self.expiration_date or day <= self.expiration_date)
        )

    # ------------------------------------------------------------------
    # Movements
    # ------------------------------------------------------------------

    @api.model
    def _salon_issue(self, program, partner, start=None, amount=0.0, origin=None):
        """Give ``partner`` a package of type ``program``.

        :param start: first day it can be used (today by default); the
            validity runs from it
        :param amount: price paid without taxes (deferred revenue)
        :param origin: the POS order or invoice that sold it, if any
        :return: the new card
        """
        program.ensure_one()
        if not program._salon_is_package():
            raise UserError(self.env._("%s is not a session package.", program.name))
        if not partner:
            raise UserError(
                self.env._("A package belongs to a client: choose the client first.")
            )
        program._salon_check_discovery(partner)
        start = start or (program.company_id or self.env.company)._salon_today()
        expiry = False
        if program.salon_validity_months:
            expiry = (
                start
                + relativedelta(months=program.salon_validity_months)
                - relativedelta(days=1)
            )
        rewards = program.reward_ids
        card = (
            self.sudo()
            .with_context(loyalty_no_mail=True)
            .create(
                {
                    "program_id": program.id,
                    "partner_id": partner.id,
                    "salon_start_date": start,
                    "expiration_date": expiry,
                    "salon_amount": amount,
                    "salon_no_show_counts": program.salon_no_show_counts,
                    "points": sum(rewards.mapped("salon_sessions")),
                    "salon_line_ids": [
                        Command.create(
                            {
                                "product_id": reward.reward_product_id.id,
                                "sessions": reward.salon_sessions,
                            }
                        )
                        for reward in rewards
                    ],
                }
            )
        )
        card.env["loyalty.history"].create(
            [
                dict(
                    card._salon_history_vals(
                        "issued", reward.reward_product_id, origin=origin
                    ),
                    issued=reward.salon_sessions,
                )
                for reward in rewards
            ]
        )
        return card.with_env(self.env)

    def _salon_history_vals(self, kind, product, appointment=None, origin=None):
        self.ensure_one()
        labels = dict(
            self.env["loyalty.history"]
            ._fields["salon_kind"]
            ._description_selection(self.env)
        )
        description = self.env._(
            "%(movement)s: %(service)s", movement=labels[kind], service=product.name
        )
        if appointment:
            description += f" ({appointment.salon_reference})"
        vals = {
            "card_id": self.id,
            "salon_kind": kind,
            "salon_product_id": product.id,
            "salon_event_id": appointment.id if appointment else False,
            "description": description,
            "issued": 0.0,
            "used": 0.0,
        }
        if origin:
            vals.update(order_model=origin._name, order_id=origin.id)
        return vals

    def _salon_use(self, product, appointment=None, origin=None, kind="used"):
        """Use one session of ``product`` (``kind``: ``used`` or ``no_show``).

        Refused when the package does not cover the service, is closed or has
        no session of it left: the balance never goes below zero.

        :return: the history line
        """
        self.ensure_one()
        card = self.sudo()
        card._salon_lock()
        # the day in the salon of the package (or of the sale), as its start
        salon = card.company_id or getattr(origin, "company_id", None)
        day = (salon or self.env.company)._salon_today(
            appointment.start if appointment else None
        )
        if product not in card.salon_line_ids.product_id:
            raise UserError(
                self.env._(
                    "The package %(package)s does not cover %(service)s.",
                    package=card.display_name,
                    service=product.name,
                )
            )
        if card.salon_closed or not card.active:
            raise UserError(
                self.env._(
                    "The package %(package)s is %(state)s: it cannot be used.",
                    package=card.display_name,
                    state=dict(
                        card._fields["salon_state"]._description_selection(self.env)
                    )[card.salon_state].lower(),
                )
            )
        if kind == "used" and not card._salon_is_valid_on(day):
            raise UserError(
                self.env._(
                    "The package %(package)s is not valid on %(day)s.",
                    package=card.display_name,
                    day=fields.Date.to_string(day),
                )
            )
        if card._salon_remaining(product) < 1:
            raise UserError(
                self.env._(
                    "No session of %(service)s is left on the package %(package)s.",
                    service=product.name,
                    package=card.display_name,
                )
            )
        history = (
            self.env["loyalty.history"]
            .sudo()
            .create(
                dict(
                    card._salon_history_vals(kind, product, appointment, origin),
                    used=1.0,
                )
            )
        )
        card.points -= 1
        card._salon_recognise(history, 1)
        return history

    def _salon_give_back(self, history, origin=None):
        """Give back the session of ``history`` (a refunded checkout)."""
        self.ensure_one()
        card = self.sudo()
        card._salon_lock()
        history.invalidate_recordset(["salon_reversed_by_ids"])
        if history.salon_reversed_by_ids:
            return history.salon_reversed_by_ids[:1]
        back = (
            self.env["loyalty.history"]
            .sudo()
            .create(
                dict(
                    card._salon_history_vals(
                        "returned",
                        history.salon_product_id,
                        history.salon_event_id,
                        origin,
                    ),
                    issued=1.0,
                    salon_reverses_id=history.id,
                )
            )
        )
        card.points += 1
        card._salon_recognise(back, -1)
        if card.salon_closed:
            # a closed package takes nothing back: the session is written off
            # as the others were
            kind = "expired" if card.salon_closed == "expired" else "cancelled"
            written_off = (
                self.env["loyalty.history"]
                .sudo()
                .create(
                    dict(
                        card._salon_history_vals(
                            kind, history.salon_product_id, origin=origin
                        ),
                        used=1.0,
                    )
                )
            )
            card.points -= 1
            if kind == "expired":
                card._salon_recognise(written_off, 1)
        return back

    def _salon_close(self, kind, origin=None):
        """Close the packages (``expired``, ``cancelled`` or ``refunded``):
        the sessions left are written off.

        Expired sessions become revenue; cancelled ones (the sale refunded)
        and refunded ones (a credit note) are taken back by their own
        document.
        """
        cards = self.sudo().filtered(lambda c: not c.salon_closed)
        cards._salon_lock()
        balances = cards._salon_balances()
        History = self.env["loyalty.history"].sudo()
        for card in cards:
            lines = History
            for line in card.salon_line_ids:
                left = balances[(card.id, line.product_id.id)]["remaining"]
                if left > 0:
                    lines |= History.create(
                        dict(
                            card._salon_history_vals(
                                kind, line.product_id, origin=origin
                            ),
                            used=float(left),
                        )
                    )
            card.write(
                {
                    "points": 0,
                    "salon_closed": "expired" if kind == "expired" else "cancelled",
                }
            )
            if kind == "expired":
                for line in lines:
                    card._salon_recognise(line, round(line.used))
        return cards

    # ------------------------------------------------------------------
    # Deferred revenue
    # ------------------------------------------------------------------

    def _salon_session_value(self):
        """Revenue of one session: the price paid over the sessions sold."""
        self.ensure_one()
        sessions = sum(self.salon_line_ids.mapped("sessions"))
        if not sessions:
            return 0.0
        return self.currency_id.round(self.salon_amount / sessions)

    def _salon_recognise(self, history, sessions):
        """Move the value of ``sessions`` from the prepaid packages account
        to the service's revenue (negative: back), in one journal entry
        linked to ``history``."""
        self.ensure_one()
        amount = self._salon_session_value() * sessions
        if self.currency_id.is_zero(amount):
            return
        company = self.company_id or self.env.company
        deferred = company._salon_package_account()
        product = history.salon_product_id.with_company(company)
        income = product.product_tmpl_id.get_product_accounts()["income"]
        if not income:
            raise UserError(
                self.env._(
                    "Give the service %s an income account: its package sessions "
                    "become revenue there.",
                    product.name,
                )
            )
        label = history.description
        debit, credit = (deferred, income) if amount > 0 else (income, deferred)
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": company._salon_package_journal().id,
                    "date": fields.Date.context_today(self),
                    "ref": label,
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": debit.id,
                                "name": label,
                                "debit": abs(amount),
                                "partner_id": self.partner_id.id,
                            }
                        ),
                        Command.create(
                            {
                                "account_id": credit.id,
                                "name": label,
                                "credit": abs(amount),
                                "partner_id": self.partner_id.id,
                            }
                        ),
                    ],
                }
            )
        )
        move.action_post()
        history.salon_move_id = move

    # ------------------------------------------------------------------
    # Time-driven: expiry and its reminder
    # ------------------------------------------------------------------

    @api.model
    def _cron_salon_packages(self, batch_size=200):
        """Remind holders before their package expires, then expire the
        packages past their end (sessions left become revenue).

        One batch per call: the scheduler commits it and calls again while
        some remain (``_notify_progress``). Runs at once share the work: each
        skips the packages another has locked.

        :return: how many packages this call reminded or expired
        """
        self.env.flush_all()
        today = self.env.company._salon_today()
        open_packages = SQL(
            "card.salon_closed IS NULL AND card.active"
            " AND card.expiration_date IS NOT NULL"
            " AND program.program_type = %s",
            PACKAGE,
        )
        due = SQL("%s AND card.expiration_date < %s", open_packages, today)
        to_remind = SQL(
            "%s AND card.points > 0"
            " AND NOT COALESCE(card.salon_expiry_reminded, FALSE)"
            " AND card.expiration_date >= %s"
            " AND card.expiration_date"
            " <= %s::date + company.salon_package_reminder_days"
            " AND company.salon_package_reminder_days > 0",
            open_packages,
            today,
            today,
        )
        tables = SQL(
            "loyalty_card card JOIN loyalty_program program"
            " ON program.id = card.program_id"
            " JOIN res_company company"
            " ON company.id = COALESCE(card.company_id, program.company_id, %s)",
            self.env.company.id,
        )

        def take(condition):
            self.env.cr.execute(
                SQL(
                    "SELECT card.id FROM %s WHERE %s ORDER BY card.expiration_date,"
                    " card.id LIMIT %s FOR NO KEY UPDATE OF card SKIP LOCKED",
                    tables,
                    condition,
                    batch_size,
                )
            )
            return self.sudo().browse([row[0] for row in self.env.cr.fetchall()])

        expired = take(due)
        expired._salon_close("expired")
        reminded = take(to_remind)
        template = self.env.ref(
            "salon_packages.mail_template_salon_package_expiry",
            raise_if_not_found=False,
        )
        for card in reminded:
            if template and card.partner_id.email:
                template.send_mail(
                    card.id, email_layout_xmlid="mail.mail_notification_light"
                )
            card.salon_expiry_reminded = True
        self.env.flush_all()
        remaining = 0
        for condition in (due, to_remind):
            self.env.cr.execute(
                SQL("SELECT count(*) FROM %s WHERE %s", tables, condition)
            )
            remaining += self.env.cr.fetchone()[0]
        done = len(expired) + len(reminded)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    # ------------------------------------------------------------------
    # Point of Sale
    # ------------------------------------------------------------------

    @api.model
    def salon_pos_find_packages(self, partner_id, product_ids):
        """The client's packages the till can use today for ``product_ids``,
        the one that expires first first: ``[{id, name, label, product_ids}]``
        (services with a session left). Staff only: the cards are read with
        sudo after this check."""
        self.check_access("read")
        partner = self.env["res.partner"].browse(int(partner_id or 0)).exists()
        products = (
            self.env["product.product"]
            .browse([int(i) for i in product_ids or []])
            .exists()
        )
        if not partner or not products:
            return []
        cards = self.env["salon.coverage"]._salon_package_cards(
            partner, products, self.env.company
        )
        balances = cards._salon_balances()
        today = self.env.company._salon_today()
        result = []
        for card in cards.filtered(lambda c: c._salon_is_valid_on(today)):
            covered = [
                product
                for product in products
                if balances[(card.id, product.id)]["remaining"] > 0
            ]
            if covered:
                result.append(
                    {
                        "id": card.id,
                        "name": card.program_id.name,
                        "label": card._salon_included_label(
                            covered[0], balances[(card.id, covered[0].id)]["remaining"]
                        ),
                        "product_ids": [product.id for product in covered],
                    }
                )
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _salon_unused_value(self):
        """Price without taxes of the sessions left (pro rata of the price
        paid)."""
        self.ensure_one()
        return self.currency_id.round(self._salon_session_value() * self.points)

    def action_salon_refund_unused(self):
        """Refund the sessions left pro rata, by a credit note (posted, for
        the salon to pay back), and close the package."""
        for card in self.sudo():
            value = card._salon_unused_value()
            if card.salon_closed or card.points <= 0 or card.currency_id.is_zero(value):
                raise UserError(
                    self.env._(
                        "The package %s has no unused session paid to refund.",
                        card.display_name,
                    )
                )
            product = card.program_id.salon_product_id.with_company(card.company_id)
            taxes = (
                card.salon_invoice_line_id.tax_ids
                or card.salon_pos_line_id.tax_ids
                or product.taxes_id._filter_taxes_by_company(card.company_id)
            )
            # the price that gives ``value`` without taxes, whatever the taxes
            excluded = taxes.compute_all(1.0, card.currency_id, 1.0, product)[
                "total_excluded"
            ]
            credit_note = (
                self.env["account.move"]
                .with_company(card.company_id)
                .create(
                    {
                        "move_type": "out_refund",
                        "partner_id": card.partner_id.id,
                        "invoice_origin": card.display_name,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "name": self.env._(
                                        "%(package)s: %(count)s unused sessions",
                                        package=card.program_id.name,
                                        count=int(card.points),
                                    ),
                                    "quantity": 1.0,
                                    "price_unit": value / excluded
                                    if excluded
                                    else value,
                                    "tax_ids": [Command.set(taxes.ids)],
                                }
                            )
                        ],
                    }
                )
            )
            credit_note.action_post()
            card._salon_close("refunded", origin=credit_note)
            card.message_post(
                body=self.env._(
                    "Unused sessions refunded by %s.", credit_note.display_name
                )
            )
        return True

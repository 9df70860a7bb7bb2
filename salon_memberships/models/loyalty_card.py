# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A member's credit: an eWallet card of the salon's membership credit
program, whose history lines are the ledger.

Each line belongs to a month of the membership (its "bucket"): the credit a
paid month issues, what is used from it (oldest month first), given back,
expired at the end of the month, taken back by a chargeback. ``points`` is the
total left, kept in step. Every movement locks the card first, so that two
checkouts of the last euro never both spend it.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    salon_membership_ids = fields.One2many(
        "salon.membership", "card_id", string="Memberships", readonly=True
    )

    def _salon_credit_lock(self):
        """Take the card for this transaction (see salon_memberships'
        concurrency tests): movements are made one after the other."""
        self.ensure_one()
        # a card another transaction changed since this one began cannot be
        # taken: PostgreSQL refuses it (a serialization failure), and Odoo
        # runs the request again on fresh data
        self.env.cr.execute(
            SQL("SELECT id FROM loyalty_card WHERE id = %s FOR NO KEY UPDATE", self.id),
            log_exceptions=False,
        )
        self.invalidate_recordset(["points"])
        self.history_ids.invalidate_recordset()

    def _salon_credit_buckets(self):
        """``{period: credit left}`` of the card, oldest month first."""
        self.ensure_one()
        self.env["loyalty.history"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT h.salon_membership_period_id, SUM(h.issued - h.used)"
                "  FROM loyalty_history h"
                "  JOIN salon_membership_period p"
                "    ON p.id = h.salon_membership_period_id"
                " WHERE h.card_id = %s"
                " GROUP BY h.salon_membership_period_id, p.date_start"
                " ORDER BY p.date_start, h.salon_membership_period_id",
                self.id,
            )
        )
        Period = self.env["salon.membership.period"].sudo()
        return {
            Period.browse(period_id): left
            for period_id, left in self.env.cr.fetchall()
            if left > 0
        }

    def _salon_credit_history_vals(self, kind, period, amount, origin=None, event=None):
        vals = {
            "card_id": self.id,
            "salon_membership_kind": kind,
            "salon_membership_period_id": period.id,
            "salon_membership_event_id": event.id if event else False,
            "description": self._salon_credit_label(kind, period),
            "issued": amount if kind in ("issued", "returned") else 0.0,
            "used": amount if kind not in ("issued", "returned") else 0.0,
        }
        if origin:
            vals.update(order_model=origin._name, order_id=origin.id)
        return vals

    def _salon_credit_label(self, kind, period):
        month = period.date_start.strftime("%Y-%m")
        return {
            "issued": self.env._("Membership credit for %s", month),
            "used": self.env._("Paid with the membership credit"),
            "returned": self.env._("Membership credit given back"),
            "expired": self.env._("Unused credit of %s expired", month),
            "reversed": self.env._("Credit of %s taken back (chargeback)", month),
        }[kind]

    def _salon_credit_move(self, kind, period, amount, origin=None, event=None):
        history = (
            self.env["loyalty.history"]
            .sudo()
            .create(
                self._salon_credit_history_vals(kind, period, amount, origin, event)
            )
        )
        sign = 1 if kind in ("issued", "returned") else -1
        self.sudo().with_context(
            salon_credit_move=True
        ).points = self.currency_id.round(self.points + sign * amount)
        return history

    # ------------------------------------------------------------------
    # Movements
    # ------------------------------------------------------------------

    def _salon_credit_issue(self, period, amount, origin=None):
        self.ensure_one()
        self._salon_credit_lock()
        return self._salon_credit_move("issued", period, amount, origin)

    def _salon_credit_membership(self):
        self.ensure_one()
        return self.salon_membership_ids[:1]

    def _salon_credit_available(self):
        """Credit the member can spend now (0 when the membership is
        suspended or over)."""
        self.ensure_one()
        membership = self._salon_credit_membership()
        if not membership or not membership._salon_can_spend():
            return 0.0
        return max(self.points, 0.0)

    def _salon_credit_use(self, amount, origin=None, event=None):
        """Spend ``amount`` (taxes included), oldest month first.

        Refused when the membership cannot spend or the credit left is lower:
        the balance never goes below zero.

        :return: the history lines (one per month touched)
        """
        self.ensure_one()
        card = self.sudo()
        card._salon_credit_lock()
        membership = card._salon_credit_membership()
        currency = card.currency_id
        amount = currency.round(amount)
        if membership and not membership._salon_can_spend():
            raise UserError(
                self.env._(
                    "The membership credit of %(client)s is %(state)s: it cannot "
                    "be spent.",
                    client=card.partner_id.display_name,
                    state=dict(
                        membership._fields["state"]._description_selection(self.env)
                    )[membership.state].lower(),
                )
            )
        buckets = card._salon_credit_buckets()
        left = sum(buckets.values())
        if float_compare(amount, left, precision_rounding=currency.rounding) > 0:
            raise UserError(
                self.env._(
                    "Only %(left)s of membership credit is left for %(client)s "
                    "(%(amount)s asked).",
                    left=currency.format(left),
                    client=card.partner_id.display_name,
                    amount=currency.format(amount),
                )
            )
        histories = self.env["loyalty.history"]
        todo = amount
        for period, available in buckets.items():
            take = currency.round(min(available, todo))
            if take <= 0:
                continue
            histories |= card._salon_credit_move("used", period, take, origin, event)
            todo = currency.round(todo - take)
            if currency.is_zero(todo):
                break
        return histories

    def _salon_credit_give_back(self, histories, origin=None):
        """Give back the credit of ``histories`` (uses), into their month, or
        the current one when theirs is over."""
        card = self.sudo()
        given = self.env["loyalty.history"]
        for history in histories.sudo():
            if history.salon_membership_kind != "used":
                continue
            card = history.card_id
            card._salon_credit_lock()
            history.invalidate_recordset(["salon_membership_reversed_by_ids"])
            if history.salon_membership_reversed_by_ids:
                continue
            period = history.salon_membership_period_id._salon_credit_bucket()
            back = card._salon_credit_move(
                "returned",
                period,
                history.used,
                origin,
                history.salon_membership_event_id,
            )
            back.salon_membership_reverses_id = history
            given |= back
        return given

    def _salon_credit_expire(self, period):
        """The end of ``period``: the credit left of it and of older months
        expires, except what the plan carries over (up to its cap)."""
        self.ensure_one()
        card = self.sudo()
        card._salon_credit_lock()
        buckets = {
            bucket: left
            for bucket, left in card._salon_credit_buckets().items()
            if bucket.date_start <= period.date_start
        }
        plan = period.plan_id
        cap = plan.rollover_cap if plan.rollover == "carry" else 0.0
        currency = card.currency_id
        todo = currency.round(sum(buckets.values()) - cap)
        expired = 0.0
        for bucket, left in buckets.items():
            if todo <= 0:
                break
            take = currency.round(min(left, todo))
            history = card._salon_credit_move("expired", bucket, take, period)
            history.salon_membership_move_id = period._salon_expiry_entry(take)
            todo = currency.round(todo - take)
            expired += take
        return expired

    def _salon_credit_reverse(self, period):
        """A chargeback of ``period``: take back its credit, as much as is
        left (the month's own credit first)."""
        self.ensure_one()
        card = self.sudo()
        card._salon_credit_lock()
        currency = card.currency_id
        buckets = card._salon_credit_buckets()
        todo = currency.round(min(period.credit, sum(buckets.values())))
        taken = 0.0
        order = sorted(buckets, key=lambda bucket: bucket != period)
        for bucket in order:
            if todo <= 0:
                break
            take = currency.round(min(buckets[bucket], todo))
            card._salon_credit_move("reversed", bucket, take, period)
            todo = currency.round(todo - take)
            taken += take
        return taken

    @api.ondelete(at_uninstall=False)
    def _unlink_except_membership_wallet(self):
        if self.salon_membership_ids:
            raise UserError(
                self.env._("A membership's credit wallet cannot be deleted.")
            )

    def write(self, vals):
        if "points" in vals and not self.env.context.get("salon_credit_move"):
            for card in self:
                if card.salon_membership_ids and float_compare(
                    vals["points"], card.points, precision_digits=2
                ):
                    raise UserError(
                        self.env._(
                            "The membership credit changes through its history "
                            "only (payments, sales, refunds)."
                        )
                    )
        return super().write(vals)

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SalonPackageCommon


@tagged("post_install", "-at_install")
class TestPackageExpiry(SalonPackageCommon):
    def _run_cron(self, batch_size=200):
        done = 0
        while True:
            count = self.Card._cron_salon_packages(batch_size=batch_size)
            done += count
            if count < batch_size:
                return done

    def test_expired_sessions_become_revenue(self):
        with freeze_time("2026-01-05"):
            card = self._package(amount=100.0)
            card._salon_use(self.cut)
        self.assertEqual(card.expiration_date, date(2027, 1, 4))
        with freeze_time("2027-01-04"):
            self._run_cron()
            self.assertEqual(card.salon_state, "active")
        with freeze_time("2027-01-05"):
            self._run_cron()
        self.assertEqual(card.salon_state, "expired")
        self.assertEqual(card.points, 0)
        expired = card.history_ids.filtered(lambda h: h.salon_kind == "expired")
        self.assertEqual(expired.used, 4)
        lines = expired.salon_move_id.line_ids
        self.assertEqual(
            lines.filtered(lambda line: line.account_id == self.prepaid).debit, 80.0
        )
        self.assertEqual(
            lines.filtered(lambda line: line.account_id == self.income).credit, 80.0
        )
        # the advance is fully recognised: 20 used, 80 expired
        recognised = card.history_ids.salon_move_id.line_ids.filtered(
            lambda line: line.account_id == self.prepaid
        )
        self.assertEqual(sum(recognised.mapped("debit")), 100.0)
        # a second run changes nothing; nothing can be used any more
        with freeze_time("2027-01-06"):
            self.assertEqual(self._run_cron(), 0)
        self.assertEqual(len(card.history_ids), 3)
        self.assertFalse(card._salon_is_valid_on(date(2027, 1, 3)))

    def test_packages_expire_in_batches(self):
        with freeze_time("2026-01-05"):
            cards = self.Card
            for _index in range(7):
                cards |= self._package()
            kept = self._package(self.five_cuts)
            kept.expiration_date = False
        with freeze_time("2027-02-01"):
            self.assertEqual(self._run_cron(batch_size=3), 7)
        self.assertEqual(set(cards.mapped("salon_state")), {"expired"})
        self.assertEqual(kept.salon_state, "active")

    def test_reminder_once_before_expiry(self):
        self.company.salon_package_reminder_days = 30
        with freeze_time("2026-01-05"):
            card = self._package()
            used_up = self._package(client=self.other_client)
            for _session in range(5):
                used_up._salon_use(self.cut)
        template = self.env.ref("salon_packages.mail_template_salon_package_expiry")
        mails = self.env["mail.mail"].search([("model", "=", "loyalty.card")])
        with freeze_time("2026-12-04"):  # 31 days before the end: not yet
            self._run_cron()
        self.assertFalse(card.salon_expiry_reminded)
        with freeze_time("2026-12-05"):
            self._run_cron()
            self._run_cron()
        self.assertTrue(card.salon_expiry_reminded)
        self.assertFalse(used_up.salon_expiry_reminded)
        sent = self.env["mail.mail"].search([("model", "=", "loyalty.card")]) - mails
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent.res_id, card.id)
        self.assertIn("Cut: 5 left", sent.body_html)
        self.assertIn(self.client, sent.recipient_ids)
        self.assertTrue(template)

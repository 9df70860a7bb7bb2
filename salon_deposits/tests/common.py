# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command

from odoo.addons.salon_booking.tests.common import SalonAccountingCommon


def pay_online(deposit, provider, amount=None):
    """The client pays ``deposit`` with ``provider`` (a done transaction,
    post-processed as Odoo's status page or cron does)."""
    transaction = deposit.env["payment.transaction"].create(
        {
            "provider_id": provider.id,
            "payment_method_id": provider.payment_method_ids[:1].id,
            "amount": deposit.amount if amount is None else amount,
            "currency_id": deposit.currency_id.id,
            "partner_id": deposit.partner_id.id,
            "operation": "online_direct",
            "salon_deposit_ids": [Command.set(deposit.ids)],
        }
    )
    transaction._set_done()
    transaction._post_process()
    return transaction


class SalonDepositCommon(SalonAccountingCommon):
    """The test salon asking 30 % of the services as a deposit, with the
    accounts deposits need."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "salon_deposit_enabled": True,
                "salon_deposit_percent": 30.0,
                "salon_cancel_deadline_hours": 24,
            }
        )
        cls.company._salon_setup_deposit_accounting()
        cls.deposit_product = cls.company.salon_deposit_product_id
        cls.deposits_account = cls.deposit_product.property_account_income_id
        cls.fee_product = cls.company.salon_no_show_fee_product_id
        cls.fee_account = cls.env["account.account"].create(
            {
                "name": "No-show fees",
                "code": "709900",
                "account_type": "income_other",
                "company_ids": [cls.company.id],
            }
        )
        cls.fee_product.property_account_income_id = cls.fee_account
        # VAT on its own account, apart from the revenue
        cls.vat_account = cls.env["account.account"].create(
            {
                "name": "VAT due (salon test)",
                "code": "451099",
                "account_type": "liability_current",
                "company_ids": [cls.company.id],
            }
        )
        (
            cls.tax.invoice_repartition_line_ids | cls.tax.refund_repartition_line_ids
        ).filtered(
            lambda line: line.repartition_type == "tax"
        ).account_id = cls.vat_account
        Journal = cls.env["account.journal"]
        cls.cash = Journal.search(
            [*Journal._check_company_domain(cls.company), ("type", "=", "cash")],
            limit=1,
        )
        cls.bank = Journal.search(
            [*Journal._check_company_domain(cls.company), ("type", "=", "bank")],
            limit=1,
        )

    @classmethod
    def _enable_demo_provider(cls):
        """Odoo's test provider (payment_demo), paying into a bank journal."""
        provider = cls.env.ref("payment.payment_provider_demo")
        provider.write({"state": "test", "company_id": cls.company.id})
        if not provider.journal_id:
            provider.journal_id = cls.bank
        return provider

    @classmethod
    def _ask_by_link(cls, appointment, amount=None):
        """Put ``appointment`` on hold and email the client a payment link."""
        wizard = (
            appointment.env["salon.deposit.wizard"]
            .with_context(default_appointment_id=appointment.id)
            .create({"method": "link"})
        )
        if amount is not None:
            wizard.amount = amount
        wizard.action_confirm()
        return wizard.deposit_id

    def _pay_online(self, deposit, provider, amount=None):
        return pay_online(deposit, provider, amount)

    def _take_deposit(self, appointment, amount=None, journal=None, **vals):
        """Confirm ``appointment`` with a deposit paid in the salon."""
        wizard = (
            appointment.env["salon.deposit.wizard"]
            .with_context(default_appointment_id=appointment.id)
            .create({"journal_id": (journal or self.cash).id, **vals})
        )
        if amount is not None:
            wizard.amount = amount
        wizard.action_confirm()
        return wizard.deposit_id

    def _balance(self, account, partner=None):
        """Balance of ``account`` in posted entries (of ``partner``)."""
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        lines = self.env["account.move.line"].search(domain)
        return round(sum(lines.mapped("balance")), 2)

    def _pay(self, invoice, amount=None, journal=None):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "amount": invoice.amount_residual if amount is None else amount,
                    "journal_id": (journal or self.bank).id,
                }
            )
            ._create_payments()
        )

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.salon_booking.models.salon_coverage import Coverage

# A Monday in winter (Brussels is UTC+1): 09:00 local is 08:00 UTC.
MONDAY = datetime(2026, 3, 9)


def make_calendar(
    env, name, days=range(6), hour_from=9, hour_to=18, tz="Europe/Brussels"
):
    """Working hours on ``days`` (0 is Monday), ``hour_from`` to ``hour_to``."""
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": tz,
            "attendance_ids": [Command.clear()]
            + [
                Command.create(
                    {
                        "name": f"Day {day}",
                        "dayofweek": str(day),
                        "hour_from": hour_from,
                        "hour_to": hour_to,
                        "day_period": "morning",
                    }
                )
                for day in days
            ],
        }
    )


def make_service(env, name, duration, price, stylists=None, **vals):
    """A salon service without taxes unless ``vals`` gives some."""
    return env["product.product"].create(
        {
            "name": name,
            "type": "service",
            "salon_is_service": True,
            "salon_duration": duration,
            "list_price": price,
            "taxes_id": [Command.clear()],
            "salon_employee_ids": [Command.set(stylists.ids if stylists else [])],
            **vals,
        }
    )


def utc(day_offset, hour, minute=0):
    """Naive UTC datetime ``day_offset`` days after MONDAY at local hour+1."""
    return MONDAY + timedelta(days=day_offset, hours=hour - 1, minutes=minute)


class SalonCommon(TransactionCase):
    """A salon open Monday to Saturday 9:00-18:00 (Brussels) with three stylists."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write(
            {
                "salon_slot_step": 15,
                "salon_reminder_hours": 24,
                "salon_tz": "Europe/Brussels",
            }
        )
        # archive what other modules' demo data could add to our searches
        cls.env["hr.employee"].search([("salon_is_stylist", "=", True)]).write(
            {"active": False}
        )
        cls.calendar = make_calendar(cls.env, "Salon hours")
        Employee = cls.env["hr.employee"]
        cls.julie = Employee.create(cls._stylist_vals("Julie"))
        cls.thomas = Employee.create(cls._stylist_vals("Thomas"))
        cls.sofia = Employee.create(cls._stylist_vals("Sofia"))
        cls.tax = cls.env["account.tax"].create(
            {
                "name": "VAT 21% (salon test)",
                "amount": 21,
                "amount_type": "percent",
                "type_tax_use": "sale",
            }
        )
        cls.category = cls.env["salon.service.category"].create({"name": "Hair"})
        cls.cut = cls._service("Cut", 0.5, 0.0, 30.0, cls.julie | cls.thomas)
        cls.color = cls._service("Colour", 1.0, 0.25, 60.0, cls.julie | cls.sofia)
        cls.blowdry = cls._service("Blow-dry", 0.5, 0.0, 20.0, cls.julie | cls.thomas)
        cls.client = cls.env["res.partner"].create(
            {"name": "Marie Dupont", "email": "marie@example.com", "lang": "en_US"}
        )
        cls.other_client = cls.env["res.partner"].create(
            {"name": "Luc Peeters", "email": "luc@example.com"}
        )
        cls.salon_user = new_test_user(
            cls.env,
            login="salon_user",
            groups="salon_booking.group_user",
            tz="Europe/Brussels",
        )
        cls.salon_manager = new_test_user(
            cls.env,
            login="salon_manager",
            groups="salon_booking.group_manager",
            tz="Europe/Brussels",
        )
        cls.Event = cls.env["calendar.event"].with_context(salon_no_mail=True)

    @classmethod
    def _stylist_vals(cls, name):
        return {
            "name": name,
            "salon_is_stylist": True,
            "resource_calendar_id": cls.calendar.id,
            "tz": "Europe/Brussels",
        }

    @classmethod
    def _service(cls, name, duration, buffer_after, price, stylists):
        return make_service(
            cls.env,
            name,
            duration,
            price,
            stylists,
            salon_category_id=cls.category.id,
            salon_buffer_after=buffer_after,
            taxes_id=[Command.set(cls.tax.ids)],
        )

    @classmethod
    def _book(cls, start, services, stylist=None, client=None, **vals):
        """Create an appointment for ``services`` (in order) at ``start``."""
        return cls.Event.create(
            {
                "salon_partner_id": (client or cls.client).id,
                "salon_employee_id": (stylist or cls.julie).id,
                "start": start,
                "salon_line_ids": [
                    Command.create({"product_id": service.id, "sequence": index})
                    for index, service in enumerate(services)
                ],
                **vals,
            }
        )


class SalonAccountingCommon(SalonCommon):
    """SalonCommon with a chart of accounts: the services book to ``income``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.company.chart_template:
            AccountTestInvoicingCommon._use_chart_template(
                cls.env.company, "generic_coa"
            )
        cls.income = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", cls.company.id)],
            limit=1,
        )
        (cls.cut | cls.color | cls.blowdry).property_account_income_id = cls.income


@contextmanager
def coverage_providers(test, sessions=1, credit=10.0):
    """Two coverage providers, written as salon_packages and salon_memberships
    would write theirs, active inside the ``with`` block.

    A package of ``sessions`` cuts (priority 10) and a membership credit of
    ``credit`` for any service (priority 20). Stand-in records of the prepaid
    rights: ``test.package`` and ``test.credit``.
    """

    def package(self, partner, requests, company, exclude):
        left = sessions - len(self._salon_reserved_lines(test.package, exclude))
        result = {}
        for request in requests:
            if request.product == test.cut and left > 0:
                result[request.key] = Coverage(
                    test.package, request.amount, "Included in your package", 10
                )
                left -= 1
        return result

    def membership(self, partner, requests, company, exclude):
        left = credit
        result = {}
        for request in requests:
            amount = min(left, request.amount)
            if amount > 0:
                result[request.key] = Coverage(
                    test.credit, amount, "Membership credit", 20
                )
                left -= amount
        return result

    SalonCoverage = test.registry["salon.coverage"]
    with (
        # listed in the order modules could load: priorities decide
        patch.object(
            SalonCoverage,
            "_salon_get_providers",
            lambda self: [(20, "_test_membership"), (10, "_test_package")],
        ),
        patch.object(SalonCoverage, "_test_package", package, create=True),
        patch.object(SalonCoverage, "_test_membership", membership, create=True),
    ):
        yield

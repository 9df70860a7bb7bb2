# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.fields import Command

from odoo.addons.point_of_sale.tests.common import TestPoSCommon

from .common import make_service


class SalonPosCommon(TestPoSCommon):
    """Odoo's basic POS test set-up with a stylist, a cut and a client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.basic_config
        cls.env.user.groups_id += cls.env.ref("point_of_sale.group_pos_user")
        cls.stylist = cls.env["hr.employee"].create(
            {"name": "Julie", "salon_is_stylist": True, "company_id": cls.company.id}
        )
        cls.cut = make_service(
            cls.env,
            "Cut",
            0.5,
            30.0,
            cls.stylist,
            available_in_pos=True,
            property_account_income_id=cls.sales_account.id,
        )
        cls.client = cls.env["res.partner"].create({"name": "Marie Dupont"})

    def _appointment(self, start=None, client=None, **vals):
        """A cut with Julie, now unless ``start`` says otherwise."""
        return (
            self.env["calendar.event"]
            .with_context(salon_no_mail=True)
            .create(
                {
                    "salon_partner_id": (client or self.client).id,
                    "salon_employee_id": self.stylist.id,
                    "salon_company_id": self.company.id,
                    "start": start or fields.Datetime.now().replace(microsecond=0),
                    "salon_line_ids": [Command.create({"product_id": self.cut.id})],
                    **vals,
                }
            )
        )

# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import SalonPackageCommon, make_package_type


@tagged("post_install", "-at_install")
class TestPackageType(SalonPackageCommon):
    def test_type_sells_a_product_booked_as_an_advance(self):
        product = self.five_cuts.salon_product_id
        self.assertEqual(product.salon_package_program_id, self.five_cuts)
        self.assertEqual(product.type, "service")
        self.assertTrue(product.available_in_pos)
        self.assertEqual(product.property_account_income_id, self.prepaid)
        self.assertEqual(self.prepaid.account_type, "liability_current")
        self.assertEqual(self.five_cuts.salon_session_count, 5)
        self.assertEqual(self.five_cuts.salon_price, 100.0)

    def test_services_are_salon_services_listed_once(self):
        with self.assertRaises(ValidationError):
            make_package_type(self.env, "Twice", [(self.cut, 2), (self.cut, 3)])
        not_a_service = self.env["product.product"].create(
            {"name": "Shampoo bottle", "type": "consu"}
        )
        with self.assertRaises(ValidationError):
            make_package_type(self.env, "Shampoo", [(not_a_service, 2)])
        with self.assertRaises(ValidationError):
            make_package_type(self.env, "None", [(self.cut, 0)])

    def test_menu_adds_its_services(self):
        menu = self.env["salon.service.menu"].create(
            {
                "name": "Cut and blow-dry",
                "line_ids": [
                    Command.create({"product_id": self.cut.id}),
                    Command.create({"product_id": self.blowdry.id}),
                ],
            }
        )
        form = Form(
            self.env["loyalty.program"].with_context(
                default_program_type="salon_package"
            ),
            view="salon_packages.salon_package_type_view_form",
        )
        form.name = "Menu x3"
        with form.reward_ids.new() as reward:
            reward.reward_product_id = self.cut
            reward.salon_sessions = 3
        form.salon_menu_id = menu
        program = form.save()
        self.assertEqual(
            sorted(
                (r.reward_product_id.name, r.salon_sessions) for r in program.reward_ids
            ),
            [("Blow-dry", 3), ("Cut", 3)],
        )
        self.assertEqual(program.salon_session_count, 6)

    @freeze_time("2026-03-02")
    def test_editing_or_archiving_a_type_keeps_packages_sold(self):
        card = self._package()
        self.assertEqual(card.expiration_date, date(2027, 3, 1))
        self.five_cuts.write(
            {"salon_validity_months": 1, "salon_no_show_counts": False}
        )
        self.five_cuts.reward_ids.salon_sessions = 2
        self.five_cuts.action_archive()
        self.assertFalse(self.five_cuts.salon_product_id.active)
        card.invalidate_recordset()
        self.assertEqual(card.expiration_date, date(2027, 3, 1))
        self.assertTrue(card.salon_no_show_counts)
        self.assertEqual(card.salon_line_ids.sessions, 5)
        self.assertEqual(self._balance(card), 5)
        self.assertEqual(card.salon_summary, "Cut: 5 left")
        # an archived type's packages still pay their sessions
        history = card._salon_use(self.cut)
        self.assertEqual(history.salon_kind, "used")
        self.assertEqual(self._balance(card), 4)
        # a new package of the edited type follows its new terms
        self.five_cuts.action_unarchive()
        new = self._package()
        self.assertEqual(new.salon_line_ids.sessions, 2)
        self.assertEqual(new.expiration_date, date(2026, 4, 1))

    def test_package_of_several_services(self):
        program = make_package_type(
            self.env, "Colour course", [(self.color, 3), (self.blowdry, 3)]
        )
        card = self._package(program)
        self.assertEqual(card.points, 6)
        card._salon_use(self.color)
        self.assertEqual(card.salon_summary, "Colour: 2 left, Blow-dry: 3 left")
        self.assertEqual(card.points, 5)

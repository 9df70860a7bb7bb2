# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.salon_booking.models.res_partner import ResPartner

from .common import SalonCommon, utc


@tagged("post_install", "-at_install")
class TestCoverageHook(SalonCommon):
    def test_nothing_covered_by_default(self):
        self.assertIsNone(
            self.client._salon_get_coverage(self.cut.product_variant_ids, utc(0, 9))
        )
        appointment = self._book(utc(0, 9), self.cut | self.blowdry)
        coverages = appointment._salon_get_line_coverages()
        self.assertEqual(set(coverages), set(appointment.salon_line_ids.ids))
        self.assertEqual(set(coverages.values()), {None})

    def test_extension_is_consulted_per_line(self):
        appointment = self._book(utc(0, 9), self.cut | self.blowdry)
        package = self.env["salon.service.menu"].create(
            {"name": "Stand-in prepaid right"}
        )
        calls = []

        def covered(partner, product, when):
            calls.append((partner, product, when))
            return package if product == self.cut else None

        with patch.object(ResPartner, "_salon_get_coverage", covered):
            coverages = appointment._salon_get_line_coverages()
        cut_line, blowdry_line = appointment.salon_line_ids
        self.assertEqual(coverages[cut_line.id], package)
        self.assertIsNone(coverages[blowdry_line.id])
        self.assertEqual(
            calls,
            [
                (self.client, self.cut, appointment.start),
                (self.client, self.blowdry, appointment.start),
            ],
        )

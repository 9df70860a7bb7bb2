"""Smoke test of the harness: the suite is installed, its dependencies point one way."""

import os

from odoo.modules.module import get_manifest
from odoo.tests import TransactionCase

BOOKING = "salon_booking"
FEATURES = ("salon_deposits", "salon_packages", "salon_memberships")


def _all_depends(name, seen=None):
    """Every module that `name` depends on, directly or not, read from manifests."""
    seen = set() if seen is None else seen
    for dep in get_manifest(name)["depends"]:
        if dep not in seen:
            seen.add(dep)
            _all_depends(dep, seen)
    return seen


class TestSuiteInstalled(TransactionCase):
    def test_salon_addons_installed(self):
        # setup/test.py --addons may restrict the set; the default is all four
        expected = os.environ.get("SALON_TEST_ADDONS", ",".join((BOOKING, *FEATURES)))
        expected = expected.split(",")
        modules = self.env["ir.module.module"].search([("name", "in", expected)])
        self.assertEqual(
            {module.name: module.state for module in modules},
            dict.fromkeys(expected, "installed"),
        )

    def test_dependency_direction(self):
        for name in (BOOKING, *FEATURES):
            self.assertTrue(get_manifest(name), f"{name} is not on the addons path")
        self.assertFalse(_all_depends(BOOKING) & set(FEATURES))
        for name in FEATURES:
            with self.subTest(addon=name):
                self.assertIn(BOOKING, get_manifest(name)["depends"])
                self.assertFalse(_all_depends(name) & (set(FEATURES) - {name}))

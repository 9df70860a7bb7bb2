"""pytest configuration for the cross-addon tests of this directory.

These tests are not inside an addon: pytest imports them as plain top-level
modules (``test_suite_installed``, not ``odoo.addons.<addon>.tests...``), so
Odoo's --test-tags never selects them; pytest-odoo runs them against an existing
database where the addons are installed (``setup/test.py`` makes one). They use
Odoo's test classes as usual (TransactionCase, HttpCase with --odoo-http).

What this file adds to pytest-odoo:
- Odoo's ``MetaCase`` gives a test class its defaults (``test_tags`` =
  {standard, at_install}, ``test_module``, ``test_class``) only when the class
  lives in an ``odoo.addons.*`` module, and ``BaseCase.setUpClass`` reads
  ``test_tags`` (``standard`` tests get outgoing HTTP requests blocked): classes
  defined in this folder get the same defaults, before ``@tagged`` applies;
- ``odoo.tests`` is imported in test mode (pytest-odoo imports it before it turns
  test mode on, and Odoo then logs an ERROR with a stack trace);
- a skipped (or xfail) test fails the session, and so does an ERROR/CRITICAL log
  record reaching the root logger, as in Odoo's own test runs.
"""

import logging
import os
import sys
from pathlib import Path

import pytest

from odoo.tools import config as odoo_config

TESTS_DIR = Path(__file__).resolve().parent


def _import_odoo_tests():
    test_enable = odoo_config["test_enable"]
    odoo_config["test_enable"] = True
    try:
        from odoo.tests.common import MetaCase
    finally:
        odoo_config["test_enable"] = test_enable

    original_init = MetaCase.__init__

    def __init__(cls, name, bases, attrs):
        original_init(cls, name, bases, attrs)
        module_file = getattr(sys.modules.get(cls.__module__), "__file__", None)
        if module_file and Path(module_file).resolve().is_relative_to(TESTS_DIR):
            if getattr(cls, "test_tags", None) is None:
                cls.test_tags = {"standard", "at_install"}
            cls.test_module = "tests"
            cls.test_class = cls.__name__
            cls.test_sequence = 0

    MetaCase.__init__ = __init__


_import_odoo_tests()


class _ErrorRecords(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


_ERRORS = _ErrorRecords()


def pytest_configure(config):
    if not (
        config.getoption("--odoo-database")
        or config.getoption("--odoo-config")
        or os.environ.get("ODOO_RC")
    ):
        raise pytest.UsageError(
            "these tests need an Odoo database with the salon addons installed: run "
            "`python3 setup/test.py`, or pytest --odoo-database=DB tests/"
        )
    logging.getLogger().addHandler(_ERRORS)


def _not_passed(terminalreporter):
    stats = terminalreporter.stats
    return sum(len(stats.get(key, [])) for key in ("skipped", "xfailed", "xpassed"))


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if exitstatus == pytest.ExitCode.OK and (_not_passed(reporter) or _ERRORS.records):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if _not_passed(terminalreporter):
        terminalreporter.write_line(
            "FAILED: skipped/xfail tests count as failures in this repository", red=True
        )
    for record in _ERRORS.records:
        terminalreporter.write_line(
            f"FAILED: logged {record.levelname} {record.name}: {record.getMessage()}",
            red=True,
        )


# benchmarks and scenarios of addons the run did not install (setup/test.py
# --addons ...): not collected, rather than skipped; a full run has them all
_INSTALLED = set(filter(None, os.environ.get("SALON_TEST_ADDONS", "").split(",")))
collect_ignore = [
    str(path)
    for path, addons in (
        (Path("bench") / "test_bench_hold_expiry.py", {"salon_deposits"}),
        (Path("test_packages_with_deposits.py"), {"salon_deposits", "salon_packages"}),
        (
            Path("test_memberships_with_deposits.py"),
            {"salon_deposits", "salon_memberships"},
        ),
        (
            Path("test_memberships_with_packages.py"),
            {"salon_packages", "salon_memberships"},
        ),
    )
    if _INSTALLED and not addons <= _INSTALLED
]

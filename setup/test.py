#!/usr/bin/env python3
"""Run the whole salon test suite in a fresh database; exit non-zero on any failure.

  1. Odoo installs the addons into a new database with --test-enable and runs
     their at_install and post_install tests, browser tours included (with
     payment_demo, and payment_stripe against localstripe, a fake Stripe API
     started here on a free loopback port: SALON_LOCALSTRIPE_URL; and
     salon_memberships against tests/fake_mollie/, a fake Mollie API also
     started here: SALON_MOLLIE_URL);
  2. pytest (pytest-odoo) runs the repository's top-level tests/ against that
     database.

A failed, erroneous or skipped test, an ERROR/CRITICAL line in Odoo's log, an addon
left uninstalled, a phase that ran no test, or a missing chromium/websocket-client
(Odoo would skip the tours) fails the run. The database is dropped at the end
unless --keep-db. The last line printed is "N passed, N failed, N skipped" (errors
count as failed). Logs go to LOG_DIR/<database>/ (odoo.log, pytest.log, pytest.xml,
screenshots of failed tours).
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path

from _common import (
    ADDONS,
    REPO,
    Odoo,
    add_odoo_arguments,
    die,
    ensure_postgres,
    free_port,
    not_installed,
    stream,
)

# Odoo's log lines: "2025-01-31 10:00:00,123 4242 INFO dbname odoo.logger: message"
LOG_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) \S+ (?P<logger>[\w.]+): (?P<msg>.*)"
)
# odoo/service/server.py logs the database's OdooTestResult at the end of the run
RESULT_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading")
# odoo/tests/result.py OdooTestResult.addSkip
SKIP_RE = re.compile(r"^skipped .* : ")
# Odoo modules the tests use beyond the addons' dependencies: payment_demo, the
# test payment provider of Odoo's payment framework (tours, online payments)
# and payment_stripe, pointed at localstripe (a fake Stripe server on loopback)
TEST_MODULES = ["payment_demo", "payment_stripe"]
# the names odoo/tests/common.py::_find_executable looks for on Linux
CHROME_NAMES = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--addons",
        default=",".join(ADDONS),
        help="comma-separated addons to install and test (default: all four)",
    )
    parser.add_argument(
        "-k",
        "--test-tags",
        help="Odoo --test-tags for phase 1 (default: /<addon> for each addon), "
        "e.g. '/salon_booking:TestAvailability' while iterating",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the database")
    parser.add_argument(
        "--log-dir",
        default=os.path.join(tempfile.gettempdir(), "salon-test-logs"),
        help="default: %(default)s",
    )
    add_odoo_arguments(parser)
    args = parser.parse_args()
    args.addons = [a.strip() for a in args.addons.split(",") if a.strip()]
    if not args.addons or set(args.addons) - set(ADDONS):
        parser.error(f"--addons takes some of {','.join(ADDONS)}")
    return args


def check_browser(odoo):
    """Refuse to run rather than let Odoo skip every browser tour."""
    if not any(shutil.which(name) for name in CHROME_NAMES):
        die(
            "chromium not found on PATH: Odoo would skip every browser tour "
            "(Debian: apt-get install chromium)"
        )
    websocket = [odoo.python, "-c", "import websocket"]
    if subprocess.run(websocket, check=False, env=odoo.env).returncode:
        die(
            f"websocket-client is not installed for {odoo.python}: Odoo would skip "
            "every browser tour (python3 -m pip install -r requirements.txt)"
        )


class OdooLog:
    """Reads Odoo's log line by line: final result, skips, ERROR/CRITICAL lines."""

    def __init__(self):
        self.result = None  # (failed, errors, run)
        self.skipped = []
        self.errors = []

    def __call__(self, line):
        match = LOG_RE.match(line)
        if not match:
            return
        if match["level"] in ("ERROR", "CRITICAL"):
            self.errors.append(line)
        elif SKIP_RE.match(match["msg"]):
            self.skipped.append(line)
        result = RESULT_RE.search(match["msg"])
        if result and match["logger"] == "odoo.tests.result":
            self.result = tuple(int(n) for n in result.groups())


def run_odoo(odoo, args, db, log_dir, problems):
    """Phase 1: install and test; returns (run, failed, errors, skipped)."""
    tags = args.test_tags or ",".join(f"/{addon}" for addon in args.addons)
    cmd = odoo.cmd + [
        "-d", db, "--db-filter", f"^{db}$", "--addons-path", odoo.addons_path,
        "-i", ",".join(args.addons + TEST_MODULES), "--without-demo=all",
        "--test-enable", "--test-tags", tags, "--stop-after-init",
        "--http-port", str(free_port()), "--http-interface", "127.0.0.1",
        "--max-cron-threads=0", "--log-level=info", "--screenshots", str(log_dir),
    ]  # fmt: skip
    print("$", " ".join(cmd), flush=True)
    log = OdooLog()
    code = stream(cmd, log_dir / "odoo.log", args.odoo_env, on_line=log)
    failed, errors, run = log.result or (0, 0, 0)
    if code:
        problems.append(f"Odoo exited with code {code}")
    if log.result is None:
        problems.append("Odoo logged no final test result line (did it crash?)")
    elif not run:
        problems.append(f"Odoo ran no test for --test-tags {tags}")
    if failed or errors:
        problems.append(f"Odoo tests: {failed} failed, {errors} error(s) of {run}")
    if log.skipped:
        problems.append("skipped Odoo tests (a skipped test is a failing test):")
        problems.extend(f"  {line}" for line in log.skipped)
    if log.errors:
        problems.append(f"Odoo logged {len(log.errors)} ERROR/CRITICAL line(s):")
        problems.extend(f"  {line}" for line in log.errors[:10])
    return run, failed, errors, len(log.skipped)


def run_pytest(odoo, args, db, log_dir, problems):
    """Phase 2: tests/ with pytest-odoo; returns (run, failed, errors, skipped)."""
    junit = log_dir / "pytest.xml"
    cmd = [
        odoo.python, "-m", "pytest", str(REPO / "tests"), "-p", "no:cacheprovider",
        "-ra", f"--junitxml={junit}", f"--odoo-database={db}",
        f"--odoo-addons-path={odoo.addons_path}", "--odoo-http",
        "--odoo-log-level=warn", "--odoo-extra=http-interface=127.0.0.1",
    ]  # fmt: skip
    print("$", " ".join(cmd), flush=True)
    env = dict(odoo.env, SALON_TEST_ADDONS=",".join(args.addons))
    code = stream(cmd, log_dir / "pytest.log", env)
    counts = [0, 0, 0, 0]
    # count <testcase> elements: the suite's "tests" attribute also counts subtests
    for case in ET.parse(junit).getroot().iter("testcase") if junit.is_file() else ():
        counts[0] += 1
        for i, outcome in enumerate(("failure", "error", "skipped"), start=1):
            if case.find(outcome) is not None:
                counts[i] += 1
                break
    run, failed, errors, skipped = counts
    if code == 5 or not run:
        problems.append("pytest ran no test in tests/")
    elif code:
        problems.append(
            f"pytest exited with code {code}: {failed} failed, {errors} error(s), "
            f"{skipped} skipped of {run} (see its summary above)"
        )
    return run, failed, errors, skipped


@contextmanager
def loopback_server(name, command, port, log_dir, cwd=None):
    """Run ``command`` (a server listening on loopback ``port``) for the
    duration of the block; its output goes to LOG_DIR/<name>.log."""
    with open(log_dir / f"{name}.log", "wb") as log:
        server = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, cwd=cwd
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        die(f"{name} did not start (see {log.name})")
                    time.sleep(0.2)
            yield
        finally:
            server.terminate()
            server.wait(timeout=10)


@contextmanager
def localstripe(odoo, log_dir):
    """A fake Stripe API (localstripe, from requirements.txt) on a free loopback
    port for the Stripe tests; yields its base URL (``SALON_LOCALSTRIPE_URL``)."""
    port = free_port()
    command = [odoo.python, "-m", "localstripe", "--port", str(port), "--from-scratch"]
    with loopback_server("localstripe", command, port, log_dir):
        yield f"http://127.0.0.1:{port}/v1/"


@contextmanager
def fake_mollie(odoo, log_dir):
    """A fake Mollie API (tests/fake_mollie/) on a free loopback port for the
    membership tests, driven through the real mollie-api-python client; yields
    its base URL (``SALON_MOLLIE_URL``)."""
    port = free_port()
    command = [odoo.python, "-m", "fake_mollie", "--port", str(port)]
    with loopback_server("fake_mollie", command, port, log_dir, cwd=REPO / "tests"):
        yield f"http://127.0.0.1:{port}"


def main():
    args = parse_args()
    odoo = Odoo(args.odoo_bin, args.addons_dir)
    check_browser(odoo)
    ensure_postgres()
    db = f"salon_test_{secrets.token_hex(4)}"
    log_dir = Path(args.log_dir).resolve() / db
    log_dir.mkdir(parents=True, exist_ok=True)
    problems = []
    with (
        localstripe(odoo, log_dir) as stripe_url,
        fake_mollie(odoo, log_dir) as mollie_url,
    ):
        args.odoo_env = dict(
            odoo.env, SALON_LOCALSTRIPE_URL=stripe_url, SALON_MOLLIE_URL=mollie_url
        )
        try:
            totals = run_odoo(odoo, args, db, log_dir, problems)
            missing = not_installed(db, args.addons)
            if missing:
                problems.append(f"addons not installed: {missing}; pytest not run")
            else:
                pytest_counts = run_pytest(odoo, args, db, log_dir, problems)
                totals = [a + b for a, b in zip(totals, pytest_counts, strict=True)]
        finally:
            if args.keep_db:
                print(f"kept database {db}", flush=True)
            else:
                odoo.drop_db(db)
    run, failed, errors, skipped = totals
    print(f"\nlogs: {log_dir}")
    if problems:
        print("FAILED:", *problems, sep="\n")
    passed = max(run - failed - errors - skipped, 0)
    print(f"{passed} passed, {failed + errors} failed, {skipped} skipped", flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

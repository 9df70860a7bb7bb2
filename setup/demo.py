#!/usr/bin/env python3
"""Create a demo database with the four salon addons and their demo data, serve it.

  python3 setup/demo.py                # database salon_demo on http://localhost:8069
  python3 setup/demo.py --drop         # recreate it from scratch first
  python3 setup/demo.py --no-serve     # stop once the addons are installed (CI)

An existing database is reused (missing addons get installed) unless --drop.
Log in as admin / admin. Odoo 18.0 must already be installed (see README.md).
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from _common import (
    ADDONS,
    Odoo,
    add_odoo_arguments,
    db_exists,
    db_name,
    die,
    ensure_postgres,
    not_installed,
    stream,
)

# what Odoo logs, without failing, when a demo data file does not load
DEMO_FAILED = ("demo data failed to install", " ERROR ", " CRITICAL ")


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--db", type=db_name, default="salon_demo", help="database (%(default)s)"
    )
    parser.add_argument("--drop", action="store_true", help="drop the database first")
    parser.add_argument("--port", type=int, default=8069, help="HTTP port (8069)")
    parser.add_argument(
        "--interface",
        default="127.0.0.1",
        help="HTTP interface to listen on (default: %(default)s, this machine only)",
    )
    parser.add_argument(
        "--no-serve", action="store_true", help="stop after installing (used by CI)"
    )
    add_odoo_arguments(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    odoo = Odoo(args.odoo_bin, args.addons_dir)
    ensure_postgres()
    if args.drop:
        odoo.drop_db(args.db)
    elif db_exists(args.db):
        print(f"database {args.db} exists: reusing it (--drop recreates it)")
    common = ["-d", args.db, "--db-filter", f"^{args.db}$"]
    common += ["--addons-path", odoo.addons_path]
    # Odoo's test payment provider, so that deposits can be paid and cards
    # left on the demo website without a real account
    modules = (*ADDONS, "payment_demo")
    print(f"installing {', '.join(modules)} with demo data into {args.db}", flush=True)
    init = ["-i", ",".join(modules), "--stop-after-init", "--no-http"]
    problems = []

    def watch(line):
        if any(marker in line for marker in DEMO_FAILED):
            problems.append(line)

    log_path = Path(tempfile.gettempdir()) / f"salon-demo-{args.db}.log"
    cmd = odoo.cmd + common + init + ["--max-cron-threads=0"]
    code = stream(cmd, log_path, odoo.env, on_line=watch)
    if code:
        die(f"Odoo failed to install the addons (exit code {code}, log: {log_path})")
    if problems:
        die(
            "the demo data did not load cleanly:\n  "
            + "\n  ".join(problems[:10])
            + f"\nfull log: {log_path}"
        )
    missing = not_installed(args.db, ADDONS)
    if missing:
        die(f"addons not installed in {args.db}: {missing}")
    print(f"demo database {args.db} is ready", flush=True)
    if args.no_serve:
        return
    serve = ["--http-port", str(args.port), "--http-interface", args.interface]
    print(f"serving http://localhost:{args.port} (admin / admin; Ctrl-C stops)")
    sys.stdout.flush()
    os.execve(odoo.cmd[0], odoo.cmd + common + serve, odoo.env)


if __name__ == "__main__":
    main()

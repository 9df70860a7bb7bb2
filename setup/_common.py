"""Helpers shared by setup/demo.py and setup/test.py (standard library only).

Odoo 18.0 is a prerequisite: these helpers find it, they never download or install it.
"""

import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("salon_booking", "salon_deposits", "salon_packages", "salon_memberships")
# Odoo's own rule for database names (odoo/addons/web/controllers/database.py)
DB_NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")
# Prints the major version and the package directory of the `odoo` Python imports.
_PROBE = (
    "import os, odoo.release as r; "
    "print(r.version_info[0]); print(os.path.dirname(r.__file__))"
)


def die(message, code=1):
    print(f"error: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def db_name(value):
    """argparse type for a database name."""
    if not DB_NAME_RE.match(value):
        raise ValueError(value)
    return value


def add_odoo_arguments(parser):
    parser.add_argument(
        "--odoo-bin",
        default=os.environ.get("ODOO_BIN"),
        metavar="PATH",
        help="the Odoo 18 to use: odoo-bin of a source checkout or an installed "
        "'odoo' script (default: env ODOO_BIN, else 'python3 -m odoo' with the "
        "Python running this script)",
    )
    parser.add_argument(
        "--addons-dir",
        default=os.environ.get("SALON_ADDONS_DIR", str(REPO)),
        metavar="DIR",
        help="directory holding the salon addons (default: env SALON_ADDONS_DIR, "
        "else the repository root); meant for testing these scripts on a copy",
    )


class Odoo:
    """How to run one Odoo 18: `cmd` starts it, `python` imports the same `odoo`."""

    def __init__(self, odoo_bin, addons_dir):
        self.env = dict(os.environ, PYTHONUNBUFFERED="1")
        if odoo_bin:
            path = shutil.which(odoo_bin)
            if not path and os.path.isfile(odoo_bin):
                path = odoo_bin
            if not path:
                die(
                    f"no Odoo 18 found: --odoo-bin/ODOO_BIN {odoo_bin!r} is not a file",
                    2,
                )
            path = os.path.abspath(path)
            self.python = _script_interpreter(path)
            root = os.path.dirname(os.path.realpath(path))
            if os.path.isfile(os.path.join(root, "odoo", "__init__.py")):
                # a source checkout: make its `odoo` importable (probe, pytest)
                paths = [root, self.env.get("PYTHONPATH", "")]
                self.env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
            self.cmd = [self.python, path]
            origin = f"{path} (run by {self.python})"
        else:
            self.python = sys.executable
            self.cmd = [self.python, "-m", "odoo"]
            origin = f"'{self.python} -m odoo'"
        probe = subprocess.run(
            [self.python, "-c", _PROBE],
            check=False,
            env=self.env,
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        lines = probe.stdout.split()
        if probe.returncode or len(lines) < 2 or lines[-2] != "18":
            found = f"Odoo {lines[-2]}" if len(lines) > 1 else "no importable Odoo"
            die(
                f"no Odoo 18 found: {origin} gives {found}.\n"
                "Odoo 18.0 is a prerequisite: install it so that "
                "`python3 -c 'import odoo'` works, or point --odoo-bin / ODOO_BIN "
                "at an Odoo 18 odoo-bin.\n" + probe.stderr.strip()[-2000:],
                2,
            )
        package = Path(lines[-1])
        # what Odoo uses when no --addons-path is given: <odoo>/addons, <odoo>/../addons
        core = [package / "addons", package.parent / "addons"]
        addons_dir = Path(addons_dir).resolve()
        if not (addons_dir / "salon_booking" / "__manifest__.py").is_file():
            die(f"{addons_dir} holds no salon_booking addon (see --addons-dir)")
        dirs = [addons_dir] + [d for d in core if _is_addons_dir(d)]
        self.addons_path = ",".join(str(d) for d in dict.fromkeys(dirs))

    def run(self, args, **kwargs):
        return subprocess.run(self.cmd + args, env=self.env, cwd=REPO, **kwargs)

    def drop_db(self, db):
        """Drop a database and its filestore with Odoo's own `db drop` command."""
        if db_exists(db):
            self.run(["db", "drop", db], stdin=subprocess.DEVNULL, check=True)


def _script_interpreter(path):
    """The Python named by a script's shebang (venv scripts), else this Python."""
    try:
        with open(path, "rb") as script:
            first = script.readline().decode(errors="replace").strip()
    except OSError:
        first = ""
    words = first[2:].split() if first.startswith("#!") else []
    if len(words) > 1 and os.path.basename(words[0]) == "env":
        words = [shutil.which(words[1]) or ""]
    if (
        words
        and "python" in os.path.basename(words[0])
        and os.access(words[0], os.X_OK)
    ):
        return words[0]
    return sys.executable


def _is_addons_dir(path):
    return path.is_dir() and any(path.glob("*/__manifest__.py"))


def _psql(sql, db="postgres"):
    cmd = ["psql", "-X", "-q", "-At", "-d", db, "-c", sql]
    return subprocess.run(
        cmd, check=False, stdin=subprocess.DEVNULL, capture_output=True, text=True
    )


def _pg_ready():
    return subprocess.run(["pg_isready", "-q"], check=False).returncode == 0


def ensure_postgres():
    """Start the local PostgreSQL clusters if down; create our role if missing."""
    for tool in ("psql", "pg_isready"):
        if not shutil.which(tool):
            die(f"{tool} not found: install PostgreSQL (15) with its client tools")
    if not _pg_ready():
        if not shutil.which("pg_lsclusters"):
            die("PostgreSQL is not accepting connections: start it")
        clusters = subprocess.run(
            ["pg_lsclusters", "-h"], check=False, capture_output=True, text=True
        )
        for version, name, _port, status, *_rest in (
            line.split() for line in clusters.stdout.splitlines() if line.strip()
        ):
            if status.startswith("down"):
                print(f"starting PostgreSQL cluster {version}/{name}", flush=True)
                subprocess.run(["pg_ctlcluster", version, name, "start"], check=False)
        for _second in range(30):
            if _pg_ready():
                break
            time.sleep(1)
        else:
            die("PostgreSQL did not start (see pg_lsclusters and its log)")
    role = os.environ.get("PGUSER") or pwd.getpwuid(os.geteuid()).pw_name
    check = _psql("SELECT 1")
    missing = f'role "{role}" does not exist' in check.stderr
    if check.returncode and missing and os.geteuid() == 0:
        print(f"creating PostgreSQL superuser role {role!r}", flush=True)
        createuser = ["runuser", "-u", "postgres", "--", "createuser", "-s", role]
        subprocess.run(createuser, check=True)
        check = _psql("SELECT 1")
    if check.returncode:
        die(
            f"cannot connect to PostgreSQL as {role!r}: {check.stderr.strip()}\n"
            f"create the role with: sudo -u postgres createuser -s {role}"
        )


def db_exists(db):
    sql = f"SELECT 1 FROM pg_database WHERE datname = '{db_name(db)}'"
    return _psql(sql).stdout.strip() == "1"


def module_states(db, modules):
    """{module: state} from ir_module_module of `db`; unknown modules are absent."""
    names = ",".join(f"'{m}'" for m in modules if re.fullmatch(r"\w+", m))
    sql = f"SELECT name, state FROM ir_module_module WHERE name IN ({names})"
    out = _psql(sql, db).stdout
    return dict(line.split("|", 1) for line in out.splitlines() if "|" in line)


def not_installed(db, modules):
    """{module: state} of the modules that are not installed in `db`.

    Needed because Odoo only logs a warning for a module name it does not find.
    """
    states = module_states(db, modules)
    return {
        m: states.get(m, "not found") for m in modules if states.get(m) != "installed"
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stream(cmd, log_path, env, on_line=None):
    """Run cmd, copy its output to stdout and to log_path; return its exit code."""
    with (
        open(log_path, "w", encoding="utf-8") as log,
        subprocess.Popen(
            cmd,
            env=env,
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        ) as proc,
    ):
        for line in proc.stdout:
            sys.stdout.write(line)
            log.write(line)
            if on_line:
                on_line(line.rstrip("\n"))
        return proc.wait()

"""`jamsos-desktop --smoke-test`: one pass through everything a bundle must carry, then exit 0.

Run on the built bundle in CI (and from the source tree by the tests), offscreen, on a temporary
data folder: a new database through the normal open path (the migrations run), the first-run
set-up, one worker added, nominated and approved, one PDF form built with the bundled fonts, one
sync file written and read back, the main window and the About dialog shown in English. Any
missing module, font, translation, migration script or data file makes one of the steps raise;
the last line printed on success is ``MARKER``. Each step prints one line, so that a failure in
CI says which part of the bundle is short.

`jamsos-desktop --smoke-start DATA_DIR` is the other half: the real start of the app on an
existing data folder, which prints ``START_MARKER`` once the sign-in panel has been painted and
quits. ``scripts/bundle_start.py`` times it from the bundle and from the virtual environment.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import pkgutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MARKER = "JAMSOS SMOKE TEST OK"
START_MARKER = "JAMSOS START READY"
SMOKE_FLAG = "--smoke-test"
START_FLAG = "--smoke-start"

#: Modules loaded only by name or only by code that may not run in a short pass (spreadsheet
#: import and export, the hub's name matching, the encrypted database's driver): imported here
#: so that a bundle without them fails now, not in an office.
LAZY_MODULES = ("python_calamine", "xlsxwriter", "rapidfuzz.fuzz", "rapidfuzz.process", "sqlcipher3.dbapi2")

PASSWORD = "smoke-test-123"  # noqa: S105 (a throw-away database, deleted at the end)
VILLAGE = "32.04.05.2005"  # Desa Sukamanah, Kab. Bandung: any village in lokal's tables does


class SmokeFailure(RuntimeError):
    """A step found the bundle incomplete."""


def report_file() -> Path:
    """Where a windowed program, which has no stdout (Windows), writes its lines instead."""
    return Path(tempfile.gettempdir()) / "jamsos-smoke-test.txt"


def _say(line: str) -> None:
    if sys.stdout is not None:
        print(line, flush=True)
    else:
        with report_file().open("a", encoding="utf-8") as f:
            f.write(line + "\n")


def _check(ok: object, what: str) -> None:
    if not ok:
        raise SmokeFailure(what)


def step_modules() -> str:
    import jamsos_desktop

    names = [m.name for m in pkgutil.walk_packages(jamsos_desktop.__path__, "jamsos_desktop.")]
    # The frozen importer lists the archive's modules; a listing without the pages means the
    # walk saw nothing, which would make this step pass without checking anything.
    _check("jamsos_desktop.ui.pages.dashboard" in names, f"the app's modules are not listed ({len(names)} found)")
    for name in names:
        importlib.import_module(name)
    for name in LAZY_MODULES:
        importlib.import_module(name)
    return f"{len(names)} app modules and {len(LAZY_MODULES)} lazily loaded libraries import"


def step_resources() -> str:
    from . import paths
    from .reports import base

    res = paths.resources_dir()
    fonts = res / "fonts"
    missing = [f"{name}.ttf" for name in base.FONTS if not (fonts / f"{name}.ttf").is_file()]
    _check(not missing, f"fonts missing in {fonts}: {missing}")
    _check((res / "emblem" / "placeholder.png").is_file(), "the placeholder emblem is missing")
    from .domain import regions

    v = regions.village(VILLAGE)
    _check(v is not None, f"lokal's region tables do not know {VILLAGE}")
    return f"{len(base.FONTS)} fonts, the emblem and the region tables are there"


def step_migrations() -> str:
    """Every migrations folder shipped loads as an Alembic script directory with one head."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from .storage import db

    root = db.MIGRATIONS.parents[1]  # the jamsos_desktop folder, in the bundle as in the tree
    folders = sorted(p.parent for p in root.glob("**/migrations/env.py"))
    _check(db.MIGRATIONS in folders, f"the village migrations are missing under {root}")
    heads = []
    for folder in folders:
        cfg = Config()
        cfg.set_main_option("script_location", str(folder))
        script = ScriptDirectory.from_config(cfg)
        revisions = list(script.walk_revisions())
        _check(revisions, f"no migration scripts in {folder}")
        heads.append(f"{folder.parent.name}:{script.get_current_head()}")
    _check(db.head_revision() == db.HEAD_REVISION, f"migration head {db.head_revision()} != {db.HEAD_REVISION}")
    return f"migrations {', '.join(heads)}"


class Village:
    """The temporary village the remaining steps share."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.ws: Any = None
        self.admin: Any = None
        self.head: Any = None
        self.worker_id = ""
        self.nik = ""

    def open(self) -> str:
        from .services import accounts, firstrun
        from .services.context import Workspace
        from .storage import db

        self.ws = Workspace.open(self.data, create=True)  # the app's own path: migrations, key
        setup = firstrun.FirstRun(
            village_code=VILLAGE,
            head_title="Kepala Desa",
            head_name="Hj. Siti Smoke",
            operator_name="Operator Smoke",
            office_address="Jl. Desa 1",
            year=dt.date.today().year,
            quota=10,
            months=12,
            contribution_mode="lowest_band",
            admin_username="admin",
            admin_full_name="Admin Smoke",
            admin_password=PASSWORD,
            operator_password=PASSWORD,
            head_password=PASSWORD,
        )
        self.admin = firstrun.complete(self.ws, setup)
        recovery = firstrun.recovery_key_after_setup(self.ws, self.admin)
        _check(self.ws.db.encrypted and recovery is not None, "the new database is not encrypted")
        # Locked as the first run leaves it: it opens again only with a password (SQLCipher, the
        # key file, Argon2id: the bundled libraries).
        self.ws.close()
        self.ws = accounts.unlock(self.data, "admin", PASSWORD)
        self.head = accounts.login(self.ws, "kepala", PASSWORD)
        with self.ws.reading() as s:
            revision = db.session_revision(s)
        _check(revision == db.HEAD_REVISION, f"new database at schema {revision!r}, not {db.HEAD_REVISION}")
        return f"new encrypted database at schema {revision}, village set up, opened again with a password"

    def add_worker(self) -> str:
        from .services import demo, nominations, workers

        values = next(demo.demo_rows(VILLAGE, 1, seed=7))
        saved = workers.add_worker(self.ws, self.admin, values)
        self.worker_id, self.nik = saved.id, str(values["nik"])
        nominations.nominate(self.ws, self.admin, [self.worker_id])
        nominations.approve(self.ws, self.head, [self.worker_id])
        return "one worker added, nominated and approved"

    def pdf(self) -> str:
        from .reports import base
        from .services import printing

        data, built = printing.build_bytes(self.ws, printing.FORM, refs=[self.worker_id])
        _check(data.startswith(b"%PDF-") and built.pages >= 1, "the form is not a PDF")
        embedded = [name for name in base.FONTS if f"/{name}".encode() in data or name.encode() in data]
        _check(embedded, "the PDF embeds none of the bundled fonts")
        return f"form PDF: {built.pages} page(s), {len(data):,} bytes, fonts {', '.join(embedded)}"

    def sync_file(self, out: Path) -> str:
        from .services import sync
        from .sync.village_export import read_export

        out.mkdir(parents=True, exist_ok=True)
        passphrase = "smoke-kabupaten"  # noqa: S105 (the same throw-away test file)
        result = sync.export(self.ws, self.admin, out, passphrase=passphrase)
        back = read_export(result.path.read_bytes(), passphrase=passphrase)
        niks = {w["nik"] for w in back.tables["workers"].records()}
        _check(self.nik in niks, "the sync file read back lacks the worker")
        return f"sync file {result.path.name} written and read back"

    def window(self) -> str:
        from .ui import smoke

        return smoke.check_window(self.ws, self.admin, self.data)

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None


def run(say: Callable[[str], None] = _say) -> int:
    """The smoke test; returns the exit code (0: the bundle is complete)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from . import __version__

    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    say(f"jamsos-desktop {__version__} smoke test ({frozen}, {sys.platform})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="jamsos-smoke-") as tmp:
        village = Village(Path(tmp) / "data")
        steps: list[tuple[str, Callable[[], str]]] = [
            ("modules", step_modules),
            ("resources", step_resources),
            ("migrations", step_migrations),
            ("database", village.open),
            ("worker", village.add_worker),
            ("pdf", village.pdf),
            ("sync", lambda: village.sync_file(Path(tmp) / "usb")),
            ("window", village.window),
        ]
        try:
            for name, fn in steps:
                say(f"  {name}: {fn()}")
        except Exception as exc:
            say(f"SMOKE TEST FAILED at {name}: {type(exc).__name__}: {exc}")
            return 1
        finally:
            village.close()
    say(f"{MARKER} ({time.perf_counter() - started:.1f} s)")
    return 0


def start(data_dir: str) -> int:
    """The real start on ``data_dir``; prints ``START_MARKER`` once the sign-in panel is painted."""
    from .ui import smoke

    return smoke.start_until_sign_in(data_dir, lambda: _say(START_MARKER))


def main(argv: list[str]) -> int:
    if START_FLAG in argv:
        i = argv.index(START_FLAG)
        if i + 1 >= len(argv):
            _say(f"{START_FLAG} needs a data folder")
            return 2
        return start(argv[i + 1])
    return run()

"""The check made before a village database is opened for writing (app and command line).

A damaged file (SQLite's quick check fails, or the audit trail does not hold together) and an
empty one are refused with ``DamagedDatabase``, which names the newest backup that passes its
checks; the caller asks the person and restores it (``services.backup.restore``), or stops.
Nothing writes to a database that failed: not even a migration.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..domain.text import Text, UserError
from ..storage import integrity, keyring
from ..storage.db import wrong_key

log = logging.getLogger(__name__)


class DamagedDatabase(UserError):
    """The database must not be opened; ``backup`` is the newest good backup, if any."""

    def __init__(self, path: Path, problems: list[str], backup: Path | None, key: bytes | None = None) -> None:
        self.path = path
        self.problems = problems
        self.backup = backup
        self.key = key  # the database's key, which the backups share (None: a plain database)
        if backup is not None:
            text = Text(
                f"rusak atau kosong; pulihkan dari cadangan terbaru yang utuh: 'jamsos restore {backup}'",
                f"is damaged or empty; restore the newest sound backup: 'jamsos restore {backup}'",
            )
        else:
            text = Text(
                "rusak atau kosong, dan tidak ada cadangan yang utuh; jangan dipakai, hubungi pendamping",
                "is damaged or empty and there is no sound backup; do not use it, ask for help",
            )
        super().__init__("database", text, str(path))


@dataclass(frozen=True, slots=True)
class Finding:
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


STAMP = "jamsos.closed"


def _fingerprint(path: Path) -> dict[str, int] | None:
    """Size and modification time of a database with no log beside it (None: a log is there)."""
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def remember_clean_close(data_dir: Path) -> None:
    """Notes that the database was closed cleanly as it is now: if it is found the same at the
    next opening (no log left by a killed writer, same size and time), the full check is not
    needed again. The daily backup still checks the whole file."""
    path = paths.db_path(data_dir)
    try:
        mark = _fingerprint(path) if path.is_file() else None
        target = data_dir / STAMP
        if mark is None:
            target.unlink(missing_ok=True)
            return
        part = target.with_name(target.name + ".part")
        part.write_text(json.dumps(mark), encoding="utf-8")
        part.replace(target)
    except OSError:
        pass


def _closed_cleanly(data_dir: Path, path: Path) -> bool:
    try:
        stamp = data_dir / STAMP
        if not stamp.is_file() or stamp.stat().st_size > 1000:
            return False
        return bool(json.loads(stamp.read_text(encoding="utf-8")) == _fingerprint(path))
    except (OSError, ValueError):
        return False


def opening_key(data_dir: Path, key: bytes | None) -> bytes | None:
    """The key the database is checked with: the caller's, else the set-up slot's while the
    first-run set-up is unfinished, else None (a plain database, or a locked one that opening
    refuses as locked)."""
    if key is not None:
        return key
    kf = keyring.read(keyring.key_path(paths.db_path(data_dir)))
    return kf.unlock_setup() if kf is not None and kf.in_setup else None


def check(data_dir: Path, key: bytes | None = None) -> Finding:
    """The database of ``data_dir`` before opening: no file at all is fine (a new village).

    An encrypted file has no readable header, so the check itself is made with the key; a file
    the key does not open is locked (a wrong password, another key file), not damaged."""
    path = paths.db_path(data_dir)
    why = integrity.file_problem(path)
    if why == "missing":
        return Finding([])
    if why is not None:
        return Finding([f"file: {why}"])
    if _closed_cleanly(data_dir, path):
        return Finding([])
    key = opening_key(data_dir, key)
    if key is None:
        if keyring.read(keyring.key_path(path)) is not None:
            return Finding([])  # locked: opening says so, and only a password unlocks the check
        with path.open("rb") as f:
            if f.read(16) != integrity.SQLITE_HEADER:
                return Finding([])  # not SQLite at all: opening says "not a JAMSOS database"
    else:
        pages = integrity.cipher_problems(path, key)
        if pages is None:
            raise wrong_key(path)
        if pages:
            return Finding(pages)
    problems = integrity.quick_check(path, key=key)
    if problems:
        return Finding(problems)
    return Finding(_chain_problems(data_dir, path, key))


def _chain_problems(data_dir: Path, path: Path, key: bytes | None = None) -> list[str]:
    from ..storage.db import Database, current_revision, make_engine
    from . import audit, backup
    from .context import Workspace

    engine = make_engine(path, key=key)
    try:
        if current_revision(engine) is None:
            return []  # no schema yet (or not ours): opening decides
        ws = Workspace(data_dir, Database(path, engine, key))
        rep = audit.verify(ws, backup.known_heads(data_dir), stop_at_first=True)
    finally:
        engine.dispose()
    return [p.message() for p in rep.problems]


def gate(data_dir: Path, key: bytes | None = None) -> None:
    """Raises ``DamagedDatabase`` when the database of ``data_dir`` must not be opened."""
    key = opening_key(data_dir, key)
    found = check(data_dir, key)
    if found.ok:
        return
    from .backup import newest_good

    log.error("database refused at opening: %s", "; ".join(found.problems))
    good = newest_good(data_dir, key)
    raise DamagedDatabase(paths.db_path(data_dir), found.problems, good.path if good else None, key)

"""Is the village file sound enough to open for writing? The quick check made at every start.

``quick_check`` is SQLite's own check of the b-trees and pages without the index cross-check
that ``integrity_check`` adds: a fraction of its time, and it still finds a torn or overwritten
page. The audit chain is checked by the services (``services/integrity.py``) on top of this.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import driver

#: The header every SQLite 3 database file begins with (a plain one; an encrypted file has none).
SQLITE_HEADER = b"SQLite format 3\x00"


def file_problem(path: Path) -> str | None:
    """Why the file at ``path`` cannot be a database at all (missing, empty, not a regular
    file), or None. An empty file is a lost database, never a new one."""
    if not path.exists():
        return "missing"
    if not path.is_file():
        return "not_a_file"
    if path.stat().st_size == 0:
        return "empty"
    return None


def keyed(fn: Any, *args: Any, key: bytes | None = None) -> Any:
    """A driver call with the database's key when the file has one (an encrypted database:
    ``driver.connect(path, key)``, ``copy_file(src, dest, key)``, ``checkpoint(path, key)``)."""
    return fn(*args) if key is None else fn(*args, key)


def quick_check(path: Path, *, full: bool = False, key: bytes | None = None) -> list[str]:
    """SQLite's check of the file (``full``: ``integrity_check``); empty when sound. A file the
    driver cannot even read gives its error as the one problem."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = keyed(driver.connect, path, key=key)
    except Exception as exc:
        return [f"{pragma}: {exc.__class__.__name__}: {exc}"]
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except Exception as exc:
        return [f"{pragma}: {exc.__class__.__name__}: {exc}"]
    finally:
        conn.close()
    return [] if rows == ["ok"] else [f"{pragma}: {r}" for r in rows[:20]]

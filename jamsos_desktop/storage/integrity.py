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


def cipher_problems(path: Path, key: bytes) -> list[str] | None:
    """SQLCipher's check of every page's HMAC with ``key`` (empty: all sound), or None when the
    first page fails: then the key is not this file's (or the file is lost from its start), which
    is a wrong key to report, not damage a backup would mend."""
    conn = driver.DBAPI.connect(str(path), isolation_level=None, check_same_thread=False, timeout=driver.BUSY_TIMEOUT)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        for name, value in driver.CIPHER_SETTINGS:
            conn.execute(f"PRAGMA {name} = {value}")
        rows = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    except Exception as exc:
        return [f"cipher_integrity_check: {exc.__class__.__name__}: {exc}"]
    finally:
        conn.close()
    if any(r.endswith(" page 1") for r in rows):
        return None
    return [f"cipher_integrity_check: {r}" for r in rows[:20]]

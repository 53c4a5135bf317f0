"""The DB-API driver of the village database: the one place that names it.

Everything that opens the village file goes through here: the engine (``creator=``/``module=``),
the plain connections of the keystroke searches and bulk work, and backups. SQLCipher's driver
(``sqlcipher3.dbapi2``) has the same DB-API shape with its own connection class and a key to
set after connecting, so encrypting the database changes this module and nothing above it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

#: The DB-API module, for SQLAlchemy's exception translation (``create_engine(module=...)``).
DBAPI: Any = sqlite3
#: What a plain connection is; code above storage/ names this, never the driver's own class.
Connection = sqlite3.Connection
#: Bound parameters per statement, below SQLite's variable limit on any build (999 before 3.32).
MAX_PARAMS = 900
#: Seconds a connection waits for another writer's lock before giving up.
BUSY_TIMEOUT = 10

T = TypeVar("T")


def url(path: Path) -> str:
    """The SQLAlchemy URL of the file; the dialect follows it, the connections come from ``connect``."""
    return f"sqlite:///{path}"


def connect(path: Path) -> Connection:
    """A connection to the file with the app's pragmas set, in autocommit (our BEGINs are explicit)."""
    conn = DBAPI.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT)
    set_pragmas(conn)
    return conn  # type: ignore[no-any-return]


def set_pragmas(conn: Any) -> None:
    # The driver's own BEGIN handling is off; the engine's "begin" hook emits ours, so that
    # writers can take the lock up front (BEGIN IMMEDIATE) instead of failing half-way.
    conn.isolation_level = None
    cur = conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # a committed record survives a power cut
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000}")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.execute("PRAGMA cache_size=-16000")  # per connection; the pool keeps a few
    cur.close()


def as_plain(driver_connection: Any) -> Connection:
    """The pool's driver connection as a plain connection (a pool of another driver is a bug)."""
    if not isinstance(driver_connection, Connection):
        raise TypeError(f"not a connection of {DBAPI.__name__}: {type(driver_connection).__name__}")
    return driver_connection


def copy_file(src: Path, dest: Path) -> str:
    """A consistent copy of a live database file (the driver's backup API); returns the copy's
    integrity check ("ok" when sound)."""
    s = DBAPI.connect(str(src))
    d = DBAPI.connect(str(dest))
    try:
        s.backup(d)
        return str(d.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        d.close()
        s.close()


def checkpoint(path: Path) -> None:
    """Folds the write-ahead log into the file, so that the file alone holds every commit."""
    conn = connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def chunks(items: Sequence[T], size: int = MAX_PARAMS) -> Iterator[Sequence[T]]:
    """``items`` in slices that fit one statement's parameters (``IN (?, ?, ...)`` look-ups)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]

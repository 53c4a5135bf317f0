"""The DB-API driver of the village database: the one place that names it.

Everything that opens the village file goes through here: the engine (``creator=``/``module=``),
the plain connections of the keystroke searches and bulk work, and backups. The driver is
SQLCipher 4 (``sqlcipher3``: SQLite with FTS5 and page-level AES-256 encryption): with a key every
page of the file, its WAL and backups is encrypted; without one (an old plain database being
converted, a test of the plain path) it is plain SQLite.

The key is raw (32 random bytes, ``PRAGMA key = "x'...'"``): SQLCipher's own password KDF is not
used, because the password is stretched once, by Argon2id, in ``keyring``. The cipher settings are
set explicitly and checked on every connection, so a library whose defaults change cannot silently
write a file that another build cannot read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import sqlcipher3.dbapi2 as _sqlcipher

#: The DB-API module, for SQLAlchemy's exception translation (``create_engine(module=...)``).
DBAPI: Any = _sqlcipher
#: What a plain connection is; code above storage/ names this, never the driver's own class.
if TYPE_CHECKING:  # the driver has no type hints; its connection has the standard library's shape
    Connection: TypeAlias = sqlite3.Connection
else:
    Connection = _sqlcipher.Connection
#: The driver's error base class, for code that must tell a driver error from a bug.
Error: Any = _sqlcipher.Error
#: Bound parameters per statement, below SQLite's variable limit on any build (999 before 3.32).
MAX_PARAMS = 900
#: Page cache per encrypted connection, in KiB (see ``connect``).
ENCRYPTED_CACHE_KIB = 65_536
#: Seconds a connection waits for another writer's lock before giving up.
BUSY_TIMEOUT = 10

T = TypeVar("T")


def url(path: Path) -> str:
    """The SQLAlchemy URL of the file; the dialect follows it, the connections come from ``connect``."""
    return f"sqlite:///{path}"


#: SQLCipher 4's settings, stated rather than inherited from the library's defaults.
CIPHER_SETTINGS = (
    ("cipher_page_size", "4096"),
    ("cipher_hmac_algorithm", "HMAC_SHA512"),
    ("cipher_kdf_algorithm", "PBKDF2_HMAC_SHA512"),
    ("cipher_plaintext_header_size", "0"),
)


class WrongKey(Exception):
    """The file does not open with this key (a wrong key, a plain file given a key, or damage)."""


class CipherMismatch(Exception):
    """The library's cipher settings are not the ones this app writes."""


def connect(path: Path, key: bytes | None = None) -> Connection:
    """A connection to the file with the app's pragmas set, in autocommit (our BEGINs are explicit).

    With ``key`` the file is an encrypted one (a new file becomes one); without, a plain one."""
    conn = DBAPI.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT)
    try:
        if key is not None:
            apply_key(conn, key)
        set_pragmas(conn)
        if key is not None:
            # Every page read from outside SQLite's own cache is decrypted and its HMAC checked (a
            # plain file's is a copy from the OS cache): a larger cache keeps a search's working
            # set decrypted. 64 MB took the name search's p95 on 30,000 workers from 2x plain to
            # 1.1x (bench.crypto); it grows only with the pages actually read.
            conn.execute(f"PRAGMA cache_size=-{ENCRYPTED_CACHE_KIB}")
    except BaseException:
        conn.close()
        raise
    return conn  # type: ignore[no-any-return]


def apply_key(conn: Any, key: bytes, schema: str = "") -> None:
    """Keys a fresh connection and proves the key by reading the schema (a wrong key fails here)."""
    if len(key) != 32:
        raise ValueError("a database key is 32 bytes")
    prefix = f"{schema}." if schema else ""
    cur = conn.cursor()
    try:
        cur.execute(f"PRAGMA {prefix}key = \"x'{key.hex()}'\"")
        for name, value in CIPHER_SETTINGS:
            cur.execute(f"PRAGMA {prefix}{name} = {value}")
        for name, value in CIPHER_SETTINGS:
            got = cur.execute(f"PRAGMA {prefix}{name}").fetchone()
            if got is None or str(got[0]) != value:
                raise CipherMismatch(f"{name} is {got!r}, expected {value}")
        try:
            cur.execute(f"SELECT count(*) FROM {prefix}sqlite_master").fetchone()
        except Error as exc:
            raise WrongKey(str(exc)) from None
    finally:
        cur.close()


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


def copy_file(src: Path, dest: Path, key: bytes | None = None) -> str:
    """A consistent copy of a live database file (the driver's backup API), encrypted with the
    same key as the source; returns the copy's integrity check ("ok" when sound)."""
    s = connect(src, key)
    d = DBAPI.connect(str(dest))
    try:
        if key is not None:
            apply_key(d, key)
        s.backup(d)
        return str(d.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        d.close()
        s.close()


def checkpoint(path: Path, key: bytes | None = None) -> None:
    """Folds the write-ahead log into the file, so that the file alone holds every commit."""
    conn = connect(path, key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def chunks(items: Sequence[T], size: int = MAX_PARAMS) -> Iterator[Sequence[T]]:
    """``items`` in slices that fit one statement's parameters (``IN (?, ?, ...)`` look-ups)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def export_encrypted(plain: Path, dest: Path, key: bytes) -> None:
    """Writes an encrypted copy of a plain database (``sqlcipher_export``) to a new file ``dest``."""
    conn = connect(plain)
    try:
        conn.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(dest),))
        for name, value in CIPHER_SETTINGS:
            conn.execute(f"PRAGMA enc.{name} = {value}")
        conn.execute("SELECT sqlcipher_export('enc')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()

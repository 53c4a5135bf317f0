"""Opening the database: the one place that knows about the file, pragmas, keys and migrations.

The driver itself (SQLCipher) is chosen in ``driver.py``; the engine gets its connections from
there, keyed with the database key, and nothing above this module changes. The key comes from the
key file beside the database (``keyring``): unwrapped with a person's password, the recovery key,
or, for a database whose first-run set-up has not finished, the set-up slot.
``Store`` is the engine-neutral part (sessions, change stamping) and also opens a PostgreSQL URL
(the district hub); ``Database`` adds what only the village's SQLite file has.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..domain.text import Text, UserError
from . import changes, driver, keyring, models

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration. Opening a database that is already there needs neither Alembic nor the
#: migration scripts (a quarter of a second at every start); tests check it against the scripts.
HEAD_REVISION = "0009"


class WriterBusy(UserError):
    """Another program (or window) kept the database busy longer than a writer waits."""

    def __init__(self) -> None:
        super().__init__(
            "database",
            Text(
                f"sedang dipakai oleh proses lain lebih dari {driver.BUSY_TIMEOUT} detik (mis. impor besar); "
                "tidak ada yang tersimpan, coba lagi setelah proses itu selesai",
                f"has been busy with another process for more than {driver.BUSY_TIMEOUT} seconds (e.g. a large "
                "import); nothing was saved, try again when it has finished",
            ),
        )


def _begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(path: Path, *, echo: bool = False, key: bytes | None = None) -> Engine:
    """The village file's engine: connections from ``driver.connect`` (key and pragmas set there)."""
    engine = create_engine(
        driver.url(path),
        echo=echo,
        module=driver.DBAPI,
        creator=lambda: driver.connect(path, key),
        # A failed statement's error would otherwise carry its bound values (a NIK, a name)
        # into the exception text and from there into the log.
        hide_parameters=True,
        # Hand out the most recently used connection, whose page cache is warm, instead of
        # rotating through the pool and filling every connection's cache.
        pool_use_lifo=True,
    )
    event.listen(engine, "begin", _begin)
    return engine


def make_engine_for_url(url: str, *, echo: bool = False, key: bytes | None = None, **kwargs: Any) -> Engine:
    """An engine for any database URL: a SQLite file as ``make_engine`` opens it (encrypted with
    ``key`` when given), anything else (PostgreSQL for the hub) as SQLAlchemy does, without SQLite's
    pragmas and BEGIN IMMEDIATE."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return make_engine(Path(parsed.database), echo=echo, key=key)
    kwargs.setdefault("hide_parameters", True)
    return create_engine(url, echo=echo, **kwargs)


class Store:
    """An open database of any engine: sessions for reading, and stamped sessions for writing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        # sqlite_immediate is read by the SQLite "begin" hook only; other engines ignore it.
        self._write = sessionmaker(engine.execution_options(sqlite_immediate=True), expire_on_commit=False)
        changes.install(self._write)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def write(self, actor_id: str | None = None) -> Iterator[Session]:
        """One writer at a time (BEGIN IMMEDIATE); commit on success, roll back on any error.

        A writer that waited the whole busy timeout for another one (a long import) gets a
        message, not a crash: BEGIN IMMEDIATE takes the lock first, so nothing was written."""
        try:
            with self._write() as session, session.begin():
                session.info["actor_id"] = actor_id
                yield session
        except OperationalError as exc:
            if "database is locked" not in str(exc.orig):
                raise
            raise WriterBusy() from None

    def close(self) -> None:
        self.engine.dispose()


def open_url(url: str, **kwargs: Any) -> Store:
    """A store on a database URL whose schema is already in place (see ``upgrade``)."""
    return Store(make_engine_for_url(url, **kwargs))


class Database(Store):
    """An open village database (a SQLite file): a ``Store`` plus plain driver connections."""

    def __init__(self, path: Path, engine: Engine, key: bytes | None = None) -> None:
        super().__init__(engine)
        self.path = path
        #: The database key (None for a plain file); kept only as long as the database is open.
        self.key = key

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @property
    def key_path(self) -> Path:
        return keyring.key_path(self.path)

    @contextmanager
    def plain(self) -> Iterator[driver.Connection]:
        """A pooled connection as a plain DB-API connection (pragmas set, page cache warm), in
        autocommit: for the worker searches run on every keystroke, whose SQL takes about as
        long as SQLAlchemy's own work around each statement."""
        pooled = self.engine.raw_connection()
        try:
            yield driver.as_plain(pooled.driver_connection)
        finally:
            pooled.close()

    def raw_connection(self) -> driver.Connection:
        """A plain connection of its own to the same file, for bulk work and benchmarks."""
        return driver.connect(self.path, self.key)


# Tables that exist only through raw SQL (the FTS5 index and its shadow tables).
_UNMANAGED_PREFIXES = ("workers_fts",)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic filter: leave the tables that migrations create by raw SQL out of comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(_UNMANAGED_PREFIXES))


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision according to the migration scripts themselves (imports Alembic)."""
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(None)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def session_revision(s: Session) -> str:
    """The schema revision seen by an open session ("" for a database made without Alembic)."""
    if not inspect(s.connection()).has_table("alembic_version"):
        return ""
    return str(s.execute(text("SELECT version_num FROM alembic_version")).scalar() or "")


def backup(path: Path, dest_dir: Path, label: str, key: bytes | None = None) -> Path:
    """A consistent copy through SQLite's backup API, encrypted with the database's own key (the
    key file beside the database unlocks it too), checked before it is trusted."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    dest = dest_dir / f"{path.stem}-{stamp}-{label}.sqlite"
    ok = driver.copy_file(path, dest, key)
    if ok != "ok":
        raise RuntimeError(f"backup {dest} failed its integrity check")
    return dest


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), revision)


def wrong_key(path: Path) -> UserError:
    return UserError(
        "database",
        Text(
            "tidak bisa dibuka dengan kunci ini (kata sandi salah, berkas kunci lain, atau berkas rusak)",
            "does not open with this key (a wrong password, another key file, or a damaged file)",
        ),
        str(path),
    )


def locked(path: Path) -> UserError:
    return UserError(
        "database",
        Text("terkunci; masuk dengan nama pengguna dan kata sandi", "is locked; sign in with a username and password"),
        str(path),
    )


def resolve_key(path: Path, key: bytes | None, *, create: bool) -> bytes | None:
    """The key to open ``path`` with when the caller has none: the set-up slot's while the
    first-run set-up has not finished, a new key (and key file) for a new database, or None for an
    old plain database (which ``encrypt_plain`` converts once someone signs in)."""
    if key is not None:
        return key
    kf = keyring.read(keyring.key_path(path))
    exists = path.exists() and path.stat().st_size > 0
    if kf is not None:
        if not kf.in_setup:
            raise locked(path)
        return kf.unlock_setup()
    if exists:
        return None
    if not create:
        return None
    new = keyring.new_database_key()
    kf = keyring.new_key_file()
    kf.wrap_setup(new)
    path.parent.mkdir(parents=True, exist_ok=True)
    keyring.write(keyring.key_path(path), kf, new)
    return new


def open_database(
    path: Path, *, create: bool = False, backup_dir: Path | None = None, key: bytes | None = None, plain: bool = False
) -> Database:
    """Opens (or creates) the database at ``path`` and brings its schema to the newest revision.

    ``key`` unlocks an encrypted database; without one, see ``resolve_key`` (``plain`` opens or
    makes a plain file, for the conversion and the plain-vs-encrypted figures). An older schema is
    backed up first (to ``backup_dir``, encrypted with the same key) and then upgraded.
    """
    if not plain:
        key = resolve_key(path, key, create=create)
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise UserError(
            "database",
            Text(
                "belum ada; jalankan 'jamsos init' terlebih dahulu",
                "does not exist yet; run 'jamsos init' first",
            ),
            str(path),
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if exists and key is None:
        _check_is_sqlite(path)
    elif key is not None and exists and _is_plain_sqlite(path):
        encrypt_plain(path, key, backup_dir or path.parent / "backups")
    engine = make_engine(path, key=key)
    try:
        current = current_revision(engine)
    except driver.WrongKey:
        engine.dispose()
        raise wrong_key(path) from None
    if current == HEAD_REVISION:
        return Database(path, engine, key)
    head = head_revision()
    if exists and current is None and inspect(engine).get_table_names():
        engine.dispose()
        raise UserError("database", Text("bukan basis data JAMSOS", "is not a JAMSOS database"), str(path))
    if current != head:
        if current is not None:
            from alembic.script import ScriptDirectory

            known = {s.revision for s in ScriptDirectory.from_config(_alembic_config(None)).walk_revisions()}
            if current not in known:
                engine.dispose()
                raise UserError(
                    "database",
                    Text(
                        f"dibuat oleh versi aplikasi yang lebih baru (skema {current}); perbarui aplikasi",
                        f"was made by a newer version of the app (schema {current}); update the app",
                    ),
                    str(path),
                )
        if exists and current is not None:
            saved = backup(path, backup_dir or path.parent / "backups", f"rev{current}", key)
            log.info("backed up schema %s to %s before upgrading to %s", current, saved.name, head)
        upgrade(engine)
        log.info("schema upgraded from %s to %s", current, head)
    return Database(path, engine, key)


def _is_plain_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == SQLITE_HEADER


def is_plain_file(path: Path) -> bool:
    """True for an unencrypted SQLite file (an old database to convert)."""
    try:
        return _is_plain_sqlite(path)
    except OSError:
        return False


def _row_counts(conn: Any) -> dict[str, int]:
    names = [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def encrypt_plain(path: Path, key: bytes, backup_dir: Path) -> Path:
    """Converts a plain database at ``path`` to an encrypted one with ``key``, in place.

    The encrypted copy is written to a new file, checked (integrity and the row count of every
    table) and kept as a backup before it atomically replaces the plain file; the plain file, its
    WAL and the plain upgrade backups are then overwritten and removed (``wipe``). Returns the
    backup. Safe to run again after a crash: until the replace, the plain file is untouched.
    """
    driver.checkpoint(path)
    src = driver.connect(path)
    try:
        expected = _row_counts(src)
    finally:
        src.close()
    tmp = path.with_name(path.name + ".encrypting")
    wipe(tmp)
    driver.export_encrypted(path, tmp, key)
    check = driver.connect(tmp, key)
    try:
        ok = [r[0] for r in check.execute("PRAGMA integrity_check").fetchall()]
        got = _row_counts(check)
    finally:
        check.close()
    if ok != ["ok"] or got != expected:
        wipe(tmp)
        raise RuntimeError(f"the encrypted copy of {path.name} does not match it (integrity {ok[:3]})")
    saved = backup(tmp, backup_dir, "encrypted", key)
    # A second name for the plain file's data, so that it can be overwritten once the encrypted
    # file has taken the name (a rename-over would only unlink it, leaving the bytes on disk).
    old = path.with_name(path.name + ".plain")
    wipe(old)
    try:
        os.link(path, old)
    except OSError:  # no hard links (FAT): the plain bytes are unlinked, not overwritten
        old = None  # type: ignore[assignment]
    os.replace(tmp, path)
    keyring._fsync_dir(path.parent)
    for leftover in (old, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if leftover is not None:
            wipe(leftover)
    for plain_backup in sorted(backup_dir.glob("*.sqlite")) if backup_dir.is_dir() else []:
        if plain_backup != saved and _is_plain_sqlite(plain_backup):
            _encrypt_backup(plain_backup, key)
    log.info("converted the plain database to an encrypted one; kept %s", saved.name)
    return saved


def _encrypt_backup(plain_backup: Path, key: bytes) -> None:
    tmp = plain_backup.with_name(plain_backup.name + ".encrypting")
    wipe(tmp)
    driver.export_encrypted(plain_backup, tmp, key)
    old = plain_backup.with_name(plain_backup.name + ".plain")
    wipe(old)
    os.link(plain_backup, old)
    os.replace(tmp, plain_backup)
    wipe(old)
    for side in ("-wal", "-shm"):
        wipe(plain_backup.with_name(plain_backup.name + side))


def wipe(path: Path) -> None:
    """Overwrites a file with zeros, syncs it and unlinks it. On a journaling or copy-on-write file
    system, or an SSD that remaps blocks, the old bytes may survive elsewhere on the device: this is
    the best a program can do, and why the data is encrypted from the start."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    try:
        with path.open("r+b") as f:
            block = b"\0" * 65536
            left = size
            while left > 0:
                n = min(left, len(block))
                f.write(block[:n])
                left -= n
            f.flush()
            os.fsync(f.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_is_sqlite(path: Path) -> None:
    with path.open("rb") as f:
        header = f.read(16)
    if header != SQLITE_HEADER:
        raise UserError("database", Text("bukan berkas SQLite yang utuh", "is not an intact SQLite file"), str(path))


__all__ = [
    "Database",
    "Store",
    "backup",
    "current_revision",
    "head_revision",
    "make_engine",
    "make_engine_for_url",
    "models",
    "open_database",
    "open_url",
    "upgrade",
]

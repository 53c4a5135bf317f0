"""Opening the hub's database: a URL (SQLite file or PostgreSQL), its own migrations.

The engine comes from ``storage.db.make_engine_for_url``, so a SQLite hub gets the village
file's driver and pragmas (WAL, ``synchronous=FULL``, ``BEGIN IMMEDIATE`` writers) and a
PostgreSQL hub is a plain SQLAlchemy engine on psycopg 3. The hub's Alembic scripts live in
``hub/storage/migrations`` with their own version table (``hub_alembic_version``), so the hub's
schema and the village's never share a revision history.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from ... import paths
from ...domain.text import Text, UserError
from ...storage import keyring
from ...storage.db import Store, backup, make_engine_for_url

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "hub_alembic_version"
#: The newest hub migration (a test keeps it equal to the scripts), so that opening a current
#: hub needs no Alembic.
HEAD_REVISION = "h0003"
#: Where the default SQLite hub lives, inside the user data folder.
DEFAULT_FILE = "jamsos-hub.sqlite"
ENV_URL = "JAMSOS_HUB_DB"


def default_url(data_dir: Path | None = None) -> str:
    """``--db`` when not given: ``JAMSOS_HUB_DB``, else a SQLite file in the user data folder."""
    env = os.environ.get(ENV_URL)
    if env:
        return env
    return f"sqlite:///{(data_dir or paths.data_dir()) / DEFAULT_FILE}"


class HubStore(Store):
    """An open hub database of either engine (sessions from ``Store``)."""

    def __init__(self, engine: Engine, url: str) -> None:
        super().__init__(engine)
        self.url = url

    @property
    def is_postgresql(self) -> bool:
        return self.dialect == "postgresql"

    def describe(self) -> str:
        """The URL without its password, for messages and logs."""
        return make_url(self.url).render_as_string(hide_password=True)


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_alembic_config(None)).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), revision)


def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        return Path(u.database)
    return None


def _refuse(url: str, text_: Text) -> UserError:
    return UserError("hub_db", text_, make_url(url).render_as_string(hide_password=True))


def without_password(url: str) -> str:
    """``url`` with no password in it: what may be written down (settings, logs). Text that is
    no URL is returned as it is (it holds no password SQLAlchemy could find either)."""
    try:
        parsed = make_url(url)
    except Exception:  # SQLAlchemy's ArgumentError for text that is no URL at all
        return url
    if parsed.password is None:
        return url
    # URL.set(password=None) leaves the password as it is ("not given"): the named tuple's own replace.
    return parsed._replace(password=None).render_as_string(hide_password=False)


def has_password(url: str) -> bool:
    try:
        return make_url(url).password is not None
    except Exception:  # no URL at all
        return False


def with_password(url: str, password: str) -> str:
    """``url`` with ``password`` as its password (the one typed in, kept in memory only); text
    that is no URL is returned as it is (opening it says so)."""
    try:
        parsed = make_url(url)
    except Exception:  # no URL at all
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)


class PasswordNeeded(UserError):
    """The PostgreSQL server asks for a password the URL does not hold (``refused``: it was given
    and the server said no, which may also mean a wrong user or database name)."""

    def __init__(self, url: str, *, refused: bool) -> None:
        self.refused = refused
        super().__init__(
            "hub_db",
            Text(
                "server menolak: kata sandi, nama pengguna atau nama basis datanya salah",
                "the server refused: the password, user name or database name is wrong",
            )
            if refused
            else Text(
                "server meminta kata sandi, dan tidak ada di alamat, di PGPASSWORD, maupun di berkas pgpass",
                "the server asks for a password, and there is none in the address, PGPASSWORD or the pgpass file",
            ),
            make_url(url).render_as_string(hide_password=True),
        )


def _password_problem(url: str, exc: BaseException) -> PasswordNeeded | None:
    """A refused connection that is about the password (libpq says so on the connection that
    failed: it asked for one, or it used one), else None (a server down, a name unknown)."""
    pgconn = getattr(getattr(exc, "orig", exc), "pgconn", None)
    if pgconn is None:
        return None
    if getattr(pgconn, "needs_password", False):
        return PasswordNeeded(url, refused=False)
    if getattr(pgconn, "used_password", False):
        return PasswordNeeded(url, refused=True)
    return None


#: The engines a hub runs on, and the driver module each needs.
DRIVERS = {"sqlite": None, "postgresql": "psycopg"}


def _check_engine(url: str) -> str:
    """The URL to open: only SQLite and PostgreSQL (through psycopg 3; ``postgresql://`` as people
    write it means that too). A missing driver is said as such, not as "cannot be opened
    (ModuleNotFoundError)" (the village bundle leaves psycopg and its libpq out)."""
    import importlib.util

    try:
        parsed = make_url(url)
    except Exception:  # SQLAlchemy's ArgumentError for text that is no URL at all
        raise UserError(
            "hub_db",
            Text(
                "bukan alamat basis data (contoh: postgresql+psycopg://pengguna@server/jamsos)",
                "is not a database address (e.g. postgresql+psycopg://user@server/jamsos)",
            ),
            url,
        ) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
        url = parsed.render_as_string(hide_password=False)
    backend, driver_name = parsed.get_backend_name(), parsed.get_driver_name()
    if backend not in DRIVERS or (backend == "postgresql" and driver_name != "psycopg"):
        raise _refuse(
            url,
            Text(
                "hub berjalan di SQLite atau PostgreSQL (postgresql+psycopg://…)",
                "the hub runs on SQLite or PostgreSQL (postgresql+psycopg://…)",
            ),
        )
    module = DRIVERS[backend]
    if module is not None and importlib.util.find_spec(module) is None:
        raise _refuse(
            url,
            Text(
                "driver PostgreSQL (psycopg) tidak terpasang di aplikasi ini; pakai hub SQLite, atau "
                'jalankan hub dari instalasi Python dengan: pip install "psycopg[binary]"',
                "the PostgreSQL driver (psycopg) is not installed with this app; use a SQLite hub, or run "
                'the hub from a Python installation with: pip install "psycopg[binary]"',
            ),
        )
    return url


def open_hub(url: str, *, create: bool = True, **engine_kwargs: Any) -> HubStore:
    """The hub at ``url``, its schema brought to the newest revision.

    A SQLite file is created when missing (``create``) and backed up before an upgrade; a
    database made by a newer hub, or one that is not a hub (a village file, say), is refused.
    """
    url = _check_engine(url)
    path = _sqlite_path(url)
    if path is not None:
        if not path.exists() and not create:
            raise _refuse(url, Text("belum ada; jalankan 'jamsos hub keys init'", "does not exist yet"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and keyring.read(keyring.key_path(path)) is not None:
            # An encrypted village database (its key file beside it): unreadable here, and not a hub.
            raise _refuse(url, Text("bukan basis data hub JAMSOS", "is not a JAMSOS hub database"))
    try:
        engine = make_engine_for_url(url, **engine_kwargs)
        current = current_revision(engine)
    except UserError:
        raise
    except Exception as exc:  # the server is down, the name is wrong, the file is not a database
        log.warning("cannot open hub database %s: %s", make_url(url).render_as_string(hide_password=True), exc)
        if (problem := _password_problem(url, exc)) is not None:
            raise problem from None
        # The class of the driver's error is in the log; the person reads what to check.
        raise _refuse(
            url,
            Text(
                "tidak bisa dibuka: berkasnya bukan basis data atau rusak",
                "cannot be opened: the file is not a database, or it is damaged",
            )
            if path is not None
            else Text(
                "tidak bisa dibuka: server tidak menjawab (alamat, port, jaringan) atau nama basis datanya salah",
                "cannot be opened: the server does not answer (address, port, network) or the database name is wrong",
            ),
        ) from None
    if current == HEAD_REVISION:
        return HubStore(engine, url)
    if current is None and inspect(engine).get_table_names():
        engine.dispose()
        raise _refuse(url, Text("bukan basis data hub JAMSOS", "is not a JAMSOS hub database"))
    if current is not None and current not in known_revisions():
        engine.dispose()
        raise _refuse(
            url,
            Text(
                f"dibuat oleh versi hub yang lebih baru (skema {current}); perbarui aplikasi",
                f"was made by a newer version of the hub (schema {current}); update the app",
            ),
        )
    if current is not None and path is not None:
        saved = backup(path, path.parent / "backups", f"hub-{current}")
        log.info("backed up hub schema %s to %s", current, saved.name)
    upgrade(engine)
    log.info("hub schema upgraded from %s to %s", current, HEAD_REVISION)
    return HubStore(engine, url)


__all__ = [
    "DEFAULT_FILE",
    "ENV_URL",
    "HEAD_REVISION",
    "HubStore",
    "PasswordNeeded",
    "current_revision",
    "default_url",
    "has_password",
    "head_revision",
    "open_hub",
    "upgrade",
    "with_password",
    "without_password",
]


#: What ``probe`` found at a database URL.
PROBE_EMPTY, PROBE_HUB, PROBE_OTHER = "empty", "hub", "other"


def probe(url: str) -> tuple[str, int]:
    """Connects to ``url`` and says what is there, changing nothing: ``(PROBE_EMPTY, 0)`` (a hub
    can be made there), ``(PROBE_HUB, accounts)`` or ``(PROBE_OTHER, 0)``. A URL that is not one,
    a server that cannot be reached, a wrong name or password: a ``UserError`` naming the URL
    without its password (the first-run wizard's connection test)."""
    try:
        parsed = make_url(url)
    except Exception:
        raise UserError(
            "hub_db", Text("bukan alamat basis data (contoh: postgresql+psycopg://...)", "is not a database URL")
        ) from None
    try:
        kwargs: dict[str, Any] = (
            {} if parsed.get_backend_name() == "sqlite" else {"connect_args": {"connect_timeout": 10}}
        )
        engine = make_engine_for_url(url, **kwargs)
        try:
            current = current_revision(engine)
            if current is None:
                return (PROBE_OTHER, 0) if inspect(engine).get_table_names() else (PROBE_EMPTY, 0)
            with engine.connect() as conn:
                users = conn.execute(text("SELECT count(*) FROM hub_users")).scalar()
            return PROBE_HUB, int(users or 0)
        finally:
            engine.dispose()
    except Exception as exc:
        log.warning("cannot reach hub database %s: %s", parsed.render_as_string(hide_password=True), exc)
        if (problem := _password_problem(url, exc)) is not None:
            raise problem from None
        raise _refuse(
            url,
            Text(
                "server tidak menjawab (alamat, port, jaringan), atau nama basis datanya salah",
                "the server does not answer (address, port, network), or the database name is wrong",
            ),
        ) from None

"""The bulk paths that talk to SQLite directly find the village's own connection.

The status engine, the return import and the index rebuilds take SQLite's driver connection for
their set-based statements and page cache; anything else falls back to SQLAlchemy's per-row
path. Since the register is a SQLCipher file, that connection is the SQLCipher driver's, not the
standard library's: a check of the wrong class silently took every bulk move down the slow path
(a 100,000-result return file: 2.2 s of staging instead of 0.5 s). Here, on the real encrypted
workspace and on a plain one, each fast path must see its connection, and the pragma answers
(text on SQLCipher) must read as numbers."""

from __future__ import annotations

from pathlib import Path

from jamsos_desktop.services.context import Workspace
from jamsos_desktop.storage import driver, status


def _cache_kib(raw: driver.Connection) -> int:
    return int(raw.execute("PRAGMA cache_size").fetchone()[0])


def test_the_encrypted_register_takes_the_bulk_paths(workspace: Workspace) -> None:
    assert workspace.db.key is not None, "the workspace fixture is an encrypted register"
    with workspace.db.write() as s:
        raw = status._sqlite(s)
        assert raw is not None, "the SQLCipher connection was not recognised as SQLite"
        before = _cache_kib(raw)
        with status._big_cache(raw):
            assert _cache_kib(raw) == before or _cache_kib(raw) < 0
        assert _cache_kib(raw) == before


def test_a_plain_driver_connection_is_sqlite_too(tmp_path: Path) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    engine = create_engine(
        driver.url(tmp_path / "plain.sqlite"), creator=lambda: driver.connect(tmp_path / "plain.sqlite")
    )
    with Session(engine) as s:
        raw = status._sqlite(s)
        assert raw is not None
        with status._big_cache(raw):
            pass
    engine.dispose()

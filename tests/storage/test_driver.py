"""The driver switch: every connection to the village file comes from storage/driver.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jamsos_desktop.services.context import Workspace
from jamsos_desktop.storage import driver
from jamsos_desktop.storage.db import backup, make_engine, make_engine_for_url

PRAGMAS = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 10_000, "temp_store": 2}


def _pragmas(conn: Any) -> dict[str, Any]:
    return {p: conn.execute(f"PRAGMA {p}").fetchone()[0] for p in PRAGMAS}


def test_every_way_in_has_the_pragmas_and_the_driver(workspace: Workspace) -> None:
    db = workspace.db
    with db.plain() as plain:
        assert isinstance(plain, driver.Connection) and _pragmas(plain) == PRAGMAS
    raw = db.raw_connection()
    try:
        assert isinstance(raw, driver.Connection) and _pragmas(raw) == PRAGMAS
    finally:
        raw.close()
    with db.engine.connect() as conn:
        assert {p: conn.exec_driver_sql(f"PRAGMA {p}").scalar() for p in PRAGMAS} == PRAGMAS
    assert db.engine.dialect.dbapi is driver.DBAPI


def test_the_engine_and_plain_connections_are_made_by_the_driver_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Swapping the driver means changing driver.connect: nothing else opens the file."""
    made: list[Path] = []
    real = driver.connect

    def counting(path: Path, key: bytes | None = None) -> driver.Connection:
        made.append(path)
        return real(path, key)

    monkeypatch.setattr(driver, "connect", counting)
    path = tmp_path / "j.sqlite"
    for engine in (make_engine(path), make_engine_for_url(f"sqlite:///{path}")):
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        engine.dispose()
    assert made == [path, path]


def test_a_foreign_connection_is_refused() -> None:
    with pytest.raises(TypeError):
        driver.as_plain(object())


def test_backup_copies_every_commit_and_is_independent(workspace: Workspace, tmp_path: Path) -> None:
    copy = backup(workspace.db.path, tmp_path / "b", "test", workspace.db.key)
    with workspace.db.plain() as conn:
        conn.execute("UPDATE village SET head_name = 'Changed After'")
        expected = conn.execute("SELECT count(*) FROM users").fetchone()[0]
    c = driver.connect(copy, workspace.db.key)
    try:
        assert c.execute("SELECT count(*) FROM users").fetchone()[0] == expected
        assert c.execute("SELECT head_name FROM village").fetchone()[0] != "Changed After"
    finally:
        c.close()


def test_checkpoint_leaves_the_file_complete(workspace: Workspace, tmp_path: Path) -> None:
    with workspace.db.plain() as conn:
        conn.execute("UPDATE village SET head_name = 'Checkpointed'")
    driver.checkpoint(workspace.db.path, workspace.db.key)
    lone = tmp_path / "lone.sqlite"
    lone.write_bytes(workspace.db.path.read_bytes())  # the file alone, without its -wal
    c = driver.connect(lone, workspace.db.key)
    try:
        assert c.execute("SELECT head_name FROM village").fetchone()[0] == "Checkpointed"
    finally:
        c.close()


@pytest.mark.parametrize("n", [0, 1, 899, 900, 901, 2701])
def test_chunks_cover_everything_within_the_parameter_limit(n: int) -> None:
    items = list(range(n))
    parts = list(driver.chunks(items))
    assert [x for p in parts for x in p] == items
    assert all(0 < len(p) <= driver.MAX_PARAMS for p in parts)

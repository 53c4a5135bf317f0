from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import users, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.storage import driver, maintenance, models
from jamsos_desktop.storage.db import current_revision, head_revision, include_object, open_database

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_empty_database_is_created_at_the_newest_schema(tmp_path: Path) -> None:
    db = open_database(tmp_path / "j.sqlite", create=True)
    assert current_revision(db.engine) == head_revision()
    db.close()


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    db = open_database(tmp_path / "j.sqlite", create=True)
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
        diff = compare_metadata(ctx, models.Base.metadata)
    db.close()
    assert diff == []


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("schema_*.sqlite")))
def test_every_earlier_schema_is_backed_up_and_upgraded(tmp_path: Path, fixture: str) -> None:
    """tests/fixtures holds a database of every earlier schema, with the same three workers."""
    old_rev = fixture.removeprefix("schema_").removesuffix(".sqlite")
    assert old_rev != head_revision()
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / fixture, data / "jamsos.sqlite")
    ws = Workspace.open(data)
    try:
        assert current_revision(ws.db.engine) == head_revision()
        backups = list((data / "backups").glob(f"*rev{old_rev}.sqlite"))
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as old:
            assert old.execute("select version_num from alembic_version").fetchone() == (old_rev,)
            assert old.execute("select count(*) from workers").fetchone() == (3,)
        # The rows recorded before the upgrade are found by today's search.
        found = workers.list_workers(ws, workers.WorkerQuery(search="amin"))
        assert [w.name for w in found] == ["Siti Aminah"]
        assert workers.count_workers(ws) == 3
        assert workers.count_workers(ws, workers.WorkerQuery(search="3204")) == 3
    finally:
        ws.close()


def test_there_is_a_fixture_for_every_earlier_schema() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from jamsos_desktop.storage.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    revisions = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()} - {head_revision()}
    assert {p.name for p in FIXTURES.glob("schema_*.sqlite")} == {f"schema_{r}.sqlite" for r in revisions}


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "j.sqlite"
    db = open_database(p, create=True)
    db.close()
    c = driver.connect(p, db.key)  # the raw driver, with the database's key
    c.execute("update alembic_version set version_num = '9999'")
    c.close()
    with pytest.raises(UserError, match="versi aplikasi yang lebih baru"):
        open_database(p)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "j.sqlite"
    p.write_bytes(b"PK\x03\x04 not a database at all")
    with pytest.raises(UserError, match="bukan berkas SQLite"):
        open_database(p)


def test_missing_database_says_run_init(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="jamsos init"):
        open_database(tmp_path / "nothing.sqlite")


def test_the_head_constant_matches_the_migration_scripts() -> None:
    from jamsos_desktop.storage.db import HEAD_REVISION

    assert head_revision() == HEAD_REVISION


def test_opening_a_current_database_needs_no_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    open_database(tmp_path / "j.sqlite", create=True).close()
    code = (
        "import sys; from pathlib import Path; from jamsos_desktop.storage.db import open_database; "
        f"open_database(Path({str(tmp_path / 'j.sqlite')!r})).close(); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_0008_leaves_the_workers_recorded_before_it_without_consent(tmp_path: Path) -> None:
    """Consent is the worker's own act: the upgrade cannot invent it, so the three workers of the
    0007 database come out with no consent date, no withdrawal and nothing erased."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "schema_0007.sqlite", data / "jamsos.sqlite")
    ws = Workspace.open(data)
    try:
        assert current_revision(ws.db.engine) == head_revision()
        c = ws.db.raw_connection()
        try:
            rows = c.execute("select consent_date, consent_withdrawn_at, purged_at from workers").fetchall()
        finally:
            c.close()
        assert [tuple(r) for r in rows] == [(None, None, None)] * 3
        assert {w.consent_date for w in workers.list_workers(ws)} == {None}
    finally:
        ws.close()


def test_0009_indexes_the_words_the_search_asks_for(tmp_path: Path) -> None:
    """The index made again holds the name, NIK and KK of the workers recorded before, and no
    longer the dusun or the word counts: every search still finds what it found (the dusun
    through the register's own column), and a worker edited afterwards is found by the new name."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "schema_0008.sqlite", data / "jamsos.sqlite")
    ws = Workspace.open(data)
    try:
        c = ws.db.raw_connection()
        try:
            assert [r[1] for r in c.execute("PRAGMA table_info(workers_fts)")] == ["name", "nik", "kk"]
            tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE name LIKE 'workers_fts%'")}
            assert "workers_fts_docsize" not in tables
            assert c.execute("SELECT count(*) FROM workers_fts WHERE workers_fts MATCH 'babakan'").fetchone()[0] == 0
            assert c.execute("SELECT count(*) FROM workers_fts WHERE workers_fts MATCH 'euis'").fetchone()[0] == 1
        finally:
            c.close()
        assert maintenance.integrity_problems(ws.db) == []
        search = workers.WorkerQuery
        assert [w.name for w in workers.list_workers(ws, search(search="babakan euis"))] == ["Euis Rahayu"]
        assert workers.count_workers(ws, search(search="Babakan")) == 3
        assert workers.count_workers(ws, search(search="32040561")) == 1
        euis = workers.list_workers(ws, search(search="euis"))[0]
        workers.edit_worker(ws, users.default_actor(ws), euis.id, {"name": "Euis Komalasari"})
        assert [w.name for w in workers.list_workers(ws, search(search="komala"))] == ["Euis Komalasari"]
        assert workers.list_workers(ws, search(search="rahayu")) == []
    finally:
        ws.close()

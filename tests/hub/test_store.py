"""Opening a hub by URL on either engine: created at the newest schema, refused when it is not a hub."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from jamsos_desktop.domain.text import UserError
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models
from jamsos_desktop.hub.storage.db import HEAD_REVISION, VERSION_TABLE, current_revision, head_revision

from .conftest import PASSWORD


def test_a_new_hub_is_at_the_newest_schema_with_its_own_version_table(hub: Hub, engine_name: str) -> None:
    assert hub.store.dialect == engine_name
    assert current_revision(hub.store.engine) == head_revision() == HEAD_REVISION
    tables = set(inspect(hub.store.engine).get_table_names())
    assert VERSION_TABLE in tables and "alembic_version" not in tables
    assert set(models.metadata.tables) <= tables


def test_the_models_and_the_hub_migrations_agree(hub: Hub) -> None:
    with hub.store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "version_table": VERSION_TABLE})
        assert compare_metadata(ctx, models.metadata) == []


def test_reopening_a_current_hub_keeps_its_rows(hub_url: str) -> None:
    h = Hub.open(hub_url)
    from jamsos_desktop.hub import users

    users.add_user(h, None, username="clerk", full_name="Clerk", role="clerk", password=PASSWORD)
    h.close()
    h = Hub.open(hub_url)
    try:
        with h.reading() as s:
            assert s.execute(select(models.HubUser.username)).scalars().all() == ["clerk"]
    finally:
        h.close()


def test_every_record_table_is_keyed_by_village_code_and_id() -> None:
    for t in models.RECORD_TABLES.values():
        assert [c.name for c in t.primary_key.columns] == ["village_code", "id"]
    assert not any(c.primary_key for c in models.workers.c if c.name == "nik")


def test_a_village_database_is_not_a_hub(tmp_path: Path) -> None:
    from jamsos_desktop.storage.db import open_database

    open_database(tmp_path / "village.sqlite", create=True).close()
    with pytest.raises(UserError, match="bukan basis data hub"):
        Hub.open(f"sqlite:///{tmp_path / 'village.sqlite'}")


def test_a_hub_from_a_newer_app_is_refused(hub_url: str) -> None:
    h = Hub.open(hub_url)
    with h.store.engine.begin() as conn:
        conn.execute(models.metadata.tables["hub_settings"].insert().values(key="x", value={}))
        conn.exec_driver_sql(f"UPDATE {VERSION_TABLE} SET version_num = 'h9999'")
    h.close()
    with pytest.raises(UserError, match="lebih baru"):
        Hub.open(hub_url)


def test_an_unreachable_server_is_a_user_error() -> None:
    """Said as what to check, never as the driver's exception class (OperationalError)."""
    from jamsos_desktop.hub.storage import db

    with pytest.raises(UserError, match="tidak bisa dibuka") as opened:
        Hub.open("postgresql+psycopg://nobody:x@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(UserError, match="server tidak menjawab") as probed:
        db.probe("postgresql+psycopg://nobody:x@127.0.0.1:1/none?connect_timeout=2")
    for exc in (opened.value, probed.value):
        assert "Error" not in exc.message() and "Error" not in exc.message("en")
        assert "server" in exc.message("en") and ":x@" not in exc.message()


def test_a_missing_file_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="belum ada"):
        Hub.open(f"sqlite:///{tmp_path / 'none.sqlite'}", create=False)
    assert not (tmp_path / "none.sqlite").exists()


def test_an_engine_or_driver_the_hub_cannot_use_is_said_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every address a clerk may type: another server kind, text that is no address, and a
    PostgreSQL address where the app has no psycopg (the village bundle leaves it out)."""
    import importlib.util

    from jamsos_desktop.hub.storage.db import open_hub

    for url, words in (
        ("mysql://clerk@server/jamsos", "SQLite atau PostgreSQL"),
        ("postgresql+psycopg2://clerk@server/jamsos", "SQLite atau PostgreSQL"),
        ("server kabupaten", "bukan alamat basis data"),
    ):
        with pytest.raises(UserError, match=words) as err:
            open_hub(url)
        assert err.value.message().startswith("Basis data kabupaten")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "psycopg" else real(name, *a))
    with pytest.raises(UserError, match=r"psycopg\) tidak terpasang") as err:
        open_hub("postgresql://clerk:rahasia@127.0.0.1:1/jamsos")
    assert "rahasia" not in err.value.message()  # the password is never shown


def test_a_postgresql_address_as_people_write_it_means_psycopg(hub_url: str, engine_name: str) -> None:
    """``postgresql://…`` (no driver named) opens with psycopg 3, the driver the app has."""
    plain = hub_url.replace("postgresql+psycopg://", "postgresql://", 1)
    assert (plain != hub_url) == (engine_name == "postgresql")
    h = Hub.open(plain)
    try:
        assert h.store.engine.dialect.driver == ("psycopg" if engine_name == "postgresql" else "pysqlite")
    finally:
        h.close()


@pytest.mark.parametrize("engine_name", ["postgresql"], indirect=True)
def test_a_server_asking_for_a_password_is_said_so_and_no_password_is_shown(
    hub_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The address without its password: the server asks for one (not "cannot be opened"); a
    wrong one is refused as such; PostgreSQL's own PGPASSWORD gives it; no message or log line
    shows a password."""
    from jamsos_desktop.hub.storage import db

    secret = db.make_url(hub_url).password
    assert secret
    bare = db.without_password(hub_url)
    assert not db.has_password(bare) and db.with_password(bare, secret) == hub_url
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")  # none of the machine's own
    with pytest.raises(db.PasswordNeeded) as asked:
        Hub.open(bare)
    assert not asked.value.refused and "meminta kata sandi" in asked.value.message()
    with pytest.raises(db.PasswordNeeded) as refused:
        Hub.open(db.with_password(bare, "bukan-sandinya"))
    assert refused.value.refused and "bukan-sandinya" not in refused.value.message("en")
    assert "the server refused" in refused.value.message("en")
    monkeypatch.setenv("PGPASSWORD", secret)
    Hub.open(bare).close()


def test_text_that_is_no_address_keeps_no_password_to_strip() -> None:
    from jamsos_desktop.hub.storage import db

    assert db.without_password("bukan alamat") == "bukan alamat"
    assert db.with_password("bukan alamat", "x") == "bukan alamat"
    assert not db.has_password("bukan alamat")
    assert db.without_password("sqlite:////tmp/hub.sqlite") == "sqlite:////tmp/hub.sqlite"

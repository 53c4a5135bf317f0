"""The hub's fixtures: every hub test runs on SQLite and on the real PostgreSQL server.

``hub_url`` is parametrised over both engines; on PostgreSQL each test gets a schema of its own
(dropped after), named in the URL itself (``options=-csearch_path=...``), so the command line
and subprocesses reach the same schema by ``--db URL``. Without JAMSOS_TEST_PG_URL the
PostgreSQL half is skipped, except under CI (``CI=true``), where it fails: the hub's suite must
have run on both engines.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import keys as hub_keys
from jamsos_desktop.hub import users as hub_users
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models
from jamsos_desktop.storage import driver
from jamsos_desktop.sync.crypto import KeySet

from . import villages
from .villages import VillageFiles

PG_URL = os.environ.get("JAMSOS_TEST_PG_URL")
ENGINES = ("sqlite", "postgresql")
PASSWORD = "rahasia-kabupaten"
KEY_PASSPHRASE = "kunci-kabupaten-bandung"


@pytest.fixture(scope="session", autouse=True)
def _cheap_key_derivation() -> Iterator[None]:
    """Argon2id and scrypt at their lowest costs: every hub command signs in (about a second of
    Argon2id each on a busy machine) and the district key is opened with scrypt. The hashes and
    key files keep their parameters inside, so they are read the same way; the real costs are
    the village's and the sync package's, and their own tests hold them."""
    import argon2

    from jamsos_desktop.sync import crypto

    class Cheap(argon2.PasswordHasher):
        def __init__(self) -> None:
            super().__init__(time_cost=1, memory_cost=1024, parallelism=1)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(argon2, "PasswordHasher", Cheap)
        mp.setattr(crypto, "SCRYPT_N", 2**10)
        yield


def pg_schema_url(schema: str) -> str:
    assert PG_URL
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    if name == "postgresql" and not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run the hub's tests on PostgreSQL: set JAMSOS_TEST_PG_URL (scripts/start_postgres.sh)")
        pytest.skip("no PostgreSQL server (JAMSOS_TEST_PG_URL)")
    return name


@pytest.fixture
def hub_url(engine_name: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of the engine under test, as a URL ``open_hub`` (or ``--db``) takes."""
    if engine_name == "sqlite":
        yield f"sqlite:///{tmp_path / 'hub.sqlite'}"
        return
    assert PG_URL
    schema = f"hub_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def hub(hub_url: str) -> Iterator[Hub]:
    """An open, migrated, empty hub on the engine under test."""
    h = Hub.open(hub_url)
    yield h
    h.close()


@pytest.fixture
def clerk(request: pytest.FixtureRequest) -> Actor:
    """The first account of the hub (a clerk, password ``PASSWORD``): of ``keyed_hub`` when the
    test uses that one, else made in the empty ``hub``."""
    if "keyed_hub" in request.fixturenames:
        return request.getfixturevalue("keyed_template").clerk
    h: Hub = request.getfixturevalue("hub")
    return hub_users.add_user(h, None, username="clerk", full_name="Clerk Satu", role="clerk", password=PASSWORD)


@pytest.fixture(scope="session")
def village_files(tmp_path_factory: pytest.TempPathFactory) -> VillageFiles:
    """Real export files of three villages (and the foreign ones), made once per session."""
    return villages.build(tmp_path_factory.mktemp("villages"))


@dataclass
class KeyedTemplate:
    """A hub with its clerk and the district key the villages trust, made once per engine:
    the migrations, the Argon2id hash and the key's scrypt cost more than most tests."""

    url: str
    clerk: Actor


def _make_keyed(url: str, files: VillageFiles) -> KeyedTemplate:
    h = Hub.open(url)
    try:
        who = hub_users.add_user(h, None, username="clerk", full_name="Clerk Satu", role="clerk", password=PASSWORD)
        hub_keys.init_keys(
            h,
            who,
            name=villages.DISTRICT_NAME,
            region_code=villages.REGION,
            passphrase=KEY_PASSPHRASE,
            private_file=files.private_file,
        )
    finally:
        h.close()
    return KeyedTemplate(url, who)


@pytest.fixture(scope="session")
def _sqlite_keyed(tmp_path_factory: pytest.TempPathFactory, village_files: VillageFiles) -> KeyedTemplate:
    path = tmp_path_factory.mktemp("hub-template") / "hub.sqlite"
    t = _make_keyed(f"sqlite:///{path}", village_files)
    driver.checkpoint(path)
    return t


@pytest.fixture(scope="session")
def _pg_keyed(village_files: VillageFiles) -> Iterator[KeyedTemplate]:
    assert PG_URL
    schema = f"hubt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _make_keyed(pg_schema_url(schema), village_files)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def keyed_template(engine_name: str, request: pytest.FixtureRequest) -> KeyedTemplate:
    t: KeyedTemplate = request.getfixturevalue("_sqlite_keyed" if engine_name == "sqlite" else "_pg_keyed")
    return t


#: What a keyed hub holds beside its clerk and its keys: emptied for every test on PostgreSQL.
_RESET = (
    *models.RECORD_TABLES,
    "hub_files",
    "hub_devices",
    "hub_settings",
    "hub_village_figures",
    "hub_duplicates",
    "hub_results",
    "hub_returns",
    "hub_audit_heads",
)


@pytest.fixture
def keyed_hub(engine_name: str, keyed_template: KeyedTemplate, tmp_path: Path) -> Iterator[Hub]:
    """A hub with a clerk (``clerk``) and the district key the villages trust, nothing imported.
    SQLite: a copy of the template file. PostgreSQL: the session's schema, emptied of
    everything but the clerk, the keys and the audit of their making."""
    if engine_name == "sqlite":
        path = tmp_path / "hub.sqlite"
        shutil.copyfile(keyed_template.url.removeprefix("sqlite:///"), path)
        h = Hub.open(f"sqlite:///{path}")
    else:
        h = Hub.open(keyed_template.url)
        names = ", ".join(models.RECORD_TABLES[n].name if n in models.RECORD_TABLES else n for n in _RESET)
        with h.store.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names}"))
            conn.execute(text("DELETE FROM hub_audit WHERE seq > 2"))
            conn.execute(text("DELETE FROM hub_users WHERE username <> 'clerk'"))
    yield h
    h.close()


@pytest.fixture
def district_keys(village_files: VillageFiles) -> KeySet:
    """The private keys the hub holds (opening them from the hub is tested in test_keys.py)."""
    return village_files.keys

"""The hub's fixtures: every hub test runs on SQLite and on the real PostgreSQL server.

``hub_url`` is parametrised over both engines; on PostgreSQL each test gets a schema of its own
(dropped after), named in the URL itself (``options=-csearch_path=...``), so the command line
and subprocesses reach the same schema by ``--db URL``. Without JAMSOS_TEST_PG_URL the
PostgreSQL half is skipped, except under CI (``CI=true``), where it fails: the hub's suite must
have run on both engines.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import users as hub_users
from jamsos_desktop.hub.context import Hub

PG_URL = os.environ.get("JAMSOS_TEST_PG_URL")
ENGINES = ("sqlite", "postgresql")
PASSWORD = "rahasia-kabupaten"


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
def clerk(hub: Hub) -> Actor:
    """The first account of the hub (a clerk), with the password ``PASSWORD``."""
    return hub_users.add_user(hub, None, username="clerk", full_name="Clerk Satu", role="clerk", password=PASSWORD)

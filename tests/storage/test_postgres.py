"""The schema on a real PostgreSQL server: the district hub will merge villages into one.

Runs when JAMSOS_TEST_PG_URL is set (`.ci/run` starts a server and sets it); under CI a
missing server is a failure, not a skip.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jamsos_desktop.storage import models
from jamsos_desktop.storage.db import head_revision, include_object, upgrade

URL = os.environ.get("JAMSOS_TEST_PG_URL")
if not URL and os.environ.get("CI"):
    raise RuntimeError("CI must run the PostgreSQL tests: set JAMSOS_TEST_PG_URL (see scripts/start_postgres.sh)")
pytestmark = pytest.mark.skipif(not URL, reason="no PostgreSQL server (JAMSOS_TEST_PG_URL)")


@pytest.fixture
def pg() -> Iterator[Engine]:
    assert URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _worker(nik: str, **kw: object) -> models.Worker:
    values: dict[str, object] = {
        "nik": nik,
        "kk": "3204051203150007",
        "name": "Siti Aminah",
        "name_key": "siti aminah",
        "birth_place": "Bandung",
        "birth_date": dt.date(1995, 8, 5),
        "sex": "P",
        "dusun": "Babakan",
        "rt": "003",
        "rw": "002",
        "occupation_code": 9,
        "category": "petani",
    }
    values.update(kw)
    return models.Worker(**values)


def test_migrations_build_the_same_schema_on_postgresql(pg: Engine) -> None:
    upgrade(pg)
    with pg.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
        assert compare_metadata(ctx, models.Base.metadata) == []


def test_one_living_record_per_nik_on_postgresql(pg: Engine) -> None:
    upgrade(pg)
    with Session(pg) as s, s.begin():
        s.add(_worker("3204054508950001", deleted_at=models.utcnow()))
        s.add(_worker("3204054508950001"))  # the deleted one does not count
    with pytest.raises(IntegrityError), Session(pg) as s, s.begin():
        s.add(_worker("3204054508950001", name="Another"))

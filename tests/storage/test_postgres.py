"""The schema on a real PostgreSQL server: the district hub will merge villages into one.

Runs when JAMSOS_TEST_PG_URL is set (`.ci/run` starts a server and sets it); under CI a
missing server is a failure, not a skip. The engine-neutral part of storage (sessions, change
stamping, the worker repository) is tested on SQLite and PostgreSQL by the same test.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jamsos_desktop.domain.worker import validate_worker
from jamsos_desktop.storage import models, worker_store
from jamsos_desktop.storage.db import Store, head_revision, include_object, make_engine_for_url, upgrade
from jamsos_desktop.storage.ids import new_id

from ..services.test_workers import SITI

URL = os.environ.get("JAMSOS_TEST_PG_URL")
if not URL and os.environ.get("CI"):
    raise RuntimeError("CI must run the PostgreSQL tests: set JAMSOS_TEST_PG_URL (see scripts/start_postgres.sh)")
needs_pg = pytest.mark.skipif(not URL, reason="no PostgreSQL server (JAMSOS_TEST_PG_URL)")


@pytest.fixture
def pg() -> Iterator[Engine]:
    assert URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine_for_url(URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_pg)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated, empty database of either engine, opened the same way (by URL)."""
    if request.param == "postgresql":
        engine = request.getfixturevalue("pg")
    else:
        engine = make_engine_for_url(f"sqlite:///{tmp_path / 'j.sqlite'}")
    upgrade(engine)
    s = Store(engine)
    assert s.dialect == request.param
    yield s
    s.close()


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


@needs_pg
def test_migrations_build_the_same_schema_on_postgresql(pg: Engine) -> None:
    upgrade(pg)
    with pg.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
        assert compare_metadata(ctx, models.Base.metadata) == []


@needs_pg
def test_one_living_record_per_nik_on_postgresql(pg: Engine) -> None:
    upgrade(pg)
    with Session(pg) as s, s.begin():
        s.add(_worker("3204054508950001", deleted_at=models.utcnow()))
        s.add(_worker("3204054508950001"))  # the deleted one does not count
    with pytest.raises(IntegrityError), Session(pg) as s, s.begin():
        s.add(_worker("3204054508950001", name="Another"))


#: Two valid workers of one household, as the domain normalizes them.
PEOPLE = [
    {**SITI, "dtks": True},
    {
        "nik": "3204051203800002",
        "kk": "3204051203150007",
        "name": "Asep Suryana",
        "birth_place": "Bandung",
        "birth_date": "1980-03-12",
        "sex": "L",
        "dusun": "Sukamaju",
        "rt": "3",
        "rw": "2",
        "occupation": "9",
        "category": "petani",
    },
]


def test_change_stamping_and_the_worker_repository_on_each_engine(store: Store) -> None:
    """Single writes (the flush hook) and the bulk insert stamp change numbers in one sequence
    and name the author; the repository reads back what it wrote, types intact."""
    data = [validate_worker(p, reference=dt.date(2026, 11, 21)).data for p in PEOPLE]
    assert all(d is not None for d in data)
    with store.write("actor-1") as s:
        s.add(
            _worker(
                "3204054508950009",
                name="Euis Rahayu",
                name_key="euis rahayu",
                dusun="Cibiru",
                birth_date=dt.date(1990, 1, 1),
            )
        )
    new = [worker_store.NewWorker(new_id(), d.name.lower(), d) for d in data if d is not None]
    with store.write("actor-2") as s:
        worker_store.insert_workers(s, new, status="recorded", actor_id="actor-2")
    with store.write("actor-3") as s:
        gone = s.execute(select(models.Worker).where(models.Worker.nik == PEOPLE[1]["nik"])).scalar_one()
        gone.deleted_at = models.utcnow()
    with store.read() as s:
        rows = s.execute(select(models.Worker).order_by(models.Worker.change_seq)).scalars().all()
        seqs = [w.change_seq for w in rows]
        assert len(set(seqs)) == 3 and seqs == sorted(seqs)
        assert [w.updated_by for w in rows] == ["actor-1", "actor-2", "actor-3"]
        assert [w.created_by for w in rows] == ["actor-1", "actor-2", "actor-2"]
        counter = s.execute(select(models.Counter.value).where(models.Counter.name == "change")).scalar_one()
        assert counter == max(seqs)
        siti = next(w for w in rows if w.nik == PEOPLE[0]["nik"])
        assert (siti.birth_date, siti.dtks, siti.resident, siti.income) == (dt.date(1995, 8, 5), True, True, 900_000)
        assert siti.version == 1 and siti.status == "recorded" and siti.id == new[0].id
        assert worker_store.live_count(s) == 2
        assert worker_store.distinct_values(s, "dusun") == ["Babakan", "Cibiru"]
        assert worker_store.live_niks(s) == {w.nik: w.id for w in rows if w.deleted_at is None}
        living = {w.name_key: (w.nik, w.id) for w in rows if w.deleted_at is None}
        assert worker_store.live_people(s) == {
            ("euis rahayu", dt.date(1990, 1, 1)): living["euis rahayu"],
            ("siti aminah", dt.date(1995, 8, 5)): living["siti aminah"],
        }
        with pytest.raises(ValueError):
            worker_store.distinct_values(s, "nik")


def test_a_failed_write_leaves_nothing_on_each_engine(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write("actor-1") as s:
        s.add(_worker("3204054508950009"))
        s.flush()
        raise RuntimeError("power cut")
    with store.read() as s:
        assert worker_store.live_count(s) == 0
        assert s.execute(select(models.Counter.value).where(models.Counter.name == "change")).scalar_one() == 0

from __future__ import annotations

import uuid
from dataclasses import asdict

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from jamsos_desktop.domain.worker import validate_worker
from jamsos_desktop.services import workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models
from jamsos_desktop.storage.ids import new_id, new_ids

from ..services.test_workers import SITI


def test_pragmas(workspace: Workspace) -> None:
    with workspace.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_ids_are_time_ordered_uuid7() -> None:
    for ids in ([new_id() for _ in range(50)], new_ids(2000)):
        for i in ids:
            u = uuid.UUID(i)
            assert str(u) == i and u.version == 7 and u.variant == uuid.RFC_4122
        assert ids[0][:8] <= ids[-1][:8]
        assert len(set(ids)) == len(ids)
    # Every digit that is not the version's or the variant's is random: each of the 16 turns up.
    many = new_ids(5000)
    for at in (15, 16, 17, 20, 21, 22, *range(24, 36)):
        assert {i[at] for i in many} == set("0123456789abcdef"), at
    assert {i[19] for i in many} == set("89ab")


def test_every_write_gets_a_change_number_and_an_author(workspace: Workspace, operator: Actor) -> None:
    wid = workers.add_worker(workspace, operator, SITI).id
    with workspace.reading() as s:
        w = s.get_one(models.Worker, wid)
        first = w.change_seq
        assert w.created_by == operator.id and w.updated_by == operator.id and w.version == 1
    workers.edit_worker(workspace, operator, wid, {"dusun": "Sukasari"})
    with workspace.reading() as s:
        w = s.get_one(models.Worker, wid)
        assert w.change_seq > first and w.version == 2
        counter = s.execute(select(models.Counter.value).where(models.Counter.name == "change")).scalar_one()
        assert counter >= w.change_seq


def test_stale_write_is_detected(workspace: Workspace, operator: Actor) -> None:
    wid = workers.add_worker(workspace, operator, SITI).id
    with workspace.db.write(operator.id) as s1:
        w1 = s1.get_one(models.Worker, wid)
        w1.notes = "satu"
    with pytest.raises(StaleDataError), workspace.db.write(operator.id) as s2:
        w2 = s2.get_one(models.Worker, wid)
        s2.execute(models.Worker.__table__.update().where(models.Worker.id == wid).values(version=99))
        w2.notes = "dua"
        s2.flush()


def test_failed_unit_of_work_leaves_nothing(workspace: Workspace, operator: Actor) -> None:
    before = workers.count_workers(workspace)
    with pytest.raises(RuntimeError), workspace.unit_of_work(operator) as uow:
        data = validate_worker(SITI).data
        assert data is not None
        uow.session.add(models.Worker(**asdict(data), name_key="siti aminah"))
        uow.session.flush()
        raise RuntimeError("power cut")
    assert workers.count_workers(workspace) == before

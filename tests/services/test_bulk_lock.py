"""A long bulk add does not hold the write lock while it validates; a writer that waits too long gets a message."""

from __future__ import annotations

from typing import Any

import pytest

from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver
from jamsos_desktop.storage.db import WriterBusy

from .test_workers import SITI

OTHER = SITI | {"nik": "3204054508950002", "name": "Siti Rahayu", "birth_date": "1995-08-05"}


def _lock_is_free(ws: Workspace) -> bool:
    conn = driver.connect(ws.db.path, ws.db.key)
    try:
        conn.execute("PRAGMA busy_timeout=0")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return True
    except driver.DBAPI.OperationalError:
        return False
    finally:
        conn.close()


def test_validation_runs_without_the_write_lock(
    workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    free: list[bool] = []
    real = workers.validate_worker

    def watched(values: dict[str, Any], **kw: Any) -> Any:
        free.append(_lock_is_free(workspace))
        return real(values, **kw)

    monkeypatch.setattr(workers, "validate_worker", watched)
    result = workers.bulk_add_workers(workspace, operator, [SITI, OTHER])
    assert result.added == 2 and free == [True, True]


def test_a_record_another_writer_adds_meanwhile_is_not_duplicated(
    workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = workers.validate_worker
    calls: list[int] = []

    def and_meanwhile(values: dict[str, Any], **kw: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:  # between the bulk add's snapshot and its insert
            workers.add_worker(workspace, operator, SITI)
        return real(values, **kw)

    monkeypatch.setattr(workers, "validate_worker", and_meanwhile)
    result = workers.bulk_add_workers(workspace, operator, [SITI, OTHER])
    assert result.added == 0 and result.rejected and result.rejected[0][0] == 1  # all or nothing
    with workspace.reading() as s:
        assert workers.live_count(s) == 1


def test_a_writer_kept_waiting_gets_a_message_and_writes_nothing(
    workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(driver, "BUSY_TIMEOUT", 0.2)
    ws = Workspace.open(workspace.data_dir)  # its connections wait 0.2 s, not 10
    holder = driver.connect(ws.db.path, ws.db.key)
    try:
        holder.execute("BEGIN IMMEDIATE")  # a long import elsewhere
        with pytest.raises(WriterBusy) as e:
            workers.add_worker(ws, operator, SITI)
        assert isinstance(e.value, UserError) and "proses lain" in e.value.message()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert workers.add_worker(ws, operator, SITI).id
    ws.close()

"""Worker rows read by the search's SQL are the rows the ORM reads, on every path."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, replace

from sqlalchemy import Boolean, Date, DateTime, select
from sqlalchemy.orm import Session

from jamsos_desktop.domain.worker import WorkerData
from jamsos_desktop.services import workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.services.rows import WorkerRow
from jamsos_desktop.services.workers import WorkerQuery
from jamsos_desktop.storage import models, worker_search, worker_store
from jamsos_desktop.storage.ids import new_id


def test_row_fields_are_the_row_type_and_real_columns() -> None:
    assert tuple(WorkerRow.__dataclass_fields__) == worker_store.ROW_FIELDS
    columns = models.Worker.__table__.c
    assert all(f in columns for f in worker_store.ROW_FIELDS)
    assert set(worker_store.BULK_COLUMNS) <= set(columns.keys())
    # Every column the bulk insert leaves out has a server or model default, or may be empty.
    for c in columns:
        if c.name not in worker_store.BULK_COLUMNS:
            assert c.nullable or c.default is not None or c.server_default is not None, c.name


def test_typed_columns_are_converted_by_type(demo_workspace: Workspace) -> None:
    """Dates, times and flags come back as Python values whichever connection reads them."""
    columns = models.Worker.__table__.c
    typed = [f for f in worker_store.ROW_FIELDS if isinstance(columns[f].type, Date | DateTime | Boolean)]
    assert {"birth_date", "dtks", "created_at"} <= set(typed)
    with demo_workspace.reading() as s:
        orm = {w.id: workers.worker_row(w) for w in s.execute(select(models.Worker)).scalars()}
        numbers = worker_search.rowids(s, WorkerQuery(limit=None))
        by_session = worker_search.rows(s, numbers, WorkerRow)
    with demo_workspace.db.plain() as conn:
        by_plain = worker_search.page(conn, WorkerQuery(limit=None), WorkerRow)
        by_plain_page = worker_search.page(conn, WorkerQuery(limit=7, offset=3), WorkerRow)
        by_plain_rows = worker_search.rows(conn, numbers, WorkerRow)
    assert len(orm) == len(by_plain) > 100
    for found in (by_session, by_plain, by_plain_page, by_plain_rows):
        for r in found:
            assert r == orm[r.id]
            for f in typed:
                assert type(getattr(r, f)) is type(getattr(orm[r.id], f)), f
    assert [r.id for r in by_plain_page] == [r.id for r in by_plain[3:10]]
    assert [r.id for r in by_session] == [r.id for r in by_plain] == [r.id for r in by_plain_rows]


def _stored_columns(s: Session, nik: str) -> dict[str, tuple[str, object]]:
    """Each entered field of the worker with this NIK as SQLite holds it: (its type, its value)."""
    cols = ", ".join(f"typeof({c}), {c}" for c in worker_store.BULK_COLUMNS[: len(WorkerData.__dataclass_fields__)])
    row = s.connection().exec_driver_sql(f"SELECT {cols} FROM workers WHERE nik = ?", (nik,)).one()
    names = worker_store.BULK_COLUMNS
    return {names[i // 2]: (row[i], row[i + 1]) for i in range(0, len(row), 2)}


def test_the_bulk_insert_stores_what_the_orm_stores(workspace: Workspace) -> None:
    """Every entered field (dates, flags, an empty income, a consent date or none) is stored by
    the bulk insert's driver binds exactly as the ORM stores it: the same SQLite type and value."""
    base = WorkerData(
        "3204051508950001", "3204051508950099", "Siti Aminah", "Bandung", dt.date(1995, 8, 15), "P", "Babakan",
        "001", "002", 9, "petani", "Kp. Babakan", "081234567890", None, "Ahmad", "Suami", "", True, False, "",
        True, "catatan", dt.date(2026, 11, 1),
    )  # fmt: skip
    for n, data in enumerate([base, replace(base, income=1_500_000, dtks=False, resident=False, consent_date=None)]):
        orm, bulk = replace(data, nik=f"32040515089500{n}2"), replace(data, nik=f"32040515089500{n}3")
        with workspace.db.write() as s:
            s.add(models.Worker(**asdict(orm), name_key=orm.name.lower(), status="recorded"))
            s.flush()
            worker_store.insert_workers(
                s, [worker_store.NewWorker(new_id(), bulk.name.lower(), bulk)], status="recorded", actor_id=None
            )
        with workspace.reading() as s:
            by_orm, by_bulk = _stored_columns(s, orm.nik), _stored_columns(s, bulk.nik)
        assert by_orm.pop("nik") != by_bulk.pop("nik")
        assert by_bulk == by_orm
        assert by_bulk["birth_date"] == ("text", "1995-08-15")

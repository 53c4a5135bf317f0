"""Worker rows read by the search's SQL are the rows the ORM reads, on every path."""

from __future__ import annotations

from sqlalchemy import Boolean, Date, DateTime, select

from jamsos_desktop.services import workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.services.rows import WorkerRow
from jamsos_desktop.services.workers import WorkerQuery
from jamsos_desktop.storage import models, worker_search, worker_store


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

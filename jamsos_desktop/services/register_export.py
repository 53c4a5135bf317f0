"""The register as a spreadsheet (.xlsx or .csv), filtered as the worker table filters.

The columns are the worker record's exported input fields under their export names
(``records.WORKER``), then the id and the status, so an export reads back through the import
unchanged. NIK, No. KK, RT/RW and phone numbers are text cells (Excel would turn a NIK into
3.20101E+15). The masked variant shows identity and phone numbers as ``3204**********01``, for
lists that leave the office. Rows are read by row number a thousand at a time and written as
they come (XlsxWriter in constant memory), so 100,000 workers need little memory. Every
export is in the audit trail (who took which personal data where, UU 27/2022).
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

from ..domain import identity, statuses
from ..domain.actors import sees_full_nik
from ..domain.occupations import CATEGORIES
from ..domain.records import WORKER, Field
from ..domain.rows import WorkerRow
from ..storage import worker_search
from ..tabular import TableWriter
from .context import Actor, Workspace

#: The register's columns: what people enter, then the record's id and status.
COLUMNS: tuple[Field, ...] = (
    *(f for f in WORKER.fields if f.input is not None and f.export is not None),
    WORKER["id"],
    WORKER["status"],
)
HEADERS: tuple[str, ...] = tuple(f.export or f.name for f in COLUMNS)
TEXT_FIELDS = frozenset({"nik", "kk", "rt", "rw", "phone", "heir_phone", "kpj", "id"})
MASKED_FIELDS = frozenset({"nik", "kk", "phone", "heir_phone", "kpj"})
_TEXT_COLUMNS = tuple(i for i, f in enumerate(COLUMNS) if f.name in TEXT_FIELDS)
CHUNK = 1000


def _value(row: WorkerRow, f: Field, masked: bool) -> Any:
    v = getattr(row, f.attr)
    if f.name == "category":
        return CATEGORIES.get(v, v)
    if f.name == "status":  # the word the office reads ("Tercatat"), not the internal code
        return statuses.label(v, "id") if v else v
    if masked and f.name in MASKED_FIELDS and v:
        return identity.mask_nik(str(v))
    return v


def export_steps(
    ws: Workspace, actor: Actor, query: worker_search.WorkerQuery, out: Path, *, masked: bool = False
) -> Generator[tuple[int, int], None, int]:
    """Writes the workers ``query`` finds (its paging ignored) to ``out``, yielding progress
    after every thousand; stopped (the generator closed), it leaves no file and no audit entry.
    Returns how many were written. Whoever does not see full NIKs (``actors.sees_full_nik``)
    gets the masked export, whatever was asked."""
    out = Path(out)
    masked = masked or not sees_full_nik(actor.role)
    with ws.db.plain() as conn:
        numbers = worker_search.rowids(conn, query)
    total = len(numbers)
    yield 0, total
    with TableWriter(out, HEADERS, text_columns=_TEXT_COLUMNS, sheet="Pekerja", widths=[18] * len(HEADERS)) as w:
        for i in range(0, total, CHUNK):
            with ws.db.plain() as conn:
                part = worker_search.rows(conn, numbers[i : i + CHUNK], WorkerRow)
            w.write([_value(r, f, masked) for f in COLUMNS] for r in part)
            yield w.count, total
    with ws.unit_of_work(actor) as uow:
        uow.audit(
            "worker.export_register",
            "worker",
            None,
            None,
            {
                "file": out.name,
                "count": w.count,
                "masked": masked,
                "search": query.search,
                "status": query.status,
                "category": query.category,
                "dusun": query.dusun,
            },
        )
    return w.count


def export_register(
    ws: Workspace, actor: Actor, query: worker_search.WorkerQuery, out: Path, *, masked: bool = False
) -> int:
    """``export_steps`` run to the end (the command line)."""
    steps = export_steps(ws, actor, query, out, masked=masked)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            n: int = stop.value
            return n

"""Writing spreadsheets: .xlsx through XlsxWriter (row by row, in constant memory) and .csv.

Columns named as text are written as text cells, so a NIK keeps its 16 digits when the file is
opened in Excel; dates are date cells shown DD-MM-YYYY. The CSV is UTF-8 with a BOM (Excel
opens it as UTF-8 only then) and comma-separated.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..domain.text import Text, UserError

Value = object  # str | int | float | bool | date | None


def _temp(path: Path) -> Path:
    return path.with_name(f".{path.name}.part")


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Value]],
    *,
    text_columns: Iterable[int] = (),
    wrap_columns: Iterable[int] = (),
    sheet: str = "Data",
    widths: Sequence[int] | None = None,
) -> int:
    """Writes ``rows`` under ``headers`` to ``path`` (.xlsx or .csv by its suffix); returns the
    number of rows written. The file appears whole or not at all (written beside, then renamed)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError("out", Text("harus berakhiran .xlsx atau .csv", "must end in .xlsx or .csv"), path)
    tmp = _temp(path)
    try:
        if suffix == ".csv":
            n = _write_csv(tmp, headers, rows)
        else:
            n = _write_xlsx(
                tmp,
                headers,
                rows,
                text_columns=set(text_columns),
                wrap_columns=set(wrap_columns),
                sheet=sheet,
                widths=widths,
            )
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(
            "out", Text(f"tidak bisa ditulis ({exc.strerror})", f"cannot be written ({exc.strerror})"), path
        ) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return n


def _csv_value(v: Value) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "Ya" if v else "Tidak"
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ", timespec="seconds")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Value]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(headers)
        for r in rows:
            w.writerow([_csv_value(v) for v in r])
            n += 1
    return n


def _write_xlsx(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Value]],
    *,
    text_columns: set[int],
    wrap_columns: set[int],
    sheet: str,
    widths: Sequence[int] | None,
) -> int:
    import xlsxwriter

    # constant_memory: each row goes to disk once the next begins, so 100,000 rows cost no more
    # memory than one. Strings are then written inline, which Excel reads the same.
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    try:
        ws = wb.add_worksheet(sheet[:31])
        bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        text = wb.add_format({"num_format": "@"})
        date = wb.add_format({"num_format": "dd-mm-yyyy"})
        wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        for col, h in enumerate(headers):
            width = widths[col] if widths is not None and col < len(widths) else max(10, min(40, len(h) + 2))
            ws.set_column(col, col, width, text if col in text_columns else None)
        ws.write_row(0, 0, list(headers), bold)
        ws.freeze_panes(1, 0)
        n = 0
        for n, r in enumerate(rows, start=1):
            for col, v in enumerate(r):
                if v is None or v == "":
                    continue
                if col in text_columns and isinstance(v, str):
                    ws.write_string(n, col, v, text)
                elif isinstance(v, bool):
                    ws.write_string(n, col, "Ya" if v else "Tidak")
                elif isinstance(v, dt.date):
                    ws.write_datetime(n, col, v, date)
                elif isinstance(v, int | float):
                    ws.write_number(n, col, v)
                else:
                    ws.write_string(n, col, str(v), wrap if col in wrap_columns else None)
        ws.autofilter(0, 0, max(n, 1), max(len(headers) - 1, 0))
    finally:
        wb.close()
    return n

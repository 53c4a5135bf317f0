"""Writing spreadsheets: .xlsx through XlsxWriter (row by row, in constant memory) and .csv.

Columns named as text are written as text cells, so a NIK keeps its 16 digits when the file is
opened in Excel; dates are date cells shown DD-MM-YYYY. The CSV is UTF-8 with a BOM (Excel
opens it as UTF-8 only then) and comma-separated.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..domain.text import Text, UserError

Value = object  # str | int | float | bool | date | None


def _temp(path: Path) -> Path:
    return path.with_name(f".{path.name}.part")


class TableWriter:
    """A table written row by row to ``path`` (.xlsx or .csv by its suffix): the rows go to a
    file beside it, which takes the name only on ``close``; ``abort`` (or an exception inside
    ``with``) leaves no file. So a long export can report progress and be stopped between rows."""

    def __init__(
        self,
        path: Path,
        headers: Sequence[str],
        *,
        text_columns: Iterable[int] = (),
        wrap_columns: Iterable[int] = (),
        sheet: str = "Data",
        widths: Sequence[int] | None = None,
    ) -> None:
        self.path = Path(path)
        suffix = self.path.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            raise UserError("out", Text("harus berakhiran .xlsx atau .csv", "must end in .xlsx or .csv"), path)
        self.count = 0
        self._tmp = _temp(self.path)
        self._text = set(text_columns)
        self._wrap = set(wrap_columns)
        self._csv: Any = None
        self._file: Any = None
        self._wb: Any = None
        with _writing(self.path):
            if suffix == ".csv":
                self._file = open(self._tmp, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed in close()
                self._csv = csv.writer(self._file)
                self._csv.writerow(headers)
            else:
                self._open_xlsx(headers, sheet, widths)
        self._width = len(headers)

    def _open_xlsx(self, headers: Sequence[str], sheet: str, widths: Sequence[int] | None) -> None:
        import xlsxwriter

        # constant_memory: each row goes to disk once the next begins, so 100,000 rows cost no
        # more memory than one. Strings are then written inline, which Excel reads the same.
        self._wb = wb = xlsxwriter.Workbook(str(self._tmp), {"constant_memory": True, "strings_to_numbers": False})
        self._ws = ws = wb.add_worksheet(sheet[:31])
        bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self._fmt_text = wb.add_format({"num_format": "@"})
        self._fmt_date = wb.add_format({"num_format": "dd-mm-yyyy"})
        self._fmt_wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        for col, h in enumerate(headers):
            width = widths[col] if widths is not None and col < len(widths) else max(10, min(40, len(h) + 2))
            ws.set_column(col, col, width, self._fmt_text if col in self._text else None)
        ws.write_row(0, 0, list(headers), bold)
        ws.freeze_panes(1, 0)

    def write(self, rows: Iterable[Sequence[Value]]) -> None:
        with _writing(self.path):
            if self._csv is not None:
                for r in rows:
                    self._csv.writerow([_csv_value(v) for v in r])
                    self.count += 1
                return
            ws, n = self._ws, self.count
            for r in rows:
                n += 1
                for col, v in enumerate(r):
                    if v is None or v == "":
                        continue
                    if col in self._text and isinstance(v, str):
                        ws.write_string(n, col, v, self._fmt_text)
                    elif isinstance(v, bool):
                        ws.write_string(n, col, "Ya" if v else "Tidak")
                    elif isinstance(v, dt.date):
                        ws.write_datetime(n, col, v, self._fmt_date)
                    elif isinstance(v, int | float):
                        ws.write_number(n, col, v)
                    else:
                        ws.write_string(n, col, str(v), self._fmt_wrap if col in self._wrap else None)
            self.count = n

    def close(self) -> int:
        """Finishes the file and gives it its name; returns the number of rows written."""
        try:
            with _writing(self.path):
                if self._csv is not None:
                    self._file.close()
                else:
                    self._ws.autofilter(0, 0, max(self.count, 1), max(self._width - 1, 0))
                    wb, self._wb = self._wb, None
                    wb.close()
                os.replace(self._tmp, self.path)
        finally:
            self.abort()
        return self.count

    def abort(self) -> None:
        if self._file is not None and not self._file.closed:
            self._file.close()
        if self._wb is not None:
            # XlsxWriter holds the rows in a temporary file until it closes; closing is the only
            # way to let go of it (the half-written result is removed just below).
            wb, self._wb = self._wb, None
            wb.close()
        if self._tmp.exists():
            self._tmp.unlink()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise UserError(
            "out", Text(f"tidak bisa ditulis ({exc.strerror})", f"cannot be written ({exc.strerror})"), path
        ) from None


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
    with TableWriter(
        path, headers, text_columns=text_columns, wrap_columns=wrap_columns, sheet=sheet, widths=widths
    ) as w:
        w.write(rows)
    return w.count


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

"""Reading spreadsheets: .xlsx, .xlsm, .xls (and .ods) through calamine, .csv by hand.

Every row comes with the number Excel shows for it, so every message can name the row the
officer sees. Only regular files are opened, after their size is checked: a device, a pipe or
a folder is refused before anything reads it (opening a FIFO would wait for a writer forever).
A CSV's encoding (UTF-8 with or without BOM, UTF-16 from Excel's "Unicode text", else
Windows-1252) and delimiter (``,`` ``;`` or tab) are worked out from its bytes.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..domain.text import Text, UserError

#: Spreadsheets larger than this are refused (a village's list is a few MB at most).
MAX_BYTES = 64 * 1024 * 1024
#: Rows beyond this are refused: a sheet this long is not a village's worker list.
MAX_ROWS = 250_000
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
SUFFIXES = SPREADSHEET_SUFFIXES + CSV_SUFFIXES
#: A sheet of codes OpenSID's template carries beside the data.
_NOT_DATA_SHEETS = ("kode data",)

Cell = object  # str | int | float | bool | date | datetime | time | None
Row = tuple[int, tuple[Cell, ...]]  # (Excel's row number, the cells from column A)


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    rows: tuple[Row, ...]  # rows with at least one cell filled, in order


def _refuse(text: Text, value: object) -> UserError:
    return UserError("file", text, value)


def check_file(path: Path, max_bytes: int = MAX_BYTES) -> int:
    """The file's size, or a refusal: missing, not a regular file, too large, or of no known kind."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise _refuse(Text("tidak ditemukan", "not found"), path) from None
    except OSError as exc:
        raise _refuse(Text(f"tidak bisa dibuka ({exc.strerror})", f"cannot be opened ({exc.strerror})"), path) from None
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(Text("bukan berkas biasa", "is not a regular file"), path)
    if st.st_size > max_bytes:
        mb = max_bytes // (1024 * 1024)
        raise _refuse(Text(f"terlalu besar (lebih dari {mb} MB)", f"too large (more than {mb} MB)"), path)
    if path.suffix.lower() not in SUFFIXES:
        raise _refuse(
            Text(
                "bukan lembar kerja (.xlsx, .xlsm, .xls, .ods atau .csv)",
                "is not a spreadsheet (.xlsx, .xlsm, .xls, .ods or .csv)",
            ),
            path,
        )
    return st.st_size


def is_csv(path: Path) -> bool:
    return path.suffix.lower() in CSV_SUFFIXES


def _workbook(path: Path) -> object:
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine's errors are of several kinds, all meaning "cannot read"
        raise _refuse(
            Text(
                "tidak bisa dibaca sebagai lembar kerja (rusak, berkata sandi, atau bukan Excel)",
                "cannot be read as a spreadsheet (damaged, password-protected, or not Excel)",
            ),
            f"{path.name}: {exc}",
        ) from None


def sheet_names(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str, ...]:
    """The sheets of a workbook (a CSV has one, named after the file)."""
    check_file(path, max_bytes)
    if is_csv(path):
        return (path.stem,)
    wb = _workbook(path)
    return tuple(str(n) for n in wb.sheet_names)  # type: ignore[attr-defined]


def data_sheets(names: Sequence[str]) -> list[str]:
    """The sheets that may hold data (OpenSID's "Kode Data" sheet of codes left out)."""
    return [n for n in names if n.strip().lower() not in _NOT_DATA_SHEETS] or list(names)


def _blank(v: Cell) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _kept(number: int, cells: Sequence[Cell]) -> Row | None:
    if all(_blank(c) for c in cells):
        return None
    out = list(cells)
    while out and _blank(out[-1]):
        out.pop()
    return number, tuple(None if isinstance(c, str) and not c.strip() else c for c in out)


def _too_many(path: Path) -> UserError:
    return _refuse(Text(f"lebih dari {MAX_ROWS:,} baris".replace(",", "."), f"more than {MAX_ROWS:,} rows"), path.name)


def _sheet_rows(path: Path, wb: object, name: str, limit: int | None) -> tuple[Row, ...]:
    ws = wb.get_sheet_by_name(name)  # type: ignore[attr-defined]
    rows: list[Row] = []
    # skip_empty_area=False: the first list is row 1, so the numbers are Excel's.
    for n, cells in enumerate(ws.to_python(skip_empty_area=False, nrows=limit), start=1):
        if n > MAX_ROWS:
            raise _too_many(path)
        row = _kept(n, cells)
        if row is not None:
            rows.append(row)
    return tuple(rows)


#: Picks a sheet among the data sheets, given a look at the top rows of each by name.
Chooser = Callable[[Sequence[str], Callable[[str], tuple[Row, ...]]], str]


def read_book(
    path: Path, sheet: str | None = None, *, choose: Chooser | None = None, max_bytes: int = MAX_BYTES, top: int = 30
) -> tuple[tuple[str, ...], Sheet]:
    """The workbook's sheet names and one sheet's filled rows, from one opening of the file:
    ``sheet``, else the one ``choose`` picks among several data sheets (it may look at the
    first ``top`` rows of each), else the first data sheet."""
    check_file(path, max_bytes)
    if is_csv(path):
        return (path.stem,), Sheet(path.stem, tuple(_csv_rows(path, max_bytes, None)))
    wb = _workbook(path)
    names = tuple(str(n) for n in wb.sheet_names)  # type: ignore[attr-defined]
    if sheet is None:
        candidates = data_sheets(names) or [""]
        if choose is not None and len(candidates) > 1:
            sheet = choose(candidates, lambda name: _sheet_rows(path, wb, name, top))
        else:
            sheet = candidates[0]
    if sheet not in names:
        raise UserError("sheet", Text("tidak ada di berkas ini", "is not in this file"), sheet)
    return names, Sheet(sheet, _sheet_rows(path, wb, sheet, None))


def read_sheet(path: Path, sheet: str | None = None, *, max_bytes: int = MAX_BYTES, limit: int | None = None) -> Sheet:
    """One sheet's filled rows (the first data sheet when ``sheet`` is None). ``limit`` stops
    after that many rows of the file (a look at the top to find the header)."""
    check_file(path, max_bytes)
    if is_csv(path):
        return Sheet(path.stem, tuple(_csv_rows(path, max_bytes, limit)))
    wb = _workbook(path)
    names = [str(n) for n in wb.sheet_names]  # type: ignore[attr-defined]
    name = sheet if sheet is not None else (data_sheets(names) or [""])[0]
    if name not in names:
        raise UserError("sheet", Text("tidak ada di berkas ini", "is not in this file"), sheet)
    return Sheet(name, _sheet_rows(path, wb, name, limit))


# -- CSV -------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 (what Excel for
    Windows writes as "CSV"). Windows-1252 leaves five bytes undefined; they become U+FFFD
    rather than failing the whole file."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most equal, widest rows."""
    sample = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", -1.0
    for delim in (",", ";", "\t", "|"):
        widths = [len(r) for r in csv.reader(sample, delimiter=delim)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = widths.count(common) / len(widths) * common
        if score > best_score:
            best, best_score = delim, score
    return best


def _csv_rows(path: Path, max_bytes: int, limit: int | None) -> Iterator[Row]:
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew since it was checked
        raise _refuse(Text("terlalu besar", "too large"), path)
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    # A record is one row in Excel even when a quoted cell spans lines.
    for n, cells in enumerate(reader, start=1):
        if limit is not None and n > limit:
            return
        if n > MAX_ROWS:
            raise _too_many(path)
        row = _kept(n, cells)
        if row is not None:
            yield row

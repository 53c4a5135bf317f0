"""Messy spreadsheets as villages have them, written by the tests themselves."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

HEADERS = (
    "No",
    "NIK",
    "No. KK",
    "Nama Lengkap",
    "Tempat Lahir",
    "Tgl Lahir",
    "L/P",
    "Alamat",
    "Dusun",
    "RT",
    "RW",
    "Pekerjaan",
    "No HP",
    "Penghasilan",
    "Nama Ahli Waris",
    "Hubungan Ahli Waris",
)


def xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    headers: Sequence[str] = HEADERS,
    title: bool = True,
    sheet: str = "Data Pekerja",
    extra_sheets: Sequence[str] = (),
    junk: bool = True,
) -> Path:
    """A sheet with a merged title block, a blank line, the header, the rows (a None row is left
    blank, a (formula, value) pair is a formula), and a total and a signature below."""
    wb = xlsxwriter.Workbook(str(path))
    for name in extra_sheets:
        wb.add_worksheet(name).write(0, 0, "catatan")
    ws = wb.add_worksheet(sheet)
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    r = 0
    if title:
        ws.merge_range(0, 0, 0, len(headers) - 1, "DAFTAR PEKERJA RENTAN DESA SUKAMAJU")
        ws.merge_range(1, 0, 1, len(headers) - 1, "Tahun 2026")
        r = 3
    ws.write_row(r, 0, list(headers))
    for values in rows:
        r += 1
        if values is None:
            continue
        for c, v in enumerate(values):
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, v, date)
            elif isinstance(v, tuple):  # (formula, the value Excel saves with it)
                ws.write_formula(r, c, v[0], None, v[1])
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            elif v is not None:
                ws.write(r, c, v)
    if junk:
        ws.write(r + 2, 3, f"Jumlah: {len(rows)} orang")
        ws.write(r + 4, 12, "Kepala Desa Sukamaju")
    wb.close()
    return path


def excel_row_of_first_data(title: bool = True) -> int:
    return 5 if title else 2


def csv_file(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    headers: Sequence[str] = HEADERS,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(headers)
        for values in rows:
            w.writerow(["" if v is None else v for v in values])
    return path

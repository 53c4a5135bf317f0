"""Reading spreadsheet files: kinds, encodings, delimiters, Excel's row numbers, refusals."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest

from jamsos_desktop import tabular
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.tabular import reading

from .files import csv_file, xlsx

ROWS = [
    [1, "3204011205800003", "3204010101100001", "Budi", "Bandung", dt.date(1980, 5, 12), "L"],
    None,  # a blank line in the middle
    [2, "3204015207850002", "3204010101100001", "Siti", "Garut", dt.date(1985, 7, 12), "P"],
]


def test_a_sheet_s_rows_carry_excel_s_row_numbers_below_a_merged_title(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", ROWS)
    sheet = tabular.read_sheet(path)
    numbers = [n for n, _ in sheet.rows]
    # title rows 1-2, header 4, data 5 and 7 (6 blank), the total 9, the signature 11
    assert numbers == [1, 2, 4, 5, 7, 9, 11]
    by_number = dict(sheet.rows)
    assert by_number[1][0] == "DAFTAR PEKERJA RENTAN DESA SUKAMAJU"
    assert by_number[5][1] == "3204011205800003" and by_number[5][5] == dt.date(1980, 5, 12)


def test_the_first_data_sheet_is_read_and_opensid_s_codes_sheet_skipped(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", ROWS, extra_sheets=["Kode Data"])
    assert tabular.sheet_names(path) == ("Kode Data", "Data Pekerja")
    assert tabular.read_sheet(path).name == "Data Pekerja"
    with pytest.raises(UserError):
        tabular.read_sheet(path, "Tidak ada")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_delimiters_and_encodings(tmp_path: Path, delimiter: str, encoding: str) -> None:
    path = csv_file(
        tmp_path / "a.csv",
        [["1", "3204011205800003", "", "Réné Hélène", "Bandung"]],
        delimiter=delimiter,
        encoding=encoding,
    )
    rows = tabular.read_sheet(path).rows
    assert rows[0][1][2] == "No. KK"
    assert rows[1][0] == 2 and rows[1][1][3] == "Réné Hélène" and rows[1][1][2] is None


def test_a_quoted_cell_over_two_lines_is_one_row_as_in_excel(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('NIK,Nama,Alamat\n1,Budi,"Jl. Mawar\nNo. 3"\n2,Siti,x\n', encoding="utf-8")
    assert [(n, c[1]) for n, c in tabular.read_sheet(path).rows] == [(1, "Nama"), (2, "Budi"), (3, "Siti")]


def test_what_is_not_a_regular_file_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    done: list[BaseException] = []

    def attempt() -> None:
        try:
            tabular.read_sheet(fifo)
        except BaseException as exc:
            done.append(exc)

    t = threading.Thread(target=attempt, daemon=True)
    t.start()
    t.join(5)
    assert done and isinstance(done[0], UserError)  # answered at once, no wait for a writer
    for path in (Path("/dev/zero"), tmp_path):
        with pytest.raises(UserError, match="bukan berkas biasa"):
            tabular.check_file(path)


def test_too_large_unknown_kind_and_damaged_files_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"a,b\n" * 100)
    with pytest.raises(UserError, match="terlalu besar"):
        tabular.read_sheet(big, max_bytes=50)
    other = tmp_path / "a.pdf"
    other.write_bytes(b"%PDF")
    with pytest.raises(UserError, match="bukan lembar kerja"):
        tabular.read_sheet(other)
    broken = tmp_path / "a.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError, match="tidak bisa dibaca"):
        tabular.read_sheet(broken)
    with pytest.raises(UserError, match="tidak ditemukan"):
        tabular.read_sheet(tmp_path / "none.xlsx")


def test_the_sniffer_prefers_the_delimiter_that_splits_rows_evenly() -> None:
    assert reading.sniff_delimiter("a;b;c\n1;2,5;3\n") == ";"
    assert reading.sniff_delimiter("a,b,c\n1,2,3\n") == ","
    assert reading.sniff_delimiter("a\tb\n1\t2\n") == "\t"


def test_written_tables_read_back_with_text_numbers_and_dates(tmp_path: Path) -> None:
    for name in ("out.xlsx", "out.csv"):
        path = tmp_path / name
        n = tabular.write_table(
            path,
            ["NIK", "Lahir", "Jumlah", "DTKS"],
            [["3204011205800003", dt.date(1980, 5, 12), 5, True]],
            text_columns=[0],
        )
        assert n == 1
        row = tabular.read_sheet(path).rows[1][1]
        assert row[0] == "3204011205800003"
        assert str(row[1]).startswith("1980-05-12") or row[1] == dt.date(1980, 5, 12)
        assert row[3] == "Ya"
    assert not list(tmp_path.glob(".*.part"))

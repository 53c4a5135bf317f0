"""The BPJS sheet and the branch's answer, on both engines: who is listed, how cells are typed
(NIK and KK text, read back with calamine), and every row of the answer reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import xlsxwriter  # type: ignore[import-untyped]
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from jamsos_desktop.cli.main import main
from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.hub import bpjs, duplicates
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import outcomes
from jamsos_desktop.hub.storage.outcome_models import HubResult

from .conftest import PASSWORD
from .outcome_rows import add_villages, add_worker

A, B, C = "32.04.05.2005", "32.04.05.2006", "32.04.13.2001"


def _scene(hub: Hub) -> dict[str, str]:
    rows = add_villages(hub)
    niks = {}
    for i, (v, name) in enumerate([(A, "Siti Aminah"), (A, "Budi Santoso"), (B, "Dewi Lestari"), (C, "Asep Sunandar")]):
        nik = f"32040{5 if v != C else 1}4101{80 + i:02d}0001"
        add_worker(hub, rows, v, nik=nik, name=name, birth=dt.date(1980 + i, 1, 1), kk=f"320405010110{i:04d}")
        niks[name] = nik
    # not listed: not yet sent, declined, deleted
    add_worker(hub, rows, B, nik="3204054101700001", name="Belum Dikirim", birth=dt.date(1970, 1, 1), status="signed")
    add_worker(hub, rows, B, nik="3204054101700002", name="Ditolak Kades", birth=dt.date(1970, 1, 2), status="declined")
    add_worker(hub, rows, C, nik="3204134101700003", name="Terhapus", birth=dt.date(1970, 1, 3), deleted=True)
    # one NIK in two villages, undecided: listed by neither until a clerk decides
    add_worker(hub, rows, A, nik="3204054101900009", name="Euis", birth=dt.date(1990, 1, 1))
    add_worker(hub, rows, B, nik="3204054101900009", name="Euis", birth=dt.date(1990, 1, 1))
    return niks


def _read(path: Path) -> list[list[object]]:
    return [list(r) for r in CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()]


def test_the_sheet_lists_sent_unanswered_duplicate_free_workers_with_nik_and_kk_as_text(
    hub: Hub, clerk: Actor, tmp_path: Path
) -> None:
    niks = _scene(hub)
    duplicates.detect(hub, clerk)
    res = bpjs.export_sheet(hub, clerk, tmp_path / "bpjs.xlsx")
    assert (res.rows, res.villages) == (4, 3)
    cells = _read(tmp_path / "bpjs.xlsx")
    head = cells[0]
    assert head[:4] == ["No", "NIK", "No KK", "Nama Lengkap (sesuai KTP)"]
    body = cells[1:]
    assert sorted(r[3] for r in body) == ["Asep Sunandar", "Budi Santoso", "Dewi Lestari", "Siti Aminah"]
    for r in body:
        nik, kk = r[head.index("NIK")], r[head.index("No KK")]
        assert isinstance(nik, str) and len(nik) == 16 and nik in niks.values()
        assert isinstance(kk, str) and len(kk) == 16
        assert isinstance(r[head.index("No HP")], str) and isinstance(r[head.index("Kode Pos")], str)
        assert isinstance(r[head.index("Tanggal Lahir")], dt.date)
        assert r[head.index("Program")] == "JKK, JKM" and r[head.index("Jumlah Bulan")] == 12
        assert "RT 001/RW 002" in str(r[head.index("Alamat")]) and str(r[head.index("Alamat")]).count("RT") == 1
    with hub.reading() as s:
        assert len(s.execute(select(HubResult).where(HubResult.bpjs_sheet_at.is_not(None))).all()) == 4
    # the duplicate decided: the kept village's nomination joins the next sheet
    dup = next(d for d in duplicates.list_duplicates(hub) if d.rule == "same_nik")
    duplicates.resolve(hub, clerk, dup.id, keep=A)
    assert bpjs.sheet_counts(hub) == (1, 4)
    second = bpjs.export_sheet(hub, clerk, tmp_path / "bpjs2.xlsx")
    # Only who was never sent: the four of the first sheet await BPJS's answer, and are said so.
    assert (second.rows, second.waiting) == (1, 4)
    assert [r[3] for r in _read(tmp_path / "bpjs2.xlsx")[1:]] == ["Euis"]
    assert "4 lagi sudah dikirim di lembar sebelumnya" in second.message()
    # A sheet lost, or the branch asking again: every unanswered one, on request.
    again = bpjs.export_sheet(hub, clerk, tmp_path / "bpjs3.xlsx", again=True)
    assert (again.rows, again.waiting) == (5, 0) and "termasuk yang sudah dikirim" in again.message()
    assert sum(1 for r in _read(tmp_path / "bpjs3.xlsx")[1:] if r[3] == "Euis") == 1
    assert bpjs.sheet_counts(hub) == (0, 5)


def test_the_counts_before_a_sheet_hold_while_a_candidate_is_undecided(hub: Hub, clerk: Actor, tmp_path: Path) -> None:
    """The people awaiting an answer are counted person by person: an undecided candidate
    elsewhere (Euis, in two villages) takes only its own two out of the count."""
    _scene(hub)
    duplicates.detect(hub, clerk)
    assert any(d.status == "open" for d in duplicates.list_duplicates(hub))
    assert bpjs.sheet_counts(hub) == (4, 0)
    bpjs.export_sheet(hub, clerk, tmp_path / "bpjs.xlsx")
    assert bpjs.sheet_counts(hub) == (0, 4)


def test_a_mapping_file_sets_the_columns_and_a_wrong_one_is_refused(hub: Hub, clerk: Actor, tmp_path: Path) -> None:
    _scene(hub)
    m = tmp_path / "cabang.json"
    m.write_text(
        json.dumps(
            {
                "sheet": "Kolektif",
                "columns": [
                    {"header": "NAMA", "field": "name"},
                    {"header": "NOMOR INDUK", "field": "nik", "type": "number"},  # NIK stays text anyway
                    {"header": "KATEGORI", "field": "category_label"},
                    {"header": "IURAN", "field": "contribution_total", "type": "number"},
                ],
            }
        ),
        encoding="utf-8",
    )
    bpjs.export_sheet(hub, clerk, tmp_path / "k.xlsx", m)
    cells = _read(tmp_path / "k.xlsx")
    assert cells[0] == ["No", "NAMA", "NOMOR INDUK", "KATEGORI", "IURAN"]
    assert all(isinstance(r[2], str) and r[3] == "Petani" and r[4] == 12 * 16800 for r in cells[1:])
    m.write_text(json.dumps({"columns": [{"header": "X", "field": "gaji_pokok"}]}), encoding="utf-8")
    with pytest.raises(UserError, match="pemetaan"):
        bpjs.export_sheet(hub, clerk, tmp_path / "x.xlsx", m)
    assert not (tmp_path / "x.xlsx").exists()


def _answer(path: Path, rows: list[list[object]]) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["Laporan Pendaftaran Kolektif"])
    ws.write_row(2, 0, ["No", "NIK", "Nama", "No KPJ", "Status", "Tgl Efektif", "Berlaku Sampai", "Keterangan"])
    for i, r in enumerate(rows, start=3):
        for j, v in enumerate(r):
            if isinstance(v, dt.date):
                ws.write_datetime(i, j, dt.datetime.combine(v, dt.time()), wb.add_format({"num_format": "dd/mm/yyyy"}))
            elif isinstance(v, int | float):
                ws.write_number(i, j, v)
            else:
                ws.write_string(i, j, str(v))
    wb.close()


def test_the_branch_s_answer_is_matched_by_nik_and_every_row_reported(hub: Hub, clerk: Actor, tmp_path: Path) -> None:
    niks = _scene(hub)
    duplicates.detect(hub, clerk)
    bpjs.export_sheet(hub, clerk, tmp_path / "bpjs.xlsx")
    start = dt.date(2027, 1, 1)
    f = tmp_path / "hasil.xlsx"
    _answer(
        f,
        [
            [1, niks["Siti Aminah"], "Siti", "12345678901", "Terdaftar", start, dt.date(2027, 12, 31), ""],
            [2, niks["Budi Santoso"], "Budi", "12345678902", "BERHASIL", start, "", ""],  # end from the months
            [3, niks["Dewi Lestari"], "Dewi", "", "Ditolak", "", "", "NIK tidak ditemukan di Dukcapil"],
            [4, 3204134101830001.0, "Asep", "12345678903", "Terdaftar", start, "", ""],  # a NIK as a number
            [5, "3204059999990001", "Orang Lain", "12345678904", "Terdaftar", start, "", ""],
            [6, niks["Siti Aminah"], "Siti", "12345678901", "Terdaftar", start, dt.date(2027, 12, 31), ""],
            [7, "3204054101900009", "Euis", "12345678905", "Terdaftar", start, "", ""],  # two villages
            [8, niks["Dewi Lestari"][:-1], "Dewi", "", "Ditolak", "", "", ""],
            [9, niks["Asep Sunandar"], "Asep", "12", "Terdaftar", start, "", ""],
        ],
    )
    rep = bpjs.record_results(hub, clerk, f)
    got = {r.row: r.status for r in rep.rows}
    assert got == {
        4: "recorded",
        5: "recorded",
        6: "recorded",
        7: "invalid",
        8: "unmatched",
        9: "repeated",
        10: "ambiguous",
        11: "invalid",
        12: "invalid",
    }
    assert all(r.message for r in rep.not_matched)
    assert "2 baris" not in rep.message() and "6 baris tidak cocok" in rep.message()
    # Each row to look at, said with the sheet's row number and why (what the window shows).
    assert [line.split(" (")[0] for line in rep.details()] == [f"baris {n}" for n in (7, 8, 9, 10, 11, 12)]
    assert all(": " in line for line in rep.details("en"))
    assert rep.details(limit=2)[-1] == "… dan 4 baris lagi"
    assert rep.to_dict()["rows"][0]["nik"].count("*") == 10  # the report masks NIKs
    with hub.reading() as s:
        res = {r.worker_id: r for r in s.execute(select(HubResult).where(HubResult.outcome.is_not(None))).scalars()}
    by_outcome = sorted((r.outcome, r.kpj, r.coverage_end) for r in res.values())
    assert by_outcome == [
        ("registered", "12345678901", dt.date(2027, 12, 31)),
        ("registered", "12345678902", dt.date(2027, 12, 31)),
        ("rejected", "", None),
    ]
    assert next(r for r in res.values() if r.outcome == "rejected").reason == "NIK tidak ditemukan di Dukcapil"
    again = bpjs.record_results(hub, clerk, f)
    assert again.counts["already"] == 3 and "recorded" not in again.counts


def test_an_answer_that_replaces_a_registration_is_recorded_and_said(hub: Hub, clerk: Actor, tmp_path: Path) -> None:
    """A second answer giving a registered person another KPJ (or a rejection) is the branch's
    word and is recorded, but not silently: the row is reported with both numbers."""
    niks = _scene(hub)
    duplicates.detect(hub, clerk)
    bpjs.export_sheet(hub, clerk, tmp_path / "bpjs.xlsx")
    start = dt.date(2027, 1, 1)
    first, second = tmp_path / "hasil-1.xlsx", tmp_path / "hasil-2.xlsx"
    _answer(first, [[1, niks["Siti Aminah"], "Siti", "24000000023", "Terdaftar", start, "", ""]])
    _answer(
        second,
        [
            [1, niks["Siti Aminah"], "Siti", "25000000002", "Terdaftar", start, "", ""],
            [2, niks["Budi Santoso"], "Budi", "12345678902", "Terdaftar", start, "", ""],
        ],
    )
    assert bpjs.record_results(hub, clerk, first).counts == {"recorded": 1}
    rep = bpjs.record_results(hub, clerk, second)
    assert rep.counts == {"changed": 1, "recorded": 1}
    assert "2 hasil dicatat (1 mengganti hasil sebelumnya)" in rep.message()
    assert "0 baris tidak cocok" in rep.message() and rep.not_matched == []
    (line,) = rep.details()
    assert line.startswith("baris 4 (") and "24000000023" in line and "25000000002" in line
    assert niks["Siti Aminah"] not in line  # masked
    assert "double registration" in rep.details("en")[0]
    with hub.reading() as s:
        kpjs = set(s.execute(select(HubResult.kpj).where(HubResult.outcome == "registered")).scalars())
    assert kpjs == {"25000000002", "12345678902"}


def test_a_csv_answer_with_semicolons_is_read_as_the_spreadsheet_is(hub: Hub, clerk: Actor, tmp_path: Path) -> None:
    niks = _scene(hub)
    duplicates.detect(hub, clerk)
    bpjs.export_sheet(hub, clerk, tmp_path / "bpjs.xlsx")
    f = tmp_path / "hasil.csv"
    f.write_text(
        "NIK;KPJ;Status;Tanggal Mulai;Tanggal Akhir;Alasan\n"
        f"{niks['Asep Sunandar']};22345678901;terdaftar;01-01-2027;31-12-2027;\n"
        f"{niks['Dewi Lestari']};;gagal;;;Data ganda di BPJS\n"
        "3.20413E+15;;terdaftar;;;\n",
        encoding="utf-8",
    )
    rep = bpjs.record_results(hub, clerk, f)
    assert [r.status for r in rep.rows] == ["recorded", "recorded", "invalid"]
    with pytest.raises(UserError, match="NIK"):
        (tmp_path / "kosong.csv").write_text("Nama;Alamat\nx;y\n", encoding="utf-8")
        bpjs.record_results(hub, clerk, tmp_path / "kosong.csv")


def test_the_command_line_writes_the_sheet_and_reports_each_row_of_the_answer(
    hub_url: str,
    hub: Hub,
    clerk: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("JAMSOS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JAMSOS_HUB_PASSWORD", PASSWORD)
    niks = _scene(hub)
    base = ["hub", "--db", hub_url, "--user", "clerk"]
    assert main([*base, "export-bpjs", "--out", str(tmp_path / "k.xlsx"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 6  # no detection run yet: the two Euis are listed
    f = tmp_path / "j.csv"
    f.write_text(f"NIK,KPJ,Status\n{niks['Siti Aminah']},12345678901,terdaftar\n3204059999990001,,ditolak\n", "utf-8")
    assert main([*base, "record-results", str(f)]) == 0
    out = capsys.readouterr().out
    assert "0 hasil dicatat" in out and "2 baris tidak cocok" in out
    assert (
        "baris 2 (3204**********01): periode kepesertaan" in out and "baris 3" in out and "tidak ada di antara" in out
    )
    assert main([*base, "record-results", str(tmp_path / "tidak-ada.csv")]) == 1


def test_a_failed_export_leaves_no_sheet_and_marks_nothing(
    hub: Hub, clerk: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _scene(hub)

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(outcomes, "mark_sheeted", broken)
    with pytest.raises(OSError):
        bpjs.export_sheet(hub, clerk, tmp_path / "k.xlsx")
    assert list(tmp_path.glob("k.xlsx*")) == []
    with hub.reading() as s:
        assert s.execute(select(HubResult)).first() is None

"""The import service: per-row outcomes before anything is written, then all or nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jamsos_desktop import tabular
from jamsos_desktop.domain import issues as codes
from jamsos_desktop.domain.identity import make_nik
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import importing, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models

from ..conftest import TODAY
from .files import HEADERS, csv_file, xlsx


def person(i: int, *, sex: str = "L", name: str | None = None, born: dt.date | None = None) -> list[object]:
    born = born or dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
    nik = make_nik("320405", born, sex, i % 9999 + 1)
    return [
        i,
        nik,
        f"320405010115{i % 9999 + 1:04d}",
        name or f"PEKERJA NOMOR {chr(65 + i % 26)}",
        "BANDUNG",
        born,
        sex,
        "Jl. Mawar",
        "Babakan",
        "1",
        "2",
        "petani",
        "081234567890",
        900000,
        "Asep",
        "Anak",
    ]


def audit_count(ws: Workspace) -> int:
    with ws.reading() as s:
        return int(s.execute(select(func.count()).select_from(models.AuditEntry)).scalar_one())


def live(ws: Workspace) -> int:
    return workers.count_workers(ws)


def plan_of(ws: Workspace, path: Path, **kw: object) -> importing.Plan:
    return importing.dry_run(ws, importing.open_source(ws, path, **kw), today=TODAY)  # type: ignore[arg-type]


def test_a_messy_sheet_gets_every_row_s_outcome_with_excel_s_row_numbers(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    good = person(1)
    float_nik = person(2)
    float_nik[1] = 3.20101e15  # Excel's number cell: the digits after the sixth are gone
    bad_date = person(3)
    bad_date[5] = "31-02-1980"
    dup = list(good)
    conflict = list(person(4))
    conflict_changed = list(conflict)
    conflict_changed[9] = "7"
    formula = person(5)
    formula[10] = ("=1+1", 2)  # RW as a formula: the value Excel saved with it is read
    accent = person(6, name="JOSÉ MA\u2019RUF", sex="L")
    rows = [good, float_nik, None, bad_date, dup, conflict, conflict_changed, formula, accent]
    path = xlsx(tmp_path / "messy.xlsx", rows)
    before = live(workspace)

    plan = plan_of(workspace, path)
    by_row = {r.row: r for r in plan.rows}
    # title rows 1-2, header 4, data from 5 (row 7 blank), the total at 15 and the signature at 17
    assert plan.mapping.header_row == 4
    assert by_row[5].outcome == importing.NEW
    assert [i.code for i in by_row[6].errors] == [codes.NIK_EXCEL_FLOAT]
    assert "Teks" in by_row[6].errors[0].text.id
    assert 7 not in by_row
    assert by_row[8].outcome == importing.ERROR and codes.BIRTH_DATE_INVALID in {i.code for i in by_row[8].issues}
    assert by_row[9].outcome == importing.DUPLICATE
    assert [i.code for i in by_row[9].issues][-1] == codes.IMPORT_DUPLICATE_IN_FILE
    assert by_row[10].outcome == importing.NEW
    assert by_row[11].outcome == importing.ERROR and by_row[11].errors[-1].code == codes.IMPORT_CONFLICT_IN_FILE
    assert "10" in by_row[11].errors[-1].text.id
    assert by_row[12].outcome == importing.NEW and by_row[12].data is not None and by_row[12].data.rw == "002"
    assert by_row[13].data is not None and by_row[13].data.name == "José Ma'ruf"
    assert by_row[15].outcome == importing.SKIPPED and by_row[15].issues[0].code == codes.IMPORT_NOT_DATA
    assert by_row[17].outcome == importing.SKIPPED
    # "with warnings" counts rows that go in with one: not a skipped total or signature row
    assert not by_row[15].is_warned and not by_row[17].is_warned
    assert plan.warned == sum(
        1 for r in plan.rows if r.outcome not in (importing.ERROR, importing.SKIPPED) and r.warnings
    )
    assert all(r.errors or r.outcome != importing.ERROR for r in plan.rows)  # every error has its reason
    assert not plan.importable
    assert live(workspace) == before  # the dry run wrote nothing

    with pytest.raises(UserError, match="3 baris salah"):
        importing.run_import(workspace, operator, plan)
    assert live(workspace) == before

    report = importing.save_report(plan, tmp_path / "report.xlsx")
    assert report == len(plan.rows)
    back = dict(tabular.read_sheet(tmp_path / "report.xlsx").rows)
    assert back[1][: len(HEADERS)] == HEADERS and back[1][-3:] == ("Hasil impor", "Alasan", "Baris di berkas")
    assert back[2][1] == good[1] and back[2][-3] == "baru"
    assert back[3][-3] == "salah" and "[nik.excel_float]" in back[3][-2] and "Teks" in back[3][-2]
    # Each report row says which row of the file it is (the title block and blank rows are not in it).
    assert [int(float(str(r[-1]))) for n, r in sorted(back.items()) if n > 1] == [r.row for r in plan.rows]


def test_all_valid_rows_go_in_one_transaction_with_one_audit_entry_and_twice_changes_nothing(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    rows = [person(i) for i in range(1, 31)]
    path = xlsx(tmp_path / "ok.xlsx", rows)
    before, audits = live(workspace), audit_count(workspace)
    plan = plan_of(workspace, path)
    assert plan.counts[importing.NEW] == 30 and plan.importable
    result = importing.run_import(workspace, operator, plan)
    assert result.added == 30 and live(workspace) == before + 30
    assert audit_count(workspace) == audits + 1
    with workspace.reading() as s:
        entry = s.execute(select(models.AuditEntry).order_by(models.AuditEntry.seq.desc())).scalars().first()
        assert entry is not None and entry.action == "worker.import" and entry.after["added"] == 30

    again = plan_of(workspace, path)
    assert again.counts[importing.UNCHANGED] == 30 and not again.importable
    assert importing.run_import(workspace, operator, again).added == 0
    assert live(workspace) == before + 30 and audit_count(workspace) == audits + 1


def test_a_row_with_a_recorded_nik_is_an_update_naming_the_fields_that_change(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    first = [person(i) for i in range(1, 4)]
    importing.run_import(workspace, operator, plan_of(workspace, xlsx(tmp_path / "a.xlsx", first)))
    changed = [list(r) for r in first]
    changed[0][9] = "5"  # RT
    changed[1][3] = changed[1][3].lower()  # type: ignore[union-attr]  # the same name in small letters
    changed[2][13] = None  # an empty cell keeps what is recorded
    plan = plan_of(workspace, xlsx(tmp_path / "b.xlsx", changed))
    outcomes = [(r.outcome, r.changes) for r in plan.rows if r.outcome != importing.SKIPPED]
    assert outcomes == [(importing.UPDATE, ("rt",)), (importing.UNCHANGED, ()), (importing.UNCHANGED, ())]
    r = importing.run_import(workspace, operator, plan)
    assert (r.added, r.updated, r.unchanged) == (0, 1, 2)
    w = workers.get_worker(workspace, str(first[0][1])).worker
    assert w.rt == "005" and w.version == 2 and w.income == 900000


def test_a_plan_the_register_moved_away_from_is_made_again_inside_the_transaction(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    path = xlsx(tmp_path / "a.xlsx", [person(1), person(2)])
    plan = plan_of(workspace, path)
    # someone records the first person by hand between the dry run and the import
    importing.run_import(workspace, operator, plan_of(workspace, xlsx(tmp_path / "b.xlsx", [person(1)])))
    result = importing.run_import(workspace, operator, plan)
    assert (result.added, result.unchanged) == (1, 1)


def test_a_cancelled_import_writes_nothing(workspace: Workspace, operator: Actor, tmp_path: Path) -> None:
    plan = plan_of(workspace, xlsx(tmp_path / "a.xlsx", [person(i) for i in range(1, 6)]))
    before, audits = live(workspace), audit_count(workspace)
    steps = importing.import_steps(workspace, operator, plan, chunk=2)
    next(steps)
    next(steps)
    steps.close()  # what Cancel does between two steps
    assert live(workspace) == before and audit_count(workspace) == audits


def test_the_mapping_is_remembered_for_a_sheet_of_the_same_shape(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    headers = (
        "Nomor",
        "Kode Penduduk",
        "No. KK",
        "Nama",
        "Tempat Lahir",
        "Tgl Lahir",
        "JK",
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
    path = xlsx(tmp_path / "a.xlsx", [person(1)], headers=headers)
    source = importing.open_source(workspace, path)
    assert source.mapping is not None and "nik" not in source.mapping.columns and not source.remembered
    with pytest.raises(UserError, match="NIK"):
        importing.dry_run(workspace, source)
    mapping = source.mapping.with_columns(source.mapping.columns | {"nik": 1})
    importing.run_import(workspace, operator, importing.dry_run(workspace, source, mapping, today=TODAY))
    later = importing.open_source(workspace, xlsx(tmp_path / "b.xlsx", [person(2)], headers=headers))
    assert later.remembered and later.mapping is not None and later.mapping.columns["nik"] == 1


def test_a_mapping_file_names_columns_by_header_or_letter(workspace: Workspace, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [person(1)])
    source = importing.open_source(workspace, path)
    m = tmp_path / "m.json"
    m.write_text(json.dumps({"columns": {"nik": "B", "name": "Nama Lengkap", "kk": "No. KK"}}), encoding="utf-8")
    mapping = importing.mapping_from_file(source, m)
    assert mapping.header_row == 4 and mapping.columns == {"nik": 1, "name": 3, "kk": 2}
    m.write_text(json.dumps({"columns": {"nik": "Sepatu"}}), encoding="utf-8")
    with pytest.raises(UserError, match="Sepatu"):
        importing.mapping_from_file(source, m)


def test_an_opensid_export_with_codes_and_its_end_marker(workspace: Workspace, operator: Actor, tmp_path: Path) -> None:
    headers = (
        "alamat",
        "dusun",
        "rw",
        "rt",
        "nama",
        "no_kk",
        "nik",
        "sex",
        "tempatlahir",
        "tanggallahir",
        "agama_id",
        "pekerjaan_id",
        "nama_ayah",
        "ayah_nik",
    )
    born = dt.date(1985, 3, 4)
    rows = [
        [
            "Jl. Mawar",
            "BABAKAN",
            "'002",
            "'001",
            "ASEP SURYANA",
            "'3204050101150001",
            "'" + make_nik("320405", born, "L", 9),
            1,
            "BANDUNG",
            "04-03-1985",
            1,
            9,
            "Udin",
            "3204050101500001",
        ],
        ["-", "###", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["ignored", "after", "the", "marker", "x", "", "", "", "", "", "", "", "", ""],
    ]
    path = xlsx(tmp_path / "opensid.xlsx", rows, headers=headers, title=False, junk=False, extra_sheets=["Kode Data"])
    workers.add_worker(
        workspace,
        operator,
        {
            "nik": make_nik("320405", dt.date(1990, 1, 1), "L", 1),
            "kk": "3204050101150002",
            "name": "Budi",
            "birth_place": "Bandung",
            "birth_date": "1990-01-01",
            "sex": "L",
            "dusun": "Babakan",
            "rt": "1",
            "rw": "1",
            "occupation": "9",
            "category": "petani",
        },
    )
    plan = plan_of(workspace, path)
    assert [r.outcome for r in plan.rows] == [importing.NEW]
    data = plan.rows[0].data
    assert data is not None
    assert (
        data.name,
        data.sex,
        data.dusun,
        data.rt,
        data.rw,
        data.occupation_code,
        data.category,
        data.birth_date,
    ) == ("Asep Suryana", "L", "Babakan", "001", "002", 9, "petani", born)
    assert codes.CATEGORY_DERIVED in {i.code for i in plan.rows[0].warnings}


def test_a_windows_1252_csv_with_accents_and_semicolons(workspace: Workspace, tmp_path: Path) -> None:
    row = [str(v) if not isinstance(v, dt.date) else f"{v:%d/%m/%Y}" for v in person(1, name="RÉNÉ HÉLÈNE")]
    path = csv_file(tmp_path / "a.csv", [row], delimiter=";", encoding="cp1252")
    plan = plan_of(workspace, path)
    assert plan.rows[0].outcome == importing.NEW
    assert plan.rows[0].data is not None and plan.rows[0].data.name == "Réné Hélène"
    assert plan.rows[0].row == 2


def test_an_unknown_occupation_is_kept_in_the_notes(workspace: Workspace, tmp_path: Path) -> None:
    row = person(1)
    row[11] = "Pembuat tempe"
    plan = plan_of(workspace, xlsx(tmp_path / "a.xlsx", [row]))
    data = plan.rows[0].data
    assert data is not None and data.occupation_code == 89 and "Pembuat tempe" in data.notes
    assert codes.OCCUPATION_KEPT in {i.code for i in plan.rows[0].warnings}


def test_ten_thousand_rows_are_planned_and_imported(workspace: Workspace, operator: Actor, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "big.csv", [[str(v) for v in person(i)] for i in range(10_000)])
    plan = plan_of(workspace, path)
    assert plan.counts[importing.NEW] == 10_000
    assert importing.run_import(workspace, operator, plan).added == 10_000


def test_a_fixed_report_reads_back_with_the_mapping_the_officer_chose(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    headers = ("No", "Kode Penduduk", *HEADERS[2:])  # a NIK column the guess cannot name
    bad = person(2)
    right = bad[5]
    bad[5] = "31-02-1980"
    source = importing.open_source(workspace, xlsx(tmp_path / "a.xlsx", [person(1), bad], headers=headers))
    assert source.mapping is not None
    mapping = source.mapping.with_columns(source.mapping.columns | {"nik": 1})
    assert importing.remember_mapping(workspace, operator, mapping)
    assert not importing.remember_mapping(workspace, operator, mapping)  # nothing new to keep
    plan = importing.dry_run(workspace, source, mapping, today=TODAY)
    assert plan.count(importing.ERROR) == 1
    report = tmp_path / "laporan.xlsx"
    importing.save_report(plan, report)
    # the officer corrects the date in the report and imports the report itself
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(report)).get_sheet_by_name("Hasil impor").to_python()
    rows[2][5] = right
    fixed = xlsx(
        tmp_path / "fixed.xlsx",
        [r[: len(headers)] for r in rows[1:] if r[0] != ""],
        headers=[*headers, "Hasil impor", "Alasan"][: len(rows[0])],
        title=False,
        junk=False,
    )
    again = importing.open_source(workspace, fixed)
    assert again.remembered and again.mapping is not None and again.mapping.columns["nik"] == 1
    plan = importing.dry_run(workspace, again, today=TODAY)
    assert plan.counts[importing.NEW] == 2 and plan.importable


def test_the_sheet_whose_header_names_the_most_fields_is_chosen(workspace: Workspace, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [person(1)], extra_sheets=["Petunjuk", "Rekap"])
    source = importing.open_source(workspace, path)
    assert source.sheet == "Data Pekerja" and source.sheets == ("Petunjuk", "Rekap", "Data Pekerja")
    assert importing.open_source(workspace, path, "Petunjuk").mapping is None
    with pytest.raises(UserError, match="tidak ada"):
        importing.open_source(workspace, path, "Lain")


def test_a_row_with_only_a_nik_is_an_error_not_a_skipped_line(workspace: Workspace, tmp_path: Path) -> None:
    only_nik = [None, person(1)[1]]
    only_float = [None, 3.20101e15]
    plan = plan_of(workspace, xlsx(tmp_path / "a.xlsx", [only_nik, only_float, [None, None, None, "Mengetahui"]]))
    assert [(r.row, r.outcome) for r in plan.rows][:3] == [
        (5, importing.ERROR),
        (6, importing.ERROR),
        (7, importing.SKIPPED),
    ]
    assert codes.FIELD_REQUIRED in {i.code for i in plan.rows[0].errors}


def test_a_row_s_errors_come_before_its_warnings() -> None:
    """The preview's cell and the report show the reasons in this order: a warning ("category
    taken from the occupation") cut the real error off the end of the cell."""
    from jamsos_desktop.domain.text import Issue, Text

    warning = Issue(codes.CATEGORY_DERIVED, "category", Text("diambil dari pekerjaan", "taken from the occupation"))
    error = Issue(codes.HEIR_RELATION_REQUIRED, "heir_relation", Text("wajib diisi", "is required"))
    assert not warning.is_error and error.is_error
    row = importing.RowOutcome(5, importing.ERROR, (warning, error))
    assert [r.split(" [")[1] for r in row.reasons()] == [f"{error.code}]", f"{warning.code}]"]

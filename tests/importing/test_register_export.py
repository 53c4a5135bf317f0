"""The register export: filtered like the table, NIK as text, masked variant, and a round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
import python_calamine

from jamsos_desktop import tabular
from jamsos_desktop.domain import statuses
from jamsos_desktop.services import importing, register_export, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.services.workers import WorkerQuery

from ..conftest import TODAY


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_export_imported_again_changes_nothing(
    demo_workspace: Workspace, operator: Actor, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"register{suffix}"
    n = register_export.export_register(demo_workspace, operator, WorkerQuery(limit=None), out)
    assert n == workers.count_workers(demo_workspace) == 200
    plan = importing.dry_run(demo_workspace, importing.open_source(demo_workspace, out), today=TODAY)
    assert plan.counts[importing.UNCHANGED] == 200, [
        (r.row, r.outcome, r.changes, [i.code for i in r.errors]) for r in plan.rows if r.outcome != importing.UNCHANGED
    ][:5]
    assert len(plan.rows) == 200


def test_the_export_follows_the_table_s_filter_and_keeps_nik_as_text(
    demo_workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    dusun = workers.distinct_values(demo_workspace, "dusun")[0]
    q = WorkerQuery(dusun=dusun, limit=None)
    out = tmp_path / "a.xlsx"
    n = register_export.export_register(demo_workspace, operator, q, out)
    assert n == workers.count_workers(demo_workspace, q) < 200
    rows = tabular.read_sheet(out).rows
    assert rows[0][1][:3] == ("NIK", "NO_KK", "NAMA_LENGKAP")
    assert {r[1][register_export.HEADERS.index("DUSUN")] for r in rows[1:]} == {dusun}
    # the status as the office reads it, never the internal code ("recorded")
    shown = {r[1][register_export.HEADERS.index("STATUS")] for r in rows[1:]}
    assert shown and shown <= {statuses.label(s, "id") for s in statuses.LABELS}
    # text cells: calamine hands a NIK back as the string it is, not as a float
    sheet = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Pekerja").to_python()
    assert all(isinstance(r[0], str) and len(r[0]) == 16 for r in sheet[1:])


def test_the_masked_variant_hides_identity_and_phone_numbers(
    demo_workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    out = tmp_path / "masked.csv"
    register_export.export_register(demo_workspace, operator, WorkerQuery(limit=None), out, masked=True)
    text = out.read_text(encoding="utf-8-sig")
    for r in workers.list_workers(demo_workspace, WorkerQuery(limit=None)):
        assert r.nik not in text and r.kk not in text
        assert not r.phone or r.phone not in text
    assert "**********" in text


def test_a_stopped_export_leaves_no_file_and_no_audit_entry(
    demo_workspace: Workspace, operator: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import func, select

    from jamsos_desktop.storage import models

    monkeypatch.setattr(register_export, "CHUNK", 50)
    out = tmp_path / "out" / "a.xlsx"
    out.parent.mkdir()

    def audits() -> int:
        with demo_workspace.reading() as s:
            return int(s.execute(select(func.count()).select_from(models.AuditEntry)).scalar_one())

    before = audits()
    steps = register_export.export_steps(demo_workspace, operator, WorkerQuery(limit=None), out)
    assert [next(steps), next(steps)] == [(0, 200), (50, 200)]
    steps.close()  # Cancel
    assert not list(out.parent.iterdir()) and audits() == before

"""An import that changes an approved worker's identity or eligibility sends the nomination back
for a new decision, as an edit in the form does (rule 3 of the rules and documents issue); one
already sent to the district is an error of its row, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from jamsos_desktop.domain import issues as codes
from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import importing, nominations, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models
from jamsos_desktop.storage import status as status_engine

from .files import xlsx
from .test_import_service import person, plan_of


def _approved_pair(ws: Workspace, operator: Actor, head: Actor, tmp_path: Path) -> list[list[object]]:
    rows = [person(i) for i in range(1, 4)]
    importing.run_import(ws, operator, plan_of(ws, xlsx(tmp_path / "first.xlsx", rows)))
    niks = [str(r[1]) for r in rows[:2]]
    for nik in niks:  # consent to the processing of their data (UU 27/2022), given at the office
        workers.edit_worker(ws, operator, nik, {"consent_date": "2026-11-01"})
    nominations.nominate(ws, operator, niks)
    nominations.approve(ws, head, niks)
    return rows


def _status(ws: Workspace, nik: str) -> str:
    n = workers.get_worker(ws, nik).nomination
    assert n is not None
    return n.status


def test_a_changed_name_of_an_approved_worker_goes_back_to_proposed_with_a_warning_first(
    workspace: Workspace, operator: Actor, head: Actor, tmp_path: Path
) -> None:
    ws = workspace
    rows = _approved_pair(ws, operator, head, tmp_path)
    changed = [list(r) for r in rows]
    changed[0][3] = "PEKERJA NOMOR SATU SAPUTRA"  # the approved one's name
    changed[2][3] = "PEKERJA NOMOR TIGA"  # a worker nobody nominated: an ordinary update
    plan = plan_of(ws, xlsx(tmp_path / "second.xlsx", changed))
    by_row = {r.row: r for r in plan.rows if r.outcome != importing.SKIPPED}
    first, third = by_row[min(by_row)], by_row[max(by_row)]
    assert first.outcome == importing.UPDATE
    assert [i.code for i in first.warnings if i.code == codes.IMPORT_DECISION_REOPENED]
    assert not [i for i in third.issues if i.code == codes.IMPORT_DECISION_REOPENED]

    result = importing.run_import(ws, operator, plan)
    assert result.updated == 2 and len(result.notices) == 1
    assert "Nama lengkap" in result.notices[0].id and "Diusulkan" in result.notices[0].id
    assert _status(ws, str(rows[0][1])) == statuses.PROPOSED
    assert _status(ws, str(rows[1][1])) == statuses.APPROVED  # unchanged rows keep their decision


def test_a_changed_nik_holder_already_sent_is_refused_and_nothing_is_written(
    workspace: Workspace, operator: Actor, head: Actor, tmp_path: Path
) -> None:
    ws = workspace
    rows = _approved_pair(ws, operator, head, tmp_path)
    sent = workers.get_worker(ws, str(rows[1][1]))
    assert sent.nomination is not None
    with ws.unit_of_work(operator) as uow:  # signed and exported, as the sync export marks it
        n = uow.session.get_one(models.Nomination, sent.nomination.id)
        for step in (statuses.PRINTED, statuses.SIGNED, statuses.EXPORTED):
            status_engine.move_one(uow.session, operator, n, step, audit=uow.audit)
    changed = [list(r) for r in rows]
    changed[1][13] = 1_500_000  # the sent one's income
    changed[0][9] = "7"  # an ordinary change on another row
    plan = plan_of(ws, xlsx(tmp_path / "second.xlsx", changed))
    errors = [r for r in plan.rows if r.outcome == importing.ERROR]
    assert len(errors) == 1 and errors[0].errors[0].code == codes.IMPORT_DECISION_SENT
    assert "Penghasilan" in errors[0].errors[0].text.id
    assert not plan.importable
    before = workers.get_worker(ws, str(rows[0][1])).worker
    with pytest.raises(UserError):  # refused whole: all rows or none
        importing.run_import(ws, operator, plan)
    assert workers.get_worker(ws, str(rows[0][1])).worker == before
    assert _status(ws, str(rows[1][1])) == statuses.EXPORTED


def test_a_consent_column_is_read_by_the_import(workspace: Workspace, operator: Actor, tmp_path: Path) -> None:
    """A sheet's "Tanggal Persetujuan" column is the consent date, read as every date of the
    sheet is read: a date cell, typed text in any of the shapes a birth date may have, or an
    Excel serial number."""
    import datetime as dt

    from .files import HEADERS

    serial = (dt.date(2026, 11, 6) - dt.date(1899, 12, 30)).days
    consents = [dt.datetime(2026, 11, 1), "02-11-2026", None, "3 Nov 2026", "4/11/26", "05.11.2026", serial]
    rows = [[*person(n), c] for n, c in enumerate(consents, start=1)]
    path = xlsx(tmp_path / "consent.xlsx", rows, headers=(*HEADERS, "Tanggal Persetujuan"))
    importing.run_import(workspace, operator, plan_of(workspace, path))
    got = [workers.get_worker(workspace, str(r[1])).worker.consent_date for r in rows]
    days = [dt.date(2026, 11, d) for d in (1, 2, 3, 4, 5, 6)]
    assert got == [days[0], days[1], None, *days[2:]]


def test_a_purge_redacts_the_worker_s_part_of_an_import_s_changes(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    """An import's audit entry holds every updated worker's changes; the purge of one blanks
    that worker's part only, and the trail still verifies."""
    from sqlalchemy import select

    from jamsos_desktop.services import audit, privacy

    rows = [person(i) for i in range(1, 3)]
    importing.run_import(workspace, operator, plan_of(workspace, xlsx(tmp_path / "first.xlsx", rows)))
    changed = [list(r) for r in rows]
    changed[0][3], changed[1][3] = "PEKERJA GANTI SATU", "PEKERJA GANTI DUA"
    importing.run_import(workspace, operator, plan_of(workspace, xlsx(tmp_path / "second.xlsx", changed)))
    gone, kept = (workers.get_worker(workspace, str(r[1])).worker.id for r in rows)
    privacy.withdraw_consent(workspace, operator, gone, "surat")
    assert privacy.purge(workspace).count == 1
    with workspace.reading() as s:
        entry = s.execute(select(models.AuditEntry).where(models.AuditEntry.action == "worker.import")).scalars().all()
        after = entry[-1].after
    assert after is not None
    assert after["changes"][gone] == privacy.REDACTED
    assert "Pekerja Ganti Dua" in str(after["changes"][kept]) or "PEKERJA GANTI DUA" in str(after["changes"][kept])
    assert "Ganti Satu" not in str(after).title()
    assert audit.verify(workspace).ok

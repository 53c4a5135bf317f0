"""Consent (UU 27/2022): no nomination without it, its withdrawal acted on, and the erasure of
personal data after a withdrawal or the retention period, read back from the raw database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from jamsos_desktop.domain import issues as codes
from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import assessment, audit, nominations, privacy, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models
from jamsos_desktop.storage import status as status_engine

from .test_workers import SITI

NO_CONSENT = {k: v for k, v in SITI.items() if k != "consent_date"}


def _cells(ws: Workspace) -> list[tuple[str, Any]]:
    """Every value of every table of the raw database (the FTS shadow tables' blobs included)."""
    c = ws.db.raw_connection()
    try:
        tables = [r[0] for r in c.execute("select name from sqlite_master where type = 'table'")]
        out = []
        for t in tables:
            if t == "workers_fts":
                continue  # the external-content view reads the workers table itself
            for row in c.execute(f'select * from "{t}"'):
                out += [(t, v) for v in row]
        return out
    finally:
        c.close()


def _holds(ws: Workspace, text: str) -> list[str]:
    found = set()
    for table, v in _cells(ws):
        if (isinstance(v, str) and text in v) or (isinstance(v, bytes) and text.encode() in v):
            found.add(table)
    return sorted(found)


def _fts_count(ws: Workspace, term: str) -> int:
    c = ws.db.raw_connection()
    try:
        return int(
            c.execute("select count(*) from workers_fts where workers_fts match ?", (f'"{term}"',)).fetchone()[0]
        )
    finally:
        c.close()


def test_a_worker_without_consent_is_not_nominated_and_the_rule_says_why(workspace: Workspace, operator: Actor) -> None:
    wid = workers.add_worker(workspace, operator, NO_CONSENT).id
    assert workers.get_worker(workspace, wid).worker.consent_date is None
    with pytest.raises(UserError, match=r"consent\.missing") as caught:
        nominations.nominate(workspace, operator, [wid])
    assert caught.value.issue_code == codes.CONSENT_MISSING
    (row,) = assessment.assess(workspace, operator).rows
    consent = next(r for r in row.rules if r.rule == "consent")
    assert not row.eligible and not consent.passed
    assert "persetujuan" in consent.reason_id and "consent" in consent.reason_en
    # Recorded later, the consent lets the same worker be nominated.
    workers.edit_worker(workspace, operator, wid, {"consent_date": "01-11-2026"})
    assert workers.get_worker(workspace, wid).worker.consent_date == dt.date(2026, 11, 1)
    nominations.nominate(workspace, operator, [wid])


def test_a_consent_date_in_the_future_or_not_a_date_is_refused(workspace: Workspace, operator: Actor) -> None:
    for bad, code in (("2999-01-01", codes.CONSENT_DATE_RANGE), ("31-02-2026", codes.CONSENT_DATE_INVALID)):
        with pytest.raises(UserError) as caught:
            workers.add_worker(workspace, operator, SITI | {"consent_date": bad})
        assert caught.value.issue_code == code
    assert workers.count_workers(workspace) == 0


def test_a_ranked_nomination_passes_over_workers_without_consent(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    first = sorted((r for r in assessment.assess(ws, operator).rows if r.rank), key=lambda r: r.rank or 0)[0]
    workers.edit_worker(ws, operator, first.worker_id, {"consent_date": ""})  # recorded by mistake: cleared
    ch = nominations.nominate_ranked(ws, operator, limit=3)
    assert len(ch.worker_ids) == 3 and first.worker_id not in ch.worker_ids
    assert (first.worker_id, codes.CONSENT_MISSING) in ch.skipped


def _approved(ws: Workspace, operator: Actor, head: Actor, n: int = 2) -> list[str]:
    ids = [
        r.worker_id
        for r in sorted((r for r in assessment.assess(ws, operator).rows if r.rank), key=lambda r: r.rank or 0)
    ]
    nominations.nominate(ws, operator, ids[:n])
    nominations.approve(ws, head, ids[:n])
    return ids[:n]


def test_withdrawal_withdraws_the_nomination_and_the_purge_erases_the_personal_data(
    demo_workspace: Workspace, operator: Actor, head: Actor
) -> None:
    ws = demo_workspace
    wid, other = _approved(ws, operator, head)
    w = workers.get_worker(ws, wid).worker
    workers.edit_worker(ws, operator, wid, {"notes": "catatan pribadi"})
    assert _holds(ws, w.nik) and _fts_count(ws, w.nik) == 1
    now = dt.datetime(2026, 12, 2, 8, 0)
    r = privacy.withdraw_consent(ws, operator, w.nik, "surat pencabutan tanggal 2-12-2026", now=now)
    assert r.withdrawn_nominations == 1 and r.sent == () and r.purge_by == now + dt.timedelta(hours=72)
    detail = workers.get_worker(ws, wid)
    assert detail.nomination is not None and detail.nomination.status == statuses.WITHDRAWN
    assert detail.worker.status == statuses.WITHDRAWN and detail.worker.consent_withdrawn_at == now
    with pytest.raises(UserError, match=r"consent\.missing"):
        nominations.nominate(ws, operator, [wid])
    with pytest.raises(UserError, match="sudah dicabut"):
        privacy.withdraw_consent(ws, operator, wid, "lagi")

    report = privacy.purge(ws, now=now + dt.timedelta(hours=1))
    assert report.purged == [(wid, privacy.WITHDRAWN)] and report.redacted_entries >= 2
    assert privacy.purge(ws).count == 0  # done once
    # Nothing of the person is left in any table, the search index's own pages included.
    for text in (w.nik, "catatan pribadi", "surat pencabutan"):  # (the KK is the household's too)
        assert _holds(ws, text) == [], text
    assert _fts_count(ws, w.nik) == 0 and _fts_count(ws, w.name.split()[0].lower()) >= 0
    c = ws.db.raw_connection()
    try:
        row = c.execute(
            "select nik, kk, name, birth_place, birth_date, phone, heir_name, address, deleted_at, purged_at "
            "from workers where id = ?",
            (wid,),
        ).fetchone()
    finally:
        c.close()
    assert tuple(row[:4]) == ("", "", "", "") and str(row[4]) == "1900-01-01"
    assert tuple(row[5:8]) == ("", "", "") and row[8] is not None and row[9] is not None
    # The tombstone still counts: the nomination and its history stay, the worker leaves the lists.
    with ws.reading() as s:
        n = s.execute(select(models.Nomination).where(models.Nomination.worker_id == wid)).scalar_one()
        assert n.status == statuses.WITHDRAWN
        entry = s.execute(select(models.AuditEntry).where(models.AuditEntry.action == "privacy.purge")).scalar_one()
        assert entry.entity_id == wid and entry.after is not None and entry.after["kind"] == privacy.WITHDRAWN
    assert wid not in {x.id for x in workers.list_workers(ws)}
    assert workers.get_worker(ws, other).worker.nik  # the other nominee is untouched
    # The redacted trail still verifies, and an edit of a redacted entry is still caught.
    assert audit.verify(ws).ok
    c = ws.db.raw_connection()
    try:
        seq = c.execute("select seq from audit_log where entity_id = ? and action = 'worker.edit'", (wid,)).fetchone()[
            0
        ]
        c.execute("update audit_log set username = 'someone' where seq = ?", (seq,))
        c.commit()
    finally:
        c.close()
    assert [p.code for p in audit.verify(ws).problems] == [audit.EDITED]


def test_a_nomination_already_sent_is_recorded_for_the_district(
    demo_workspace: Workspace, operator: Actor, head: Actor
) -> None:
    ws = demo_workspace
    (wid,) = _approved(ws, operator, head, 1)
    with ws.unit_of_work(operator) as uow:
        n = uow.session.execute(select(models.Nomination).where(models.Nomination.worker_id == wid)).scalar_one()
        for st in (statuses.PRINTED, statuses.SIGNED, statuses.EXPORTED):
            status_engine.move_one(uow.session, operator, n, st, audit=uow.audit)
    r = privacy.withdraw_consent(ws, operator, wid, "lisan di kantor desa")
    assert r.withdrawn_nominations == 0 and r.sent == (statuses.EXPORTED,)
    assert "kabupaten harus diberi tahu" in r.text().id
    nom = workers.get_worker(ws, wid).nomination
    assert nom is not None and nom.status == statuses.EXPORTED
    assert "kabupaten" in nom.events[-1].note  # travels in the next sync file with the nomination
    assert privacy.purge(ws).purged == [(wid, privacy.WITHDRAWN)]
    assert audit.verify(ws).ok


def test_retention_purges_declined_workers_after_the_period(
    demo_workspace: Workspace, operator: Actor, head: Actor
) -> None:
    ws = demo_workspace
    wid, kept = _approved(ws, operator, head)
    nominations.decline(ws, head, [wid], "tidak sesuai")
    with ws.reading() as s:
        declined_at = s.execute(
            select(models.Nomination.updated_at).where(models.Nomination.worker_id == wid)
        ).scalar_one()
    assert privacy.retention_days(ws) == privacy.DEFAULT_RETENTION_DAYS
    assert privacy.purge(ws, now=declined_at + dt.timedelta(days=364)).count == 0
    privacy.set_retention_days(ws, operator, 30)
    assert privacy.retention_days(ws) == 30
    with pytest.raises(UserError, match="antara 1 dan"):
        privacy.set_retention_days(ws, operator, 0)
    assert privacy.purge(ws, now=declined_at + dt.timedelta(days=29)).count == 0
    nik = workers.get_worker(ws, wid).worker.nik
    report = privacy.purge(ws, now=declined_at + dt.timedelta(days=31))
    assert report.purged == [(wid, privacy.RETENTION)]
    assert _holds(ws, nik) == [] and workers.get_worker(ws, kept).worker.nik
    assert audit.verify(ws).ok
    # The opening check after a crash (the full check: the chain, the backups' heads) passes,
    # and so does doctor's.
    from jamsos_desktop.services import backup, doctor, integrity

    assert backup.automatic(ws, "open") is not None  # a backup that notes the head
    assert doctor.doctor(ws).ok
    ws.close()
    (ws.data_dir / integrity.STAMP).unlink()
    assert integrity.check(ws.data_dir, ws.db.key).ok

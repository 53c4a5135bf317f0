"""Consent under UU 27/2022 acted on: its withdrawal, the erasure of personal data, and retention.

* :func:`withdraw_consent` records the day a worker withdrew their consent, withdraws every open
  nomination (proposed, approved, printed or signed: status *withdrawn* through the status
  engine) and, for a nomination already sent to the district (exported or registered), writes a
  history event that travels in the next sync file, so the district learns of it there.
* :func:`purge` erases the personal data of every worker whose erasure is due: at once after a
  withdrawal (the law allows at most 3x24 hours: the app purges on opening and ``jamsos privacy
  purge`` on demand), and after the retention period for workers whose nominations all ended
  declined or withdrawn. The row stays as an anonymous tombstone (counts, the nominations, the
  audit chain): identity, contact, birth, address and heir fields are blanked, the record is
  soft-deleted, its assessment, drafts and signed scans are removed, the search index is
  optimised so the old words leave it, and the audit snapshots of the worker are redacted.
* Redaction keeps ``jamsos audit verify`` honest: a redacted entry keeps its stored hash (so the
  chain's links still hold) and the purge's own entry, chained after it, vouches for the new
  content by ``[seq, hash, sha256 of the redacted entry]`` (``services.audit.verify``). The purge
  entry names the record, the kind of purge and the time, and holds no personal data.
* :func:`show_full_nik` is the one exception to ``domain.actors.sees_full_nik``: a person who
  sees masked NIKs asks for one record's whole NIK and KK number, on purpose; the request is
  written to the audit trail ("worker.show_nik", naming the record and no number).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from ..domain import statuses, times
from ..domain.actors import sees_full_nik
from ..domain.text import Text, UserError
from ..storage import maintenance, models
from ..storage import status as status_engine
from .context import ROLE_ADMIN, ROLE_OPERATOR, SYSTEM, Actor, Workspace, audit_payload, canonical
from .village import put_setting, setting_value
from .workers import resolve, short_id

#: The law's limit between a withdrawal and the erasure (UU 27/2022 art. 43: 3x24 hours).
PURGE_WITHIN = dt.timedelta(hours=72)
RETENTION_SETTING = "privacy.retention_days"
DEFAULT_RETENTION_DAYS = 365
MAX_RETENTION_DAYS = 36_500

#: Purge kinds, as the audit entry names them.
WITHDRAWN = "consent_withdrawn"
RETENTION = "retention"

#: A purged worker's birth date (the column may not be empty): a day nobody recorded is born on.
PURGED_BIRTH_DATE = dt.date(1900, 1, 1)
#: The worker's columns a purge blanks, with what they become.
ERASED: dict[str, Any] = {
    "nik": "",
    "kk": "",
    "name": "",
    "name_key": "",
    "birth_place": "",
    "birth_date": PURGED_BIRTH_DATE,
    "address": "",
    "rt": "",
    "rw": "",
    "phone": "",
    "income": None,
    "heir_name": "",
    "heir_relation": "",
    "heir_phone": "",
    "kpj": "",
    "notes": "",
}
REDACTED = {"redacted": True}


@dataclass(frozen=True, slots=True)
class Withdrawal:
    worker_id: str
    withdrawn_at: dt.datetime
    purge_by: dt.datetime
    withdrawn_nominations: int  # open nominations withdrawn
    sent: tuple[str, ...]  # statuses of nominations already with the district (it must be told)

    def text(self) -> Text:
        by = times.local(self.purge_by)  # the laptop's clock
        parts_id = [f"persetujuan {short_id(self.worker_id)} dicabut"]
        parts_en = [f"consent of {short_id(self.worker_id)} withdrawn"]
        if self.withdrawn_nominations:
            parts_id.append(f"{self.withdrawn_nominations} usulan ditarik")
            parts_en.append(f"{self.withdrawn_nominations} nomination(s) withdrawn")
        if self.sent:
            labels_id = ", ".join(statuses.label(s, "id") for s in self.sent)
            labels_en = ", ".join(statuses.label(s, "en") for s in self.sent)
            parts_id.append(
                f"usulan sudah {labels_id}: kabupaten harus diberi tahu (tercatat di berkas sinkronisasi berikutnya)"
            )
            parts_en.append(f"nomination already {labels_en}: the district must be told (it is in the next sync file)")
        parts_id.append(f"data pribadi dihapus paling lambat {by}")
        parts_en.append(f"personal data erased by {by} at the latest")
        return Text("; ".join(parts_id), "; ".join(parts_en))


@dataclass(slots=True)
class PurgeReport:
    purged: list[tuple[str, str]] = field(default_factory=list)  # (worker id, kind)
    redacted_entries: int = 0

    @property
    def count(self) -> int:
        return len(self.purged)

    def to_dict(self) -> dict[str, Any]:
        return {
            "purged": [{"id": wid, "kind": kind} for wid, kind in self.purged],
            "redacted_audit_entries": self.redacted_entries,
        }

    def text(self) -> Text:
        n = self.count
        return Text(
            f"data pribadi {n} pekerja dihapus ({self.redacted_entries} entri audit disamarkan)",
            f"personal data of {n} workers erased ({self.redacted_entries} audit entries redacted)",
        )


# -- withdrawal ----------------------------------------------------------------------------------


def withdraw_consent(
    ws: Workspace, actor: Actor, ref: str, reason: str, *, now: dt.datetime | None = None
) -> Withdrawal:
    """Records the worker's withdrawal of consent and withdraws their open nominations (one
    transaction). The erasure follows in :func:`purge`, due at once."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    reason = " ".join(reason.split())
    if not reason:
        raise UserError("reason", Text("wajib diisi saat mencabut persetujuan", "is required to withdraw consent"))
    if len(reason) > 500:
        raise UserError("reason", Text("terlalu panjang (maks. 500 huruf)", "too long (max. 500 characters)"))
    at = now or models.utcnow()
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        w = resolve(s, ref)
        if w.consent_withdrawn_at is not None:
            raise UserError(
                "worker",
                Text(
                    f"persetujuannya sudah dicabut pada {w.consent_withdrawn_at:%d-%m-%Y}",
                    f"consent was already withdrawn on {w.consent_withdrawn_at:%d-%m-%Y}",
                ),
                short_id(w.id),
            )
        nominations = list(
            s.execute(
                select(models.Nomination).where(
                    models.Nomination.worker_id == w.id, models.Nomination.deleted_at.is_(None)
                )
            ).scalars()
        )
        withdrawn, sent = 0, []
        note = "persetujuan pemrosesan data pribadi dicabut pekerja (UU 27/2022)"
        for n in nominations:
            if n.status in statuses.WITHDRAWABLE:
                status_engine.move_one(s, actor, n, statuses.WITHDRAWN, note, audit=uow.audit)
                withdrawn += 1
            elif n.status in statuses.SENT:
                # Already with the district: the village cannot take it back. A history event
                # (same status) travels in the next sync file and tells the district.
                status_engine.move_one(
                    s,
                    actor,
                    n,
                    n.status,
                    note + "; kabupaten harus menghentikan dan menghapus datanya",
                    audit=uow.audit,
                )
                sent.append(n.status)
        w.consent_withdrawn_at = at
        s.flush()
        uow.audit(
            "worker.consent_withdrawn",
            "worker",
            w.id,
            {"consent_date": w.consent_date.isoformat() if w.consent_date else None},
            {"consent_withdrawn_at": at.isoformat(timespec="seconds"), "reason": reason},
        )
        return Withdrawal(w.id, at, at + PURGE_WITHIN, withdrawn, tuple(sent))


# -- retention -----------------------------------------------------------------------------------


def retention_days(ws: Workspace) -> int:
    with ws.reading() as s:
        return _retention_days(s)


def _retention_days(s: Session) -> int:
    value = setting_value(s, RETENTION_SETTING)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else DEFAULT_RETENTION_DAYS


def set_retention_days(ws: Workspace, actor: Actor, days: int) -> int:
    """How many days the data of a declined or withdrawn worker are kept (admin or operator)."""
    actor.require(ROLE_ADMIN, ROLE_OPERATOR)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_RETENTION_DAYS:
        raise UserError(
            "days",
            Text(f"harus antara 1 dan {MAX_RETENTION_DAYS} hari", f"must be between 1 and {MAX_RETENTION_DAYS} days"),
            days,
        )
    put_setting(ws, actor, RETENTION_SETTING, days)
    return days


# -- the purge -----------------------------------------------------------------------------------


def due(s: Session, *, now: dt.datetime) -> list[tuple[str, str]]:
    """The workers whose personal data are to be erased now, with the kind of purge."""
    w, n = models.Worker, models.Nomination
    out = [
        (wid, WITHDRAWN)
        for wid in s.execute(
            select(w.id).where(w.purged_at.is_(None), w.consent_withdrawn_at.is_not(None)).order_by(w.id)
        ).scalars()
    ]
    withdrawn = {wid for wid, _ in out}
    cutoff = now - dt.timedelta(days=_retention_days(s))
    ended: dict[str, dt.datetime] = {}
    live: set[str] = set()
    rows = s.execute(
        select(n.worker_id, n.status, n.updated_at)
        .join(w, w.id == n.worker_id)
        .where(w.purged_at.is_(None), n.deleted_at.is_(None))
    ).all()
    for wid, st, at in rows:
        if st in statuses.ENDED:
            ended[wid] = max(ended.get(wid, at), at)
        else:
            live.add(wid)
    out += [
        (wid, RETENTION)
        for wid, at in sorted(ended.items())
        if wid not in live and wid not in withdrawn and at <= cutoff
    ]
    return out


def purge(ws: Workspace, actor: Actor = SYSTEM, *, now: dt.datetime | None = None) -> PurgeReport:
    """Erases the personal data of every worker due (:func:`due`), in one transaction."""
    at = now or models.utcnow()
    report = PurgeReport()
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        todo = due(s, now=at)
        for wid, kind in todo:
            report.redacted_entries += _purge_one(uow.session, uow.audit, wid, kind, at)
            report.purged.append((wid, kind))
        if todo:
            maintenance.drop_erased_words(s)
    return report


def _purge_one(s: Session, audit: Any, wid: str, kind: str, at: dt.datetime) -> int:
    w = s.get_one(models.Worker, wid)
    for column, value in ERASED.items():
        if getattr(w, column) != value:
            setattr(w, column, value)
    w.purged_at = at
    if w.deleted_at is None:
        w.deleted_at = at
    noms = list(s.execute(select(models.Nomination).where(models.Nomination.worker_id == wid)).scalars())
    scans = {n.signed_scan_sha256 for n in noms if n.signed_scan_sha256}
    for n in noms:
        if n.kpj:
            n.kpj = ""
        if n.signed_scan_sha256:
            n.signed_scan_sha256 = None
    s.execute(delete(models.Assessment).where(models.Assessment.worker_id == wid))
    s.execute(delete(models.Draft).where(models.Draft.entity_id == wid))
    s.flush()
    for digest in scans:
        still = s.execute(
            select(models.Nomination.id).where(models.Nomination.signed_scan_sha256 == digest).limit(1)
        ).first()
        if still is None:
            s.execute(delete(models.Attachment).where(models.Attachment.sha256 == digest))
    vouchers = _redact(s, wid, [n.id for n in noms])
    audit(
        "privacy.purge",
        "worker",
        wid,
        None,
        {"kind": kind, "purged_at": at.isoformat(timespec="seconds"), "redacted": vouchers},
    )
    return len(vouchers)


def entry_digest(e: models.AuditEntry) -> str:
    """The SHA-256 of an entry's content as its hash covers it (``services.audit.verify``)."""
    return hashlib.sha256(canonical(audit_payload(e)).encode()).hexdigest()


def _redact(s: Session, wid: str, nomination_ids: Iterable[str]) -> list[list[Any]]:
    """Blanks the snapshots of the worker's audit entries: every entry about the worker or one of
    their nominations, and their part of an import's per-worker changes."""
    a = models.AuditEntry
    ids = [wid, *nomination_ids]
    own = a.entity_id.in_(ids)
    mentions = (a.entity_id.is_(None)) & (a.action == "worker.import")
    vouchers: list[list[Any]] = []
    for e in s.execute(select(a).where(or_(own, mentions)).order_by(a.seq)).scalars():
        if e.action == "privacy.purge":
            continue
        before, after = e.before, e.after
        if e.entity_id in ids:
            new_before = REDACTED if before not in (None, REDACTED) else before
            new_after = REDACTED if after not in (None, REDACTED) else after
        else:
            changes = (after or {}).get("changes")
            if not isinstance(changes, dict) or wid not in changes or changes[wid] == REDACTED:
                continue
            new_before, new_after = before, {**(after or {}), "changes": {**changes, wid: REDACTED}}
        if new_before == before and new_after == after:
            continue
        e.before, e.after = new_before, new_after
        vouchers.append([e.seq, e.hash, entry_digest(e)])
    s.flush()
    return vouchers


SHOW_NIK = "worker.show_nik"


@dataclass(frozen=True, slots=True)
class Numbers:
    """One worker's whole NIK and KK number."""

    worker_id: str
    nik: str
    kk: str


def show_full_nik(ws: Workspace, actor: Actor, worker_id: str) -> Numbers:
    """The whole NIK and KK number of one worker, for ``actor``; audited when the actor's role
    sees masked NIKs (for the others it is what every list shows them anyway)."""
    with ws.unit_of_work(actor) as uow:
        w = resolve(uow.session, worker_id)
        if not sees_full_nik(actor.role):
            uow.audit(SHOW_NIK, "worker", w.id, None, {"shown": ["nik", "kk"]})
        return Numbers(w.id, w.nik, w.kk or "")

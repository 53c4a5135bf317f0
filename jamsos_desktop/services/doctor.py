"""Integrity check and a summary of the database, for `jamsos doctor` and the status bar."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select

from ..storage import models
from ..storage.db import current_revision, head_revision
from ..storage.maintenance import integrity_problems
from .common import summarize_quota
from .context import Workspace
from .village import active_program


@dataclass(slots=True)
class DoctorReport:
    path: str
    schema: str | None
    schema_head: str
    problems: list[str] = field(default_factory=list)
    workers: int = 0
    deleted_workers: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    audit_entries: int = 0
    quota: dict[str, Any] = field(default_factory=dict)
    size_bytes: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"ok": self.ok}


def verify_audit_chain(ws: Workspace) -> list[str]:
    """Each entry's hash must cover the one before: an edited or removed entry breaks the chain.
    The one verifier (``services.audit.verify``), so a redaction a purge vouched for passes here
    as it does at opening and in ``audit verify``."""
    from .audit import verify

    rep = verify(ws, stop_at_first=True)
    return [f"audit trail broken at entry {p.seq}" for p in rep.problems[:1]]


def doctor(ws: Workspace) -> DoctorReport:
    rep = DoctorReport(path=str(ws.db.path), schema=current_revision(ws.db.engine), schema_head=head_revision())
    if rep.schema != rep.schema_head:
        rep.problems.append(f"schema {rep.schema} is not the newest ({rep.schema_head})")
    rep.problems += integrity_problems(ws.db)
    rep.problems += verify_audit_chain(ws)
    with ws.reading() as s:
        w = models.Worker
        rep.workers = s.execute(select(func.count()).select_from(w).where(w.deleted_at.is_(None))).scalar_one()
        rep.deleted_workers = s.execute(
            select(func.count()).select_from(w).where(w.deleted_at.is_not(None))
        ).scalar_one()
        rep.by_status = dict(
            s.execute(select(w.status, func.count()).where(w.deleted_at.is_(None)).group_by(w.status)).all()
        )
        rep.audit_entries = s.execute(select(func.count()).select_from(models.AuditEntry)).scalar_one()
        dup = s.execute(select(w.nik).where(w.deleted_at.is_(None)).group_by(w.nik).having(func.count() > 1)).first()
        if dup is not None:
            rep.problems.append("two living records share a NIK")
        rep.quota = summarize_quota(s, active_program(s)).to_dict()
    rep.size_bytes = ws.db.path.stat().st_size
    return rep


def schema_revision(ws: Workspace) -> str | None:
    """The database's schema revision (one small query), for the About dialog."""
    return current_revision(ws.db.engine)

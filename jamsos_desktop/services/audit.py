"""The audit trail read back: verifying its chain (``jamsos audit verify``) and listing it for people.

Every entry's hash covers the entry and the hash before it, so editing an entry breaks its own
hash and removing or inserting one breaks the link of the next. What the chain alone cannot
show is entries cut off at the end, or a trail rewritten from some point on with fresh hashes:
for those the verifier compares *known heads*, (seq, hash) pairs recorded outside the database
(each backup's note, ``services/backup.py``), which a sound trail must still contain unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.actors import shown_text
from ..domain.text import Text
from ..storage import models
from .context import GENESIS_HASH, Workspace, audit_hash, audit_payload, canonical

#: Kinds of problem, stable codes for tests and scripts (messages are for people).
EDITED, LINK, GAP, HEAD = "audit.edited", "audit.link", "audit.gap", "audit.head"


@dataclass(frozen=True, slots=True)
class AuditProblem:
    code: str
    seq: int
    text: Text

    def message(self) -> str:
        return f"{self.text.get()} (#{self.seq})"


@dataclass(frozen=True, slots=True)
class Head:
    """The newest entry of a trail: how far it reached and the hash it ended on."""

    seq: int
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash}


@dataclass(slots=True)
class AuditReport:
    entries: int = 0
    head: Head = field(default_factory=lambda: Head(0, GENESIS_HASH))
    problems: list[AuditProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": self.head.to_dict(),
            "problems": [{"code": p.code, "seq": p.seq, "message": p.message()} for p in self.problems],
        }


def verify(ws: Workspace, known_heads: Iterable[Head] = (), *, stop_at_first: bool = False) -> AuditReport:
    """Walks the whole trail; every broken entry is reported (or only the first, ``stop_at_first``)."""
    rep = AuditReport()
    wanted = {h.seq: h.hash for h in known_heads if h.seq > 0}  # seq 0: a trail not begun
    prev, last_seq = GENESIS_HASH, 0
    seen: dict[int, str] = {}
    with ws.reading() as s:
        vouched = _redactions(s)
        stmt = select(models.AuditEntry).order_by(models.AuditEntry.seq)
        for e in s.execute(stmt).scalars().yield_per(2000):
            rep.entries += 1
            if e.seq != last_seq + 1:
                rep.problems.append(
                    AuditProblem(
                        GAP,
                        e.seq,
                        Text(
                            f"entri {last_seq + 1}-{e.seq - 1} hilang dari jejak audit",
                            f"entries {last_seq + 1}-{e.seq - 1} are missing from the audit trail",
                        ),
                    )
                )
            if e.prev_hash != prev:
                rep.problems.append(
                    AuditProblem(
                        LINK,
                        e.seq,
                        Text(
                            "entri sebelumnya dihapus, disisipkan, atau diubah",
                            "an entry before this one was removed, inserted or changed",
                        ),
                    )
                )
            if audit_hash(e.prev_hash, audit_payload(e)) != e.hash and not _vouched(e, vouched):
                rep.problems.append(
                    AuditProblem(EDITED, e.seq, Text("isi entri audit diubah", "the audit entry was edited"))
                )
            if e.seq in wanted:
                seen[e.seq] = e.hash
            prev, last_seq = e.hash, e.seq
            if stop_at_first and rep.problems:
                break
    rep.head = Head(last_seq, prev)
    for seq, h in sorted(wanted.items()):
        if stop_at_first and rep.problems:
            break
        if seen.get(seq) != h:
            rep.problems.append(
                AuditProblem(
                    HEAD,
                    seq,
                    Text(
                        "jejak audit tidak lagi memuat entri yang tercatat di cadangan (terpotong atau ditulis ulang)",
                        "the audit trail no longer holds an entry a backup recorded (cut off or rewritten)",
                    ),
                )
            )
    return rep


def _redactions(s: Any) -> dict[int, tuple[str, str, int]]:
    """What the purges of personal data vouch for: redacted entry seq -> (its hash, the SHA-256
    of its redacted content, the purge entry's seq). A purge entry is itself checked by the
    chain like any other; only a later one may vouch (``services.privacy``)."""
    out: dict[int, tuple[str, str, int]] = {}
    stmt = select(models.AuditEntry.seq, models.AuditEntry.after).where(models.AuditEntry.action == "privacy.purge")
    for seq, after in s.execute(stmt):
        for item in (after or {}).get("redacted", []):
            if isinstance(item, list) and len(item) == 3 and isinstance(item[0], int) and item[0] < seq:
                out[item[0]] = (str(item[1]), str(item[2]), seq)
    return out


def _vouched(e: models.AuditEntry, vouched: dict[int, tuple[str, str, int]]) -> bool:
    """A redacted entry passes when a later purge entry names its hash and its content now."""
    v = vouched.get(e.seq)
    if v is None or v[0] != e.hash:
        return False
    return hashlib.sha256(canonical(audit_payload(e)).encode()).hexdigest() == v[1]


def head(ws: Workspace) -> Head:
    with ws.reading() as s:
        return head_in(s)


def head_in(s: Session) -> Head:
    """The trail's newest entry as ``s`` sees it (in a write: with the entries written so far, flushed)."""
    row = s.execute(
        select(models.AuditEntry.seq, models.AuditEntry.hash).order_by(models.AuditEntry.seq.desc()).limit(1)
    ).first()
    return Head(0, GENESIS_HASH) if row is None else Head(int(row[0]), str(row[1]))


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One entry as the audit view shows it: who did what to which record, when (no values)."""

    seq: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_id: str
    fields: tuple[str, ...]  # what changed (names only: the values may be personal data)

    def record(self, role: str) -> str:
        """The record as the view shows it to ``role``: its kind and the last 8 characters of its
        id (the short id people see); an id that is a NIK or KK number is shown whole, masked
        unless the role sees full NIKs (``actors.shown_text``)."""
        ident = self.entity_id
        if ident.isdigit() and len(ident) == 16:
            return f"{self.entity} {shown_text(role, ident)}".strip()
        return f"{self.entity} {ident[-8:]}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at.isoformat(timespec="seconds"),
            "username": self.username,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "fields": list(self.fields),
        }


#: Columns every write moves; they say nothing about what a person changed.
_BOOKKEEPING = frozenset({"version", "change_seq", "updated_at", "updated_by"})


def _changed(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[str, ...]:
    b, a = before or {}, after or {}
    if not b:
        return ()
    return tuple(sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k) and k not in _BOOKKEEPING))


def entries(
    ws: Workspace,
    *,
    username: str | None = None,
    record: str | None = None,
    limit: int = 500,
    before_seq: int | None = None,
) -> list[AuditRow]:
    """The newest entries first; ``record`` matches a record's id or the end of it (the short
    id people see), ``username`` the account that acted."""
    limit = max(1, min(limit, 10_000))
    a = models.AuditEntry
    stmt = select(a).order_by(a.seq.desc()).limit(limit)
    if username:
        stmt = stmt.where(a.username == username.strip())
    if record:
        rec = record.strip().lower()
        stmt = stmt.where((a.entity_id == rec) | a.entity_id.like(f"%{_escape(rec)}", escape="\\"))
    if before_seq is not None:
        stmt = stmt.where(a.seq < before_seq)
    with ws.reading() as s:
        return [
            AuditRow(e.seq, e.at, e.username, e.action, e.entity, e.entity_id or "", _changed(e.before, e.after))
            for e in s.execute(stmt).scalars()
        ]


def usernames(ws: Workspace) -> list[str]:
    """Everyone who appears in the trail (for the view's filter)."""
    with ws.reading() as s:
        return sorted(str(u) for (u,) in s.execute(select(models.AuditEntry.username).distinct()))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

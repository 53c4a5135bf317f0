"""The workspace (an open village database) and the unit of work every change goes through."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import paths
from ..domain.actors import ROLE_ADMIN, ROLE_APPROVER, ROLE_OPERATOR, ROLES, SYSTEM, Actor
from ..storage import models
from ..storage.db import Database, open_database

# Actor and the roles live in the domain; services import them from here, as before.
__all__ = [
    "GENESIS_HASH",
    "ROLES",
    "ROLE_ADMIN",
    "ROLE_APPROVER",
    "ROLE_OPERATOR",
    "SYSTEM",
    "Actor",
    "UnitOfWork",
    "Workspace",
    "audit_hash",
    "audit_payload",
    "canonical",
]

log = logging.getLogger(__name__)

# The unit of work open on this thread (or task), which a nested one joins.
_open_units: ContextVar[tuple[Workspace, UnitOfWork] | None] = ContextVar("jamsos_open_unit", default=None)

GENESIS_HASH = "0" * 64


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def audit_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(entry)).encode()).hexdigest()


class UnitOfWork:
    """One transaction: the session, the actor, and an audit trail written in the same transaction."""

    def __init__(self, session: Session, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        self._last_hash: str | None = None
        self.failed = False  # a unit of work that joined this one raised

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: str | None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        if self._last_hash is None:
            last = self.session.execute(
                select(models.AuditEntry.hash).order_by(models.AuditEntry.seq.desc()).limit(1)
            ).scalar()
            self._last_hash = last or GENESIS_HASH
        entry = models.AuditEntry(
            at=models.utcnow(),
            user_id=self.actor.id,
            username=self.actor.username,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=json.loads(canonical(before)) if before is not None else None,
            after=json.loads(canonical(after)) if after is not None else None,
            prev_hash=self._last_hash,
        )
        entry.hash = audit_hash(self._last_hash, audit_payload(entry))
        self._last_hash = entry.hash
        self.session.add(entry)


def audit_payload(e: models.AuditEntry) -> dict[str, Any]:
    return {
        "at": e.at.isoformat(timespec="microseconds"),
        "user_id": e.user_id,
        "username": e.username,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "before": e.before,
        "after": e.after,
    }


class Workspace:
    """An open village database in a data directory."""

    def __init__(self, data_dir: Path, db: Database) -> None:
        self.data_dir = data_dir
        self.db = db

    @classmethod
    def open(cls, data_dir: Path, *, create: bool = False, key: bytes | None = None, check: bool = True) -> Workspace:
        """The workspace of ``data_dir``, unlocked with ``key`` (``accounts.unlock`` gets it from a
        password); without one only a new or not yet set-up database opens (``db.resolve_key``)."""
        data_dir.mkdir(parents=True, exist_ok=True) if create else None
        if check:  # a damaged or empty file is refused before anything writes to it
            from .integrity import gate

            gate(data_dir, key=key)
        db = open_database(paths.db_path(data_dir), create=create, backup_dir=paths.backup_dir(data_dir), key=key)
        return cls(data_dir, db)

    @contextmanager
    def unit_of_work(self, actor: Actor) -> Iterator[UnitOfWork]:
        """One transaction; inside another unit of work of this workspace on the same thread it
        joins that one (one use case made of others, e.g. saving a worker and dropping the draft),
        and an error inside fails the whole: nothing of it is written."""
        joined = _open_units.get()
        if joined is not None and joined[0] is self:
            uow = joined[1]
            if uow.actor.id != actor.id:
                raise RuntimeError("a unit of work joined by another actor")
            try:
                yield uow
            except BaseException:
                uow.failed = True
                raise
            return
        with self.db.write(actor.id) as session:
            uow = UnitOfWork(session, actor)
            token = _open_units.set((self, uow))
            try:
                yield uow
                if uow.failed:  # a joined one failed and its error was caught: write nothing
                    raise RuntimeError("a unit of work inside this one failed; nothing was written")
            finally:
                _open_units.reset(token)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.db.read() as session:
            yield session

    def close(self) -> None:
        self.db.close()
        if self.db.path == paths.db_path(self.data_dir):  # the village's own file, not a copy
            from .integrity import remember_clean_close

            remember_clean_close(self.data_dir)

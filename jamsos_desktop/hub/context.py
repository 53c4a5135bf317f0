"""The open hub and the unit of work every change goes through (attributed, audited).

The hub's services follow the village's (``services/context.py``): one transaction per unit of
work, and in it a hash-chained audit entry naming the clerk. The chain and the canonical JSON
are the village's own functions, so one verifier reads both trails.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from ..domain.actors import Actor
from ..services.context import GENESIS_HASH, audit_hash, canonical

__all__ = ["GENESIS_HASH", "HUB_SYSTEM", "Hub", "HubUnit", "audit_payload"]
from .storage import audit as audit_lock
from .storage import models
from .storage.db import HubStore, PasswordNeeded, default_url, open_hub, with_password

#: The actor of work no clerk started (the first account, made before anyone can sign in).
HUB_SYSTEM = Actor(None, "system", "Sistem", "system")


class HubUnit:
    """One transaction of the hub: the session, the clerk, the audit entries written with it."""

    def __init__(self, session: Session, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        self._last_hash: str | None = None

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: str | None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        if self._last_hash is None:
            audit_lock.lock_chain(self.session)
            last = self.session.execute(
                select(models.HubAudit.hash).order_by(models.HubAudit.seq.desc()).limit(1)
            ).scalar()
            self._last_hash = last or GENESIS_HASH
        entry = self.entry(self._last_hash, action, entity, entity_id, before=before, after=after)
        self._last_hash = entry.hash
        self.session.add(entry)
        # Flushed at once: the next unit's chain reads this hash, and a bulk statement of the
        # same transaction must not run ahead of it.
        self.session.flush()

    def entry(
        self,
        prev_hash: str,
        action: str,
        entity: str,
        entity_id: str | None,
        *,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> models.HubAudit:
        """The entry that follows ``prev_hash``, its hash worked out (not added to the session:
        ``audit`` adds it; the import's PostgreSQL path writes it in its pipeline)."""
        entry = models.HubAudit(
            at=models.utcnow(),
            user_id=self.actor.id,
            username=self.actor.username,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=json.loads(canonical(before)) if before is not None else None,
            after=json.loads(canonical(after)) if after is not None else None,
            prev_hash=prev_hash,
        )
        entry.hash = audit_hash(prev_hash, audit_payload(entry))
        return entry

    def chained(self, entry: models.HubAudit) -> None:
        """``entry`` was written outside the session (the import's pipeline): the next entry of
        this unit chains onto it."""
        self._last_hash = entry.hash


def audit_payload(e: models.HubAudit) -> dict[str, Any]:
    """What an entry's hash covers (the same fields as the village's ``audit_payload``)."""
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


class Hub:
    """An open hub database."""

    def __init__(self, store: HubStore) -> None:
        self.store = store

    @classmethod
    def open(cls, url: str | None = None, *, data_dir: Path | None = None, create: bool = True) -> Hub:
        """``url`` (``--db``), else ``JAMSOS_HUB_DB``, else a SQLite file in the user data folder."""
        return cls(open_hub(url or default_url(data_dir), create=create))

    @classmethod
    def open_asking(
        cls,
        url: str | None,
        ask: Callable[[PasswordNeeded], str | None],
        *,
        data_dir: Path | None = None,
        create: bool = True,
        tries: int | None = None,
    ) -> Hub | None:
        """``open``; when the PostgreSQL server wants a password the address does not hold (none is
        ever written down), ``ask`` is asked for it (again after a refusal, up to ``tries``) and it
        is kept in memory only. None: ``ask`` gave none."""
        url = url or default_url(data_dir)
        asked = 0
        while True:
            try:
                return cls.open(url, data_dir=data_dir, create=create)
            except PasswordNeeded as exc:
                if tries is not None and asked >= tries:
                    raise
                password = ask(exc)
                if not password:
                    return None
                asked += 1
                url = with_password(url, password)

    @contextmanager
    def unit_of_work(self, actor: Actor) -> Iterator[HubUnit]:
        with self.store.write(actor.id) as session:
            yield HubUnit(session, actor)

    @contextmanager
    def unit_on(self, conn: Connection, actor: Actor) -> Iterator[HubUnit]:
        """A unit of work on a connection held for a run of them (``storage.ingest.bulk_connection``):
        a transaction of its own, or, inside the batch's open transaction (SQLite), a savepoint."""
        with (
            Session(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint") as session,
            session.begin(),
        ):
            session.info["actor_id"] = actor.id
            yield HubUnit(session, actor)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.store.read() as session:
            yield session

    def close(self) -> None:
        self.store.close()

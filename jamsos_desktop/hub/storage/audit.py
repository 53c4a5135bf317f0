"""The audit chain's lock: one writer of the hub's audit trail at a time, on either engine."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

#: An arbitrary, fixed key of PostgreSQL's advisory locks, for the hub's audit chain.
CHAIN_LOCK = 0x4A414D53  # "JAMS"


def lock_chain(session: Session) -> None:
    """Held until the transaction ends. Each audit entry's hash covers the previous entry's; two
    clerks writing at the same moment on PostgreSQL would otherwise both chain onto the same
    last entry. SQLite needs nothing: its writers already queue (``BEGIN IMMEDIATE``)."""
    if session.connection().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK})

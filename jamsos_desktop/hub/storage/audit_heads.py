"""The newest audit-trail head the hub has seen from each village device (migration h0003).

Every village export names its audit trail's head in its signed manifest (``audit_head``:
the newest entry's number and hash, docs/sync-format.md §3). The hub keeps, per device (one
village database, one trail), the head of the highest export number it applied, and checks
each later file against it (``hub/audit_chain.py``) before any of that file's records is
stored: a village's trail only grows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import HubBase, utcnow


class HubAuditHead(HubBase):
    """The audit head carried by the highest-numbered export of a device the hub applied."""

    __tablename__ = "hub_audit_heads"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    village_code: Mapped[str] = mapped_column(String(13), index=True)
    export_seq: Mapped[int] = mapped_column(Integer)  # the export that carried it
    audit_seq: Mapped[int] = mapped_column(Integer)
    audit_hash: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

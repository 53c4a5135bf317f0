"""The district's own findings and answers (migration h0002): duplicate candidates and the
clerk's decisions, the result the hub holds for each nomination (from BPJS or from a duplicate
decision), and every return file written.

Kept apart from the villages' record tables: those are overwritten by the villages' newer
copies, these only by the hub's clerks.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import HubBase, utcnow

#: A candidate's state: undecided, one side kept (the other is a duplicate), or two people.
OPEN, KEPT, NOT_DUPLICATE = "open", "kept", "not_duplicate"
DUPLICATE_STATES = (OPEN, KEPT, NOT_DUPLICATE)


class HubDuplicate(HubBase):
    """A pair of workers of two villages that may be one person, found by ``rule`` with ``score``.

    The pair is stored in a fixed order ((village_a, worker_a) < (village_b, worker_b)), so a
    second run finds the same row and a decision survives it.
    """

    __tablename__ = "hub_duplicates"
    __table_args__ = (
        UniqueConstraint("village_a", "worker_a", "village_b", "worker_b", name="uq_hub_duplicates_pair"),
        Index("ix_hub_duplicates_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rule: Mapped[str] = mapped_column(String(20))
    score: Mapped[int] = mapped_column(Integer)
    village_a: Mapped[str] = mapped_column(String(13))
    worker_a: Mapped[str] = mapped_column(String(36))
    nik_a: Mapped[str] = mapped_column(String(16))
    village_b: Mapped[str] = mapped_column(String(13))
    worker_b: Mapped[str] = mapped_column(String(36))
    nik_b: Mapped[str] = mapped_column(String(16))
    found_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(15), default=OPEN)
    kept_village: Mapped[str | None] = mapped_column(String(13))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str | None] = mapped_column(String(40))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class HubResult(HubBase):
    """The district's answer for one nomination of one village, as the next return file carries it."""

    __tablename__ = "hub_results"

    village_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    nomination_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(36))
    outcome: Mapped[str | None] = mapped_column(String(12))  # registered | rejected | duplicate; None: only sent
    kpj: Mapped[str] = mapped_column(String(13), default="")
    coverage_start: Mapped[dt.date | None] = mapped_column(Date)
    coverage_end: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(255), default="")  # the branch's file, or the duplicate decision
    recorded_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    recorded_by: Mapped[str | None] = mapped_column(String(40))
    bpjs_sheet_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # written into a BPJS sheet
    returned_seq: Mapped[int | None] = mapped_column(Integer)  # the return file that carried this answer


class HubReturn(HubBase):
    """A return file the hub wrote for one village device."""

    __tablename__ = "hub_returns"
    __table_args__ = (UniqueConstraint("device_id", "seq", name="uq_hub_returns_device_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    village_code: Mapped[str] = mapped_column(String(13), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    answers_export_seq: Mapped[int] = mapped_column(Integer)
    results: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(40))

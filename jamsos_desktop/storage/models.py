"""Typed SQLAlchemy models of the village database.

Every record that travels in a sync file carries a UUID key, created/updated timestamps, a
version counter (also the optimistic-lock column), a soft-deletion time, and ``change_seq``:
a database-wide counter stamped on every write, so an export can take "everything since N".
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from .ids import new_id


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class SyncMixin:
    """Columns every synced record has."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)
    created_by: Mapped[str | None] = mapped_column(String(36), default=None)
    updated_by: Mapped[str | None] = mapped_column(String(36), default=None)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class Village(SyncMixin, Base):
    __tablename__ = "village"

    code: Mapped[str] = mapped_column(String(13))  # dotted Kemendagri code 32.04.05.2005
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(12), default="desa")
    district_name: Mapped[str] = mapped_column(String(100))
    regency_name: Mapped[str] = mapped_column(String(100))
    province_name: Mapped[str] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(5))
    head_title: Mapped[str] = mapped_column(String(40), default="Kepala Desa")
    head_name: Mapped[str] = mapped_column(String(120))
    operator_name: Mapped[str] = mapped_column(String(120), default="")
    office_address: Mapped[str] = mapped_column(String(250), default="")
    emblem_sha256: Mapped[str | None] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(36), default=new_id)


class Program(SyncMixin, Base):
    __tablename__ = "programs"

    year: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    funding_source: Mapped[str] = mapped_column(String(20), default="APBDes")
    months: Mapped[int] = mapped_column(Integer, default=12)
    quota: Mapped[int] = mapped_column(Integer, default=100)
    budget_ceiling: Mapped[int | None] = mapped_column(BigInteger)
    contribution_mode: Mapped[str] = mapped_column(String(20), default="lowest_band")
    include_jht: Mapped[bool] = mapped_column(Boolean, default=False)
    bands: Mapped[list[Any]] = mapped_column(JSON)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    ranking_weights: Mapped[dict[str, Any]] = mapped_column(JSON)
    rule_set_version: Mapped[int] = mapped_column(Integer, default=1)
    reference_date: Mapped[dt.date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Worker(SyncMixin, Base):
    __tablename__ = "workers"

    nik: Mapped[str] = mapped_column(String(16))
    kk: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120))  # lower-case, for sorting and duplicate checks
    birth_place: Mapped[str] = mapped_column(String(60))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    address: Mapped[str] = mapped_column(String(250), default="")
    dusun: Mapped[str] = mapped_column(String(60))
    rt: Mapped[str] = mapped_column(String(3))
    rw: Mapped[str] = mapped_column(String(3))
    phone: Mapped[str] = mapped_column(String(16), default="")
    occupation_code: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(30))
    income: Mapped[int | None] = mapped_column(BigInteger)
    heir_name: Mapped[str] = mapped_column(String(120), default="")
    heir_relation: Mapped[str] = mapped_column(String(40), default="")
    heir_phone: Mapped[str] = mapped_column(String(16), default="")
    dtks: Mapped[bool] = mapped_column(Boolean, default=False)
    bpjs_active: Mapped[bool] = mapped_column(Boolean, default=False)
    kpj: Mapped[str] = mapped_column(String(13), default="")
    resident: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The worker's nomination status in the active program (denormalized for fast filters).
    status: Mapped[str] = mapped_column(String(12), default="recorded")
    # Consent to the processing of personal data (UU 27/2022; migration 0008, services.privacy).
    consent_date: Mapped[dt.date | None] = mapped_column(Date)
    consent_withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    purged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        # One living record per NIK; a soft-deleted one may be recorded again.
        Index(
            "ux_workers_nik_live",
            "nik",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # Covering and partial (living records only): sorting by name and counting searches by
        # name or by NIK/KK prefix read only these indexes, never the table.
        Index(
            "ix_workers_name_live",
            "name_key",
            "id",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index(
            "ix_workers_kk_live",
            "kk",
            "nik",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # The dashboard's counts by status, category and dusun, the status counts and a status
        # filter read only this index (migration 0005).
        Index(
            "ix_workers_status_live",
            "status",
            "category",
            "dusun",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index("ix_workers_dusun", "dusun"),
        Index("ix_workers_category", "category"),
    )


class Assessment(SyncMixin, Base):
    """The latest assessment of a worker in a program: rule-set version and each rule's outcome."""

    __tablename__ = "assessments"

    worker_id: Mapped[str] = mapped_column(ForeignKey("workers.id"))
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"))
    rule_set_version: Mapped[int] = mapped_column(Integer)
    worker_version: Mapped[int] = mapped_column(Integer)
    eligible: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[int] = mapped_column(Integer, default=0)
    rank: Mapped[int | None] = mapped_column(Integer)
    within_quota: Mapped[bool] = mapped_column(Boolean, default=False)
    outcomes: Mapped[list[Any]] = mapped_column(JSON)  # [{rule, passed, reason_id, reason_en}]
    score_parts: Mapped[list[Any]] = mapped_column(JSON)
    assessed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("worker_id", "program_id", name="ux_assessment_worker_program"),)


class Nomination(SyncMixin, Base):
    __tablename__ = "nominations"

    worker_id: Mapped[str] = mapped_column(ForeignKey("workers.id"), index=True)
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    months: Mapped[int] = mapped_column(Integer)
    monthly_contribution: Mapped[int] = mapped_column(BigInteger)
    score: Mapped[int] = mapped_column(Integer, default=0)
    rank: Mapped[int | None] = mapped_column(Integer)
    decided_by: Mapped[str | None] = mapped_column(String(36))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    printed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signed_scan_sha256: Mapped[str | None] = mapped_column(String(64))
    export_seq: Mapped[int | None] = mapped_column(Integer)
    kpj: Mapped[str] = mapped_column(String(13), default="")
    coverage_start: Mapped[dt.date | None] = mapped_column(Date)
    coverage_end: Mapped[dt.date | None] = mapped_column(Date)
    result_reason: Mapped[str] = mapped_column(Text, default="")

    events: Mapped[list[NominationEvent]] = relationship(
        back_populates="nomination", order_by="NominationEvent.seq", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("worker_id", "program_id", name="ux_nomination_worker_program"),)


class NominationEvent(Base):
    """One status change of a nomination: the history people see."""

    __tablename__ = "nomination_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), default=new_id, unique=True)
    nomination_id: Mapped[str] = mapped_column(ForeignKey("nominations.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[str | None] = mapped_column(String(36))
    username: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)

    nomination: Mapped[Nomination] = relationship(back_populates="events")


class User(SyncMixin, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(12))  # operator | approver | admin
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """Append-only audit trail, hash-chained: each entry's hash covers the previous one."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[str | None] = mapped_column(String(36))
    username: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str | None] = mapped_column(String(36), index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Counter(Base):
    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(30), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Attachment(Base):
    """A file stored by its SHA-256 (scan of a signed form, the village emblem)."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(BigInteger)
    filename: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(36))


class Draft(Base):
    """A form that is not valid yet, kept so that nothing typed is lost (crash, lock)."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str | None] = mapped_column(String(36))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SyncExport(Base):
    """One sync file written by this device."""

    __tablename__ = "sync_exports"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[str | None] = mapped_column(String(36))
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    from_change: Mapped[int] = mapped_column(BigInteger)
    to_change: Mapped[int] = mapped_column(BigInteger)
    file_name: Mapped[str] = mapped_column(String(200))
    file_sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)  # kept for "write again"


class SyncImport(Base):
    """A return file from the district that was applied (or recognised as already applied)."""

    __tablename__ = "sync_imports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    return_seq: Mapped[int] = mapped_column(Integer)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[str | None] = mapped_column(String(36))
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)


class KeyPair(Base):
    """Keys of this device (Ed25519 signing) and of the district (X25519 / Ed25519 public)."""

    __tablename__ = "keys"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    public: Mapped[bytes] = mapped_column(LargeBinary)
    private: Mapped[bytes | None] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


SYNCED_MODELS: tuple[type[SyncMixin], ...] = (Village, Program, Worker, Assessment, Nomination, User)


class SyncConflict(Base):
    """A district result that was not applied because the record changed here after the export:
    kept until a person takes it or keeps the village's record (migration 0006; before, these
    lived in ``SyncImport.summary["conflicts"]``)."""

    __tablename__ = "sync_conflicts"

    # In the order they were found (the return file's order), as the list shows them; they never
    # travel, so a local counter is key enough.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    import_id: Mapped[str] = mapped_column(ForeignKey("sync_imports.id"), index=True)
    nomination_id: Mapped[str] = mapped_column(String(36), index=True)
    worker_id: Mapped[str] = mapped_column(String(36))
    outcome: Mapped[str] = mapped_column(String(12))
    kpj: Mapped[str] = mapped_column(String(13), default="")
    coverage_start: Mapped[dt.date | None] = mapped_column(Date)
    coverage_end: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    export_seq: Mapped[int] = mapped_column(Integer)
    district_versions: Mapped[list[Any]] = mapped_column(JSON)  # [nomination, worker] as the district saw them
    local_versions: Mapped[list[Any]] = mapped_column(JSON)  # [nomination, worker] here when it arrived
    local_status: Mapped[str] = mapped_column(String(12))
    why: Mapped[list[Any]] = mapped_column(JSON)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(40))  # the username who decided
    accepted: Mapped[bool | None] = mapped_column(Boolean)


class SyncResult(Base):
    """The district's result in place for a nomination: which return file decided it and the
    versions it left, so that a result arriving later is judged on its own merits (migration
    0007): superseded when a higher-numbered file already decided the same export, applied over
    an older decision when nothing changed here since, a conflict otherwise."""

    __tablename__ = "sync_results"

    nomination_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    export_seq: Mapped[int] = mapped_column(Integer)  # the export the result answered
    return_seq: Mapped[int] = mapped_column(Integer)  # the highest return file that said so
    nomination_version: Mapped[int] = mapped_column(Integer)  # the versions right after it applied
    worker_version: Mapped[int] = mapped_column(Integer)

    # One row per nomination, read and written by key only: the key is the table.
    __table_args__ = ({"sqlite_with_rowid": False},)

"""The hub's own schema: what every village sent, keyed by village code + record id.

Two kinds of table. The **record tables** (``villages``, ``workers``, ``nominations``, ...) hold
the villages' records exactly as the sync contract's current version lists them
(``sync/contract.py``), plus ``village_code`` (the key's first half: record ids are UUIDs made on
a village laptop, and a NIK is never a key) and ``file_id`` (the file that last set the row).
They are derived from the contract, so a new contract version changes these tables and
``tests/hub/test_migrations.py`` fails until a hub migration follows. Every record column but
the key and ``version`` is nullable: a file of an older format version lacks the newer fields.

The **bookkeeping tables** (``hub_*``) are the hub's own: its key pair, its clerks, their audit
trail, the devices it has seen and every file it applied.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

from ...storage import models as _village
from ...storage.ids import new_id
from ...sync import contract

#: JSON as JSONB on PostgreSQL: it has equality, so ``IS DISTINCT FROM`` can compare rows.
JSONType: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")

#: Roles of the hub's accounts.
ROLE_CLERK = "clerk"
ROLE_HEAD = "head"  # head of office (kepala dinas / kepala bidang): signs reports
HUB_ROLES = (ROLE_CLERK, ROLE_HEAD)


class HubBase(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSONType, list[Any]: JSONType}


metadata = HubBase.metadata
#: The same clock as the village's records (naive UTC).
utcnow = _village.utcnow

# --- record tables, derived from the sync contract ------------------------------------------------

#: Contract record name -> hub table name (the village's ``village`` and ``users`` get names
#: that say whose they are).
TABLE_NAMES: dict[str, str] = {
    "village": "villages",
    "users": "village_users",
    "programs": "programs",
    "workers": "workers",
    "assessments": "assessments",
    "nominations": "nominations",
    "nomination_events": "nomination_events",
}

_KINDS: dict[str, Any] = {
    contract.TEXT: Text,
    contract.INT: BigInteger,
    contract.BOOL: Boolean,
    contract.DATE: Date,
    contract.DATETIME: DateTime,
    contract.JSON: lambda: JSONType,
}

#: The columns every record table has before the contract's fields.
KEY_COLUMNS = ("village_code", "id")


def _record_table(rec: contract.Record) -> Table:
    # The contract's own order (``id`` where the contract has it), between the village code and
    # file_id: a row of the file becomes a row of the table by adding one value at each end.
    cols: list[Column[Any]] = [Column("village_code", String(13), primary_key=True)]
    for f in rec.fields:
        if f.name == "id":
            cols.append(Column("id", String(36), primary_key=True))
        else:
            # ``version`` decides which copy of a record is newer; a row without one is refused.
            cols.append(Column(f.column, _KINDS[f.kind](), nullable=f.name != "version"))
    cols.append(Column("file_id", Integer, nullable=False))
    return Table(TABLE_NAMES[rec.name], metadata, *cols)


RECORD_TABLES: dict[str, Table] = {r.name: _record_table(r) for r in contract.CONTRACTS[contract.CURRENT].records}
#: Per record, how the contract writes each column's value (what the import converts).
COLUMN_KINDS: dict[str, dict[str, str]] = {
    r.name: {f.column: f.kind for f in r.fields} for r in contract.CONTRACTS[contract.CURRENT].records
}
villages = RECORD_TABLES["village"]
programs = RECORD_TABLES["programs"]
workers = RECORD_TABLES["workers"]
nominations = RECORD_TABLES["nominations"]
nomination_events = RECORD_TABLES["nomination_events"]

#: Records without a ``version``: written once, never changed (an event of the history).
APPEND_ONLY = frozenset(name for name, t in RECORD_TABLES.items() if "version" not in t.c)

# Look-ups the hub makes by person and by status (duplicates, status, the BPJS sheet).
Index("ix_workers_nik", workers.c.nik)
Index("ix_workers_kk_birth", workers.c.kk, workers.c.birth_date)
# The status counts (``hub status``) read only this index: the live workers of a village by status.
Index(
    "ix_workers_status",
    workers.c.village_code,
    workers.c.status,
    sqlite_where=workers.c.deleted_at.is_(None),
    postgresql_where=workers.c.deleted_at.is_(None),
)
Index("ix_nominations_status", nominations.c.village_code, nominations.c.status)
Index("ix_nominations_worker", nominations.c.village_code, nominations.c.worker_id)


# --- bookkeeping ---------------------------------------------------------------------------------


class HubKey(HubBase):
    """The district's key pair: the public half, and the private half as the passphrase-protected
    key file (``sync/keyfile.private_key_file``), so a copied database opens no village file."""

    __tablename__ = "hub_keys"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)  # "district"
    district_name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(13))
    fingerprint: Mapped[str] = mapped_column(String(40))
    public: Mapped[bytes] = mapped_column(LargeBinary)
    private_file: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(40))


class HubUser(HubBase):
    """A clerk or the head of office; passwords are Argon2id, as the village's accounts."""

    __tablename__ = "hub_users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class HubAudit(HubBase):
    """Append-only, hash-chained as the village's ``audit_log``: each hash covers the previous one."""

    __tablename__ = "hub_audit"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[str | None] = mapped_column(String(36))
    username: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str | None] = mapped_column(String(80), index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class HubDevice(HubBase):
    """A village laptop, pinned to the first signing key and village code it came with."""

    __tablename__ = "hub_devices"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    village_code: Mapped[str] = mapped_column(String(13), index=True)
    public: Mapped[bytes] = mapped_column(LargeBinary)  # the device's PublicKeySet.to_bytes()
    fingerprint: Mapped[str] = mapped_column(String(40))
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class HubFile(HubBase):
    """A village export the hub applied: once per content (sha256) and once per (device, seq)."""

    __tablename__ = "hub_files"
    __table_args__ = (UniqueConstraint("device_id", "seq", name="uq_hub_files_device_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(255))
    village_code: Mapped[str] = mapped_column(String(13), index=True)
    village_name: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    full: Mapped[bool] = mapped_column(Boolean)
    change_from: Mapped[int] = mapped_column(BigInteger)
    change_to: Mapped[int] = mapped_column(BigInteger)
    format_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)  # by the village, from the manifest
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(40))
    counts: Mapped[dict[str, Any]] = mapped_column(JSONType)  # rows per entity in the file
    applied: Mapped[dict[str, Any]] = mapped_column(JSONType)  # rows per entity that changed the hub


class HubVillageFigures(HubBase):
    """What ``hub status`` shows of a village, worked out from its records whenever a file of
    it is applied (in that file's transaction), so that the status reads one row per village
    however many workers there are."""

    __tablename__ = "hub_village_figures"

    village_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    counts: Mapped[dict[str, Any]] = mapped_column(JSONType)  # live workers by status
    workers: Mapped[int] = mapped_column(Integer)
    program_year: Mapped[int | None] = mapped_column(Integer)
    quota: Mapped[int] = mapped_column(Integer)
    quota_used: Mapped[int] = mapped_column(Integer)
    budget_committed: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class HubSetting(HubBase):
    __tablename__ = "hub_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSONType)


#: Tables that are the hub's bookkeeping, not village records.
BOOKKEEPING = tuple(sorted(t for t in metadata.tables if t.startswith("hub_")))

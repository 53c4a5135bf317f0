"""What a sync file holds, field by field, per format version (docs/sync-format.md, §4).

The export builds its records from these lists, not from the database's columns: a migration
changes what is stored, never what the district reads. A new field in the file (or a field
dropped, renamed or written another way) is a new entry in :data:`CONTRACTS` under a new
format version; the lists of earlier versions stay as they are, so their files keep being read.
``tests/sync/test_contract.py`` holds every version to a committed snapshot and the newest one
to the models.

Database-free like the rest of this package: a field names its stored column as text; the
service that reads the database maps it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.text import Text
from . import errors

#: How a value is written in the JSON payload.
TEXT = "text"  # a JSON string
INT = "int"  # a JSON integer
BOOL = "bool"  # JSON true / false
DATE = "date"  # "YYYY-MM-DD"
DATETIME = "datetime"  # "YYYY-MM-DDTHH:MM:SS.ffffff", UTC without offset
JSON = "json"  # nested JSON (a list or an object)
KINDS = (TEXT, INT, BOOL, DATE, DATETIME, JSON)


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record in the file: its name there, the stored column it comes from, how
    its value is written, and whether it may be null."""

    name: str
    column: str
    kind: str
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class Record:
    """One kind of record in the file (an entity of the export payload, or a return result)."""

    name: str  # the name in the payload ("workers")
    table: str  # the stored table it is read from ("workers"); "" for what no table holds as such
    fields: tuple[Field, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.column for f in self.fields)


def _f(spec: str) -> Field:
    """``"name kind"``, ``"name kind?"`` (nullable) or ``"name=column kind"``."""
    name, kind = spec.split()
    nullable = kind.endswith("?")
    kind = kind.rstrip("?")
    name, _, column = name.partition("=")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} in {spec!r}")
    return Field(name, column or name, kind, nullable)


def _record(name: str, table: str, specs: str) -> Record:
    return Record(name, table, tuple(_f(s) for s in specs.strip().split(",")))


# Every synced record ends with these (SyncMixin); version 1 wrote them after the entity's own fields.
_SYNC = (
    "id text, created_at datetime, updated_at datetime, version int, deleted_at datetime?, change_seq int,"
    " created_by text?, updated_by text?"
)

#: Format version 1: exactly the columns the first release wrote (the tables' columns then, less
#: the users' password hash and login state, which never leave the device).
V1: tuple[Record, ...] = (
    _record(
        "village",
        "village",
        "code text, name text, kind text, district_name text, regency_name text, province_name text,"
        " postal_code text?, head_title text, head_name text, operator_name text, office_address text,"
        " emblem_sha256 text?, device_id text," + _SYNC,
    ),
    _record("users", "users", "username text, full_name text, role text, active bool," + _SYNC),
    _record(
        "programs",
        "programs",
        "year int, name text, funding_source text, months int, quota int, budget_ceiling int?,"
        " contribution_mode text, include_jht bool, bands json, rules json, ranking_weights json,"
        " rule_set_version int, reference_date date, active bool," + _SYNC,
    ),
    _record(
        "workers",
        "workers",
        "nik text, kk text, name text, name_key text, birth_place text, birth_date date, sex text, address text,"
        " dusun text, rt text, rw text, phone text, occupation_code int, category text, income int?,"
        " heir_name text, heir_relation text, heir_phone text, dtks bool, bpjs_active bool, kpj text,"
        " resident bool, notes text, status text," + _SYNC,
    ),
    _record(
        "assessments",
        "assessments",
        "worker_id text, program_id text, rule_set_version int, worker_version int, eligible bool, score int,"
        " rank int?, within_quota bool, outcomes json, score_parts json, assessed_at datetime," + _SYNC,
    ),
    _record(
        "nominations",
        "nominations",
        "worker_id text, program_id text, status text, months int, monthly_contribution int, score int,"
        " rank int?, decided_by text?, decided_at datetime?, decline_reason text, printed_at datetime?,"
        " signed_at datetime?, signed_scan_sha256 text?, export_seq int?, kpj text, coverage_start date?,"
        " coverage_end date?, result_reason text," + _SYNC,
    ),
    _record(
        "nomination_events",
        "nomination_events",
        "seq int, id text, nomination_id text, from_status text?, to_status text, at datetime, user_id text?,"
        " username text, note text, change_seq int",
    ),
)
#: The attachment references of an export (the bytes do not travel in version 1).
V1_ATTACHMENT = _record("attachments", "attachments", "sha256 text, mime text, size int?")
#: One result of a district return file.
V1_RESULT = _record(
    "results",
    "",
    "nomination_id text, worker_id text, outcome text, nomination_version int, worker_version int,"
    " export_seq int, kpj text, coverage_start date?, coverage_end date?, reason text",
)


#: Stored columns of exported tables that never leave the device (in no version of the file).
LOCAL_ONLY: dict[str, frozenset[str]] = {
    "users": frozenset({"password_hash", "failed_logins", "last_login_at"}),
    # Consent (migration 0008) is not in version 1; a withdrawal reaches the district as a
    # history event of the nomination (services.privacy), and a purge as the blanked record.
    "workers": frozenset({"consent_date", "consent_withdrawn_at", "purged_at"}),
}


@dataclass(frozen=True, slots=True)
class Contract:
    version: int
    records: tuple[Record, ...]  # the export's entities, in the order the district applies them
    attachment: Record
    result: Record

    def record(self, name: str) -> Record:
        for r in self.records:
            if r.name == name:
                return r
        raise KeyError(name)


#: Every format version this code reads (and the newest, which it writes).
CONTRACTS: dict[int, Contract] = {1: Contract(1, V1, V1_ATTACHMENT, V1_RESULT)}
CURRENT = max(CONTRACTS)


def contract(version: int) -> Contract:
    try:
        return CONTRACTS[version]
    except KeyError:
        raise errors.SyncRefused(
            errors.NEWER_FORMAT,
            Text(
                f"memakai format versi {version} yang tidak dikenal aplikasi ini; perbarui aplikasi JAMSOS",
                f"uses format version {version}, which this app does not know; update JAMSOS",
            ),
        ) from None


def _datetime(v: dt.datetime) -> str:
    return v.isoformat(timespec="microseconds")


def _date(v: dt.date) -> str:
    return v.isoformat()


_ENCODERS: dict[str, Callable[[Any], Any]] = {DATETIME: _datetime, DATE: _date}


def row_encoder(record: Record) -> Callable[[Sequence[Any]], list[Any]]:
    """Turns one stored row (values in ``record.columns`` order, as the database driver gives
    them) into the list written to the file. Only dates and times need writing out; the rest
    is already what JSON carries."""
    steps = [(i, _ENCODERS[f.kind]) for i, f in enumerate(record.fields) if f.kind in _ENCODERS]

    def encode(row: Sequence[Any]) -> list[Any]:
        out = list(row)
        for i, fn in steps:
            v = out[i]
            if v is not None and not isinstance(v, str):
                out[i] = fn(v)
        return out

    return encode


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    TEXT: (str,),
    INT: (int,),
    BOOL: (bool,),
    DATE: (str,),
    DATETIME: (str,),
    JSON: (list, dict),
}


def check_value(f: Field, v: Any) -> bool:
    """Whether ``v``, read from a file, is written as ``f`` says."""
    if v is None:
        return f.nullable
    if f.kind == INT and isinstance(v, bool):
        return False
    if not isinstance(v, _JSON_TYPES[f.kind]):
        return False
    try:
        if f.kind == DATE and isinstance(v, str):
            dt.date.fromisoformat(v)
        elif f.kind == DATETIME and isinstance(v, str):
            dt.datetime.fromisoformat(v)
    except ValueError:
        return False
    return True


def describe(version: int) -> dict[str, Any]:
    """The contract of ``version`` as plain data (the committed snapshots compare against this)."""
    c = CONTRACTS[version]

    def rec(r: Record) -> dict[str, Any]:
        return {
            "table": r.table,
            "fields": [{"name": f.name, "column": f.column, "kind": f.kind, "nullable": f.nullable} for f in r.fields],
        }

    return {
        "format_version": version,
        "export": {r.name: rec(r) for r in c.records},
        "export_order": [r.name for r in c.records],
        "attachment": rec(c.attachment),
        "result": rec(c.result),
    }


def markdown(version: int) -> str:
    """The field lists of ``version`` as docs/sync-format.md shows them (a test keeps them equal)."""
    c = CONTRACTS[version]
    lines: list[str] = []
    for r in (*c.records, c.attachment, c.result):
        where = f" (from `{r.table}`)" if r.table and r.table != r.name else ""
        lines.append(f"`{r.name}`{where}:")
        lines.append("")
        lines.append("| field | written as | null |")
        lines.append("|---|---|---|")
        for f in r.fields:
            name = f.name if f.column == f.name else f"{f.name} (column `{f.column}`)"
            lines.append(f"| `{name}` | {f.kind} | {'yes' if f.nullable else ''} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"

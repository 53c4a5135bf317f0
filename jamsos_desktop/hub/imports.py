"""``hub import``: village export files into the hub, each on its own merits.

Each file is verified and decrypted by the sync package (``sync/village_export.py``: the
canonical container, the device's signature, the payload hash, the district's key), checked
against what the hub already knows, and applied in one transaction of its own: either all of
its records or none. A file that is refused changes nothing and does not stop the others.

- **Idempotent**: a file whose content (SHA-256) was applied already is "already imported"
  before anything is decrypted; a second, different file under a (device, sequence number) the
  hub already holds is refused.
- **Order-free**: a record is replaced only by a newer copy (``hub/storage/ingest.py``), so files
  may arrive in any order; the numbers that have not arrived are listed per device
  (``hub.status``).
- **Pinned devices**: the first file of a device pins its signing key and its village; a later
  file signed by another key, or claiming another village, is refused. A hub whose keys name a
  region refuses a village outside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, and_, or_, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..domain import statuses, times
from ..domain.actors import Actor
from ..domain.text import Text
from ..sync import errors
from ..sync.crypto import KeySet, PublicKeySet
from ..sync.format import open_file
from ..sync.village_export import VillageExport, read_export
from . import status
from .audit_chain import check_audit_head
from .context import GENESIS_HASH, Hub
from .storage import ingest, models
from .storage.models import ROLE_CLERK, ROLE_HEAD

log = logging.getLogger(__name__)

IMPORTED = "imported"
ALREADY = "already"  # this very file was applied before: nothing to do
REFUSED = "refused"

# Why the hub refuses a file, beside the sync package's own codes (sync/errors.py).
UNREADABLE = "unreadable"
SEQ_REUSED = "seq_reused"
OTHER_REGION = "other_region"
DEVICE_MOVED = "device_moved"

SUFFIX = ".jamsync"

#: Called after each file: (files done, files in all, the file's name).
ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What became of one file."""

    path: str
    outcome: str  # IMPORTED | ALREADY | REFUSED
    code: str = ""  # why it was refused (stable: sync/errors.py or this module)
    reason: Text | None = None
    village_code: str = ""
    village_name: str = ""
    device_id: str = ""
    seq: int | None = None
    full: bool | None = None
    rows: dict[str, int] = field(default_factory=dict)  # per entity, rows in the file
    applied: dict[str, int] = field(default_factory=dict)  # per entity, rows that changed the hub

    @property
    def name(self) -> str:
        return Path(self.path).name

    def as_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "file": self.path,
            "name": self.name,
            "outcome": self.outcome,
            "code": self.code,
            "reason": self.reason.get(lang) if self.reason else "",
            "village_code": self.village_code,
            "village_name": self.village_name,
            "device_id": self.device_id,
            "seq": self.seq,
            "full": self.full,
            "rows": self.rows,
            "applied": self.applied,
        }


def changed_text(applied: dict[str, int]) -> Text:
    """How much of the hub a file changed: "12 catatan berubah" (or none)."""
    n = sum(int(v) for v in applied.values())
    return (
        Text(f"{n} catatan berubah", f"{n} records changed") if n else Text("tidak ada yang berubah", "nothing changed")
    )


def recent_files(hub: Hub, limit: int = 500) -> list[FileOutcome]:
    """The files the hub has imported, the newest first: what the window lists after a start."""
    hf = models.HubFile
    with hub.reading() as s:
        rows = s.execute(select(hf).order_by(hf.imported_at.desc(), hf.id.desc()).limit(limit)).scalars().all()
        out = []
        for r in rows:
            when, changed = times.local(r.imported_at), changed_text(r.applied)
            said = Text(
                f"diimpor {when} oleh {r.imported_by}; {changed.id}",
                f"imported {when} by {r.imported_by}; {changed.en}",
            )
            out.append(
                FileOutcome(
                    r.file_name,
                    IMPORTED,
                    "",
                    said,
                    r.village_code,
                    r.village_name,
                    r.device_id,
                    r.seq,
                    r.full,
                    dict(r.counts),
                    dict(r.applied),
                )
            )
        return out


def collect(paths: Iterable[Path]) -> list[Path]:
    """The files to import: each file named, and every ``*.jamsync`` under each folder named
    (sorted, so a run is repeatable). A path that does not exist stays, to be reported."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob(f"*{SUFFIX}") if q.is_file())
        else:
            out.append(p)
    return out


class _Refused(Exception):
    def __init__(self, code: str, reason: Text) -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason


def _in_region(village_code: str, region: str) -> bool:
    region = region.strip().rstrip(".")
    return not region or village_code == region or village_code.startswith(region + ".")


def _parse_stamp(text: Any) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(str(text).removesuffix("Z")).replace(tzinfo=None)
    except ValueError:
        raise errors.damaged("manifes tidak lengkap: created_at") from None


def import_files(
    hub: Hub,
    actor: Actor,
    paths: Sequence[Path],
    keys: KeySet,
    *,
    region: str = "",
    progress: ProgressFn | None = None,
) -> list[FileOutcome]:
    """Imports every file of ``paths`` (``collect`` them first for folders), in the given order."""
    actor.require(ROLE_CLERK, ROLE_HEAD)
    out: list[FileOutcome] = []
    ledger = _Ledger.read(hub)
    with ingest.bulk_connection(hub.store.engine) as conn:
        for i, path in enumerate(paths):
            ingest.begin_file(conn)
            outcome = _import_file(hub, actor, path, keys, region=region, conn=conn, ledger=ledger)
            out.append(outcome)
            log.info("hub import %s: %s %s", path.name, outcome.outcome, outcome.code)
            if progress is not None:
                progress(i + 1, len(paths), path.name)
        ingest.end_run(conn)
    return out


def import_file(hub: Hub, actor: Actor, path: Path, keys: KeySet, *, region: str = "") -> FileOutcome:
    """One file, in one transaction; a refused file has changed nothing."""
    return import_files(hub, actor, [path], keys, region=region)[0]


@dataclass(slots=True)
class _Ledger:
    """What the hub held when a run of imports began, kept up to date by the run's own files:
    every applied file by content and by (device, number), and every device's village and key.
    It spares each file its look-ups; what another clerk adds meanwhile fails a unique
    constraint when applied, and that file is then checked against the database itself."""

    by_sha: dict[str, models.HubFile]
    by_seq: dict[tuple[str, Any], str]  # (device, number) -> file name
    devices: dict[str, tuple[str, bytes]]  # device -> (village code, public key)

    @classmethod
    def read(cls, hub: Hub) -> _Ledger:
        with hub.reading() as s:
            files = list(s.execute(select(models.HubFile)).scalars())
            devices = {d.device_id: (d.village_code, d.public) for d in s.execute(select(models.HubDevice)).scalars()}
        return cls({f.sha256: f for f in files}, {(f.device_id, f.seq): f.file_name for f in files}, devices)

    def add(self, row: models.HubFile, public: bytes) -> None:
        self.by_sha[row.sha256] = row
        self.by_seq[(row.device_id, row.seq)] = row.file_name
        self.devices.setdefault(row.device_id, (row.village_code, public))


def _import_file(
    hub: Hub,
    actor: Actor,
    path: Path,
    keys: KeySet,
    *,
    region: str,
    conn: Connection,
    ledger: _Ledger | None,
) -> FileOutcome:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileOutcome(
            str(path),
            REFUSED,
            UNREADABLE,
            Text(f"tidak bisa dibaca ({exc.strerror or exc})", f"cannot be read ({exc.strerror or exc})"),
        )
    sha = hashlib.sha256(data).hexdigest()
    try:
        # What the hub knows already: this very file; another file under the same (device,
        # number); the device, its key (pinned at its first file) and its village.
        manifest = open_file(data).manifest
        device_id, seq = str(manifest.get("device_id", "")), manifest.get("seq")
        if ledger is not None:
            seen = ledger.by_sha.get(sha)
            other = ledger.by_seq.get((device_id, seq))
            device = ledger.devices.get(device_id)
        else:
            f = models.HubFile
            with hub.reading() as s:
                known = (
                    s.execute(select(f).where(or_(f.sha256 == sha, and_(f.device_id == device_id, f.seq == seq))))
                    .scalars()
                    .all()
                )
                seen = next((k for k in known if k.sha256 == sha), None)
                other = known[0].file_name if known and seen is None else None
                d = s.get(models.HubDevice, device_id)
                device = (d.village_code, d.public) if d is not None else None
        if seen is not None:
            return _already(path, seen)
        pinned = PublicKeySet.from_bytes(device[1]) if device is not None else None
        home = device[0] if device is not None else None
        export = read_export(data, district_keys=keys, expected_device=pinned)
        args = (hub, actor, path, sha, export)
        try:
            outcome, row = _apply(*args, known=Known(home, other), region=region, conn=conn)
        except ingest.DirectClash:
            conn.info[ingest.NO_DIRECT] = True  # rolled back: once more, by the staging tables
            try:
                outcome, row = _apply(*args, known=Known(home, other), region=region, conn=conn)
            finally:
                conn.info.pop(ingest.NO_DIRECT, None)
        if ledger is not None:
            ledger.add(row, export.device_key.to_bytes())
        return outcome
    except errors.SyncRefused as exc:
        return FileOutcome(str(path), REFUSED, exc.code, exc.text)
    except _Refused as exc:
        return FileOutcome(str(path), REFUSED, exc.code, exc.reason)
    except IntegrityError:
        if ledger is not None:
            # Another clerk applied this file, its number or its device's first file meanwhile:
            # the file once more, checked against the database itself.
            return _import_file(hub, actor, path, keys, region=region, conn=conn, ledger=None)
        with hub.reading() as s:
            seen = s.execute(select(models.HubFile).where(models.HubFile.sha256 == sha)).scalar()
            if seen is not None:
                return _already(path, seen)
        log.exception("hub import of %s hit a constraint", path.name)
        return FileOutcome(str(path), REFUSED, errors.BAD_CONTENT, _BAD_RECORDS)
    except Exception as exc:
        if not _unstorable(exc):
            raise
        log.exception("hub import of %s: records the hub cannot store", path.name)
        return FileOutcome(str(path), REFUSED, errors.BAD_CONTENT, _BAD_RECORDS)


def _unstorable(exc: Exception) -> bool:
    """What refuses one file and lets the others go on: a file's records the database refuses
    (SQLAlchemy's wrapped errors, and psycopg's own from the raw COPY and pipeline calls; psycopg
    is loaded only by a PostgreSQL hub), or values its records cannot be made of."""
    kinds: tuple[type[Exception], ...] = (DBAPIError, ValueError, TypeError, KeyError, IndexError)
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        kinds = (*kinds, psycopg.Error)
    return isinstance(exc, kinds)


_BAD_RECORDS = Text(
    "isinya tidak bisa disimpan (data tidak sah); minta desa mengirim ulang", "holds records the hub cannot store"
)


def _already(path: Path, seen: models.HubFile) -> FileOutcome:
    when = times.local(seen.imported_at)  # the laptop's clock, as the clerk reads it
    return FileOutcome(
        str(path),
        ALREADY,
        "",
        Text(f"sudah diimpor {when} oleh {seen.imported_by}", f"already imported {when} by {seen.imported_by}"),
        seen.village_code,
        seen.village_name,
        seen.device_id,
        seen.seq,
        seen.full,
        dict(seen.counts),
        {},
    )


@dataclass(frozen=True, slots=True)
class Known:
    """What the hub held about a file's device before its transaction (the unique constraints
    on hub_devices and hub_files catch what another clerk adds meanwhile)."""

    village_code: str | None  # the device's village, None for a new device
    same_seq_file: str | None  # the name of another file under the same (device, number)


def _apply(
    hub: Hub,
    actor: Actor,
    path: Path,
    sha: str,
    export: VillageExport,
    *,
    known: Known,
    region: str,
    conn: Connection,
) -> tuple[FileOutcome, models.HubFile]:
    m = export.manifest
    code, device_id, seq = export.village_code, export.device_id, export.seq
    if not _in_region(code, region):
        raise _Refused(
            OTHER_REGION,
            Text(
                f"dari desa {code}, di luar wilayah hub ini ({region})",
                f"comes from village {code}, outside this hub's region ({region})",
            ),
        )
    missing = export.missing_fields()
    if missing:
        gone = "; ".join(f"{t}: {', '.join(f)}" for t, f in missing.items())
        raise _Refused(
            errors.BAD_CONTENT, Text(f"data tidak lengkap untuk versinya ({gone})", f"lacks fields ({gone})")
        )
    village = export.tables.get("village")
    if village is not None and any(r.get("code") != code for r in village.records()):
        raise _Refused(
            errors.BAD_CONTENT,
            Text("data desa tidak cocok dengan manifes", "the village record does not match the manifest"),
        )
    file_contract = export.contract
    created = _parse_stamp(m.get("created_at"))
    if known.village_code is not None and known.village_code != code:
        raise _Refused(
            DEVICE_MOVED,
            Text(
                f"perangkat ini sebelumnya mengirim untuk desa {known.village_code}, kini mengaku desa {code}",
                f"this device sent files for village {known.village_code} before, now it claims {code}",
            ),
        )
    if known.same_seq_file is not None:
        raise _Refused(
            SEQ_REUSED,
            Text(
                f"kiriman nomor {seq} perangkat ini sudah diimpor dari berkas lain ({known.same_seq_file}); "
                "isinya berbeda: tanyakan ke desa (dipulihkan dari cadangan?)",
                f"export number {seq} of this device was already imported from another file "
                f"({known.same_seq_file}) with different content: ask the village (restored from a backup?)",
            ),
        )
    with hub.unit_on(conn, actor) as uow:
        s = uow.session
        check_audit_head(s, export, path.name)  # the village's audit trail only grows (before any record)
        device = None
        if known.village_code is None:
            key = export.device_key
            device = models.HubDevice(
                device_id=device_id, village_code=code, public=key.to_bytes(), fingerprint=key.fingerprint
            )
        row = models.HubFile(
            sha256=sha,
            file_name=path.name[:255],
            village_code=code,
            village_name=str(m.get("village_name", ""))[:100],
            device_id=device_id,
            seq=seq,
            full=bool(m["full"]),
            change_from=int(m["change_from"]),
            change_to=int(m["change_to"]),
            format_version=int(m["format_version"]),
            created_at=created,
            imported_by=actor.username,
            counts=dict(m.get("counts", {})),
            applied={},
        )
        dialect = hub.store.dialect
        if dialect == "postgresql":
            ingest.insert_file_pg(s, device, row)  # one round trip; the rows stay out of the session
        else:
            if device is not None:
                s.add(device)
            s.add(row)
            s.flush()
        applied: dict[str, int] = {}
        for rec in file_contract.records:
            table = export.tables.get(rec.name)
            if table is None or rec.name not in models.RECORD_TABLES:
                continue
            rows = ingest.build_rows(
                rec.name, rec, table.columns, table.rows, village_code=code, file_id=row.id, dialect=dialect
            )
            _check_keys(rec.name, rows)
            applied[rec.name] = ingest.apply_rows(s, rec.name, rows)
        after = {"file": row.file_name, "village_code": code, "device_id": device_id, "seq": seq, "applied": applied}
        row.applied = applied
        if dialect == "postgresql":
            uow.chained(
                ingest.finish_file_pg(
                    s,
                    row.id,
                    code,
                    applied,
                    lambda prev: uow.entry(
                        prev or GENESIS_HASH, "hub.import", "hub_file", sha, before=None, after=after
                    ),
                    in_quota=statuses.COUNTS_IN_QUOTA,
                    covered=statuses.COVERED,
                )
            )
        else:
            status.refresh(s, code)
            uow.audit("hub.import", "hub_file", sha, None, after)
    outcome = FileOutcome(
        str(path),
        IMPORTED,
        "",
        None,
        code,
        row.village_name,
        device_id,
        seq,
        row.full,
        dict(row.counts),
        applied,
    )
    return outcome, row


def _check_keys(name: str, rows: list[list[Any]]) -> None:
    """Every row has a text id and, where records have one, an integer version: the two values
    the hub's rule rests on (SQLite would store a null in a key column without a word)."""
    cols = ingest.columns(name)
    key = cols.index("id")
    ok = {type(r[key]) for r in rows} <= {str} and not any(not r[key] for r in rows)
    if ok and name not in models.APPEND_ONLY:
        at = cols.index("version")
        ok = {type(r[at]) for r in rows} <= {int}
    if not ok:
        raise _Refused(
            errors.BAD_CONTENT,
            Text(f"data {name} tanpa id atau versi yang sah", f"{name} records without a valid id or version"),
        )

"""Sync with the district: export what changed (signed, encrypted), and apply the district's results.

The export is one write transaction: signed nominations are marked *exported* with the new
sequence number, every record changed since the last export is snapshotted, the file is
sealed, written atomically (temporary file, fsync, rename), read back and verified, and only
then is the export recorded and the transaction committed. If anything fails, nothing is
marked and the half-written file is removed.

A return file is verified completely before anything is written; its results are then applied
in one transaction. A result for a record that changed here after the answered export is not
applied: it is kept as a conflict, shown, and resolved by a person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Table as SATable
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, defer

from .. import __version__
from ..domain import statuses
from ..domain.text import NotFound, Text, UserError
from ..storage import models
from ..storage.changes import reserve_change_seqs
from ..sync import contract, district_return, errors
from ..sync.crypto import KeySet
from ..sync.format import MAX_FILE, Sealed, open_file
from ..sync.village_export import check_export, export_file_name, new_payload, verify_written, write_export
from .context import ROLE_ADMIN, ROLE_OPERATOR, Actor, UnitOfWork, Workspace
from .keys import DEVICE, KeysInfo, device_keys, district_key, ensure_device_key, read_info

log = logging.getLogger(__name__)

#: The stored table of each entity the export carries.
_MODELS: dict[str, type[Any]] = {
    "village": models.Village,
    "users": models.User,
    "programs": models.Program,
    "workers": models.Worker,
    "assessments": models.Assessment,
    "nominations": models.Nomination,
    "nomination_events": models.NominationEvent,
}
#: The entities an export carries, in the order the district should apply them (the contract's).
EXPORT_TABLES: tuple[tuple[str, type[Any]], ...] = tuple(
    (r.name, _MODELS[r.table]) for r in contract.CONTRACTS[contract.CURRENT].records
)
TABLE_LABELS = {
    "village": "profil desa",
    "users": "pengguna",
    "programs": "program",
    "workers": "pekerja",
    "assessments": "penilaian",
    "nominations": "usulan",
    "nomination_events": "riwayat usulan",
}
_CHUNK = 900  # ids per IN (...) query, below SQLite's variable limit on any build
KEEP_CONTENT = 30  # the newest exports whose bytes are kept for "write again"
_EXPORT_CHUNK = 5000  # records per step of an export (memory and progress granularity)

ProgressFn = Callable[[int, int, str], None]
Step = tuple[int, int, str]


# -- rows handed out ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportRow:
    seq: int
    created_at: dt.datetime
    username: str
    full: bool
    from_change: int
    to_change: int
    file_name: str
    file_sha256: str
    size: int
    counts: dict[str, int]
    exported_nominations: int
    encrypted_for: str  # "district" | "passphrase" | "district+passphrase"
    can_write_again: bool

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "username": self.username,
            "full": self.full,
            "from_change": self.from_change,
            "to_change": self.to_change,
            "file_name": self.file_name,
            "file_sha256": self.file_sha256,
            "size": self.size,
            "counts": self.counts,
            "exported_nominations": self.exported_nominations,
            "encrypted_for": self.encrypted_for,
            "can_write_again": self.can_write_again,
        }


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    export: ExportRow


@dataclass(frozen=True, slots=True)
class ImportRow:
    id: str
    return_seq: int
    applied_at: dt.datetime
    file_sha256: str
    summary: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        s = self.summary
        return {
            "id": self.id,
            "return_seq": self.return_seq,
            "applied_at": self.applied_at.isoformat(timespec="seconds"),
            "file_sha256": self.file_sha256,
            "file_name": s.get("file_name", ""),
            "district": s.get("district", ""),
            "answers_export_seq": s.get("answers_export_seq"),
            "applied": s.get("applied", {}),
            "already": s.get("already", 0),
            "conflicts": len(s.get("conflicts", [])),
            "missing_return_seqs": s.get("missing_return_seqs", []),
        }


APPLIED, ALREADY_APPLIED, OLDER = "applied", "already_applied", "older"


@dataclass(frozen=True, slots=True)
class ImportResult:
    status: str  # applied | already_applied | older
    return_seq: int
    applied: dict[str, int] = field(default_factory=dict)
    already: int = 0
    conflicts: int = 0
    missing_return_seqs: tuple[int, ...] = ()
    changed_worker_ids: tuple[str, ...] = ()
    superseded: int = 0  # answers to an older export of a nomination that was sent again since

    def message(self, lang: str | None = None) -> str:
        if self.status == ALREADY_APPLIED:
            t = Text(
                f"berkas hasil nomor {self.return_seq} sudah pernah diterapkan; tidak ada yang diubah",
                f"return file {self.return_seq} was already applied; nothing changed",
            )
        elif self.status == OLDER:
            t = Text(
                f"berkas hasil nomor {self.return_seq} lebih lama dari yang sudah diterapkan; diabaikan, tidak ada "
                "yang diubah",
                f"return file {self.return_seq} is older than one already applied; ignored, nothing changed",
            )
        else:
            a = self.applied
            t = Text(
                f"berkas hasil nomor {self.return_seq} diterapkan: {a.get('registered', 0)} terdaftar, "
                f"{a.get('rejected', 0)} ditolak, {a.get('duplicate', 0)} ganda, {self.already} sudah tercatat, "
                f"{self.conflicts} konflik",
                f"return file {self.return_seq} applied: {a.get('registered', 0)} registered, "
                f"{a.get('rejected', 0)} rejected, {a.get('duplicate', 0)} duplicate, {self.already} already in "
                f"place, {self.conflicts} conflicts",
            )
        out = t.get(lang)
        if self.superseded:
            out += Text(
                f"; {self.superseded} jawaban untuk kiriman lama diabaikan (usulannya sudah dikirim ulang)",
                f"; {self.superseded} answers to an older export ignored (the nomination was sent again)",
            ).get(lang)
        if self.missing_return_seqs:
            gap = ", ".join(str(n) for n in self.missing_return_seqs)
            out += Text(
                f" (perhatian: berkas hasil nomor {gap} belum diterima)",
                f" (note: return file(s) {gap} not received)",
            ).get(lang)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "return_seq": self.return_seq,
            "applied": self.applied,
            "already": self.already,
            "conflicts": self.conflicts,
            "superseded": self.superseded,
            "missing_return_seqs": list(self.missing_return_seqs),
            "message": self.message(),
        }


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """A district result that was not applied because the record changed here after the export."""

    import_id: str
    return_seq: int
    nomination_id: str
    worker_id: str
    worker_name: str
    local_status: str
    outcome: str
    kpj: str
    coverage_start: str | None
    coverage_end: str | None
    reason: str
    why: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "return_seq": self.return_seq,
            "nomination_id": self.nomination_id,
            "worker_id": self.worker_id,
            "worker_name": self.worker_name,
            "local_status": self.local_status,
            "outcome": self.outcome,
            "kpj": self.kpj,
            "coverage_start": self.coverage_start,
            "coverage_end": self.coverage_end,
            "reason": self.reason,
            "why": list(self.why),
        }


def _export_row(
    e: models.SyncExport, usernames: dict[str | None, str], can_write_again: bool | None = None
) -> ExportRow:
    enc = e.manifest.get("encryption", {}).get("recipients", [])
    kinds = sorted({"district" if r.get("type") == "x25519" else "passphrase" for r in enc if isinstance(r, dict)})
    return ExportRow(
        seq=e.seq,
        created_at=e.created_at,
        username=usernames.get(e.user_id, ""),
        full=e.full,
        from_change=e.from_change,
        to_change=e.to_change,
        file_name=e.file_name,
        file_sha256=e.file_sha256,
        size=e.size,
        counts={k: int(v) for k, v in e.counts.items()},
        exported_nominations=int(e.manifest.get("exported_nominations", 0)),
        encrypted_for="+".join(kinds),
        can_write_again=e.content is not None if can_write_again is None else can_write_again,
    )


def _usernames(s: Session) -> dict[str | None, str]:
    return dict(s.execute(select(models.User.id, models.User.username)).all())


# -- files ---------------------------------------------------------------------------------------


def _folder_error(path: Path, exc: OSError) -> UserError:
    return errors.SyncUserError(
        errors.FOLDER,
        Text(
            f"tidak bisa ditulis ({exc.strerror or exc}); periksa flashdisk/folder dan ruang kosongnya",
            f"cannot be written ({exc.strerror or exc}); check the drive/folder and its free space",
        ),
        str(path),
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, fsync, rename, fsync the folder: the name either holds
    the whole file or the previous state, even if the stick is pulled or the power fails."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        if os.name == "posix":
            fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _folder_error(path.parent, exc) from exc


def _read_back(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _folder_error(path.parent, exc) from exc


def _check_folder(out_dir: Path) -> Path:
    out = Path(out_dir)
    if not out.is_dir():
        raise errors.SyncUserError(
            errors.FOLDER, Text("tidak ada atau bukan folder", "does not exist or is not a folder"), str(out)
        )
    return out


# -- export --------------------------------------------------------------------------------------


def _snapshot(s: Session, name: str, model: type[Any], lo: int, hi: int) -> tuple[list[str], Iterator[list[Any]]]:
    """The contract's field names, and the changed records in chunks, written as the contract
    says (never all of a big table at once)."""
    record = contract.CONTRACTS[contract.CURRENT].record(name)
    table = _table(model)
    stmt = (
        select(*(table.c[c] for c in record.columns))
        .where(table.c.change_seq > lo, table.c.change_seq <= hi)
        .order_by(table.c.change_seq)
    )
    encode = contract.row_encoder(record)

    def chunks() -> Iterator[list[Any]]:
        result = s.execute(stmt.execution_options(yield_per=_EXPORT_CHUNK))
        for part in result.partitions():
            yield [encode(r) for r in part]

    return list(record.names), chunks()


def _count(s: Session, model: type[Any], lo: int, hi: int) -> int:
    table = _table(model)
    stmt = select(func.count()).select_from(table).where(table.c.change_seq > lo, table.c.change_seq <= hi)
    return int(s.execute(stmt).scalar_one())


def _table(model: type[Any]) -> SATable:
    t: SATable = model.__table__
    return t


def _mark_exported(uow: UnitOfWork, seq: int) -> int:
    """Signed nominations become *exported* with this sequence number (their history shows it)."""
    s = uow.session
    rows = s.execute(
        select(models.Nomination.id, models.Nomination.worker_id).where(
            models.Nomination.status == statuses.SIGNED, models.Nomination.deleted_at.is_(None)
        )
    ).all()
    if not rows:
        return 0
    note = f"Dikirim ke kabupaten dalam berkas nomor {seq}"
    _bulk_move(
        uow,
        [(nid, wid, statuses.SIGNED, statuses.EXPORTED, note, {"export_seq": seq}, {}) for nid, wid in rows],
    )
    return len(rows)


Move = tuple[str, str, str, str, str, dict[str, Any], dict[str, Any]]
# (nomination id, worker id, from, to, note, nomination columns, worker columns); column values
# as SQLite stores them (dates as ISO text, see _sql_value).


def _driver(s: Session) -> sqlite3.Connection:
    """The sqlite3 connection under the session, inside the same (write-locked) transaction."""
    conn: sqlite3.Connection = s.connection().connection.driver_connection  # type: ignore[assignment]
    return conn


def _sql_value(v: Any) -> Any:
    """Values as SQLAlchemy stores them in SQLite (ISO text with a space, microseconds)."""
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ", timespec="microseconds")
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def _new_ids(n: int) -> list[str]:
    """``n`` UUIDv7 keys at once (same layout as storage.ids.new_id, ~10x faster in bulk)."""
    ms = (time.time_ns() // 1_000_000).to_bytes(6, "big")
    rnd = os.urandom(10 * n)
    out = []
    for i in range(0, 10 * n, 10):
        h = (ms + bytes((0x70 | rnd[i] & 0x0F, rnd[i + 1], 0x80 | rnd[i + 2] & 0x3F)) + rnd[i + 3 : i + 10]).hex()
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def _bulk_move(uow: UnitOfWork, moves: Sequence[Move]) -> None:
    """Checked status changes for many nominations at once, with their history events.

    Set-based (a hundred thousand in a few seconds): plain executemany on the session's own
    connection, stamping change_seq, version, time and author the way the ORM hook does for
    single rows.
    """
    s = uow.session
    for _nid, _wid, old, new, *_ in moves:
        if not statuses.can_move(old, new):
            raise ValueError(f"status {old} cannot become {new}")
    s.flush()
    n = len(moves)
    first = reserve_change_seqs(s, 3 * n)
    now = _sql_value(models.utcnow())
    actor = uow.actor
    ids = _new_ids(n)
    raw = _driver(s)
    for table, offset, pick in (("nominations", 0, 5), ("workers", n, 6)):
        # One statement per set of extra columns, so each executemany has one shape.
        shapes: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for i, m in enumerate(moves):
            extra: dict[str, Any] = m[pick]  # type: ignore[assignment]
            cols = tuple(sorted(extra))
            key_id = m[0] if table == "nominations" else m[1]
            shapes.setdefault(cols, []).append(
                (m[3], first + offset + i, *[extra[c] for c in cols], now, actor.id, key_id)
            )
        for cols, params in shapes.items():
            params.sort(key=lambda p: p[-1])  # in key order: the primary-key index is walked, not jumped
            sets = "".join(f", {c} = ?" for c in cols)
            raw.executemany(
                f"UPDATE {table} SET status = ?, change_seq = ?{sets}, updated_at = ?, updated_by = ?, "
                "version = version + 1 WHERE id = ?",
                params,
            )
    raw.executemany(
        "INSERT INTO nomination_events (id, nomination_id, from_status, to_status, at, user_id, username, note, "
        "change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (ids[i], m[0], m[2], m[3], now, actor.id, actor.username, m[4], first + 2 * n + i)
            for i, m in enumerate(moves)
        ],
    )
    s.expire_all()  # ORM objects loaded before now must not hide these changes


def _rows_by_id(s: Session, table: str, cols: str, ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
    raw = _driver(s)
    wanted = set(ids)
    out: dict[str, tuple[Any, ...]] = {}
    if len(wanted) > 20 * _CHUNK:  # most of a big table: one scan beats a hundred IN queries
        for row in raw.execute(f"SELECT id, {cols} FROM {table}"):
            if row[0] in wanted:
                out[row[0]] = row
        return out
    listed = list(wanted)
    for i in range(0, len(listed), _CHUNK):
        part = listed[i : i + _CHUNK]
        marks = ",".join("?" * len(part))
        for row in raw.execute(f"SELECT id, {cols} FROM {table} WHERE id IN ({marks})", part):
            out[row[0]] = row
    return out


def _attachments(s: Session, lo: int, hi: int) -> list[dict[str, Any]]:
    """References (SHA-256, type, size) to the files the exported records point at."""
    wanted: set[str] = set()
    for model, col in (
        (models.Village, models.Village.emblem_sha256),
        (models.Nomination, models.Nomination.signed_scan_sha256),
    ):
        table = _table(model)
        stmt = select(col).where(table.c.change_seq > lo, table.c.change_seq <= hi, col.is_not(None)).distinct()
        wanted.update(h for (h,) in s.execute(stmt) if h)
    if not wanted:
        return []
    record = contract.CONTRACTS[contract.CURRENT].attachment
    table = _table(models.Attachment)
    rows = s.execute(select(*(table.c[c] for c in record.columns)).where(table.c.sha256.in_(sorted(wanted)))).all()
    names = record.names
    found = {r[0]: dict(zip(names, r, strict=True)) for r in rows}
    return [found.get(h, dict(zip(names, (h, "", None), strict=True))) for h in sorted(wanted)]


def _schema_version(s: Session) -> str:
    from sqlalchemy import text

    try:
        return str(s.execute(text("SELECT version_num FROM alembic_version")).scalar() or "")
    except Exception:  # a database made without Alembic (tests): the format still works
        return ""


def export_job(
    ws: Workspace,
    actor: Actor,
    out_dir: Path,
    *,
    full: bool = False,
    passphrase: str | None = None,
    now: dt.datetime | None = None,
) -> Generator[Step, None, ExportResult]:
    """Exports everything changed since this device's last export (or everything, ``full``).

    A generator: it yields ``(done, total, message)`` progress and returns the result; the UI
    runs it off the GUI thread. Stopping it before the last step changes nothing.
    """
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    out = _check_folder(out_dir)
    total = 1
    yield (0, 0, "Menyiapkan kiriman")
    path: Path | None = None
    try:
        with ws.unit_of_work(actor) as uow:
            s = uow.session
            village = s.execute(select(models.Village).where(models.Village.deleted_at.is_(None))).scalar()
            if village is None:
                raise NotFound(
                    "village", Text("belum disiapkan; jalankan 'jamsos init'", "not set up; run 'jamsos init'")
                )
            keys = ensure_device_key(s)
            district = district_key(s)
            if district is None and not passphrase:
                raise errors.SyncUserError(
                    errors.DISTRICT_KEY,
                    Text(
                        "kunci kabupaten belum diimpor; impor kuncinya ('jamsos keys import-district') atau "
                        "kirim dengan kata sandi berkas (--passphrase)",
                        "the district key has not been imported; import it ('jamsos keys import-district') or "
                        "use a file passphrase (--passphrase)",
                    ),
                )
            last = s.execute(select(models.SyncExport).order_by(models.SyncExport.seq.desc()).limit(1)).scalar()
            seq = (last.seq if last else 0) + 1
            lo = 0 if full or last is None else last.to_change
            marked = _mark_exported(uow, seq)
            s.flush()
            hi = int(s.execute(select(models.Counter.value).where(models.Counter.name == "change")).scalar_one())
            counts = {name: _count(s, model, lo, hi) for name, model in EXPORT_TABLES}
            rows_total = sum(counts.values())
            total = rows_total + 4
            done = 0
            payload = new_payload()
            for name, model in EXPORT_TABLES:
                columns, chunks = _snapshot(s, name, model, lo, hi)
                payload.begin_table(name, columns)
                yield (done, total, f"Mengumpulkan data {TABLE_LABELS[name]}")
                for chunk in chunks:
                    payload.add_rows(chunk)
                    done += len(chunk)
                    yield (done, total, f"Mengumpulkan data {TABLE_LABELS[name]}")
                payload.end_table()
            if payload.counts != counts:  # the write lock is held: this would be a bug
                raise RuntimeError(f"export counts changed while reading: {payload.counts} != {counts}")
            yield (rows_total + 1, total, "Mengenkripsi dan menandatangani")
            sealed = write_export(
                device_keys=keys,
                village_code=village.code,
                village_name=village.name,
                device_id=village.device_id,
                seq=seq,
                full=full or last is None,
                change_from=lo,
                change_to=hi,
                payload=payload,
                attachments=_attachments(s, lo, hi),
                exported_nominations=marked,
                district=district,
                passphrase=passphrase,
                app_version=__version__,
                schema_version=_schema_version(s),
                created_at=now,
            )
            name = export_file_name(village.code, village.device_id, seq)
            yield (rows_total + 2, total, "Menulis berkas")
            path = out / name
            write_atomically(path, sealed.data)
            yield (rows_total + 3, total, "Memeriksa berkas yang tertulis")
            verify_written(_read_back(path), sealed)
            row = _record_export(uow, sealed, name, full=full or last is None, lo=lo, hi=hi)
            uow.audit(
                "sync.export",
                "sync_export",
                str(seq),
                None,
                {"seq": seq, "file": name, "sha256": sealed.sha256, "counts": row.counts, "exported": marked},
            )
            s.flush()
            result = ExportResult(path, _export_row(row, _usernames(s)))
    except BaseException:
        if path is not None:
            path.unlink(missing_ok=True)  # the export was not recorded: leave no file that claims it was
        raise
    log.info(
        "sync export %s written (%s bytes, %s records)", result.export.seq, result.export.size, result.export.records
    )
    yield (total, total, "Selesai")
    return result


def _record_export(uow: UnitOfWork, sealed: Sealed, name: str, *, full: bool, lo: int, hi: int) -> models.SyncExport:
    m = sealed.manifest
    row = models.SyncExport(
        seq=m["seq"],
        created_at=models.utcnow(),
        user_id=uow.actor.id,
        full=full,
        from_change=lo,
        to_change=hi,
        file_name=name,
        file_sha256=sealed.sha256,
        size=len(sealed.data),
        counts=dict(m["counts"]),
        manifest=m,
        content=sealed.data,
    )
    uow.session.add(row)
    # "Write again" is for a lost or broken stick, soon after; older files are not kept forever
    # (a full export replaces them), so the database does not grow by every file ever written.
    uow.session.execute(
        update(models.SyncExport)
        .where(models.SyncExport.seq <= m["seq"] - KEEP_CONTENT, models.SyncExport.content.is_not(None))
        .values(content=None)
    )
    return row


def run_job(job: Generator[Step, None, Any], progress: ProgressFn | None = None) -> Any:
    """Drives a job generator to its end (for the command line and tests)."""
    while True:
        try:
            step = next(job)
        except StopIteration as stop:
            return stop.value
        if progress is not None:
            progress(*step)


def export(
    ws: Workspace,
    actor: Actor,
    out_dir: Path,
    *,
    full: bool = False,
    passphrase: str | None = None,
    progress: ProgressFn | None = None,
) -> ExportResult:
    result: ExportResult = run_job(export_job(ws, actor, out_dir, full=full, passphrase=passphrase), progress)
    return result


def export_history(ws: Workspace) -> list[ExportRow]:
    with ws.reading() as s:
        return _export_history(s)


def _export_history(s: Session) -> list[ExportRow]:
    names = _usernames(s)
    # The kept file bytes (up to KEEP_CONTENT whole exports) stay on disk: only whether they are there.
    stmt = (
        select(models.SyncExport, models.SyncExport.content.is_not(None))
        .options(defer(models.SyncExport.content))
        .order_by(models.SyncExport.seq.desc())
    )
    return [_export_row(e, names, bool(kept)) for e, kept in s.execute(stmt)]


def write_again(ws: Workspace, actor: Actor, seq: int, out_dir: Path) -> Path:
    """Writes an earlier export again, byte for byte (a lost or broken stick)."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    out = _check_folder(out_dir)
    with ws.reading() as s:
        e = s.get(models.SyncExport, seq)
        if e is None:
            raise errors.SyncUserError(
                errors.EXPORT, Text("tidak ada kiriman dengan nomor ini", "no export has this number"), seq
            )
        if e.content is None:
            raise errors.SyncUserError(
                errors.EXPORT,
                Text("isi berkas ini sudah tidak disimpan; buat kiriman lengkap baru", "its content is no longer kept"),
                seq,
            )
        data, name, sha = bytes(e.content), e.file_name, e.file_sha256
    if hashlib.sha256(data).hexdigest() != sha:
        raise errors.damaged("salinan tersimpan tidak utuh")
    check_export(data, expected_device=device_keys(ws).public)
    path = out / name
    write_atomically(path, data)
    back = _read_back(path)
    if back != data:
        path.unlink(missing_ok=True)
        raise errors.damaged("berkas yang tertulis berbeda dari aslinya")
    with ws.unit_of_work(actor) as uow:
        uow.audit("sync.write_again", "sync_export", str(seq), None, {"seq": seq, "file": name, "sha256": sha})
    return path


# -- results back from the district --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    village_code: str
    device_id: str
    keys: KeySet
    exports: dict[int, int]  # seq -> to_change


def _context(ws: Workspace) -> tuple[_Context, Any]:
    with ws.reading() as s:
        village = s.execute(select(models.Village).where(models.Village.deleted_at.is_(None))).scalar()
        if village is None:
            raise NotFound("village", Text("belum disiapkan; jalankan 'jamsos init'", "not set up; run 'jamsos init'"))
        dev = s.get(models.KeyPair, DEVICE)
        if dev is None or dev.private is None:
            raise errors.SyncRefused(
                errors.CANNOT_DECRYPT,
                Text(
                    "perangkat ini belum pernah membuat kiriman, jadi tidak ada hasil untuknya",
                    "this device never made an export, so no results can be for it",
                ),
            )
        exports = dict(s.execute(select(models.SyncExport.seq, models.SyncExport.to_change)).all())
        return _Context(village.code, village.device_id, KeySet.from_bytes(dev.private), exports), district_key(s)


def read_return_file(ws: Workspace, path_or_data: Path | bytes) -> district_return.DistrictReturn:
    """Verifies a return file against this village, this device and the configured district."""
    data = _file_bytes(path_or_data)
    ctx, district = _context(ws)
    return district_return.read_return(
        data, device_keys=ctx.keys, district=district, village_code=ctx.village_code, device_id=ctx.device_id
    )


def _file_bytes(path_or_data: Path | bytes) -> bytes:
    if isinstance(path_or_data, bytes):
        return path_or_data
    try:
        path = Path(path_or_data)
        if path.stat().st_size > MAX_FILE:
            raise errors.SyncRefused(
                errors.NOT_SYNC, Text("terlalu besar untuk berkas sinkronisasi", "is too large"), path.name
            )
        return path.read_bytes()
    except OSError as exc:
        raise errors.SyncRefused(
            errors.NOT_SYNC,
            Text(f"tidak bisa dibaca ({exc.strerror or exc})", f"cannot be read ({exc.strerror or exc})"),
            str(path_or_data),
        ) from exc


def import_return(ws: Workspace, actor: Actor, path_or_data: Path | bytes) -> ImportResult:
    """Applies the district's results, all in one transaction; a repeated or older file changes nothing."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    data = _file_bytes(path_or_data)
    name = path_or_data.name if isinstance(path_or_data, Path) else ""
    ctx, district = _context(ws)
    ret = district_return.read_return(
        data, device_keys=ctx.keys, district=district, village_code=ctx.village_code, device_id=ctx.device_id
    )
    unknown = sorted({ret.answers_export_seq, *(r.export_seq for r in ret.results)} - set(ctx.exports))
    if unknown:
        raise errors.SyncRefused(
            errors.UNKNOWN_EXPORT,
            Text(
                f"menjawab kiriman nomor {unknown[0]} yang tidak pernah dibuat komputer ini",
                f"answers export {unknown[0]}, which this computer never made",
            ),
        )
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        done = s.execute(select(models.SyncImport).where(models.SyncImport.file_sha256 == ret.sha256)).scalar()
        if done is not None:
            return ImportResult(ALREADY_APPLIED, ret.seq)
        last = int(s.execute(select(func.max(models.SyncImport.return_seq))).scalar() or 0)
        if ret.seq <= last:
            return ImportResult(OLDER, ret.seq)
        return _apply(uow, ret, name, last)


def _load(s: Session, model: type[Any], ids: Iterable[str], *cols: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    ids = list(ids)
    for i in range(0, len(ids), _CHUNK):
        part = ids[i : i + _CHUNK]
        for row in s.execute(select(model.id, *cols).where(model.id.in_(part))):
            out[row[0]] = row
    return out


class _Nom(NamedTuple):
    id: str
    worker_id: str
    status: str
    version: int
    deleted_at: str | None
    kpj: str
    coverage_start: str | None  # ISO text, as stored
    coverage_end: str | None
    result_reason: str
    export_seq: int | None


class _Wrk(NamedTuple):
    id: str
    version: int
    kpj: str


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _same_outcome(n: _Nom, r: district_return.Result) -> bool:
    if n.status != r.outcome:
        return False
    if r.outcome == district_return.REGISTERED:
        return n.kpj == r.kpj and n.coverage_start == _iso(r.coverage_start) and n.coverage_end == _iso(r.coverage_end)
    return n.result_reason == r.reason


def _note(return_seq: int, r: district_return.Result) -> str:
    head = f"Hasil dari kabupaten (berkas hasil nomor {return_seq})"
    if r.outcome == district_return.REGISTERED:
        return f"{head}: KPJ {r.kpj}, berlaku {r.coverage_start} s.d. {r.coverage_end}"
    return f"{head}: {r.reason}"


def _apply(uow: UnitOfWork, ret: district_return.DistrictReturn, file_name: str, last: int) -> ImportResult:
    s = uow.session
    ids = [r.nomination_id for r in ret.results]
    noms = {
        k: _Nom._make(v)
        for k, v in _rows_by_id(
            s,
            "nominations",
            "worker_id, status, version, deleted_at, kpj, coverage_start, coverage_end, result_reason, export_seq",
            ids,
        ).items()
    }
    missing = [r for r in ret.results if r.nomination_id not in noms or noms[r.nomination_id].worker_id != r.worker_id]
    if missing:
        raise errors.SyncRefused(
            errors.BAD_CONTENT,
            Text(
                f"berisi hasil untuk {len(missing)} usulan yang tidak dikenal di desa ini",
                f"holds results for {len(missing)} nominations this village does not know",
            ),
            missing[0].nomination_id[-8:],
        )
    workers = {
        k: _Wrk._make(v)
        for k, v in _rows_by_id(s, "workers", "version, kpj", {r.worker_id for r in ret.results}).items()
    }
    moves: list[Move] = []
    applied = dict.fromkeys(district_return.OUTCOMES, 0)
    already = superseded = 0
    conflicts: list[dict[str, Any]] = []
    for r in ret.results:
        n, w = noms[r.nomination_id], workers[r.worker_id]
        if n.deleted_at is None and _same_outcome(n, r):
            already += 1
            continue
        if n.export_seq is not None and r.export_seq < n.export_seq:
            superseded += 1  # answers an export the nomination was sent in before; a newer one is pending
            continue
        why = []
        if n.deleted_at is not None:
            why.append("usulan sudah dihapus di desa")
        if n.version != r.nomination_version:
            why.append(f"usulan diubah di desa setelah dikirim (versi {r.nomination_version} → {n.version})")
        if w.version != r.worker_version:
            why.append(f"data pekerja diubah di desa setelah dikirim (versi {r.worker_version} → {w.version})")
        if n.status != statuses.EXPORTED:
            why.append(f"status di desa: {statuses.label(n.status, 'id')}")
        if why:
            conflicts.append(
                {
                    "nomination_id": r.nomination_id,
                    "worker_id": r.worker_id,
                    "outcome": r.outcome,
                    "kpj": r.kpj,
                    "coverage_start": r.coverage_start.isoformat() if r.coverage_start else None,
                    "coverage_end": r.coverage_end.isoformat() if r.coverage_end else None,
                    "reason": r.reason,
                    "export_seq": r.export_seq,
                    "district_versions": [r.nomination_version, r.worker_version],
                    "local_versions": [n.version, w.version],
                    "local_status": n.status,
                    "why": why,
                }
            )
            continue
        moves.append(_result_move(ret.seq, r, w.kpj))
        applied[r.outcome] += 1
    if moves:
        _bulk_move(uow, moves)
    gap = tuple(range(last + 1, ret.seq))
    summary = {
        "file_name": file_name,
        "district": ret.district_name,
        "district_fingerprint": ret.manifest["signer"]["fingerprint"],
        "answers_export_seq": ret.answers_export_seq,
        "created_at": ret.manifest["created_at"],
        "results": len(ret.results),
        "applied": applied,
        "already": already,
        "superseded": superseded,
        "conflicts": conflicts,
        "missing_return_seqs": list(gap),
    }
    s.add(
        models.SyncImport(
            file_sha256=ret.sha256,
            return_seq=ret.seq,
            applied_at=models.utcnow(),
            user_id=uow.actor.id,
            summary=summary,
        )
    )
    uow.audit(
        "sync.import_return",
        "sync_import",
        str(ret.seq),
        None,
        {
            "return_seq": ret.seq,
            "sha256": ret.sha256,
            "applied": applied,
            "already": already,
            "conflicts": len(conflicts),
            "ids_sha256": hashlib.sha256("\n".join(m[0] for m in moves).encode()).hexdigest(),
        },
    )
    s.flush()
    log.info("return file %s applied: %s, %s already, %s conflicts", ret.seq, applied, already, len(conflicts))
    return ImportResult(APPLIED, ret.seq, applied, already, len(conflicts), gap, tuple(m[1] for m in moves), superseded)


def _result_move(return_seq: int, r: district_return.Result, worker_kpj: str) -> Move:
    if r.outcome == district_return.REGISTERED:
        ncols = {
            "kpj": r.kpj,
            "coverage_start": _iso(r.coverage_start),
            "coverage_end": _iso(r.coverage_end),
            "result_reason": "",
        }
        wcols = {"kpj": r.kpj} if worker_kpj != r.kpj else {}
    else:
        ncols = {"result_reason": r.reason}
        wcols = {}
    return (r.nomination_id, r.worker_id, statuses.EXPORTED, r.outcome, _note(return_seq, r), ncols, wcols)


def _import_row(i: models.SyncImport) -> ImportRow:
    return ImportRow(i.id, i.return_seq, i.applied_at, i.file_sha256, dict(i.summary))


def import_history(ws: Workspace) -> list[ImportRow]:
    with ws.reading() as s:
        stmt = select(models.SyncImport).order_by(models.SyncImport.return_seq.desc())
        return [_import_row(i) for i in s.execute(stmt).scalars()]


def _imports_oldest_first(s: Session) -> list[models.SyncImport]:
    return list(s.execute(select(models.SyncImport).order_by(models.SyncImport.return_seq)).scalars())


def list_conflicts(ws: Workspace) -> list[ConflictRow]:
    """Open conflicts: the newest district answer per nomination that is not resolved or overtaken."""
    with ws.reading() as s:
        return _conflicts(s, _imports_oldest_first(s))


def _conflicts(s: Session, imports: Iterable[models.SyncImport]) -> list[ConflictRow]:
    """:func:`list_conflicts` over ``imports``, given oldest return first."""
    latest: dict[str, tuple[models.SyncImport, dict[str, Any]]] = {}
    for imp in imports:
        for c in imp.summary.get("conflicts", []):
            latest[c["nomination_id"]] = (imp, c)
    # A later return that applied (or found in place) a result for the nomination closes it.
    out: list[ConflictRow] = []
    if not latest:
        return out
    noms = _load(s, models.Nomination, latest, models.Nomination.status, models.Nomination.worker_id)
    names = _load(s, models.Worker, {c["worker_id"] for _, c in latest.values()}, models.Worker.name)
    for nid, (imp, c) in latest.items():
        if c.get("resolved"):
            continue
        n = noms.get(nid)
        if n is None or n.status == c["outcome"]:
            continue
        w = names.get(c["worker_id"])
        out.append(
            ConflictRow(
                import_id=imp.id,
                return_seq=imp.return_seq,
                nomination_id=nid,
                worker_id=c["worker_id"],
                worker_name=w.name if w else "",
                local_status=n.status,
                outcome=c["outcome"],
                kpj=c.get("kpj", ""),
                coverage_start=c.get("coverage_start"),
                coverage_end=c.get("coverage_end"),
                reason=c.get("reason", ""),
                why=tuple(c.get("why", ())),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class SyncOverview:
    """Everything the Sinkronisasi page shows, read in one transaction (so the parts agree)."""

    keys: KeysInfo | None  # None: this device has no key yet (an older database); keys.device_keys makes it
    exports: list[ExportRow]  # newest first, as export_history
    imports: list[ImportRow]  # newest first, as import_history
    conflicts: list[ConflictRow]  # as list_conflicts


def overview(ws: Workspace) -> SyncOverview:
    """Keys, export history, import history and open conflicts; reads only (unlike
    ``keys.keys_info``, which makes a missing device key), so it may run beside the write queue."""
    with ws.reading() as s:
        imports = _imports_oldest_first(s)
        return SyncOverview(
            keys=read_info(s),
            exports=_export_history(s),
            imports=[_import_row(i) for i in sorted(imports, key=lambda i: i.return_seq, reverse=True)],
            conflicts=_conflicts(s, imports),
        )


def resolve_conflict(ws: Workspace, actor: Actor, nomination_id: str, *, accept: bool) -> None:
    """A person decides: take the district's result (``accept``) or keep the village's record.

    Either way the decision is written to the import's summary and to the audit trail.
    """
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    open_ = {c.nomination_id: c for c in list_conflicts(ws)}
    c = open_.get(nomination_id) or next((x for x in open_.values() if x.nomination_id.endswith(nomination_id)), None)
    if c is None:
        raise errors.SyncUserError(
            errors.CONFLICT, Text("tidak ada konflik terbuka untuk usulan ini", "no open conflict"), nomination_id
        )
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        imp = s.get_one(models.SyncImport, c.import_id)
        if accept:
            n = s.get_one(models.Nomination, c.nomination_id)
            if n.status != statuses.EXPORTED:
                raise UserError(
                    "nomination",
                    Text(
                        f"berstatus {statuses.label(n.status, 'id')}; hasil kabupaten hanya bisa diterapkan pada "
                        "usulan yang berstatus Dikirim",
                        f"is {statuses.label(n.status, 'en')}; a district result only applies to an exported nomination",
                    ),
                    c.nomination_id[-8:],
                )
            r = district_return.Result(
                c.nomination_id,
                c.worker_id,
                c.outcome,
                n.version,
                1,
                1,
                c.kpj,
                dt.date.fromisoformat(c.coverage_start) if c.coverage_start else None,
                dt.date.fromisoformat(c.coverage_end) if c.coverage_end else None,
                c.reason,
            )
            w = s.get_one(models.Worker, c.worker_id)
            _bulk_move(uow, [_result_move(imp.return_seq, r, w.kpj)])
        summary = dict(imp.summary)
        summary["conflicts"] = [
            {**x, "resolved": {"accepted": accept, "by": actor.username, "at": models.utcnow().isoformat()}}
            if x["nomination_id"] == c.nomination_id
            else x
            for x in summary.get("conflicts", [])
        ]
        imp.summary = summary
        uow.audit(
            "sync.conflict_resolve",
            "nomination",
            c.nomination_id,
            {"status": c.local_status},
            {"accepted": accept, "outcome": c.outcome, "return_seq": c.return_seq},
        )


# -- what is this file? ---------------------------------------------------------------------------


def describe_file(ws: Workspace, path_or_data: Path | bytes) -> dict[str, Any]:
    """What a sync file is, without decrypting it: kind, village, number, counts, who signed it
    and whether that is this device or the configured district. Refusals raise as on import."""
    data = _file_bytes(path_or_data)
    opened = open_file(data)
    signer = opened.signer
    opened.verify_signature(signer)
    opened.check_payload()
    m = opened.manifest
    with ws.reading() as s:
        dev = s.get(models.KeyPair, DEVICE)
        district = district_key(s)
        known = s.execute(select(models.SyncExport.seq).where(models.SyncExport.file_sha256 == opened.sha256)).scalar()
        applied = s.execute(
            select(models.SyncImport.return_seq).where(models.SyncImport.file_sha256 == opened.sha256)
        ).scalar()
        village = s.execute(select(models.Village.code, models.Village.device_id)).first()
    return {
        "kind": m["kind"],
        "format_version": m["format_version"],
        "village_code": m["village_code"],
        "device": m["device_id"][-8:],
        "seq": m["seq"],
        "created_at": m["created_at"],
        "counts": m["counts"],
        "signer_name": m["signer"].get("name", ""),
        "signer_fingerprint": signer.fingerprint,
        "signed_by_this_device": dev is not None and signer.to_bytes() == bytes(dev.public),
        "signed_by_configured_district": district is not None and signer.signing == district.signing,
        "for_this_village": village is not None and m["village_code"] == village[0],
        "for_this_device": village is not None and m["device_id"] == village[1],
        "written_here_as_export": known,
        "applied_as_return": applied,
        "sha256": opened.sha256,
    }

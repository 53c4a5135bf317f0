"""Exports: what changed since the last one, signed and encrypted for the district; their history; writing one again."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table as SATable
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, defer

from ... import __version__
from ...domain import statuses
from ...domain.text import NotFound, Text
from ...storage import models, status
from ...sync import contract, errors
from ...sync.format import Sealed
from ...sync.village_export import (
    AuditHead,
    check_export,
    export_file_name,
    new_payload,
    verify_written,
    write_export,
)
from ..audit import head_in
from ..context import ROLE_ADMIN, ROLE_OPERATOR, Actor, UnitOfWork, Workspace
from ..keys import device_keys, district_key, ensure_device_key
from .files import ProgressFn, Step, check_folder, read_back, run_job, write_atomically

log = logging.getLogger(__name__)

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
KEEP_CONTENT = 30  # the newest exports whose bytes are kept for "write again"
_EXPORT_CHUNK = 5000  # records per step of an export (memory and progress granularity)


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


# -- export --------------------------------------------------------------------------------------


def snapshot(s: Session, name: str, model: type[Any], lo: int, hi: int) -> tuple[list[str], Iterator[list[Any]]]:
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
    moves = [status.Move(nid, wid, statuses.SIGNED, statuses.EXPORTED, note, {"export_seq": seq}) for nid, wid in rows]
    status.move_many(s, uow.actor, moves, audit=uow.audit)
    return len(rows)


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
    from ...storage.db import session_revision

    return session_revision(s)


def _audit_head(s: Session) -> AuditHead:
    """The audit trail's head as this export's transaction sees it (its own status moves
    included), for the manifest: the district checks that a village's trail only grows."""
    h = head_in(s)
    return AuditHead(h.seq, h.hash)


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
    out = check_folder(out_dir)
    total = 1
    yield (0, 0, "Menyiapkan kiriman")
    path: Path | None = None
    seq, before_reserve = _reserve_seq(ws, actor)
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
                columns, chunks = snapshot(s, name, model, lo, hi)
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
                audit_head=_audit_head(s),
            )
            name = export_file_name(village.code, village.device_id, seq)
            yield (rows_total + 2, total, "Menulis berkas")
            path = out / name
            write_atomically(path, sealed.data)
            yield (rows_total + 3, total, "Memeriksa berkas yang tertulis")
            verify_written(read_back(path), sealed)
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
        _release_seq(ws, actor, seq, before_reserve)
        raise
    log.info(
        "sync export %s written (%s bytes, %s records)", result.export.seq, result.export.size, result.export.records
    )
    yield (total, total, "Selesai")
    return result


SEQ_COUNTER = "sync_export_seq"  # the highest export number given out, kept or not


def _reserve_seq(ws: Workspace, actor: Actor) -> tuple[int, int | None]:
    """The next export's number, reserved in a transaction of its own before any file is written.

    A process killed after writing its file but before recording it leaves a sound file with
    this number on the stick; the next export must not carry the same number with other content,
    so the reservation is committed first and a killed export's number is never given again.
    Returns the number and the counter before (None: there was none), for ``_release_seq``.
    """
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        last = int(s.execute(select(func.max(models.SyncExport.seq))).scalar() or 0)
        counter = s.get(models.Counter, SEQ_COUNTER)
        before = None if counter is None else int(counter.value)
        if counter is None:
            counter = models.Counter(name=SEQ_COUNTER, value=0)
            s.add(counter)
        counter.value = max(before or 0, last) + 1
        return int(counter.value), before


def _release_seq(ws: Workspace, actor: Actor, seq: int, before: int | None) -> None:
    """An export that stopped (an error, a cancel) removed its file: its number may be given
    again, and the counter is put back as it was (unless another export has reserved since)."""
    try:
        with ws.unit_of_work(actor) as uow:
            counter = uow.session.get(models.Counter, SEQ_COUNTER)
            if counter is not None and counter.value == seq:
                if before is None:
                    uow.session.delete(counter)
                else:
                    counter.value = before
    except Exception:  # the number stays reserved: a gap in the numbers, never a reuse
        log.warning("export number %s not released", seq, exc_info=True)


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
        return export_history_in(s)


def export_history_in(s: Session) -> list[ExportRow]:
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
    out = check_folder(out_dir)
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
    back = read_back(path)
    if back != data:
        path.unlink(missing_ok=True)
        raise errors.damaged("berkas yang tertulis berbeda dari aslinya")
    with ws.unit_of_work(actor) as uow:
        uow.audit("sync.write_again", "sync_export", str(seq), None, {"seq": seq, "file": name, "sha256": sha})
    return path

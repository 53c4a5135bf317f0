"""The district's return files: verified completely, then applied in one transaction; their history."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ...domain import statuses
from ...domain.text import NotFound, Text
from ...storage import models, return_import, status
from ...storage.ids import new_id
from ...sync import district_return, errors
from ...sync.crypto import KeySet
from ..context import ROLE_ADMIN, ROLE_OPERATOR, Actor, UnitOfWork, Workspace
from ..keys import DEVICE, district_key
from .files import file_bytes

log = logging.getLogger(__name__)


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
            "conflicts": _count(s.get("conflicts", 0)),
            "missing_return_seqs": s.get("missing_return_seqs", []),
        }


def _count(listed: Any) -> int:
    """The number of conflicts a summary holds (a list of them before migration 0006)."""
    return len(listed) if isinstance(listed, list) else int(listed)


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
    newer: int = 0  # results a higher-numbered return file already decided otherwise or in place

    def message(self, lang: str | None = None) -> str:
        if self.status == ALREADY_APPLIED:
            t = Text(
                f"berkas hasil nomor {self.return_seq} sudah pernah diterapkan; tidak ada yang diubah",
                f"return file {self.return_seq} was already applied; nothing changed",
            )
        elif self.status == OLDER:
            t = Text(
                f"berkas hasil nomor {self.return_seq} lebih lama dari yang sudah diterapkan dan semua hasilnya sudah "
                "tercatat atau sudah digantikan; tidak ada yang diubah",
                f"return file {self.return_seq} is older than one already applied and all its results are in place "
                "or superseded; nothing changed",
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
        if self.newer:
            out += Text(
                f"; {self.newer} hasil sudah digantikan keputusan yang lebih baru (berkas hasil bernomor lebih tinggi)",
                f"; {self.newer} results already replaced by a newer decision (a higher-numbered return file)",
            ).get(lang)
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
            "superseded_newer": self.newer,
            "missing_return_seqs": list(self.missing_return_seqs),
            "message": self.message(),
        }


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
    data = file_bytes(path_or_data)
    ctx, district = _context(ws)
    return district_return.read_return(
        data, device_keys=ctx.keys, district=district, village_code=ctx.village_code, device_id=ctx.device_id
    )


def import_return(ws: Workspace, actor: Actor, path_or_data: Path | bytes) -> ImportResult:
    """Applies the district's results, all in one transaction, each on its own merits (a newer
    decision about a nomination wins whatever order files arrive in); a repeated file, or an older
    one with nothing left to apply, changes nothing."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    data = file_bytes(path_or_data)
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
        return _apply(uow, ret, name, last)


def _note(return_seq: int, r: district_return.Result) -> str:
    return _notes(return_seq, [r])[0]


def _notes(return_seq: int, results: Sequence[district_return.Result]) -> list[str]:
    """The history note of each result's move (a file holds a handful of distinct dates: each is
    written out once)."""
    head = f"Hasil dari kabupaten (berkas hasil nomor {return_seq})"
    days = {d: str(d) for d in {r.coverage_start for r in results} | {r.coverage_end for r in results}}
    return [
        f"{head}: KPJ {r.kpj}, berlaku {days[r.coverage_start]} s.d. {days[r.coverage_end]}"
        if r.outcome == district_return.REGISTERED
        else f"{head}: {r.reason}"
        for r in results
    ]


def _why(c: return_import.ConflictState, return_seq: int) -> list[str]:
    """Why a result was not applied, in the words the conflict list shows."""
    why = []
    if c.deleted:
        why.append("usulan sudah dihapus di desa")
    over_result = c.previous is not None and c.local_status in statuses.RESULTS
    if over_result and c.previous is not None:
        # A newer decision over the district's earlier one: judged against what that one left.
        earlier, nv, wv = c.previous
        if c.local_versions[0] != nv:
            why.append(
                f"usulan diubah di desa setelah hasil sebelumnya diterapkan (versi {nv} → {c.local_versions[0]})"
            )
        if c.local_versions[1] != wv:
            why.append(
                f"data pekerja diubah di desa setelah hasil sebelumnya diterapkan (versi {wv} → {c.local_versions[1]})"
            )
        if earlier >= return_seq and not why:
            why.append(f"berkas hasil nomor {earlier} sudah menetapkan hasil lain untuk usulan ini")
        return why or [f"status di desa: {statuses.label(c.local_status, 'id')}"]
    if c.local_versions[0] != c.nomination_version:
        why.append(f"usulan diubah di desa setelah dikirim (versi {c.nomination_version} → {c.local_versions[0]})")
    if c.local_versions[1] != c.worker_version:
        why.append(f"data pekerja diubah di desa setelah dikirim (versi {c.worker_version} → {c.local_versions[1]})")
    if c.local_status != statuses.EXPORTED:
        why.append(f"status di desa: {statuses.label(c.local_status, 'id')}")
    return why


def _conflict_row(c: return_import.ConflictState, return_seq: int) -> dict[str, Any]:
    return {
        "nomination_id": c.nomination_id,
        "worker_id": c.worker_id,
        "outcome": c.outcome,
        "kpj": c.kpj,
        "coverage_start": c.coverage_start,
        "coverage_end": c.coverage_end,
        "reason": c.reason,
        "export_seq": c.export_seq,
        "district_versions": [c.nomination_version, c.worker_version],
        "local_versions": list(c.local_versions),
        "local_status": c.local_status,
        "why": _why(c, return_seq),
    }


def _apply(uow: UnitOfWork, ret: district_return.DistrictReturn, file_name: str, last: int) -> ImportResult:
    """Every result decided on its own merits against the state here (storage.return_import);
    a file older than the last one applied that finds nothing to do changes nothing."""
    s = uow.session
    notes = _notes(ret.seq, ret.results)
    staged = [
        (
            r.nomination_id,
            r.worker_id,
            r.outcome,
            r.nomination_version,
            r.worker_version,
            r.export_seq,
            r.kpj,
            r.coverage_start,
            r.coverage_end,
            r.reason,
            note,
        )
        for r, note in zip(ret.results, notes, strict=True)
    ]
    with return_import.ReturnImport(s, ret.seq, staged) as job:
        unknown, first = job.unknown()
        if unknown:
            raise errors.SyncRefused(
                errors.BAD_CONTENT,
                Text(
                    f"berisi hasil untuk {unknown} usulan yang tidak dikenal di desa ini",
                    f"holds results for {unknown} nominations this village does not know",
                ),
                (first or "")[-8:],
            )
        already = job.count(return_import.ALREADY, return_import.ALREADY_NEWER)
        superseded, newer = job.count(return_import.SUPERSEDED_EXPORT), job.count(return_import.SUPERSEDED_NEWER)
        conflicts = [_conflict_row(c, ret.seq) for c in job.conflicts()]
        if ret.seq <= last and not conflicts and not job.count(return_import.MOVE, return_import.ALREADY_NEWER):
            return ImportResult(OLDER, ret.seq, already=already, superseded=superseded, newer=newer)
        moved = job.apply(uow.actor, audit=uow.audit)
    applied = job.applied()
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
        "superseded_newer": newer,
        "conflicts": len(conflicts),
        "missing_return_seqs": list(gap),
    }
    import_id = new_id()
    s.add(
        models.SyncImport(
            id=import_id,
            file_sha256=ret.sha256,
            return_seq=ret.seq,
            applied_at=models.utcnow(),
            user_id=uow.actor.id,
            summary=summary,
        )
    )
    if conflicts:
        s.flush()  # the import first: its conflicts point at it
        s.execute(insert(models.SyncConflict), [{"import_id": import_id, **c} for c in conflicts])
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
            "superseded": superseded,
            "superseded_newer": newer,
            "conflicts": len(conflicts),
            "ids_sha256": hashlib.sha256("\n".join(m[0] for m in moved).encode()).hexdigest(),
        },
    )
    s.flush()
    log.info(
        "return file %s applied: %s, %s already, %s superseded, %s conflicts (%s)",
        ret.seq,
        applied,
        already,
        superseded + newer,
        len(conflicts),
        ", ".join(f"{k} {v:.2f} s" for k, v in job.timings.items()),
    )
    return ImportResult(
        APPLIED, ret.seq, applied, already, len(conflicts), gap, tuple(m[1] for m in moved), superseded, newer
    )


def result_move(
    return_seq: int,
    r: district_return.Result,
    worker_kpj: str,
    old: str = statuses.EXPORTED,
    nomination_kpj: str = "",
) -> status.Move:
    """The move a district result makes: *exported* (or the district's earlier result) to its
    outcome, with KPJ and coverage or the reason. A decision replacing a registration withdraws
    its KPJ and coverage, on the worker too when the KPJ came from it (as storage.return_import)."""
    ncols: dict[str, Any]
    if r.outcome == district_return.REGISTERED:
        ncols = {"kpj": r.kpj, "coverage_start": r.coverage_start, "coverage_end": r.coverage_end, "result_reason": ""}
        wcols = {"kpj": r.kpj} if worker_kpj != r.kpj else {}
    else:
        ncols = {"kpj": "", "coverage_start": None, "coverage_end": None, "result_reason": r.reason}
        withdrawn = old == statuses.REGISTERED and worker_kpj != "" and worker_kpj == nomination_kpj
        wcols = {"kpj": ""} if withdrawn else {}
    return status.Move(r.nomination_id, r.worker_id, old, r.outcome, _note(return_seq, r), ncols, wcols, district=True)


def import_row(i: models.SyncImport) -> ImportRow:
    return ImportRow(i.id, i.return_seq, i.applied_at, i.file_sha256, dict(i.summary))


def import_history(ws: Workspace) -> list[ImportRow]:
    with ws.reading() as s:
        stmt = select(models.SyncImport).order_by(models.SyncImport.return_seq.desc())
        return [import_row(i) for i in s.execute(stmt).scalars()]


def imports_oldest_first(s: Session) -> list[models.SyncImport]:
    return list(s.execute(select(models.SyncImport).order_by(models.SyncImport.return_seq)).scalars())

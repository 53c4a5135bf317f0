"""``hub status``: per village, what arrived and what it says; totals per kecamatan and for the regency.

Per village: the last file and when it was imported, the export numbers of each device that have
not arrived, the workers by status (a worker's status is the one in the village's active
program: recorded, proposed, approved, ..., registered), the active program's quota and how
much of it is taken, and the budget committed (approved and later: months x monthly
contribution). The kecamatan is the village record's ``district_name``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from ..domain import statuses
from .context import Hub
from .storage import queries


@dataclass(frozen=True, slots=True)
class DeviceSeqs:
    device_id: str
    received: tuple[int, ...]
    missing: tuple[int, ...]  # numbers below the highest received that never arrived


@dataclass(frozen=True, slots=True)
class VillageStatus:
    code: str
    name: str
    kecamatan: str
    files: int
    last_file: str
    last_seq: int | None  # the export number of that file
    last_imported_at: dt.datetime | None
    last_made_at: dt.datetime | None  # when the village wrote its last file
    devices: tuple[DeviceSeqs, ...]
    counts: dict[str, int]  # workers by status
    workers: int
    program_year: int | None
    quota: int
    quota_used: int
    budget_committed: int

    @property
    def missing(self) -> tuple[int, ...]:
        return tuple(sorted({n for d in self.devices for n in d.missing}))

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "kecamatan": self.kecamatan,
            "files": self.files,
            "last_file": self.last_file,
            "last_seq": self.last_seq,
            "last_imported_at": self.last_imported_at.isoformat() if self.last_imported_at else None,
            "last_made_at": self.last_made_at.isoformat() if self.last_made_at else None,
            "devices": [
                {"device_id": d.device_id, "received": list(d.received), "missing": list(d.missing)}
                for d in self.devices
            ],
            "missing": list(self.missing),
            "counts": self.counts,
            "workers": self.workers,
            "program_year": self.program_year,
            "quota": self.quota,
            "quota_used": self.quota_used,
            "budget_committed": self.budget_committed,
        }


@dataclass(frozen=True, slots=True)
class Totals:
    name: str
    villages: int = 0
    files: int = 0
    workers: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    quota: int = 0
    quota_used: int = 0
    budget_committed: int = 0
    villages_missing_files: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "villages": self.villages,
            "files": self.files,
            "workers": self.workers,
            "counts": self.counts,
            "quota": self.quota,
            "quota_used": self.quota_used,
            "budget_committed": self.budget_committed,
            "villages_missing_files": self.villages_missing_files,
        }


@dataclass(frozen=True, slots=True)
class HubStatus:
    villages: tuple[VillageStatus, ...]
    kecamatan: tuple[Totals, ...]
    regency: Totals

    def as_json(self) -> dict[str, Any]:
        return {
            "villages": [v.as_json() for v in self.villages],
            "kecamatan": [k.as_json() for k in self.kecamatan],
            "regency": self.regency.as_json(),
        }


def missing_numbers(received: set[int]) -> tuple[int, ...]:
    """The export numbers from 1 to the highest received that have not arrived."""
    return tuple(n for n in range(1, max(received, default=0) + 1) if n not in received)


def _total(name: str, rows: list[VillageStatus]) -> Totals:
    counts: dict[str, int] = defaultdict(int)
    for v in rows:
        for k, n in v.counts.items():
            counts[k] += n
    return Totals(
        name=name,
        villages=len(rows),
        files=sum(v.files for v in rows),
        workers=sum(v.workers for v in rows),
        counts=dict(sorted(counts.items(), key=lambda kv: _STATUS_ORDER.get(kv[0], 99))),
        quota=sum(v.quota for v in rows),
        quota_used=sum(v.quota_used for v in rows),
        budget_committed=sum(v.budget_committed for v in rows),
        villages_missing_files=sum(1 for v in rows if v.missing),
    )


_STATUS_ORDER = {s: i for i, s in enumerate(statuses.WORKER_STATUSES)}


def refresh(session: Session, village_code: str) -> None:
    """The village's figures, worked out again inside the transaction that changed its records."""
    queries.refresh_figures(session, village_code, statuses.COUNTS_IN_QUOTA, statuses.COVERED)


def hub_status(hub: Hub) -> HubStatus:
    with hub.reading() as s:
        names = queries.village_names(s)
        file_rows = queries.files(s)
        figs = queries.figures(s)
    seqs: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    last: dict[str, tuple[dt.datetime, dt.datetime, str, str, int]] = {}
    nfiles: dict[str, int] = defaultdict(int)
    for code, device, seq, _full, file_name, vname, made_at, imported_at in file_rows:
        seqs[code][device].add(seq)
        nfiles[code] += 1
        if code not in last or (imported_at, made_at) > last[code][:2]:
            last[code] = (imported_at, made_at, file_name, vname, seq)
    villages = []
    for code in sorted(set(names) | set(nfiles)):
        name, kec, _regency = names.get(code, (last[code][3] if code in last else "", "", ""))
        imported: dt.datetime | None = last[code][0] if code in last else None
        made: dt.datetime | None = last[code][1] if code in last else None
        fname = last[code][2] if code in last else ""
        f = figs.get(code)
        c = dict(sorted((f.counts if f else {}).items(), key=lambda kv: _STATUS_ORDER.get(kv[0], 99)))
        villages.append(
            VillageStatus(
                code=code,
                name=name,
                kecamatan=kec,
                files=nfiles.get(code, 0),
                last_file=fname,
                last_seq=last[code][4] if code in last else None,
                last_imported_at=imported,
                last_made_at=made,
                devices=tuple(
                    DeviceSeqs(d, tuple(sorted(got)), missing_numbers(got)) for d, got in sorted(seqs[code].items())
                ),
                counts=c,
                workers=f.workers if f else 0,
                program_year=f.program_year if f else None,
                quota=f.quota if f else 0,
                quota_used=f.quota_used if f else 0,
                budget_committed=f.budget_committed if f else 0,
            )
        )
    by_kec: dict[str, list[VillageStatus]] = defaultdict(list)
    for v in villages:
        by_kec[v.kecamatan].append(v)
    regency_names = {r for (_n, _k, r) in names.values() if r}
    regency = ", ".join(sorted(regency_names))
    return HubStatus(
        tuple(villages),
        tuple(_total(k, rows) for k, rows in sorted(by_kec.items())),
        _total(regency, villages),
    )

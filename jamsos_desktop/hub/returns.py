"""``hub return``: the signed return file each village device imports with ``sync import-return``.

One file per village device that has answers not yet returned: registered (KPJ, coverage),
rejected (reason) or duplicate (the village where the person stays nominated). Files are
written by the existing ``sync/district_return.write_return``, signed with the district's key and
encrypted to the device that made the export (its key pinned by the hub at the first file).

Numbered per device 1, 2, 3, ... in the order written, each answer carrying the hub's current
decision when written; so "a higher number is a newer decision", which is how the village orders
results whatever order the files arrive in (RETURNS.md of the village side). An answer changed
after it was returned (the branch corrected a KPJ) goes out again in the next file.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.actors import Actor
from ..domain.text import Text
from ..sync import district_return
from ..sync.crypto import KeySet, PublicKeySet
from . import keys as hub_keys
from .context import Hub
from .storage import outcomes
from .storage.models import ROLE_CLERK, ROLE_HEAD
from .storage.outcome_models import HubReturn


@dataclass(frozen=True, slots=True)
class WrittenReturn:
    village_code: str
    device_id: str
    seq: int
    path: Path
    counts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "village_code": self.village_code,
            "device_id": self.device_id,
            "seq": self.seq,
            "file": str(self.path),
            "counts": self.counts,
        }


@dataclass
class ReturnRun:
    written: list[WrittenReturn] = field(default_factory=list)
    skipped: list[tuple[str, Text]] = field(default_factory=list)  # (village code, why)

    def message(self, lang: str | None = None) -> str:
        if not self.written and not self.skipped:
            return Text("tidak ada hasil baru untuk dikembalikan", "no new results to return").get(lang)
        lines = [
            Text(
                f"{w.path.name}: {w.counts['registered']} terdaftar, {w.counts['rejected']} ditolak, "
                f"{w.counts['duplicate']} ganda",
                f"{w.path.name}: {w.counts['registered']} registered, {w.counts['rejected']} rejected, "
                f"{w.counts['duplicate']} duplicate",
            ).get(lang)
            for w in self.written
        ]
        lines += [f"{code}: {why.get(lang)}" for code, why in self.skipped]
        return "\n".join(lines)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "written": [w.to_dict() for w in self.written],
            "skipped": [{"village_code": c, "reason": why.get(lang)} for c, why in self.skipped],
        }


def _result(m: Any) -> district_return.Result:
    registered = m["outcome"] == district_return.REGISTERED
    return district_return.Result(
        nomination_id=m["nomination_id"],
        worker_id=m["worker_id"],
        outcome=m["outcome"],
        nomination_version=int(m["nomination_version"]),
        worker_version=int(m["worker_version"]),
        export_seq=int(m["export_seq"]),
        kpj=m["kpj"] if registered else "",
        coverage_start=m["coverage_start"] if registered else None,
        coverage_end=m["coverage_end"] if registered else None,
        reason="" if registered else (m["reason"] or "")[: district_return.MAX_REASON],
    )


def write_returns(
    hub: Hub, actor: Actor, district_keys: KeySet, out_dir: Path, *, village: str | None = None
) -> ReturnRun:
    """Writes a return file for every device (of ``village``, or of all) with answers to send;
    one transaction: the files, their numbers and the answers marked returned, or nothing."""
    actor.require(ROLE_CLERK, ROLE_HEAD)
    info = hub_keys.key_info(hub)
    run = ReturnRun()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        with hub.unit_of_work(actor) as uow:
            s = uow.session
            groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
            for m in outcomes.pending_results(s, village):
                groups[(m["village_code"], m["device_id"])].append(m)
            for (code, device), rows in sorted(groups.items()):
                public = outcomes.device_key(s, device)
                usable = [m for m in rows if m["export_seq"] is not None and m["export_seq"] >= 1]
                if public is None or not usable:
                    run.skipped.append(
                        (
                            code,
                            Text(
                                "usulan ini belum pernah dikirim desa (tidak ada nomor kiriman); belum bisa dijawab",
                                "these nominations were never sent by the village (no export number); cannot answer yet",
                            ),
                        )
                    )
                    continue
                results = [_result(m) for m in usable]
                seq = outcomes.last_return_seq(s, device) + 1
                sealed = district_return.write_return(
                    district_keys=district_keys,
                    district_name=info.name,
                    village_code=code,
                    device_id=device,
                    device_key=PublicKeySet.from_bytes(public),
                    return_seq=seq,
                    answers_export_seq=max(r.export_seq for r in results),
                    results=results,
                    app_version=__version__,
                )
                path = out_dir / district_return.return_file_name(code, device, seq)
                path.write_bytes(sealed.data)
                written.append(path)
                s.add(
                    HubReturn(
                        device_id=device,
                        village_code=code,
                        seq=seq,
                        answers_export_seq=max(r.export_seq for r in results),
                        results=len(results),
                        sha256=sealed.sha256,
                        file_name=path.name,
                        created_by=actor.username,
                    )
                )
                outcomes.mark_returned(s, [(code, r.nomination_id) for r in results], seq)
                counts = dict(sealed.manifest["counts"])
                uow.audit(
                    "hub.return.write",
                    "hub_return",
                    f"{device}/{seq}",
                    None,
                    {
                        "village_code": code,
                        "seq": seq,
                        "sha256": sealed.sha256,
                        "counts": counts,
                        "ids_sha256": hashlib.sha256("\n".join(r.nomination_id for r in results).encode()).hexdigest(),
                    },
                )
                run.written.append(WrittenReturn(code, device, seq, path, counts))
    except BaseException:
        for p in written:  # the transaction rolled back: no file may claim a number it does not hold
            p.unlink(missing_ok=True)
        raise
    return run

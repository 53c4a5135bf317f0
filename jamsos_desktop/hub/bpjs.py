"""``hub export-bpjs`` and ``hub record-results``: the branch's collective registration, both ways.

The sheet lists every nomination a village approved, signed and sent (*exported*) that has no
answer yet and whose worker is in no undecided duplicate candidate; writing it marks them as
sent to BPJS. The branch's answer is matched by NIK to those nominations; each row is reported
(recorded, already recorded, not matched and why), and what matched becomes the hub's answer
that the next return file carries to the village. One transaction, one audit entry per file.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.actors import Actor
from ..domain.identity import mask_nik
from ..domain.text import Text, UserError
from . import bpjs_sheet
from .bpjs_sheet import REGISTERED, AnswerRow
from .context import Hub
from .storage import models, outcomes
from .storage.models import ROLE_CLERK, ROLE_HEAD

RECORDED, ALREADY, UNMATCHED, AMBIGUOUS, INVALID, REPEATED, CHANGED = (
    "recorded",
    "already",
    "unmatched",
    "ambiguous",
    "invalid",
    "repeated",
    "changed",  # recorded over an earlier, other registration (another KPJ): said, not silent
)


@dataclass(frozen=True, slots=True)
class SheetResult:
    path: Path
    rows: int
    villages: int
    waiting: int = 0  # sent in an earlier sheet, still unanswered, and not written again
    again: bool = False  # those were written again

    def message(self, lang: str | None = None) -> str:
        out = Text(
            f"{self.rows} pekerja dari {self.villages} desa ditulis ke {self.path.name}",
            f"{self.rows} workers of {self.villages} villages written to {self.path.name}",
        ).get(lang)
        if self.waiting and not self.again:
            out += Text(
                f"; {self.waiting} lagi sudah dikirim di lembar sebelumnya dan masih menunggu jawaban BPJS: "
                "tidak ditulis lagi",
                f"; {self.waiting} more were sent in an earlier sheet and still await BPJS's answer: not written again",
            ).get(lang)
        elif self.again:
            out += Text(
                " (termasuk yang sudah dikirim dan belum dijawab)", " (including those sent and not yet answered)"
            ).get(lang)
        return out


def sheet_counts(hub: Hub) -> tuple[int, int]:
    """(new for the next sheet, sent in an earlier one and still unanswered)."""
    with hub.reading() as s:
        return outcomes.sheet_count(s, sent_before=False), outcomes.sheet_count(s, sent_before=True)


def export_sheet(hub: Hub, actor: Actor, out: Path, mapping: Path | None = None, *, again: bool = False) -> SheetResult:
    """Writes the collective-registration sheet of the nominations not sent to BPJS yet (``again``:
    and of those sent in an earlier sheet and still unanswered) and marks them as sent."""
    actor.require(ROLE_CLERK, ROLE_HEAD)
    cols = bpjs_sheet.load_mapping(mapping)
    if out.suffix.lower() != ".xlsx":
        raise UserError("out", Text("harus berkas .xlsx", "must be an .xlsx file"), out.name)
    tmp = out.with_name(out.name + ".tmp")
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _export(hub, actor, out, tmp, cols, again=again)
    finally:
        tmp.unlink(missing_ok=True)  # a failed export leaves no half-written sheet behind


def _export(hub: Hub, actor: Actor, out: Path, tmp: Path, cols: dict[str, Any], *, again: bool) -> SheetResult:
    with hub.unit_of_work(actor) as uow:
        waiting = 0 if again else outcomes.sheet_count(uow.session, sent_before=True)
        rows = outcomes.sheet_rows(uow.session, again=again)
        bpjs_sheet.write_sheet(rows, cols, tmp)
        keys = [(r["village_code"], r["nomination_id"], r["worker_id"]) for r in rows]
        outcomes.mark_sheeted(uow.session, keys, models.utcnow())
        sha = hashlib.sha256(tmp.read_bytes()).hexdigest()
        uow.audit(
            "hub.bpjs.export",
            "bpjs_sheet",
            out.name,
            None,
            {
                "rows": len(rows),
                "again": again,
                "sha256": sha,
                "ids_sha256": hashlib.sha256("\n".join(f"{k[0]}/{k[1]}" for k in keys).encode()).hexdigest(),
            },
        )
        tmp.replace(out)  # only a committed export leaves a sheet behind
    return SheetResult(out, len(rows), len({k[0] for k in keys}), waiting, again)


@dataclass(frozen=True, slots=True)
class RowOutcome:
    row: int
    nik: str
    status: str  # RECORDED | CHANGED | ALREADY | UNMATCHED | AMBIGUOUS | INVALID | REPEATED
    outcome: str = ""
    village_code: str = ""
    message: Text | None = None

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "row": self.row,
            "nik": mask_nik(self.nik) if len(self.nik) == 16 else self.nik,
            "status": self.status,
            "outcome": self.outcome,
            "village_code": self.village_code,
            "message": self.message.get(lang) if self.message else "",
        }


@dataclass
class ResultsReport:
    file: str
    rows: list[RowOutcome] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for r in self.rows:
            out[r.status] += 1
        return dict(out)

    @property
    def not_matched(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.status not in (RECORDED, CHANGED, ALREADY)]

    def message(self, lang: str | None = None) -> str:
        c = self.counts
        recorded, changed = c.get(RECORDED, 0) + c.get(CHANGED, 0), c.get(CHANGED, 0)
        over_id = f" ({changed} mengganti hasil sebelumnya)" if changed else ""
        over_en = f" ({changed} replacing an earlier result)" if changed else ""
        return Text(
            f"{self.file}: {recorded} hasil dicatat{over_id}, {c.get(ALREADY, 0)} sudah tercatat, "
            f"{len(self.not_matched)} baris tidak cocok",
            f"{self.file}: {recorded} results recorded{over_en}, {c.get(ALREADY, 0)} already recorded, "
            f"{len(self.not_matched)} rows not matched",
        ).get(lang)

    def details(self, lang: str | None = None, limit: int = 12) -> list[str]:
        """The rows to look at, one line each (the sheet's row number, the NIK masked, why): the
        rows not matched and the answers that replaced another; at most ``limit``, then how many more."""
        rows = [r for r in self.rows if r.status not in (RECORDED, ALREADY)]
        lines = []
        for r in rows[:limit]:
            nik = mask_nik(r.nik) if len(r.nik) == 16 else r.nik
            why = r.message.get(lang) if r.message else ""
            lines.append(Text(f"baris {r.row} ({nik}): {why}", f"row {r.row} ({nik}): {why}").get(lang))
        if len(rows) > limit:
            more = len(rows) - limit
            lines.append(Text(f"… dan {more} baris lagi", f"… and {more} more rows").get(lang))
        return lines

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"file": self.file, "counts": self.counts, "rows": [r.to_dict(lang) for r in self.rows]}


def _end(start: dt.date, months: int | None) -> dt.date:
    """The last day covered when the branch names only the first: ``months`` whole months on."""
    m = start.month - 1 + (months or 12)
    y, mo = start.year + m // 12, m % 12 + 1
    return dt.date(y, mo, min(start.day, calendar.monthrange(y, mo)[1])) - dt.timedelta(days=1)


def _same(have: Any, a: AnswerRow, end: dt.date | None) -> bool:
    if have["outcome"] != a.outcome:
        return False
    if a.outcome == REGISTERED:
        return bool(have["kpj"] == a.kpj and have["coverage_start"] == a.coverage_start and have["coverage_end"] == end)
    return bool(have["reason"] == a.reason)


def record_results(hub: Hub, actor: Actor, path: Path, mapping: Path | None = None) -> ResultsReport:
    """Reads the branch's answer and records what matches; every row gets its outcome."""
    actor.require(ROLE_CLERK, ROLE_HEAD)
    if not path.is_file():
        raise UserError("file", Text("tidak ditemukan", "not found"), str(path))
    answer = bpjs_sheet.read_answer(path, bpjs_sheet.load_mapping(mapping))
    report = ResultsReport(path.name)
    with hub.unit_of_work(actor) as uow:
        s = uow.session
        niks = sorted({a.nik for a in answer.rows if a.problem is None})
        by_nik: dict[str, list[Any]] = defaultdict(list)
        for m in outcomes.nominations_by_nik(s, niks):
            by_nik[m["nik"]].append(m)
        now, seen, writes = models.utcnow(), set(), []
        for a in answer.rows:
            if a.problem is not None:
                report.rows.append(RowOutcome(a.row, a.nik, INVALID, a.outcome, message=a.problem))
                continue
            found = by_nik.get(a.nik, [])
            if len(found) > 1:
                sheeted = [m for m in found if m["bpjs_sheet_at"] is not None]
                found = sheeted if len(sheeted) == 1 else found
            if not found:
                report.rows.append(
                    RowOutcome(
                        a.row,
                        a.nik,
                        UNMATCHED,
                        a.outcome,
                        message=Text(
                            "NIK ini tidak ada di antara usulan yang dikirim ke BPJS",
                            "this NIK is not among the nominations sent to BPJS",
                        ),
                    )
                )
                continue
            if len(found) > 1:
                where = ", ".join(m["village_code"] for m in found)
                report.rows.append(
                    RowOutcome(
                        a.row,
                        a.nik,
                        AMBIGUOUS,
                        a.outcome,
                        message=Text(
                            f"NIK ini diusulkan oleh lebih dari satu desa ({where}); putuskan dulu gandanya",
                            f"this NIK is nominated by more than one village ({where}); resolve the duplicate first",
                        ),
                    )
                )
                continue
            m = found[0]
            key = (m["village_code"], m["nomination_id"])
            if key in seen:
                report.rows.append(
                    RowOutcome(
                        a.row,
                        a.nik,
                        REPEATED,
                        a.outcome,
                        m["village_code"],
                        Text(
                            "NIK ini sudah ada di baris sebelumnya berkas ini",
                            "this NIK is on an earlier row of this file",
                        ),
                    )
                )
                continue
            seen.add(key)
            end = a.coverage_end
            if a.outcome == REGISTERED and end is None and a.coverage_start is not None:
                end = _end(a.coverage_start, m["months"])
            if _same(m, a, end):
                report.rows.append(RowOutcome(a.row, a.nik, ALREADY, a.outcome, m["village_code"]))
                continue
            # An earlier registration, answered now otherwise: recorded (the branch is the authority),
            # and said, since one person with two KPJ numbers is a double registration at BPJS.
            replaced = m["outcome"] == REGISTERED and (a.outcome != REGISTERED or (m["kpj"] or "") != a.kpj)
            writes.append(
                {
                    "village_code": m["village_code"],
                    "nomination_id": m["nomination_id"],
                    "worker_id": m["worker_id"],
                    "outcome": a.outcome,
                    "kpj": a.kpj if a.outcome == REGISTERED else "",
                    "coverage_start": a.coverage_start if a.outcome == REGISTERED else None,
                    "coverage_end": end if a.outcome == REGISTERED else None,
                    "reason": "" if a.outcome == REGISTERED else a.reason,
                    "source": path.name[:255],
                    "recorded_at": now,
                    "recorded_by": actor.username,
                }
            )
            if replaced:
                now_id = f"KPJ {a.kpj}" if a.outcome == REGISTERED else "ditolak"
                now_en = f"KPJ {a.kpj}" if a.outcome == REGISTERED else "rejected"
                report.rows.append(
                    RowOutcome(
                        a.row,
                        a.nik,
                        CHANGED,
                        a.outcome,
                        m["village_code"],
                        Text(
                            f"sudah terdaftar dengan KPJ {m['kpj']}, kini {now_id}: dicatat; pastikan dengan BPJS "
                            "bahwa ini koreksi, bukan pendaftaran ganda",
                            f"already registered with KPJ {m['kpj']}, now {now_en}: recorded; make sure with BPJS "
                            "that this is a correction, not a double registration",
                        ),
                    )
                )
            else:
                report.rows.append(RowOutcome(a.row, a.nik, RECORDED, a.outcome, m["village_code"]))
        outcomes.put_results(s, writes)
        uow.audit(
            "hub.bpjs.results",
            "bpjs_results",
            path.name[:80],
            None,
            {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "counts": report.counts},
        )
    return report

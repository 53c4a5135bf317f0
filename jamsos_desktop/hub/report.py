"""``hub report``: coverage per village and kecamatan against the regency's target, by worker
category and year over year, and the figures a regency gives for Inpres 2/2021 monitoring and the
Paritrana award; as a PDF a head of office signs (``report_pdf``) or a spreadsheet (``report_xlsx``).

The figures are computed here from grouped queries (``storage/outcomes``), as plain data: a
nomination's state is the hub's answer when it has one (registered, rejected, duplicate), else the
village's own status. The regency's target is a hub setting (``report.target``), set by ``--target``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain import statuses
from ..domain.actors import Actor
from ..domain.occupations import CATEGORIES
from ..domain.text import Text, UserError
from . import keys as hub_keys
from .context import Hub
from .storage import models, outcomes
from .storage.models import ROLE_CLERK, ROLE_HEAD

TARGET_KEY = "report.target"
#: The report's signer (name, title, NIP, place), kept once given: the next report is signed alike.
SIGNER_KEY = "report.signer"
#: A nomination the village proposed and did not withdraw (declined by the head is not counted).
NOMINATED = frozenset(statuses.NOMINATION_STATUSES) - {statuses.DECLINED, statuses.WITHDRAWN}
APPROVED = statuses.COVERED | {statuses.REJECTED, statuses.DUPLICATE}  # the head approved it once
#: What commits budget: a place in the quota, not answered "rejected" or "duplicate" by the hub.
COMMITTED = statuses.COUNTS_IN_QUOTA


@dataclass
class Line:
    """One line of a coverage table: a village, a kecamatan, a category, or the regency."""

    name: str
    code: str = ""
    kecamatan: str = ""
    recorded: int = 0
    nominated: int = 0
    approved: int = 0
    registered: int = 0
    rejected: int = 0
    duplicate: int = 0
    quota: int = 0
    budget: int = 0

    def add(self, o: Line) -> None:
        for k in ("recorded", "nominated", "approved", "registered", "rejected", "duplicate", "quota", "budget"):
            setattr(self, k, getattr(self, k) + getattr(o, k))

    def share(self) -> float:
        """Registered workers as a share of the recorded potential (0-1)."""
        return self.registered / self.recorded if self.recorded else 0.0


@dataclass
class YearLine:
    year: int
    nominated: int = 0
    registered: int = 0
    budget: int = 0


@dataclass
class Signer:
    name: str = ""
    title: str = ""
    nip: str = ""
    place: str = ""


@dataclass
class Figures:
    district_office: str
    regency: str
    province: str
    year: int
    made_on: dt.date
    target: int | None
    villages: list[Line] = field(default_factory=list)
    kecamatan: list[Line] = field(default_factory=list)
    categories: list[Line] = field(default_factory=list)
    years: list[YearLine] = field(default_factory=list)
    total: Line = field(default_factory=lambda: Line("Total"))

    def target_share(self) -> float | None:
        return self.total.registered / self.target if self.target else None


def _state(status: str | None, outcome: str | None) -> str:
    return outcome or status or ""


def figures(hub: Hub, *, year: int | None = None, today: dt.date | None = None) -> Figures:
    """Every figure of the report, for the program year ``year`` (default: the newest in the hub)."""
    with hub.reading() as s:
        vrows = outcomes.village_rows(s)
        recorded = outcomes.workers_by_village_category(s)
        summary = outcomes.nominations_summary(s)
        quotas = outcomes.quotas(s)
        target_row = s.get(models.HubSetting, TARGET_KEY)
    try:
        office = hub_keys.key_info(hub).name
    except UserError:
        office = ""
    years = sorted({int(y) for _, y, *_ in summary if y is not None} | {int(y) for _, y, _ in quotas if y is not None})
    year = year or (years[-1] if years else (today or dt.date.today()).year)
    regency = next((v["regency_name"] for v in vrows if v["regency_name"]), "")
    province = next((v["province_name"] for v in vrows if v["province_name"]), "")
    target = int(target_row.value.get("workers", 0)) if target_row and target_row.value.get("workers") else None
    fig = Figures(office, regency, province, year, today or dt.date.today(), target)

    lines: dict[str, Line] = {v["code"]: Line(v["name"], v["code"], v["district_name"] or "") for v in vrows}
    cats: dict[str, Line] = {}

    def village(code: str) -> Line:
        if code not in lines:
            lines[code] = Line(code, code, "")
        return lines[code]

    def category(key: str | None) -> Line:
        k = key or ""
        if k not in cats:
            cats[k] = Line(CATEGORIES.get(k, k or "(tanpa kategori)"), k)
        return cats[k]

    for code, cat, n in recorded:
        village(code).recorded += n
        category(cat).recorded += n
    for code, y, q in quotas:
        if y == year:
            village(code).quota += q or 0
    by_year: dict[int, YearLine] = {}
    for code, y, cat, status, outcome, n, budget in summary:
        state = _state(status, outcome)
        if y is not None:
            yl = by_year.setdefault(int(y), YearLine(int(y)))
            if state in NOMINATED:
                yl.nominated += n
            if state == statuses.REGISTERED:
                yl.registered += n
            if state in COMMITTED:
                yl.budget += int(budget or 0)
        if y != year:
            continue
        for line in (village(code), category(cat)):
            if state in NOMINATED:
                line.nominated += n
            if state in APPROVED:
                line.approved += n
            if state == statuses.REGISTERED:
                line.registered += n
            elif state == statuses.REJECTED:
                line.rejected += n
            elif state == statuses.DUPLICATE:
                line.duplicate += n
            if state in COMMITTED:
                line.budget += int(budget or 0)
    fig.villages = sorted(lines.values(), key=lambda x: (x.kecamatan, x.name, x.code))
    kec: dict[str, Line] = defaultdict(lambda: Line(""))
    for v in fig.villages:
        k = kec[v.kecamatan]
        k.name = v.kecamatan or "(tanpa kecamatan)"
        k.add(v)
        fig.total.add(v)
    fig.kecamatan = sorted(kec.values(), key=lambda x: x.name)
    fig.categories = sorted(
        (c for c in cats.values() if c.recorded or c.nominated), key=lambda x: (-x.recorded, x.name)
    )
    fig.years = [by_year[y] for y in sorted(by_year)]
    return fig


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    pages: int
    villages: int

    def message(self, lang: str | None = None) -> str:
        what = (
            Text(f"{self.pages} halaman", f"{self.pages} pages") if self.pages else Text("lembar kerja", "workbook")
        ).get(lang)
        return Text(
            f"laporan {self.villages} desa ditulis ke {self.path.name} ({what})",
            f"report of {self.villages} villages written to {self.path.name} ({what})",
        ).get(lang)


def set_target(hub: Hub, actor: Actor, workers: int) -> None:
    """The regency's target of covered workers (kept for later reports), attributed and audited."""
    actor.require(ROLE_CLERK, ROLE_HEAD)
    if workers < 1:
        raise UserError("target", Text("target harus lebih dari 0", "the target must be above 0"), workers)
    with hub.unit_of_work(actor) as uow:
        row = uow.session.get(models.HubSetting, TARGET_KEY)
        before = dict(row.value) if row else None
        if row is None:
            uow.session.add(models.HubSetting(key=TARGET_KEY, value={"workers": workers}))
        else:
            row.value = {"workers": workers}
        uow.audit("hub.report.target", "hub_setting", TARGET_KEY, before, {"workers": workers})


def stored_signer(hub: Hub) -> Signer:
    """The signer the last report was given (empty fields before the first)."""
    with hub.reading() as s:
        row = s.get(models.HubSetting, SIGNER_KEY)
        v = dict(row.value) if row is not None and isinstance(row.value, dict) else {}
    return Signer(*(str(v.get(k, "")) for k in ("name", "title", "nip", "place")))


def stored_target(hub: Hub) -> int | None:
    with hub.reading() as s:
        row = s.get(models.HubSetting, TARGET_KEY)
        v = row.value if row is not None and isinstance(row.value, dict) else {}
    n = v.get("workers")
    return int(n) if isinstance(n, int) else None


def set_signer(hub: Hub, actor: Actor, signer: Signer) -> None:
    """Keeps the signer for the next reports; attributed and audited like the target."""
    actor.require(ROLE_CLERK, ROLE_HEAD)
    value = {k: " ".join(getattr(signer, k).split()) for k in ("name", "title", "nip", "place")}
    if value["nip"] and not (value["nip"].replace(" ", "").isdigit() and len(value["nip"].replace(" ", "")) == 18):
        raise UserError("signer_nip", Text("harus 18 angka", "must be 18 digits"), value["nip"])
    with hub.unit_of_work(actor) as uow:
        row = uow.session.get(models.HubSetting, SIGNER_KEY)
        before = dict(row.value) if row else None
        if before == value:
            return
        if row is None:
            uow.session.add(models.HubSetting(key=SIGNER_KEY, value=value))
        else:
            row.value = value
        uow.audit("hub.report.signer", "hub_setting", SIGNER_KEY, before, value)


def write_report(
    hub: Hub,
    actor: Actor,
    out: Path,
    *,
    target: int | None = None,
    year: int | None = None,
    signer: Signer | None = None,
    today: dt.date | None = None,
) -> Written:
    """Writes the report as ``out``'s suffix says (``.pdf`` or ``.xlsx``). A ``signer`` given is
    kept for the next reports (its empty fields take the kept ones); without one, the kept signer."""
    actor.require(ROLE_CLERK, ROLE_HEAD)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise UserError("out", Text("harus berkas .pdf atau .xlsx", "must be a .pdf or .xlsx file"), out.name)
    if target is not None:
        set_target(hub, actor, target)
    kept = stored_signer(hub)
    if signer is not None:
        signer = Signer(*(getattr(signer, k) or getattr(kept, k) for k in ("name", "title", "nip", "place")))
        if signer != kept:
            set_signer(hub, actor, signer)
    else:
        signer = kept
    fig = figures(hub, year=year, today=today)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    try:
        if suffix == ".pdf":
            from .report_pdf import build_pdf

            data, pages = build_pdf(fig, signer)
            tmp.write_bytes(data)
        else:
            from .report_xlsx import write_xlsx

            write_xlsx(fig, tmp)
            pages = 0
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    with hub.unit_of_work(actor) as uow:
        uow.audit(
            "hub.report.write",
            "hub_report",
            out.name[:80],
            None,
            {"year": fig.year, "villages": len(fig.villages), "registered": fig.total.registered},
        )
    return Written(out, pages, len(fig.villages))


def as_dict(fig: Figures) -> dict[str, Any]:
    """The figures as plain data (tests and ``--json`` callers)."""

    def line(x: Line) -> dict[str, Any]:
        return {k: getattr(x, k) for k in Line.__dataclass_fields__}

    return {
        "year": fig.year,
        "target": fig.target,
        "total": line(fig.total),
        "villages": [line(v) for v in fig.villages],
        "kecamatan": [line(k) for k in fig.kecamatan],
        "categories": [line(c) for c in fig.categories],
        "years": [
            {"year": y.year, "nominated": y.nominated, "registered": y.registered, "budget": y.budget}
            for y in fig.years
        ],
    }

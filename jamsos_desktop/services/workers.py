"""Recording workers: add, edit, delete, look up, search, and bulk add (demo and imports)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from ..domain import identity, statuses
from ..domain.text import Issue, NotFound, Text, UserError, ValidationError
from ..domain.worker import WorkerData, validate_worker
from ..storage import models, worker_search, worker_store
from ..storage.ids import new_id
from .context import ROLE_ADMIN, ROLE_OPERATOR, Actor, Workspace
from .rows import EventRow, NominationRow, WorkerDetail, WorkerRow
from .village import active_program
from .village import current_village as _village  # a public name; the local one keeps the bodies as they were

_FIELDS = tuple(f for f in WorkerData.__dataclass_fields__)
_ID_PREFIX = re.compile(r"^[0-9a-f-]{8,36}$")


def worker_row(w: models.Worker) -> WorkerRow:
    return WorkerRow(
        id=w.id,
        nik=w.nik,
        kk=w.kk,
        name=w.name,
        birth_place=w.birth_place,
        birth_date=w.birth_date,
        sex=w.sex,
        address=w.address,
        dusun=w.dusun,
        rt=w.rt,
        rw=w.rw,
        phone=w.phone,
        occupation_code=w.occupation_code,
        category=w.category,
        income=w.income,
        heir_name=w.heir_name,
        heir_relation=w.heir_relation,
        heir_phone=w.heir_phone,
        dtks=w.dtks,
        bpjs_active=w.bpjs_active,
        kpj=w.kpj,
        resident=w.resident,
        notes=w.notes,
        status=w.status,
        version=w.version,
        created_at=w.created_at,
        updated_at=w.updated_at,
    )


def _snapshot(w: models.Worker) -> dict[str, Any]:
    return {f: (getattr(w, f).isoformat() if f == "birth_date" else getattr(w, f)) for f in _FIELDS} | {
        "version": w.version
    }


def short_id(worker_id: str) -> str:
    return worker_id[-8:]


def name_key(name: str) -> str:
    """The name's words as the full-text index has them, one space apart: the sort key, the key
    of the same-person check, and what the search tests a row's name words against
    ('Ma'ruf  AL-Amin' → 'ma ruf al amin'; 'Réné' → 'rene')."""
    return " ".join(worker_search.search_terms(name))


@dataclass(frozen=True, slots=True)
class SaveResult:
    id: str
    warnings: tuple[Issue, ...] = ()


# -- look-up ------------------------------------------------------------------------------------


def resolve(s: Session, ref: str) -> models.Worker:
    """A worker by NIK (16 digits), full id, or the id's last 8 or more characters (``short_id``)."""
    ref = ref.strip()
    digits = identity.normalize_number(ref)
    live = models.Worker.deleted_at.is_(None)
    if digits.isdigit() and len(digits) == 16:
        w = s.execute(select(models.Worker).where(models.Worker.nik == digits, live)).scalar()
    elif _ID_PREFIX.match(ref.lower()):
        # Keys are UUIDv7, whose leading digits are a timestamp: the short form is the random tail.
        key = ref.lower()
        cond = models.Worker.id == key if len(key) == 36 else models.Worker.id.endswith(key)
        rows = s.execute(select(models.Worker).where(cond, live).limit(2)).scalars().all()
        if len(rows) > 1:
            raise UserError("worker", Text("ID tidak unik; tulis lebih panjang", "ambiguous id; give more of it"), ref)
        w = rows[0] if rows else None
    else:
        raise UserError(
            "worker", Text("bukan NIK (16 digit) atau ID pekerja", "is not a NIK (16 digits) or a worker id"), ref
        )
    if w is None:
        raise NotFound("worker", Text("tidak ditemukan", "not found"), ref)
    return w


def duplicate_issues(
    s: Session, nik: str | None, name: str | None, birth_date: dt.date | None, exclude_id: str | None = None
) -> list[Issue]:
    """A NIK already recorded is an error naming the record; same name and birth date is a warning."""
    return _duplicates(s, nik, name, birth_date, exclude_id)[0]


def _duplicates(
    s: Session, nik: str | None, name: str | None, birth_date: dt.date | None, exclude_id: str | None
) -> tuple[list[Issue], models.Worker | None]:
    """``duplicate_issues``, with the live worker already recorded under ``nik`` (if any)."""
    issues: list[Issue] = []
    live = models.Worker.deleted_at.is_(None)
    not_me = models.Worker.id != exclude_id if exclude_id else true()
    other = None
    if nik:
        other = s.execute(select(models.Worker).where(models.Worker.nik == nik, live, not_me)).scalar()
        if other is not None:
            issues.append(
                Issue(
                    "nik",
                    Text(
                        f"sudah tercatat atas nama {other.name} (ID {short_id(other.id)})",
                        f"already recorded as {other.name} (id {short_id(other.id)})",
                    ),
                )
            )
    if name and birth_date:
        twins = (
            s.execute(
                select(models.Worker)
                .where(
                    models.Worker.name_key == name_key(name),
                    models.Worker.birth_date == birth_date,
                    live,
                    not_me,
                    models.Worker.nik != (nik or ""),
                )
                .limit(3)
            )
            .scalars()
            .all()
        )
        for t in twins:
            issues.append(
                Issue(
                    "name",
                    Text(
                        f"nama dan tanggal lahir sama dengan pekerja lain (NIK {identity.mask_nik(t.nik)}, ID {short_id(t.id)}); "
                        "pastikan bukan orang yang sama",
                        f"same name and birth date as another worker (NIK {identity.mask_nik(t.nik)}, id {short_id(t.id)}); "
                        "make sure it is not the same person",
                    ),
                    "warning",
                )
            )
    return issues, other


@dataclass(frozen=True, slots=True)
class FormCheck:
    """What one check of a form's values found, so that the form looks nothing up again."""

    data: WorkerData | None  # the normalized record, when no issue is an error
    issues: list[Issue]
    nik: identity.NikCheck | None  # None while the NIK is blank
    recorded_id: str | None = None  # the live worker already recorded with this NIK (not exclude_id)
    recorded_name: str = ""


def check_form(
    ws: Workspace, values: dict[str, Any], *, exclude_id: str | None = None, today: dt.date | None = None
) -> FormCheck:
    """Validation without saving, for a form that checks as the person types: one reading session
    (the village, the NIK's record, same name and birth date)."""
    with ws.reading() as s:
        v = _village(s)
        result = validate_worker(values, home_regency=v.code[:5], reference=today)
        issues = list(result.issues)
        nik = result.nik_check.nik if result.nik_check else None
        birth = result.data.birth_date if result.data else None
        found, other = _duplicates(s, nik, " ".join(str(values.get("name") or "").split()), birth, exclude_id)
        issues += found
    data = result.data if not any(i.is_error for i in issues) else None
    return FormCheck(
        data,
        issues,
        result.nik_check,
        other.id if other is not None else None,
        other.name if other is not None else "",
    )


# -- single changes -----------------------------------------------------------------------------


def add_worker(ws: Workspace, actor: Actor, values: dict[str, Any], *, today: dt.date | None = None) -> SaveResult:
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        village = _village(s)
        result = validate_worker(values, home_regency=village.code[:5], reference=today)
        issues = list(result.issues)
        if result.data is not None:
            issues += duplicate_issues(s, result.data.nik, result.data.name, result.data.birth_date)
        if result.data is None or any(i.is_error for i in issues):
            raise ValidationError(issues, values)
        w = models.Worker(**asdict(result.data), name_key=name_key(result.data.name), status=statuses.RECORDED)
        s.add(w)
        s.flush()
        uow.audit("worker.add", "worker", w.id, None, _snapshot(w))
        return SaveResult(w.id, tuple(i for i in issues if not i.is_error))


def edit_worker(
    ws: Workspace,
    actor: Actor,
    ref: str,
    changes: dict[str, Any],
    *,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> SaveResult:
    """Applies ``changes`` (field → raw value) on top of the record and validates the whole."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        w = resolve(s, ref)
        if expected_version is not None and w.version != expected_version:
            raise UserError(
                "worker",
                Text(
                    f"sudah diubah orang lain (versi {w.version}); muat ulang lalu ulangi",
                    f"was changed by someone else (version {w.version}); reload and try again",
                ),
                w.name,
            )
        before = _snapshot(w)
        values: dict[str, Any] = {f: getattr(w, f) for f in _FIELDS}
        values["occupation"] = w.occupation_code
        values.update({k: v for k, v in changes.items() if v is not None})
        if "occupation_code" in changes and changes["occupation_code"] is not None:
            values["occupation"] = changes["occupation_code"]
        village = _village(s)
        result = validate_worker(values, home_regency=village.code[:5], reference=today)
        issues = list(result.issues)
        if result.data is not None:
            issues += duplicate_issues(s, result.data.nik, result.data.name, result.data.birth_date, w.id)
        if result.data is None or any(i.is_error for i in issues):
            raise ValidationError(issues, values)
        for k, v in asdict(result.data).items():
            if getattr(w, k) != v:
                setattr(w, k, v)
        w.name_key = name_key(w.name)
        s.flush()
        after = _snapshot(w)
        if after != before:
            uow.audit("worker.edit", "worker", w.id, before, after)
        return SaveResult(w.id, tuple(i for i in issues if not i.is_error))


def delete_worker(ws: Workspace, actor: Actor, ref: str, reason: str = "") -> str:
    """Soft deletion: the record stays for the audit trail and the sync, but leaves every list."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        w = resolve(s, ref)
        nominated = s.execute(
            select(models.Nomination.status).where(
                models.Nomination.worker_id == w.id,
                models.Nomination.deleted_at.is_(None),
                models.Nomination.status.in_(statuses.COVERED),
            )
        ).scalar()
        if nominated is not None:
            raise UserError(
                "worker",
                Text(
                    f"tidak bisa dihapus: nominasinya berstatus {statuses.label(nominated, 'id')}",
                    f"cannot be deleted: its nomination is {statuses.label(nominated, 'en')}",
                ),
                w.name,
            )
        before = _snapshot(w)
        w.deleted_at = models.utcnow()
        for n in s.execute(select(models.Nomination).where(models.Nomination.worker_id == w.id)).scalars():
            n.deleted_at = w.deleted_at
        s.flush()
        uow.audit("worker.delete", "worker", w.id, before, {"deleted": True, "reason": reason.strip()})
        return w.id


# -- reading ------------------------------------------------------------------------------------


def nomination_row(n: models.Nomination, with_events: bool = True) -> NominationRow:
    events: tuple[EventRow, ...] = ()
    if with_events:
        events = tuple(EventRow(e.at, e.from_status, e.to_status, e.username, e.note) for e in n.events)
    return NominationRow(
        id=n.id,
        worker_id=n.worker_id,
        program_id=n.program_id,
        status=n.status,
        months=n.months,
        monthly_contribution=n.monthly_contribution,
        score=n.score,
        rank=n.rank,
        decline_reason=n.decline_reason,
        kpj=n.kpj,
        coverage_start=n.coverage_start,
        coverage_end=n.coverage_end,
        result_reason=n.result_reason,
        export_seq=n.export_seq,
        printed_at=n.printed_at,
        signed_at=n.signed_at,
        signed_scan_sha256=n.signed_scan_sha256,
        version=n.version,
        events=events,
    )


def get_worker(ws: Workspace, ref: str) -> WorkerDetail:
    from .assessment import assessment_row

    with ws.reading() as s:
        w = resolve(s, ref)
        program = active_program(s)
        n = s.execute(
            select(models.Nomination).where(
                models.Nomination.worker_id == w.id, models.Nomination.program_id == program.id
            )
        ).scalar()
        a = s.execute(
            select(models.Assessment).where(
                models.Assessment.worker_id == w.id, models.Assessment.program_id == program.id
            )
        ).scalar()
        return WorkerDetail(
            worker=worker_row(w),
            nomination=nomination_row(n) if n else None,
            assessment=assessment_row(a) if a else None,
        )


# The search itself (plans, thresholds, pages) lives in storage/worker_search.py; callers build
# their queries from here, as before.
WorkerQuery = worker_search.WorkerQuery
#: The first page of everyone, by name (the default query; frozen, so one instance serves all).
_EVERYONE = WorkerQuery()
#: The keys the list can be sorted by.
SORTABLE = tuple(worker_search.SORTABLE)
# A search page builds WorkerRow positionally from storage's row columns: they must agree.
assert tuple(WorkerRow.__dataclass_fields__) == worker_store.ROW_FIELDS, "WorkerRow must follow ROW_FIELDS"


def list_workers(ws: Workspace, q: WorkerQuery = _EVERYONE) -> list[WorkerRow]:
    if q.order_by not in worker_search.SORTABLE:
        raise UserError(
            "worker", Text("tidak bisa diurutkan menurut kolom ini", "cannot sort by this column"), q.order_by
        )
    # A plain driver connection: SQLAlchemy's work around each statement costs as much as a search's SQL.
    with ws.db.plain() as conn:
        return worker_search.page(conn, q, WorkerRow)


def count_workers(ws: Workspace, q: WorkerQuery = _EVERYONE) -> int:
    with ws.db.plain() as conn:
        return worker_search.count(conn, q)


def distinct_values(ws: Workspace, column: str) -> list[str]:
    """The dusun (or category, status) values in use, for filter lists."""
    with ws.reading() as s:
        return worker_store.distinct_values(s, column)


# -- bulk ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class BulkResult:
    added: int = 0
    ids: list[str] = field(default_factory=list)
    rejected: list[tuple[int, Issue]] = field(default_factory=list)  # (row number from 1, first error)
    warnings: int = 0


Progress = Callable[[int, int], None]


def bulk_add_workers(
    ws: Workspace,
    actor: Actor,
    rows: Iterable[dict[str, Any]],
    *,
    all_or_nothing: bool = True,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> BulkResult:
    """Validates every row, then inserts the good ones in one transaction.

    ``all_or_nothing`` (the default, for imports) refuses the whole batch when any row has an
    error, so nothing is half-applied; the result lists every rejected row either way.
    """
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    result = BulkResult()
    rows = list(rows)
    total = len(rows)
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        home = _village(s).code[:5]
        known_nik = worker_store.live_niks(s)
        known_person = worker_store.live_people(s)
        good: list[worker_store.NewWorker] = []
        for i, values in enumerate(rows, start=1):
            v = validate_worker(values, home_regency=home, reference=today)
            err = next((x for x in v.issues if x.is_error), None)
            if err is None and v.data is not None and v.data.nik in known_nik:
                err = Issue(
                    "nik", Text(f"{v.data.nik} sudah tercatat (ganda)", f"{v.data.nik} is already recorded (duplicate)")
                )
            if err is not None or v.data is None:
                result.rejected.append((i, err or Issue("worker", Text("tidak valid", "invalid"))))
                continue
            key = name_key(v.data.name)
            if (key, v.data.birth_date) in known_person:
                result.warnings += 1
            result.warnings += len(v.issues)
            wid = new_id()
            known_nik[v.data.nik] = wid
            known_person.add((key, v.data.birth_date))
            good.append(worker_store.NewWorker(wid, key, v.data))
            if progress is not None and i % 1000 == 0:
                progress(i, total)
        if all_or_nothing and result.rejected:
            return result
        if good:
            worker_store.insert_workers(s, good, status=statuses.RECORDED, actor_id=actor.id)
            result.ids = [w.id for w in good]
            result.added = len(good)
            uow.audit(
                "worker.bulk_add",
                "worker",
                None,
                None,
                {
                    "count": result.added,
                    "first_id": result.ids[0],
                    "last_id": result.ids[-1],
                    "ids_sha256": hashlib.sha256("\n".join(result.ids).encode()).hexdigest(),
                    "rejected": len(result.rejected),
                },
            )
    if progress is not None:
        progress(total, total)
    return result


def live_count(s: Session) -> int:
    return worker_store.live_count(s)

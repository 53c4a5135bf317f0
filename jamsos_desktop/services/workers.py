"""Recording workers: add, edit, delete, look up, search, and bulk add (demo and imports)."""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from ..domain import identity, records, statuses
from ..domain import issues as codes
from ..domain.text import Issue, NotFound, Text, UserError, ValidationError
from ..domain.worker import Validated, WorkerData, clean_text, parse_date, validate_worker
from ..storage import models, worker_search, worker_store
from ..storage import status as status_engine
from ..storage.ids import new_id
from .context import ROLE_ADMIN, ROLE_OPERATOR, Actor, UnitOfWork, Workspace
from .rows import EventRow, NominationRow, WorkerDetail, WorkerRow
from .village import active_program
from .village import current_village as _village  # a public name; the local one keeps the bodies as they were

_FIELDS = tuple(f for f in WorkerData.__dataclass_fields__)
_ID_PREFIX = re.compile(r"^[0-9a-f-]{8,36}$")


# The rows are their records' row fields in order (domain.records, checked by tests/test_records.py),
# so one attrgetter reads a model's values in the row's order: no field list to keep here.
_WORKER_VALUES = operator.attrgetter(*(f.column for f in records.WORKER.row_fields))
_NOMINATION_VALUES = operator.attrgetter(*(f.column for f in records.NOMINATION.row_fields))
_EVENT_VALUES = operator.attrgetter(*(f.column for f in records.NOMINATION_EVENT.row_fields))


def worker_row(w: models.Worker) -> WorkerRow:
    return WorkerRow(*_WORKER_VALUES(w))


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
    # What the save did besides saving, for the person to read (a nomination sent back for a
    # new decision).
    notices: tuple[Text, ...] = ()


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
                    codes.NIK_DUPLICATE,
                    "nik",
                    Text(
                        f"sudah tercatat atas nama {other.name} (ID {short_id(other.id)})",
                        f"already recorded as {other.name} (id {short_id(other.id)})",
                    ),
                    nik,
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
        issues += [_same_person(name, t.nik, t.id) for t in twins]
    return issues, other


def _same_person(name: str, other_nik: str, other_id: str) -> Issue:
    masked, short = identity.mask_nik(other_nik), short_id(other_id)
    return Issue(
        codes.NAME_SAME_PERSON,
        "name",
        Text(
            f"nama dan tanggal lahir sama dengan pekerja lain (NIK {masked}, ID {short}); pastikan bukan orang yang sama",
            f"same name and birth date as another worker (NIK {masked}, id {short}); make sure it is not the same person",
        ),
        name,
    )


@dataclass(frozen=True, slots=True)
class FormCheck:
    """What one check of a form's values found, so that the form looks nothing up again."""

    data: WorkerData | None  # the normalized record, when no issue is an error
    issues: list[Issue]
    nik: identity.NikCheck | None  # None while the NIK is blank
    recorded_id: str | None = None  # the live worker already recorded with this NIK (not exclude_id)
    recorded_name: str = ""
    #: Where that worker lives (hamlet, RT, RW): the form names the person, not an internal id.
    recorded_place: tuple[str, str, str] = ("", "", "")


def check_form(
    ws: Workspace, values: dict[str, Any], *, exclude_id: str | None = None, today: dt.date | None = None
) -> FormCheck:
    """Validation without saving, for a form that checks as the person types: one reading session
    (the village, the NIK's record, same name and birth date)."""
    with ws.reading() as s:
        v = _village(s)
        result = validate_worker(values, home_regency=v.code[:5], reference=today)
        issues, other = _record_issues(s, result, values, exclude_id)
    data = result.data if not any(i.is_error for i in issues) else None
    return FormCheck(
        data,
        issues,
        result.nik_check,
        other.id if other is not None else None,
        other.name if other is not None else "",
        (other.dusun, other.rt, other.rw) if other is not None else ("", "", ""),
    )


def _record_issues(
    s: Session, result: Validated, values: dict[str, Any], exclude_id: str | None
) -> tuple[list[Issue], models.Worker | None]:
    """Every issue of a record: its own, then those against the workers recorded (the NIK, the
    same person), looked up even when the record has other errors, so one check says it all."""
    nik = result.nik_check.nik if result.nik_check else None
    found, other = _duplicates(s, nik, *_name_and_birth(result, values), exclude_id)
    return [*result.issues, *found], other


def _name_and_birth(result: Validated, values: dict[str, Any]) -> tuple[str, dt.date | None]:
    """The name and birth date to look for the same person by, also when the record has errors."""
    if result.data is not None:
        return result.data.name, result.data.birth_date
    birth_wrong = any(i.field == "birth_date" for i in result.issues)
    return clean_text(values.get("name")), None if birth_wrong else parse_date(values.get("birth_date") or "")


# -- single changes -----------------------------------------------------------------------------


def add_worker(ws: Workspace, actor: Actor, values: dict[str, Any], *, today: dt.date | None = None) -> SaveResult:
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        village = _village(s)
        result = validate_worker(values, home_regency=village.code[:5], reference=today)
        issues, _ = _record_issues(s, result, values, None)
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
        issues, _ = _record_issues(s, result, values, w.id)
        if result.data is None or any(i.is_error for i in issues):
            raise ValidationError(issues, values)
        new_values = asdict(result.data)
        decided = [f for f in records.WORKER.decision_fields if getattr(w, f.column) != new_values[f.column]]
        n = decided_nomination(s, w.id) if decided else None
        if n is not None and n.status in statuses.SENT:
            raise UserError(
                "worker",
                Text(
                    f"{_field_list(decided, 'id')} tidak bisa diubah di desa: usulannya sudah "
                    f"{statuses.label(n.status, 'id')}; kabupaten yang memperbaikinya bersama BPJS",
                    f"{_field_list(decided, 'en')} cannot be changed in the village: the nomination is already "
                    f"{statuses.label(n.status, 'en')}; the district corrects it with BPJS",
                ),
                w.name,
            )
        for k, v in new_values.items():
            if getattr(w, k) != v:
                setattr(w, k, v)
        w.name_key = name_key(w.name)
        s.flush()
        after = _snapshot(w)
        if after != before:
            uow.audit("worker.edit", "worker", w.id, before, after)
        notices: tuple[Text, ...] = ()
        if n is not None and n.status in statuses.REOPENED_BY_CHANGE:
            notices = (reopen_decision(uow, n, w, decided, village),)
        return SaveResult(w.id, tuple(i for i in issues if not i.is_error), notices)


def decided_nomination(s: Session, worker_id: str) -> models.Nomination | None:
    """The worker's nomination in the active program when the head has decided it or later."""
    program = active_program(s)
    n = s.execute(
        select(models.Nomination).where(
            models.Nomination.worker_id == worker_id,
            models.Nomination.program_id == program.id,
            models.Nomination.deleted_at.is_(None),
        )
    ).scalar()
    return n if n is not None and n.status in statuses.REOPENED_BY_CHANGE | statuses.SENT else None


def _field_list(fields: list[records.Field], lang: str) -> str:
    return ", ".join(f.label.get(lang) for f in fields)


def reopen_decision(
    uow: UnitOfWork, n: models.Nomination, w: models.Worker, changed: list[records.Field], village: models.Village
) -> Text:
    """Sends an approved (printed, signed) nomination back to proposed: the head approved other
    data. The decision, print and signature go with it (the paper no longer matches the record);
    the contribution follows the income as a new proposal's would."""
    from ..domain.village_words import words_for
    from .village import program_row

    head = words_for(village.code, village.kind, village.head_title, village.name).head_title
    was = n.status
    program = program_row(active_program(uow.session))
    status_engine.move_one(
        uow.session,
        uow.actor,
        n,
        statuses.PROPOSED,
        f"data diubah setelah disetujui: {_field_list(changed, 'id')}",
        audit=uow.audit,
        decided_by=None,
        decided_at=None,
        printed_at=None,
        signed_at=None,
        signed_scan_sha256=None,
        monthly_contribution=program.contribution_for(w.income).monthly,
    )
    return Text(
        f"{_field_list(changed, 'id')} berubah setelah usulan {statuses.label(was, 'id')}: usulan {w.name} kembali "
        f"menjadi Diusulkan dan perlu keputusan {head} lagi; formulir yang sudah dicetak tidak berlaku",
        f"{_field_list(changed, 'en')} changed after the nomination was {statuses.label(was, 'en').lower()}: "
        f"{w.name}'s nomination is Proposed again and needs the {head}'s decision again; forms already printed "
        "no longer hold",
    )


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
        events = tuple(EventRow(*_EVENT_VALUES(e)) for e in n.events)
    return NominationRow(*(*_NOMINATION_VALUES(n), events))


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


@dataclass(frozen=True, slots=True)
class RowIssues:
    """Every issue of one row of a bulk add; ``row`` counts the rows given, from 1."""

    row: int
    issues: tuple[Issue, ...]

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.is_error)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.is_error)


@dataclass(slots=True)
class BulkResult:
    added: int = 0
    ids: list[str] = field(default_factory=list)
    rows: list[RowIssues] = field(default_factory=list)  # every row with an issue, in order

    @property
    def rejected(self) -> list[tuple[int, Issue]]:
        """Each refused row with its first error (every error is in ``rows``)."""
        return [(r.row, errors[0]) for r in self.rows if (errors := r.errors)]

    @property
    def warnings(self) -> int:
        """How many warnings the rows without errors carry."""
        return sum(len(r.issues) for r in self.rows if not r.errors)

    def report(self, lang: str | None = None) -> list[dict[str, object]]:
        """One entry per issue of every row (row, code, severity, field, value, message): what an
        import report writes."""
        return [{"row": r.row, **i.to_dict(lang)} for r in self.rows for i in r.issues]


Progress = Callable[[int, int], None]


def _duplicate_nik(nik: str, given: object) -> Issue:
    return Issue(
        codes.NIK_DUPLICATE,
        "nik",
        Text(f"{nik} sudah tercatat (ganda)", f"{nik} is already recorded (duplicate)"),
        given,
    )


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
    error, so nothing is half-applied. Either way the result holds every issue of every row
    (``rows``, ``report()``): all of a row's errors and warnings, not only its first.
    """
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    result = BulkResult()
    rows = list(rows)
    total = len(rows)
    # Validating 150,000 rows takes longer than another writer waits for the lock: it runs on a
    # snapshot, outside the write transaction, and only what others wrote since is checked again
    # under the lock, just before the insert.
    with ws.reading() as s:
        home = _village(s).code[:5]
        known_nik = worker_store.live_niks(s)
        known_person = worker_store.live_people(s)  # (name_key, birth) -> (nik, id)
    seen_nik = set(known_nik)
    good: list[worker_store.NewWorker] = []
    good_rows: list[int] = []
    for i, values in enumerate(rows, start=1):
        v = validate_worker(values, home_regency=home, reference=today)
        found = v.issues
        nik = v.nik_check.nik if v.nik_check is not None else None
        if nik is not None and nik in known_nik:
            found = [*found, _duplicate_nik(nik, values.get("nik"))]
        name, birth = _name_and_birth(v, values)
        key = name_key(name)
        twin = known_person.get((key, birth)) if birth is not None else None
        if twin is not None and twin[0] != nik:
            found = [*found, _same_person(name, *twin)]
        if v.data is None or any(x.is_error for x in found):
            if not any(x.is_error for x in found):  # never so today; a row is never refused unexplained
                found = [*found, Issue(codes.RECORD_INVALID, "worker", Text("tidak valid", "invalid"))]
            result.rows.append(RowIssues(i, tuple(found)))
            continue
        if found:
            result.rows.append(RowIssues(i, tuple(found)))
        wid = new_id()
        known_nik[v.data.nik] = wid
        known_person.setdefault((key, v.data.birth_date), (v.data.nik, wid))
        good.append(worker_store.NewWorker(wid, key, v.data))
        good_rows.append(i)
        if progress is not None and i % 1000 == 0:
            progress(i, total)
    if all_or_nothing and result.rejected:
        return result
    if not good:
        return result
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        now_nik = worker_store.live_niks(s)
        if len(now_nik) != len(seen_nik) or now_nik.keys() != seen_nik:
            now_people = worker_store.live_people(s)
            clashes: dict[int, Issue] = {}
            for row, w in zip(good_rows, good, strict=True):
                if w.data.nik in now_nik and w.data.nik not in seen_nik:
                    clashes[row] = _duplicate_nik(w.data.nik, w.data.nik)
                elif (other := now_people.get((w.name_key, w.data.birth_date))) is not None and other[0] != w.data.nik:
                    clashes[row] = _same_person(w.data.name, *other)
            if clashes:
                result.rows = sorted(
                    [r for r in result.rows if r.row not in clashes]
                    + [RowIssues(row, (issue,)) for row, issue in clashes.items()],
                    key=lambda r: r.row,
                )
                if all_or_nothing:
                    return result
                keep = [k for k, row in enumerate(good_rows) if row not in clashes]
                good = [good[k] for k in keep]
                if not good:
                    return result
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


# -- the form's save ----------------------------------------------------------------------------


def save_worker(
    ws: Workspace,
    actor: Actor,
    values: dict[str, Any],
    *,
    worker_id: str | None = None,
    expected_version: int | None = None,
    draft_kind: str | None = None,
    draft_id: str | None = None,
    today: dt.date | None = None,
) -> SaveResult:
    """The worker form's save: adds the worker (``worker_id`` None) or edits it, and drops the
    person's draft of that form (only ``draft_id`` when given), in one transaction. Refused or
    failed, nothing is written and the draft stays."""
    from . import drafts

    with ws.unit_of_work(actor) as uow:
        if worker_id is None:
            result = add_worker(ws, actor, values, today=today)
        else:
            result = edit_worker(ws, actor, worker_id, values, expected_version=expected_version, today=today)
        drafts.discard_in(uow.session, actor, draft_kind or drafts.WORKER, worker_id, draft_id)
        return result

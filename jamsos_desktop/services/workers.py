"""Recording workers: add, edit, delete, look up, search, and bulk add (demo and imports)."""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, text, true
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..domain import identity, records, statuses
from ..domain import issues as codes
from ..domain.text import Issue, NotFound, Text, UserError, ValidationError
from ..domain.worker import Validated, WorkerData, clean_text, parse_date, validate_worker
from ..storage import models
from ..storage.changes import reserve_change_seqs
from ..storage.ids import new_id
from .context import ROLE_ADMIN, ROLE_OPERATOR, Actor, Workspace
from .rows import EventRow, NominationRow, WorkerDetail, WorkerRow
from .village import _village, active_program

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
    return " ".join(_search_terms(name))


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


@dataclass(frozen=True, slots=True)
class WorkerQuery:
    search: str = ""
    status: str | None = None
    category: str | None = None
    dusun: str | None = None
    order_by: str = "name"
    descending: bool = False
    offset: int = 0
    limit: int | None = 100


SORTABLE = {
    "name": "w.name_key",
    "nik": "w.nik",
    "kk": "w.kk",
    "birth_date": "w.birth_date",
    "sex": "w.sex",
    "dusun": "w.dusun",
    "rt": "w.rt",
    "rw": "w.rw",
    "occupation": "w.occupation_code",
    "category": "w.category",
    "income": "w.income",
    "status": "w.status",
    "created_at": "w.created_at",
    "updated_at": "w.updated_at",
}
# Sort columns with an index of their own: a broad search walks that index in order and stops
# after one page, instead of sorting tens of thousands of matches.
_ORDER_INDEX = {
    "name": "ix_workers_name_live",
    "kk": "ix_workers_kk_live",
    "dusun": "ix_workers_dusun",
    "category": "ix_workers_category",
    "status": "ix_workers_status_live",
}
#: A search matching at least this many records counts as broad (probed with a bounded count).
#: Measured on 100,000 demo workers: joining and sorting 4,000 matches takes ~8 ms and 8,700
#: matches ~20 ms, while walking the name index to matches that all sort late (first names
#: starting "Wa", 4,200 matches) takes ~30-50 ms. 6,000 gave the lowest worst case (17 ms).
BROAD = 6000
#: The same for NIK/KK prefixes, whose narrow plan (two index ranges) is cheap to probe and sort.
BROAD_NUMBER = 2000
_NUMBER = re.compile(r"^[\d\s.\-]+$")


@dataclass(frozen=True, slots=True)
class _Plan:
    source: str
    where: str
    params: dict[str, Any]


def _digits_range(digits: str) -> tuple[str, str]:
    """'320405' → ('320405', '320406'): every string with that prefix sorts in between."""
    return digits, digits[:-1] + chr(ord(digits[-1]) + 1)


def query_plan(s: Reader | None, q: WorkerQuery, *, for_count: bool = False) -> _Plan:
    """The SQL for a query. With a session, a broad search is planned for what it is.

    For a page, a broad search walks the sort column's index and stops after the page; for a
    count, a broad number search scans the table once (cheaper than collecting 100,000 row ids).
    A single letter lists the names that start with it, straight from the name index.
    """
    clauses = ["w.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    for f in ("status", "category", "dusun"):
        v = getattr(q, f)
        if v:
            clauses.append(f"w.{f} = :{f}")
            params[f] = v
    source = "workers AS w"
    search = q.search.strip()
    order_index = None if for_count else _ORDER_INDEX.get(q.order_by)
    letter = _fold(search) if len(search) == 1 else ""  # "É" lists names starting "e", as name_key has them
    if len(letter) == 1 and letter.isalpha():
        params |= {"lo": letter, "hi": chr(ord(letter) + 1)}
        clauses.append("w.name_key >= :lo AND w.name_key < :hi")
    elif search and _NUMBER.match(search) and any(c.isdigit() for c in search):
        lo, hi = _digits_range(identity.normalize_number(search))
        params |= {"lo": lo, "hi": hi}
        by_nik = "SELECT rowid FROM workers WHERE nik >= :lo AND nik < :hi AND deleted_at IS NULL"
        if s is not None and (order_index or for_count) and _is_broad(s, by_nik, params, BROAD_NUMBER):
            # Most records match (a region prefix): test each row while walking the order index
            # (a page) or the table (a count); the unary + keeps SQLite off the nik/kk indexes.
            # A count reads the covering (kk, nik) index of living records instead of the table.
            source = f"workers AS w INDEXED BY {order_index or 'ix_workers_kk_live'}"
            clauses.append("((+w.nik >= :lo AND +w.nik < :hi) OR (+w.kk >= :lo AND +w.kk < :hi))")
        else:
            # Few match: two index ranges (SQLite will not combine an OR of ranges on its own).
            clauses.append(
                f"w.rowid IN ({by_nik} UNION ALL SELECT rowid FROM workers WHERE kk >= :lo AND kk < :hi AND deleted_at IS NULL)"
            )
    elif search and (terms := _search_terms(search)):
        # Each word must match the start of a word of the name, NIK, KK or dusun. Dusun are
        # few and shared by thousands: a word naming one ("suka" → Sukamaju, Sukasari) is
        # matched against the dusun list here and becomes ``w.dusun IN (...)``; asking the
        # full-text index for it would collect every resident's row (15 ms per dusun).
        dusun_words = {d: _search_terms(d) for d in _dusun_names(s)} if s is not None else {}
        plain: list[str] = []
        for n, term in enumerate(terms):
            named = [d for d, words in dusun_words.items() if any(w.startswith(term) for w in words)]
            if len(term) == 1:
                # One letter beside other words ("budi s"): an initial. The index would list
                # every word starting with it, so each candidate row is tested instead.
                params[f"one{n}"] = term if term.isdigit() else f"% {term}%"
                if term.isdigit():
                    tests = [f"substr(w.nik, 1, 1) = :one{n}", f"substr(w.kk, 1, 1) = :one{n}"]
                else:
                    tests = [f"(' ' || w.name_key) LIKE :one{n}"]
            elif named and order_index and term.isalpha():
                # A page walks the order index through dense matches: testing each row's name
                # words (name_key holds them exactly as the index's tokenizer splits and folds
                # them) beats collecting every name with a word starting so ("su": 15,000 rows).
                # A count keeps the index (below): it must visit every row either way.
                params[f"word{n}"] = f"% {term}%"
                tests = [f"(' ' || w.name_key) LIKE :word{n}"]
            elif named:
                params[f"word{n}"] = f'{{name nik kk}} : "{term}"*'
                tests = [f"w.rowid IN (SELECT rowid FROM workers_fts WHERE workers_fts MATCH :word{n})"]
            else:
                plain.append(term)
                continue
            if named:
                marks = ", ".join(f":dusun{n}_{i}" for i in range(len(named)))
                params |= {f"dusun{n}_{i}": d for i, d in enumerate(named)}
                tests.append(f"w.dusun IN ({marks})")
            clauses.append("(" + " OR ".join(tests) + ")")
        if plain:
            params["match"] = "{name nik kk} : (" + " AND ".join(f'"{t}"*' for t in plain) + ")"
            broad = (
                order_index
                and s is not None
                and _is_broad(s, "SELECT 1 FROM workers_fts WHERE workers_fts MATCH :match", params)
            )
            if broad:
                source = f"workers AS w INDEXED BY {order_index}"
                clauses.append("w.rowid IN (SELECT rowid FROM workers_fts WHERE workers_fts MATCH :match)")
            else:
                source = "workers_fts JOIN workers AS w ON w.rowid = workers_fts.rowid"
                clauses.append("workers_fts MATCH :match")
        elif order_index:
            # Only dusun words and initials: matches are dense, so walk the order and stop early.
            source = f"workers AS w INDEXED BY {order_index}"
    return _Plan(source, " AND ".join(clauses), params)


def _fold(text: str) -> str:
    """Lower case without diacritics, as the full-text index's tokenizer (unicode61,
    remove_diacritics 2) sees it. NFD, not NFKD: the tokenizer keeps compatibility forms
    ('ﬁ', '²', full-width letters) as they are (tests/services/test_name_words.py)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[^\W_]+")


def _search_terms(search: str) -> list[str]:
    """The words of a search as the index has them: 'Ma'ruf  Siti' → ['ma', 'ruf', 'siti']."""
    return _WORD.findall(_fold(search))


#: Where a search plan reads: a session, a connection, or plain sqlite3 (``Database.plain``).
Reader = Session | Connection | sqlite3.Connection


def _fetch(s: Reader, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
    if isinstance(s, sqlite3.Connection):
        return s.execute(sql, params or {}).fetchall()
    return list(s.execute(text(sql), params or {}).all())


def _dusun_names(s: Reader) -> list[str]:
    """The dusun in use, by hopping along their index (one seek per dusun, not a scan)."""
    sql = (
        "WITH RECURSIVE d(v) AS (SELECT min(dusun) FROM workers "
        "UNION ALL SELECT (SELECT min(dusun) FROM workers WHERE dusun > d.v) FROM d WHERE d.v IS NOT NULL) "
        "SELECT v FROM d WHERE v IS NOT NULL"
    )
    return [str(r[0]) for r in _fetch(s, sql)]


def _is_broad(s: Reader, inner: str, params: dict[str, Any], limit: int = BROAD) -> bool:
    n = _fetch(s, f"SELECT count(*) FROM ({inner} LIMIT {limit})", params)[0][0]
    return bool(n >= limit)


ROW_COLUMNS = ", ".join(
    f"w.{c}"
    for c in (
        "id",
        "nik",
        "kk",
        "name",
        "birth_place",
        "birth_date",
        "sex",
        "address",
        "dusun",
        "rt",
        "rw",
        "phone",
        "occupation_code",
        "category",
        "income",
        "heir_name",
        "heir_relation",
        "heir_phone",
        "dtks",
        "bpjs_active",
        "kpj",
        "resident",
        "notes",
        "status",
        "version",
        "created_at",
        "updated_at",
    )
)


def _parse_dt(v: Any) -> dt.datetime:
    return v if isinstance(v, dt.datetime) else dt.datetime.fromisoformat(v)


_ROW_NAMES = tuple(c.removeprefix("w.") for c in ROW_COLUMNS.split(", "))
# row_from_select builds WorkerRow positionally (a search page maps 50-100 rows per keystroke).
assert tuple(WorkerRow.__dataclass_fields__) == _ROW_NAMES, "ROW_COLUMNS must follow WorkerRow's fields"
_DATE, _BOOLS, _TIMES = _ROW_NAMES.index("birth_date"), (18, 19, 21), (25, 26)
assert all(_ROW_NAMES[i] in {"dtks", "bpjs_active", "resident"} for i in _BOOLS)
assert all(_ROW_NAMES[i] in {"created_at", "updated_at"} for i in _TIMES)


def row_from_select(r: Any) -> WorkerRow:
    """A WorkerRow from a SELECT of ROW_COLUMNS."""
    v = list(r)
    if not isinstance(v[_DATE], dt.date):
        v[_DATE] = dt.date.fromisoformat(v[_DATE])
    for i in _BOOLS:
        v[i] = bool(v[i])
    for i in _TIMES:
        v[i] = _parse_dt(v[i])
    return WorkerRow(*v)


def list_workers(ws: Workspace, q: WorkerQuery = WorkerQuery()) -> list[WorkerRow]:
    order = SORTABLE.get(q.order_by)
    if order is None:
        raise UserError(
            "worker", Text("tidak bisa diurutkan menurut kolom ini", "cannot sort by this column"), q.order_by
        )
    direction = "DESC" if q.descending else "ASC"
    # Plain sqlite3: SQLAlchemy's work around each statement costs as much as a search's SQL.
    with ws.db.plain() as s:
        plan = query_plan(s, q)
        ordered = f"ORDER BY {order} {direction}, w.id {direction}"
        sql = f"SELECT {ROW_COLUMNS} FROM {plan.source} WHERE {plan.where} {ordered}"
        params = dict(plan.params)
        if q.limit is not None:
            # Order and cut the row numbers first, then read the page's rows: sorting 1,500
            # matches carries two sort keys each instead of every column.
            page = f"SELECT w.rowid AS r FROM {plan.source} WHERE {plan.where} {ordered} LIMIT :limit OFFSET :offset"
            sql = f"SELECT {ROW_COLUMNS} FROM ({page}) AS p JOIN workers AS w ON w.rowid = p.r {ordered}"
            params |= {"limit": q.limit, "offset": q.offset}
        return [row_from_select(r) for r in s.execute(sql, params).fetchall()]


def count_workers(ws: Workspace, q: WorkerQuery = WorkerQuery()) -> int:
    with ws.db.plain() as s:
        plan = query_plan(s, q, for_count=True)
        return int(s.execute(f"SELECT count(*) FROM {plan.source} WHERE {plan.where}", plan.params).fetchone()[0])


def distinct_values(ws: Workspace, column: str) -> list[str]:
    """The dusun (or category, status) values in use, for filter lists."""
    if column not in {"dusun", "category", "status"}:
        raise ValueError(column)
    col = getattr(models.Worker, column)
    with ws.reading() as s:
        return [
            r
            for (r,) in s.execute(select(col).where(models.Worker.deleted_at.is_(None)).distinct().order_by(col)).all()
        ]


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


_BULK_COLUMNS = (
    *_FIELDS,
    "id",
    "name_key",
    "status",
    "created_at",
    "updated_at",
    "version",
    "created_by",
    "updated_by",
    "change_seq",
)
_FIELD_VALUES = operator.attrgetter(*_FIELDS)
_DATE_AT = _FIELDS.index("birth_date")
_BOOLS_AT = tuple(_FIELDS.index(f) for f in ("dtks", "bpjs_active", "resident"))


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
    # Stored the way SQLAlchemy stores DateTime on SQLite, so the ORM reads these rows back.
    now = models.utcnow().isoformat(sep=" ", timespec="microseconds")
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        home = _village(s).code[:5]
        live = models.Worker.deleted_at.is_(None)
        known_nik: dict[str, str] = {}
        known_person: dict[tuple[str, dt.date], tuple[str, str]] = {}  # (name_key, birth) -> (nik, id)
        recorded = select(models.Worker.nik, models.Worker.id, models.Worker.name_key, models.Worker.birth_date)
        for known, wid, key, born in s.execute(recorded.where(live)):
            known_nik[known] = wid
            known_person[(key, born)] = (known, wid)
        good: list[tuple[Any, ...]] = []
        tail = (statuses.RECORDED, now, now, 1, actor.id, actor.id)
        for i, values in enumerate(rows, start=1):
            v = validate_worker(values, home_regency=home, reference=today)
            found = v.issues
            nik = v.nik_check.nik if v.nik_check is not None else None
            if nik is not None and nik in known_nik:
                found = [
                    *found,
                    Issue(
                        codes.NIK_DUPLICATE,
                        "nik",
                        Text(f"{nik} sudah tercatat (ganda)", f"{nik} is already recorded (duplicate)"),
                        values.get("nik"),
                    ),
                ]
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
            fields = list(_FIELD_VALUES(v.data))
            fields[_DATE_AT] = v.data.birth_date.isoformat()
            for at in _BOOLS_AT:
                fields[at] = int(fields[at])
            good.append((*fields, wid, key, *tail))
            if progress is not None and i % 1000 == 0:
                progress(i, total)
        if all_or_nothing and result.rejected:
            return result
        if good:
            first = reserve_change_seqs(s, len(good))
            _insert_many(s, [(*r, first + n) for n, r in enumerate(good)])
            id_at = _BULK_COLUMNS.index("id")
            result.ids = [r[id_at] for r in good]
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


def _insert_many(s: Session, rows: list[tuple[Any, ...]]) -> None:
    """One executemany of ``_BULK_COLUMNS`` tuples on the session's own connection and transaction.

    The values are already in stored form (ISO dates, 0/1 booleans), which skips SQLAlchemy's
    per-row bind processing: at 100,000 rows that is most of the difference to a hand-written
    import.
    """
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        conn.execute(insert(models.Worker), [dict(zip(_BULK_COLUMNS, r, strict=True)) for r in rows])
        return
    sql = f"INSERT INTO workers ({', '.join(_BULK_COLUMNS)}) VALUES ({', '.join('?' for _ in _BULK_COLUMNS)})"
    conn.exec_driver_sql(sql, rows)


def live_count(s: Session) -> int:
    return int(
        s.execute(
            select(func.count()).select_from(models.Worker).where(models.Worker.deleted_at.is_(None))
        ).scalar_one()
    )


# -- the form's save ----------------------------------------------------------------------------


def save_worker(
    ws: Workspace,
    actor: Actor,
    values: dict[str, Any],
    *,
    worker_id: str | None = None,
    expected_version: int | None = None,
    draft_kind: str | None = None,
    today: dt.date | None = None,
) -> SaveResult:
    """The worker form's save: adds the worker (``worker_id`` None) or edits it, and drops the
    person's draft of that form, in one transaction. Refused or failed, nothing is written and
    the draft stays."""
    from . import drafts

    with ws.unit_of_work(actor) as uow:
        if worker_id is None:
            result = add_worker(ws, actor, values, today=today)
        else:
            result = edit_worker(ws, actor, worker_id, values, expected_version=expected_version, today=today)
        drafts.discard_in(uow.session, actor, draft_kind or drafts.WORKER, worker_id)
        return result

"""The statements behind duplicates, the BPJS sheet, its results, return files and reports.

Portable SQLAlchemy Core over the hub's tables, the same on SQLite and PostgreSQL: the queries
are set-based joins on the indexes of h0001 (``ix_workers_nik``, ``ix_nominations_worker``), and
the per-row work (name scores, spreadsheet cells) happens above, in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import String, Table, and_, delete, exists, func, insert, or_, select, update
from sqlalchemy import cast as cast_
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from ...domain import statuses
from . import models
from .outcome_models import OPEN, HubDuplicate, HubResult, HubReturn

w, n, v, p = models.workers, models.nominations, models.villages, models.programs
f = cast(Table, models.HubFile.__table__)
d = cast(Table, HubDuplicate.__table__)
r = cast(Table, HubResult.__table__)

#: A nomination the district counts as "nominated": it holds a place in a village's quota.
NOMINATED = tuple(sorted(statuses.COUNTS_IN_QUOTA))
_CHUNK = 900  # parameters per IN list, below SQLite's limit with room to spare


def _live_nomination(*where: Any) -> Any:
    return exists().where(
        n.c.village_code == w.c.village_code,
        n.c.worker_id == w.c.id,
        n.c.deleted_at.is_(None),
        *where,
    )


# -- duplicates -----------------------------------------------------------------------------------


def nominated_people(s: Session) -> list[tuple[Any, ...]]:
    """Every live worker with a nomination in a quota, ordered by (birth date, sex): the blocks of
    the name rule come out of the database one after the other. Plain tuples of
    (village_code, id, nik, kk, name_key, birth date as ISO text, sex), no NULLs."""
    # The birth date as its ISO text: the rules only compare it, and a date object per row would
    # cost more than the query. The rows are fetched by the driver's own cursor (the statement is
    # compiled here, its only parameters the status constants): at 200,000 rows, building a
    # SQLAlchemy Row for each took as long as the database's work.
    stmt = (
        select(
            w.c.village_code,
            w.c.id,
            func.coalesce(w.c.nik, ""),
            func.coalesce(w.c.kk, ""),
            func.coalesce(w.c.name_key, ""),
            cast_(w.c.birth_date, String),
            func.coalesce(w.c.sex, ""),
        )
        .where(w.c.deleted_at.is_(None), _live_nomination(n.c.status.in_(NOMINATED)))
        .order_by(w.c.birth_date, w.c.sex, w.c.village_code, w.c.id)
    )
    conn = s.connection()
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    raw: Any = conn.connection.driver_connection
    cur = raw.cursor()
    try:
        cur.execute(sql)
        rows: list[tuple[Any, ...]] = cur.fetchall()
    finally:
        cur.close()
    return rows


PairKey = tuple[str, str, str, str]


def candidate_pairs(s: Session) -> dict[PairKey, tuple[int, str, str, int]]:
    """(village_a, worker_a, village_b, worker_b) -> (id, status, rule, score) of every stored candidate."""
    rows = s.execute(
        select(d.c.village_a, d.c.worker_a, d.c.village_b, d.c.worker_b, d.c.id, d.c.status, d.c.rule, d.c.score)
    )
    return {(a, b, c, e): (i, st, ru, sc) for a, b, c, e, i, st, ru, sc in rows}


def save_candidates(
    s: Session,
    new: Sequence[dict[str, Any]],
    changed: Sequence[dict[str, Any]],
    gone: Sequence[int],
) -> None:
    """Inserts the new candidates, rescores the open ones found again, drops the open ones no longer found."""
    if new:
        s.execute(insert(d), list(new))
    if changed:
        for row in changed:
            s.execute(update(d).where(d.c.id == row["id"]).values(rule=row["rule"], score=row["score"]))
    for i in range(0, len(gone), _CHUNK):
        s.execute(delete(d).where(d.c.id.in_(gone[i : i + _CHUNK]), d.c.status == OPEN))


def candidates(s: Session, status: str | None = None) -> Sequence[Any]:
    """Stored candidates with both people's names and villages, strongest first."""
    wa, wb = w.alias("wa"), w.alias("wb")
    va, vb = v.alias("va"), v.alias("vb")
    stmt = (
        select(
            d,
            wa.c.name.label("name_a"),
            wa.c.birth_date.label("birth_a"),
            wa.c.kk.label("kk_a"),
            va.c.name.label("village_name_a"),
            wb.c.name.label("name_b"),
            wb.c.birth_date.label("birth_b"),
            wb.c.kk.label("kk_b"),
            vb.c.name.label("village_name_b"),
        )
        .outerjoin(wa, and_(wa.c.village_code == d.c.village_a, wa.c.id == d.c.worker_a))
        .outerjoin(wb, and_(wb.c.village_code == d.c.village_b, wb.c.id == d.c.worker_b))
        .outerjoin(va, and_(va.c.code == d.c.village_a, va.c.deleted_at.is_(None)))
        .outerjoin(vb, and_(vb.c.code == d.c.village_b, vb.c.deleted_at.is_(None)))
        .order_by(d.c.id)
    )
    if status:
        stmt = stmt.where(d.c.status == status)
    return s.execute(stmt).all()


def live_nominations_of(s: Session, village_code: str, worker_id: str) -> Sequence[Any]:
    """A worker's live nominations in a quota: (id, status)."""
    stmt = select(n.c.id, n.c.status).where(
        n.c.village_code == village_code,
        n.c.worker_id == worker_id,
        n.c.deleted_at.is_(None),
        n.c.status.in_(NOMINATED),
    )
    return s.execute(stmt).all()


def worker_facts(s: Session, village_code: str, worker_id: str) -> RowMapping | None:
    """What a clerk compares of one worker of a village (a duplicate candidate's side)."""
    stmt = select(
        w.c.nik,
        w.c.kk,
        w.c.name,
        w.c.birth_place,
        w.c.birth_date,
        w.c.sex,
        w.c.address,
        w.c.dusun,
        w.c.rt,
        w.c.rw,
        w.c.occupation_code,
        w.c.heir_name,
        w.c.heir_relation,
    ).where(w.c.village_code == village_code, w.c.id == worker_id)
    return s.execute(stmt).mappings().first()


def registered_kpj(s: Session, village_code: str, worker_id: str) -> str | None:
    """The KPJ BPJS registered a worker of a village under (from the branch's answer), else None."""
    stmt = select(r.c.kpj).where(
        r.c.village_code == village_code, r.c.worker_id == worker_id, r.c.outcome == statuses.REGISTERED
    )
    return s.execute(stmt.limit(1)).scalar()


# -- results --------------------------------------------------------------------------------------


def put_results(s: Session, rows: Iterable[dict[str, Any]]) -> int:
    """Writes answers (keyed by village_code + nomination_id), replacing an earlier answer; an
    answer changed is one the next return file carries again (``returned_seq`` cleared)."""
    count = 0
    for row in rows:
        key = (row["village_code"], row["nomination_id"])
        have = s.get(HubResult, key)
        values = {k: v for k, v in row.items() if k not in ("village_code", "nomination_id")}
        if have is None:
            s.add(HubResult(village_code=key[0], nomination_id=key[1], **{"returned_seq": None, **values}))
        else:
            for k, val in values.items():
                setattr(have, k, val)
            if "outcome" in values:
                have.returned_seq = None
        count += 1
    s.flush()
    return count


def withdraw_duplicate_answers(s: Session, candidate_id: int) -> tuple[int, int]:
    """Takes back the *duplicate* answers a decision on candidate ``candidate_id`` wrote (a later
    decision replaces it): an answer that only that decision made goes; one whose nomination was
    also written into a BPJS sheet keeps that mark, without an outcome. Returns (answers taken
    back, of them already carried to the village by a return file). Answers of other sources
    (the branch's results) are left alone."""
    taken = returned = 0
    rows = s.execute(
        select(HubResult).where(HubResult.source == f"duplicate:{candidate_id}", HubResult.outcome == "duplicate")
    ).scalars()
    for row in list(rows):
        taken += 1
        returned += row.returned_seq is not None
        if row.bpjs_sheet_at is None:
            s.delete(row)
        else:
            row.outcome, row.reason, row.source, row.returned_seq = None, "", "", None
    s.flush()
    return taken, returned


def mark_sheeted(s: Session, keys: Sequence[tuple[str, str, str]], at: dt.datetime) -> None:
    """(village_code, nomination_id, worker_id) written into a BPJS sheet at ``at``."""
    for vc, nid, wid in keys:
        have = s.get(HubResult, (vc, nid))
        if have is None:
            s.add(HubResult(village_code=vc, nomination_id=nid, worker_id=wid, outcome=None, bpjs_sheet_at=at))
        else:
            have.bpjs_sheet_at = at
    s.flush()


def _answered() -> Any:
    return exists().where(r.c.village_code == n.c.village_code, r.c.nomination_id == n.c.id, r.c.outcome.is_not(None))


def _in_open_candidate() -> Any:
    return exists().where(
        d.c.status == OPEN,
        or_(
            and_(d.c.village_a == w.c.village_code, d.c.worker_a == w.c.id),
            and_(d.c.village_b == w.c.village_code, d.c.worker_b == w.c.id),
        ),
    )


def _sheeted() -> Any:
    return exists().where(
        r.c.village_code == n.c.village_code, r.c.nomination_id == n.c.id, r.c.bpjs_sheet_at.is_not(None)
    )


def _sent_with_worker() -> Any:
    """A nomination and its worker (the sheet's rows are these pairs)."""
    return n.join(w, and_(w.c.village_code == n.c.village_code, w.c.id == n.c.worker_id))


def _for_the_sheet() -> tuple[Any, ...]:
    """Sent (*exported*), live, not answered, and its worker in no undecided candidate."""
    return (
        n.c.deleted_at.is_(None),
        w.c.deleted_at.is_(None),
        n.c.status == statuses.EXPORTED,
        ~_answered(),
        ~_in_open_candidate(),
    )


def sheet_rows(s: Session, *, again: bool = False) -> Sequence[RowMapping]:
    """What the BPJS sheet lists: nominations the village approved and sent (*exported*), with no
    answer yet, whose worker is in no undecided duplicate candidate, and not written into an
    earlier sheet (``again``: those too, still unanswered); with the worker's, the village's and
    the program's columns."""
    wc = [c.label(f"worker_{c.name}") for c in w.c if c.name not in ("village_code", "file_id")]
    stmt = (
        select(
            n.c.village_code,
            n.c.id.label("nomination_id"),
            n.c.months,
            n.c.monthly_contribution,
            *wc,
            v.c.name.label("village_name"),
            v.c.district_name,
            v.c.regency_name,
            v.c.province_name,
            v.c.postal_code,
            p.c.year.label("program_year"),
            p.c.include_jht,
        )
        .select_from(_sent_with_worker())
        .outerjoin(v, and_(v.c.code == n.c.village_code, v.c.deleted_at.is_(None)))
        .outerjoin(p, and_(p.c.village_code == n.c.village_code, p.c.id == n.c.program_id))
        .where(*_for_the_sheet(), *(() if again else (~_sheeted(),)))
        .order_by(n.c.village_code, w.c.name, n.c.id)
    )
    return s.execute(stmt).mappings().all()


def sheet_count(s: Session, *, sent_before: bool) -> int:
    """How many of the sheet's rows there are (``sent_before``: those written into an earlier
    sheet and still without an answer, the again list), counted without reading them."""
    stmt = (
        select(func.count())
        .select_from(_sent_with_worker())
        .where(*_for_the_sheet(), _sheeted() if sent_before else ~_sheeted())
    )
    return int(s.execute(stmt).scalar_one())


def nominations_by_nik(s: Session, niks: Sequence[str]) -> Sequence[Any]:
    """Live, sent nominations of these NIKs, with the answer the hub holds for each (if any)."""
    out: list[Any] = []
    for i in range(0, len(niks), _CHUNK):
        chunk = niks[i : i + _CHUNK]
        stmt = (
            select(
                w.c.nik,
                n.c.village_code,
                n.c.id.label("nomination_id"),
                n.c.worker_id,
                n.c.status,
                n.c.months,
                r.c.outcome,
                r.c.kpj,
                r.c.coverage_start,
                r.c.coverage_end,
                r.c.reason,
                r.c.bpjs_sheet_at,
            )
            .join(w, and_(w.c.village_code == n.c.village_code, w.c.id == n.c.worker_id))
            .outerjoin(r, and_(r.c.village_code == n.c.village_code, r.c.nomination_id == n.c.id))
            .where(
                w.c.nik.in_(chunk),
                n.c.deleted_at.is_(None),
                w.c.deleted_at.is_(None),
                n.c.status.in_((statuses.EXPORTED, statuses.REGISTERED, statuses.REJECTED, statuses.DUPLICATE)),
            )
        )
        out += s.execute(stmt.order_by(n.c.village_code, n.c.id)).mappings().all()
    return out


# -- return files ---------------------------------------------------------------------------------


def pending_results(s: Session, village_code: str | None) -> Sequence[RowMapping]:
    """Answers not yet carried by a return file, with what the result needs: the versions of the
    nomination and the worker the hub holds, the export that sent it and the device that made it."""
    stmt = (
        select(
            r,
            n.c.version.label("nomination_version"),
            n.c.export_seq,
            w.c.version.label("worker_version"),
            f.c.device_id,
        )
        .join(n, and_(n.c.village_code == r.c.village_code, n.c.id == r.c.nomination_id))
        .join(w, and_(w.c.village_code == n.c.village_code, w.c.id == n.c.worker_id))
        .join(f, f.c.id == n.c.file_id)
        .where(r.c.outcome.is_not(None), r.c.returned_seq.is_(None))
        .order_by(r.c.village_code, f.c.device_id, r.c.nomination_id)
    )
    if village_code:
        stmt = stmt.where(r.c.village_code == village_code)
    return s.execute(stmt).mappings().all()


def device_key(s: Session, device_id: str) -> bytes | None:
    return s.execute(select(models.HubDevice.public).where(models.HubDevice.device_id == device_id)).scalar()


def last_return_seq(s: Session, device_id: str) -> int:
    return int(s.execute(select(func.max(HubReturn.seq)).where(HubReturn.device_id == device_id)).scalar() or 0)


def mark_returned(s: Session, keys: Sequence[tuple[str, str]], seq: int) -> None:
    for vc, nid in keys:
        s.execute(update(r).where(r.c.village_code == vc, r.c.nomination_id == nid).values(returned_seq=seq))


# -- report figures -------------------------------------------------------------------------------


def village_rows(s: Session) -> Sequence[RowMapping]:
    stmt = select(v.c.code, v.c.name, v.c.district_name, v.c.regency_name, v.c.province_name).where(
        v.c.deleted_at.is_(None)
    )
    return s.execute(stmt.order_by(v.c.code)).mappings().all()


def workers_by_village_category(s: Session) -> Sequence[Any]:
    """(village_code, category, recorded workers)."""
    stmt = (
        select(w.c.village_code, w.c.category, func.count())
        .where(w.c.deleted_at.is_(None))
        .group_by(w.c.village_code, w.c.category)
    )
    return s.execute(stmt).all()


def nominations_summary(s: Session) -> Sequence[Any]:
    """(village_code, program year, category, village status, hub outcome, count, budget)."""
    budget = func.sum(func.coalesce(n.c.months, 0) * func.coalesce(n.c.monthly_contribution, 0))
    stmt = (
        select(n.c.village_code, p.c.year, w.c.category, n.c.status, r.c.outcome, func.count(), budget)
        .join(w, and_(w.c.village_code == n.c.village_code, w.c.id == n.c.worker_id))
        .outerjoin(p, and_(p.c.village_code == n.c.village_code, p.c.id == n.c.program_id))
        .outerjoin(r, and_(r.c.village_code == n.c.village_code, r.c.nomination_id == n.c.id))
        .where(n.c.deleted_at.is_(None), w.c.deleted_at.is_(None))
        .group_by(n.c.village_code, p.c.year, w.c.category, n.c.status, r.c.outcome)
    )
    return s.execute(stmt).all()


def quotas(s: Session) -> Sequence[Any]:
    """(village_code, year, quota) of every live program."""
    stmt = select(p.c.village_code, p.c.year, p.c.quota).where(p.c.deleted_at.is_(None))
    return s.execute(stmt).all()

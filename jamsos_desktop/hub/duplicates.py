"""``hub duplicates`` and ``hub resolve``: find people nominated twice, and let a clerk decide.

Detection reads the nominated workers from the hub (``storage/outcomes.nominated_people``),
scores them with ``duplicates_match`` and stores every candidate with its rule and score; a
second run rescores the undecided ones, drops those no longer found and leaves decided ones as
they are. Nothing is merged: a decision is the clerk's (``resolve``), attributed and audited,
and "keep village X" only answers the other village's nominations with *duplicate*, naming X,
in the next return file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select

from ..domain.actors import Actor
from ..domain.text import NotFound, Text, UserError
from ..services import collector
from .context import Hub
from .duplicates_match import Candidate, Person, find_candidates
from .storage import models, outcomes
from .storage.models import ROLE_CLERK, ROLE_HEAD
from .storage.outcome_models import KEPT, NOT_DUPLICATE, OPEN, HubDuplicate

RULE_LABELS: dict[str, Text] = {
    "same_nik": Text("NIK sama", "same NIK"),
    "same_kk_birth": Text("KK dan tanggal lahir sama", "same KK and birth date"),
    "similar_name": Text("nama mirip, tanggal lahir dan jenis kelamin sama", "similar name, same birth date and sex"),
}
STATUS_LABELS: dict[str, Text] = {
    OPEN: Text("belum diputuskan", "undecided"),
    KEPT: Text("ganda, satu dipertahankan", "duplicate, one kept"),
    NOT_DUPLICATE: Text("bukan orang yang sama", "not the same person"),
}


@dataclass(frozen=True, slots=True)
class Detection:
    candidates: int  # found by this run
    new: int
    rescored: int
    dropped: int  # undecided candidates no longer found
    open: int  # undecided after this run
    by_rule: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DuplicateRow:
    id: int
    rule: str
    score: int
    status: str
    village_a: str
    village_name_a: str
    worker_a: str
    nik_a: str
    name_a: str
    village_b: str
    village_name_b: str
    worker_b: str
    nik_b: str
    name_b: str
    kept_village: str | None
    reason: str
    decided_by: str | None

    def status_text(self, lang: str | None = None) -> str:
        """The status, naming the village kept: "ganda, dipertahankan di Cibiru Hilir"."""
        if self.status == KEPT and self.kept_village:
            name = self.village_name_a if self.kept_village == self.village_a else self.village_name_b
            where = name or self.kept_village
            return Text(f"ganda, dipertahankan di {where}", f"duplicate, kept in {where}").get(lang)
        return STATUS_LABELS[self.status].get(lang)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        out = asdict(self)
        out["rule_label"] = RULE_LABELS[self.rule].get(lang)
        out["status_label"] = STATUS_LABELS[self.status].get(lang)
        out["status_text"] = self.status_text(lang)
        return out


def _stored(c: Candidate, now: dt.datetime) -> dict[str, Any]:
    return {
        "rule": c.rule,
        "score": c.score,
        "village_a": c.a.village_code,
        "worker_a": c.a.worker_id,
        "nik_a": c.a.nik[:16],
        "village_b": c.b.village_code,
        "worker_b": c.b.worker_id,
        "nik_b": c.b.nik[:16],
        "found_at": now,
        "status": OPEN,
        "reason": "",
    }


def detect(hub: Hub, actor: Actor) -> Detection:
    """Finds the candidates among all nominated workers and stores them (one transaction, audited)."""
    actor.require(ROLE_CLERK, ROLE_HEAD)
    with hub.unit_of_work(actor) as uow:
        s = uow.session
        with collector.paused():
            found = find_candidates(list(map(Person._make, outcomes.nominated_people(s))))
        have = outcomes.candidate_pairs(s)
        now = models.utcnow()
        new, changed = [], []
        seen: set[outcomes.PairKey] = set()
        for c in found:
            key = (c.a.village_code, c.a.worker_id, c.b.village_code, c.b.worker_id)
            seen.add(key)
            old = have.get(key)
            if old is None:
                new.append(_stored(c, now))
            elif old[1] == OPEN and (old[2], old[3]) != (c.rule, c.score):
                changed.append({"id": old[0], "rule": c.rule, "score": c.score})
        gone = [i for key, (i, st, _, _) in have.items() if st == OPEN and key not in seen]
        outcomes.save_candidates(s, new, changed, gone)
        by_rule: dict[str, int] = {}
        for c in found:
            by_rule[c.rule] = by_rule.get(c.rule, 0) + 1
        still_open = sum(1 for key, (_, st, _, _) in have.items() if st == OPEN and key in seen) + len(new)
        result = Detection(len(found), len(new), len(changed), len(gone), still_open, by_rule)
        ids = "\n".join(f"{c.a.village_code}/{c.a.worker_id}~{c.b.village_code}/{c.b.worker_id}" for c in found)
        uow.audit(
            "hub.duplicates.detect",
            "hub_duplicates",
            None,
            None,
            {**result.to_dict(), "pairs_sha256": hashlib.sha256(ids.encode()).hexdigest()},
        )
        return result


def _row(x: Any) -> DuplicateRow:
    m = x._mapping
    return DuplicateRow(
        m["id"],
        m["rule"],
        m["score"],
        m["status"],
        m["village_a"],
        m["village_name_a"] or "",
        m["worker_a"],
        m["nik_a"],
        m["name_a"] or "",
        m["village_b"],
        m["village_name_b"] or "",
        m["worker_b"],
        m["nik_b"],
        m["name_b"] or "",
        m["kept_village"],
        m["reason"],
        m["decided_by"],
    )


#: What the clerk compares, line by line: (label, the worker's field).
COMPARED: tuple[tuple[Text, str], ...] = (
    (Text("Nama", "Name"), "name"),
    (Text("NIK", "NIK"), "nik"),
    (Text("No. KK", "Family card"), "kk"),
    (Text("Tempat, tgl. lahir", "Born"), "born"),
    (Text("JK", "Sex"), "sex"),
    (Text("Alamat", "Address"), "address"),
    (Text("Pekerjaan", "Occupation"), "occupation"),
    (Text("Ahli waris", "Heir"), "heir"),
)


def compare(hub: Hub, row: DuplicateRow, lang: str | None = None) -> list[tuple[str, str, str, bool]]:
    """The two sides of a candidate, field by field: (label, left, right, the same). NIK and KK
    are shown masked (the list's rule), and said the same or not."""
    from ..domain.identity import mask_nik
    from ..domain.occupations import KTP_OCCUPATIONS
    from ..domain.worker import full_address

    def facts(m: Any) -> dict[str, str]:
        if m is None:
            return {}
        born = m["birth_date"]
        occ = m["occupation_code"]
        return {
            "name": m["name"] or "",
            "nik": m["nik"] or "",
            "kk": m["kk"] or "",
            "born": f"{m['birth_place'] or ''}, {born:%d-%m-%Y}" if born else m["birth_place"] or "",
            "sex": m["sex"] or "",
            "address": ", ".join(
                x for x in (m["dusun"], full_address(m["address"] or "", m["rt"] or "", m["rw"] or "")) if x
            ),
            "occupation": KTP_OCCUPATIONS.get(occ, str(occ or "")) if isinstance(occ, int) else "",
            "heir": f"{m['heir_name']} ({m['heir_relation']})" if m["heir_name"] else "",
        }

    with hub.reading() as s:  # both sides in one read
        a_side, b_side = (
            outcomes.worker_facts(s, row.village_a, row.worker_a),
            outcomes.worker_facts(s, row.village_b, row.worker_b),
        )
    left, right = facts(a_side), facts(b_side)
    out = []
    for label, key in COMPARED:
        a, b = left.get(key, ""), right.get(key, "")
        same = a.casefold() == b.casefold()
        if key in ("nik", "kk"):
            a, b = (mask_nik(x) if len(x) == 16 else x for x in (a, b))
        out.append((label.get(lang), a, b, same))
    return out


def list_duplicates(hub: Hub, status: str | None = None) -> list[DuplicateRow]:
    with hub.reading() as s:
        return [_row(x) for x in outcomes.candidates(s, status)]


def duplicate_reason(kept_code: str, kept_name: str, note: str) -> str:
    """What the losing village reads: where the person stays nominated, and the clerk's note."""
    where = f"{kept_name} ({kept_code})" if kept_name else kept_code
    out = f"Juga diusulkan oleh desa/kelurahan {where}; yang dipertahankan usulan di sana"
    return f"{out}. {note.strip()}" if note.strip() else out


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision on a candidate, as the audit trail holds it (the newest one is in force)."""

    at: dt.datetime
    username: str
    status: str
    kept_village: str | None
    reason: str
    answered: int  # the other village's nominations answered *duplicate*
    withdrawn: int  # answers of the decision before taken back

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        out = asdict(self)
        out["at"] = self.at.isoformat(timespec="seconds")
        out["status_label"] = STATUS_LABELS[self.status].get(lang)
        return out


def decision_history(hub: Hub, candidate_id: int) -> list[Decision]:
    """Every decision recorded on the candidate, oldest first (from the audit trail: the candidate's
    row holds only the one in force)."""
    a = models.HubAudit
    with hub.reading() as s:
        entries = s.execute(
            select(a)
            .where(a.action == RESOLVE_ACTION, a.entity == "hub_duplicate", a.entity_id == str(candidate_id))
            .order_by(a.seq)
        ).scalars()
        return [
            Decision(
                e.at,
                e.username,
                str((e.after or {}).get("status", "")),
                (e.after or {}).get("kept_village"),
                str((e.after or {}).get("reason", "")),
                int((e.after or {}).get("answered", 0)),
                int((e.after or {}).get("withdrawn", 0)),
            )
            for e in entries
        ]


RESOLVE_ACTION = "hub.duplicates.resolve"


def resolve(
    hub: Hub,
    actor: Actor,
    candidate_id: int,
    *,
    keep: str | None = None,
    not_duplicate: bool = False,
    reason: str = "",
) -> DuplicateRow:
    """Records the clerk's decision on one candidate: ``keep`` a village (the other village's
    nominations of that person are answered *duplicate*), or ``not_duplicate`` (two people;
    ``reason`` required).

    A decided candidate may be decided again, with a reason, by the head of office or by the
    clerk who decided it: the answers of the decision before are taken back
    (``outcomes.withdraw_duplicate_answers``) and the new decision's written, so that the BPJS
    sheet and the return files follow the newest one. Every decision stays in the audit trail
    (``decision_history``)."""
    actor.require(ROLE_CLERK, ROLE_HEAD)
    if (keep is None) == (not not_duplicate):
        raise UserError(
            "keep",
            Text(
                "pilih salah satu: --keep KODE_DESA atau --not-duplicate",
                "choose one: --keep VILLAGE or --not-duplicate",
            ),
        )
    if not_duplicate and not reason.strip():
        raise UserError(
            "reason", Text("alasan wajib diisi untuk 'bukan ganda'", "a reason is required for 'not a duplicate'")
        )
    with hub.unit_of_work(actor) as uow:
        s = uow.session
        dup = s.get(HubDuplicate, candidate_id)
        if dup is None:
            raise NotFound(
                "candidate",
                Text(f"kandidat ganda nomor {candidate_id} tidak ada", f"no duplicate candidate {candidate_id}"),
            )
        if keep is not None:
            keep = keep.strip()
            if keep not in (dup.village_a, dup.village_b):
                raise UserError(
                    "keep",
                    Text(
                        f"{keep} bukan salah satu desa kandidat ini ({dup.village_a}, {dup.village_b})",
                        f"{keep} is not one of this candidate's villages ({dup.village_a}, {dup.village_b})",
                    ),
                    keep,
                )
        changing = dup.status != OPEN
        if changing:
            _may_change(dup, actor, keep, reason)
            _not_registered(s, dup)
        before: dict[str, Any] = {"status": dup.status}
        if changing:
            before.update(kept_village=dup.kept_village, reason=dup.reason, decided_by=dup.decided_by)
        now = models.utcnow()
        withdrawn = already_returned = 0
        if changing and dup.status == KEPT:
            withdrawn, already_returned = outcomes.withdraw_duplicate_answers(s, dup.id)
        answered = 0
        if keep is not None:
            lose_v, lose_w = (dup.village_b, dup.worker_b) if keep == dup.village_a else (dup.village_a, dup.worker_a)
            kept_name = next((x["name"] for x in outcomes.village_rows(s) if x["code"] == keep), "")
            text_ = duplicate_reason(keep, kept_name, reason)
            rows = [
                {
                    "village_code": lose_v,
                    "nomination_id": nid,
                    "worker_id": lose_w,
                    "outcome": "duplicate",
                    "kpj": "",
                    "coverage_start": None,
                    "coverage_end": None,
                    "reason": text_,
                    "source": f"duplicate:{dup.id}",
                    "recorded_at": now,
                    "recorded_by": actor.username,
                }
                for nid, _ in outcomes.live_nominations_of(s, lose_v, lose_w)
            ]
            answered = outcomes.put_results(s, rows)
            dup.status, dup.kept_village = KEPT, keep
        else:
            dup.status, dup.kept_village = NOT_DUPLICATE, None
        dup.reason, dup.decided_by, dup.decided_at = reason.strip(), actor.username, now
        s.flush()
        after: dict[str, Any] = {
            "status": dup.status,
            "kept_village": dup.kept_village,
            "reason": dup.reason,
            "answered": answered,
        }
        if changing:
            after.update(changed=True, withdrawn=withdrawn, withdrawn_returned=already_returned)
        uow.audit(RESOLVE_ACTION, "hub_duplicate", str(dup.id), before, after)
    rows_ = [x for x in list_duplicates(hub) if x.id == candidate_id]
    return rows_[0]


def _not_registered(s: Any, dup: HubDuplicate) -> None:
    """A decision whose kept person BPJS has registered since stays: the registration is a fact the
    hub cannot take back (the other village would be told "duplicate" of a registered person)."""
    if dup.status != KEPT or dup.kept_village is None:
        return
    worker = dup.worker_a if dup.kept_village == dup.village_a else dup.worker_b
    kpj = outcomes.registered_kpj(s, dup.kept_village, worker)
    if kpj is None:
        return
    name = next((x["name"] for x in outcomes.village_rows(s) if x["code"] == dup.kept_village), "") or dup.kept_village
    raise UserError(
        "candidate",
        Text(
            f"orang ini sudah terdaftar di BPJS dari {name} (KPJ {kpj}): keputusan tidak bisa diubah lagi; "
            "bila pendaftaran itu keliru, kantor cabang BPJS yang membatalkannya, lalu catat jawabannya",
            f"BPJS has registered this person from {name} (KPJ {kpj}): the decision can no longer change; "
            "if that registration was a mistake, the BPJS branch cancels it, then record its answer",
        ),
        str(dup.id),
    )


def _may_change(dup: HubDuplicate, actor: Actor, keep: str | None, reason: str) -> None:
    """A decision is changed with a reason, by the head of office or the clerk who made it, and
    only into another decision."""
    label = STATUS_LABELS[dup.status]
    who = dup.decided_by or "?"
    if not reason.strip():
        raise UserError(
            "reason",
            Text(
                f"wajib diisi untuk mengubah keputusan atas kandidat {dup.id} ({label.id}, oleh {who})",
                f"is required to change the decision on candidate {dup.id} ({label.en}, by {who})",
            ),
        )
    if actor.role != ROLE_HEAD and actor.username != dup.decided_by:
        raise UserError(
            "candidate",
            Text(
                f"keputusan atas kandidat {dup.id} dibuat oleh {who}: hanya dia atau kepala kantor yang boleh mengubahnya",
                f"the decision on candidate {dup.id} was made by {who}: only they or the head of office may change it",
            ),
            str(dup.id),
        )
    same = (dup.status == KEPT and keep == dup.kept_village) or (dup.status == NOT_DUPLICATE and keep is None)
    if same:
        raise UserError(
            "candidate",
            Text(
                f"kandidat {dup.id} sudah diputuskan begitu ({label.id})",
                f"candidate {dup.id} is already decided so ({label.en})",
            ),
            str(dup.id),
        )

"""A decision stays about the data it was made on (rule 3 of the rules and documents issue).

Every identity or eligibility field (``domain.records``: ``decision=True``) changed after the
head approved sends the nomination back to Diusulkan through the status engine (history event,
audit entry, a message that names the fields and the head's title), and the decision, print and
signature go with it, so the next decree does not print the new identity under the old
approval. Once sent to the district the village cannot change them: refused, nothing written.
Every other field is an ordinary edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from jamsos_desktop.domain import records, statuses
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import nominations, printing, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models
from jamsos_desktop.storage import status as status_engine

DECISION = {f.column for f in records.WORKER.decision_fields}
ORDINARY: dict[str, dict[str, Any]] = {
    "phone": {"phone": "081234567890"},
    "address": {"address": "Jalan Raya Cibeureum Nomor 17"},
    "notes": {"notes": "Pindah rumah ke ujung kampung"},
    "heir_name": {"heir_name": "Dewi Kartika Sari", "heir_relation": "Anak"},
    "heir_phone": {"heir_phone": "085712345678"},
    "dusun": {"dusun": "Dusun Cibeureum Girang"},
    "rt": {"rt": "9"},
    "rw": {"rw": "8"},
}


def _nik_for(w: workers.WorkerRow, birth: dt.date, sex: str) -> str:
    """The worker's NIK with its birth digits (DDMMYY, day + 40 for women) for ``birth``/``sex``."""
    day = birth.day + (40 if sex == "P" else 0)
    return f"{w.nik[:6]}{day:02d}{birth:%m%y}{w.nik[12:]}"


def _other_serial(number: str) -> str:
    tail = (int(number[-4:]) % 9000) + 1000 + 1
    return f"{number[:-4]}{tail:04d}"


#: For each decision field: the raw changes that alter it (with what else it must change to stay
#: valid: the NIK carries the birth date and sex).
CHANGES: dict[str, Callable[[workers.WorkerRow], dict[str, Any]]] = {
    "nik": lambda w: {"nik": _other_serial(w.nik)},
    "kk": lambda w: {"kk": _other_serial(w.kk)},
    "name": lambda w: {"name": f"{w.name} Saputra"},
    "birth_place": lambda w: {"birth_place": "Kabupaten Kepulauan Seribu"},
    "birth_date": lambda w: {
        "birth_date": (b := w.birth_date + dt.timedelta(days=1)).isoformat(),
        "nik": _nik_for(w, b, w.sex),
    },
    "sex": lambda w: {
        "sex": (x := "P" if w.sex == "L" else "L"),
        "nik": _nik_for(w, w.birth_date, x),
        "heir_relation": "Anak",
    },
    "occupation_code": lambda w: {"occupation_code": 2 if w.occupation_code != 2 else 19},
    "category": lambda w: {"category": "nelayan" if w.category != "nelayan" else "petani"},
    "income": lambda w: {"income": str((w.income or 0) + 1000)},
    "dtks": lambda w: {"dtks": not w.dtks},
    "bpjs_active": lambda w: {"bpjs_active": not w.bpjs_active},
    "resident": lambda w: {"resident": not w.resident},
}


def test_every_decision_field_has_a_change_here() -> None:
    """A field marked decision without a case below would go untested."""
    assert set(CHANGES) == DECISION
    assert {"nik", "kk", "name", "birth_date", "sex", "income", "occupation_code"} <= DECISION


def _approved(ws: Workspace, operator: Actor, head: Actor) -> workers.WorkerRow:
    changed = nominations.nominate_ranked(ws, operator, limit=1)
    nominations.approve(ws, head, changed.worker_ids)
    return workers.get_worker(ws, changed.worker_ids[0]).worker


def _to(ws: Workspace, operator: Actor, w: workers.WorkerRow, status: str) -> None:
    """Takes an approved nomination on to ``status`` the way the app does (print, sign, export)."""
    if status == statuses.APPROVED:
        return
    n = workers.get_worker(ws, w.id).nomination
    assert n is not None
    printing.mark_printed(ws, operator, [n.id])
    if status == statuses.PRINTED:
        return
    printing.mark_signed(ws, operator, w.id)
    if status == statuses.SIGNED:
        return
    with ws.unit_of_work(operator) as uow:  # the export's marking, as the sync export does it
        row = uow.session.get_one(models.Nomination, n.id)
        status_engine.move_one(uow.session, operator, row, statuses.EXPORTED, audit=uow.audit, export_seq=1)
        if status == statuses.REGISTERED:
            status_engine.move_one(uow.session, operator, row, statuses.REGISTERED, audit=uow.audit, kpj="12345678901")


@pytest.mark.parametrize("status", sorted(statuses.REOPENED_BY_CHANGE))
@pytest.mark.parametrize("field", sorted(DECISION))
def test_a_decision_field_changed_after_approval_needs_a_new_decision(
    demo_workspace: Workspace, operator: Actor, head: Actor, field: str, status: str
) -> None:
    ws = demo_workspace
    w = _approved(ws, operator, head)
    _to(ws, operator, w, status)
    label = records.WORKER[field].label.id

    result = workers.edit_worker(ws, operator, w.id, CHANGES[field](w))

    n = workers.get_worker(ws, w.id).nomination
    assert n is not None and n.status == statuses.PROPOSED
    assert n.printed_at is None and n.signed_at is None
    last = n.events[-1]
    assert (last.from_status, last.to_status) == (status, statuses.PROPOSED)
    assert label in last.note
    assert len(result.notices) == 1
    text = result.notices[0]
    assert label in text.id and "Kepala Desa" in text.id and "Diusulkan" in text.id
    assert records.WORKER[field].label.en in text.en and "Proposed" in text.en
    with ws.reading() as s:
        entry = s.execute(
            select(models.AuditEntry).where(models.AuditEntry.entity_id == n.id).order_by(models.AuditEntry.seq.desc())
        ).scalar()
    assert entry is not None and entry.action == "nomination.proposed"
    # The decree and the list no longer carry the person under the old approval.
    assert w.id not in {e.worker.id for e in _listed(ws)}


def _listed(ws: Workspace) -> list[Any]:
    try:
        return printing.list_entries(ws)
    except UserError:
        return []


def test_the_ordinary_fields_here_are_not_decision_fields() -> None:
    assert not set(ORDINARY) & DECISION


@pytest.mark.parametrize("field", sorted(ORDINARY))
def test_an_ordinary_field_keeps_the_decision(
    demo_workspace: Workspace, operator: Actor, head: Actor, field: str
) -> None:
    ws = demo_workspace
    w = _approved(ws, operator, head)
    _to(ws, operator, w, statuses.PRINTED)
    result = workers.edit_worker(ws, operator, w.id, ORDINARY[field])
    n = workers.get_worker(ws, w.id).nomination
    assert n is not None and n.status == statuses.PRINTED
    assert result.notices == ()


def test_an_unchanged_value_given_again_keeps_the_decision(
    demo_workspace: Workspace, operator: Actor, head: Actor
) -> None:
    ws = demo_workspace
    w = _approved(ws, operator, head)
    result = workers.edit_worker(ws, operator, w.id, {"name": w.name, "nik": w.nik, "income": w.income})
    n = workers.get_worker(ws, w.id).nomination
    assert n is not None and n.status == statuses.APPROVED and result.notices == ()


@pytest.mark.parametrize("status", sorted(statuses.SENT))
@pytest.mark.parametrize("field", ["nik", "name", "income"])
def test_once_sent_to_the_district_identity_is_refused_and_nothing_changes(
    demo_workspace: Workspace, operator: Actor, head: Actor, status: str, field: str
) -> None:
    ws = demo_workspace
    w = _approved(ws, operator, head)
    _to(ws, operator, w, status)
    with pytest.raises(UserError) as refused:
        workers.edit_worker(ws, operator, w.id, CHANGES[field](w))
    assert records.WORKER[field].label.id in refused.value.message("id")
    assert records.WORKER[field].label.en in refused.value.message("en")
    after = workers.get_worker(ws, w.id)
    assert getattr(after.worker, field) == getattr(w, field)
    assert after.nomination is not None and after.nomination.status == status
    # An ordinary field is still the village's to keep current.
    workers.edit_worker(ws, operator, w.id, {"phone": "081298765432"})
    assert workers.get_worker(ws, w.id).worker.phone == "081298765432"

"""Before printing, the person hears what the paper would get wrong (rule 1 and rule 2 of the
rules and documents issue): approved people whom the rules, as they are now, would not let
through, and a decree that charges more than the pagu."""

from __future__ import annotations

import pytest

from jamsos_desktop.domain import money
from jamsos_desktop.services import nominations, printing, village, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models


def _approve(ws: Workspace, operator: Actor, head: Actor, n: int) -> list[str]:
    changed = nominations.nominate_ranked(ws, operator, limit=n)
    nominations.approve(ws, head, changed.worker_ids)
    return list(changed.worker_ids)


@pytest.mark.parametrize("document", printing.DOCUMENTS)
def test_a_rule_tightened_after_approval_is_named_with_the_people_it_now_fails(
    demo_workspace: Workspace, operator: Actor, head: Actor, document: str
) -> None:
    ws = demo_workspace
    ids = _approve(ws, operator, head, 5)
    assert not [t for t in printing.notices(ws, document) if "memenuhi aturan" in t.id]
    oldest = max((workers.get_worker(ws, i).worker for i in ids), key=lambda w: -w.birth_date.toordinal())
    age = printing.setup(ws).program.reference_date.year - oldest.birth_date.year
    village.update_program(ws, operator, max_age=age - 2)  # the oldest approved one is now too old

    found = [t for t in printing.notices(ws, document) if "memenuhi aturan" in t.id]
    assert len(found) == 1
    assert oldest.name in found[0].id and oldest.name in found[0].en
    assert "usia" in found[0].id and "aged" in found[0].en
    assert "no longer pass" in found[0].en


def test_many_failing_are_counted_and_three_named(demo_workspace: Workspace, operator: Actor, head: Actor) -> None:
    ws = demo_workspace
    _approve(ws, operator, head, 8)
    village.update_program(ws, operator, max_age=80, min_age=75)  # nobody approved is that old
    (found,) = [t for t in printing.notices(ws, printing.LIST) if "memenuhi aturan" in t.id]
    assert found.id.startswith("8 orang") and "dan 5 lainnya" in found.id and "and 5 more" in found.en


def test_a_decree_above_the_pagu_is_warned_with_the_amounts(
    demo_workspace: Workspace, operator: Actor, head: Actor
) -> None:
    ws = demo_workspace
    _approve(ws, operator, head, 4)
    total = sum(e.nomination.months * e.nomination.monthly_contribution for e in printing.list_entries(ws))
    assert not [t for t in printing.notices(ws, printing.DECREE) if "pagu" in t.id]
    with ws.unit_of_work(operator) as uow:  # a pagu lowered before the app refused it (older data)
        program = uow.session.get_one(models.Program, printing.setup(ws).program.id)
        program.budget_ceiling = total - 100_000
    (found,) = [t for t in printing.notices(ws, printing.DECREE) if "pagu" in t.id]
    assert money.rupiah(total) in found.id and money.rupiah(100_000) in found.id
    assert "budget ceiling" in found.en
    assert not [
        t for t in printing.notices(ws, printing.LIST) if "pagu" in t.id
    ]  # the decree charges, the list does not

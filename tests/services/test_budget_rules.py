"""Issue 12 rules 1, 2 and 7 through the services: decisions hold, the pagu bounds the places."""

from __future__ import annotations

import pytest

from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.eligibility import WorkerFacts
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import assessment, nominations, village, workers
from jamsos_desktop.services.context import Actor, Workspace

from .test_workers import SITI

PERIOD = 16_800 * 12  # the lowest band for twelve months


def test_the_pagu_bounds_assessment_and_ranked_nomination(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    village.update_program(ws, operator, quota=100, months=12, budget_ceiling=15_000_000)
    fits = 15_000_000 // PERIOD
    assert fits == 74
    rep = assessment.assess(ws, operator)
    assert rep.eligible > fits
    assert sum(r.within_quota for r in rep.rows) == fits
    ch = nominations.nominate_ranked(ws, operator)
    assert len(ch.worker_ids) == fits
    q = nominations.quota_summary(ws)
    assert q.counted == fits and q.places == fits and q.remaining == 0
    assert q.budget_used == fits * PERIOD <= 15_000_000
    assert "pagu Rp15.000.000, cukup untuk 74 orang" in q.text()
    assert "budget ceiling Rp15,000,000, enough for 74 people" in q.text("en")
    assert nominations.nominate_ranked(ws, operator).worker_ids == ()


def test_a_pagu_below_the_commitments_is_refused(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    nominations.nominate_ranked(ws, operator, limit=10)
    with pytest.raises(UserError) as e:
        village.update_program(ws, operator, budget_ceiling=10 * PERIOD - 1)
    assert "sudah terpakai Rp2.016.000 untuk 10 usulan" in str(e.value)
    assert village.get_program(ws).budget_ceiling is None
    assert village.update_program(ws, operator, budget_ceiling=10 * PERIOD).budget_ceiling == 10 * PERIOD


def test_declared_income_shows_real_figures(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    village.update_program(ws, operator, contribution_mode="declared_income")
    nominations.nominate_ranked(ws, operator, limit=5)
    q = nominations.quota_summary(ws)
    assert "iuran sesuai penghasilan" in q.text() and " dari " not in q.text()
    assert "contributions by declared income" in q.text("en")


def test_an_approved_member_stays_the_household_candidate(workspace: Workspace, operator: Actor, head: Actor) -> None:
    ws = workspace
    village.update_program(ws, operator, one_per_household=True)
    first = workers.get_worker(ws, workers.add_worker(ws, operator, SITI).id).worker
    nominations.nominate(ws, operator, [first.id])
    nominations.approve(ws, head, [first.id])
    # A member of the same household who would score higher (listed in DTKS, no income).
    sibling = dict(SITI, nik="3204051508950001", name="Asep Sunarya", sex="L", birth_date="1995-08-15")
    sibling.update(dtks=True, income="0", heir_name="Siti Aminah", heir_relation="Saudara")
    second = workers.get_worker(ws, workers.add_worker(ws, operator, sibling).id).worker
    rep = assessment.assess(ws, operator)
    by = {r.worker_id: r for r in rep.rows}
    assert by[first.id].eligible and by[first.id].within_quota
    assert not by[second.id].eligible
    assert any("sudah diusulkan/disetujui" in r.reason_id for r in by[second.id].rules)
    assert nominations.nominate_ranked(ws, operator).worker_ids == ()
    n = workers.get_worker(ws, first.id).nomination
    assert n is not None and n.status == statuses.APPROVED


def test_officials_rule_is_a_program_setting(workspace: Workspace, operator: Actor) -> None:
    ws = workspace
    official = workers.get_worker(ws, workers.add_worker(ws, operator, dict(SITI, category="perangkat_desa")).id).worker
    rows = {r.worker_id: r for r in assessment.assess(ws, operator).rows}
    flag = next(r for r in rows[official.id].rules if r.rule == "officials")
    assert rows[official.id].eligible and flag.passed
    village.update_program(ws, operator, allow_officials=False)
    assert village.get_program(ws).rules.allow_officials is False
    rows = {r.worker_id: r for r in assessment.assess(ws, operator).rows}
    assert not rows[official.id].eligible


@pytest.mark.parametrize(
    ("setting", "read"),
    [
        ("budget_ceiling", lambda p: p.budget_ceiling),
        ("income_cap", lambda p: p.rules.income_cap),
    ],
)
def test_zero_clears_every_optional_amount(workspace: Workspace, operator: Actor, setting: str, read: object) -> None:
    """The program's optional amounts (the pagu, the income cap) are cleared by 0, as the settings page's
    'tanpa pagu' and the command line write it; None leaves them as they are."""
    ws = workspace
    assert callable(read)
    village.update_program(ws, operator, **{setting: 15_000_000})
    assert read(village.update_program(ws, operator, **{setting: None})) == 15_000_000
    assert read(village.update_program(ws, operator, **{setting: 0})) is None
    assert read(village.get_program(ws)) is None


@pytest.mark.parametrize(
    "change",
    [{"contribution_mode": "declared_income"}, {"months": 6}, {"include_jht": True}],
    ids=["declared-income", "fewer-months", "with-jht"],
)
def test_committed_nominations_keep_their_place_when_the_price_changes(
    demo_workspace: Workspace, operator: Actor, head: Actor, change: dict[str, object]
) -> None:
    """Whatever changes the price of a place after nominations were made (the contribution mode, the
    months, JHT), each counted nomination holds what it committed: the assessment keeps every one in
    the quota, and gives the places the pagu has left, by the new price, to the others."""
    ws = demo_workspace
    village.update_program(ws, operator, quota=100, months=12, budget_ceiling=40 * PERIOD + PERIOD // 2)
    done = nominations.nominate_ranked(ws, operator, limit=30).worker_ids
    nominations.approve(ws, head, list(done[:20]))
    village.update_program(ws, operator, **change)
    rows = assessment.assess(ws, operator).rows
    inside = {r.worker_id for r in rows if r.within_quota}
    assert set(done) <= inside
    q = nominations.quota_summary(ws)
    assert q.budget_used == 30 * PERIOD
    left = 40 * PERIOD + PERIOD // 2 - q.budget_used
    price = assessment.period_cost(village.get_program(ws))
    facts = {f.id: f for f, _ in _facts(ws)}
    spent = sum(price(facts[wid]) for wid in inside - set(done))
    assert 0 < spent <= left
    ch = nominations.nominate_ranked(ws, operator)
    assert set(ch.worker_ids) == inside - set(done)
    assert nominations.quota_summary(ws).budget_used <= 40 * PERIOD + PERIOD // 2


def _facts(ws: Workspace) -> list[tuple[WorkerFacts, int]]:
    with ws.reading() as s:
        return assessment.facts_query(s, village.active_program(s).id)

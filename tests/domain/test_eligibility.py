from __future__ import annotations

import datetime as dt
from dataclasses import replace

from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.eligibility import RankingWeights, RuleSet, WorkerFacts, age_on, assess_all

REF = dt.date(2026, 1, 1)


def w(id_: str, **kw: object) -> WorkerFacts:
    base = WorkerFacts(
        id=id_,
        name=f"Pekerja {id_}",
        kk=f"kk{id_}",
        birth_date=dt.date(1990, 5, 5),
        occupation_code=9,
        category="petani",
        income=1_000_000,
        resident=True,
        dtks=False,
        bpjs_active=False,
        order=int(id_),
        consent_date=dt.date(2025, 12, 1),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def run(workers: list[WorkerFacts], rules: RuleSet = RuleSet(), quota: int = 100):  # noqa: B008
    return {a.worker_id: a for a in assess_all(workers, rules, RankingWeights(), reference=REF, quota=quota)}


def failed(a) -> list[str]:  # type: ignore[no-untyped-def]
    return [o.code for o in a.outcomes if not o.passed]


def test_age_at_the_reference_date() -> None:
    assert age_on(dt.date(2008, 1, 1), REF) == 18
    assert age_on(dt.date(2008, 1, 2), REF) == 17
    res = run(
        [
            w("1", birth_date=dt.date(2008, 1, 2)),
            w("2", birth_date=dt.date(2008, 1, 1)),
            w("3", birth_date=dt.date(1960, 1, 1)),
            w("4", birth_date=dt.date(1960, 12, 31)),
        ]
    )
    assert (
        failed(res["1"]) == ["age"]
        and "usia 17 tahun pada 01-01-2026, di bawah batas 18" in res["1"].outcomes[0].reason.id
    )
    assert res["2"].eligible
    assert failed(res["3"]) == ["age"] and "di atas batas 65" in res["3"].outcomes[0].reason.id
    assert res["4"].eligible  # 65 on the reference date


def test_every_rule_explains_itself_in_both_languages() -> None:
    rules = RuleSet(income_cap=2_000_000, require_dtks=True)
    res = run([w("1", occupation_code=5, bpjs_active=True, resident=False, income=3_000_000)], rules)
    a = res["1"]
    assert set(failed(a)) == {"resident", "informal_sector", "not_participant", "income_cap", "dtks"}
    for o in a.outcomes:
        assert o.reason.id and o.reason.en and o.reason.id != o.reason.en
    assert any("PEGAWAI NEGERI SIPIL" in o.reason.id for o in a.outcomes)
    assert any("Rp3.000.000 melebihi batas Rp2.000.000" in o.reason.id for o in a.outcomes)


def test_ranking_and_quota_with_score_explained() -> None:
    res = run(
        [w("1"), w("2", dtks=True), w("3", category="nelayan", income=200_000), w("4", occupation_code=5)], quota=2
    )
    assert res["2"].rank == 1 and res["2"].within_quota
    assert res["3"].rank == 2 and res["3"].within_quota
    assert res["1"].rank == 3 and not res["1"].within_quota
    assert res["4"].rank is None
    parts = {p.code: p.points for p in res["2"].score_parts}
    assert parts == {"dtks": 40, "high_risk": 25, "household_uncovered": 20, "low_income": 10}  # petani: high risk
    assert res["2"].score == 95


def test_household_with_a_covered_member_ranks_lower() -> None:
    res = run([w("1", kk="A"), w("2", kk="A", nomination_status=statuses.APPROVED), w("3", kk="B")])
    assert "household_uncovered" not in {p.code for p in res["1"].score_parts}
    assert res["3"].rank < res["1"].rank  # type: ignore[operator]


def test_one_per_household_keeps_the_best_and_names_them() -> None:
    rules = RuleSet(one_per_household=True)
    res = run([w("1", kk="A"), w("2", kk="A", dtks=True, name="Siti")], rules)
    assert res["2"].eligible
    assert not res["1"].eligible
    assert "Siti lebih diutamakan" in res["1"].outcomes[-1].reason.id


def test_rule_set_round_trips_as_data() -> None:
    r = RuleSet(min_age=17, income_cap=1_500_000, excluded_occupations=(5, 6))
    assert RuleSet.from_dict(r.to_dict()) == r
    wts = RankingWeights(dtks=10, high_risk_categories=("nelayan",))
    assert RankingWeights.from_dict(wts.to_dict()) == wts


def test_a_decision_stays_a_decision_in_the_household() -> None:
    """A nominated or approved member stays the household's candidate, whatever newcomers score."""
    rules = RuleSet(one_per_household=True)
    for status in sorted(statuses.COUNTS_IN_QUOTA):
        res = run([w("1", kk="A", nomination_status=status), w("2", kk="A", dtks=True, name="Siti")], rules)
        assert res["1"].eligible and res["1"].within_quota, status
        assert not res["2"].eligible
        assert "Pekerja 1 sudah diusulkan/disetujui" in res["2"].outcomes[-1].reason.id


def test_committed_nominations_keep_their_places_in_the_quota() -> None:
    approved = [w(str(i), nomination_status=statuses.APPROVED) for i in range(1, 4)]
    better = [w(str(i), dtks=True, category="nelayan", income=0) for i in range(4, 7)]
    res = run(approved + better, quota=3)
    assert all(res[a.id].within_quota for a in approved)
    assert not any(res[b.id].within_quota for b in better)
    assert [res[str(i)].rank for i in range(1, 7)] == [1, 2, 3, 4, 5, 6]


def test_an_ineligible_nomination_still_holds_its_place_and_money() -> None:
    held = w("1", nomination_status=statuses.APPROVED, bpjs_active=True)
    res = assess_all(
        [held, w("2"), w("3")], RuleSet(), RankingWeights(), reference=REF, quota=2, budget=200, cost=lambda _w: 100
    )
    by = {a.worker_id: a for a in res}
    assert not by["1"].eligible
    assert by["2"].within_quota and not by["3"].within_quota


def test_the_budget_ceiling_bounds_the_places() -> None:
    """pagu Rp15.000.000 at Rp201.600 a worker (Rp16.800 × 12) holds 74 of a quota of 100."""
    workers = [w(str(i)) for i in range(1, 121)]
    res = assess_all(
        workers, RuleSet(), RankingWeights(), reference=REF, quota=100, budget=15_000_000, cost=lambda _w: 201_600
    )
    inside = [a for a in res if a.within_quota]
    assert len(inside) == 74
    assert {a.rank for a in inside} == set(range(1, 75))
    unbounded = assess_all(workers, RuleSet(), RankingWeights(), reference=REF, quota=100)
    assert sum(a.within_quota for a in unbounded) == 100


def test_the_budget_is_filled_with_whoever_still_fits() -> None:
    """By declared income, an expensive candidate who no longer fits lets a cheaper one in."""
    workers = [w("1", dtks=True, income=5_000_000), w("2", income=1_000_000), w("3", income=900_000)]
    price = {"1": 300, "2": 100, "3": 100}
    res = assess_all(
        workers, RuleSet(), RankingWeights(), reference=REF, quota=3, budget=250, cost=lambda f: price[f.id]
    )
    by = {a.worker_id: a for a in res}
    assert by["1"].rank == 1 and not by["1"].within_quota
    assert by["2"].within_quota and by["3"].within_quota


def test_officials_are_allowed_and_flagged_or_refused_by_the_program() -> None:
    officials = [w("1", category="perangkat_desa"), w("2", category="bpd"), w("3", occupation_code=86)]
    for f in officials:
        flagged = run([f])[f.id]
        outcome = next(o for o in flagged.outcomes if o.code == "officials")
        assert flagged.eligible and outcome.passed and "ditandai" in outcome.reason.id and outcome.reason.en
        refused = run([f], RuleSet(allow_officials=False))[f.id]
        assert not refused.eligible and failed(refused) == ["officials"]
    assert "officials" not in {o.code for o in run([w("4")])["4"].outcomes}
    assert RuleSet.from_dict(RuleSet(allow_officials=False).to_dict()).allow_officials is False

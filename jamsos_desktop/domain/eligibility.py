"""Eligibility rules and ranking: rules are data (per program year), every outcome explained."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from . import statuses
from .money import rupiah
from .occupations import DEFAULT_EXCLUDED, DEFAULT_HIGH_RISK, KTP_OCCUPATIONS
from .text import Text
from .village_words import KEPALA_DESA, VillageWords

RULE_SET_VERSION = 1


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The program's eligibility rules. Stored as JSON; every field has the DOMAIN.md default."""

    min_age: int = 18
    max_age: int = 65
    require_resident: bool = True
    excluded_occupations: tuple[int, ...] = DEFAULT_EXCLUDED
    exclude_active_bpjs: bool = True
    income_cap: int | None = None
    one_per_household: bool = False
    require_dtks: bool = False
    #: Whether the village head, the village officials and BPD members may be nominated by the
    #: office they sit in. Allowed by default, and flagged on the eligibility panel either way.
    allow_officials: bool = True

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["excluded_occupations"] = list(self.excluded_occupations)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RuleSet:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "excluded_occupations" in known:
            known["excluded_occupations"] = tuple(int(x) for x in known["excluded_occupations"])
        return cls(**known)


@dataclass(frozen=True, slots=True)
class RankingWeights:
    """Points for each ranking criterion (configurable and shown to the officer)."""

    dtks: int = 40
    high_risk: int = 25
    household_uncovered: int = 20
    low_income: int = 15
    #: Income at or above which the low-income points are zero; below it they scale linearly.
    income_reference: int = 3_000_000
    high_risk_categories: tuple[str, ...] = DEFAULT_HIGH_RISK

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["high_risk_categories"] = list(self.high_risk_categories)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RankingWeights:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "high_risk_categories" in known:
            known["high_risk_categories"] = tuple(known["high_risk_categories"])
        return cls(**known)


@dataclass(frozen=True, slots=True)
class WorkerFacts:
    """What the rules need to know about one worker (built by the services from the record)."""

    id: str
    name: str
    kk: str
    birth_date: dt.date
    occupation_code: int | None
    category: str | None
    income: int | None
    resident: bool
    dtks: bool
    bpjs_active: bool
    nomination_status: str = statuses.RECORDED
    order: int = 0  # earlier records win ties
    #: The day the worker consented to the processing of their personal data (UU 27/2022);
    #: None: no consent recorded, or it was withdrawn.
    consent_date: dt.date | None = None
    #: What a nomination that counts in the quota holds of the pagu (its contribution × months, fixed
    #: when it was proposed); None: no such nomination, the ranking prices the worker by the program.
    committed_cost: int | None = None


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    code: str
    passed: bool
    reason: Text

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"rule": self.code, "passed": self.passed, "reason": self.reason.get(lang)}


@dataclass(frozen=True, slots=True)
class ScorePart:
    code: str
    points: int
    reason: Text


@dataclass(slots=True)
class Assessment:
    worker_id: str
    eligible: bool
    outcomes: list[RuleOutcome]
    score: int = 0
    score_parts: list[ScorePart] = field(default_factory=list)
    rank: int | None = None  # among eligible candidates, 1 = first
    within_quota: bool = False

    def reasons(self, lang: str | None = None) -> list[str]:
        return [o.reason.get(lang) for o in self.outcomes if not o.passed]


#: Categories and KTP occupations of the people who decide or run the nominations themselves.
OFFICIAL_CATEGORIES = frozenset({"perangkat_desa", "bpd"})
OFFICIAL_OCCUPATIONS = frozenset({85, 86})  # PERANGKAT DESA, KEPALA DESA


def is_official(w: WorkerFacts) -> bool:
    return w.category in OFFICIAL_CATEGORIES or w.occupation_code in OFFICIAL_OCCUPATIONS


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# The explanations are the same for every worker with the same value (an age, an occupation,
# an income), so each is made once and shared: outcomes are frozen, and each worker gets their
# own list. Making the texts anew for every worker cost most of an assessment of 10,000.
_MEMO = 4096


@lru_cache(maxsize=64)
def _day(reference: dt.date) -> str:
    return f"{reference:%d-%m-%Y}"


@lru_cache(maxsize=_MEMO)
def _age_outcome(age: int, reference: dt.date, min_age: int, max_age: int) -> RuleOutcome:
    ref = _day(reference)
    if age < min_age:
        return RuleOutcome(
            "age",
            False,
            Text(
                f"usia {age} tahun pada {ref}, di bawah batas {min_age}",
                f"aged {age} on {ref}, below the minimum of {min_age}",
            ),
        )
    if age > max_age:
        return RuleOutcome(
            "age",
            False,
            Text(
                f"usia {age} tahun pada {ref}, di atas batas {max_age}",
                f"aged {age} on {ref}, above the maximum of {max_age}",
            ),
        )
    return RuleOutcome(
        "age",
        True,
        Text(
            f"usia {age} tahun pada {ref} (batas {min_age}-{max_age})",
            f"aged {age} on {ref} (limits {min_age}-{max_age})",
        ),
    )


_RESIDENT = RuleOutcome("resident", True, Text("berdomisili di desa ini", "lives in this village"))
_NOT_RESIDENT = RuleOutcome("resident", False, Text("tidak berdomisili di desa ini", "does not live in this village"))


@lru_cache(maxsize=_MEMO)
def _occupation_outcome(code: int | None, excluded: bool) -> RuleOutcome:
    occ = KTP_OCCUPATIONS.get(code or 0, "tidak diisi")
    if excluded:
        return RuleOutcome(
            "informal_sector",
            False,
            Text(f"pekerjaan {occ} tidak termasuk pekerja informal/rentan", f"occupation {occ} is not informal work"),
        )
    return RuleOutcome(
        "informal_sector",
        True,
        Text(f"pekerjaan {occ} termasuk sektor informal", f"occupation {occ} is informal work"),
    )


_PARTICIPANT = RuleOutcome(
    "not_participant",
    False,
    Text("sudah peserta aktif BPJS Ketenagakerjaan", "already an active BPJS Ketenagakerjaan participant"),
)
_NOT_PARTICIPANT = RuleOutcome(
    "not_participant",
    True,
    Text("belum peserta aktif BPJS Ketenagakerjaan", "not yet an active BPJS Ketenagakerjaan participant"),
)
_NO_INCOME = RuleOutcome("income_cap", False, Text("penghasilan belum diisi", "income not recorded"))


@lru_cache(maxsize=_MEMO)
def _income_outcome(income: int, cap: int) -> RuleOutcome:
    if income > cap:
        return RuleOutcome(
            "income_cap",
            False,
            Text(
                f"penghasilan {rupiah(income)} melebihi batas {rupiah(cap)}",
                f"income {rupiah(income, 'en')} exceeds the cap of {rupiah(cap, 'en')}",
            ),
        )
    return RuleOutcome(
        "income_cap",
        True,
        Text(
            f"penghasilan {rupiah(income)} tidak melebihi {rupiah(cap)}",
            f"income {rupiah(income, 'en')} within the cap of {rupiah(cap, 'en')}",
        ),
    )


@lru_cache(maxsize=64)
def officials_outcome(allowed: bool, words: VillageWords | None = None) -> RuleOutcome:
    """The officials rule's outcome, naming the head, the officials and the council as the
    village does ("wali nagari, perangkat nagari atau anggota BPD"; a kelurahan has no BPD)."""
    if words is None:
        who_id, who_en = "kepala desa, perangkat desa atau anggota BPD", "village head, village official or BPD member"
    else:
        unit = words.unit.lower()
        head_en = "village head" if words.head_title == KEPALA_DESA else words.head_title
        if words.kelurahan:
            who_id, who_en = f"{words.head_title.lower()} atau perangkat {unit}", f"{head_en} or {unit} official"
        else:
            who_id = f"{words.head_title.lower()}, perangkat {unit} atau anggota BPD"
            who_en = f"{head_en}, {'village' if unit == 'desa' else unit} official or BPD member"
    if allowed:
        return RuleOutcome(
            "officials",
            True,
            Text(
                f"{who_id}: diizinkan oleh program (ditandai untuk diperiksa)",
                f"{who_en}: allowed by the program (flagged for review)",
            ),
        )
    return RuleOutcome(
        "officials",
        False,
        Text(
            f"{who_id}: tidak boleh diusulkan menurut aturan program",
            f"{who_en}: the program does not allow them to be nominated",
        ),
    )


_DTKS = RuleOutcome("dtks", True, Text("terdaftar di DTKS/P3KE", "listed in DTKS/P3KE"))
_NOT_DTKS = RuleOutcome("dtks", False, Text("tidak terdaftar di DTKS/P3KE", "not listed in DTKS/P3KE"))


def _rule_outcomes(
    w: WorkerFacts, rules: RuleSet, reference: dt.date, words: VillageWords | None = None
) -> list[RuleOutcome]:
    """Every rule's outcome for one worker, in the order shown. A rule is one block here; an
    outcome whose text depends only on a value or two is better made once (a constant or a
    cached maker above) than for every worker."""
    out: list[RuleOutcome] = []
    out.append(_age_outcome(age_on(w.birth_date, reference), reference, rules.min_age, rules.max_age))

    if rules.require_resident:
        out.append(_RESIDENT if w.resident else _NOT_RESIDENT)

    code = w.occupation_code
    out.append(_occupation_outcome(code, code is not None and code in rules.excluded_occupations))

    if rules.exclude_active_bpjs:
        out.append(_PARTICIPANT if w.bpjs_active else _NOT_PARTICIPANT)

    if rules.income_cap is not None:
        out.append(_NO_INCOME if w.income is None else _income_outcome(w.income, rules.income_cap))

    if is_official(w):
        out.append(officials_outcome(rules.allow_officials, words))

    if rules.require_dtks:
        out.append(_DTKS if w.dtks else _NOT_DTKS)

    # Not a program's choice: without the worker's consent the village may not process the data
    # for a nomination at all (UU 27/2022), so the rule holds in every rule set.
    out.append(consent_outcome(w.consent_date))
    return out


CONSENT_RULE = "consent"


@lru_cache(maxsize=_MEMO)
def consent_outcome(day: dt.date | None) -> RuleOutcome:
    """The consent rule's outcome (its issue code, for a refusal: ``issues.CONSENT_MISSING``)."""
    if day is None:
        return RuleOutcome(
            CONSENT_RULE,
            False,
            Text(
                "belum ada persetujuan pemrosesan data pribadi (UU 27/2022) atau sudah dicabut",
                "no consent to the processing of personal data recorded (UU 27/2022), or it was withdrawn",
            ),
        )
    return RuleOutcome(
        CONSENT_RULE,
        True,
        Text(
            f"menyetujui pemrosesan data pribadi pada {day:%d-%m-%Y}",
            f"consented to the processing of personal data on {day:%d-%m-%Y}",
        ),
    )


@lru_cache(maxsize=256)
def _part(code: str, points: int, reason_id: str, reason_en: str) -> ScorePart:
    return ScorePart(code, points, Text(reason_id, reason_en))


@lru_cache(maxsize=_MEMO)
def _low_income_part(points: int, income: int) -> ScorePart:
    return ScorePart(
        "low_income", points, Text(f"penghasilan rendah ({rupiah(income)})", f"low income ({rupiah(income, 'en')})")
    )


def _score(w: WorkerFacts, weights: RankingWeights, household_covered: bool) -> list[ScorePart]:
    parts: list[ScorePart] = []
    if w.dtks and weights.dtks:
        parts.append(_part("dtks", weights.dtks, "terdaftar DTKS/P3KE", "listed in DTKS/P3KE"))
    if w.category in weights.high_risk_categories and weights.high_risk:
        parts.append(_part("high_risk", weights.high_risk, "pekerjaan berisiko tinggi", "high-risk work"))
    if not household_covered and weights.household_uncovered:
        parts.append(
            _part(
                "household_uncovered",
                weights.household_uncovered,
                "belum ada anggota keluarga (KK) yang terlindungi",
                "no household member covered yet",
            )
        )
    if w.income is not None and weights.low_income and weights.income_reference > 0:
        share = max(0, weights.income_reference - w.income) / weights.income_reference
        pts = round(weights.low_income * share)
        if pts:
            parts.append(_low_income_part(pts, w.income))
    return parts


Cost = Callable[[WorkerFacts], int]


def assess_all(
    workers: list[WorkerFacts],
    rules: RuleSet,
    weights: RankingWeights,
    *,
    reference: dt.date,
    quota: int,
    budget: int | None = None,
    cost: Cost | None = None,
    words: VillageWords | None = None,
) -> list[Assessment]:
    """Assesses every worker, then ranks the eligible ones and fills the quota and the budget.

    A decision stays a decision: workers already nominated (proposed, approved, printed …) rank
    ahead of newcomers and keep their household's place, so adding a better-scored member of an
    approved worker's family never pushes the approved one out. ``budget`` (the pagu, in rupiah)
    and ``cost`` (one worker's contribution for the whole period) bound the places together
    with ``quota``: the places are filled in rank order with whoever still fits.
    """
    covered_kk: dict[str, set[str]] = defaultdict(set)
    for w in workers:
        if w.bpjs_active or w.nomination_status in statuses.COVERED:
            covered_kk[w.kk].add(w.id)

    results: dict[str, Assessment] = {}
    for w in workers:
        outcomes = _rule_outcomes(w, rules, reference, words)
        covered = covered_kk.get(w.kk)
        others_covered = covered is not None and (len(covered) > 1 or w.id not in covered)
        parts = _score(w, weights, others_covered)
        results[w.id] = Assessment(
            w.id,
            all(o.passed for o in outcomes),
            outcomes,
            sum(p.points for p in parts),
            parts,
        )

    by_id = {w.id: w for w in workers}

    def committed(w: WorkerFacts) -> bool:
        return w.nomination_status in statuses.COUNTS_IN_QUOTA

    def order_key(a: Assessment) -> tuple[int, int, int, str]:
        w = by_id[a.worker_id]
        return (0 if committed(w) else 1, -a.score, w.order, w.name)

    if rules.one_per_household:
        households: dict[str, list[Assessment]] = defaultdict(list)
        for a in results.values():
            if a.eligible:
                households[by_id[a.worker_id].kk].append(a)
        for members in households.values():
            if len(members) < 2:
                continue
            members.sort(key=order_key)
            chosen = by_id[members[0].worker_id]
            for a in members:
                if a is members[0]:
                    a.outcomes.append(
                        RuleOutcome(
                            "one_per_household",
                            True,
                            Text("calon dari keluarga (KK) ini", "this household's candidate"),
                        )
                    )
                    continue
                a.eligible = False
                if committed(chosen):
                    reason = Text(
                        f"satu calon per KK: {chosen.name} sudah diusulkan/disetujui",
                        f"one candidate per household: {chosen.name} is already nominated",
                    )
                else:
                    reason = Text(
                        f"satu calon per KK: {chosen.name} lebih diutamakan",
                        f"one candidate per household: {chosen.name} ranks first",
                    )
                a.outcomes.append(RuleOutcome("one_per_household", False, reason))

    eligible = sorted((a for a in results.values() if a.eligible), key=order_key)
    # Nominations that no longer pass a rule still hold their place and their money until
    # someone declines them: the places left for the ranking are what they leave.
    held = [w for w in workers if committed(w) and not results[w.id].eligible]
    price_of: Cost = cost or (lambda _w: 0)
    places = quota - len(held)
    money_left = None if budget is None else budget - sum(price_of(w) for w in held)
    for i, a in enumerate(eligible, start=1):
        a.rank = i
        price = price_of(by_id[a.worker_id])
        fits = places > 0 and (money_left is None or price <= money_left)
        a.within_quota = fits
        if fits:
            places -= 1
            if money_left is not None:
                money_left -= price
    return [results[w.id] for w in workers]

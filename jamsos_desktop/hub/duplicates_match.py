"""Who may be the same person in two villages: the rules and the scores, on plain rows.

Three rules, strongest first (a pair found by several keeps the strongest):

- ``same_nik``: one NIK nominated in two villages. Score 100.
- ``same_kk_birth``: two NIKs, but the same family card and the same birth date: one person
  recorded twice, or twins; the name's similarity is the score, and the clerk decides.
- ``similar_name``: the same birth date and sex and a name at least :data:`NAME_THRESHOLD`
  similar (token-sorted, so "Siti Aminah" and "Aminah Siti" agree).

A NIK or KK starting with 0 is a temporary number (OpenSID makes them for people whose card is
not at hand): it is never a key, so two people sharing one are not matched by it (the name rule
still looks at them). Pairs inside one village are not the district's question.

The input comes ordered by (birth date, sex) from the hub's storage (the blocks of the name
rule); the code is the same whatever engine gave the rows.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz, process

SAME_NIK, SAME_KK_BIRTH, SIMILAR_NAME = "same_nik", "same_kk_birth", "similar_name"
RULES = (SAME_NIK, SAME_KK_BIRTH, SIMILAR_NAME)
#: The lowest name score (0-100) that makes two people of one birth date and sex a candidate.
NAME_THRESHOLD = 90
#: A block this big is scored one name against the rest in rapidfuzz's C loop, not pair by pair.
_BULK_BLOCK = 24


class Person(NamedTuple):
    """A nominated worker as the hub holds it (the columns the rules read, in the storage's order)."""

    village_code: str
    worker_id: str
    nik: str
    kk: str
    name_key: str
    birth_date: str | None  # ISO text: only ever compared
    sex: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.village_code, self.worker_id)


@dataclass(frozen=True, slots=True)
class Candidate:
    rule: str
    score: int
    a: Person  # a.key < b.key
    b: Person


def is_key(number: str | None) -> bool:
    """Whether a NIK or KK may join two records: present and not a temporary number."""
    return bool(number) and not str(number).startswith("0")


def name_score(a: str, b: str) -> int:
    return round(fuzz.token_sort_ratio(a, b))


def _pair(rule: str, score: int, p: Person, q: Person) -> Candidate:
    return Candidate(rule, score, p, q) if p.key < q.key else Candidate(rule, score, q, p)


def _groups(people: Iterable[Person]) -> tuple[list[list[Person]], list[list[Person]]]:
    """The people sharing a NIK, and those sharing a KK and a birth date, in more than one village."""
    by_nik: dict[str, list[Person]] = defaultdict(list)
    by_kk: dict[tuple[str, str], list[Person]] = defaultdict(list)
    for p in people:
        # unpacked and is_key() inlined: this loop sees every nominated worker of the regency
        _, _, nik, kk, _, birth, _ = p
        if nik and nik[0] != "0":
            by_nik[nik].append(p)
        if kk and kk[0] != "0" and birth is not None:
            by_kk[(kk, birth)].append(p)

    def shared(groups: Iterable[list[Person]]) -> list[list[Person]]:
        return [g for g in groups if len(g) > 1 and len({p.village_code for p in g}) > 1]

    return shared(by_nik.values()), shared(by_kk.values())


def _cross(group: Sequence[Person]) -> Iterable[tuple[Person, Person]]:
    for p, q in itertools.combinations(group, 2):
        if p.village_code != q.village_code:
            yield p, q


def _similar(block: Sequence[Person]) -> Iterable[tuple[Person, Person, int]]:
    if len(block) < _BULK_BLOCK:
        cut = 100 - NAME_THRESHOLD
        parts = [(p.village_code, p.name_key, len(p.name_key)) for p in block]
        for i, (va, na, la) in enumerate(parts):
            for j in range(i + 1, len(parts)):
                vb, nb, lb = parts[j]
                # the Indel distance is at least the difference in length: skip what cannot reach it
                if vb == va or 100 * abs(la - lb) > cut * (la + lb):
                    continue
                score = fuzz.token_sort_ratio(na, nb, score_cutoff=NAME_THRESHOLD)
                if score:
                    yield block[i], block[j], round(score)
        return
    names = [p.name_key for p in block]
    for i, p in enumerate(block[:-1]):
        rest = names[i + 1 :]
        found = process.extract(p.name_key, rest, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_THRESHOLD, limit=None)
        for _, score, j in found:
            q = block[i + 1 + j]
            if q.village_code != p.village_code:
                yield p, q, round(score)


def _blocks(people: Iterable[Person]) -> Iterable[list[Person]]:
    """Runs of one (birth date, sex) in the ordered input, of two people or more."""
    block: list[Person] = []
    prev: tuple[str | None, str] | None = None
    for p in people:
        k = (p.birth_date, p.sex)
        if k == prev:
            block.append(p)
            continue
        if len(block) > 1 and block[0].birth_date is not None:
            yield block
        block, prev = [p], k
    if len(block) > 1 and block[0].birth_date is not None:
        yield block


def find_candidates(people: Sequence[Person]) -> list[Candidate]:
    """Every pair of people of two villages that a rule finds, once, by its strongest rule.

    ``people`` should come ordered by (birth_date, sex): each run of equal values is one block of
    the name rule.
    """
    found: dict[tuple[tuple[str, str], tuple[str, str]], Candidate] = {}

    def add(c: Candidate) -> None:
        k = (c.a.key, c.b.key)
        old = found.get(k)
        if old is None or RULES.index(c.rule) < RULES.index(old.rule):
            found[k] = c

    nik_groups, kk_groups = _groups(people)
    for g in nik_groups:
        for p, q in _cross(g):
            add(_pair(SAME_NIK, 100, p, q))
    for g in kk_groups:
        for p, q in _cross(g):
            if p.nik != q.nik or not is_key(p.nik):
                add(_pair(SAME_KK_BIRTH, name_score(p.name_key, q.name_key), p, q))
    for block in _blocks(people):
        for p, q, score in _similar(block):
            add(_pair(SIMILAR_NAME, score, p, q))
    return sorted(found.values(), key=lambda c: (RULES.index(c.rule), -c.score, c.a.key, c.b.key))

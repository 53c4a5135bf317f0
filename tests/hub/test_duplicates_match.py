"""The duplicate rules on plain rows: the blocked search finds exactly what comparing every pair finds."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from jamsos_desktop.hub import duplicates_match as dm
from jamsos_desktop.hub.duplicates_match import Person

NAMES = ["siti aminah", "aminah siti", "siti aminah s", "budi santoso", "budi santosa", "dewi lestari", "asep"]
DATES = ["1980-01-01", "1980-01-02", None]


def _sorted(people: list[Person]) -> list[Person]:
    return sorted(people, key=lambda p: (p.birth_date or "", p.birth_date is None, p.sex, p.key))


def brute(people: list[Person]) -> dict[tuple[tuple[str, str], tuple[str, str]], tuple[str, int]]:
    """Every pair of two villages, compared directly by the rules as the module's docstring states them."""
    out = {}
    for i, p in enumerate(people):
        for q in people[i + 1 :]:
            if p.village_code == q.village_code:
                continue
            a, b = sorted((p, q), key=lambda x: x.key)
            s = dm.name_score(p.name_key, q.name_key)
            if dm.is_key(p.nik) and p.nik == q.nik:
                out[(a.key, b.key)] = (dm.SAME_NIK, 100)
            elif dm.is_key(p.kk) and p.kk == q.kk and p.birth_date is not None and p.birth_date == q.birth_date:
                out[(a.key, b.key)] = (dm.SAME_KK_BIRTH, s)
            elif p.birth_date is not None and p.birth_date == q.birth_date and p.sex == q.sex and s >= 90:
                out[(a.key, b.key)] = (dm.SIMILAR_NAME, s)
    return out


people_st = st.lists(
    st.builds(
        Person,
        village_code=st.sampled_from(["32.04.05.2005", "32.04.05.2006", "32.04.13.2001"]),
        worker_id=st.uuids().map(str),
        nik=st.sampled_from(["3204054101800001", "3204054101800002", "0204054101800001", ""]),
        kk=st.sampled_from(["3204050101100001", "3204050101100002", "0000000000000001"]),
        name_key=st.sampled_from(NAMES),
        birth_date=st.sampled_from(DATES),
        sex=st.sampled_from(["L", "P"]),
    ),
    max_size=14,
)


@settings(max_examples=150, deadline=None)
@given(people_st)
def test_the_blocked_search_finds_what_comparing_every_pair_finds(people: list[Person]) -> None:
    got = {(c.a.key, c.b.key): (c.rule, c.score) for c in dm.find_candidates(_sorted(people))}
    assert got == brute(people)
    for c in dm.find_candidates(_sorted(people)):
        assert c.a.key < c.b.key and c.a.village_code != c.b.village_code


def test_a_big_block_is_scored_as_a_small_one_would_be() -> None:
    rng = random.Random(7)
    day = "1975-06-01"
    people = [
        Person(
            f"32.04.05.{2000 + rng.randrange(6)}",
            f"w{i:04d}",
            f"32040541{i:08d}",
            f"32040501{i:08d}",
            rng.choice(NAMES) + rng.choice(["", " ", "x", "a"]),
            day,
            "P",
        )
        for i in range(120)
    ]
    assert len(people) > dm._BULK_BLOCK
    got = {(c.a.key, c.b.key): (c.rule, c.score) for c in dm.find_candidates(_sorted(people))}
    assert got == brute(people) and got


def test_a_temporary_nik_or_kk_is_never_a_key() -> None:
    d = "1990-03-04"
    p = Person("32.04.05.2005", "a", "0204050403900001", "0204050101000001", "ujang", d, "L")
    q = Person("32.04.05.2006", "b", "0204050403900001", "0204050101000001", "dadang", d, "L")
    assert dm.find_candidates([p, q]) == []
    assert not dm.is_key("0204050403900001") and not dm.is_key("") and dm.is_key("3204050403900001")


def test_word_order_and_one_letter_do_not_hide_a_person() -> None:
    d = "1970-01-01"
    p = Person("32.04.05.2005", "a", "3204050101700001", "3204050101100001", "siti aminah", d, "P")
    q = Person("32.04.13.2001", "b", "3204130101700009", "3204130101100009", "aminah siti", d, "P")
    r = Person("32.04.13.2001", "c", "3204130101700010", "3204130101100010", "siti aminahh", d, "P")
    found = dm.find_candidates([p, q, r])
    assert {(c.a.worker_id, c.b.worker_id, c.rule) for c in found} == {
        ("a", "b", dm.SIMILAR_NAME),
        ("a", "c", dm.SIMILAR_NAME),
    }

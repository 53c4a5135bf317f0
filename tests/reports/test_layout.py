"""Every document, for every kind of village with the longest real names, stays inside its margins:
no string leaves the page or its margins, none overlaps another, no rule crosses one, and every
character of every field is printed (wrapped or shrunk, never cut)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest

from jamsos_desktop.reports import base
from jamsos_desktop.reports.base import DecreeInfo, Entry, Setup, mm, upper_name
from jamsos_desktop.reports.decree import build_decree
from jamsos_desktop.reports.forms import THUMB_H, THUMB_W, build_forms
from jamsos_desktop.reports.nominee_list import build_list

from .layout import Page, Recording, joined, problems, recording, squeezed
from .villages import ADDRESS, HEAD, OPERATOR, kinds, long_entries, longest, setup_for

DECREE = DecreeInfo("141/12/KPTS/2026", dt.date(2026, 11, 21))
KINDS = kinds()
ON_IMAGES = set(base.EMBLEM_NOTICE)

Build = Callable[[io.BytesIO, Setup, list[Entry]], object]
DOCUMENTS: dict[str, Build] = {
    "form": lambda out, st, es: build_forms(out, st, es[:3]),
    "list": build_list,
    "masked": lambda out, st, es: build_list(out, st, es, masked=True),
    "decree": lambda out, st, es: build_decree(out, st, es, DECREE),
}


def _margins(document: str, page: Page) -> tuple[float, float, float, float]:
    if page.width > page.height:  # the list, and the decree's Lampiran
        return (12 * mm, 12 * mm, 10 * mm, 8 * mm)
    if document == "form":
        return (20 * mm, 15 * mm, 10 * mm, 8 * mm)
    return (25 * mm, 20 * mm, 11 * mm, 8 * mm)


def _record(monkeypatch: pytest.MonkeyPatch, document: str, st: Setup, es: list[Entry]) -> Recording:
    with recording(monkeypatch) as rec:
        DOCUMENTS[document](io.BytesIO(), st, es)
    return rec


def test_the_longest_names_are_the_real_ones() -> None:
    top = longest()
    assert top["village"] == ("13.05.16.2006", "Kampuang Tanjuang Koto Mambang Sungai Durian")
    assert len(top["district"][1]) >= 30 and len(top["regency"][1]) >= 38
    assert len(ADDRESS) == 120


@pytest.mark.parametrize("paper", ["a4", "f4"])
@pytest.mark.parametrize("document", list(DOCUMENTS))
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_string_stays_inside_the_page_and_off_its_neighbours(
    monkeypatch: pytest.MonkeyPatch, kind: str, document: str, paper: str
) -> None:
    st = setup_for(KINDS[kind], paper)
    es = long_entries(23)
    rec = _record(monkeypatch, document, st, es)
    assert rec.pages
    found = [
        f"page {i}: {p}"
        for i, page in enumerate(rec.pages, 1)
        for p in problems(page, _margins(document, page), allowed_on_images=ON_IMAGES)
    ]
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_character_of_every_field_is_printed(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    v = KINDS[kind]
    st = setup_for(v, "a4")
    es = long_entries(5)
    w = es[0].worker
    words = st.words
    head = squeezed(upper_name(HEAD))
    form = _record(monkeypatch, "form", st, es).pages[0]
    text = joined(form)
    for value in (
        w.name,
        w.address,
        f"{w.dusun}, RT {w.rt} / RW {w.rw}",
        w.heir_name,
        w.heir_relation,
        w.birth_place,
        ADDRESS,
        OPERATOR,
        words.head_office,
        v.district_name,
        v.regency_name,
        words.hamlet_label,
    ):
        assert squeezed(value) in text, value
    assert head in text
    lst = _record(monkeypatch, "list", st, es).pages
    every = "".join(joined(p) for p in lst)
    for value in (w.name, f"{w.dusun}, RT {w.rt}/RW {w.rw}", f"{w.heir_name} ({w.heir_relation})", head):
        assert squeezed(value) in every, value
    assert "…" not in every
    decree = "".join(joined(p) for p in _record(monkeypatch, "decree", st, es).pages)
    for value in (f"KEPUTUSAN {words.head_office.upper()}", head, st.place, f"{w.heir_name} ({w.heir_relation})"):
        assert squeezed(value) in decree, value


@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_the_thumbprint_box_takes_a_thumb(monkeypatch: pytest.MonkeyPatch, paper: str) -> None:
    assert 25 * mm <= THUMB_W and 30 * mm <= THUMB_H
    rec = _record(monkeypatch, "form", setup_for(KINDS["longest"], paper), long_entries(1))
    page = rec.pages[0]
    verticals = [ln for ln in page.lines if ln[0] == ln[2] and abs(abs(ln[3] - ln[1]) - THUMB_H) < 0.01]
    assert len(verticals) == 2 and abs(abs(verticals[0][0] - verticals[1][0]) - THUMB_W) < 0.01


@pytest.mark.parametrize("kind", ["desa_jawa", "nagari", "kelurahan", "longest"])
@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_justified_lines_have_no_wide_gaps(monkeypatch: pytest.MonkeyPatch, kind: str, paper: str) -> None:
    rec = _record(monkeypatch, "decree", setup_for(KINDS[kind], paper), long_entries(3))
    for page in rec.pages:
        for t in page.texts:
            normal = base.width(" ", t.font, t.size)
            assert t.word_gap <= base.MAX_GAP * normal + 0.01, (t.text, t.word_gap / normal)


@pytest.mark.parametrize("paper", ["a4", "f4"])
@pytest.mark.parametrize("n", [2, 12, 16, 40])
def test_the_first_page_of_the_list_is_full_when_more_pages_follow(paper: str, n: int) -> None:
    from jamsos_desktop.reports.nominee_list import NomineeList

    doc = NomineeList(setup_for(KINDS["nagari"], paper), long_entries(n))
    if doc.pages == 1:
        return
    cap = int(doc._body(0) // doc.geo.row)
    assert doc.chunks[0] >= min(cap, n - 1), (doc.chunks, cap)  # one row goes over with the tail, no more
    assert doc.chunks[-1] >= 1

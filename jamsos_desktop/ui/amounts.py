"""Numbers, amounts and the app's fixed vocabulary (categories, sexes, heirs' relations) as the
window's language writes them: counts "12.345" and decimals "1,5" in Indonesian, "12,345" and
"1.5" in English; rupiah "Rp20.160.000" / "Rp20,160,000"; amounts in words "dua puluh juta …" /
"twenty million …"; place words "Kec. Cileunyi, Kabupaten Bandung" / "Cileunyi district, Bandung
Regency" (``domain.regions``). The printed documents stay Indonesian. Stored values stay the
domain's keys."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from ..domain import money, regions
from ..domain.text import language


def count(n: int) -> str:
    """A whole number grouped in thousands: 12.345 / 12,345."""
    return f"{n:,}".replace(",", "." if language() != "en" else ",")


def rupiah(amount: int) -> str:
    """Rp20.160.000 / Rp20,160,000: grouped as the window's language groups every number (the
    documents, always Indonesian, keep the first)."""
    return money.rupiah(amount, language())


def decimal(value: float, places: int = 1) -> str:
    text = f"{value:.{places}f}"
    return text if language() == "en" else text.replace(".", ",")


def words(amount: int) -> str:
    """The amount in words (terbilang), in the window's language."""
    return money.words(amount, "en" if language() == "en" else "id")


def category(key: str) -> str:
    """A worker category's label (``occupations.CATEGORIES``' key)."""
    return _categories(language()).get(key, key)


@lru_cache(maxsize=4)
def _categories(_lang: str) -> dict[str, str]:
    # Once per language: the worker list formats a page of rows on every keystroke.
    return {
        "petani": QCoreApplication.translate("Category", "Petani"),
        "buruh_tani": QCoreApplication.translate("Category", "Buruh tani"),
        "nelayan": QCoreApplication.translate("Category", "Nelayan"),
        "pedagang_kecil": QCoreApplication.translate("Category", "Pedagang kecil"),
        "tukang_ojek": QCoreApplication.translate("Category", "Tukang ojek"),
        "guru_ngaji": QCoreApplication.translate("Category", "Guru ngaji"),
        "marbot_masjid": QCoreApplication.translate("Category", "Marbot masjid"),
        "pemulung": QCoreApplication.translate("Category", "Pemulung"),
        "tukang_bangunan": QCoreApplication.translate("Category", "Tukang bangunan"),
        "linmas": QCoreApplication.translate("Category", "Linmas"),
        "rt_rw": QCoreApplication.translate("Category", "Ketua RT/RW"),
        "kader_pkk": QCoreApplication.translate("Category", "Kader PKK"),
        "bpd": QCoreApplication.translate("Category", "Anggota BPD"),
        "lpmd": QCoreApplication.translate("Category", "Pengurus LPMD"),
        "petugas_pemilu": QCoreApplication.translate("Category", "Petugas pemilu"),
        "perangkat_desa": QCoreApplication.translate("Category", "Perangkat desa"),
        "tenaga_keagamaan": QCoreApplication.translate("Category", "Tenaga keagamaan"),
        "lainnya": QCoreApplication.translate("Category", "Lainnya"),
    }


def sex(code: str) -> str:
    """L / P as a table shows it: M / F in English."""
    return _sexes(language()).get(code, code)


@lru_cache(maxsize=4)
def _sexes(_lang: str) -> dict[str, str]:
    return {"L": QCoreApplication.translate("Sex", "L"), "P": QCoreApplication.translate("Sex", "P")}


def relation(value: str) -> str:
    """An heir's relation (stored in Indonesian, as the village's papers write it) shown."""
    labels = {
        "Istri": QCoreApplication.translate("Relation", "Istri"),
        "Suami": QCoreApplication.translate("Relation", "Suami"),
        "Anak": QCoreApplication.translate("Relation", "Anak"),
        "Cucu": QCoreApplication.translate("Relation", "Cucu"),
        "Orang tua": QCoreApplication.translate("Relation", "Orang tua"),
        "Kakek/Nenek": QCoreApplication.translate("Relation", "Kakek/Nenek"),
        "Saudara kandung": QCoreApplication.translate("Relation", "Saudara kandung"),
        "Mertua": QCoreApplication.translate("Relation", "Mertua"),
        "Lainnya": QCoreApplication.translate("Relation", "Lainnya"),
    }
    return labels.get(value, value)


def places(text: str) -> str:
    """Region words in English mode: "Kec. Cileunyi, Kabupaten Bandung" → "Cileunyi district,
    Bandung Regency", as the status bar writes it (``regions.english_places``)."""
    return regions.english_places(text) if language() == "en" else text

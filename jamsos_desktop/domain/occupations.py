"""KTP occupation codes (Dukcapil) and the worker categories villages use.

Generated from shared/data/pekerjaan_ktp.csv; kept as code so the domain needs no file I/O.
"""

from __future__ import annotations

from functools import lru_cache

from .text import language

KTP_OCCUPATIONS: dict[int, str] = {
    1: "BELUM/TIDAK BEKERJA",
    2: "MENGURUS RUMAH TANGGA",
    3: "PELAJAR/MAHASISWA",
    4: "PENSIUNAN",
    5: "PEGAWAI NEGERI SIPIL (PNS)",
    6: "TENTARA NASIONAL INDONESIA (TNI)",
    7: "KEPOLISIAN RI (POLRI)",
    8: "PERDAGANGAN",
    9: "PETANI/PEKEBUN",
    10: "PETERNAK",
    11: "NELAYAN/PERIKANAN",
    12: "INDUSTRI",
    13: "KONSTRUKSI",
    14: "TRANSPORTASI",
    15: "KARYAWAN SWASTA",
    16: "KARYAWAN BUMN",
    17: "KARYAWAN BUMD",
    18: "KARYAWAN HONORER",
    19: "BURUH HARIAN LEPAS",
    20: "BURUH TANI/PERKEBUNAN",
    21: "BURUH NELAYAN/PERIKANAN",
    22: "BURUH PETERNAKAN",
    23: "PEMBANTU RUMAH TANGGA",
    24: "TUKANG CUKUR",
    25: "TUKANG LISTRIK",
    26: "TUKANG BATU",
    27: "TUKANG KAYU",
    28: "TUKANG SOL SEPATU",
    29: "TUKANG LAS/PANDAI BESI",
    30: "TUKANG JAHIT",
    31: "TUKANG GIGI",
    32: "PENATA RIAS",
    33: "PENATA BUSANA",
    34: "PENATA RAMBUT",
    35: "MEKANIK",
    36: "SENIMAN",
    37: "TABIB",
    38: "PARAJI",
    39: "PERANCANG BUSANA",
    40: "PENTERJEMAH",
    41: "IMAM MASJID",
    42: "PENDETA",
    43: "PASTOR",
    44: "WARTAWAN",
    45: "USTADZ/MUBALIGH",
    46: "JURU MASAK",
    47: "PROMOTOR ACARA",
    48: "ANGGOTA DPR-RI",
    49: "ANGGOTA DPD",
    50: "ANGGOTA BPK",
    51: "PRESIDEN",
    52: "WAKIL PRESIDEN",
    53: "ANGGOTA MAHKAMAH KONSTITUSI",
    54: "ANGGOTA KABINET/KEMENTERIAN",
    55: "DUTA BESAR",
    56: "GUBERNUR",
    57: "WAKIL GUBERNUR",
    58: "BUPATI",
    59: "WAKIL BUPATI",
    60: "WALIKOTA",
    61: "WAKIL WALIKOTA",
    62: "ANGGOTA DPRD PROVINSI",
    63: "ANGGOTA DPRD KABUPATEN/KOTA",
    64: "DOSEN",
    65: "GURU",
    66: "PILOT",
    67: "PENGACARA",
    68: "NOTARIS",
    69: "ARSITEK",
    70: "AKUNTAN",
    71: "KONSULTAN",
    72: "DOKTER",
    73: "BIDAN",
    74: "PERAWAT",
    75: "APOTEKER",
    76: "PSIKIATER/PSIKOLOG",
    77: "PENYIAR TELEVISI",
    78: "PENYIAR RADIO",
    79: "PELAUT",
    80: "PENELITI",
    81: "SOPIR",
    82: "PIALANG",
    83: "PARANORMAL",
    84: "PEDAGANG",
    85: "PERANGKAT DESA",
    86: "KEPALA DESA",
    87: "BIARAWATI",
    88: "WIRASWASTA",
    89: "LAINNYA",
}

#: Excluded by default: not working, students, pensioners, civil servants, army, police,
#: employees an employer must register, and state officials.
DEFAULT_EXCLUDED: tuple[int, ...] = (1, 3, 4, 5, 6, 7, 15, 16, 17, 18, *range(48, 64))

#: The village's own list of worker categories (beside the KTP occupation).
CATEGORIES: dict[str, str] = {
    "petani": "Petani",
    "buruh_tani": "Buruh tani",
    "nelayan": "Nelayan",
    "pedagang_kecil": "Pedagang kecil",
    "tukang_ojek": "Tukang ojek",
    "guru_ngaji": "Guru ngaji",
    "marbot_masjid": "Marbot masjid",
    "pemulung": "Pemulung",
    "tukang_bangunan": "Tukang bangunan",
    "linmas": "Linmas",
    "rt_rw": "Ketua RT/RW",
    "kader_pkk": "Kader PKK",
    "bpd": "Anggota BPD",
    "lpmd": "Pengurus LPMD",
    "petugas_pemilu": "Petugas pemilu",
    "perangkat_desa": "Perangkat desa",
    "tenaga_keagamaan": "Tenaga keagamaan",
    "lainnya": "Lainnya",
}

#: The categories in English (the same words as the window's translation, context "Category").
CATEGORIES_EN: dict[str, str] = {
    "petani": "Farmer",
    "buruh_tani": "Farm labourer",
    "nelayan": "Fisher",
    "pedagang_kecil": "Small trader",
    "tukang_ojek": "Motorcycle-taxi driver",
    "guru_ngaji": "Qur'an teacher",
    "marbot_masjid": "Mosque caretaker",
    "pemulung": "Waste picker",
    "tukang_bangunan": "Construction worker",
    "linmas": "Community protection (Linmas)",
    "rt_rw": "RT/RW head",
    "kader_pkk": "PKK volunteer",
    "bpd": "BPD member",
    "lpmd": "LPMD board member",
    "petugas_pemilu": "Election worker",
    "perangkat_desa": "Village official",
    "tenaga_keagamaan": "Religious worker",
    "lainnya": "Other",
}
assert set(CATEGORIES_EN) == set(CATEGORIES)


def category_label(key: str, lang: str | None = None) -> str:
    """A category's label in ``lang`` (the language in use by default); an unknown key is itself."""
    table = CATEGORIES_EN if (lang or language()) == "en" else CATEGORIES
    return table.get(key, key)


#: High-risk work, which ranks higher when candidates exceed the quota (configurable per program).
DEFAULT_HIGH_RISK: tuple[str, ...] = (
    "nelayan",
    "tukang_ojek",
    "tukang_bangunan",
    "buruh_tani",
    "pemulung",
    "petani",
)


@lru_cache(maxsize=512)
def occupation_code(value: str | int) -> int | None:
    """Accepts a code ('9', 9) or a name ('petani/pekebun', 'PETANI'), case-insensitive."""
    if isinstance(value, int):
        return value if value in KTP_OCCUPATIONS else None
    v = value.strip()
    if v.isdigit():
        code = int(v)
        return code if code in KTP_OCCUPATIONS else None
    upper = v.upper()
    for code, name in KTP_OCCUPATIONS.items():
        if name == upper:
            return code
    matches = [code for code, name in KTP_OCCUPATIONS.items() if f"({upper})" in name]
    if len(matches) == 1:
        return matches[0]
    matches = [code for code, name in KTP_OCCUPATIONS.items() if upper in name.split("/") or name.startswith(upper)]
    return matches[0] if len(matches) == 1 else None


@lru_cache(maxsize=512)
def category_key(value: str) -> str | None:
    """Accepts a key ('tukang_ojek') or a label ('Tukang ojek'), case-insensitive."""
    v = value.strip().lower().replace(" ", "_").replace("/", "_")
    if v in CATEGORIES:
        return v
    for key, label in CATEGORIES.items():
        if label.lower() == value.strip().lower():
            return key
    return None

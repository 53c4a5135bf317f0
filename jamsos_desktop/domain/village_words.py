"""The village's own words: what the head is called, what the village and its hamlets are called, and
what its budget is called, by region and kind of village.

Indonesian law lets regions keep their customary names (UU 6/2014 on villages, Aceh's and West
Sumatra's own regulations, Papua's special autonomy), so a document that says "Kepala Desa" to a
nagari is one a Wali Nagari corrects by hand. The head's title is stored per village (it is chosen,
or confirmed, at set-up); everything else here follows from that title, the village's code and its kind.

The regional defaults are the widely used ones. Where a regency uses a name of its own the table
names the regency; everything else falls back to the province, then to Kepala Desa / Dusun. They
are defaults shown to be confirmed, not rules: a village that calls itself otherwise chooses its title.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import Text

KEPALA_DESA = "Kepala Desa"
LURAH = "Lurah"
WALI_NAGARI = "Wali Nagari"
KEUCHIK = "Keuchik"
PERBEKEL = "Perbekel"
KEPALA_KAMPUNG = "Kepala Kampung"
PAMBAKAL = "Pambakal"
HUKUM_TUA = "Hukum Tua"
KEPALA_PEKON = "Kepala Pekon"
KEPALA_TIYUH = "Kepala Tiyuh"
KEPALA_GAMPONG = "Kepala Gampong"
PETINGGI = "Petinggi"
KUWU = "Kuwu"

#: Every title offered in set-up, the plain one first.
HEAD_TITLES = (
    KEPALA_DESA,
    LURAH,
    WALI_NAGARI,
    KEUCHIK,
    PERBEKEL,
    KEPALA_KAMPUNG,
    PAMBAKAL,
    HUKUM_TUA,
    KEPALA_PEKON,
    KEPALA_TIYUH,
    KEPALA_GAMPONG,
    PETINGGI,
    KUWU,
)

# Regency (dotted "PP.RR") first, then province ("PP"). Regencies listed are exceptions to their province.
_TITLE_BY_REGION: dict[str, str] = {
    "13.09": KEPALA_DESA,  # Kepulauan Mentawai: desa, not nagari
    "13": WALI_NAGARI,
    "11": KEUCHIK,
    "51": PERBEKEL,
    "32.09": KUWU,  # Cirebon
    "32.12": KUWU,  # Indramayu
    "33.20": PETINGGI,  # Jepara
    "71.02": HUKUM_TUA,  # Minahasa
    "71.05": HUKUM_TUA,  # Minahasa Selatan
    "71.06": HUKUM_TUA,  # Minahasa Utara
    "71.07": HUKUM_TUA,  # Minahasa Tenggara
    "63.06": PAMBAKAL,  # Hulu Sungai Selatan
    "63.07": PAMBAKAL,  # Hulu Sungai Tengah
    "63.08": PAMBAKAL,  # Hulu Sungai Utara
    "18.04": KEPALA_PEKON,  # Lampung Barat
    "18.06": KEPALA_PEKON,  # Tanggamus
    "18.10": KEPALA_PEKON,  # Pringsewu
    "18.13": KEPALA_PEKON,  # Pesisir Barat
    "18.12": KEPALA_TIYUH,  # Tulang Bawang Barat
    "18.02": KEPALA_KAMPUNG,  # Lampung Tengah
    "18.05": KEPALA_KAMPUNG,  # Tulang Bawang
    "18.08": KEPALA_KAMPUNG,  # Way Kanan
    "14.08": KEPALA_KAMPUNG,  # Siak
    "64.03": KEPALA_KAMPUNG,  # Berau
    "64.07": KEPALA_KAMPUNG,  # Kutai Barat
    "64.11": KEPALA_KAMPUNG,  # Mahakam Ulu
    **dict.fromkeys(("91", "92", "93", "94", "95", "96"), KEPALA_KAMPUNG),  # Papua: kampung (Otsus)
}

# The word for the village itself, by the head's title.
_UNIT_BY_TITLE = {
    "kepala desa": "Desa",
    "lurah": "Kelurahan",
    "wali nagari": "Nagari",
    "keuchik": "Gampong",
    "kepala gampong": "Gampong",
    "perbekel": "Desa",
    "kepala kampung": "Kampung",
    "pambakal": "Desa",
    "hukum tua": "Desa",
    "kepala pekon": "Pekon",
    "kepala tiyuh": "Tiyuh",
    "petinggi": "Desa",
    "kuwu": "Desa",
}
UNIT_WORDS = ("desa", "nagari", "gampong", "kampung", "pekon", "tiyuh", "kelurahan")

# The hamlet (the part of a village below it, above RW/RT), by region; the unit decides first.
_HAMLET_BY_REGION: dict[str, str] = {
    "13.05": "Korong",  # Padang Pariaman's nagari are divided into korong
    "13": "Jorong",
    "51": "Banjar",
    "71.02": "Jaga",  # Minahasa's desa are divided into jaga
    "71.05": "Jaga",
    "71.06": "Jaga",
    "71.07": "Jaga",
}


def _by_region(table: dict[str, str], code: str) -> str | None:
    return table.get(code[:5]) or table.get(code[:2])


def is_kelurahan(kind: str, code: str = "") -> bool:
    """Kemendagri codes number kelurahan from 1xxx and desa from 2xxx; the kind says it too."""
    return kind == "kelurahan" or (len(code) == 13 and code[9] == "1")


def default_head_title(code: str, kind: str) -> str:
    """The head's title a village of this region and kind is most likely to use (to be confirmed)."""
    if is_kelurahan(kind, code):
        return LURAH
    return _by_region(_TITLE_BY_REGION, code) or KEPALA_DESA


@dataclass(frozen=True, slots=True)
class VillageWords:
    """The words one village's documents and screens use for it."""

    head_title: str  # "Wali Nagari"
    unit: str  # "Nagari"
    name: str  # "Kampuang Tanjuang Koto Mambang Sungai Durian"
    hamlet: str  # "Korong"
    kelurahan: bool

    @property
    def unit_name(self) -> str:
        """'Nagari Muaro', 'Desa Cibiru Hilir', 'Kelurahan Sukaluyu'."""
        return f"{self.unit} {self.name}"

    @property
    def head_office(self) -> str:
        """The head's office with the village: 'Kepala Desa X', 'Wali Nagari X', 'Keuchik Gampong X', 'Lurah X'."""
        title = self.head_title
        words = title.lower().split()
        if any(w in UNIT_WORDS for w in words) or title.lower() == "lurah":
            return f"{title} {self.name}"
        return f"{title} {self.unit} {self.name}"

    @property
    def operator(self) -> str:
        """The officer who keeps the records: 'Operator Nagari', 'Operator Kelurahan'."""
        return f"Operator {self.unit}"

    @property
    def budget_short(self) -> str:
        """'APBDes', 'APB Nagari', 'APB Gampong' or, for a kelurahan (no budget of its own), 'APBD'."""
        if self.kelurahan:
            return "APBD"
        return "APBDes" if self.unit == "Desa" else f"APB {self.unit}"

    @property
    def budget_long(self) -> str:
        """'Anggaran Pendapatan dan Belanja Nagari' (the name of the village budget regulation's subject)."""
        if self.kelurahan:
            return "Anggaran Pendapatan dan Belanja Daerah"
        return f"Anggaran Pendapatan dan Belanja {self.unit}"

    @property
    def hamlet_label(self) -> str:
        """The form label and list header: 'Jorong / RT / RW'."""
        return f"{self.hamlet} / RT / RW"


def words_for(code: str, kind: str, head_title: str, name: str) -> VillageWords:
    """The words of a village, from its code, kind, (stored) head title and name."""
    title = " ".join(head_title.split()) or default_head_title(code, kind)
    kel = is_kelurahan(kind, code)
    unit = "Kelurahan" if kel else _UNIT_BY_TITLE.get(title.lower(), "Desa")
    hamlet = "Lingkungan" if kel else (_by_region(_HAMLET_BY_REGION, code) or "Dusun")
    if not kel and unit == "Nagari" and hamlet not in ("Jorong", "Korong"):
        hamlet = "Jorong"
    elif unit != "Nagari" and hamlet in ("Jorong", "Korong"):  # a desa in West Sumatra (Mentawai) has dusun
        hamlet = "Dusun"
    return VillageWords(head_title=title, unit=unit, name=" ".join(name.split()), hamlet=hamlet, kelurahan=kel)


def program_name(words: VillageWords, year: int) -> str:
    """The program's default name, with the village's own word: '... Pekerja Rentan Nagari Muaro Tahun 2026'."""
    return f"Perlindungan Jaminan Sosial Ketenagakerjaan Pekerja Rentan {words.unit_name} Tahun {year}"


# -- what the screens say ------------------------------------------------------------------------
# The UI translates its own sentences; these are the village's words to put in them.


def role_name(role: str, words: VillageWords) -> Text:
    """A role as this village calls it: the approver is its head ('wali nagari', 'lurah'), the operator
    its own ('operator nagari'); other roles keep their general name."""
    from .actors import ROLE_APPROVER, ROLE_NAMES, ROLE_OPERATOR

    if role == ROLE_APPROVER:
        return Text(words.head_title.lower(), f"head of the {words.unit.lower()} ({words.head_title})")
    if role == ROLE_OPERATOR:
        return Text(words.operator.lower(), f"{words.unit.lower()} operator")
    return ROLE_NAMES.get(role, Text(role, role))


def account_role_label(role: str, words: VillageWords, lang: str) -> str:
    """A role in a list of accounts on the command line, in the village's words and ``lang``,
    with the role's id that 'user add --role' takes: 'Wali Nagari (approver)', 'Village head
    (approver)', 'Operator nagari (operator)', 'Admin (admin)'."""
    from .actors import ROLE_APPROVER, ROLE_NAMES, ROLE_OPERATOR

    if role not in ROLE_NAMES:
        return role
    if role == ROLE_APPROVER:
        name = "Village head" if lang == "en" and words.head_title == KEPALA_DESA else words.head_title
    elif role == ROLE_OPERATOR and lang == "en" and words.unit == "Desa":
        name = "village operator"
    else:
        name = role_name(role, words).get(lang)
    label = f"{name[:1].upper()}{name[1:]}"
    return label if name.lower() == role else f"{label} ({role})"


def place_label(words: VillageWords, district: str, regency: str) -> str:
    """'Nagari Muaro, Kec. Sijunjung, Kabupaten Sijunjung' (the window's subtitle)."""
    return f"{words.unit_name}, Kec. {district}, {regency}"


def form_labels(words: VillageWords) -> dict[str, str]:
    """Labels of the worker form and tables that name the village's parts (Indonesian; the UI translates)."""
    return {"dusun": words.hamlet, "village": words.unit, "head": words.head_title, "operator": words.operator}

"""Which column of the officer's sheet holds which field: the header row and the mapping.

Guessed from the headers people write in Indonesian and English, from the register export's
own names and labels (``records.WORKER``, so an export reads back as it was written), and from
OpenSID's resident import and export formats (``nama``, ``no_kk``, ``sex`` coded 1/2,
``tempatlahir``, ``tanggallahir``, ``pekerjaan_id``…). The officer confirms or changes the guess;
a sheet of the same shape (the same headers) is then read the same way (``shape_key``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .import_values import COMBINED, cell_text
from .records import WORKER
from .text import Text

#: The fields a column can be mapped to: the worker's inputs in the form's order, then the
#: combined columns that are split into two.
TARGETS: tuple[str, ...] = (*WORKER.form_inputs, *COMBINED)

TARGET_LABELS: dict[str, Text] = {f.input: f.label for f in WORKER.input_fields if f.input is not None} | {
    "birth_place_date": Text("Tempat, tanggal lahir", "Place and date of birth"),
    "rt_rw": Text("RT/RW", "RT/RW"),
}

#: Headers people write, normalized (``normalize_header``), beside the record's own.
_WORDS: dict[str, tuple[str, ...]] = {
    "nik": ("nik", "no nik", "nomor nik", "nomor induk kependudukan", "no ktp", "nomor ktp", "nik ktp"),
    "kk": ("no kk", "nomor kk", "kk", "nkk", "no kartu keluarga", "nomor kartu keluarga", "nik kk", "family card"),
    "name": (
        "nama",
        "nama lengkap",
        "nama pekerja",
        "nama peserta",
        "nama penduduk",
        "nama sesuai ktp",
        "nama lengkap sesuai ktp",
        "name",
        "full name",
    ),
    "birth_place": ("tempat lahir", "tmp lahir", "tpt lahir", "tempatlahir", "place of birth", "birth place"),
    "birth_date": (
        "tanggal lahir",
        "tgl lahir",
        "tgl lhr",
        "tanggallahir",
        "tanggal lhr",
        "date of birth",
        "birth date",
        "dob",
    ),
    "sex": ("jk", "l p", "lp", "jenis kelamin", "jns kelamin", "kelamin", "sex", "gender"),
    "address": ("alamat", "alamat lengkap", "alamat rumah", "address"),
    "dusun": ("dusun", "nama dusun", "jorong", "banjar", "lingkungan", "hamlet"),
    "rt": ("rt", "no rt"),
    "rw": ("rw", "no rw"),
    "phone": (
        "no hp",
        "nomor hp",
        "hp",
        "no handphone",
        "telepon",
        "telp",
        "no telp",
        "no telepon",
        "nomor telepon",
        "no wa",
        "nomor wa",
        "whatsapp",
        "phone",
        "mobile",
    ),
    "occupation": (
        "pekerjaan",
        "pekerjaan ktp",
        "pekerjaan id",
        "kode pekerjaan",
        "jenis pekerjaan",
        "mata pencaharian",
        "occupation",
    ),
    "category": ("kategori", "kategori pekerja", "jenis pekerja", "kelompok pekerja", "category"),
    "income": ("penghasilan", "penghasilan per bulan", "penghasilan bulan", "pendapatan", "gaji", "income"),
    "heir_name": ("ahli waris", "nama ahli waris", "nama ahliwaris", "heir", "heir name"),
    "heir_relation": ("hubungan ahli waris", "hub ahli waris", "hubungan dengan ahli waris", "heir relationship"),
    "heir_phone": ("no hp ahli waris", "hp ahli waris", "telepon ahli waris", "heir phone"),
    "kpj": ("kpj", "no kpj", "nomor kpj"),
    "dtks": ("dtks", "terdaftar dtks", "dtks p3ke", "p3ke"),
    "bpjs_active": ("bpjs aktif", "peserta bpjs", "peserta bpjs aktif", "sudah bpjs"),
    "resident": ("penduduk desa", "penduduk", "warga desa", "resident"),
    "notes": ("catatan", "keterangan", "ket", "notes", "note"),
    "consent_date": (
        "tanggal persetujuan",
        "tgl persetujuan",
        "persetujuan data",
        "tanggal persetujuan data",
        "consent",
        "consent date",
    ),
    "birth_place_date": ("ttl", "tempat tanggal lahir", "tempat tgl lahir", "tempat dan tanggal lahir"),
    "rt_rw": ("rt rw", "rt/rw"),
}

_PARENS = re.compile(r"\([^)]*\)|\[[^]]*\]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
#: A header row has at least this many recognised columns (NIK, name and one more).
MIN_HEADER_MATCHES = 3
#: How far down a title block may push the header row.
HEADER_SEARCH_ROWS = 30


def normalize_header(text: object) -> str:
    """'Tgl. Lahir (dd-mm-yyyy)*' → 'tgl lahir'; 'NO_KK' → 'no kk'."""
    s = _PARENS.sub(" ", cell_text(text).lower())
    return " ".join(_NON_WORD.sub(" ", s).split())


def _known() -> dict[str, str]:
    known: dict[str, str] = {}
    for f in WORKER.input_fields:
        assert f.input is not None
        for word in (f.export, f.label.id, f.label.en, f.input):
            if word:
                known.setdefault(normalize_header(word), f.input)
    for target, words in _WORDS.items():
        for w in words:
            known.setdefault(normalize_header(w), target)
    return known


KNOWN_HEADERS: dict[str, str] = _known()


def guess_field(header: object) -> str | None:
    return KNOWN_HEADERS.get(normalize_header(header))


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """The header row (Excel's number) and, for each field, the column (from 0) it is read from."""

    header_row: int
    headers: tuple[str, ...]
    columns: dict[str, int] = field(default_factory=dict)

    @property
    def shape(self) -> str:
        return shape_key(self.headers)

    def to_json(self) -> dict[str, Any]:
        return {"header_row": self.header_row, "columns": {k: self.headers_name(v) for k, v in self.columns.items()}}

    def headers_name(self, col: int) -> str:
        return self.headers[col] if col < len(self.headers) and self.headers[col] else column_letter(col)

    def with_columns(self, columns: Mapping[str, int]) -> ColumnMapping:
        return ColumnMapping(self.header_row, self.headers, dict(columns))


def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how the officer sees the column in Excel."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_index(text: str) -> int | None:
    """'B' → 1, 'AA' → 26; None when it is no column letter."""
    s = text.strip().upper()
    if not s.isalpha() or len(s) > 3:
        return None
    n = 0
    for c in s:
        n = n * 26 + ord(c) - 64
    return n - 1


#: The columns an import report adds after the officer's own (``services.importing.save_report``).
#: The columns an import report adds: the outcome, the reasons, and the row's number in the file
#: (what the reasons' "baris 5" means, once the title block and blank rows are not in the report).
REPORT_HEADERS = (
    Text("Hasil impor", "Import result"),
    Text("Alasan", "Reasons"),
    Text("Baris di berkas", "Row in the file"),
)
_REPORT_NAMES = frozenset(normalize_header(w) for t in REPORT_HEADERS for w in (t.id, t.en))


def shape_key(headers: Sequence[str]) -> str:
    """The same headers, in the same places, make the same shape (blank columns at the end, and
    the columns an import report adds, ignored: a fixed report reads as the sheet it came from)."""
    names = [normalize_header(h) for h in headers]
    while names and (not names[-1] or names[-1] in _REPORT_NAMES):
        names.pop()
    return hashlib.sha256("\x1f".join(names).encode()).hexdigest()[:32]


def guess_columns(headers: Sequence[object]) -> dict[str, int]:
    """Field → column for every header recognised; the first column wins a field named twice."""
    out: dict[str, int] = {}
    for col, h in enumerate(headers):
        target = guess_field(h)
        if target is not None and target not in out:
            out[target] = col
    # A combined column is only needed when the separate ones are missing.
    if "birth_place_date" in out and {"birth_place", "birth_date"} <= out.keys():
        del out["birth_place_date"]
    if "rt_rw" in out and {"rt", "rw"} <= out.keys():
        del out["rt_rw"]
    return out


def find_header(rows: Iterable[tuple[int, Sequence[object]]]) -> ColumnMapping | None:
    """The row among the first ones that names the most fields (a title block above it is
    skipped), with its guessed mapping; None when no row names ``MIN_HEADER_MATCHES``."""
    best: ColumnMapping | None = None
    for n, (row_number, cells) in enumerate(rows):
        if n >= HEADER_SEARCH_ROWS:
            break
        columns = guess_columns(cells)
        if len(columns) >= MIN_HEADER_MATCHES and (best is None or len(columns) > len(best.columns)):
            best = ColumnMapping(row_number, tuple(cell_text(c) for c in cells), columns)
    return best


def from_json(data: Mapping[str, Any], header_row_cells: Sequence[object] | None = None) -> dict[str, int]:
    """A mapping the officer wrote (``--mapping M.json``): ``{"columns": {"nik": "NIK" | "B" | 1}}``;
    a column is named by its header, its letter, or its number from 0. Unknown fields and
    columns are refused by the caller (``ValueError`` with the name)."""
    headers = [normalize_header(c) for c in header_row_cells or ()]
    out: dict[str, int] = {}
    for target, where in dict(data.get("columns", data)).items():
        if target == "header_row":
            continue
        if target not in TARGETS:
            raise ValueError(f"field:{target}")
        if isinstance(where, int) and not isinstance(where, bool):
            out[target] = where
            continue
        name = normalize_header(where)
        if name and name in headers:
            out[target] = headers.index(name)
        elif (col := column_index(str(where))) is not None:
            out[target] = col
        else:
            raise ValueError(f"column:{where}")
    return out

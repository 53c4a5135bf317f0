"""The BPJS branch's spreadsheets, on plain rows: the collective-registration sheet we write, and
the answer the branch sends back.

There is no public template, and branches differ, so the columns come from a **mapping file**
(JSON): for the sheet, a list of ``{"header": ..., "field": ..., "type": "text"|"date"|"number"}``;
for the answer, the header names (any of several) of each value we read. :data:`DEFAULT_MAPPING`
holds the columns ../shared/DOMAIN.md lists. NIK, KK, phone numbers and postal codes are always
written as text cells with a text format, so Excel never turns ``3201011508950001`` into
``3.20101E+15``; on the way back a NIK that arrives as a number is refused for that row, never
rounded into someone else's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter  # (no stubs; one module uses it)

from ..domain.identity import looks_like_excel_float, normalize_number
from ..domain.occupations import CATEGORIES, KTP_OCCUPATIONS
from ..domain.text import Text, UserError
from ..domain.worker import full_address

TEXT, DATE, NUMBER = "text", "date", "number"
#: Fields that are identifiers, whatever a mapping says: never a number cell.
ALWAYS_TEXT = frozenset({"nik", "kk", "phone", "heir_phone", "postal_code", "rt", "rw", "kpj"})

DEFAULT_MAPPING: dict[str, Any] = {
    "sheet": "Peserta BPU",
    "columns": [
        {"header": "NIK", "field": "nik"},
        {"header": "No KK", "field": "kk"},
        {"header": "Nama Lengkap (sesuai KTP)", "field": "name"},
        {"header": "Tempat Lahir", "field": "birth_place"},
        {"header": "Tanggal Lahir", "field": "birth_date", "type": DATE},
        {"header": "Jenis Kelamin", "field": "sex_label"},
        {"header": "Alamat", "field": "address_rt_rw"},
        {"header": "Desa/Kelurahan", "field": "village_name"},
        {"header": "Kecamatan", "field": "district_name"},
        {"header": "Kabupaten/Kota", "field": "regency_name"},
        {"header": "Provinsi", "field": "province_name"},
        {"header": "Kode Pos", "field": "postal_code"},
        {"header": "No HP", "field": "phone"},
        {"header": "Email", "field": "email"},
        {"header": "Pekerjaan", "field": "occupation"},
        {"header": "Lokasi Kerja", "field": "work_location"},
        {"header": "Jam Kerja", "field": "working_hours"},
        {"header": "Penghasilan per Bulan", "field": "income", "type": NUMBER},
        {"header": "Program", "field": "programs"},
        {"header": "Jumlah Bulan", "field": "months", "type": NUMBER},
        {"header": "Nama Ahli Waris", "field": "heir_name"},
        {"header": "Hubungan Ahli Waris", "field": "heir_relation"},
    ],
    "results": {
        "nik": ["NIK", "Nomor Induk Kependudukan"],
        "kpj": ["KPJ", "No KPJ", "Nomor KPJ", "No Peserta", "Nomor Peserta"],
        "status": ["Status", "Hasil", "Keterangan Status"],
        "coverage_start": ["Tanggal Mulai", "Mulai", "Awal Kepesertaan", "Tgl Efektif", "Periode Awal"],
        "coverage_end": ["Tanggal Akhir", "Akhir", "Akhir Kepesertaan", "Berlaku Sampai", "Periode Akhir"],
        "reason": ["Alasan", "Keterangan", "Alasan Penolakan", "Catatan"],
    },
    "registered_words": ["terdaftar", "berhasil", "sukses", "diterima", "aktif", "registered"],
    "rejected_words": ["ditolak", "gagal", "tolak", "rejected"],
}

SEX_LABELS = {"L": "Laki-laki", "P": "Perempuan"}


def _field_values(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every field a mapping may name, from one row of the hub's sheet query."""
    g = {k.removeprefix("worker_"): v for k, v in row.items()}
    address = full_address(g.get("address") or "", g.get("rt") or "", g.get("rw") or "")
    programs = "JKK, JKM" + (", JHT" if g.get("include_jht") else "")
    occ = g.get("occupation_code")
    g.update(
        {
            "sex_label": SEX_LABELS.get(g.get("sex") or "", g.get("sex") or ""),
            "address_rt_rw": address,
            "programs": programs,
            "occupation": KTP_OCCUPATIONS.get(occ, "") if isinstance(occ, int) else "",
            "category_label": CATEGORIES.get(g.get("category") or "", g.get("category") or ""),
            "work_location": g.get("village_name") or "",
            "email": "",
            "working_hours": "",
            "contribution_total": (g.get("months") or 0) * (g.get("monthly_contribution") or 0),
        }
    )
    return g


#: The fields a sheet mapping may name.
SHEET_FIELDS = frozenset(
    _field_values(
        {
            "village_code": "",
            "nomination_id": "",
            "months": 0,
            "monthly_contribution": 0,
            "village_name": "",
            "district_name": "",
            "regency_name": "",
            "province_name": "",
            "postal_code": "",
            "program_year": 0,
            "include_jht": False,
            **{
                f"worker_{c}": None
                for c in [
                    "id",
                    "nik",
                    "kk",
                    "name",
                    "name_key",
                    "birth_place",
                    "birth_date",
                    "sex",
                    "address",
                    "dusun",
                    "rt",
                    "rw",
                    "phone",
                    "occupation_code",
                    "category",
                    "income",
                    "heir_name",
                    "heir_relation",
                    "heir_phone",
                    "dtks",
                    "bpjs_active",
                    "kpj",
                    "resident",
                    "notes",
                    "status",
                ]
            },
        }
    )
)


def _bad_mapping(detail: str, value: object = None) -> UserError:
    return UserError(
        "mapping", Text(f"berkas pemetaan kolom tidak sah: {detail}", f"invalid column mapping: {detail}"), value
    )


def load_mapping(path: Path | None) -> dict[str, Any]:
    """The mapping file (JSON), its missing parts from :data:`DEFAULT_MAPPING`; checked."""
    if path is None:
        fresh: dict[str, Any] = json.loads(json.dumps(DEFAULT_MAPPING))
        return fresh
    try:
        given = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad_mapping(type(exc).__name__, str(path)) from None
    if not isinstance(given, dict):
        raise _bad_mapping("bukan objek JSON", str(path))
    out = {**json.loads(json.dumps(DEFAULT_MAPPING)), **given}
    out["results"] = {**DEFAULT_MAPPING["results"], **given.get("results", {})}
    cols = out["columns"]
    if not isinstance(cols, list) or not cols:
        raise _bad_mapping("'columns' harus daftar kolom", str(path))
    for c in cols:
        if not isinstance(c, dict) or not isinstance(c.get("header"), str) or c.get("field") not in SHEET_FIELDS:
            raise _bad_mapping("kolom tanpa 'header' atau dengan 'field' yang tidak dikenal", json.dumps(c)[:80])
        if c.get("type", TEXT) not in (TEXT, DATE, NUMBER):
            raise _bad_mapping("'type' harus text, date atau number", c.get("type"))
    return out


def write_sheet(rows: Sequence[Any], mapping: Mapping[str, Any], out: Path) -> int:
    """Writes one row per nomination, in the mapping's columns; returns the rows written."""
    cols = mapping["columns"]
    wb = xlsxwriter.Workbook(str(out), {"strings_to_numbers": False, "strings_to_formulas": False})
    try:
        ws = wb.add_worksheet(str(mapping.get("sheet", "Peserta"))[:31])
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        text = wb.add_format({"num_format": "@"})
        date = wb.add_format({"num_format": "dd-mm-yyyy"})
        number = wb.add_format({"num_format": "#,##0"})
        ws.write_string(0, 0, "No", head)
        for j, c in enumerate(cols, start=1):
            ws.write_string(0, j, c["header"], head)
            kind = TEXT if c["field"] in ALWAYS_TEXT else c.get("type", TEXT)
            ws.set_column(j, j, 22 if kind == TEXT else 14, text if kind == TEXT else None)
        for i, row in enumerate(rows, start=1):
            g = _field_values(row)
            ws.write_number(i, 0, i)
            for j, c in enumerate(cols, start=1):
                v = g.get(c["field"])
                kind = TEXT if c["field"] in ALWAYS_TEXT else c.get("type", TEXT)
                if v is None or v == "":
                    ws.write_blank(i, j, None, text if kind == TEXT else None)
                elif kind == DATE and isinstance(v, dt.date):
                    ws.write_datetime(i, j, dt.datetime.combine(v, dt.time()), date)
                elif kind == NUMBER and isinstance(v, int | float) and not isinstance(v, bool):
                    ws.write_number(i, j, v, number)
                else:
                    ws.write_string(i, j, str(v), text)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(cols))
    finally:
        wb.close()
    return len(rows)


# -- the branch's answer --------------------------------------------------------------------------

REGISTERED, REJECTED = "registered", "rejected"


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One row of the branch's answer, read and checked (``problem`` says why it cannot be used)."""

    row: int  # the row number in the file (1 = the header)
    nik: str
    outcome: str  # registered | rejected | "" (unreadable)
    kpj: str = ""
    coverage_start: dt.date | None = None
    coverage_end: dt.date | None = None
    reason: str = ""
    problem: Text | None = None


@dataclass
class Answer:
    rows: list[AnswerRow] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # our value -> the header found


_KPJ = re.compile(r"\d{8,13}")


def _norm(h: object) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(h or "").lower()).strip()


def _cells(path: Path) -> list[list[Any]]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            raw = path.read_bytes().decode("utf-8-sig")
            dialect = csv.Sniffer().sniff(raw[:4096], delimiters=",;\t") if raw.strip() else csv.excel
            return [list(r) for r in csv.reader(io.StringIO(raw), dialect)]
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(path))
        return [list(r) for r in wb.get_sheet_by_index(0).to_python()]
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as exc:
        raise UserError(
            "file",
            Text(f"tidak bisa dibaca ({type(exc).__name__})", f"cannot be read ({type(exc).__name__})"),
            path.name,
        ) from None
    except Exception as exc:  # calamine's own errors: a damaged or foreign workbook
        if type(exc).__module__.startswith("python_calamine"):
            raise UserError(
                "file",
                Text(
                    f"bukan lembar kerja yang terbaca ({type(exc).__name__})",
                    f"not a readable workbook ({type(exc).__name__})",
                ),
                path.name,
            ) from None
        raise


def _date(v: Any) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = str(v).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(s[:10], fmt).date()  # noqa: DTZ007 (a calendar date, no time of day)
        except ValueError:
            continue
    raise ValueError(s)


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read_answer(path: Path, mapping: Mapping[str, Any]) -> Answer:
    """Reads the branch's file (``.xlsx``/``.xls``/``.ods`` or ``.csv``): the header row is the
    first row naming a NIK column; each later row becomes an :class:`AnswerRow`."""
    cells = _cells(path)
    wanted = {k: {_norm(h) for h in v} for k, v in mapping["results"].items()}
    header_at, cols = -1, {}
    for i, r in enumerate(cells[:20]):
        names = [_norm(c) for c in r]
        found = {
            k: names.index(next(n for n in names if n in hs)) for k, hs in wanted.items() if any(n in hs for n in names)
        }
        if "nik" in found:
            header_at, cols = i, found
            break
    if header_at < 0:
        raise UserError(
            "file",
            Text("tidak ada kolom NIK di 20 baris pertama", "no NIK column in the first 20 rows"),
            path.name,
        )
    reg = {_norm(x) for x in mapping["registered_words"]}
    rej = {_norm(x) for x in mapping["rejected_words"]}
    out = Answer(columns={k: str(cells[header_at][j]) for k, j in cols.items()})
    for i, r in enumerate(cells[header_at + 1 :], start=header_at + 2):

        def get(key: str, r: list[Any] = r) -> Any:
            j = cols.get(key)
            return r[j] if j is not None and j < len(r) else None

        if not any(_text(c) for c in r):
            continue
        raw_nik = get("nik")
        nik = normalize_number(_text(raw_nik))
        if (isinstance(raw_nik, float | int) and not isinstance(raw_nik, bool)) or looks_like_excel_float(
            _text(raw_nik)
        ):
            out.rows.append(
                AnswerRow(
                    i,
                    nik,
                    "",
                    problem=Text(
                        "NIK tertulis sebagai angka, bukan teks: Excel bisa sudah membulatkannya; minta berkas dengan NIK sebagai teks",
                        "the NIK is written as a number, not text: Excel may have rounded it; ask for the file with NIKs as text",
                    ),
                )
            )
            continue
        if not re.fullmatch(r"\d{16}", nik):
            out.rows.append(AnswerRow(i, nik, "", problem=Text("NIK bukan 16 angka", "the NIK is not 16 digits")))
            continue
        status = _norm(_text(get("status")))
        kpj = normalize_number(_text(get("kpj")))
        reason = _text(get("reason"))
        if status in reg or (not status and kpj):
            outcome = REGISTERED
        elif status in rej or any(w in status.split() for w in rej):
            outcome = REJECTED
        elif any(w in status.split() for w in reg):
            outcome = REGISTERED
        else:
            out.rows.append(
                AnswerRow(i, nik, "", problem=Text(f"status tidak dikenal: {status!r}", f"unknown status: {status!r}"))
            )
            continue
        try:
            start, end = _date(get("coverage_start")), _date(get("coverage_end"))
        except ValueError as exc:
            out.rows.append(
                AnswerRow(i, nik, outcome, problem=Text(f"tanggal tidak terbaca: {exc}", f"unreadable date: {exc}"))
            )
            continue
        if outcome == REGISTERED:
            if not _KPJ.fullmatch(kpj):
                out.rows.append(
                    AnswerRow(
                        i, nik, outcome, kpj, problem=Text("nomor KPJ harus 8-13 angka", "the KPJ must be 8-13 digits")
                    )
                )
                continue
            if start is None or (end is not None and end < start):
                out.rows.append(
                    AnswerRow(
                        i,
                        nik,
                        outcome,
                        kpj,
                        start,
                        end,
                        problem=Text(
                            "periode kepesertaan tidak lengkap atau terbalik",
                            "the coverage period is missing or reversed",
                        ),
                    )
                )
                continue
            out.rows.append(AnswerRow(i, nik, outcome, kpj, start, end, ""))
        else:
            out.rows.append(
                AnswerRow(i, nik, outcome, reason=reason or "Ditolak oleh BPJS Ketenagakerjaan (tanpa keterangan)")
            )
    return out

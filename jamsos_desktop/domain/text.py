"""Bilingual messages and the errors a person can fix.

The domain speaks Indonesian by default and English on request. Qt's own translation system
covers the widgets; these messages come from rules that also run in the CLI and the hub, so
they carry both languages themselves.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .issues import CODES, ERROR

LANGUAGES = ("id", "en")
_language = os.environ.get("JAMSOS_LANG", "id") if os.environ.get("JAMSOS_LANG") in LANGUAGES else "id"


def set_language(lang: str) -> None:
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _language = lang


def language() -> str:
    return _language


@dataclass(frozen=True, slots=True)
class Text:
    """One message in Indonesian (``id``) and English (``en``)."""

    id: str
    en: str

    def get(self, lang: str | None = None) -> str:
        return self.en if (lang or _language) == "en" else self.id

    def __str__(self) -> str:
        return self.get()

    def format(self, **values: object) -> Text:
        return Text(self.id.format(**values), self.en.format(**values))


# Labels of the fields people fill in; messages name the field with these.
FIELD_LABELS: dict[str, Text] = {
    "nik": Text("NIK", "NIK"),
    "kk": Text("No. KK", "Family card no."),
    "name": Text("Nama", "Name"),
    "birth_place": Text("Tempat lahir", "Place of birth"),
    "birth_date": Text("Tanggal lahir", "Date of birth"),
    "sex": Text("Jenis kelamin", "Sex"),
    "address": Text("Alamat", "Address"),
    "dusun": Text("Dusun", "Hamlet"),
    "rt": Text("RT", "RT"),
    "rw": Text("RW", "RW"),
    "phone": Text("No. HP", "Mobile no."),
    "occupation": Text("Pekerjaan (KTP)", "Occupation (ID card)"),
    "category": Text("Kategori pekerja", "Worker category"),
    "income": Text("Penghasilan per bulan", "Monthly income"),
    "heir_name": Text("Nama ahli waris", "Heir's name"),
    "heir_relation": Text("Hubungan ahli waris", "Heir's relationship"),
    "heir_phone": Text("No. HP ahli waris", "Heir's mobile no."),
    "kpj": Text("Nomor KPJ", "KPJ number"),
    "consent_date": Text("Tanggal persetujuan pemrosesan data", "Date of consent to data processing"),
    "days": Text("Masa simpan (hari)", "Retention (days)"),
    "village": Text("Kode desa", "Village code"),
    "head_name": Text("Nama kepala desa", "Village head's name"),
    "head_title": Text("Sebutan kepala desa", "Village head's title"),
    "operator": Text("Nama operator", "Operator's name"),
    "year": Text("Tahun program", "Program year"),
    "months": Text("Jumlah bulan", "Months covered"),
    "quota": Text("Kuota", "Quota"),
    "budget": Text("Pagu anggaran", "Budget ceiling"),
    "reference_date": Text("Tanggal acuan", "Reference date"),
    "min_age": Text("Usia minimum", "Minimum age"),
    "max_age": Text("Usia maksimum", "Maximum age"),
    "income_cap": Text("Batas penghasilan", "Income cap"),
    "contribution": Text("Aturan iuran", "Contribution rule"),
    "funding": Text("Sumber dana", "Funding source"),
    "reason": Text("Alasan", "Reason"),
    "worker": Text("Pekerja", "Worker"),
    "nomination": Text("Nominasi", "Nomination"),
    "user": Text("Pengguna", "User"),
    "role": Text("Peran", "Role"),
    "workers": Text("Jumlah pekerja", "Number of workers"),
    "database": Text("Basis data", "Database"),
    "username": Text("Nama pengguna", "Username"),
    "password": Text("Kata sandi", "Password"),
    "paper": Text("Kertas", "Paper"),
    "out": Text("Berkas keluaran", "Output file"),
    "decree_number": Text("Nomor keputusan", "Decree number"),
    "decree_date": Text("Tanggal keputusan", "Decree date"),
    "scan": Text("Pindaian", "Scan"),
    "emblem": Text("Lambang", "Emblem"),
    "printer": Text("Printer", "Printer"),
    "file": Text("Berkas", "File"),
    "sheet": Text("Lembar", "Sheet"),
    "mapping": Text("Pemetaan kolom", "Column mapping"),
    "row": Text("Baris", "Row"),
    "head_nip": Text("NIP kepala desa", "Head's civil servant no. (NIP)"),
    "signer_nip": Text("NIP penanda tangan", "Signer's civil servant no. (NIP)"),
    "budget_ceiling": Text("Pagu anggaran", "Budget ceiling"),
    "regulation_number": Text("Nomor peraturan", "Regulation number"),
    "backup": Text("Cadangan", "Backup"),
    "recovery": Text("Kunci pemulihan", "Recovery key"),
    "keys": Text("Kunci perangkat", "Device keys"),
    "--mirror": Text("Folder salinan cadangan (--mirror)", "Backup mirror folder (--mirror)"),
    "password-fd": Text("Deskriptor kata sandi (--password-fd)", "Password descriptor (--password-fd)"),
    "fd": Text("Deskriptor berkas", "File descriptor"),
    "paths": Text("Berkas atau folder", "Files or folders"),
    # The district hub's.
    "hub_db": Text("Basis data kabupaten", "District database"),
    "hub_keys": Text("Kunci kabupaten", "District keys"),
    "candidate": Text("Kandidat ganda", "Duplicate candidate"),
    "keep": Text("Pilihan desa (--keep)", "Village kept (--keep)"),
    "target": Text("Target cakupan", "Coverage target"),
    "region": Text("Kode kabupaten/kota", "Regency or city code"),
}


def field_label(field: str, lang: str | None = None) -> str:
    label = FIELD_LABELS.get(field)
    return label.get(lang) if label else field


@dataclass(frozen=True, slots=True)
class Issue:
    """A finding about one field: an error blocks saving, a warning only informs.

    ``code`` is one of ``domain.issues.CODES`` and decides the severity; code that reacts to a
    finding reads the code, never the text. ``value`` is what was given for the field.
    """

    code: str
    field: str
    text: Text
    value: object = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown issue code {self.code!r}")

    @property
    def severity(self) -> str:
        return CODES[self.code].severity

    @property
    def is_error(self) -> bool:
        return CODES[self.code].severity == ERROR

    def message(self, lang: str | None = None) -> str:
        return f"{field_label(self.field, lang)}: {self.text.get(lang)}"

    def to_dict(self, lang: str | None = None) -> dict[str, object]:
        """For reports and files: code, severity, field, value (as text) and the message."""
        value = self.value.isoformat() if isinstance(self.value, dt.date) else self.value
        return {
            "code": self.code,
            "severity": self.severity,
            "field": self.field,
            "value": "" if value is None else str(value),
            "message": self.text.get(lang),
        }


class UserError(Exception):
    """A mistake the person can fix: shown as one clear line, never as a traceback.

    ``field`` names what was wrong and ``value`` what was given, so the message can say both;
    ``issue_code``, when the mistake is a validation finding, is its code (``domain.issues``);
    not ``code``, which subclasses such as the sync's refusals use for codes of their own.
    """

    def __init__(self, field: str, text: Text, value: object | None = None, *, issue_code: str | None = None) -> None:
        self.field = field
        self.text = text
        self.value = value
        self.issue_code = issue_code
        super().__init__(self.message("id"))

    def message(self, lang: str | None = None) -> str:
        label = field_label(self.field, lang)
        if self.value is None or self.value == "":
            return f"{label}: {self.text.get(lang)}"
        return f"{label} '{self.value}': {self.text.get(lang)}"

    def __str__(self) -> str:
        return self.message()


class ValidationError(UserError):
    """Several findings at once (a form); the first error is the headline."""

    def __init__(self, issues: list[Issue], values: dict[str, object] | None = None) -> None:
        errors = [i for i in issues if i.is_error]
        if not errors:
            raise ValueError("ValidationError needs at least one error")
        self.issues = issues
        self.values = values or {}
        first = errors[0]
        super().__init__(first.field, first.text, self.values.get(first.field), issue_code=first.code)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def codes(self) -> list[str]:
        """The codes of every finding, errors and warnings, in order."""
        return [i.code for i in self.issues]

    def message(self, lang: str | None = None) -> str:
        """Every error on one line, each naming its field (and the value for the first)."""
        head = UserError.message(self, lang)
        rest = [i.message(lang) for i in self.errors[1:]]
        return "; ".join([head, *rest])


class NotFound(UserError):
    pass


class PermissionDenied(UserError):
    pass

"""One definition of every record: its fields, as data.

Each field says what it is called (the attribute of the plain row, the stored column, the key
its input comes under), what it holds (kind, length, whether it may be empty), how people see
it (bilingual label, position in the form), whether it is personal data (UU 27/2022), its name
in exports (the register export, spreadsheet columns), and whether it is part of the QR content
hash of the printed form (and where: the position is frozen, printed codes depend on it).

Everything else is derived from this or checked against it by ``tests/test_records.py``: the
ORM models (columns, types, lengths, nullability), the plain rows (``domain.rows``), the
mapping from models to rows (``services.workers.worker_row`` …), ``domain.worker.WorkerData``,
the fields the reports read, ``reports.qr.content_hash`` and the worker form's fields and order.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .text import Text


class Kind(enum.Enum):
    """What a field holds, as stored: each kind maps to one column type."""

    STRING = "string"  # text of at most ``length`` characters
    TEXT = "text"  # text of any length
    INT = "int"
    BIGINT = "bigint"  # money and counters that can pass 2**31
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"  # UTC, without time zone
    JSON = "json"
    BYTES = "bytes"


_PYTHON: dict[Kind, type] = {
    Kind.STRING: str,
    Kind.TEXT: str,
    Kind.INT: int,
    Kind.BIGINT: int,
    Kind.BOOL: bool,
    Kind.DATE: dt.date,
    Kind.DATETIME: dt.datetime,
    Kind.JSON: object,
    Kind.BYTES: bytes,
}


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record. Names left empty default to ``name``."""

    name: str
    kind: Kind
    label: Text
    length: int | None = None  # STRING only: the column's length, also the input's maximum
    nullable: bool = False  # the stored value may be NULL (None)
    personal: bool = False  # personal data in the sense of UU 27/2022 (identity, contact, heir, …)
    export: str | None = None  # column name in exports and spreadsheets; None: not exported
    required: bool = False  # input must give it (form, CLI, import)
    input: str | None = None  # key of people's input (form, CLI, import); None: kept by the system
    form: int | None = None  # position in the form's order (tab order); None: not on the form
    hash: int | None = None  # position in the QR content hash; never renumber (printed codes)
    row: bool = True  # on the record's plain row (domain.rows), in the order of the fields
    attr: str = ""  # attribute of the plain row, when it differs from ``name``
    column: str = ""  # stored column (and model attribute), when it differs from ``name``
    synced: bool = True  # travels in the village's sync file
    # Identity or eligibility: changed after the head approved, the approval no longer holds
    # (the nomination goes back to proposed; services.workers.edit_worker).
    decision: bool = False

    def __post_init__(self) -> None:
        if not self.attr:
            object.__setattr__(self, "attr", self.name)
        if not self.column:
            object.__setattr__(self, "column", self.name)
        if (self.kind is Kind.STRING) != (self.length is not None):
            raise ValueError(f"{self.name}: a length is given exactly for STRING fields")
        if self.required and self.input is None:
            raise ValueError(f"{self.name}: a required field is one people enter")
        if self.form is not None and self.input is None:
            raise ValueError(f"{self.name}: a field on the form is one people enter")

    @property
    def python_type(self) -> Any:
        """The type of the value on a row and in ``domain.worker.WorkerData`` (JSON: ``object``)."""
        base = _PYTHON[self.kind]
        return base | None if self.nullable else base


@dataclass(frozen=True)
class Record:
    """A record's fields in the order of its plain row (fields not on the row after them)."""

    name: str
    table: str
    label: Text
    fields: tuple[Field, ...]
    row_class: str | None = None  # the plain row in domain.rows, when there is one
    _by_name: Mapping[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name = {f.name: f for f in self.fields}
        if len(by_name) != len(self.fields):
            raise ValueError(f"{self.name}: two fields have the same name")
        for what in ("column", "attr", "export", "input", "form"):
            values = [getattr(f, what) for f in self.fields if getattr(f, what) is not None]
            if len(set(values)) != len(values):
                raise ValueError(f"{self.name}: two fields have the same {what}")
        object.__setattr__(self, "_by_name", by_name)

    def __getitem__(self, name: str) -> Field:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    @property
    def row_fields(self) -> tuple[Field, ...]:
        """The fields of the plain row, in its order."""
        return tuple(f for f in self.fields if f.row)

    @property
    def input_fields(self) -> tuple[Field, ...]:
        """The fields people enter (form, CLI, import)."""
        return tuple(f for f in self.fields if f.input is not None)

    @property
    def form_fields(self) -> tuple[Field, ...]:
        """The fields of the form, in the form's order."""
        return tuple(sorted((f for f in self.fields if f.form is not None), key=lambda f: f.form or 0))

    @property
    def form_inputs(self) -> tuple[str, ...]:
        """The input keys of the form's fields, in the form's order."""
        return tuple(f.input for f in self.form_fields if f.input is not None)

    @property
    def required_inputs(self) -> tuple[str, ...]:
        return tuple(f.input for f in self.fields if f.required and f.input is not None)

    @property
    def exported(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.export is not None)

    @property
    def personal(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.personal)

    @property
    def decision_fields(self) -> tuple[Field, ...]:
        """The fields whose change after approval needs a new decision."""
        return tuple(f for f in self.fields if f.decision)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.column for f in self.fields)

    def by_input(self, key: str) -> Field:
        for f in self.fields:
            if f.input == key:
                return f
        raise KeyError(key)


def _t(id_: str, en: str) -> Text:
    return Text(id_, en)


# -- what every synced record has ---------------------------------------------------------------

_ID_LABEL = _t("ID", "ID")


def _id(*, row: bool = True) -> Field:
    return Field("id", Kind.STRING, _ID_LABEL, 36, export="ID", row=row)


def _sync_tail(*on_row: str) -> tuple[Field, ...]:
    """The bookkeeping columns of storage's SyncMixin after the record's own fields; ``on_row``
    names those its plain row carries (they come on the row in this order)."""
    tail = (
        Field("version", Kind.INT, _t("Versi", "Version")),
        Field("created_at", Kind.DATETIME, _t("Dibuat", "Created")),
        Field("updated_at", Kind.DATETIME, _t("Diubah", "Changed")),
        Field("deleted_at", Kind.DATETIME, _t("Dihapus", "Deleted"), nullable=True),
        Field("change_seq", Kind.BIGINT, _t("Nomor perubahan", "Change number")),
        Field("created_by", Kind.STRING, _t("Dibuat oleh", "Created by"), 36, nullable=True),
        Field("updated_by", Kind.STRING, _t("Diubah oleh", "Changed by"), 36, nullable=True),
    )
    unknown = set(on_row) - {f.name for f in tail}
    if unknown:
        raise ValueError(f"not a bookkeeping column: {sorted(unknown)}")
    return tuple(Field(f.name, f.kind, f.label, f.length, f.nullable, row=f.name in on_row) for f in tail)


def _s(name: str, length: int, label: Text, **kw: Any) -> Field:
    return Field(name, Kind.STRING, label, length, **kw)


# -- the records --------------------------------------------------------------------------------

WORKER = Record(
    "worker",
    "workers",
    _t("Pekerja", "Worker"),
    (
        Field("id", Kind.STRING, _ID_LABEL, 36, export="ID", hash=0),
        _s(
            "nik",
            16,
            _t("NIK", "NIK"),
            personal=True,
            export="NIK",
            required=True,
            input="nik",
            decision=True,
            form=0,
            hash=1,
        ),
        _s(
            "kk",
            16,
            _t("No. KK", "Family card no."),
            personal=True,
            export="NO_KK",
            required=True,
            input="kk",
            decision=True,
            form=1,
            hash=2,
        ),
        _s(
            "name",
            120,
            _t("Nama lengkap", "Full name"),
            personal=True,
            export="NAMA_LENGKAP",
            required=True,
            input="name",
            decision=True,
            form=2,
            hash=3,
        ),
        _s(
            "birth_place",
            60,
            _t("Tempat lahir", "Place of birth"),
            personal=True,
            export="TEMPAT_LAHIR",
            required=True,
            input="birth_place",
            decision=True,
            form=3,
            hash=4,
        ),
        Field(
            "birth_date",
            Kind.DATE,
            _t("Tanggal lahir", "Date of birth"),
            personal=True,
            export="TANGGAL_LAHIR",
            required=True,
            input="birth_date",
            decision=True,
            form=4,
            hash=5,
        ),
        _s(
            "sex",
            1,
            _t("Jenis kelamin", "Sex"),
            personal=True,
            export="JENIS_KELAMIN",
            required=True,
            input="sex",
            decision=True,
            form=5,
            hash=6,
        ),
        _s("address", 250, _t("Alamat", "Address"), personal=True, export="ALAMAT", input="address", form=7, hash=7),
        _s(
            "dusun",
            60,
            _t("Dusun", "Hamlet"),
            personal=True,
            export="DUSUN",
            required=True,
            input="dusun",
            form=8,
            hash=8,
        ),
        _s("rt", 3, _t("RT", "RT"), personal=True, export="RT", required=True, input="rt", form=9, hash=9),
        _s("rw", 3, _t("RW", "RW"), personal=True, export="RW", required=True, input="rw", form=10, hash=10),
        _s("phone", 16, _t("No. HP", "Mobile no."), personal=True, export="NO_HP", input="phone", form=6),
        Field(
            "occupation_code",
            Kind.INT,
            _t("Pekerjaan (KTP)", "Occupation (ID card)"),
            export="KODE_PEKERJAAN",
            required=True,
            input="occupation",
            decision=True,
            form=11,
            hash=11,
        ),
        _s(
            "category",
            30,
            _t("Kategori pekerja", "Worker category"),
            export="KATEGORI",
            required=True,
            input="category",
            decision=True,
            form=12,
            hash=12,
        ),
        Field(
            "income",
            Kind.BIGINT,
            _t("Penghasilan/bulan (Rp)", "Income/month (Rp)"),
            nullable=True,
            personal=True,  # financial data
            export="PENGHASILAN",
            input="income",
            decision=True,
            form=13,
        ),
        _s(
            "heir_name",
            120,
            _t("Nama ahli waris", "Heir's name"),
            personal=True,
            export="NAMA_AHLI_WARIS",
            input="heir_name",
            form=14,
            hash=13,
        ),
        _s(
            "heir_relation",
            40,
            _t("Hubungan ahli waris", "Heir's relationship"),
            personal=True,
            export="HUBUNGAN_AHLI_WARIS",
            input="heir_relation",
            form=15,
            hash=14,
        ),
        _s(
            "heir_phone",
            16,
            _t("No. HP ahli waris", "Heir's mobile no."),
            personal=True,
            export="NO_HP_AHLI_WARIS",
            input="heir_phone",
            form=16,
        ),
        Field(
            "dtks",
            Kind.BOOL,
            _t("Terdaftar DTKS/P3KE", "Listed in DTKS/P3KE"),
            personal=True,  # a poverty listing says something about the household
            export="DTKS",
            input="dtks",
            decision=True,
            form=19,
        ),
        Field(
            "bpjs_active",
            Kind.BOOL,
            _t("Sudah peserta BPJS TK aktif", "Already an active BPJS TK participant"),
            export="PESERTA_BPJS_AKTIF",
            input="bpjs_active",
            decision=True,
            form=20,
        ),
        _s("kpj", 13, _t("Nomor KPJ", "KPJ number"), personal=True, export="NO_KPJ", input="kpj", form=17),
        Field(
            "resident",
            Kind.BOOL,
            _t("Penduduk desa ini", "Resident of this village"),
            export="PENDUDUK_DESA",
            input="resident",
            decision=True,
            form=18,
        ),
        Field("notes", Kind.TEXT, _t("Catatan", "Notes"), personal=True, export="CATATAN", input="notes", form=21),
        # The worker's status in the active program, a copy of the nomination's for fast filters.
        _s("status", 12, _t("Status", "Status"), export="STATUS"),
        *_sync_tail("version", "created_at", "updated_at"),
        # Consent to the processing of personal data (UU 27/2022, art. 20-22): the day the worker
        # agreed (None: no consent recorded, so no nomination), the moment it was withdrawn, and
        # when the personal data were erased after a withdrawal or the retention period
        # (services.privacy). After the sync tail so that rows built positionally before stay valid.
        Field(
            "consent_date",
            Kind.DATE,
            _t("Tanggal persetujuan pemrosesan data", "Date of consent to data processing"),
            nullable=True,
            export="TANGGAL_PERSETUJUAN",
            input="consent_date",
            form=22,
            synced=False,  # not in sync format version 1 (sync/contract.py LOCAL_ONLY)
        ),
        Field(
            "consent_withdrawn_at",
            Kind.DATETIME,
            _t("Persetujuan dicabut", "Consent withdrawn"),
            nullable=True,
            export="PERSETUJUAN_DICABUT",
            synced=False,
        ),
        Field(
            "purged_at",
            Kind.DATETIME,
            _t("Data pribadi dihapus", "Personal data erased"),
            nullable=True,
            row=False,
            synced=False,
        ),
        # The name's words as the search index splits and folds them: derived, never entered.
        _s("name_key", 120, _t("Kunci nama", "Name key"), personal=True, row=False),
    ),
    row_class="WorkerRow",
)


NOMINATION = Record(
    "nomination",
    "nominations",
    _t("Nominasi", "Nomination"),
    (
        _id(),
        _s("worker_id", 36, _t("ID pekerja", "Worker id"), export="ID_PEKERJA"),
        _s("program_id", 36, _t("ID program", "Program id"), export="ID_PROGRAM"),
        _s("status", 12, _t("Status", "Status"), export="STATUS"),
        Field("months", Kind.INT, _t("Lama perlindungan (bulan)", "Months covered"), export="BULAN", hash=16),
        Field(
            "monthly_contribution",
            Kind.BIGINT,
            _t("Iuran per bulan", "Monthly contribution"),
            export="IURAN_PER_BULAN",
            hash=17,
        ),
        Field("score", Kind.INT, _t("Skor", "Score"), export="SKOR"),
        Field("rank", Kind.INT, _t("Peringkat", "Rank"), nullable=True, export="PERINGKAT"),
        Field("decline_reason", Kind.TEXT, _t("Alasan penolakan", "Reason declined"), export="ALASAN_PENOLAKAN"),
        _s("kpj", 13, _t("Nomor KPJ", "KPJ number"), personal=True, export="NO_KPJ"),
        Field(
            "coverage_start",
            Kind.DATE,
            _t("Awal kepesertaan", "Coverage start"),
            nullable=True,
            export="AWAL_KEPESERTAAN",
        ),
        Field(
            "coverage_end",
            Kind.DATE,
            _t("Akhir kepesertaan", "Coverage end"),
            nullable=True,
            export="AKHIR_KEPESERTAAN",
        ),
        Field("result_reason", Kind.TEXT, _t("Keterangan hasil", "Result note"), export="KETERANGAN_HASIL"),
        Field("export_seq", Kind.INT, _t("Nomor kiriman", "Export number"), nullable=True, export="NO_KIRIMAN"),
        Field("printed_at", Kind.DATETIME, _t("Dicetak", "Printed"), nullable=True, export="DICETAK"),
        Field("signed_at", Kind.DATETIME, _t("Ditandatangani", "Signed"), nullable=True, export="DITANDATANGANI"),
        _s("signed_scan_sha256", 64, _t("Pindaian bertanda tangan", "Signed scan"), nullable=True),
        *_sync_tail("version"),
        _s("decided_by", 36, _t("Diputuskan oleh", "Decided by"), nullable=True, row=False),
        Field("decided_at", Kind.DATETIME, _t("Diputuskan", "Decided"), nullable=True, row=False),
    ),
    row_class="NominationRow",
)


NOMINATION_EVENT = Record(
    "nomination_event",
    "nomination_events",
    _t("Riwayat status", "Status history"),
    (
        Field("at", Kind.DATETIME, _t("Waktu", "Time"), export="WAKTU"),
        _s("from_status", 12, _t("Dari status", "From status"), nullable=True, export="DARI_STATUS"),
        _s("to_status", 12, _t("Ke status", "To status"), export="KE_STATUS"),
        _s("username", 40, _t("Pengguna", "User"), export="PENGGUNA"),
        Field("note", Kind.TEXT, _t("Catatan", "Note"), export="CATATAN"),
        Field("seq", Kind.INT, _t("Urutan", "Sequence"), row=False),
        _id(row=False),
        _s("nomination_id", 36, _t("ID nominasi", "Nomination id"), row=False),
        _s("user_id", 36, _t("ID pengguna", "User id"), nullable=True, row=False),
        Field("change_seq", Kind.BIGINT, _t("Nomor perubahan", "Change number"), row=False),
    ),
    row_class="EventRow",
)


VILLAGE = Record(
    "village",
    "village",
    _t("Desa", "Village"),
    (
        _id(),
        _s("code", 13, _t("Kode desa", "Village code"), export="KODE_DESA"),
        _s("name", 100, _t("Nama desa", "Village name"), export="NAMA_DESA"),
        _s("kind", 12, _t("Desa/kelurahan", "Village/kelurahan"), export="JENIS"),
        _s("district_name", 100, _t("Kecamatan", "District"), export="KECAMATAN"),
        _s("regency_name", 100, _t("Kabupaten/kota", "Regency/city"), export="KABUPATEN_KOTA"),
        _s("province_name", 100, _t("Provinsi", "Province"), export="PROVINSI"),
        _s("postal_code", 5, _t("Kode pos", "Postal code"), nullable=True, export="KODE_POS"),
        _s("head_title", 40, _t("Sebutan kepala desa", "Village head's title"), export="SEBUTAN_KEPALA"),
        _s("head_name", 120, _t("Nama kepala desa", "Village head's name"), personal=True, export="NAMA_KEPALA"),
        _s("operator_name", 120, _t("Nama operator", "Operator's name"), personal=True, export="NAMA_OPERATOR"),
        _s("office_address", 250, _t("Alamat kantor", "Office address"), export="ALAMAT_KANTOR"),
        _s("emblem_sha256", 64, _t("Lambang", "Emblem"), nullable=True),
        _s("device_id", 36, _t("ID perangkat", "Device id"), export="ID_PERANGKAT"),
        *_sync_tail("version"),
    ),
    row_class="VillageRow",
)


PROGRAM = Record(
    "program",
    "programs",
    _t("Program", "Program"),
    (
        _id(),
        Field("year", Kind.INT, _t("Tahun program", "Program year"), export="TAHUN", hash=15),
        _s("name", 200, _t("Nama program", "Program name"), export="NAMA_PROGRAM"),
        _s("funding_source", 20, _t("Sumber dana", "Funding source"), export="SUMBER_DANA"),
        Field("months", Kind.INT, _t("Bulan dibayar", "Months paid"), export="BULAN"),
        Field("quota", Kind.INT, _t("Kuota", "Quota"), export="KUOTA"),
        Field("budget_ceiling", Kind.BIGINT, _t("Pagu anggaran", "Budget ceiling"), nullable=True, export="PAGU"),
        _s("contribution_mode", 20, _t("Aturan iuran", "Contribution rule"), export="ATURAN_IURAN"),
        Field("include_jht", Kind.BOOL, _t("Termasuk JHT", "Includes JHT"), export="JHT"),
        Field("bands", Kind.JSON, _t("Kelas iuran", "Contribution bands")),
        Field("rules", Kind.JSON, _t("Aturan kelayakan", "Eligibility rules")),
        Field("ranking_weights", Kind.JSON, _t("Bobot peringkat", "Ranking weights"), attr="weights"),
        Field("rule_set_version", Kind.INT, _t("Versi aturan", "Rule set version"), export="VERSI_ATURAN"),
        Field("reference_date", Kind.DATE, _t("Tanggal acuan", "Reference date"), export="TANGGAL_ACUAN"),
        *_sync_tail("version"),
        Field("active", Kind.BOOL, _t("Aktif", "Active"), row=False),
    ),
    row_class="ProgramRow",
)


ASSESSMENT = Record(
    "assessment",
    "assessments",
    _t("Penilaian kelayakan", "Eligibility assessment"),
    (
        _s("worker_id", 36, _t("ID pekerja", "Worker id"), export="ID_PEKERJA"),
        Field("eligible", Kind.BOOL, _t("Memenuhi syarat", "Eligible"), export="MEMENUHI_SYARAT"),
        Field("score", Kind.INT, _t("Skor peringkat", "Ranking score"), export="SKOR"),
        Field("rank", Kind.INT, _t("Peringkat", "Rank"), nullable=True, export="PERINGKAT"),
        Field("within_quota", Kind.BOOL, _t("Dalam kuota", "Within the quota"), export="DALAM_KUOTA"),
        Field("outcomes", Kind.JSON, _t("Hasil tiap aturan", "Outcome of each rule"), attr="rules"),
        Field("score_parts", Kind.JSON, _t("Rincian skor", "Score parts")),
        Field("rule_set_version", Kind.INT, _t("Versi aturan", "Rule set version"), export="VERSI_ATURAN"),
        Field("worker_version", Kind.INT, _t("Versi data pekerja", "Worker record version")),
        Field("assessed_at", Kind.DATETIME, _t("Dinilai", "Assessed"), export="DINILAI"),
        _id(row=False),
        _s("program_id", 36, _t("ID program", "Program id"), row=False),
        *_sync_tail(),
    ),
    row_class="AssessmentRow",
)


USER = Record(
    "user",
    "users",
    _t("Pengguna", "User"),
    (
        _id(),
        _s("username", 40, _t("Nama pengguna", "Username"), export="NAMA_PENGGUNA"),
        _s("full_name", 120, _t("Nama lengkap", "Full name"), personal=True, export="NAMA_LENGKAP"),
        _s("role", 12, _t("Peran", "Role"), export="PERAN"),
        # Secrets and this laptop's sign-in state stay on the laptop.
        _s("password_hash", 200, _t("Kata sandi", "Password"), nullable=True, synced=False),
        Field("active", Kind.BOOL, _t("Aktif", "Active"), export="AKTIF"),
        Field("failed_logins", Kind.INT, _t("Gagal masuk", "Failed sign-ins"), synced=False),
        Field("last_login_at", Kind.DATETIME, _t("Terakhir masuk", "Last signed in"), nullable=True, synced=False),
        *_sync_tail("version"),
    ),
)


ATTACHMENT = Record(
    "attachment",
    "attachments",
    _t("Lampiran", "Attachment"),
    (
        _s("sha256", 64, _t("SHA-256", "SHA-256"), export="SHA256"),
        _s("mime", 60, _t("Jenis berkas", "File type"), export="JENIS"),
        Field("size", Kind.BIGINT, _t("Ukuran", "Size"), export="UKURAN"),
        _s("filename", 200, _t("Nama berkas", "File name"), export="NAMA_BERKAS"),
        # A scan of a signed form: the person's data, signature or thumbprint.
        Field("data", Kind.BYTES, _t("Isi berkas", "Content"), personal=True),
        Field("created_at", Kind.DATETIME, _t("Dibuat", "Created")),
        _s("created_by", 36, _t("Dibuat oleh", "Created by"), nullable=True),
    ),
)


DRAFT = Record(
    "draft",
    "drafts",
    _t("Draf", "Draft"),
    (
        _id(),
        _s("user_id", 36, _t("ID pengguna", "User id"), nullable=True),
        _s("kind", 30, _t("Jenis", "Kind")),
        _s("entity_id", 36, _t("ID data", "Record id"), nullable=True),
        # What was typed into a form: a worker's data, not yet valid.
        Field("payload", Kind.JSON, _t("Isian", "Input"), personal=True),
        Field("updated_at", Kind.DATETIME, _t("Diubah", "Changed")),
    ),
)


RECORDS: tuple[Record, ...] = (
    WORKER,
    NOMINATION,
    NOMINATION_EVENT,
    VILLAGE,
    PROGRAM,
    ASSESSMENT,
    USER,
    ATTACHMENT,
    DRAFT,
)

BY_TABLE: dict[str, Record] = {r.table: r for r in RECORDS}

#: The records whose fields the QR content hash covers, in the order ``content_hash_fields`` reads them.
HASHED_RECORDS: tuple[Record, ...] = (WORKER, PROGRAM, NOMINATION)


def content_hash_fields(records: Iterable[Record] = HASHED_RECORDS) -> tuple[tuple[Record, Field], ...]:
    """The fields the QR content hash covers, in their hash positions."""
    found = [(r, f) for r in records for f in r.fields if f.hash is not None]
    return tuple(sorted(found, key=lambda rf: rf[1].hash or 0))

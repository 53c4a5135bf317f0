"""The record definition (domain/records.py) against everything that repeats its fields.

Each check here fails when a field is added, removed or changed in one place and not in the
definition (or the other way round): the ORM models, the plain rows, WorkerData, the fields the
reports read, the QR content hash and the worker form.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from jamsos_desktop.domain import records
from jamsos_desktop.domain import rows as domain_rows
from jamsos_desktop.domain import worker as worker_rules
from jamsos_desktop.domain.eligibility import RankingWeights, RuleSet
from jamsos_desktop.domain.records import Field, Kind, Record
from jamsos_desktop.domain.rows import NominationRow, WorkerRow
from jamsos_desktop.domain.text import Text as Label
from jamsos_desktop.domain.worker import WorkerData
from jamsos_desktop.reports import qr
from jamsos_desktop.services import village, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models

# Tables that hold bookkeeping rather than records people or the district see: no definition.
NOT_RECORDS = frozenset(
    {"audit_log", "settings", "counters", "sync_exports", "sync_imports", "sync_conflicts", "sync_results", "keys"}
)

_KINDS: dict[type, Kind] = {
    String: Kind.STRING,
    Text: Kind.TEXT,
    Integer: Kind.INT,
    BigInteger: Kind.BIGINT,
    Boolean: Kind.BOOL,
    Date: Kind.DATE,
    DateTime: Kind.DATETIME,
    JSON: Kind.JSON,
    LargeBinary: Kind.BYTES,
}


def model_differences(record: Record, table: Table) -> list[str]:
    """Every way the table's columns and the record's fields disagree (empty when they agree)."""
    out: list[str] = []
    columns = {c.name: c for c in table.columns}
    fields = {f.column: f for f in record.fields}
    out += [f"column {table.name}.{c} is not in the definition" for c in sorted(columns.keys() - fields.keys())]
    out += [f"field {record.name}.{f} has no column in {table.name}" for f in sorted(fields.keys() - columns.keys())]
    for name in sorted(columns.keys() & fields.keys()):
        c, f = columns[name], fields[name]
        kind = _KINDS.get(type(c.type))
        if kind is not f.kind:
            out.append(f"{table.name}.{name}: column type {c.type!r}, definition {f.kind}")
        length = getattr(c.type, "length", None) if kind is Kind.STRING else None
        if length != f.length:
            out.append(f"{table.name}.{name}: column length {length}, definition {f.length}")
        if bool(c.nullable) != f.nullable:
            out.append(f"{table.name}.{name}: column nullable={c.nullable}, definition nullable={f.nullable}")
    return out


# -- the definition and the models --------------------------------------------------------------


def test_every_table_is_a_record_or_named_as_bookkeeping() -> None:
    tables = set(models.Base.metadata.tables)
    defined = {r.table for r in records.RECORDS}
    assert tables - NOT_RECORDS == defined, "a new table needs a definition in domain/records.py (or NOT_RECORDS)"
    assert not NOT_RECORDS & defined


@pytest.mark.parametrize("record", records.RECORDS, ids=lambda r: r.name)
def test_the_model_has_exactly_the_defined_columns(record: Record) -> None:
    assert model_differences(record, models.Base.metadata.tables[record.table]) == []


def test_the_model_check_sees_a_column_or_a_field_added_alone() -> None:
    """The check above is not vacuous: a column without a field, a field without a column, and a
    changed type, length or nullability each make it fail."""
    table = models.Base.metadata.tables["workers"]

    def copy(*extra: Column[Any]) -> Table:
        return Table("workers", MetaData(), *(c._copy() for c in table.columns), *extra)

    assert model_differences(records.WORKER, copy()) == []
    assert model_differences(records.WORKER, copy(Column("email", String(120)))) == [
        "column workers.email is not in the definition"
    ]
    more = dataclasses.replace(
        records.WORKER, fields=(*records.WORKER.fields, Field("email", Kind.STRING, Label("Surel", "E-mail"), 120))
    )
    assert model_differences(more, copy()) == ["field worker.email has no column in workers"]
    for changed, expected in (
        (dataclasses.replace(records.WORKER["nik"], length=20), "workers.nik: column length 16, definition 20"),
        (dataclasses.replace(records.WORKER["income"], nullable=False), "workers.income: column nullable=True"),
        (dataclasses.replace(records.WORKER["notes"], kind=Kind.STRING, length=250), "workers.notes: column type"),
    ):
        fields = tuple(changed if f.name == changed.name else f for f in records.WORKER.fields)
        found = model_differences(dataclasses.replace(records.WORKER, fields=fields), copy())
        assert len(found) >= 1 and found[0].startswith(expected), found


# -- the definition itself ----------------------------------------------------------------------


@pytest.mark.parametrize("record", records.RECORDS, ids=lambda r: r.name)
def test_every_field_has_both_labels_and_a_well_formed_export_name(record: Record) -> None:
    for f in record.fields:
        assert f.label.id.strip() and f.label.en.strip(), f.name
        if f.export is not None:
            assert f.export.isupper() and f.export.replace("_", "").isalnum(), f.export


@pytest.mark.parametrize("record", records.RECORDS, ids=lambda r: r.name)
def test_form_positions_run_from_zero_without_gaps(record: Record) -> None:
    positions = sorted(f.form for f in record.fields if f.form is not None)
    assert positions == list(range(len(positions)))


def test_hash_positions_run_from_zero_without_gaps_across_the_hashed_records() -> None:
    hashed = records.content_hash_fields(records.RECORDS)
    assert [f.hash for _r, f in hashed] == list(range(len(hashed)))
    assert {r for r, _f in hashed} <= set(records.HASHED_RECORDS)


def test_identity_contact_and_heir_fields_are_personal() -> None:
    """What names, reaches or identifies a person is personal data (UU 27/2022): numbers of
    16 digits (NIK, KK, phones), a person's name, birth and address, and everything about the heir."""
    for r in records.RECORDS:
        for f in r.fields:
            identity = f.kind is Kind.STRING and f.length == 16
            about_person = r in (records.WORKER, records.USER) and f.name in {
                "name",
                "full_name",
                "birth_place",
                "birth_date",
                "address",
                "notes",
            }
            if identity or about_person or f.name.startswith("heir_"):
                assert f.personal, f"{r.name}.{f.name}"
    assert {f.name for f in records.WORKER.personal} >= {"nik", "kk", "name", "birth_date", "phone", "heir_name"}


def test_a_field_that_contradicts_itself_is_refused() -> None:
    with pytest.raises(ValueError, match="length"):
        Field("x", Kind.TEXT, Label("x", "x"), 10)
    with pytest.raises(ValueError, match="enter"):
        Field("x", Kind.INT, Label("x", "x"), required=True)
    with pytest.raises(ValueError, match="same export"):
        Record("r", "r", Label("r", "r"), tuple(Field(n, Kind.INT, Label(n, n), export="A") for n in "ab"))


# -- the plain rows and WorkerData ---------------------------------------------------------------

# What a row carries beyond its record's columns (a relation, read with it).
ROW_EXTRAS: dict[str, tuple[str, ...]] = {"NominationRow": ("events",)}
ROWED = [r for r in records.RECORDS if r.row_class]


def row_class(record: Record) -> type:
    assert record.row_class is not None
    cls: type = getattr(domain_rows, record.row_class)
    return cls


@pytest.mark.parametrize("record", ROWED, ids=lambda r: r.name)
def test_the_plain_row_has_the_record_s_row_fields_in_order(record: Record) -> None:
    cls = row_class(record)
    names = [f.name for f in dataclasses.fields(cls)]
    assert names == [f.attr for f in record.row_fields] + list(ROW_EXTRAS.get(cls.__name__, ()))


@pytest.mark.parametrize("record", ROWED, ids=lambda r: r.name)
def test_the_plain_row_s_types_are_the_definition_s(record: Record) -> None:
    hints = get_type_hints(row_class(record))
    for f in record.row_fields:
        if f.kind is Kind.JSON:
            continue  # a row holds stored JSON as typed values (RuleSet, tuples)
        # A row may also stand for a record not stored yet (an eligibility preview): None then.
        assert hints[f.attr] in (f.python_type, f.python_type | None), f.name


def test_every_row_in_the_domain_has_a_record_or_is_made_of_others() -> None:
    """A new row class in domain.rows either names its record (row_class) or is listed here as
    one made of other rows and figures, so no row keeps its own copy of a record's fields."""
    composed = {"RuleRow", "WorkerDetail", "QuotaSummary"}
    classes = {
        n for n, c in vars(domain_rows).items() if dataclasses.is_dataclass(c) and c.__module__ == domain_rows.__name__
    }
    assert classes == {r.row_class for r in ROWED} | composed


def test_the_services_rows_are_the_domain_rows() -> None:
    from jamsos_desktop.services import rows as service_rows

    for name in service_rows.__all__:
        assert getattr(service_rows, name) is getattr(domain_rows, name)


def test_worker_data_holds_exactly_the_fields_people_enter() -> None:
    hints = get_type_hints(WorkerData)
    data_fields = {f.name: f for f in dataclasses.fields(WorkerData)}
    entered = records.WORKER.input_fields
    assert set(data_fields) == {f.name for f in entered}
    for f in entered:
        assert hints[f.name] == f.python_type, f.name
        has_default = data_fields[f.name].default is not dataclasses.MISSING
        assert has_default != f.required, f"{f.name}: WorkerData's default and 'required' disagree"


def test_the_required_inputs_are_the_definition_s() -> None:
    assert set(worker_rules.REQUIRED) == set(records.WORKER.required_inputs)


# -- what the reports read ----------------------------------------------------------------------


def _report_protocols() -> list[type]:
    """The Protocols in reports/ that stand for a plain row (named like one: ``WorkerRow``)."""
    import importlib
    import pkgutil

    import jamsos_desktop.reports as reports

    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(reports.__path__, reports.__name__ + "."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            protocol = isinstance(obj, type) and getattr(obj, "_is_protocol", False)
            if protocol and name.endswith("Row") and obj.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = obj
    return list(found.values())


def test_the_report_protocols_name_only_fields_of_the_definition() -> None:
    """Each Protocol of reports/ is satisfied by its domain row: every member it names is a field
    of the record's row with the definition's type (or a property of the row with that type), so
    the Protocols can be replaced by the domain rows."""
    by_row = {r.row_class: r for r in ROWED}
    for proto in _report_protocols():
        record = by_row.get(proto.__name__)
        assert record is not None, f"{proto.__qualname__} stands for no record's row"
        row = row_class(record)
        fields = {f.attr: f for f in record.row_fields}
        for name, member in vars(proto).items():
            if not isinstance(member, property):
                continue
            wanted = get_type_hints(member.fget)["return"]
            if name in fields:
                assert fields[name].python_type == wanted, f"{proto.__name__}.{name}"
            else:
                real = getattr(row, name, None)
                assert isinstance(real, property), f"{proto.__name__}.{name} is not a field of {record.name}"
                assert get_type_hints(real.fget)["return"] == wanted, f"{proto.__name__}.{name}"


# -- from models to rows ------------------------------------------------------------------------


def _sample(f: Field, n: int) -> Any:
    """A value of the field's kind that differs from its neighbours' (n is the field's place)."""
    if f.kind is Kind.STRING:
        assert f.length is not None
        return chr(ord("A") + n % 26) if f.length == 1 else f"{f.name}{n}"[-f.length :]
    if f.kind is Kind.TEXT:
        return f"{f.name} {n}"
    if f.kind in (Kind.INT, Kind.BIGINT):
        return 1000 + n
    if f.kind is Kind.BOOL:
        return n % 2 == 0
    if f.kind is Kind.DATE:
        return dt.date(2000, 1, 1) + dt.timedelta(days=n)
    if f.kind is Kind.DATETIME:
        return dt.datetime(2020, 1, 1) + dt.timedelta(hours=n)
    return {
        "bands": [[0, 1_000_000], [1_100_000, 1_200_000]],
        "rules": RuleSet(min_age=17 + n).to_dict(),
        "ranking_weights": RankingWeights().to_dict(),
    }[f.name]


def _stored(record: Record, model: type[Any]) -> Any:
    return model(**{f.column: _sample(f, n) for n, f in enumerate(record.fields)})


MAPPINGS = [
    (records.WORKER, models.Worker, workers.worker_row),
    (records.NOMINATION, models.Nomination, lambda n: workers.nomination_row(n, with_events=False)),
    (records.VILLAGE, models.Village, village.village_row),
    (records.PROGRAM, models.Program, village.program_row),
]


@pytest.mark.parametrize(("record", "model", "to_row"), MAPPINGS, ids=lambda x: getattr(x, "name", ""))
def test_a_model_maps_to_its_row_field_by_field(record: Record, model: type[Any], to_row: Any) -> None:
    stored = _stored(record, model)
    row = to_row(stored)
    for f in record.row_fields:
        value = getattr(row, f.attr)
        if f.kind is Kind.JSON:  # typed on the row; its plain form is what was stored
            value = row.to_dict()[f.name if f.name != "ranking_weights" else "weights"]
        assert value == getattr(stored, f.column), f.name


def test_a_nomination_s_events_map_to_event_rows() -> None:
    n = _stored(records.NOMINATION, models.Nomination)
    n.events = [_stored(records.NOMINATION_EVENT, models.NominationEvent)]
    (event,) = workers.nomination_row(n).events
    for f in records.NOMINATION_EVENT.row_fields:
        assert getattr(event, f.attr) == getattr(n.events[0], f.column), f.name


def test_the_command_line_takes_every_field_people_enter() -> None:
    from jamsos_desktop.cli import worker_cmds

    options = [dest for dest, *_ in worker_cmds.FIELDS] + [dest for dest, *_ in worker_cmds.FLAGS]
    assert sorted(options) == sorted(f.input for f in records.WORKER.input_fields if f.input)
    flags = {dest for dest, *_ in worker_cmds.FLAGS}
    assert flags == {f.input for f in records.WORKER.input_fields if f.kind is Kind.BOOL}


# -- the QR content hash ------------------------------------------------------------------------


def _worker(**changes: Any) -> WorkerRow:
    base: dict[str, Any] = {
        "id": "019300aa-5b1e-7c3d-8e4f-a1b2c3d4e5f6",
        "nik": "3204051508950001",
        "kk": "3204051203120007",
        "name": "Budi Santoso",
        "birth_place": "Bandung",
        "birth_date": dt.date(1995, 8, 15),
        "sex": "L",
        "address": "Jl. Cibiru Hilir No. 12",
        "dusun": "Sukamaju",
        "rt": "001",
        "rw": "003",
        "phone": "081234567890",
        "occupation_code": 9,
        "category": "petani",
        "income": 1_500_000,
        "heir_name": "Siti Aminah",
        "heir_relation": "Istri",
        "heir_phone": "081298765432",
        "dtks": True,
        "bpjs_active": False,
        "kpj": "",
        "resident": True,
        "notes": "",
        "status": "approved",
        "version": 3,
        "created_at": dt.datetime(2026, 11, 1, 8, 30),
        "updated_at": dt.datetime(2026, 11, 2, 9, 45),
    }
    return WorkerRow(**(base | changes))


def _nomination(**changes: Any) -> NominationRow:
    base: dict[str, Any] = {
        "id": "019300bb-0000-7000-8000-000000000001",
        "worker_id": "019300aa-5b1e-7c3d-8e4f-a1b2c3d4e5f6",
        "program_id": "019300cc-0000-7000-8000-000000000001",
        "status": "approved",
        "months": 12,
        "monthly_contribution": 16_800,
        "score": 40,
        "rank": 1,
        "decline_reason": "",
        "kpj": "",
        "coverage_start": None,
        "coverage_end": None,
        "result_reason": "",
        "export_seq": None,
        "printed_at": None,
        "signed_at": None,
        "signed_scan_sha256": None,
        "version": 2,
    }
    return NominationRow(**(base | changes))


# Fixed records and the hashes the code before the definition gave them (printed QR codes carry
# these: they must never change).
HASH_CASES: list[tuple[WorkerRow, NominationRow, int]] = [
    (_worker(), _nomination(), 2026),
    (
        _worker(
            id="019300aa-5b1e-7c3d-8e4f-000000000002",
            nik="3204055708580002",
            name="Ma'ruf Al-Amin Réné",
            birth_place="Ṣurabaya 🌾",
            birth_date=dt.date(1958, 8, 17),
            sex="P",
            address='Jl. "Raya" Cibiru\\5, RT 01',
            occupation_code=88,
            category="pedagang_kecil",
            income=None,
            heir_name="",
            heir_relation="",
        ),
        _nomination(months=6, monthly_contribution=36_800),
        2027,
    ),
    (
        _worker(dusun="Cikoneng Girang", rt="010", rw="012", kk="3204051203120099", version=1),
        _nomination(months=1, monthly_contribution=0),
        2025,
    ),
]
OLD_HASHES = ["b4c6b70747", "27a3437982", "9cf013c289"]


@pytest.mark.parametrize("case", range(len(HASH_CASES)))
def test_the_content_hash_of_fixed_records_never_changes(case: int) -> None:
    worker, nomination, year = HASH_CASES[case]
    assert qr.content_hash(worker, nomination, year) == OLD_HASHES[case]


def _other(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, dt.datetime | dt.date):
        return value + dt.timedelta(days=1)
    if value is None:
        return 1
    return f"{value}x"


@pytest.mark.parametrize(
    ("record", "make"), [(records.WORKER, _worker), (records.NOMINATION, _nomination)], ids=("worker", "nomination")
)
def test_the_hash_covers_exactly_the_fields_with_a_hash_position(record: Record, make: Any) -> None:
    """Every field with a hash position changes the hash, and no other field of the row does."""
    worker, nomination, year = HASH_CASES[0]
    before = qr.content_hash(worker, nomination, year)
    base = make()
    for f in record.row_fields:
        changed = dataclasses.replace(base, **{f.attr: _other(getattr(base, f.attr))})
        rows = (changed, nomination) if record is records.WORKER else (worker, changed)
        after = qr.content_hash(*rows, year)
        assert (after != before) == (f.hash is not None), f.name
    assert qr.content_hash(worker, nomination, year + 1) != before  # the program's year


# -- the worker form ----------------------------------------------------------------------------

TS = Path(__file__).parents[1] / "resources" / "translations" / "jamsos_en.ts"


def _translations(context: str) -> dict[str, str]:
    import xml.etree.ElementTree as ET

    return {
        m.findtext("source") or "": m.findtext("translation") or ""
        for c in ET.parse(TS).iter("context")
        if c.findtext("name") == context
        for m in c.iter("message")
    }


def test_the_form_s_english_labels_are_the_definition_s() -> None:
    """The form labels its fields with Qt's tr() (English from the .ts file), so the
    definition's English must be what the .ts file says for its Indonesian."""
    english = _translations("WorkerForm")
    for f in records.WORKER.form_fields:
        assert english.get(f.label.id) == f.label.en, f.name


@pytest.fixture
def form(qtbot: Any, workspace: Workspace, operator: Actor) -> Any:
    from jamsos_desktop.ui.worker_form import WorkerForm

    f = WorkerForm(workspace, lambda: operator)
    qtbot.addWidget(f)
    f.resize(1100, 800)
    f.show()
    return f


@pytest.mark.gui
def test_the_form_has_the_definition_s_fields_placed_and_labelled(form: Any) -> None:
    from PySide6.QtWidgets import QCheckBox

    assert list(form.fields) != [] and set(form.fields) == set(records.WORKER.form_inputs)
    for key, widget in form.fields.items():
        label = records.WORKER.by_input(key).label.id
        assert widget.isVisibleTo(form), f"{key} is not laid out"
        shown = widget.text() if isinstance(widget, QCheckBox) else form._labels[key].text()
        assert shown == label, key


@pytest.mark.gui
def test_tab_follows_the_definition_s_form_order(form: Any) -> None:
    owner = {w: key for key, w in form.fields.items()}
    seen: list[str] = []
    at = form.fields[records.WORKER.form_inputs[0]]
    for _ in range(500):
        w = at
        while w is not None and w not in owner:  # an editable combo box's own line edit
            w = w.parentWidget()
        key = owner.get(w) if w is not None else None
        if key is not None and (not seen or seen[-1] != key):
            if key in seen:
                break
            seen.append(key)
        at = at.nextInFocusChain()
    assert seen[: len(records.WORKER.form_inputs)] == list(records.WORKER.form_inputs)


@pytest.mark.gui
def test_the_form_loads_every_field_of_a_stored_worker(form: Any) -> None:
    values = form.row_values(_worker())
    assert set(values) == set(records.WORKER.form_inputs)
    form.set_values(values)
    assert form.values() == values

"""The sync file's contract: versioned field lists, held to committed snapshots, to the models,
to what the export writes, to the docs, and to a file written before the contract existed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models
from jamsos_desktop.sync import contract, errors, keyfile
from jamsos_desktop.sync.crypto import KeySet
from jamsos_desktop.sync.village_export import Table, VillageExport, read_export, write_export

from .conftest import District, export_bytes

HERE = Path(__file__).parent
FIXTURES = HERE.parents[0] / "fixtures" / "sync"
DOCS = HERE.parents[1] / "docs" / "sync-format.md"


def _kind(col: sa.Column[object]) -> str:
    t = col.type
    for sa_type, kind in (
        (sa.Boolean, contract.BOOL),
        (sa.DateTime, contract.DATETIME),
        (sa.Date, contract.DATE),
        (sa.JSON, contract.JSON),
        (sa.Integer, contract.INT),
        (sa.String, contract.TEXT),
    ):
        if isinstance(t, sa_type):
            return kind
    raise AssertionError(f"no contract kind for {col} ({t!r})")


@pytest.mark.parametrize("version", sorted(contract.CONTRACTS))
def test_every_version_matches_its_committed_snapshot(version: int) -> None:
    """A version's field list never changes once released: changing the file means a new version
    (and a new snapshot, tests/sync/contract_v<N>.json)."""
    snapshot = json.loads((HERE / f"contract_v{version}.json").read_text(encoding="utf-8"))
    assert contract.describe(version) == snapshot


def test_there_is_a_snapshot_for_every_version_and_no_other() -> None:
    assert {p.name for p in HERE.glob("contract_v*.json")} == {f"contract_v{v}.json" for v in contract.CONTRACTS}


def test_the_newest_contract_agrees_with_the_models() -> None:
    """Every field the file carries is a stored column of the kind the file writes; every stored
    column of an exported table is in the file or named as staying on the device. A migration that
    drops, renames or retypes a column, or adds one, fails here until the contract says what the
    file does about it (a new format version, or LOCAL_ONLY)."""
    c = contract.CONTRACTS[contract.CURRENT]
    tables = models.Base.metadata.tables
    for r in (*c.records, c.attachment):
        table = tables[r.table]
        for f in r.fields:
            assert f.column in table.c, f"{r.name}.{f.name}: no column {r.table}.{f.column}"
            col = table.c[f.column]
            assert _kind(col) == f.kind, f"{r.name}.{f.name} is written as {f.kind}, stored as {col.type!r}"
            assert f.nullable or not col.nullable or col.primary_key, f"{r.name}.{f.name} may be null in the database"
    for r in c.records:
        stored = {col.name for col in tables[r.table].c}
        unexplained = stored - set(r.columns) - contract.LOCAL_ONLY.get(r.table, frozenset())
        assert unexplained == set(), f"{r.table}: columns the file does not say what to do with"


def _check_export(x: VillageExport, version: int) -> None:
    c = contract.CONTRACTS[version]
    assert list(x.tables) == [r.name for r in c.records]
    for r in c.records:
        t = x.tables[r.name]
        assert t.columns == r.names
        for row in t.rows:
            bad = [(f.name, v) for f, v in zip(r.fields, row, strict=True) if not contract.check_value(f, v)]
            assert bad == [], f"{r.name}: {bad}"
    for a in x.attachments:
        assert list(a) == list(c.attachment.names)
        assert all(contract.check_value(f, a[f.name]) for f in c.attachment.fields)


def test_the_export_writes_exactly_its_declared_version(
    village: Workspace, operator: Actor, district: District, out_dir: Path
) -> None:
    from jamsos_desktop.services import printing
    from jamsos_desktop.services.workers import delete_worker, list_workers

    printing.set_emblem(village, operator, (HERE.parents[1] / "resources/emblem/placeholder.png").read_bytes(), "e.png")
    delete_worker(village, operator, list_workers(village)[0].id, "pindah")  # a deletion travels too
    _, data = export_bytes(village, operator, out_dir)
    x = district.open(data)
    assert x.manifest["format_version"] == contract.CURRENT
    _check_export(x, contract.CURRENT)
    assert x.attachments and any(r[x.tables["workers"].columns.index("deleted_at")] for r in x.tables["workers"].rows)


def test_a_file_written_before_the_contract_is_read() -> None:
    """export_v1.jamsync was written by the code that shipped the tables' columns (before the
    contract): it is read, and it holds exactly the fields of version 1."""
    _, keys = keyfile.read_private_key_file((FIXTURES / "district_v1.json").read_bytes())
    x = read_export((FIXTURES / "export_v1.jamsync").read_bytes(), district_keys=keys)
    assert x.manifest["format_version"] == 1
    _check_export(x, 1)
    assert x.missing_fields() == {}
    assert {n: len(t.rows) for n, t in x.tables.items()} == x.manifest["counts"]
    assert x.tables["workers"].rows and x.tables["nominations"].rows and x.attachments


def _sealed(tables: dict[str, Table], keys: KeySet) -> bytes:
    device = KeySet.generate()
    return write_export(
        device_keys=device,
        village_code="32.04.05.2005",
        village_name="Cibiru Hilir",
        device_id="01a2333c-d69b-7e34-a958-41dab451dde7",
        seq=1,
        full=True,
        change_from=0,
        change_to=1,
        tables=tables,
        district=keys.public,
        app_version="test",
        schema_version="",
    ).data


@pytest.mark.parametrize("record", [r.name for r in contract.CONTRACTS[contract.CURRENT].records])
def test_a_table_without_a_field_of_its_version_is_named(record: str) -> None:
    r = contract.CONTRACTS[contract.CURRENT].record(record)
    keys = KeySet.generate()
    x = read_export(_sealed({record: Table(r.names[1:], [])}, keys), district_keys=keys)
    assert x.missing_fields() == {record: r.names[:1]}
    # Extra fields and entities a version does not know are passed on (a newer writer may add them).
    tables = {record: Table((*r.names, "new_field"), []), "later": Table(("a",), [])}
    extra = read_export(_sealed(tables, keys), district_keys=keys)
    assert set(extra.tables) == {record, "later"} and extra.missing_fields() == {}


def test_a_version_without_field_lists_is_refused() -> None:
    with pytest.raises(errors.SyncRefused) as e:
        contract.contract(contract.CURRENT + 1)
    assert e.value.code == errors.NEWER_FORMAT


@pytest.mark.parametrize("version", sorted(contract.CONTRACTS))
def test_the_docs_list_every_field_of_every_version(version: int) -> None:
    assert contract.markdown(version) in DOCS.read_text(encoding="utf-8")


def test_values_are_checked_by_kind() -> None:
    f = contract.Field
    assert contract.check_value(f("a", "a", contract.DATE), "2026-01-31")
    assert not contract.check_value(f("a", "a", contract.DATE), "31-01-2026")
    assert not contract.check_value(f("a", "a", contract.INT), True)
    assert not contract.check_value(f("a", "a", contract.TEXT), None)
    assert contract.check_value(f("a", "a", contract.TEXT, nullable=True), None)
    assert contract.check_value(f("a", "a", contract.DATETIME), "2026-01-31T10:00:00.000001")
    assert not contract.check_value(f("a", "a", contract.JSON), "[]")

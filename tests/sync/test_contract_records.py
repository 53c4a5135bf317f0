"""The sync contract and the record definitions agree: a field that travels in the file is a
field of its record, of a compatible kind, and every field marked as travelling travels."""

from __future__ import annotations

import pytest

from jamsos_desktop.domain import records
from jamsos_desktop.domain.records import Kind
from jamsos_desktop.sync import contract

# How a record field's kind is written in the file.
_WRITTEN_AS = {
    Kind.STRING: contract.TEXT,
    Kind.TEXT: contract.TEXT,
    Kind.INT: contract.INT,
    Kind.BIGINT: contract.INT,
    Kind.BOOL: contract.BOOL,
    Kind.DATE: contract.DATE,
    Kind.DATETIME: contract.DATETIME,
    Kind.JSON: contract.JSON,
}

CURRENT = contract.CONTRACTS[contract.CURRENT]
WITH_TABLES = [r for r in CURRENT.records if r.table in records.BY_TABLE]


def test_every_record_of_the_file_has_a_definition() -> None:
    assert {r.table for r in CURRENT.records} <= set(records.BY_TABLE)


@pytest.mark.parametrize("rec", WITH_TABLES, ids=lambda r: r.name)
def test_the_file_carries_exactly_the_synced_fields(rec: contract.Record) -> None:
    definition = records.BY_TABLE[rec.table]
    synced = {f.column for f in definition.fields if f.synced}
    assert set(rec.columns) == synced, "a field's 'synced' flag and the sync contract disagree"
    local = {f.column for f in definition.fields if not f.synced}
    assert local == set(contract.LOCAL_ONLY.get(rec.table, frozenset()))


@pytest.mark.parametrize("rec", WITH_TABLES, ids=lambda r: r.name)
def test_kinds_and_nulls_agree(rec: contract.Record) -> None:
    by_column = {f.column: f for f in records.BY_TABLE[rec.table].fields}
    for f in rec.fields:
        d = by_column[f.column]
        assert _WRITTEN_AS[d.kind] == f.kind, (rec.name, f.name)
        assert d.nullable == f.nullable, (rec.name, f.name)

"""The full-text index holds what the search asks it for: the words of the name, NIK and KK.

Migration 0002's index also held each worker's dusun and every column's length in words. The
search never asks the index for either: it finds a dusun word among the village's own hamlets and
tests ``workers.dusun`` (``storage.worker_search``), and it sorts by the register's columns, not
by a relevance ranking (the only user of the lengths, FTS5's ``columnsize``). Both were written
for every worker added or edited: on a first import of 10,000 workers, 40 % of filling the index
and 70 of its 190 pages. The index is made again without them and filled from the register.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_TRIGGERS = ("workers_fts_ai", "workers_fts_ad", "workers_fts_au")


def _make(columns: str, options: str) -> None:
    """The external-content index over ``columns`` of ``workers``, its three triggers, filled."""
    new = ", ".join(f"new.{c.strip()}" for c in columns.split(","))
    old = ", ".join(f"old.{c.strip()}" for c in columns.split(","))
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS workers_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE workers_fts USING fts5({columns}, content='workers', content_rowid='rowid', "
        f"tokenize='unicode61 remove_diacritics 2', {options})"
    )
    op.execute(
        "CREATE TRIGGER workers_fts_ai AFTER INSERT ON workers BEGIN "
        f"INSERT INTO workers_fts(rowid, {columns}) VALUES (new.rowid, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER workers_fts_ad AFTER DELETE ON workers BEGIN "
        f"INSERT INTO workers_fts(workers_fts, rowid, {columns}) VALUES ('delete', old.rowid, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER workers_fts_au AFTER UPDATE OF {columns} ON workers BEGIN "
        f"INSERT INTO workers_fts(workers_fts, rowid, {columns}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO workers_fts(rowid, {columns}) VALUES (new.rowid, {new}); END"
    )
    op.execute("INSERT INTO workers_fts(workers_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _make("name, nik, kk", "prefix='2 3', columnsize=0")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _make("name, nik, kk, dusun", "prefix='2 3'")

"""Full-text search over workers (name, NIK, KK, dusun) with SQLite FTS5.

The index is external-content: it reads the text from ``workers`` by rowid and is kept in step
by triggers. ``workers`` has no INTEGER PRIMARY KEY, so a VACUUM may renumber rowids: anything
that vacuums must rebuild the index afterwards (storage.maintenance.vacuum does).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = "name, nik, kk, dusun"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE VIRTUAL TABLE workers_fts USING fts5({COLUMNS}, content='workers', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    op.execute(
        "CREATE TRIGGER workers_fts_ai AFTER INSERT ON workers BEGIN "
        f"INSERT INTO workers_fts(rowid, {COLUMNS}) VALUES (new.rowid, new.name, new.nik, new.kk, new.dusun); END"
    )
    op.execute(
        "CREATE TRIGGER workers_fts_ad AFTER DELETE ON workers BEGIN "
        f"INSERT INTO workers_fts(workers_fts, rowid, {COLUMNS}) "
        "VALUES ('delete', old.rowid, old.name, old.nik, old.kk, old.dusun); END"
    )
    op.execute(
        "CREATE TRIGGER workers_fts_au AFTER UPDATE OF name, nik, kk, dusun ON workers BEGIN "
        f"INSERT INTO workers_fts(workers_fts, rowid, {COLUMNS}) "
        "VALUES ('delete', old.rowid, old.name, old.nik, old.kk, old.dusun); "
        f"INSERT INTO workers_fts(rowid, {COLUMNS}) VALUES (new.rowid, new.name, new.nik, new.kk, new.dusun); END"
    )
    op.execute("INSERT INTO workers_fts(workers_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("workers_fts_ai", "workers_fts_ad", "workers_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS workers_fts")

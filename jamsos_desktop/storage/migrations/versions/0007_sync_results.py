"""The district's result in place per nomination (``sync_results``): return files are judged per result.

Return files arrive out of order. Until now a file numbered below the last one applied was
ignored whole, and its results never applied. Each result now applies on its own merits: to
know whether a newer decision already spoke about a nomination, and whether the nomination
changed here since that decision applied, the village keeps, per nomination, the return file
number of the result in place and the versions it left.

Nominations that already hold a result are taken as decided by the newest file applied so far,
with their present versions: an older file arriving late is superseded for them, as it was
ignored before.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_results",
        sa.Column("nomination_id", sa.String(length=36), nullable=False),
        sa.Column("export_seq", sa.Integer(), nullable=False),
        sa.Column("return_seq", sa.Integer(), nullable=False),
        sa.Column("nomination_version", sa.Integer(), nullable=False),
        sa.Column("worker_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("nomination_id"),
        sqlite_with_rowid=False,
    )
    op.execute(
        "INSERT INTO sync_results (nomination_id, export_seq, return_seq, nomination_version, worker_version) "
        "SELECT n.id, COALESCE(n.export_seq, 0), (SELECT COALESCE(MAX(return_seq), 0) FROM sync_imports), "
        "n.version, w.version FROM nominations n JOIN workers w ON w.id = n.worker_id "
        "WHERE n.status IN ('registered', 'rejected', 'duplicate')"
    )


def downgrade() -> None:
    op.drop_table("sync_results")

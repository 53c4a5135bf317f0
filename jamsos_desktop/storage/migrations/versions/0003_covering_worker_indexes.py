"""Covering, partial indexes for worker search: (name_key, id) and (kk, nik) of living records.

Sorting by name and counting searches by a name or a NIK/KK prefix then read only the index.
On 100,000 workers a count over a region prefix drops from a table scan to an index scan.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.drop_index("ix_workers_name_key")
        batch_op.drop_index("ix_workers_kk")
        batch_op.create_index("ix_workers_name_live", ["name_key", "id"], sqlite_where=LIVE, postgresql_where=LIVE)
        batch_op.create_index("ix_workers_kk_live", ["kk", "nik"], sqlite_where=LIVE, postgresql_where=LIVE)


def downgrade() -> None:
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.drop_index("ix_workers_kk_live")
        batch_op.drop_index("ix_workers_name_live")
        batch_op.create_index("ix_workers_kk", ["kk"])
        batch_op.create_index("ix_workers_name_key", ["name_key"])

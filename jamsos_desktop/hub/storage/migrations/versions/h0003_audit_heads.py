"""The newest audit-trail head seen from each village device, to check that a village's
audit trail only grows from one export to the next.

Revision ID: h0003
Revises: h0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0003"
down_revision = "h0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_audit_heads",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("export_seq", sa.Integer(), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=False),
        sa.Column("audit_hash", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id"),
    )
    op.create_index(op.f("ix_hub_audit_heads_village_code"), "hub_audit_heads", ["village_code"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_hub_audit_heads_village_code"), table_name="hub_audit_heads")
    op.drop_table("hub_audit_heads")

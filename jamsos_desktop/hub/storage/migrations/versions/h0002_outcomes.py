"""The district's findings and answers: duplicate candidates with the clerk's decisions, the
result held for each nomination, and the return files written.

Revision ID: h0002
Revises: h0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0002"
down_revision = "h0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_duplicates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rule", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("village_a", sa.String(length=13), nullable=False),
        sa.Column("worker_a", sa.String(length=36), nullable=False),
        sa.Column("nik_a", sa.String(length=16), nullable=False),
        sa.Column("village_b", sa.String(length=13), nullable=False),
        sa.Column("worker_b", sa.String(length=36), nullable=False),
        sa.Column("nik_b", sa.String(length=16), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=15), nullable=False),
        sa.Column("kept_village", sa.String(length=13), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=40), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("village_a", "worker_a", "village_b", "worker_b", name="uq_hub_duplicates_pair"),
    )
    op.create_index("ix_hub_duplicates_status", "hub_duplicates", ["status"], unique=False)
    op.create_table(
        "hub_results",
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("nomination_id", sa.String(length=36), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=True),
        sa.Column("kpj", sa.String(length=13), nullable=False),
        sa.Column("coverage_start", sa.Date(), nullable=True),
        sa.Column("coverage_end", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=True),
        sa.Column("recorded_by", sa.String(length=40), nullable=True),
        sa.Column("bpjs_sheet_at", sa.DateTime(), nullable=True),
        sa.Column("returned_seq", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("village_code", "nomination_id"),
    )
    op.create_table(
        "hub_returns",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("answers_export_seq", sa.Integer(), nullable=False),
        sa.Column("results", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("device_id", "seq", name="uq_hub_returns_device_seq"),
    )
    op.create_index(op.f("ix_hub_returns_village_code"), "hub_returns", ["village_code"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_hub_returns_village_code"), table_name="hub_returns")
    op.drop_table("hub_returns")
    op.drop_table("hub_results")
    op.drop_index("ix_hub_duplicates_status", table_name="hub_duplicates")
    op.drop_table("hub_duplicates")

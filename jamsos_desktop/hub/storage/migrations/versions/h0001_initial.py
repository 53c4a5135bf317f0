"""The hub's first schema: the villages' records keyed by village code + id, and the hub's own books.

The record tables hold the fields of sync contract version 1 (``sync/contract.py``); the
``hub_*`` tables hold the district's key pair, the clerks, their audit trail, the devices seen
and every file applied.

Revision ID: h0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "h0001"
down_revision = None
branch_labels = None
depends_on = None

# JSON, stored as JSONB on PostgreSQL (equality, so rows can be compared).
JSON_ = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("worker_id", sa.Text(), nullable=True),
        sa.Column("program_id", sa.Text(), nullable=True),
        sa.Column("rule_set_version", sa.BigInteger(), nullable=True),
        sa.Column("worker_version", sa.BigInteger(), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=True),
        sa.Column("score", sa.BigInteger(), nullable=True),
        sa.Column("rank", sa.BigInteger(), nullable=True),
        sa.Column("within_quota", sa.Boolean(), nullable=True),
        sa.Column("outcomes", JSON_, nullable=True),
        sa.Column("score_parts", JSON_, nullable=True),
        sa.Column("assessed_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("village_code", "id"),
    )
    op.create_table(
        "hub_audit",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=80), nullable=True),
        sa.Column("before", JSON_, nullable=True),
        sa.Column("after", JSON_, nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index(op.f("ix_hub_audit_entity_id"), "hub_audit", ["entity_id"], unique=False)
    op.create_table(
        "hub_devices",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("public", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id"),
    )
    op.create_index(op.f("ix_hub_devices_village_code"), "hub_devices", ["village_code"], unique=False)
    op.create_table(
        "hub_files",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("village_name", sa.String(length=100), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("change_from", sa.BigInteger(), nullable=False),
        sa.Column("change_to", sa.BigInteger(), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=40), nullable=False),
        sa.Column("counts", JSON_, nullable=False),
        sa.Column("applied", JSON_, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("device_id", "seq", name="uq_hub_files_device_seq"),
        sa.UniqueConstraint("sha256"),
    )
    op.create_index(op.f("ix_hub_files_village_code"), "hub_files", ["village_code"], unique=False)
    op.create_table(
        "hub_keys",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("district_name", sa.String(length=200), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("public", sa.LargeBinary(), nullable=False),
        sa.Column("private_file", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "hub_settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", JSON_, nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "hub_users",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "hub_village_figures",
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("counts", JSON_, nullable=False),
        sa.Column("workers", sa.Integer(), nullable=False),
        sa.Column("program_year", sa.Integer(), nullable=True),
        sa.Column("quota", sa.Integer(), nullable=False),
        sa.Column("quota_used", sa.Integer(), nullable=False),
        sa.Column("budget_committed", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("village_code"),
    )
    op.create_table(
        "nomination_events",
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("nomination_id", sa.Text(), nullable=True),
        sa.Column("from_status", sa.Text(), nullable=True),
        sa.Column("to_status", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.Column("user_id", sa.Text(), nullable=True),
        sa.Column("username", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("village_code", "id"),
    )
    op.create_table(
        "nominations",
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("worker_id", sa.Text(), nullable=True),
        sa.Column("program_id", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("months", sa.BigInteger(), nullable=True),
        sa.Column("monthly_contribution", sa.BigInteger(), nullable=True),
        sa.Column("score", sa.BigInteger(), nullable=True),
        sa.Column("rank", sa.BigInteger(), nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("printed_at", sa.DateTime(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("signed_scan_sha256", sa.Text(), nullable=True),
        sa.Column("export_seq", sa.BigInteger(), nullable=True),
        sa.Column("kpj", sa.Text(), nullable=True),
        sa.Column("coverage_start", sa.Date(), nullable=True),
        sa.Column("coverage_end", sa.Date(), nullable=True),
        sa.Column("result_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("village_code", "id"),
    )
    op.create_index("ix_nominations_status", "nominations", ["village_code", "status"], unique=False)
    op.create_index("ix_nominations_worker", "nominations", ["village_code", "worker_id"], unique=False)
    op.create_table(
        "programs",
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("year", sa.BigInteger(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("funding_source", sa.Text(), nullable=True),
        sa.Column("months", sa.BigInteger(), nullable=True),
        sa.Column("quota", sa.BigInteger(), nullable=True),
        sa.Column("budget_ceiling", sa.BigInteger(), nullable=True),
        sa.Column("contribution_mode", sa.Text(), nullable=True),
        sa.Column("include_jht", sa.Boolean(), nullable=True),
        sa.Column("bands", JSON_, nullable=True),
        sa.Column("rules", JSON_, nullable=True),
        sa.Column("ranking_weights", JSON_, nullable=True),
        sa.Column("rule_set_version", sa.BigInteger(), nullable=True),
        sa.Column("reference_date", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("village_code", "id"),
    )
    op.create_table(
        "village_users",
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("username", sa.Text(), nullable=True),
        sa.Column("full_name", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("village_code", "id"),
    )
    op.create_table(
        "villages",
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=True),
        sa.Column("district_name", sa.Text(), nullable=True),
        sa.Column("regency_name", sa.Text(), nullable=True),
        sa.Column("province_name", sa.Text(), nullable=True),
        sa.Column("postal_code", sa.Text(), nullable=True),
        sa.Column("head_title", sa.Text(), nullable=True),
        sa.Column("head_name", sa.Text(), nullable=True),
        sa.Column("operator_name", sa.Text(), nullable=True),
        sa.Column("office_address", sa.Text(), nullable=True),
        sa.Column("emblem_sha256", sa.Text(), nullable=True),
        sa.Column("device_id", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("village_code", "id"),
    )
    op.create_table(
        "workers",
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("nik", sa.Text(), nullable=True),
        sa.Column("kk", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("name_key", sa.Text(), nullable=True),
        sa.Column("birth_place", sa.Text(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.Text(), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("dusun", sa.Text(), nullable=True),
        sa.Column("rt", sa.Text(), nullable=True),
        sa.Column("rw", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("occupation_code", sa.BigInteger(), nullable=True),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("income", sa.BigInteger(), nullable=True),
        sa.Column("heir_name", sa.Text(), nullable=True),
        sa.Column("heir_relation", sa.Text(), nullable=True),
        sa.Column("heir_phone", sa.Text(), nullable=True),
        sa.Column("dtks", sa.Boolean(), nullable=True),
        sa.Column("bpjs_active", sa.Boolean(), nullable=True),
        sa.Column("kpj", sa.Text(), nullable=True),
        sa.Column("resident", sa.Boolean(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("village_code", "id"),
    )
    op.create_index("ix_workers_kk_birth", "workers", ["kk", "birth_date"], unique=False)
    op.create_index("ix_workers_nik", "workers", ["nik"], unique=False)
    op.create_index(
        "ix_workers_status",
        "workers",
        ["village_code", "status"],
        unique=False,
        sqlite_where=sa.text("deleted_at IS NULL"),
        postgresql_where=sa.text("deleted_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_workers_status",
        table_name="workers",
        sqlite_where=sa.text("deleted_at IS NULL"),
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index("ix_workers_nik", table_name="workers")
    op.drop_index("ix_workers_kk_birth", table_name="workers")
    op.drop_table("workers")
    op.drop_table("villages")
    op.drop_table("village_users")
    op.drop_table("programs")
    op.drop_index("ix_nominations_worker", table_name="nominations")
    op.drop_index("ix_nominations_status", table_name="nominations")
    op.drop_table("nominations")
    op.drop_table("nomination_events")
    op.drop_table("hub_village_figures")
    op.drop_table("hub_users")
    op.drop_table("hub_settings")
    op.drop_table("hub_keys")
    op.drop_index(op.f("ix_hub_files_village_code"), table_name="hub_files")
    op.drop_table("hub_files")
    op.drop_index(op.f("ix_hub_devices_village_code"), table_name="hub_devices")
    op.drop_table("hub_devices")
    op.drop_index(op.f("ix_hub_audit_entity_id"), table_name="hub_audit")
    op.drop_table("hub_audit")
    op.drop_table("assessments")

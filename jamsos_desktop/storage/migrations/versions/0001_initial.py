"""Initial schema: village, programs, workers, assessments, nominations, users, audit, sync.

Revision ID: 0001
Revises:
Create Date: 2026-11-21 19:27:57.519431
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=60), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "keys",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("public", sa.LargeBinary(), nullable=False),
        sa.Column("private", sa.LargeBinary(), nullable=True),
        sa.Column("fingerprint", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "programs",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("funding_source", sa.String(length=20), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("quota", sa.Integer(), nullable=False),
        sa.Column("budget_ceiling", sa.BigInteger(), nullable=True),
        sa.Column("contribution_mode", sa.String(length=20), nullable=False),
        sa.Column("include_jht", sa.Boolean(), nullable=False),
        sa.Column("bands", sa.JSON(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("ranking_weights", sa.JSON(), nullable=False),
        sa.Column("rule_set_version", sa.Integer(), nullable=False),
        sa.Column("reference_date", sa.Date(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programs_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "sync_exports",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("from_change", sa.BigInteger(), nullable=False),
        sa.Column("to_change", sa.BigInteger(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("manifest", sa.JSON(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_table(
        "sync_imports",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("return_seq", sa.Integer(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("file_sha256"),
    )
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "village",
        sa.Column("code", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("district_name", sa.String(length=100), nullable=False),
        sa.Column("regency_name", sa.String(length=100), nullable=False),
        sa.Column("province_name", sa.String(length=100), nullable=False),
        sa.Column("postal_code", sa.String(length=5), nullable=True),
        sa.Column("head_title", sa.String(length=40), nullable=False),
        sa.Column("head_name", sa.String(length=120), nullable=False),
        sa.Column("operator_name", sa.String(length=120), nullable=False),
        sa.Column("office_address", sa.String(length=250), nullable=False),
        sa.Column("emblem_sha256", sa.String(length=64), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_village_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "workers",
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("kk", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=120), nullable=False),
        sa.Column("birth_place", sa.String(length=60), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("address", sa.String(length=250), nullable=False),
        sa.Column("dusun", sa.String(length=60), nullable=False),
        sa.Column("rt", sa.String(length=3), nullable=False),
        sa.Column("rw", sa.String(length=3), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("occupation_code", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("income", sa.BigInteger(), nullable=True),
        sa.Column("heir_name", sa.String(length=120), nullable=False),
        sa.Column("heir_relation", sa.String(length=40), nullable=False),
        sa.Column("heir_phone", sa.String(length=16), nullable=False),
        sa.Column("dtks", sa.Boolean(), nullable=False),
        sa.Column("bpjs_active", sa.Boolean(), nullable=False),
        sa.Column("kpj", sa.String(length=13), nullable=False),
        sa.Column("resident", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.create_index("ix_workers_category", ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_workers_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_workers_dusun", ["dusun"], unique=False)
        batch_op.create_index(batch_op.f("ix_workers_kk"), ["kk"], unique=False)
        batch_op.create_index("ix_workers_name_key", ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_workers_status"), ["status"], unique=False)
        batch_op.create_index(
            "ux_workers_nik_live",
            ["nik"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "assessments",
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("program_id", sa.String(length=36), nullable=False),
        sa.Column("rule_set_version", sa.Integer(), nullable=False),
        sa.Column("worker_version", sa.Integer(), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("within_quota", sa.Boolean(), nullable=False),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("score_parts", sa.JSON(), nullable=False),
        sa.Column("assessed_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"],
            ["workers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("worker_id", "program_id", name="ux_assessment_worker_program"),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessments_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "nominations",
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("program_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("monthly_contribution", sa.BigInteger(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.String(length=36), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("signed_scan_sha256", sa.String(length=64), nullable=True),
        sa.Column("export_seq", sa.Integer(), nullable=True),
        sa.Column("kpj", sa.String(length=13), nullable=False),
        sa.Column("coverage_start", sa.Date(), nullable=True),
        sa.Column("coverage_end", sa.Date(), nullable=True),
        sa.Column("result_reason", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"],
            ["workers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("worker_id", "program_id", name="ux_nomination_worker_program"),
    )
    with op.batch_alter_table("nominations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nominations_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_nominations_program_id"), ["program_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nominations_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_nominations_worker_id"), ["worker_id"], unique=False)

    op.create_table(
        "nomination_events",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("nomination_id", sa.String(length=36), nullable=False),
        sa.Column("from_status", sa.String(length=12), nullable=True),
        sa.Column("to_status", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["nomination_id"],
            ["nominations.id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("nomination_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nomination_events_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_nomination_events_nomination_id"), ["nomination_id"], unique=False)

    op.bulk_insert(
        sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.BigInteger)),
        [{"name": "change", "value": 0}],
    )


def downgrade() -> None:
    with op.batch_alter_table("nomination_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nomination_events_nomination_id"))
        batch_op.drop_index(batch_op.f("ix_nomination_events_change_seq"))

    op.drop_table("nomination_events")
    with op.batch_alter_table("nominations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nominations_worker_id"))
        batch_op.drop_index(batch_op.f("ix_nominations_status"))
        batch_op.drop_index(batch_op.f("ix_nominations_program_id"))
        batch_op.drop_index(batch_op.f("ix_nominations_change_seq"))

    op.drop_table("nominations")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessments_change_seq"))

    op.drop_table("assessments")
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.drop_index(
            "ux_workers_nik_live",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_workers_status"))
        batch_op.drop_index("ix_workers_name_key")
        batch_op.drop_index(batch_op.f("ix_workers_kk"))
        batch_op.drop_index("ix_workers_dusun")
        batch_op.drop_index(batch_op.f("ix_workers_change_seq"))
        batch_op.drop_index("ix_workers_category")

    op.drop_table("workers")
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_village_change_seq"))

    op.drop_table("village")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_change_seq"))

    op.drop_table("users")
    op.drop_table("sync_imports")
    op.drop_table("sync_exports")
    op.drop_table("settings")
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programs_change_seq"))

    op.drop_table("programs")
    op.drop_table("keys")
    op.drop_table("drafts")
    op.drop_table("counters")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_entity_id"))

    op.drop_table("audit_log")
    op.drop_table("attachments")

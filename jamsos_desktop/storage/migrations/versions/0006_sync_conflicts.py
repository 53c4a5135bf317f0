"""Conflicts of the district's results get a table of their own (they lived inside the import's summary).

A conflict is a district result not applied because the record changed in the village after
the export: it is listed, decided by a person, and audited. As JSON inside
``sync_imports.summary`` every listing parsed every import's summary, and a decision rewrote a
whole summary. The existing conflicts (with their decisions) move into ``sync_conflicts``; the
summary keeps only their count.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conflicts = op.create_table(
        "sync_conflicts",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("import_id", sa.String(length=36), nullable=False),
        sa.Column("nomination_id", sa.String(length=36), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("kpj", sa.String(length=13), nullable=False),
        sa.Column("coverage_start", sa.Date(), nullable=True),
        sa.Column("coverage_end", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("export_seq", sa.Integer(), nullable=False),
        sa.Column("district_versions", sa.JSON(), nullable=False),
        sa.Column("local_versions", sa.JSON(), nullable=False),
        sa.Column("local_status", sa.String(length=12), nullable=False),
        sa.Column("why", sa.JSON(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=40), nullable=True),
        sa.Column("accepted", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["import_id"], ["sync_imports.id"]),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflicts_import_id"), ["import_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_conflicts_nomination_id"), ["nomination_id"], unique=False)

    bind = op.get_bind()
    imports = bind.execute(sa.text("SELECT id, summary FROM sync_imports ORDER BY return_seq")).all()
    rows: list[dict[str, Any]] = []
    for import_id, raw in imports:
        summary = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
        listed = summary.get("conflicts", [])
        if not isinstance(listed, list):
            continue
        for c in listed:
            decided = c.get("resolved") or {}
            rows.append(
                {
                    "import_id": import_id,
                    "nomination_id": c["nomination_id"],
                    "worker_id": c["worker_id"],
                    "outcome": c["outcome"],
                    "kpj": c.get("kpj", ""),
                    "coverage_start": dt.date.fromisoformat(c["coverage_start"]) if c.get("coverage_start") else None,
                    "coverage_end": dt.date.fromisoformat(c["coverage_end"]) if c.get("coverage_end") else None,
                    "reason": c.get("reason", ""),
                    "export_seq": int(c.get("export_seq") or 0),
                    "district_versions": list(c.get("district_versions", [])),
                    "local_versions": list(c.get("local_versions", [])),
                    "local_status": c.get("local_status", ""),
                    "why": list(c.get("why", [])),
                    "resolved_at": dt.datetime.fromisoformat(decided["at"]) if decided.get("at") else None,
                    "resolved_by": decided.get("by") if decided else None,
                    "accepted": bool(decided.get("accepted")) if decided else None,
                }
            )
        summary["conflicts"] = len(listed)
        bind.execute(
            sa.text("UPDATE sync_imports SET summary = :s WHERE id = :id"), {"s": json.dumps(summary), "id": import_id}
        )
    if rows:
        op.bulk_insert(conflicts, rows)


def downgrade() -> None:
    bind = op.get_bind()
    listed: dict[str, list[dict[str, Any]]] = {}
    for r in bind.execute(sa.text("SELECT * FROM sync_conflicts ORDER BY seq")).mappings():
        c: dict[str, Any] = {
            "nomination_id": r["nomination_id"],
            "worker_id": r["worker_id"],
            "outcome": r["outcome"],
            "kpj": r["kpj"],
            "coverage_start": r["coverage_start"],
            "coverage_end": r["coverage_end"],
            "reason": r["reason"],
            "export_seq": r["export_seq"],
            "district_versions": json.loads(r["district_versions"]),
            "local_versions": json.loads(r["local_versions"]),
            "local_status": r["local_status"],
            "why": json.loads(r["why"]),
        }
        if r["resolved_at"] is not None:
            at = dt.datetime.fromisoformat(r["resolved_at"]).isoformat()
            c["resolved"] = {"accepted": bool(r["accepted"]), "by": r["resolved_by"], "at": at}
        listed.setdefault(r["import_id"], []).append(c)
    for import_id, raw in bind.execute(sa.text("SELECT id, summary FROM sync_imports")).all():
        summary = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
        summary["conflicts"] = listed.get(import_id, [])
        bind.execute(
            sa.text("UPDATE sync_imports SET summary = :s WHERE id = :id"), {"s": json.dumps(summary), "id": import_id}
        )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_nomination_id"))
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_import_id"))
    op.drop_table("sync_conflicts")

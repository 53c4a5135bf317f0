"""Consent to the processing of personal data per worker (UU 27/2022), its withdrawal and the erasure.

Three nullable columns on ``workers``: ``consent_date`` (the day the worker agreed),
``consent_withdrawn_at`` (when the worker withdrew it) and ``purged_at`` (when the personal data
were erased after a withdrawal or the retention period, ``services.privacy``).

Workers recorded before this revision get no consent (NULL), not the day of the upgrade nor the
day they were recorded: consent is the worker's own act, given on paper or in person, and a
migration cannot invent it. Until an officer records the date each worker gave it, those workers
cannot be nominated (eligibility rule ``consent``); nominations already made keep their status.

Plain ``ADD COLUMN`` (no table rebuild): the full-text index and its triggers stay as they are.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("workers", sa.Column("consent_date", sa.Date(), nullable=True))
    op.add_column("workers", sa.Column("consent_withdrawn_at", sa.DateTime(), nullable=True))
    op.add_column("workers", sa.Column("purged_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+): no table rebuild, which the foreign keys of
    # nominations and assessments onto workers would refuse.
    for column in ("purged_at", "consent_withdrawn_at", "consent_date"):
        op.drop_column("workers", column)

"""name_key holds the name's words as the full-text index has them: folded, one space apart.

Before, name_key was the name in lower case with its spaces collapsed ("al-amin", "réné").
Now it is the words the search index's tokenizer (unicode61, remove_diacritics 2) makes of the
name ("al amin", "rene"), so a search can test a row's name words with a LIKE on name_key and
be sure to agree with the index. It also sorts and matches names without regard to accents
and marks. Every row's key is recomputed; the name itself is untouched.

The folding is copied here, not imported: a migration must keep doing what it did when it was
written, whatever the app's code becomes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_WORD = re.compile(r"[^\W_]+")
BATCH = 5000


def words_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name.lower())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(folded))


def old_key(name: str) -> str:
    return " ".join(name.lower().split())


def _rekey(key: Callable[[str], str]) -> None:
    conn = op.get_bind()
    workers = sa.table(
        "workers", sa.column("id", sa.String), sa.column("name", sa.String), sa.column("name_key", sa.String)
    )
    rows = conn.execute(sa.select(workers.c.id, workers.c.name, workers.c.name_key)).all()
    changed = [{"i": i, "k": k} for i, name, current in rows if (k := key(name)) != current]
    stmt = sa.update(workers).where(workers.c.id == sa.bindparam("i")).values(name_key=sa.bindparam("k"))
    for start in range(0, len(changed), BATCH):
        conn.execute(stmt, changed[start : start + BATCH])


def upgrade() -> None:
    _rekey(words_key)


def downgrade() -> None:
    _rekey(old_key)

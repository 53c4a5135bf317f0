"""Integrity checks and upkeep of the SQLite file."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .db import Database


def integrity_problems(db: Database) -> list[str]:
    """Empty when the file, the foreign keys and the search index are all sound."""
    problems: list[str] = []
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems.extend(f"integrity_check: {r}" for r in rows[:20])
        for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()[:20]:
            problems.append(f"foreign key: table {row[0]} rowid {row[1]} → {row[2]}")
        try:
            conn.exec_driver_sql("INSERT INTO workers_fts(workers_fts, rank) VALUES ('integrity-check', 1)")
        except Exception as exc:
            problems.append(f"search index: {exc.__class__.__name__}")
        conn.rollback()
    return problems


def vacuum(db: Database) -> None:
    """VACUUM may renumber rowids of tables without an INTEGER PRIMARY KEY: rebuild the index after."""
    conn = db.raw_connection()
    try:
        conn.execute("VACUUM")
        conn.execute("INSERT INTO workers_fts(workers_fts) VALUES ('rebuild')")
    finally:
        conn.close()


def drop_erased_words(session: Session) -> None:
    """After personal data were blanked (``services.privacy``): the update trigger took the old
    words out of the search index as "delete" entries; an optimise merges the index's segments,
    so the words are gone from its pages too. In the session's transaction; SQLite only."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO workers_fts(workers_fts) VALUES ('optimize')")

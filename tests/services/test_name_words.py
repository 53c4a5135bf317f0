"""name_key holds a name's words exactly as the full-text index splits and folds them.

The worker list's page plan for dense searches tests each row's words with a LIKE on name_key,
while the count and the row numbers ask the full-text index: the two must agree on every name,
or the table would show rows its count leaves out. These tests hold the folding to the index's
real tokenizer, read from a freshly created database, on names with marks, accents, ligatures
and other scripts.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamsos_desktop.services import worker_pages, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.services.workers import WorkerQuery
from jamsos_desktop.storage import driver, worker_search
from jamsos_desktop.storage.db import open_database

#: Letters Indonesian names carry, and the marks and look-alikes that trip folding up.
ALPHABET = "aAbdeEgiIknNrRsStTuUwyz '-.,`’\u00a0\u0301éÉèüÜñçåøßæİıḍṣâ²ﬁＡ١0"


#: A worker's other fields, valid, for the names under test.
BASE: dict[str, Any] = {
    "kk": "3204051203150007",
    "birth_place": "Bandung",
    "birth_date": "1990-01-01",
    "sex": "L",
    "dusun": "Babakan",
    "rt": "1",
    "rw": "1",
    "occupation": "9",
    "category": "petani",
    "income": "900000",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """An in-memory table with the tokenizer the real workers_fts was created with."""
    path = tmp_path_factory.mktemp("fts") / "j.sqlite"
    db = open_database(path, create=True)
    db.close()
    with driver.connect(path, db.key) as real:
        sql = real.execute("SELECT sql FROM sqlite_master WHERE name = 'workers_fts'").fetchone()[0]
    tokenize = re.search(r"tokenize\s*=\s*'([^']*)'", sql)
    assert tokenize is not None, sql
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(name, tokenize='{tokenize.group(1)}')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    yield conn
    conn.close()


def tokens(index: sqlite3.Connection, name: str) -> list[str]:
    index.execute("DELETE FROM t")
    index.execute("INSERT INTO t(rowid, name) VALUES (1, ?)", (name,))
    return [r[0] for r in index.execute("SELECT term FROM v ORDER BY offset")]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Siti  Aminah", "siti aminah"),
        ("Ma'ruf AL-Amin", "ma ruf al amin"),
        ("Moh.Ali", "moh ali"),
        ("Réné Sùkardi", "rene sukardi"),
        ("I Gusti Ngurah Rai", "i gusti ngurah rai"),
    ],
)
def test_name_key_is_the_folded_words(name: str, key: str, index: sqlite3.Connection) -> None:
    assert workers.name_key(name) == key
    assert tokens(index, name) == key.split()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=ALPHABET, min_size=1, max_size=24))
def test_name_key_agrees_with_the_index_tokenizer(name: str, index: sqlite3.Connection) -> None:
    key = workers.name_key(name)
    assert key.split() == tokens(index, name)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(alphabet=ALPHABET, min_size=1, max_size=24),
    search=st.text(alphabet=ALPHABET, min_size=1, max_size=4),
)
def test_a_like_on_name_key_answers_as_the_index_does(name: str, search: str, index: sqlite3.Connection) -> None:
    """The exact tests the page plan and the count use, on one row."""
    terms = [t for t in worker_search.search_terms(search) if t.isalpha()]
    tokens(index, name)  # the row is in the index
    for term in terms:
        by_like = index.execute("SELECT (' ' || ?) LIKE ?", (workers.name_key(name), f"% {term}%")).fetchone()[0]
        by_index = index.execute("SELECT count(*) FROM t WHERE t MATCH ?", (f'name : "{term}"*',)).fetchone()[0]
        assert bool(by_like) == bool(by_index), (name, term)


TRICKY = ["Réné Sùkardi", "Ma'ruf Su-Amin", "Siti.Sundari", "Àsep Sûryana", "Nur'aini Susanti"]


def test_dense_pages_agree_with_the_count_on_marked_names(demo_workspace: Workspace, operator: Actor) -> None:
    """A dusun word ('su' starts Sukamaju) makes matches dense: pages test name_key per row,
    the count and row numbers ask the index. Names with marks and accents must land in both."""
    ws = demo_workspace
    for n, name in enumerate(TRICKY):
        workers.add_worker(ws, operator, BASE | {"name": name, "nik": f"32040501019000{n + 10:02d}"})
    dusun = workers.distinct_values(ws, "dusun")
    for search in ("su", "Sù", "su a", "re", "as"):
        q = WorkerQuery(search=search, limit=None)
        named = any(
            w.startswith(worker_search.fold(search).split()[0]) for d in dusun for w in worker_search.search_terms(d)
        )
        listed = workers.list_workers(ws, q)
        found = worker_pages.find(ws, q)
        assert workers.count_workers(ws, q) == len(listed) == found.total, search
        assert [r.id for r in worker_pages.rows(ws, list(found.rowids))] == [r.id for r in listed], search
        terms = worker_search.search_terms(search)
        expected = {n for n in TRICKY if all(any(w.startswith(t) for w in workers.name_key(n).split()) for t in terms)}
        assert expected <= {r.name for r in listed}, search
        if search == "su":
            assert named, "the demo's dusun should include one starting 'su', or this test tests nothing"
            page = workers.list_workers(ws, WorkerQuery(search=search, limit=40))
            assert [r.id for r in page] == [r.id for r in listed[:40]]


def test_the_upgrade_rekeys_names_saved_before_it(tmp_path: Path) -> None:
    """A database at schema 0003 with names keyed the old way is rekeyed by 0004 and found."""
    import shutil

    fixtures = Path(__file__).parents[1] / "fixtures"
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(fixtures / "schema_0003.sqlite", data / "jamsos.sqlite")
    with sqlite3.connect(data / "jamsos.sqlite") as c:
        c.execute("UPDATE workers SET name = 'Siti Al-Aminah', name_key = 'siti al-aminah' WHERE name = 'Siti Aminah'")
        c.execute("UPDATE workers SET name = 'Àsep Suryana', name_key = 'àsep suryana' WHERE name = 'Asep Suryana'")
    ws = Workspace.open(data)
    try:
        with sqlite3.connect(data / "jamsos.sqlite") as c:
            keys = dict(c.execute("SELECT name, name_key FROM workers").fetchall())
        assert keys == {
            "Siti Al-Aminah": "siti al aminah",
            "Àsep Suryana": "asep suryana",
            "Euis Rahayu": "euis rahayu",
        }
        assert [w.name for w in workers.list_workers(ws, WorkerQuery(search="asep"))] == ["Àsep Suryana"]
        assert [w.name for w in workers.list_workers(ws, WorkerQuery(search="al a"))] == ["Siti Al-Aminah"]
    finally:
        ws.close()


def test_one_accented_letter_lists_names_starting_with_its_plain_letter(workspace: Workspace, operator: Actor) -> None:
    workers.add_worker(workspace, operator, BASE | {"name": "Élan Putra", "nik": "3204050101900011"})
    workers.add_worker(workspace, operator, BASE | {"name": "Eka Saputra", "nik": "3204050101900012"})
    for letter in ("É", "é", "e", "E"):
        q = WorkerQuery(search=letter, limit=None)
        assert [w.name for w in workers.list_workers(workspace, q)] == ["Eka Saputra", "Élan Putra"], letter
        assert workers.count_workers(workspace, q) == 2, letter

"""The import's speed-ups change nothing: each is held to the rule as first written."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsos_desktop.domain import import_values, worker
from jamsos_desktop.services import importing
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import worker_store

from .files import xlsx
from .test_import_service import person, plan_of


def _steering_as_written(text: str) -> bool:
    """``has_steering`` as it was first written, character by character."""
    if text.isascii():
        return any((c < " " and not c.isspace()) or c == "\x7f" for c in text)
    return any(c in worker._BIDI or (unicodedata.category(c) in ("Cc", "Cs") and not c.isspace()) for c in text)


def test_the_steering_character_class_is_the_rule_as_written_for_every_code_point() -> None:
    wrong = [hex(c) for c in range(0x110000) if worker.has_steering(chr(c)) != _steering_as_written(chr(c))]
    assert wrong == []
    assert worker.has_steering("Siti\u202eAminah") and not worker.has_steering("Siti\tAminah\u00e9")


def _phone_as_written(raw: str) -> str | None:
    """``normalize_phone`` as it was first written: separators out, +62/62 to 0, then the shape."""
    digits = worker._PHONE_SEPARATORS.sub("", raw)
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits if worker._PHONE.fullmatch(digits) else None


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="0123456789", max_size=16),
        st.text(alphabet="0123456789+-. ()\u0668\uff10", max_size=18),
        st.builds(
            lambda p, d: p + d, st.sampled_from(["0", "08", "62", "+62", "0 8"]), st.text("0123456789", max_size=15)
        ),
    )
)
def test_a_phone_already_in_shape_is_read_as_the_rule_as_written_reads_it(raw: str) -> None:
    assert worker.normalize_phone(raw) == _phone_as_written(raw)


def test_every_apostrophe_straightened_is_in_the_names_fast_test() -> None:
    """``read_name`` translates only a name that is not ASCII or holds a backtick: every other
    character the table maps must then be outside ASCII."""
    assert [chr(c) for c in import_values._APOSTROPHES if chr(c).isascii()] == ["`"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aAsiTIM '-.`\u2019\u2018\u02bc\u00b4\u2032\u00e9 \t", max_size=24))
def test_a_name_is_read_as_the_rule_as_written_reads_it(raw: str) -> None:
    as_written = import_values.tidy_case(import_values.cell_text(raw).translate(import_values._APOSTROPHES).strip(" -"))
    assert import_values.read_name(raw) == as_written


_KEYS = sorted({f.input for f in import_values.WORKER.fields if f.input is not None})
_CELLS = st.one_of(
    st.none(),
    st.text(alphabet="0123456789", max_size=17),
    st.text(alphabet="0123456789 +-.'\u0663\uff11", max_size=17),
    st.text(max_size=12),
    st.integers(min_value=-10, max_value=10**17),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["", " ", "-", "0", "0000000000000000", "3204051508950001", "081234567890", "Ya", "L", "Petani"]),
)


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(_KEYS), _CELLS)
def test_a_cell_is_read_as_the_long_way_reads_it(key: str, raw: object) -> None:
    """Each key's reading of a cell (``RowReader._reader``: a shortcut for the commonest cells of
    the keys of distinct values) gives what the dispatch gives, value and type."""
    reader = import_values.RowReader(known_dusun=["Babakan"], today=dt.date(2026, 12, 3))
    got = reader._reader(key)(raw)
    long_way = import_values._BLANK if import_values.is_blank(raw) else import_values._answer(reader._cell(key, raw))
    assert (type(got), got) == (type(long_way), long_way)


def _mixed_rows() -> list[list[object] | None]:
    rows: list[list[object] | None] = [person(i) for i in range(1, 13)]
    rows[1][6] = 1  # type: ignore[index]  # sex as OpenSID's code, beside "L" in the other rows
    rows[2][9] = 1.0  # type: ignore[index]  # RT as a number cell, beside "1" as text
    rows[3][9] = True  # type: ignore[index]  # not an RT: the same hash as 1, another answer
    rows[4][1] = 3.20405e15  # type: ignore[index]  # a NIK stored as a number: refused
    rows[5][5] = "31-02-1980"  # type: ignore[index]  # no such date
    rows[6][11] = "petan"  # type: ignore[index]  # an occupation read by approximation
    rows[7][11] = "juru parkir"  # type: ignore[index]  # kept as written, LAINNYA
    rows[8][7] = "Jl. Mawar\u202e"  # type: ignore[index]  # a steering character
    rows[9][7] = "x" * 251  # type: ignore[index]  # too long
    rows.append(list(rows[0]))  # type: ignore[arg-type]  # the same row twice: a duplicate
    conflict = list(rows[10])  # type: ignore[arg-type]
    conflict[3] = "ORANG LAIN"
    rows.append(conflict)  # the same NIK with other data: an error
    rows.append(None)  # a blank line
    rows += [person(i) for i in range(101, 104)]  # recorded before: updates and unchanged
    rows[-3][9] = "7"  # type: ignore[index]
    rows[-2][3] = str(rows[-2][3]).lower()  # type: ignore[index]
    return rows


def test_the_plan_is_the_same_with_every_cell_read_afresh(
    workspace: Workspace, operator: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dry run reads each repeated cell once (``RowReader``); read afresh for every row
    (``read_row`` as it was, no answer kept) every outcome, reason and value is the same."""
    importing.run_import(
        workspace, operator, plan_of(workspace, xlsx(tmp_path / "known.xlsx", [person(i) for i in range(101, 104)]))
    )
    path = xlsx(tmp_path / "mixed.xlsx", _mixed_rows())
    fast = plan_of(workspace, path)
    monkeypatch.setattr(import_values, "_CACHE_LIMIT", 0)
    slow = plan_of(workspace, path)
    assert fast.rows == slow.rows
    outcomes = {r.outcome for r in fast.rows}
    assert {importing.NEW, importing.UPDATE, importing.UNCHANGED, importing.DUPLICATE, importing.ERROR} <= outcomes
    assert [r.to_dict("en") for r in fast.rows] == [r.to_dict("en") for r in slow.rows]


def test_a_row_reader_gives_what_read_row_gives_for_every_row() -> None:
    reader = import_values.RowReader(known_dusun=["Babakan"], today=dt.date(2026, 11, 21))
    cells = [
        {"sex": 1, "rt": "1", "dusun": "BABAKAN", "occupation": "petan", "dtks": "mungkin"},
        {"sex": 1.0, "rt": 1, "dusun": "babakan", "occupation": "juru parkir", "dtks": "Ya"},
        {"sex": True, "rt": 1.0, "dusun": "Babakan", "occupation": "petan", "dtks": "mungkin"},
        {"sex": "1", "rt": "RT 01", "dusun": "Baru", "occupation": "9", "dtks": True},
        {"birth_place_date": "Bandung, 12 Mei 1980", "rt_rw": "3/4", "nik": 3.20405e15},
    ] * 2
    for c in cells:
        fresh = import_values.read_row(c, known_dusun=["Babakan"], today=dt.date(2026, 11, 21))
        kept = reader.read(c)
        assert (kept.values, kept.issues, kept.kept_occupation, kept.filled) == (
            fresh.values,
            fresh.issues,
            fresh.kept_occupation,
            fresh.filled,
        )
        assert [type(v) for v in kept.values.values()] == [type(v) for v in fresh.values.values()]


def test_a_bulk_import_fills_the_search_index_and_keeps_its_trigger(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    n = worker_store._BULK_FTS_MIN + 5
    rows = [person(i, name=f"WARGA {chr(65 + i % 26)}{chr(65 + i // 26 % 26)} ZAKARIA") for i in range(1, n + 1)]
    plan = plan_of(workspace, xlsx(tmp_path / "many.xlsx", rows))
    assert importing.run_import(workspace, operator, plan).added == n
    with workspace.reading() as s:
        conn = s.connection()
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'workers_fts_ai'"
        ).scalar_one()
        found = conn.exec_driver_sql("SELECT count(*) FROM workers_fts WHERE workers_fts MATCH 'zakaria'").scalar_one()
        assert found == n
        indexed = conn.exec_driver_sql("SELECT count(*) FROM workers_fts").scalar_one()
        assert indexed == conn.exec_driver_sql("SELECT count(*) FROM workers").scalar_one()
        conn.exec_driver_sql("INSERT INTO workers_fts(workers_fts) VALUES ('integrity-check')")
    # one more worker, a single row: the trigger indexes it
    one = plan_of(workspace, xlsx(tmp_path / "one.xlsx", [person(9000, name="SATU ORANG ZULKARNAEN")]))
    importing.run_import(workspace, operator, one)
    with workspace.reading() as s:
        conn = s.connection()
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM workers_fts WHERE workers_fts MATCH 'zulkarnaen'"
        ).scalar_one()


def test_an_import_in_several_chunks_indexes_every_worker_once(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    rows = [person(i, name=f"WARGA {chr(65 + i % 26)} YUSUF") for i in range(1, 251)]
    plan = plan_of(workspace, xlsx(tmp_path / "chunks.xlsx", rows))
    steps = importing.import_steps(workspace, operator, plan, chunk=100)
    seen = []
    with pytest.raises(StopIteration) as done:
        while True:
            seen.append(next(steps))
    assert done.value.value.added == 250 and seen[-1] == (250, 250)
    with workspace.reading() as s:
        conn = s.connection()
        # One reservation for every chunk: each worker its own change number, in order, and the
        # counter at the last of them.
        seqs = [r[0] for r in conn.exec_driver_sql("SELECT change_seq FROM workers ORDER BY rowid")]
        assert len(seqs) == 250 and seqs == list(range(seqs[0], seqs[0] + 250))
        counter = conn.exec_driver_sql("SELECT value FROM counters WHERE name = 'change'").scalar_one()
        assert counter >= seqs[-1]
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM workers_fts WHERE workers_fts MATCH 'yusuf'").scalar_one() == 250
        )
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM workers_fts").scalar_one()
            == conn.exec_driver_sql("SELECT count(*) FROM workers").scalar_one()
        )
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'workers_fts_ai'"
        ).scalar_one()


def test_a_cancelled_chunked_import_leaves_the_index_and_its_trigger_as_they_were(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    with workspace.reading() as s:
        before = s.connection().exec_driver_sql("SELECT count(*) FROM workers_fts").scalar_one()
    rows = [person(i) for i in range(1, 251)]
    steps = importing.import_steps(workspace, operator, plan_of(workspace, xlsx(tmp_path / "c.xlsx", rows)), chunk=100)
    next(steps)
    next(steps)
    steps.close()  # Cancel after the first chunk
    with workspace.reading() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("SELECT count(*) FROM workers_fts").scalar_one() == before
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'workers_fts_ai'"
        ).scalar_one()


def _workers_schema(ws: Workspace) -> list[tuple[str, str, str]]:
    with ws.reading() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'workers' AND sql IS NOT NULL ORDER BY name"
        )
        return [(str(t), str(n), str(q)) for t, n, q in rows]


def _intact(ws: Workspace) -> None:
    """Every index holds exactly the table's rows, and the searches still use theirs."""
    with ws.reading() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        plan = " ".join(
            str(r[-1])
            for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM workers WHERE kk = '3204050101010001' AND deleted_at IS NULL"
            )
        )
        assert "ix_workers_kk_live" in plan, plan


def test_a_first_import_builds_the_plain_indexes_again_exactly_as_they_were(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    """The plain indexes are dropped while a register's first rows go in, and made again from
    their own SQL; a cancelled import, and one into a larger register, leave them as well."""
    schema = _workers_schema(workspace)
    assert sum(1 for t, n, _ in schema if t == "index" and n.startswith("ix_workers_")) >= 5
    rows = [person(i) for i in range(1, 251)]
    steps = importing.import_steps(workspace, operator, plan_of(workspace, xlsx(tmp_path / "c.xlsx", rows)), chunk=100)
    next(steps)
    next(steps)
    steps.close()  # Cancel with the indexes dropped
    assert _workers_schema(workspace) == schema
    _intact(workspace)
    assert importing.run_import(workspace, operator, plan_of(workspace, xlsx(tmp_path / "a.xlsx", rows))).added == 250
    assert _workers_schema(workspace) == schema
    _intact(workspace)
    # Fewer rows than the register holds: the indexes grow row by row, and stay the same.
    more = [person(i) for i in range(1001, 1211)]
    assert importing.run_import(workspace, operator, plan_of(workspace, xlsx(tmp_path / "b.xlsx", more))).added == 210
    assert _workers_schema(workspace) == schema
    _intact(workspace)


class _Text(str):
    """A text that is not exactly ``str``: it takes the long way through every reader."""


@pytest.mark.parametrize(
    "raw", ["3204051508950001", "0", "00", "320405150895000", "32040515089500011", "1234", "3204051508950001\n"]
)
def test_digits_typed_as_text_read_as_the_long_way_reads_them(raw: str) -> None:
    from jamsos_desktop.domain import identity

    assert import_values.read_identity(raw, "nik") == import_values.read_identity(_Text(raw), "nik")
    assert identity.sixteen_digits(raw, "nik") == identity.sixteen_digits(_Text(raw), "nik")
    assert identity.check_nik(raw, home_regency="32.04") == identity.check_nik(_Text(raw), home_regency="32.04")


def _date_as_written(raw: str, today: dt.date) -> dt.date | None:
    """``read_date`` of a text as it was first written: the patterns, in their order."""
    s = import_values.cell_text(raw).lower()
    if not s:
        return None
    if m := import_values._ISO_DATE.match(s):
        return import_values._make(int(m[1]), int(m[2]), int(m[3]))
    if m := import_values._NUMERIC_DATE.match(s):
        return import_values._make(import_values._year(m[3], today), int(m[2]), int(m[1]))
    if m := import_values._WORD_DATE.match(s):
        month = import_values._MONTHS.get(m[2])
        return import_values._make(import_values._year(m[3], today), month, int(m[1])) if month else None
    if m := import_values._COMPACT_DATE.match(s):
        return import_values._make(int(m[3]), int(m[2]), int(m[1]))
    return worker.parse_date(s)


_DIGIT = st.sampled_from("0123456789\u0663\uff11")
_SEP = st.sampled_from("-/. :,_")


@settings(max_examples=500, deadline=None)
@given(
    st.builds(
        lambda d, s1, m, s2, y, pad: pad + "".join(d) + s1 + "".join(m) + s2 + "".join(y) + pad,
        st.lists(_DIGIT, min_size=1, max_size=3),
        _SEP,
        st.lists(_DIGIT, min_size=1, max_size=3),
        _SEP,
        st.lists(_DIGIT, min_size=2, max_size=5),
        st.sampled_from(["", " "]),
    )
)
def test_a_date_written_day_first_is_read_as_the_patterns_read_it(raw: str) -> None:
    today = dt.date(2026, 12, 3)
    assert import_values.read_date(raw, today=today) == _date_as_written(raw, today)

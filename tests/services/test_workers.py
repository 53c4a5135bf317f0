from __future__ import annotations

from typing import Any

import pytest

from jamsos_desktop.domain.text import NotFound, PermissionDenied, UserError, ValidationError
from jamsos_desktop.services import workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.services.workers import WorkerQuery
from jamsos_desktop.storage import worker_search

SITI: dict[str, Any] = {
    "nik": "3204054508950001",
    "kk": "3204051203150007",
    "name": "Siti Aminah",
    "birth_place": "Bandung",
    "birth_date": "1995-08-05",
    "sex": "P",
    "dusun": "Babakan",
    "rt": "3",
    "rw": "2",
    "occupation": "9",
    "category": "petani",
    "income": "900000",
    "heir_name": "Asep Suryana",
    "heir_relation": "Suami",
    "consent_date": "2026-11-02",
}


def test_add_show_edit_delete(workspace: Workspace, operator: Actor) -> None:
    r = workers.add_worker(workspace, operator, SITI)
    assert r.warnings == ()
    d = workers.get_worker(workspace, "3204 0545 0895 0001")
    assert d.worker.id == r.id and d.worker.status == "recorded" and d.nomination is None
    assert workers.get_worker(workspace, workers.short_id(r.id)).worker.id == r.id
    workers.edit_worker(workspace, operator, r.id, {"dusun": "Sukasari", "income": "1200000"})
    w = workers.get_worker(workspace, r.id).worker
    assert (w.dusun, w.income, w.version) == ("Sukasari", 1_200_000, 2)
    workers.delete_worker(workspace, operator, r.id, "pindah")
    with pytest.raises(NotFound):
        workers.get_worker(workspace, r.id)
    # Once deleted, the same person can be recorded again.
    workers.add_worker(workspace, operator, SITI)


def test_duplicate_nik_is_blocked_naming_the_existing_record(workspace: Workspace, operator: Actor) -> None:
    first = workers.add_worker(workspace, operator, SITI).id
    with pytest.raises(ValidationError) as e:
        workers.add_worker(workspace, operator, SITI | {"name": "Siti A."})
    assert e.value.field == "nik"
    assert f"sudah tercatat atas nama Siti Aminah (ID {workers.short_id(first)})" in e.value.message()
    assert workers.count_workers(workspace) == 1


def test_same_name_and_birth_date_is_warned(workspace: Workspace, operator: Actor) -> None:
    workers.add_worker(workspace, operator, SITI)
    r = workers.add_worker(workspace, operator, SITI | {"nik": "3204054508950002"})
    assert [i.field for i in r.warnings] == ["name"]
    assert "3204**********01" in r.warnings[0].text.id


def test_a_form_check_names_the_record_with_that_nik_in_one_session(
    workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = workers.add_worker(workspace, operator, SITI).id
    sessions: list[int] = []
    reading = workspace.reading
    monkeypatch.setattr(workspace, "reading", lambda: (sessions.append(1), reading())[1])
    c = workers.check_form(workspace, SITI | {"name": "Siti A."})
    assert sessions == [1]
    assert (c.recorded_id, c.recorded_name) == (first, "Siti Aminah")
    assert c.data is None and c.nik is not None and c.nik.nik == SITI["nik"] and c.nik.sex == "P"
    assert [i.text.id for i in c.issues] == [f"sudah tercatat atas nama Siti Aminah (ID {workers.short_id(first)})"]
    # The record itself (an edit) and a NIK nobody has: no record named, the values pass.
    mine = workers.check_form(workspace, SITI, exclude_id=first)
    other = workers.check_form(workspace, SITI | {"nik": "3204054508950002", "name": "Siti B."})
    assert mine.recorded_id is None and mine.data is not None and mine.issues == []
    assert other.recorded_id is None and other.recorded_name == "" and other.data is not None
    # A blank NIK has no NIK check at all.
    assert workers.check_form(workspace, SITI | {"nik": ""}).nik is None


def test_stale_edit_is_refused(workspace: Workspace, operator: Actor) -> None:
    wid = workers.add_worker(workspace, operator, SITI).id
    workers.edit_worker(workspace, operator, wid, {"dusun": "A"}, expected_version=1)
    with pytest.raises(UserError, match="sudah diubah orang lain"):
        workers.edit_worker(workspace, operator, wid, {"dusun": "B"}, expected_version=1)


def test_bad_edit_changes_nothing(workspace: Workspace, operator: Actor) -> None:
    wid = workers.add_worker(workspace, operator, SITI).id
    with pytest.raises(ValidationError):
        workers.edit_worker(workspace, operator, wid, {"birth_date": "1995-08-06"})
    assert workers.get_worker(workspace, wid).worker.version == 1


def test_approver_cannot_record_workers(workspace: Workspace, head: Actor) -> None:
    with pytest.raises(PermissionDenied):
        workers.add_worker(workspace, head, SITI)


def test_search_filters_and_sort(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    total = workers.count_workers(ws)
    assert total == 200
    all_rows = workers.list_workers(ws, WorkerQuery(limit=None))
    some = all_rows[17]
    first_word = some.name.split()[0]
    hits = workers.list_workers(ws, WorkerQuery(search=first_word[:3].lower(), limit=None))
    assert some.id in {h.id for h in hits}
    assert all(any(p.lower().startswith(first_word[:3].lower()) for p in h.name.split()) for h in hits)
    assert [h.id for h in workers.list_workers(ws, WorkerQuery(search=some.nik[:10]))] == [some.id] or some.id in {
        h.id for h in workers.list_workers(ws, WorkerQuery(search=some.nik[:10], limit=None))
    }
    assert workers.list_workers(ws, WorkerQuery(search=some.nik))[0].id == some.id
    dusun = workers.distinct_values(ws, "dusun")
    in_dusun = workers.list_workers(ws, WorkerQuery(dusun=dusun[0], limit=None))
    assert in_dusun and all(r.dusun == dusun[0] for r in in_dusun)
    assert workers.count_workers(ws, WorkerQuery(dusun=dusun[0])) == len(in_dusun)
    by_income = workers.list_workers(ws, WorkerQuery(order_by="income", descending=True, limit=10))
    incomes = [r.income or 0 for r in by_income]
    assert incomes == sorted(incomes, reverse=True)
    page2 = workers.list_workers(ws, WorkerQuery(offset=100, limit=100))
    assert [r.id for r in page2] == [r.id for r in all_rows[100:200]]
    assert workers.list_workers(ws, WorkerQuery(search='"*()')) == all_rows[:100]  # nothing to match on: all


def test_bulk_add_is_all_or_nothing(workspace: Workspace, operator: Actor) -> None:
    rows = [
        SITI,
        SITI | {"nik": "3204051203800002", "birth_date": "1980-03-12", "sex": "L", "name": "Asep"},
        SITI | {"nik": "bad"},
    ]
    res = workers.bulk_add_workers(workspace, operator, rows)
    assert res.added == 0 and [i for i, _ in res.rejected] == [3]
    assert workers.count_workers(workspace) == 0
    res = workers.bulk_add_workers(workspace, operator, [*rows[:2], SITI], all_or_nothing=False)
    assert res.added == 2 and res.rejected[0][0] == 3 and "ganda" in res.rejected[0][1].text.id


def test_one_letter_lists_names_starting_with_it(demo_workspace: Workspace) -> None:
    rows = workers.list_workers(demo_workspace, WorkerQuery(search="s", limit=None))
    assert rows and all(r.name.lower().startswith("s") for r in rows)
    assert workers.count_workers(demo_workspace, WorkerQuery(search="S")) == len(rows)


def test_number_search_counts_match_the_list(demo_workspace: Workspace) -> None:
    for prefix in ("3", "3204", "320405", "32040512"):
        rows = workers.list_workers(demo_workspace, WorkerQuery(search=prefix, limit=None))
        assert all(r.nik.startswith(prefix) or r.kk.startswith(prefix) for r in rows)
        assert len({r.id for r in rows}) == len(rows)
        assert workers.count_workers(demo_workspace, WorkerQuery(search=prefix)) == len(rows)


def test_broad_plans_give_the_same_answers(demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """On 200 workers every search is narrow; lower the thresholds so the broad plans run too."""
    queries = [WorkerQuery(search=s, limit=None, order_by=o) for s in ("3204", "ra", "siti") for o in ("name", "dusun")]
    narrow = [[r.id for r in workers.list_workers(demo_workspace, q)] for q in queries]
    counts = [workers.count_workers(demo_workspace, q) for q in queries]
    monkeypatch.setattr(worker_search, "BROAD", 5)
    monkeypatch.setattr(worker_search, "BROAD_NUMBER", 5)
    assert [[r.id for r in workers.list_workers(demo_workspace, q)] for q in queries] == narrow
    assert [workers.count_workers(demo_workspace, q) for q in queries] == counts


def test_row_numbers_agree_with_pages_and_count(demo_workspace: Workspace) -> None:
    from jamsos_desktop.services import worker_pages

    for search in ("", "s", "si", "3204", "siti h"):
        q = WorkerQuery(search=search, limit=None)
        found = worker_pages.find(demo_workspace, q)
        listed = workers.list_workers(demo_workspace, q)
        assert found.total == workers.count_workers(demo_workspace, q) == len(listed)
        assert [r.id for r in worker_pages.rows(demo_workspace, list(found.rowids))] == [r.id for r in listed]


def _matches_every_word(r: Any, search: str) -> bool:
    """What a search means, said plainly: each word starts a word of the name or dusun, or the
    NIK or KK."""
    import re
    import unicodedata

    def fold(t: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", t.lower()) if not unicodedata.combining(c))

    def words(t: str) -> list[str]:
        return re.findall(r"[^\W_]+", fold(t))

    hay = [*words(r.name), *words(r.dusun), r.nik, r.kk]
    return all(any(w.startswith(term) for w in hay) for term in words(search))


def test_searches_find_exactly_the_workers_they_describe(
    demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dusun words, initials, names and numbers, mixed: the plans' answers against a plain scan,
    for the list, the count and the row numbers, with narrow and broad plans alike."""
    from jamsos_desktop.services import worker_pages

    ws = demo_workspace
    everyone = workers.list_workers(ws, WorkerQuery(limit=None))
    dusun = everyone[0].dusun
    name = everyone[33].name.split()
    searches = [
        dusun[:2],
        dusun[:4].upper(),
        dusun,
        f"{name[0]} {dusun[:3]}",
        f"{name[0][:3]} {name[-1][0]}",
        f"{name[-1][0]} {name[0][:2]}",
        f"{dusun[:3]} {everyone[5].nik[:4]}",
        f"{name[0]} 3",
        "si h",
        "zzz",
        "a b",
    ]
    for broad in (False, True):
        if broad:
            monkeypatch.setattr(worker_search, "BROAD", 5)
        for search in searches:
            q = WorkerQuery(search=search, limit=None)
            listed = workers.list_workers(ws, q)
            expected = [r.id for r in everyone if _matches_every_word(r, search)]
            assert sorted(r.id for r in listed) == sorted(expected), search
            keys = [workers.name_key(r.name) for r in listed]
            assert keys == sorted(keys), search
            assert workers.count_workers(ws, q) == len(expected), search
            assert worker_pages.find(ws, q).total == len(expected), search
    assert workers.count_workers(ws, WorkerQuery(search=dusun[:3])) >= workers.count_workers(
        ws, WorkerQuery(dusun=dusun)
    )


# -- every issue, with its code -------------------------------------------------------------------

ASEP = SITI | {
    "nik": "3204051203800002",
    "birth_date": "1980-03-12",
    "sex": "L",
    "name": "Asep",
    "heir_relation": "Istri",
}


def test_bulk_add_reports_every_issue_of_every_row(workspace: Workspace, operator: Actor) -> None:
    from jamsos_desktop.domain import issues as codes

    rows = [
        SITI,  # 1: good
        SITI | {"nik": "3204054508950003", "rt": "0", "income": "900.00", "heir_relation": "Tetangga", "phone": "123"},
        ASEP | {"heir_relation": "Suami"},  # 3: good, one warning
        SITI | {"name": "Siti Aminah"},  # 4: the NIK of row 1 again
        ASEP | {"nik": "3204051203800003"},  # 5: Asep again under another NIK: a warning
        SITI | {"nik": "bad", "birth_date": "1995-08-06"},  # 6: NIK and birth date
    ]
    res = workers.bulk_add_workers(workspace, operator, rows)
    assert res.added == 0 and workers.count_workers(workspace) == 0  # all or nothing
    by_row = {r.row: [(i.field, i.code) for i in r.issues] for r in res.rows}
    assert by_row == {
        2: [  # four errors, and the same name and birth date as row 1 (a warning)
            ("rt", codes.RT_RW_RANGE),
            ("income", codes.AMOUNT_AMBIGUOUS),
            ("phone", codes.PHONE_INVALID),
            ("heir_relation", codes.HEIR_NOT_FAMILY),
            ("name", codes.NAME_SAME_PERSON),
        ],
        3: [("heir_relation", codes.HEIR_RELATION_SEX)],
        4: [("nik", codes.NIK_DUPLICATE)],
        5: [("name", codes.NAME_SAME_PERSON)],
        6: [("nik", codes.NIK_LENGTH)],
    }
    assert [i for i, _ in res.rejected] == [2, 4, 6]
    assert res.warnings == 2
    report = res.report("en")
    assert len(report) == 9
    assert report[1] == {
        "row": 2,
        "code": "amount.ambiguous",
        "severity": "error",
        "field": "income",
        "value": "900.00",
        "message": "could be read as Rp900 or Rp900.000; write 900 / 900.000",
    }
    # Without all-or-nothing the good rows go in, and the report is the same.
    res = workers.bulk_add_workers(workspace, operator, rows, all_or_nothing=False)
    assert res.added == 3 and {r.row: [i.code for i in r.issues] for r in res.rows} == {
        k: [c for _f, c in v] for k, v in by_row.items()
    }


def test_a_refused_record_names_every_error_with_its_code(workspace: Workspace, operator: Actor) -> None:
    first = workers.add_worker(workspace, operator, SITI).id
    with pytest.raises(ValidationError) as e:
        workers.add_worker(workspace, operator, SITI | {"rw": "x", "heir_relation": "Teman"})
    assert e.value.issue_code == "rt_rw.range" and e.value.field == "rw"
    assert e.value.codes == ["rt_rw.range", "heir.not_family", "nik.duplicate"]
    assert f"(ID {workers.short_id(first)})" in e.value.message()
    c = workers.check_form(workspace, SITI | {"rw": "x", "birth_date": "1995-08-05"})
    assert [i.code for i in c.issues] == ["rt_rw.range", "nik.duplicate"] and c.recorded_id == first


def test_income_is_stored_as_written_or_refused_naming_the_value(workspace: Workspace, operator: Actor) -> None:
    wid = workers.add_worker(workspace, operator, SITI | {"income": "Rp 900.000,00"}).id
    assert workers.get_worker(workspace, wid).worker.income == 900_000
    for typed, code in (
        ("900000,50", "amount.fraction"),
        ("900000.50", "amount.fraction"),
        ("1,500", "amount.ambiguous"),
    ):
        with pytest.raises(ValidationError) as e:
            workers.edit_worker(workspace, operator, wid, {"income": typed})
        assert (e.value.field, e.value.issue_code, e.value.value) == ("income", code, typed)
        assert e.value.message().startswith(f"Penghasilan per bulan '{typed}': ")
    workers.edit_worker(workspace, operator, wid, {"income": "1,5 juta"})
    assert workers.get_worker(workspace, wid).worker.income == 1_500_000


def test_demo_heirs_fit_the_workers_sex() -> None:
    import datetime as dt

    from jamsos_desktop.domain.worker import validate_worker
    from jamsos_desktop.services import demo

    rows = list(demo.demo_rows("32.04.05.2005", 2000, seed=3, today=dt.date(2026, 11, 21)))
    found = {i.code for r in rows for i in validate_worker(r, reference=dt.date(2026, 11, 21)).issues}
    assert "heir.relation_sex" not in found and "heir.not_family" not in found

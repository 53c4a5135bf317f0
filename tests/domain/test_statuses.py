from __future__ import annotations

import itertools

from jamsos_desktop.domain import statuses as st


def test_the_normal_path() -> None:
    path = [st.PROPOSED, st.APPROVED, st.PRINTED, st.SIGNED, st.EXPORTED, st.REGISTERED]
    assert all(st.can_move(a, b) for a, b in itertools.pairwise(path))


def test_no_skipping_the_village_head() -> None:
    assert not st.can_move(st.PROPOSED, st.PRINTED)
    assert not st.can_move(st.DECLINED, st.APPROVED)
    assert not st.can_move(st.REGISTERED, st.PROPOSED)


def test_the_district_may_change_its_mind() -> None:
    assert st.can_move(st.REJECTED, st.REGISTERED) and st.can_move(st.DUPLICATE, st.REGISTERED)


def test_every_status_has_both_labels() -> None:
    for s in st.WORKER_STATUSES:
        assert st.label(s, "id") and st.label(s, "en") and st.label(s, "id") != s

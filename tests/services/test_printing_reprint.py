"""printing.form_entries(all_listed=True): a reprint of everyone on the list, read in one query,
is the same as asking for the list's workers by id (which looks each one up)."""

from __future__ import annotations

import pytest

from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import nominations, printing
from jamsos_desktop.services.context import Actor, Workspace


def test_all_listed_is_the_list_by_id(demo_workspace: Workspace, operator: Actor, head: Actor) -> None:
    ws = demo_workspace
    nominations.nominate_ranked(ws, operator, limit=9)
    nominations.approve(ws, head)
    printing.mark_printed(ws, operator, [e.nomination.id for e in printing.list_entries(ws)][:3])
    listed = printing.list_entries(ws)
    by_id = printing.form_entries(ws, [e.worker.id for e in listed])
    assert printing.form_entries(ws, all_listed=True) == by_id == listed
    assert len(by_id) == 9


def test_all_listed_of_an_empty_list_is_refused_as_before(demo_workspace: Workspace) -> None:
    with pytest.raises(UserError) as listed:
        printing.list_entries(demo_workspace)
    with pytest.raises(UserError) as reprint:
        printing.form_entries(demo_workspace, all_listed=True)
    assert reprint.value.message() == listed.value.message()

"""The shared public names that replaced borrowed private ones."""

from __future__ import annotations

import pytest

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import assessment, doctor, nominations, overview, users
from jamsos_desktop.services.common import summarize_quota
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.services.village import active_program, current_village, get_village


def test_one_quota_summary_for_nominations_dashboard_and_doctor(
    demo_workspace: Workspace, operator: Actor, head: Actor
) -> None:
    ws = demo_workspace
    assessment.assess(ws, operator)
    nominations.nominate_ranked(ws, operator, limit=6)
    nominations.approve(ws, head)
    with ws.reading() as s:
        summary = summarize_quota(s, active_program(s))
    assert summary.by_status.get(statuses.APPROVED, 0) > 0 and summary.counted > 0
    assert nominations.quota_summary(ws) == summary == overview.dashboard(ws).quota
    assert doctor.doctor(ws).quota == summary.to_dict()


def test_current_village_is_the_one_village(workspace: Workspace) -> None:
    with workspace.reading() as s:
        v = current_village(s)
    assert (v.id, v.code) == (get_village(workspace).id, get_village(workspace).code)


@pytest.mark.parametrize(
    ("name", "valid"),
    [("rina", True), ("r.marlina-2", True), ("ab", False), ("Rina", False), ("1rina", False), ("a" * 41, False)],
)
def test_username_rule_is_shared(name: str, valid: bool) -> None:
    assert users.is_valid_username(name) is valid

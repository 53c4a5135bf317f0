"""The hub's accounts: Argon2id as the village's, the head of office adds them, wrong passwords wait."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.domain.text import PermissionDenied, UserError
from jamsos_desktop.hub import users
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models
from jamsos_desktop.services.accounts import LoginDelayed

from .conftest import PASSWORD


def test_once_a_head_exists_only_a_head_adds_accounts(hub: Hub, clerk: Actor) -> None:
    head = users.add_user(hub, clerk, username="kepala", full_name="Kepala", role="head", password=PASSWORD)
    with pytest.raises(PermissionDenied):
        users.add_user(hub, clerk, username="lain", full_name="Lain", role="clerk", password=PASSWORD)
    with pytest.raises(UserError):
        users.add_user(hub, None, username="lain", full_name="Lain", role="clerk", password=PASSWORD)
    users.add_user(hub, head, username="lain", full_name="Lain", role="clerk", password=PASSWORD)
    assert [u.username for u in users.list_users(hub)] == ["clerk", "kepala", "lain"]
    with hub.reading() as s:
        made = s.execute(select(models.HubAudit.username).where(models.HubAudit.action == "hub.user_create"))
        assert list(made.scalars()) == ["system", "clerk", "kepala"]
        assert s.execute(select(models.HubUser.password_hash)).scalars().first().startswith("$argon2id$")


@pytest.mark.parametrize(
    ("username", "role", "password"),
    [
        ("Bad Name", "clerk", PASSWORD),
        ("baru", "admin", PASSWORD),
        ("baru", "clerk", "pendek"),
        ("clerk", "clerk", PASSWORD),
    ],
)
def test_bad_accounts_are_refused_naming_the_field(
    hub: Hub, clerk: Actor, username: str, role: str, password: str
) -> None:
    head = users.add_user(hub, clerk, username="kepala", full_name="Kepala", role="head", password=PASSWORD)
    with pytest.raises(UserError):
        users.add_user(hub, head, username=username, full_name="X", role=role, password=password)


def test_signing_in_and_the_delay_after_wrong_passwords(hub: Hub, clerk: Actor) -> None:
    assert users.login(hub, "clerk", PASSWORD) == clerk
    now = dt.datetime(2026, 12, 1, 8, 0)
    for _ in range(2):
        with pytest.raises(UserError, match="salah"):
            users.login(hub, "clerk", "salah-sandi", now=now)
    with pytest.raises(LoginDelayed):  # the third wrong one: from now on each attempt waits
        users.login(hub, "clerk", "salah-sandi", now=now)
    with pytest.raises(LoginDelayed):
        users.login(hub, "clerk", PASSWORD, now=now)  # even the right one waits
    assert users.login(hub, "clerk", PASSWORD, now=now + dt.timedelta(seconds=61)) == clerk
    with pytest.raises(UserError):
        users.login(hub, "tidak-ada", PASSWORD)

"""The hub's accounts: clerks and the head of office, Argon2id passwords, signing in.

Passwords are hashed and checked by the village's own functions (``services.users``), and a
wrong password makes the next attempt wait as in the village (``services.accounts.delay_after``,
kept in the database so that starting the command again does not reset it).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from ..domain.actors import Actor
from ..domain.text import NotFound, Text, UserError
from ..services.accounts import LoginDelayed, delay_after
from ..services.users import hash_password, is_valid_username, verify_password
from .context import HUB_SYSTEM, Hub
from .storage import models
from .storage.models import HUB_ROLES, ROLE_CLERK, ROLE_HEAD

__all__ = ["HUB_ROLES", "ROLE_CLERK", "ROLE_HEAD", "add_user", "find_user", "list_users", "login", "role_label"]

#: The district office's roles as people say them.
ROLE_NAMES = {ROLE_CLERK: Text("Petugas", "Clerk"), ROLE_HEAD: Text("Kepala kantor", "Head of office")}


def role_label(role: str, lang: str | None = None) -> str:
    """A hub role in a list of accounts, with the id '--role' takes: 'Petugas (clerk)'."""
    name = ROLE_NAMES.get(role)
    return role if name is None else f"{name.get(lang)} ({role})"


MIN_PASSWORD = 8


def _actor(u: models.HubUser) -> Actor:
    return Actor(u.id, u.username, u.full_name, u.role)


def add_user(hub: Hub, actor: Actor | None, *, username: str, full_name: str, role: str, password: str) -> Actor:
    """A new account. The first one anybody may make (there is no one to sign in as yet); once a
    head of office exists, only a head of office adds accounts."""
    username = username.strip().lower()
    if not is_valid_username(username):
        raise UserError(
            "username",
            Text(
                "3-40 huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf",
                "3-40 lower-case letters, digits, dots, underscores or hyphens, starting with a letter",
            ),
            username,
        )
    if role not in HUB_ROLES:
        raise UserError("role", Text("pilih clerk atau head", "use clerk or head"), role)
    if len(password) < MIN_PASSWORD:
        raise UserError("password", Text("minimal 8 karakter", "at least 8 characters"))
    with hub.reading() as s:
        has_any = s.execute(select(models.HubUser.id).limit(1)).first() is not None
        has_head = s.execute(select(models.HubUser.id).where(models.HubUser.role == ROLE_HEAD)).first() is not None
    if has_any and actor is None:
        raise UserError(
            "user", Text("masuk dulu dengan --user (kepala kantor)", "sign in first with --user (head of office)")
        )
    if has_head:
        assert actor is not None
        actor.require(ROLE_HEAD)
    hashed = hash_password(password)  # ~0.2 s: outside the write transaction
    with hub.unit_of_work(actor or HUB_SYSTEM) as uow:
        if uow.session.execute(select(models.HubUser.id).where(models.HubUser.username == username)).first():
            raise UserError("username", Text("sudah dipakai", "is already taken"), username)
        u = models.HubUser(
            username=username, full_name=" ".join(full_name.split()) or username, role=role, password_hash=hashed
        )
        uow.session.add(u)
        uow.session.flush()
        uow.audit("hub.user_create", "hub_user", u.id, None, {"username": username, "role": role})
        return _actor(u)


def find_user(hub: Hub, username: str) -> Actor:
    with hub.reading() as s:
        u = s.execute(
            select(models.HubUser).where(models.HubUser.username == username.strip().lower(), models.HubUser.active)
        ).scalar()
        if u is None:
            raise NotFound("user", Text("tidak ada", "does not exist"), username)
        return _actor(u)


def list_users(hub: Hub) -> list[Actor]:
    with hub.reading() as s:
        return [_actor(u) for u in s.execute(select(models.HubUser).order_by(models.HubUser.username)).scalars()]


def _wrong() -> UserError:
    return UserError("password", Text("nama pengguna atau kata sandi salah", "wrong username or password"))


def login(hub: Hub, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """The signed-in clerk; a wrong password counts towards the delay (a UserError either way)."""
    now = now or models.utcnow()
    username = username.strip().lower()
    with hub.reading() as s:
        u = s.execute(select(models.HubUser).where(models.HubUser.username == username, models.HubUser.active)).scalar()
        if u is None:
            raise _wrong()
        failed, since, stored = u.failed_logins or 0, u.updated_at, u.password_hash
    wait = delay_after(failed)
    if wait:
        remaining = (since + dt.timedelta(seconds=wait) - now).total_seconds()
        if remaining > 0:
            raise LoginDelayed(int(remaining) + 1)
    ok = verify_password(stored, password)
    with hub.store.write(None) as s:
        u = s.execute(select(models.HubUser).where(models.HubUser.username == username)).scalar_one()
        if ok:
            u.failed_logins = 0
            u.last_login_at = now
        else:
            u.failed_logins = (u.failed_logins or 0) + 1
            u.updated_at = now
            failed = u.failed_logins
        actor = _actor(u)
    if not ok:
        wait = delay_after(failed)
        raise LoginDelayed(wait) if wait else _wrong()
    return actor

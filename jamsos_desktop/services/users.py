"""Accounts and roles; passwords hashed with Argon2id."""

from __future__ import annotations

import re

from sqlalchemy import select

from ..domain.text import NotFound, Text, UserError
from ..storage import keyring, models
from .context import ROLE_APPROVER, ROLE_OPERATOR, ROLES, Actor, UnitOfWork, Workspace

_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{2,39}$")


def is_valid_username(username: str) -> bool:
    """3-40 lower-case letters, digits, dots, underscores or hyphens, starting with a letter."""
    return _USERNAME.match(username) is not None


def actor_of(u: models.User) -> Actor:
    return Actor(id=u.id, username=u.username, full_name=u.full_name, role=u.role)


def hash_password(password: str) -> str:
    from argon2 import PasswordHasher

    return str(PasswordHasher().hash(password))


def verify_password(stored: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(PasswordHasher().verify(stored, password))
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    uow: UnitOfWork, *, username: str, full_name: str, role: str, password: str | None = None
) -> models.User:
    if not is_valid_username(username):
        raise UserError(
            "username",
            Text(
                "3-40 huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf",
                "3-40 lower-case letters, digits, dots, underscores or hyphens, starting with a letter",
            ),
            username,
        )
    if role not in ROLES:
        raise UserError("role", Text("pilih operator, approver atau admin", "use operator, approver or admin"), role)
    if uow.session.execute(select(models.User.id).where(models.User.username == username)).first():
        raise UserError("username", Text("sudah dipakai", "is already taken"), username)
    if password is not None and len(password) < 8:
        raise UserError("password", Text("minimal 8 karakter", "at least 8 characters"))
    u = models.User(
        username=username,
        full_name=" ".join(full_name.split()) or username,
        role=role,
        password_hash=hash_password(password) if password else None,
    )
    uow.session.add(u)
    uow.session.flush()
    uow.audit("user.create", "user", u.id, None, {"username": username, "role": role})
    return u


def add_user(
    ws: Workspace, actor: Actor, *, username: str, full_name: str, role: str, password: str | None = None
) -> Actor:
    # The very first account may be created by anyone (the first-run wizard); later ones by an admin.
    with ws.reading() as s:
        has_admin = s.execute(select(models.User.id).where(models.User.role == "admin")).first() is not None
    if has_admin:
        actor.require("admin")
    with ws.unit_of_work(actor) as uow:
        created = actor_of(create_user(uow, username=username, full_name=full_name, role=role, password=password))
        if password:  # inside the transaction: a key file that cannot be written undoes the account
            wrap_key_for(ws, username, password)
        return created


def wrap_key_for(ws: Workspace, username: str, password: str) -> None:
    """Gives ``username`` their own wrapped copy of the database key (replacing an older one), so
    that their password unlocks the database; a plain database has no keys to wrap."""
    db = ws.db
    if db.key is None:
        return
    key = db.key
    keyring.update(db.key_path, key, lambda kf: kf.wrap_password(username, password, key))


def unwrap_key_for(ws: Workspace, username: str) -> None:
    """Takes ``username``'s copy of the key out of the key file (a deactivated account)."""
    db = ws.db
    if db.key is not None and db.key_path.exists():
        keyring.update(db.key_path, db.key, lambda kf: kf.remove(username))


def find_user(ws: Workspace, username: str) -> Actor:
    with ws.reading() as s:
        u = s.execute(select(models.User).where(models.User.username == username, models.User.active)).scalar()
        if u is None:
            raise NotFound("user", Text("tidak ada", "does not exist"), username)
        return actor_of(u)


def default_actor(ws: Workspace, *, approving: bool = False) -> Actor:
    """The account the command line acts as when none is named: the head to approve, else the operator."""
    role = ROLE_APPROVER if approving else ROLE_OPERATOR
    with ws.reading() as s:
        u = s.execute(
            select(models.User).where(models.User.role == role, models.User.active).order_by(models.User.created_at)
        ).scalar()
        if u is None:
            raise NotFound(
                "user", Text(f"tidak ada akun dengan peran {role}; sebutkan --user", f"no {role} account; pass --user")
            )
        return actor_of(u)


def list_users(ws: Workspace) -> list[Actor]:
    with ws.reading() as s:
        return [actor_of(u) for u in s.execute(select(models.User).order_by(models.User.username)).scalars()]

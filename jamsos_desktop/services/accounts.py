"""Signing in: Argon2id passwords, a growing delay after failed attempts, and password changes.

The delay is kept in the database (``failed_logins`` and the row's ``updated_at``), so closing
and reopening the app does not reset it. While a delay runs, the password is not even checked:
guessing cannot go faster than the delay allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from .. import paths
from ..domain.text import NotFound, Text, UserError
from ..storage import keyring, models
from .context import ROLE_ADMIN, Actor, Workspace
from .users import actor_of, find_user, hash_password, verify_password, wrap_key_for

#: Failed attempts allowed before each further attempt has to wait.
FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60


class LoginDelayed(UserError):
    """Too many failed attempts: wait ``seconds`` before the next one."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        super().__init__(
            "password",
            Text(
                f"terlalu banyak percobaan gagal; coba lagi dalam {seconds} detik",
                f"too many failed attempts; try again in {seconds} seconds",
            ),
        )


def delay_after(failed: int) -> int:
    """Seconds to wait after ``failed`` consecutive failures: 0, 0, 0, 2, 4, 8, … up to a minute."""
    if failed < FREE_ATTEMPTS:
        return 0
    return int(min(MAX_DELAY_SECONDS, 2 ** (failed - FREE_ATTEMPTS + 1)))


@dataclass(frozen=True, slots=True)
class AccountRow:
    username: str
    full_name: str
    role: str
    has_password: bool
    active: bool
    last_login_at: dt.datetime | None


def list_accounts(ws: Workspace) -> list[AccountRow]:
    with ws.reading() as s:
        return [
            AccountRow(u.username, u.full_name, u.role, u.password_hash is not None, u.active, u.last_login_at)
            for u in s.execute(select(models.User).order_by(models.User.username)).scalars()
        ]


def can_sign_in(ws: Workspace) -> bool:
    """True when at least one active account has a password (otherwise the first-run wizard is due)."""
    with ws.reading() as s:
        return (
            s.execute(
                select(models.User.id).where(models.User.active, models.User.password_hash.is_not(None)).limit(1)
            ).first()
            is not None
        )


def _wrong() -> UserError:
    return UserError(
        "password",
        Text("nama pengguna atau kata sandi salah", "wrong username or password"),
    )


def login(ws: Workspace, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """The signed-in actor; a wrong password counts towards the delay (a UserError either way)."""
    now = now or models.utcnow()
    username = username.strip().lower()
    with ws.reading() as s:
        u = s.execute(select(models.User).where(models.User.username == username, models.User.active)).scalar()
        if u is None:
            raise _wrong()
        failed, since, stored = u.failed_logins or 0, u.updated_at, u.password_hash
    wait = delay_after(failed)
    if wait:
        remaining = (since + dt.timedelta(seconds=wait) - now).total_seconds()
        if remaining > 0:
            raise LoginDelayed(int(remaining) + 1)
    if stored is None:
        raise UserError(
            "password",
            Text(
                "akun ini belum punya kata sandi; minta admin mengaturnya di Pengaturan",
                "this account has no password yet; ask an admin to set one in Settings",
            ),
            username,
        )
    ok = verify_password(stored, password)
    with ws.db.write(None) as s:
        u = s.execute(select(models.User).where(models.User.username == username)).scalar_one()
        if not ok:
            u.failed_logins = (u.failed_logins or 0) + 1
            u.updated_at = now
            failed = u.failed_logins
        else:
            u.failed_logins = 0
            u.last_login_at = now
        actor = actor_of(u)
    if not ok:
        wait = delay_after(failed)
        raise LoginDelayed(wait) if wait else _wrong()
    return actor


def set_password(ws: Workspace, actor: Actor, username: str, password: str) -> None:
    """An admin sets anyone's password; everyone may change their own."""
    if actor.username != username:
        actor.require(ROLE_ADMIN)
    if len(password) < 8:
        raise UserError("password", Text("minimal 8 karakter", "at least 8 characters"))
    with ws.unit_of_work(actor) as uow:
        u = uow.session.execute(select(models.User).where(models.User.username == username)).scalar()
        if u is None:
            raise UserError("username", Text("tidak ada", "does not exist"), username)
        u.password_hash = hash_password(password)
        u.failed_logins = 0
        uow.session.flush()
        uow.audit("user.password", "user", u.id, None, {"username": username})
        # Only this person's copy of the key is wrapped again; everyone else's stays as it was.
        wrap_key_for(ws, username, password)


@dataclass(frozen=True, slots=True)
class SignedIn:
    """An unlocked workspace and who unlocked it; ``recovery_key`` is set once, when an old plain
    database was just converted (it must be shown and written down now)."""

    ws: Workspace
    actor: Actor
    recovery_key: str | None = None


def is_locked(data_dir: Path) -> bool:
    """True when the database exists and only a password opens it (the sign-in must come first)."""
    kf = keyring.read(keyring.key_path(paths.db_path(data_dir)))
    return kf is not None and not kf.in_setup


def is_plain(data_dir: Path) -> bool:
    """True for an old database without encryption (no key file beside it): the first sign-in
    converts it."""
    from ..storage.db import is_plain_file

    db = paths.db_path(data_dir)
    return is_plain_file(db) and keyring.read(keyring.key_path(db)) is None


def unlock(data_dir: Path, username: str, password: str, *, check: bool = True) -> Workspace:
    """The workspace opened with ``username``'s password (their copy of the database key);
    ``check``: the opening check first (``Workspace.open``)."""
    username = username.strip().lower()
    kf = keyring.read(keyring.key_path(paths.db_path(data_dir)))
    if kf is None or kf.in_setup:
        raise (
            keyring.wrong_password()
            if kf is None
            else UserError(
                "password",
                Text(
                    "desa ini belum selesai disiapkan; buka aplikasinya", "this village is not set up yet; open the app"
                ),
            )
        )
    return Workspace.open(data_dir, key=kf.unlock_password(username, password), check=check)


def has_key_file(data_dir: Path) -> bool:
    """False for an old plain database (or none at all): no key file beside it."""
    return keyring.read(keyring.key_path(paths.db_path(data_dir))) is not None


def database_key(data_dir: Path, username: str, password: str) -> bytes:
    """The database key from ``username``'s copy in the key file, without opening the database
    (a restore needs it for a backup while the database itself may be damaged)."""
    kf = keyring.read(keyring.key_path(paths.db_path(data_dir)))
    if kf is None:
        raise keyring.wrong_password()
    if kf.in_setup:
        return kf.unlock_setup()
    return kf.unlock_password(username.strip().lower(), password)


def unlock_with_recovery(data_dir: Path, recovery_key: str) -> Workspace:
    """The workspace opened with the recovery key (to set a forgotten password again)."""
    kf = keyring.read(keyring.key_path(paths.db_path(data_dir)))
    if kf is None:
        raise UserError("recovery", Text("tidak ada kunci pemulihan", "there is no recovery key"))
    return Workspace.open(data_dir, key=kf.unlock_recovery(recovery_key))


def recover(data_dir: Path, recovery_key: str, username: str, new_password: str) -> Actor:
    """Every password forgotten: the recovery key opens the database and ``username`` gets a new
    password (and with it a copy of the key); audited as done with the recovery key."""
    if len(new_password) < 8:
        raise UserError("password", Text("minimal 8 karakter", "at least 8 characters"))
    ws = unlock_with_recovery(data_dir, recovery_key)
    try:
        who = find_user(ws, username.strip().lower())
        set_password(ws, who, who.username, new_password)
        with ws.unit_of_work(who) as uow:
            uow.audit("keys.recovery_used", "user", who.id, None, {"username": who.username})
        return who
    finally:
        ws.close()


def sign_in(data_dir: Path, username: str, password: str, *, say_unknown: bool = False, check: bool = True) -> SignedIn:
    """Unlocks the database with ``username``'s password and signs them in.

    An old plain database (no key file yet) is checked against the stored password hash, then
    converted: a new key wrapped for this person and a new recovery key, the file encrypted after a
    verified backup. The other accounts get their copies when an admin sets their passwords."""
    username = username.strip().lower()
    if keyring.read(keyring.key_path(paths.db_path(data_dir))) is None:
        return _convert_plain(data_dir, username, password, check=check)
    try:
        ws = unlock(data_dir, username, password, check=check)
    except NotFound:
        if say_unknown:
            raise
        raise _wrong() from None  # the sign-in screen says the same for a name and a password
    try:
        return SignedIn(ws, record_sign_in(ws, username))
    except BaseException:
        ws.close()
        raise


def record_sign_in(ws: Workspace, username: str, *, now: dt.datetime | None = None) -> Actor:
    """The actor whose password has just unlocked the database (the key file proved it)."""
    now = now or models.utcnow()
    with ws.db.write(None) as s:
        u = s.execute(select(models.User).where(models.User.username == username, models.User.active)).scalar()
        if u is None:
            raise _wrong()
        u.failed_logins = 0
        u.last_login_at = now
        return actor_of(u)


def _convert_plain(data_dir: Path, username: str, password: str, *, check: bool = True) -> SignedIn:
    ws = Workspace.open(data_dir, check=check)
    try:
        actor = login(ws, username, password)
    finally:
        ws.close()
    db_path = paths.db_path(data_dir)
    key = keyring.new_database_key()
    recovery = keyring.new_recovery_key()
    kf = keyring.new_key_file()
    kf.wrap_password(username, password, key)
    kf.wrap_recovery(recovery, key)
    # The key file first: a crash before the file is encrypted leaves a plain file that the next
    # sign-in (open_database with the key) converts.
    keyring.write(keyring.key_path(db_path), kf, key)
    ws = Workspace.open(data_dir, key=key, check=False)  # checked above, before the conversion
    with ws.unit_of_work(actor) as uow:
        uow.audit("keys.encrypt", "keys", "database", None, {"by": username})
    return SignedIn(ws, actor, recovery)

"""The first-run wizard's one use case: village, program and the first accounts, checked up front.

Everything the person typed is checked before anything is written, so a mistake on the last
page never leaves a half-set-up database behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import regions
from ..domain.money import CONTRIBUTION_MODES
from ..domain.text import Text, UserError
from . import keys, printing
from .accounts import set_password
from .context import ROLE_ADMIN, SYSTEM, Actor, Workspace
from .users import add_user, find_user, is_valid_username, list_users
from .village import HEAD_TITLES, get_program, init_village, update_program


@dataclass(frozen=True, slots=True)
class FirstRun:
    village_code: str
    head_title: str
    head_name: str
    operator_name: str
    office_address: str
    year: int
    quota: int
    months: int
    contribution_mode: str
    admin_username: str
    admin_full_name: str
    admin_password: str
    operator_password: str = ""
    head_password: str = ""
    #: The regional emblem for the letterhead (PNG/JPEG bytes) and the file it came from; empty
    #: until given, and the documents then print a sample emblem marked CONTOH.
    emblem: bytes = b""
    emblem_filename: str = ""


def check(setup: FirstRun) -> None:
    """Raises the first UserError in what the wizard collected."""
    if regions.village(setup.village_code) is None:
        raise UserError("village", Text("pilih desa dari daftar", "pick a village from the list"), setup.village_code)
    if not setup.head_name.strip():
        raise UserError("head_name", Text("wajib diisi", "is required"))
    if setup.head_title not in HEAD_TITLES and not setup.head_title.strip():
        raise UserError("head_title", Text("wajib diisi", "is required"))
    if not 2015 <= setup.year <= 2100:
        raise UserError("year", Text("harus antara 2015 dan 2100", "must be between 2015 and 2100"), setup.year)
    if not 1 <= setup.quota <= 100_000:
        raise UserError("quota", Text("harus antara 1 dan 100.000", "must be between 1 and 100,000"), setup.quota)
    if not 1 <= setup.months <= 12:
        raise UserError("months", Text("harus antara 1 dan 12", "must be between 1 and 12"), setup.months)
    if setup.contribution_mode not in CONTRIBUTION_MODES:
        raise UserError("contribution", Text("pilihan tidak dikenal", "unknown choice"), setup.contribution_mode)
    _check_accounts(setup)
    if not setup.admin_password:
        raise UserError("password", Text("wajib diisi untuk admin", "is required for the admin"))
    if setup.emblem:
        printing.check_emblem(setup.emblem, setup.emblem_filename)


def complete(ws: Workspace, setup: FirstRun) -> Actor:
    """Sets the village up and returns the new administrator, already signed in."""
    check(setup)
    init_village(
        ws,
        code=setup.village_code,
        head_name=setup.head_name,
        head_title=setup.head_title,
        operator_name=setup.operator_name,
        office_address=setup.office_address,
        year=setup.year,
    )
    admin = add_user(
        ws,
        SYSTEM,
        username=setup.admin_username,
        full_name=setup.admin_full_name or setup.admin_username,
        role=ROLE_ADMIN,
        password=setup.admin_password,
    )
    p = get_program(ws)
    update_program(
        ws,
        admin,
        quota=setup.quota if setup.quota != p.quota else None,
        months=setup.months if setup.months != p.months else None,
        contribution_mode=setup.contribution_mode if setup.contribution_mode != p.contribution_mode else None,
    )
    if setup.operator_password:
        set_password(ws, admin, "operator", setup.operator_password)
    if setup.head_password:
        set_password(ws, admin, "kepala", setup.head_password)
    if setup.emblem:
        # Stored by the new admin, as 'print emblem' would: the attachment and the village change
        # are audited under the account that set the village up.
        printing.set_emblem(ws, admin, setup.emblem, setup.emblem_filename)
    return admin


def _check_accounts(setup: FirstRun) -> None:
    if not is_valid_username(setup.admin_username) or setup.admin_username in {"operator", "kepala"}:
        raise UserError(
            "username",
            Text(
                "3-40 huruf kecil/angka, diawali huruf, bukan 'operator' atau 'kepala'",
                "3-40 lower-case letters/digits starting with a letter, not 'operator' or 'kepala'",
            ),
            setup.admin_username,
        )
    for pw in (setup.admin_password, setup.operator_password, setup.head_password):
        if pw and len(pw) < 8:
            raise UserError("password", Text("minimal 8 karakter", "at least 8 characters"))


def add_first_admin(ws: Workspace, setup: FirstRun) -> Actor:
    """For a village set up from the command line (no passwords yet): only the accounts."""
    _check_accounts(setup)

    existing = {a.username: a for a in list_users(ws)}
    admin = existing.get(setup.admin_username)
    if admin is None or admin.role != ROLE_ADMIN:
        admin = add_user(
            ws,
            SYSTEM,
            username=setup.admin_username,
            full_name=setup.admin_full_name or setup.admin_username,
            role=ROLE_ADMIN,
            password=setup.admin_password,
        )
    else:
        set_password(ws, admin, admin.username, setup.admin_password)
    for username, pw in (("operator", setup.operator_password), ("kepala", setup.head_password)):
        if pw and username in existing:
            set_password(ws, admin, username, pw)
    return admin


def lock_new_village(ws: Workspace, passwords: dict[str, str]) -> tuple[Actor, str]:
    """A village just made from the command line: its accounts get their passwords (and so their
    copies of the key) and a recovery key is made; returns the first account and the recovery key,
    which must be shown now (nothing else keeps it)."""
    for pw in passwords.values():
        if len(pw) < 8:
            raise UserError("password", Text("minimal 8 karakter", "at least 8 characters"))
    first: Actor | None = None
    for username, pw in passwords.items():
        who = find_user(ws, username)
        set_password(ws, who, username, pw)
        first = first or who
    assert first is not None
    return first, keys.make_recovery_key(ws, first)


def recovery_key_after_setup(ws: Workspace, admin: Actor) -> str | None:
    """The recovery key for the head to keep, made once at the end of the set-up (None for a plain
    database, or when the database has one already)."""
    if not ws.db.encrypted or keys.has_recovery_key(ws):
        return None
    return keys.make_recovery_key(ws, admin)

"""Who acts: the signed-in person and their role. Every change is attributed to one.

This lives in the domain (not in ``services.context``) so that the window can be shown, and a
person can start signing in, before the database layer (SQLAlchemy) has finished loading.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import PermissionDenied, Text

ROLE_OPERATOR = "operator"
ROLE_APPROVER = "approver"
ROLE_ADMIN = "admin"
ROLES = (ROLE_OPERATOR, ROLE_APPROVER, ROLE_ADMIN)

#: What people call each role, in Indonesian and English (like the status labels). The one list
#: of role names: the status bar, the account list and the messages of ``Actor.require`` all
#: take theirs from here (``role_name``, ``role_label``).
ROLE_NAMES = {
    ROLE_OPERATOR: Text("operator", "operator"),
    ROLE_APPROVER: Text("kepala desa", "village head"),
    ROLE_ADMIN: Text("admin", "admin"),
}


def role_name(role: str, *, with_id: bool = False, lang: str | None = None) -> str:
    """The name people use for ``role`` ("kepala desa"); ``with_id`` adds the id where it differs
    from the name ("kepala desa (approver)"), where a role is demanded. An unknown role is its id.
    ``lang`` defaults to the language in use."""
    text = ROLE_NAMES.get(role)
    if text is None:
        return role
    name = text.get(lang)
    return f"{name} ({role})" if with_id and name != role else name


def role_label(role: str, lang: str | None = None) -> str:
    """A role in a list of accounts or roles: "Operator", "Kepala desa (approver)", "Admin"."""
    if role not in ROLE_NAMES:
        return role
    name = role_name(role, with_id=True, lang=lang)
    return name[:1].upper() + name[1:]


#: Who sees full NIKs and KK numbers on screen and on the command line: the operator, who
#: enters them from the KTP and checks them, and the admin. The village head decides on names,
#: hamlets and masked NIKs (``3204**********01``); one record's full NIK is shown to them only
#: when they ask for it (the form's "Tampilkan NIK", an audited read). Official forms and the
#: decree keep full NIKs whoever prints them; public lists are masked for everyone.
FULL_NIK_ROLES = frozenset({ROLE_OPERATOR, ROLE_ADMIN})

#: Who may read the audit trail (the app's audit view, ``jamsos audit list``): the village head,
#: who answers for the register, and the admin. The operator, whose own work the trail records,
#: does not (``jamsos audit verify``, which shows no entries, stays open to everyone).
AUDIT_ROLES = (ROLE_APPROVER, ROLE_ADMIN)


def sees_full_nik(role: str) -> bool:
    """Whether people of ``role`` see full NIKs and KK numbers in lists (the one rule, ``FULL_NIK_ROLES``)."""
    return role in FULL_NIK_ROLES


def shown_number(role: str, number: str) -> str:
    """A NIK or KK number as ``role`` may see it in a list: whole, or masked (``3204**********01``)."""
    if sees_full_nik(role) or not number:
        return number
    from .identity import mask_nik  # here: this module loads before the sign-in, and light

    return mask_nik(number)


def shown_text(role: str, text: str) -> str:
    """Free text (an audit entry's record, a note) as ``role`` may see it: every run of 16 digits
    (a NIK or KK number) masked, unless the role sees full NIKs."""
    if sees_full_nik(role) or not text:
        return text
    from .identity import mask_niks_in

    return mask_niks_in(text)


def reads_audit(role: str) -> bool:
    """Whether people of ``role`` may read the audit trail's entries (``AUDIT_ROLES``; refused
    with ``actor.require(*AUDIT_ROLES)``)."""
    return role in AUDIT_ROLES


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: every change is attributed to one."""

    id: str | None
    username: str
    full_name: str
    role: str

    def require(self, *roles: str) -> None:
        if self.role not in roles:
            wanted_id = " atau ".join(role_name(r, with_id=True, lang="id") for r in roles)
            wanted_en = " or ".join(role_name(r, with_id=True, lang="en") for r in roles)
            raise PermissionDenied(
                "role",
                Text(f"tindakan ini hanya untuk {wanted_id}", f"only {wanted_en} may do this"),
                f"{self.username} ({self.role})",
            )


SYSTEM = Actor(id=None, username="system", full_name="Sistem", role=ROLE_ADMIN)

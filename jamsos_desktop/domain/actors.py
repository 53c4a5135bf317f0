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


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: every change is attributed to one."""

    id: str | None
    username: str
    full_name: str
    role: str

    def require(self, *roles: str) -> None:
        if self.role not in roles:
            names = {"operator": "operator", "approver": "kepala desa (approver)", "admin": "admin"}
            wanted = " atau ".join(names[r] for r in roles)
            raise PermissionDenied(
                "role",
                Text(
                    f"tindakan ini hanya untuk {wanted}",
                    f"only {' or '.join(roles)} may do this",
                ),
                f"{self.username} ({self.role})",
            )


SYSTEM = Actor(id=None, username="system", full_name="Sistem", role=ROLE_ADMIN)

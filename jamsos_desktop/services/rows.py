"""The plain rows the services hand out, which live in ``domain.rows``; named here too so that
every existing ``from .rows import …`` keeps working."""

from __future__ import annotations

from ..domain.rows import (
    AssessmentRow,
    EventRow,
    NominationRow,
    ProgramRow,
    QuotaSummary,
    RuleRow,
    VillageRow,
    WorkerDetail,
    WorkerRow,
)

__all__ = [
    "AssessmentRow",
    "EventRow",
    "NominationRow",
    "ProgramRow",
    "QuotaSummary",
    "RuleRow",
    "VillageRow",
    "WorkerDetail",
    "WorkerRow",
]

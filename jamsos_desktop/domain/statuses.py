"""Nomination statuses and which changes between them are allowed."""

from __future__ import annotations

from .text import Text

RECORDED = "recorded"  # a worker with no nomination in the active program
PROPOSED = "proposed"
APPROVED = "approved"
DECLINED = "declined"
PRINTED = "printed"
SIGNED = "signed"
EXPORTED = "exported"
REGISTERED = "registered"
REJECTED = "rejected"
DUPLICATE = "duplicate"
#: The worker withdrew their consent to the processing of personal data before the nomination
#: was sent (services.privacy): final, the personal data are erased within 3x24 hours.
WITHDRAWN = "withdrawn"

NOMINATION_STATUSES = (
    PROPOSED,
    APPROVED,
    DECLINED,
    PRINTED,
    SIGNED,
    EXPORTED,
    REGISTERED,
    REJECTED,
    DUPLICATE,
    WITHDRAWN,
)
WORKER_STATUSES = (RECORDED, *NOMINATION_STATUSES)

LABELS: dict[str, Text] = {
    RECORDED: Text("Tercatat", "Recorded"),
    PROPOSED: Text("Diusulkan", "Proposed"),
    APPROVED: Text("Disetujui", "Approved"),
    DECLINED: Text("Ditolak kepala desa", "Declined"),
    PRINTED: Text("Dicetak", "Printed"),
    SIGNED: Text("Ditandatangani", "Signed"),
    EXPORTED: Text("Dikirim", "Exported"),
    REGISTERED: Text("Terdaftar BPJS", "Registered"),
    REJECTED: Text("Ditolak BPJS", "Rejected"),
    DUPLICATE: Text("Ganda", "Duplicate"),
    WITHDRAWN: Text("Persetujuan dicabut", "Consent withdrawn"),
}

#: Statuses that take a place in the quota and the budget.
COUNTS_IN_QUOTA = frozenset({PROPOSED, APPROVED, PRINTED, SIGNED, EXPORTED, REGISTERED})
#: Statuses whose worker is (or is about to be) covered.
COVERED = frozenset({APPROVED, PRINTED, SIGNED, EXPORTED, REGISTERED})

#: Decided, not yet sent: a change of identity or eligibility sends the nomination back to
#: PROPOSED for a new decision (the approval was of other data).
REOPENED_BY_CHANGE = frozenset({APPROVED, PRINTED, SIGNED})
#: Sent to the district (or registered by BPJS): identity and eligibility are no longer the
#: village's to change; the district corrects them.
SENT = frozenset({EXPORTED, REGISTERED})

TRANSITIONS: dict[str, frozenset[str]] = {
    PROPOSED: frozenset({APPROVED, DECLINED, WITHDRAWN}),
    DECLINED: frozenset({PROPOSED}),
    # Back to PROPOSED: an identity or eligibility field changed after the approval (REOPENED).
    APPROVED: frozenset({PRINTED, DECLINED, PROPOSED, WITHDRAWN}),
    PRINTED: frozenset({PRINTED, SIGNED, DECLINED, PROPOSED, WITHDRAWN}),
    SIGNED: frozenset({EXPORTED, PRINTED, PROPOSED, WITHDRAWN}),
    EXPORTED: frozenset({EXPORTED, REGISTERED, REJECTED, DUPLICATE}),
    REGISTERED: frozenset({REGISTERED}),
    # The district may change its mind after checking again: a rejection or a duplicate can
    # still end registered.
    REJECTED: frozenset({PROPOSED, REGISTERED}),
    DUPLICATE: frozenset({PROPOSED, REGISTERED}),
    # A withdrawal of consent is the worker's last word on this nomination.
    WITHDRAWN: frozenset(),
}

#: Open nominations a withdrawal of consent withdraws (decided or not, not yet sent).
WITHDRAWABLE = frozenset({PROPOSED, APPROVED, PRINTED, SIGNED})
#: Nominations the retention rule counts as ended: their workers' data are erased after the period.
ENDED = frozenset({DECLINED, WITHDRAWN})


def can_move(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())


#: The district's results.
RESULTS = (REGISTERED, REJECTED, DUPLICATE)


def district_may_move(current: str, new: str) -> bool:
    """What a district result may move: an exported nomination, or the district's own earlier
    result, which a newer decision about the same nomination replaces whatever either says
    (return files arrive in any order; the newer one wins)."""
    return new in RESULTS and (current == EXPORTED or current in RESULTS)


def label(status: str, lang: str | None = None) -> str:
    t = LABELS.get(status)
    return t.get(lang) if t else status

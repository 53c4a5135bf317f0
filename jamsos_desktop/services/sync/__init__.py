"""Sync with the district: export what changed (signed, encrypted), and apply the district's results.

One module per job: ``exports`` (the export, its history, writing one again), ``returns`` (the
district's return files and their history), ``conflicts`` (results kept for a person to decide),
``overview`` (what the Sinkronisasi page shows; what a file is), and ``files`` (atomic writes
and reading files, shared by the jobs). The public names are re-exported here, so callers say
``sync.export(...)``.

The export is one write transaction: signed nominations are marked *exported* with the new
sequence number, every record changed since the last export is snapshotted (the fields of the
sync contract, ``jamsos_desktop.sync.contract``), the file is sealed, written atomically
(temporary file, fsync, rename), read back and verified, and only then is the export recorded
and the transaction committed. If anything fails, nothing is marked and the half-written file
is removed.

A return file is verified completely before anything is written; its results are then applied
in one transaction. A result for a record that changed here after the answered export is not
applied: it is kept as a conflict, shown, and resolved by a person.
"""

from __future__ import annotations

from .conflicts import ConflictRow, list_conflicts, resolve_conflict
from .exports import (
    EXPORT_TABLES,
    KEEP_CONTENT,
    TABLE_LABELS,
    ExportResult,
    ExportRow,
    export,
    export_history,
    export_job,
    snapshot,
    write_again,
)
from .files import ProgressFn, Step, run_job, write_atomically
from .overview import SyncOverview, describe_file, overview
from .returns import (
    ALREADY_APPLIED,
    APPLIED,
    OLDER,
    ImportResult,
    ImportRow,
    import_history,
    import_return,
    read_return_file,
)

__all__ = [
    "ALREADY_APPLIED",
    "APPLIED",
    "EXPORT_TABLES",
    "KEEP_CONTENT",
    "OLDER",
    "TABLE_LABELS",
    "ConflictRow",
    "ExportResult",
    "ExportRow",
    "ImportResult",
    "ImportRow",
    "ProgressFn",
    "Step",
    "SyncOverview",
    "describe_file",
    "export",
    "export_history",
    "export_job",
    "import_history",
    "import_return",
    "list_conflicts",
    "overview",
    "read_return_file",
    "resolve_conflict",
    "run_job",
    "snapshot",
    "write_again",
    "write_atomically",
]

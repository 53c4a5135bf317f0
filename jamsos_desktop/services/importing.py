"""Importing the officer's spreadsheet of workers: open, map, dry run, then all or nothing.

``open_source`` reads the file (the sheet given, or the one whose header names the most
fields), finds the header row under any title block and guesses the mapping, or takes the one
remembered for a sheet of the same shape. ``dry_run`` gives every row its outcome before
anything is written: new, update (with the fields that would change), unchanged, duplicate
within the file, skipped (not a worker's row), or error, each with every reason as a coded
issue. ``import_steps`` then writes every new and changed row in one transaction with one audit
entry, or nothing: a plan with an error row is refused, and a plan the register has moved away
from since (another write) is made again inside the transaction. The same file imported twice
finds every row unchanged and writes nothing.

Rows are numbered as Excel numbers them, so the officer finds each in the sheet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Generator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import identity, import_mapping, import_values, statuses
from ..domain import issues as codes
from ..domain.import_mapping import ColumnMapping
from ..domain.records import WORKER
from ..domain.text import Issue, Text, UserError
from ..domain.worker import WorkerData, validate_worker
from ..storage import models, worker_store
from ..storage.changes import reserve_change_seqs
from ..storage.ids import new_ids
from ..tabular import reading, write_table
from . import collector, workers
from .context import ROLE_ADMIN, ROLE_OPERATOR, Actor, Workspace
from .village import active_program, current_village, put_setting
from .workers import name_key

NEW = "new"
UPDATE = "update"
UNCHANGED = "unchanged"
DUPLICATE = "duplicate"
SKIPPED = "skipped"
ERROR = "error"
OUTCOMES = (NEW, UPDATE, UNCHANGED, DUPLICATE, SKIPPED, ERROR)
OUTCOME_LABELS: dict[str, Text] = {
    NEW: Text("baru", "new"),
    UPDATE: Text("diperbarui", "update"),
    UNCHANGED: Text("tidak berubah", "unchanged"),
    DUPLICATE: Text("ganda dalam berkas", "duplicate in the file"),
    SKIPPED: Text("dilewati", "skipped"),
    ERROR: Text("salah", "error"),
}
MAPPING_SETTING = "import.mapping."  # + the sheet's shape key
#: OpenSID's end of data: "###" in the dusun column; nothing below it is read.
END_MARKER = "###"
_FIELDS = tuple(WorkerData.__dataclass_fields__)
# Texts compared without case for an update: a register spelled "SITI" is not changed by "Siti".
_CASELESS = frozenset({"name", "birth_place", "dusun", "address", "heir_name", "heir_relation"})
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Source:
    """A sheet read from a file, with the mapping to use (guessed, remembered or given)."""

    path: Path
    sheet: str
    sheets: tuple[str, ...]
    rows: tuple[reading.Row, ...]
    mapping: ColumnMapping | None  # None: no header row found; the officer maps by hand
    remembered: bool = False  # the mapping is the one kept for this shape of sheet
    sha256: str = ""

    @property
    def width(self) -> int:
        return max((len(c) for _, c in self.rows), default=0)

    def header_cells(self) -> tuple[str, ...]:
        if self.mapping is None:
            return ()
        return self.mapping.headers


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _best_sheet(candidates: Sequence[str], top: Callable[[str], tuple[reading.Row, ...]]) -> str:
    """The sheet whose header row names the most fields (the first data sheet on a tie)."""
    best, best_n = candidates[0], -1
    for name in candidates:
        m = import_mapping.find_header(top(name))
        n = len(m.columns) if m is not None else 0
        if n > best_n:
            best, best_n = name, n
    return best


def open_source(ws: Workspace, path: Path, sheet: str | None = None) -> Source:
    """Reads ``sheet`` of ``path`` (or the likeliest) and proposes its mapping."""
    path = Path(path)
    names, data = reading.read_book(path, sheet, choose=_best_sheet, top=import_mapping.HEADER_SEARCH_ROWS)
    guess = import_mapping.find_header(data.rows)
    remembered = False
    if guess is not None:
        with ws.reading() as s:
            kept = s.get(models.Setting, MAPPING_SETTING + guess.shape)
            kept_value = kept.value if kept is not None else None
        if isinstance(kept_value, dict) and isinstance(kept_value.get("columns"), dict):
            columns = {k: int(v) for k, v in kept_value["columns"].items() if k in import_mapping.TARGETS}
            guess = guess.with_columns(columns)
            remembered = True
    return Source(path, data.name, names, data.rows, guess, remembered, _sha256(path))


def mapping_from_file(source: Source, mapping_file: Path) -> ColumnMapping:
    """The mapping written in a JSON file: ``{"header_row": 4, "columns": {"nik": "NIK", …}}``."""
    try:
        data = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError("mapping", Text("tidak bisa dibaca sebagai JSON", "cannot be read as JSON"), f"{exc}") from None
    if not isinstance(data, dict):
        raise UserError("mapping", Text("harus berupa objek JSON", "must be a JSON object"), mapping_file)
    header_row = data.get("header_row")
    if header_row is None:
        if source.mapping is None:
            raise UserError(
                "mapping",
                Text("baris judul kolom tidak ditemukan: tulis header_row", "no header row found: give header_row"),
                mapping_file,
            )
        header_row = source.mapping.header_row
    cells = dict(source.rows).get(int(header_row), ())
    try:
        columns = import_mapping.from_json(data, cells)
    except ValueError as exc:
        what, _, name = str(exc).partition(":")
        text = (
            Text("bukan kolom data pekerja", "is not a worker field")
            if what == "field"
            else Text("tidak ada kolom dengan judul atau huruf ini", "no column has this header or letter")
        )
        raise UserError("mapping", text, name) from None
    return ColumnMapping(int(header_row), tuple(import_values.cell_text(c) for c in cells), columns)


def _kept_mapping(mapping: ColumnMapping) -> dict[str, Any]:
    return {"headers": list(mapping.headers), "header_row": mapping.header_row, "columns": dict(mapping.columns)}


def remember_mapping(ws: Workspace, actor: Actor, mapping: ColumnMapping) -> bool:
    """Keeps the mapping the officer confirmed for sheets of this shape (also its fixed report);
    returns whether anything changed. The import keeps it as well, in its own transaction."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    key, kept = MAPPING_SETTING + mapping.shape, _kept_mapping(mapping)
    with ws.reading() as s:
        row = s.get(models.Setting, key)
        if row is not None and row.value == kept:
            return False
    put_setting(ws, actor, key, kept)
    return True


# -- the dry run ------------------------------------------------------------------------------


class RowOutcome(NamedTuple):
    """One row's outcome in a dry run (a named tuple: as immutable as a frozen dataclass, and
    made in a third of its time, once per row of the sheet)."""

    row: int  # Excel's row number
    outcome: str
    issues: tuple[Issue, ...] = ()
    changes: tuple[str, ...] = ()  # an update's fields that change (WorkerData names)
    worker_id: str | None = None  # the worker updated (or left unchanged)
    data: WorkerData | None = None  # what would be stored (new, update)
    before: Mapping[str, Any] | None = None  # an update's values before
    key: str = ""  # the name's search key (workers.name_key), made once

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.is_error)

    @property
    def is_warned(self) -> bool:
        """Counted and filtered "with warnings": a row that goes in (or is in) with one."""
        return self.outcome not in (ERROR, SKIPPED) and bool(self.warnings)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.is_error)

    def label(self, lang: str | None = None) -> str:
        return OUTCOME_LABELS[self.outcome].get(lang)

    def reasons(self, lang: str | None = None) -> list[str]:
        # The errors first: a warning ("category taken from the occupation") must not hide them.
        ordered = sorted(self.issues, key=lambda i: not i.is_error)
        out = [f"{i.message(lang)} [{i.code}]" for i in ordered]
        if self.changes:
            names = ", ".join(WORKER[f].label.get(lang) for f in self.changes)
            out.append(Text(f"diubah: {names}", f"changes: {names}").get(lang))
        return out

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "row": self.row,
            "outcome": self.outcome,
            "reasons": [i.to_dict(lang) for i in self.issues],
            "changes": list(self.changes),
            "worker_id": self.worker_id,
        }


@dataclass(frozen=True)
class Plan:
    source: Source
    mapping: ColumnMapping
    rows: tuple[RowOutcome, ...]
    stamp: int  # worker_store.last_change when the plan was made
    today: dt.date | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {o: self.count(o) for o in OUTCOMES}

    @property
    def warned(self) -> int:
        """Rows that go in (or are already in) with a warning: not the errors (said as errors), nor
        the skipped total and signature rows (their note is why they are skipped)."""
        return sum(1 for r in self.rows if r.is_warned)

    @property
    def importable(self) -> bool:
        return self.count(ERROR) == 0 and (self.count(NEW) + self.count(UPDATE)) > 0


def _stored_values(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A stored worker as input for ``validate_worker`` (the occupation under its input key)."""
    values = dict(stored)
    values["occupation"] = values.pop("occupation_code")
    return values


def _same(fld: str, old: Any, new: Any) -> bool:
    if fld in _CASELESS and isinstance(old, str) and isinstance(new, str):
        return old.casefold() == new.casefold()
    return bool(old == new)


def _same_person(name: str, other_nik: str, other_id: str) -> Issue:
    masked, short = identity.mask_nik(other_nik), other_id[-8:]
    return Issue(
        codes.NAME_SAME_PERSON,
        "name",
        Text(
            f"nama dan tanggal lahir sama dengan pekerja lain (NIK {masked}, ID {short}); pastikan bukan orang yang sama",
            f"same name and birth date as another worker (NIK {masked}, id {short}); make sure it is not the same person",
        ),
        name,
    )


def _not_data(row: int) -> RowOutcome:
    return RowOutcome(
        row,
        SKIPPED,
        (
            Issue(
                codes.IMPORT_NOT_DATA,
                "row",
                Text(
                    "terlalu sedikit isian untuk data pekerja (jumlah, tanda tangan?): dilewati",
                    "too little filled in to be a worker (a total, a signature?): skipped",
                ),
            ),
        ),
    )


def _plan_rows(
    s: Any, source: Source, mapping: ColumnMapping, today: dt.date | None, progress: Progress | None
) -> list[RowOutcome]:
    with collector.paused():
        return _plan_rows_of(s, source, mapping, today, progress)


def _plan_rows_of(
    s: Any, source: Source, mapping: ColumnMapping, today: dt.date | None, progress: Progress | None
) -> list[RowOutcome]:
    home = current_village(s).code[:5]
    known_dusun = import_values.folded_values(worker_store.distinct_values(s, "dusun"))
    known_nik = worker_store.live_niks(s)
    known_person = worker_store.live_people(s)
    data_rows = [(n, c) for n, c in source.rows if n > mapping.header_row]
    dusun_col = mapping.columns.get("dusun")

    reader = import_values.RowReader(known_dusun=known_dusun, today=today)
    columns = tuple(mapping.columns.items())
    # (row, the NIK's digits as the register keys them, the values read)
    read: list[tuple[int, str, import_values.RowValues]] = []
    for n, cells in data_rows:
        if dusun_col is not None and dusun_col < len(cells) and str(cells[dusun_col]).strip() == END_MARKER:
            break
        rv = reader.read_columns(cells, columns)
        nik = rv.values.get("nik", "")
        # A NIK read is its digits already (what normalize_number would leave of them).
        if not (type(nik) is str and nik.isascii() and nik.isdigit()):
            nik = identity.normalize_number(str(nik))
        read.append((n, nik, rv))
    existing_ids = sorted({known_nik[nik] for _, nik, _ in read if nik in known_nik})
    stored = worker_store.data_of(s, existing_ids)
    decisions = _decided_statuses(s, existing_ids)

    out: list[RowOutcome] = []
    seen: dict[str, tuple[int, WorkerData]] = {}
    keys: dict[str, str] = {}  # name -> its search key (a village repeats names)
    total = len(read)
    for i, (n, nik, rv) in enumerate(read, start=1):
        if progress is not None and i % 500 == 0:
            progress(i, total)
        # A row with one cell is a total or a signature, unless that cell is a NIK: a NIK alone
        # is a worker's row with everything else missing, and must not slip through as skipped.
        if rv.filled < 2 and not (rv.values.get("nik") or any(i.field == "nik" for i in rv.issues)):
            out.append(_not_data(n))
            continue
        values = rv.values  # read for this row alone
        issues = list(rv.issues)
        wid = known_nik.get(nik)
        before = stored.get(wid) if wid is not None else None
        if before is not None:
            values = _stored_values(before) | values
        elif "category" not in values and isinstance(values.get("occupation"), int):
            values["category"], derived = import_values.derived_category(values["occupation"])
            issues.append(derived)
        if rv.kept_occupation:
            kept = f"Pekerjaan di berkas: {rv.kept_occupation}"
            notes = str(values.get("notes") or "")
            if kept not in notes:
                values["notes"] = f"{notes}\n{kept}".strip()
        v = validate_worker(values, home_regency=home, reference=today)
        # A cell refused while reading (a NIK stored as a number) is not also "required".
        refused = {i.field for i in rv.issues if i.is_error} if rv.issues else ()
        if refused:
            issues += [i for i in v.issues if not (i.code == codes.FIELD_REQUIRED and i.field in refused)]
        else:
            issues += v.issues
        key = ""
        if v.data is not None:
            key = keys.get(v.data.name, "")
            if not key:
                key = keys[v.data.name] = name_key(v.data.name)
            twin = known_person.get((key, v.data.birth_date))
            if twin is not None and twin[0] != v.data.nik:
                issues.append(_same_person(v.data.name, *twin))
        if v.data is None or (issues and any(x.is_error for x in issues)):
            if not any(x.is_error for x in issues):
                issues.append(Issue(codes.RECORD_INVALID, "worker", Text("tidak valid", "invalid")))
            out.append(RowOutcome(n, ERROR, tuple(issues)))
            continue
        data = v.data
        if data.nik in seen:
            first_row, first = seen[data.nik]
            if first == data:
                issue = Issue(
                    codes.IMPORT_DUPLICATE_IN_FILE,
                    "nik",
                    Text(f"sama persis dengan baris {first_row}: dilewati", f"the same as row {first_row}: skipped"),
                    data.nik,
                )
                out.append(RowOutcome(n, DUPLICATE, (*issues, issue)))
            else:
                diff = [WORKER[f].label for f in _FIELDS if getattr(first, f) != getattr(data, f)]
                issue = Issue(
                    codes.IMPORT_CONFLICT_IN_FILE,
                    "nik",
                    Text(
                        f"NIK yang sama dengan baris {first_row} tetapi isinya lain "
                        f"({', '.join(t.id for t in diff)}): pilih salah satu",
                        f"the same NIK as row {first_row} with other data ({', '.join(t.en for t in diff)}): keep one",
                    ),
                    data.nik,
                )
                out.append(RowOutcome(n, ERROR, (*issues, issue)))
            continue
        seen[data.nik] = (n, data)
        if before is None:
            out.append(RowOutcome(n, NEW, tuple(issues), data=data, key=key))
            continue
        kept_case = {f: before[f] for f in _FIELDS if _same(f, before[f], getattr(data, f))}
        data = replace(data, **kept_case)
        changes = tuple(f for f in _FIELDS if before[f] != getattr(data, f))
        outcome = UPDATE if changes else UNCHANGED
        decided = [WORKER[f] for f in changes if WORKER[f].decision]
        status = decisions.get(wid or "")
        if decided and status is not None:
            issue = _decision_issue(status, decided, data.nik)
            issues.append(issue)
            if issue.is_error:
                out.append(RowOutcome(n, ERROR, tuple(issues)))
                continue
        out.append(RowOutcome(n, outcome, tuple(issues), changes, wid, data, before, key))
    if progress is not None:
        progress(total, total)
    return out


def _decided_statuses(s: Session, worker_ids: Sequence[str]) -> dict[str, str]:
    """Worker id -> the status of their nomination in the active program, for those the head has
    decided (approved and later): a change of identity or eligibility needs a new decision."""
    if not worker_ids:
        return {}
    program = active_program(s)
    n = models.Nomination
    wanted = statuses.REOPENED_BY_CHANGE | statuses.SENT
    rows = s.execute(
        select(n.worker_id, n.status).where(
            n.worker_id.in_(list(worker_ids)), n.program_id == program.id, n.deleted_at.is_(None), n.status.in_(wanted)
        )
    ).all()
    return {str(w): str(st) for w, st in rows}


def _decision_issue(status: str, fields: Sequence[Any], nik: str) -> Issue:
    names_id = ", ".join(f.label.id for f in fields)
    names_en = ", ".join(f.label.en for f in fields)
    if status in statuses.SENT:
        return Issue(
            codes.IMPORT_DECISION_SENT,
            "nik",
            Text(
                f"{names_id} tidak bisa diubah di desa: usulannya sudah {statuses.label(status, 'id')}; "
                "kabupaten yang memperbaikinya bersama BPJS",
                f"{names_en} cannot be changed in the village: the nomination is already "
                f"{statuses.label(status, 'en')}; the district corrects it with BPJS",
            ),
            nik,
        )
    return Issue(
        codes.IMPORT_DECISION_REOPENED,
        "nik",
        Text(
            f"{names_id} berubah setelah usulan {statuses.label(status, 'id')}: usulan kembali menjadi Diusulkan "
            "dan perlu keputusan lagi",
            f"{names_en} change after the nomination was {statuses.label(status, 'en').lower()}: it goes back "
            "to Proposed and needs a new decision",
        ),
        nik,
    )


def dry_run(
    ws: Workspace,
    source: Source,
    mapping: ColumnMapping | None = None,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Every row's outcome and reasons; nothing is written."""
    mapping = mapping or source.mapping
    if mapping is None:
        raise UserError(
            "mapping",
            Text(
                "baris judul kolom tidak ditemukan (NIK, Nama, …): pilih kolomnya sendiri",
                "no header row found (NIK, Nama, …): map the columns yourself",
            ),
            source.path.name,
        )
    missing = [k for k in ("nik", "name") if k not in mapping.columns]
    if missing:
        names = ", ".join(import_mapping.TARGET_LABELS[k].get() for k in missing)
        raise UserError("mapping", Text(f"kolom wajib belum dipilih: {names}", f"required columns not mapped: {names}"))
    with ws.reading() as s:
        stamp = worker_store.last_change(s)
        rows = _plan_rows(s, source, mapping, today, progress)
    return Plan(source, mapping, tuple(rows), stamp, today)


def dry_run_steps(
    ws: Workspace, source: Source, mapping: ColumnMapping | None = None, *, today: dt.date | None = None
) -> Generator[tuple[int, int], None, Plan]:
    """``dry_run`` as a generator of progress (rows done, rows in all), for the app."""
    done: list[tuple[int, int]] = []
    plan = dry_run(ws, source, mapping, today=today, progress=lambda d, t: done.append((d, t)))
    yield from done[-1:]
    return plan


# -- the import -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    ids: tuple[str, ...] = field(default=())  # the workers added and updated
    notices: tuple[Text, ...] = ()  # nominations sent back for a new decision (one per worker)


def _refuse_errors(plan: Plan) -> None:
    bad = [r.row for r in plan.rows if r.outcome == ERROR]
    if bad:
        shown = ", ".join(map(str, bad[:10])) + (" …" if len(bad) > 10 else "")
        raise UserError(
            "file",
            Text(
                f"{len(bad)} baris salah (baris {shown}); perbaiki lalu impor lagi: tidak ada yang diimpor",
                f"{len(bad)} rows have errors (rows {shown}); fix them and import again: nothing was imported",
            ),
            plan.source.path.name,
        )


def import_steps(
    ws: Workspace, actor: Actor, plan: Plan, *, chunk: int = 1000
) -> Generator[tuple[int, int], None, ImportResult]:
    """Writes the plan's new and changed rows in one transaction, yielding progress; stopped
    (the generator closed) or failed, nothing is written."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    _refuse_errors(plan)
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        rows = plan.rows
        if worker_store.last_change(s) != plan.stamp:
            # The register changed since the dry run: decide every row again against it.
            rows = tuple(_plan_rows(s, plan.source, plan.mapping, plan.today, None))
            _refuse_errors(replace(plan, rows=rows))
        new = [r for r in rows if r.outcome == NEW and r.data is not None]
        upd = [r for r in rows if r.outcome == UPDATE and r.data is not None and r.worker_id is not None]
        total = len(new) + len(upd)
        yield 0, total
        added: list[str] = []
        seq = reserve_change_seqs(s, len(new)) if new else 0  # one statement for every chunk
        with worker_store.bulk_load(s, len(new)) if len(new) >= chunk else nullcontext():
            for i in range(0, len(new), chunk):
                with collector.paused():
                    # The name's key was made in the dry run, from the very data stored.
                    these = new[i : i + chunk]
                    part = [
                        worker_store.NewWorker(wid, r.key or name_key(d.name), d)
                        for wid, r in zip(new_ids(len(these)), these, strict=True)
                        if (d := r.data) is not None
                    ]
                    worker_store.insert_workers(s, part, status=statuses.RECORDED, actor_id=actor.id, first_seq=seq + i)
                    added += [w.id for w in part]
                yield len(added), total
        changed: dict[str, dict[str, Any]] = {}
        for r in upd:
            assert r.data is not None and r.worker_id is not None
            changed[r.worker_id] = {f: getattr(r.data, f) for f in r.changes}
        ids = list(changed)
        for i in range(0, len(ids), chunk):
            worker_store.update_workers(s, {k: changed[k] for k in ids[i : i + chunk]}, name_key=name_key)
            yield len(added) + min(i + chunk, len(ids)), total
        # Rule 3 of the rules: identity or eligibility changed after the head's approval sends the
        # nomination back to proposed, as an edit in the form does (a sent one was refused above).
        notices: list[Text] = []
        decided = _decided_statuses(s, ids)
        if decided:
            village = current_village(s)
            for r in upd:
                fields = [WORKER[f] for f in r.changes if WORKER[f].decision]
                n = workers.decided_nomination(s, r.worker_id or "") if fields else None
                if n is None:
                    continue
                if n.status in statuses.SENT:  # sent since the plan was made
                    raise UserError("file", _decision_issue(n.status, fields, r.data.nik if r.data else "").text)
                w = s.get_one(models.Worker, r.worker_id)
                notices.append(workers.reopen_decision(uow, n, w, fields, village))
        unchanged = sum(1 for r in rows if r.outcome == UNCHANGED)
        kept = _kept_mapping(plan.mapping)
        setting = s.get(models.Setting, MAPPING_SETTING + plan.mapping.shape)
        if setting is None:
            s.add(models.Setting(key=MAPPING_SETTING + plan.mapping.shape, value=kept))
        elif setting.value != kept:
            setting.value = kept
        if added or changed:
            every = [*added, *ids]
            uow.audit(
                "worker.import",
                "worker",
                None,
                None,
                {
                    "file": plan.source.path.name,
                    "sheet": plan.source.sheet,
                    "file_sha256": plan.source.sha256,
                    "added": len(added),
                    "updated": len(changed),
                    "unchanged": unchanged,
                    "first_id": every[0],
                    "last_id": every[-1],
                    "ids_sha256": hashlib.sha256("\n".join(every).encode()).hexdigest(),
                    "changes": {
                        r.worker_id: {
                            f: [_plain(r.before[f] if r.before else None), _plain(getattr(r.data, f))]
                            for f in r.changes
                        }
                        for r in upd
                        if r.data is not None and r.worker_id is not None
                    },
                    "mapping": kept["columns"],
                },
            )
    return ImportResult(len(added), len(changed), unchanged, (*added, *ids), tuple(notices))


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def run_import(ws: Workspace, actor: Actor, plan: Plan) -> ImportResult:
    """``import_steps`` run to the end (the command line)."""
    steps = import_steps(ws, actor, plan)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            result: ImportResult = stop.value
            return result


# -- the report -------------------------------------------------------------------------------


def save_report(plan: Plan, out: Path, lang: str | None = None) -> int:
    """The officer's own columns and cells, with the outcome and every reason beside each row,
    so the sheet can be fixed and imported again. Rows are in the file's order."""
    width = max(plan.source.width, len(plan.mapping.headers))
    # The officer's headers as they were (blank ones too), so the fixed report has the sheet's shape.
    headers = list(plan.mapping.headers) + [""] * (width - len(plan.mapping.headers))
    result_col, reason_col = width, width + 1
    headers += [t.get(lang) for t in import_mapping.REPORT_HEADERS]
    cells = dict(plan.source.rows)
    id_cols = {plan.mapping.columns[k] for k in ("nik", "kk") if k in plan.mapping.columns}

    def rows() -> Generator[list[object], None, None]:
        for r in plan.rows:
            row = list(cells.get(r.row, ()))
            row += [None] * (width - len(row))
            row += [r.label(lang), "\n".join(r.reasons(lang)), r.row]
            yield row

    widths = [14] * width + [16, 60, 10]
    return write_table(
        Path(out),
        headers,
        rows(),
        text_columns=id_cols,
        wrap_columns=[reason_col, result_col],
        sheet=Text("Hasil impor", "Import result").get(lang),
        widths=widths,
    )


def report_json(plan: Plan, lang: str | None = None) -> list[dict[str, Any]]:
    return [r.to_dict(lang) for r in plan.rows]

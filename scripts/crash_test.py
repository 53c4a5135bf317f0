"""Kills real writers with SIGKILL at random moments and checks that nothing committed is lost.

    python scripts/crash_test.py --kills 240 [--seed 1] [--json] [--work DIR]

Six kinds of writer, each a process of its own forked from this one (so that a kill falls in
the writer's work, not in its imports): adding one worker through the command line, a bulk add
of 1,500 workers through the service, nominating and then approving ten workers (two command
line transactions), printing the forms of the approved nominations with marking, a sync
export, and importing the district's return file. Each kind's writer is first timed without a
kill (three runs), then killed at a moment drawn uniformly from that duration.

After every kill: ``PRAGMA integrity_check``, the audit chain, the opening check
(``Workspace.open``, which must not refuse a database that was merely killed), every commit the
killed writer reported (a line it wrote after its command returned) is there, and no batch is
half-applied (a bulk add, a nomination of ten, an approval, a print run, a return file: all of
it or none). For the exports, no sequence number is ever carried by two different files.

Prints kills per writer kind, records lost, integrity and chain failures, half-applied
batches; exits 1 when any of those is not zero.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from jamsos_desktop import paths  # noqa: E402
from jamsos_desktop.cli.main import main as cli  # noqa: E402
from jamsos_desktop.domain import statuses  # noqa: E402
from jamsos_desktop.services import (  # noqa: E402
    accounts,
    audit,
    demo,
    firstrun,
    keys,
    nominations,
    sync,
    users,
    village,
    workers,
)
from jamsos_desktop.services.context import Workspace  # noqa: E402
from jamsos_desktop.services.integrity import DamagedDatabase  # noqa: E402
from jamsos_desktop.storage import driver, keyring, models  # noqa: E402
from jamsos_desktop.sync import district_return as dr  # noqa: E402
from jamsos_desktop.sync import keyfile  # noqa: E402
from jamsos_desktop.sync.village_export import read_export  # noqa: E402

VILLAGE = "32.04.05.2005"
TODAY = dt.date(2026, 11, 21)
BULK = 1500
NOMINATE = 10
KINDS = ("worker_add", "bulk_add", "nominate_approve", "print_mark", "sync_export", "return_import")
#: Not drawn at random: killed the moment its file is on the stick, before it is recorded.
TARGETED = "export_after_write"
CALIBRATION_RUNS = 3
PASSWORD = "sandi-uji-crash"  # noqa: S105 (the test village's, for its writers)


# -- the writers' input ----------------------------------------------------------------------


def _letters(n: int, width: int = 4) -> str:
    out = ""
    for _ in range(width):
        n, r = divmod(n, 26)
        out += "abcdefghijklmnopqrstuvwxyz"[r]
    return out.capitalize()


def person(i: int) -> dict[str, Any]:
    """A valid worker of the village's district, unique for every ``i`` below 9,999 x 7,000."""
    born = dt.date(1975, 1, 1) + dt.timedelta(days=i % 7000)
    serial = 1 + i // 7000
    nik = f"320405{born.day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    return {
        "nik": nik,
        "kk": f"320405{(born.day):02d}{born.month:02d}{born.year % 100:02d}{serial:04d}",
        "name": f"Uji {_letters(i)} {_letters(i // 7, 3)}",
        "birth_place": "Bandung",
        "birth_date": born.isoformat(),
        "sex": "L",
        "dusun": "Babakan",
        "rt": "3",
        "rw": "2",
        "occupation": "9",
        "category": "petani",
        "income": "900000",
        "heir_name": "Asep Suryana",
        "heir_relation": "Istri",
    }


def cli_worker_args(p: dict[str, Any]) -> list[str]:
    flags = {
        "nik": "--nik",
        "kk": "--kk",
        "name": "--name",
        "birth_place": "--birth-place",
        "birth_date": "--birth-date",
        "sex": "--sex",
        "dusun": "--dusun",
        "rt": "--rt",
        "rw": "--rw",
        "occupation": "--occupation",
        "category": "--category",
        "income": "--income",
        "heir_name": "--heir-name",
        "heir_relation": "--heir-relation",
    }
    out: list[str] = []
    for k, flag in flags.items():
        out += [flag, str(p[k])]
    return out


# -- the village the writers work on ----------------------------------------------------------


@dataclass
class Template:
    db: Path
    candidates: list[str]  # recorded, eligible workers for nominate_approve
    approved: list[str]  # nomination ids, approved and not printed (print_mark)
    exported: list[str]  # nomination ids, exported and answered by the return file
    return_file: Path


def build_template(root: Path) -> Template:
    data = root / "template"
    ws = Workspace.open(data, create=True)
    try:
        village.init_village(
            ws, code=VILLAGE, head_name="H. Dadang Suherman", operator_name="Rina Marlina", office_address="", year=2026
        )
        op = users.default_actor(ws)
        head = users.default_actor(ws, approving=True)
        village.update_program(ws, op, quota=100_000)
        demo.generate(ws, op, 300, seed=7, today=TODAY)
        district = keyfile.make_district_keys()
        public = keyfile.public_key_file(district.public, name="Disnaker", region_code="32.04")
        keys.import_district_key(ws, op, public, keys.read_district_key(public).fingerprint)
        exported = [n.id for n in nominations.nominate_ranked(ws, op, limit=30).nominations]
        nominations.approve(ws, head)
        with ws.unit_of_work(op) as uow:
            for nid in exported:
                nominations.set_status(uow, nid, statuses.PRINTED)
                nominations.set_status(uow, nid, statuses.SIGNED)
        out = root / "template-out"
        out.mkdir()
        export = read_export(sync.export(ws, op, out).path.read_bytes(), district_keys=district)
        results = [
            dr.Result(
                nomination_id=n["id"],
                worker_id=n["worker_id"],
                outcome=dr.REGISTERED,
                nomination_version=n["version"],
                worker_version=next(w for w in export.tables["workers"].records() if w["id"] == n["worker_id"])[
                    "version"
                ],
                export_seq=n["export_seq"],
                kpj=f"{26000000000 + i:011d}",
                coverage_start=dt.date(2027, 1, 1),
                coverage_end=dt.date(2027, 12, 31),
            )
            for i, n in enumerate(export.tables["nominations"].records())
            if n["status"] == statuses.EXPORTED
        ]
        ret = dr.write_return(
            district_keys=district,
            district_name="Disnaker",
            village_code=export.village_code,
            device_id=export.device_id,
            device_key=export.device_key,
            return_seq=1,
            answers_export_seq=export.seq,
            results=results,
            app_version="crash-test",
        )
        return_file = root / "return.jamreturn"
        return_file.write_bytes(ret.data)
        approved = [n.id for n in nominations.nominate_ranked(ws, op, limit=20).nominations]
        nominations.approve(ws, head)
        candidates = _eligible(ws, op, NOMINATE)
        # Locked as 'jamsos init' leaves a village: every writer unlocks it with a password.
        firstrun.lock_new_village(ws, {"operator": PASSWORD, "kepala": PASSWORD})
        key = ws.db.key
    finally:
        ws.close()
    db = paths.db_path(data)
    driver.checkpoint(db, key)
    return Template(db, candidates, approved, exported, return_file)


def database_key(data: Path) -> bytes:
    return accounts.database_key(data, "operator", PASSWORD)


def _eligible(ws: Workspace, op: Any, n: int) -> list[str]:
    """``n`` workers that nominate would take now (found on a copy, which is thrown away)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy_db = Path(tmp) / paths.DB_FILE
        driver.copy_file(ws.db.path, copy_db, ws.db.key)  # the log included
        shutil.copyfile(keyring.key_path(ws.db.path), keyring.key_path(copy_db))
        copy = Workspace.open(Path(tmp))
        try:
            return list(nominations.nominate_ranked(copy, op, limit=n).worker_ids)
        finally:
            copy.close()


def fresh(template: Template, data: Path) -> None:
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    shutil.copyfile(template.db, paths.db_path(data))
    shutil.copyfile(keyring.key_path(template.db), keyring.key_path(paths.db_path(data)))


# -- one writer, in a forked process ---------------------------------------------------------


def run_cli(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli(argv)
    return code, out.getvalue()


def child(kind: str, data: Path, job: dict[str, Any], report: Callable[[str], None]) -> int:
    d = ["--data-dir", str(data)]
    if kind == "worker_add":
        code, _ = run_cli([*d, "worker", "add", *cli_worker_args(person(job["i"]))])
        if code == 0:
            report(person(job["i"])["nik"])
        return code
    if kind == "bulk_add":
        rows = [person(job["i"] + k) | {"dusun": job["tag"]} for k in range(BULK)]
        ws = accounts.unlock(data, "operator", PASSWORD)
        try:
            result = workers.bulk_add_workers(ws, users.default_actor(ws), rows, all_or_nothing=True, today=TODAY)
        finally:
            ws.close()
        report(f"{job['tag']} {result.added}")
        return 0 if result.added == BULK else 1
    if kind == "nominate_approve":
        code, _ = run_cli([*d, "nominate", *job["ids"]])
        if code != 0:
            return code
        report("nominate")
        code, _ = run_cli([*d, "approve", *job["ids"]])
        if code == 0:
            report("approve")
        return code
    if kind == "print_mark":
        pdf = data / "forms.pdf"
        code, _ = run_cli([*d, "print", "form", "--all-approved", "--out", str(pdf)])
        if code == 0:
            report(str(pdf))
        return code
    if kind == "sync_export":
        code, out = run_cli([*d, "sync", "export", "--out", job["out"]])
        if code == 0:
            report(out.strip().splitlines()[-1])
        return code
    if kind == TARGETED:
        from jamsos_desktop.services.sync import exports

        written = exports.write_atomically

        def then_die(path: Path, data: bytes) -> None:
            written(path, data)
            os.kill(os.getpid(), signal.SIGKILL)

        exports.write_atomically = then_die  # type: ignore[assignment]
        code, out = run_cli([*d, "sync", "export", "--out", job["out"]])
        if code == 0:
            report(out.strip().splitlines()[-1])
        return code
    if kind == "return_import":
        code, _ = run_cli([*d, "sync", "import-return", job["file"]])
        if code == 0:
            report("imported")
        return code
    raise ValueError(kind)


@dataclass
class Run:
    reported: list[str]
    seconds: float
    killed: bool
    exit_code: int | None


def fork_writer(kind: str, data: Path, job: dict[str, Any], kill_after: float | None) -> Run:
    r, w = os.pipe()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the writer
        os.close(r)
        code = 1
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)

            def report(line: str) -> None:
                os.write(w, (line + "\n").encode())

            code = child(kind, data, job, report)
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    os.close(w)
    status: int | None = None
    if kill_after is not None:
        deadline = start + kill_after
        while status is None:
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = st
            elif time.perf_counter() >= deadline:
                os.kill(pid, signal.SIGKILL)
                break
            else:
                time.sleep(0.002)
    if status is None:
        _, status = os.waitpid(pid, 0)
    seconds = time.perf_counter() - start
    with os.fdopen(r, "rb") as f:
        lines = f.read().decode().splitlines()
    # Killed is what the status says: a writer that finished just before the signal was not.
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return Run(lines, seconds, killed, None if killed else os.waitstatus_to_exitcode(status))


# -- the checks -------------------------------------------------------------------------------


@dataclass
class Tally:
    kills: Counter[str] = field(default_factory=Counter)
    runs: Counter[str] = field(default_factory=Counter)
    finished_before_kill: Counter[str] = field(default_factory=Counter)
    commits_reported: Counter[str] = field(default_factory=Counter)
    lost: Counter[str] = field(default_factory=Counter)
    half_applied: Counter[str] = field(default_factory=Counter)
    integrity_failures: int = 0
    chain_failures: int = 0
    refused_at_opening: int = 0
    export_seq_reused: int = 0
    writer_errors: Counter[str] = field(default_factory=Counter)
    durations: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def failures(self) -> int:
        return (
            sum(self.lost.values())
            + sum(self.half_applied.values())
            + self.integrity_failures
            + self.chain_failures
            + self.refused_at_opening
            + self.export_seq_reused
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kills": dict(self.kills),
            "kills_total": sum(self.kills.values()),
            "runs": dict(self.runs),
            "finished_before_kill": dict(self.finished_before_kill),
            "commits_reported": dict(self.commits_reported),
            "records_lost": sum(self.lost.values()),
            "lost_by_kind": dict(self.lost),
            "half_applied_batches": sum(self.half_applied.values()),
            "half_applied_by_kind": dict(self.half_applied),
            "integrity_failures": self.integrity_failures,
            "audit_chain_failures": self.chain_failures,
            "refused_at_opening": self.refused_at_opening,
            "export_seq_reused": self.export_seq_reused,
            "writer_errors": dict(self.writer_errors),
            "calibrated_seconds": {k: round(v, 3) for k, v in self.durations.items()},
            "notes": self.notes[:20],
        }


def check_database(data: Path, tally: Tally, kind: str) -> Workspace | None:
    db = paths.db_path(data)
    key = database_key(data)
    conn = driver.connect(db, key)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    finally:
        conn.close()
    if rows != ["ok"]:
        tally.integrity_failures += 1
        tally.notes.append(f"{kind}: integrity_check {rows[:3]}")
    try:
        ws = Workspace.open(data, key=key)
    except DamagedDatabase as exc:
        tally.refused_at_opening += 1
        tally.notes.append(f"{kind}: refused at opening: {exc.problems[:2]}")
        return None
    rep = audit.verify(ws)
    if not rep.ok:
        tally.chain_failures += 1
        tally.notes.append(f"{kind}: audit chain {[p.code for p in rep.problems][:3]}")
    return ws


def _statuses(ws: Workspace, nomination_ids: list[str]) -> list[str]:
    with ws.reading() as s:
        got = dict(
            s.execute(
                select(models.Nomination.id, models.Nomination.status).where(models.Nomination.id.in_(nomination_ids))
            ).all()
        )
    return [got.get(n, "") for n in nomination_ids]


def _worker_statuses(ws: Workspace, worker_ids: list[str]) -> tuple[list[str], list[str]]:
    """The nominations' statuses of these workers (""= none) and the workers' own mirror."""
    with ws.reading() as s:
        noms = dict(
            s.execute(
                select(models.Nomination.worker_id, models.Nomination.status).where(
                    models.Nomination.worker_id.in_(worker_ids), models.Nomination.deleted_at.is_(None)
                )
            ).all()
        )
        mirror = dict(
            s.execute(select(models.Worker.id, models.Worker.status).where(models.Worker.id.in_(worker_ids))).all()
        )
    return [noms.get(w, "") for w in worker_ids], [mirror.get(w, "") for w in worker_ids]


class Checker:
    def __init__(self, template: Template, work: Path, tally: Tally) -> None:
        self.t, self.work, self.tally = template, work, tally
        self.next_person = 100_000
        self.added_niks: list[str] = []  # reported by worker_add
        self.bulk_tags: dict[str, bool] = {}  # tag -> reported
        self.export_files: dict[str, str] = {}  # file name -> sha256 (every file any export left)
        self.reused: set[str] = set()
        self.runs = 0

    def data(self, kind: str) -> Path:
        return self.work / ("sync_export" if kind == TARGETED else kind)  # one device, one series

    def prepare(self, kind: str) -> dict[str, Any]:
        """Resets the kinds that need a fresh start and returns the writer's job."""
        self.runs += 1
        data = self.data(kind)
        if kind in ("nominate_approve", "print_mark", "return_import") or not data.exists():
            fresh(self.t, data)
        if kind == "worker_add":
            self.next_person += 1
            return {"i": self.next_person}
        if kind == "bulk_add":
            i = self.next_person + 1
            self.next_person += BULK + 1
            return {"i": i, "tag": f"Uji{self.runs:05d}"}
        if kind == "nominate_approve":
            return {"ids": list(self.t.candidates)}
        if kind in ("sync_export", TARGETED):
            out = self.work / "sticks" / f"run{self.runs:05d}"
            out.mkdir(parents=True)
            return {"out": str(out)}
        if kind == "return_import":
            return {"file": str(self.t.return_file)}
        return {}

    def check(self, kind: str, job: dict[str, Any], run: Run) -> None:
        tally = self.tally
        tally.runs[kind] += 1
        if run.killed:
            tally.kills[kind] += 1
        elif run.exit_code not in (0, None):
            tally.writer_errors[kind] += 1
            tally.notes.append(f"{kind}: writer exit {run.exit_code} without a kill")
        tally.commits_reported[kind] += len(run.reported)
        ws = check_database(self.data(kind), tally, kind)
        if ws is None:
            fresh(self.t, self.data(kind))  # a refused database: start again, counted already
            return
        try:
            getattr(self, f"_check_{kind}")(ws, job, run)
        finally:
            ws.close()

    def _half(self, kind: str, what: str) -> None:
        self.tally.half_applied[kind] += 1
        self.tally.notes.append(f"{kind}: half-applied {what}")

    def _lost(self, kind: str, what: str, n: int = 1) -> None:
        self.tally.lost[kind] += n
        self.tally.notes.append(f"{kind}: lost {what}")

    def _check_worker_add(self, ws: Workspace, job: dict[str, Any], run: Run) -> None:
        self.added_niks += run.reported
        with ws.reading() as s:
            live = set(
                s.execute(
                    select(models.Worker.nik).where(
                        models.Worker.nik.in_(self.added_niks), models.Worker.deleted_at.is_(None)
                    )
                ).scalars()
            )
        for nik in self.added_niks:
            if nik not in live:
                self._lost("worker_add", nik[:4] + "…")

    def _check_bulk_add(self, ws: Workspace, job: dict[str, Any], run: Run) -> None:
        self.bulk_tags[job["tag"]] = bool(run.reported)
        with ws.reading() as s:
            counts = dict(
                s.execute(
                    select(models.Worker.dusun, func.count())
                    .where(models.Worker.dusun.in_(list(self.bulk_tags)))
                    .group_by(models.Worker.dusun)
                ).all()
            )
        for tag, reported in self.bulk_tags.items():
            n = int(counts.get(tag, 0))
            if n not in (0, BULK):
                self._half("bulk_add", f"{tag}: {n} of {BULK}")
            elif reported and n == 0:
                self._lost("bulk_add", f"{tag}: {BULK} workers", BULK)

    def _check_nominate_approve(self, ws: Workspace, job: dict[str, Any], run: Run) -> None:
        noms, mirror = _worker_statuses(ws, job["ids"])
        if len(set(noms)) != 1:
            self._half("nominate_approve", f"statuses {sorted(Counter(noms).items())}")
        if any((n or statuses.RECORDED) != m for n, m in zip(noms, mirror, strict=True)):
            self._half("nominate_approve", "worker status mirror differs from its nomination")
        want = statuses.APPROVED if "approve" in run.reported else statuses.PROPOSED if run.reported else None
        if want == statuses.APPROVED and any(n != statuses.APPROVED for n in noms):
            self._lost("nominate_approve", "an approval", sum(n != statuses.APPROVED for n in noms))
        if want == statuses.PROPOSED and any(n == "" for n in noms):
            self._lost("nominate_approve", "a nomination", sum(n == "" for n in noms))

    def _check_print_mark(self, ws: Workspace, job: dict[str, Any], run: Run) -> None:
        got = _statuses(ws, self.t.approved)
        if len(set(got)) != 1:
            self._half("print_mark", f"statuses {sorted(Counter(got).items())}")
        if run.reported:
            if any(g != statuses.PRINTED for g in got):
                self._lost("print_mark", "the printed marks", sum(g != statuses.PRINTED for g in got))
            pdf = Path(run.reported[0])
            if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
                self._lost("print_mark", "the PDF")

    def _check_return_import(self, ws: Workspace, job: dict[str, Any], run: Run) -> None:
        got = _statuses(ws, self.t.exported)
        if len(set(got)) != 1:
            self._half("return_import", f"statuses {sorted(Counter(got).items())}")
        if run.reported and any(g != statuses.REGISTERED for g in got):
            self._lost("return_import", "results", sum(g != statuses.REGISTERED for g in got))

    def _reused(self, name: str, why: str) -> None:
        if name not in self.reused:  # each number counted once, however often it is seen again
            self.reused.add(name)
            self.tally.export_seq_reused += 1
            self.tally.notes.append(f"sync_export: {name}: {why}")

    def _check_export_after_write(self, ws: Workspace, job: dict[str, Any], run: Run) -> None:
        self._check_sync_export(ws, job, run)

    def _check_sync_export(self, ws: Workspace, job: dict[str, Any], run: Run) -> None:
        with ws.reading() as s:
            recorded = {e.file_name: (e.seq, e.file_sha256) for e in s.execute(select(models.SyncExport)).scalars()}
        by_seq = dict(recorded.values())
        for f in Path(job["out"]).glob("*.jamsync"):
            sha = hashlib.sha256(f.read_bytes()).hexdigest()
            earlier = self.export_files.get(f.name)
            if earlier is not None and earlier != sha:
                self._reused(f.name, "written twice with different content")
            self.export_files.setdefault(f.name, sha)
        for name, sha in self.export_files.items():
            m = re.search(r"_(\d{6})\.jamsync$", name)
            if m and int(m[1]) in by_seq and by_seq[int(m[1])] != sha:
                self._reused(name, "its number is recorded for other content")
        for line in run.reported:
            p = Path(line)
            if p.name not in recorded:
                self._lost("sync_export", f"export {p.name}")
            elif not p.is_file() or hashlib.sha256(p.read_bytes()).hexdigest() != recorded[p.name][1]:
                self._lost("sync_export", f"the file of {p.name}")


def calibrate(checker: Checker, kind: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        job = checker.prepare(kind)
        run = fork_writer(kind, checker.data(kind), job, None)
        checker.check(kind, job, run)
        times.append(run.seconds)
    return statistics.median(times)


def run(
    kills: int,
    seed: int,
    work: Path,
    kinds: tuple[str, ...] = KINDS,
    *,
    targeted: int = 20,
    calibration_runs: int = CALIBRATION_RUNS,
    log: Callable[[str], None] = print,
) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    log("building the test village ...")
    template = build_template(work)
    checker = Checker(template, work, tally)
    for kind in kinds:
        tally.durations[kind] = calibrate(checker, kind, calibration_runs)
        log(f"  {kind}: {tally.durations[kind]:.2f} s without a kill")
    per_kind = {k: kills // len(kinds) + (1 if i < kills % len(kinds) else 0) for i, k in enumerate(kinds)}
    order = [k for k, n in per_kind.items() for _ in range(n)]
    rng.shuffle(order)
    for i, kind in enumerate(order, start=1):
        target = tally.kills[kind] + 1
        while tally.kills[kind] < target:  # a writer that finished first does not count as a kill
            job = checker.prepare(kind)
            at = rng.uniform(0.0, tally.durations[kind])
            r = fork_writer(kind, checker.data(kind), job, at)
            if not r.killed:
                tally.finished_before_kill[kind] += 1
            checker.check(kind, job, r)
            if tally.finished_before_kill[kind] > 3 * per_kind[kind] + 10:
                tally.notes.append(f"{kind}: the writer kept finishing before its kill")
                break
        if i % 25 == 0:
            log(f"  {i}/{len(order)} kills, {tally.failures()} failures")
    if "sync_export" in kinds:
        for _ in range(targeted):  # each followed by an ordinary export that must take a new number
            for kind in (TARGETED, "sync_export"):
                job = checker.prepare(kind)
                checker.check(kind, job, fork_writer(kind, checker.data(kind), job, None))
    return tally


def report(t: Tally) -> str:
    d = t.to_dict()
    lines = [f"{'writer':<18}{'kills':>7}{'runs':>7}{'commits':>9}{'lost':>6}{'half':>6}{'calib. s':>10}"]
    for kind in (*KINDS, TARGETED):
        if not t.runs[kind]:
            continue
        lines.append(
            f"{kind:<18}{t.kills[kind]:>7}{t.runs[kind]:>7}{t.commits_reported[kind]:>9}"
            f"{t.lost[kind]:>6}{t.half_applied[kind]:>6}{t.durations.get(kind, 0.0):>10.2f}"
        )
    lines += [
        f"kills in all: {d['kills_total']}",
        f"records lost: {d['records_lost']}",
        f"integrity_check failures: {d['integrity_failures']}",
        f"audit chain failures: {d['audit_chain_failures']}",
        f"refused at opening after a kill: {d['refused_at_opening']}",
        f"half-applied batches: {d['half_applied_batches']}",
        f"export numbers reused for other content: {d['export_seq_reused']}",
    ]
    if d["writer_errors"]:
        lines.append(f"writers that failed on their own (not killed): {d['writer_errors']}")
    lines += [f"  note: {n}" for n in d["notes"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=240)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--targeted", type=int, default=20, help="exports killed right after writing their file")
    parser.add_argument("--calibration-runs", type=int, default=CALIBRATION_RUNS)
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated writer kinds")
    parser.add_argument("--work", help="folder for the databases (default: a temporary one, removed)")
    parser.add_argument("--json", action="store_true", help="the figures as JSON on the last line")
    args = parser.parse_args(argv)
    kinds = tuple(k for k in args.kinds.split(",") if k)
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds: {sorted(unknown)}")
    os.environ.pop("JAMSOS_DATA_DIR", None)
    # The writers' command lines read the acting person's password as a script does.
    os.environ["JAMSOS_PASSWORD"] = PASSWORD
    with tempfile.TemporaryDirectory(prefix="crash-") as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        tally = run(
            args.kills,
            args.seed,
            work,
            kinds,
            targeted=args.targeted,
            calibration_runs=args.calibration_runs,
            log=lambda s: print(s, file=sys.stderr),
        )
        elapsed = time.perf_counter() - started
    print(report(tally))
    print(f"({elapsed:.0f} s, seed {args.seed})")
    if args.json:
        print(json.dumps(tally.to_dict(), sort_keys=True))
    return 1 if tally.failures() else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Sync figures: full export of 100,000 workers, and import of a 100,000-result return file.

Export baseline, measured in the same run on the same rows: the rows the export carries, read
bare through sqlite3 as dicts, ``json.dumps``, written into a ``zipfile`` (deflate) in memory,
and AES-256-GCM over the archive. Ours does everything the product does on top: one write
transaction, snapshots of every table, signing, an atomic write with fsync, reading the file
back and verifying it, and recording the export (with its bytes, for "write again").

Import has no meaningful bare baseline (it is verification plus a transaction), so its figure
compares against reading and decrypting the same file with the sync package alone.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from jamsos_desktop import paths
from jamsos_desktop.services import demo, keys, sync, users, village
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver
from jamsos_desktop.sync import district_return as dr
from jamsos_desktop.sync import keyfile
from jamsos_desktop.sync.village_export import read_export

from .common import Figure, repeats, scaled

N = scaled(int(os.environ.get("JAMSOS_BENCH_SYNC_N", "100000")))
REPEAT = repeats(3)
#: ``return``: the return-import figure alone (``JAMSOS_BENCH_SYNC_ONLY=return python -m bench sync``).
ONLY = os.environ.get("JAMSOS_BENCH_SYNC_ONLY", "")
TODAY = dt.date(2026, 11, 21)
CODE = "32.04.05.2005"
TABLES = ("village", "users", "programs", "workers", "assessments", "nominations", "nomination_events")


def _baseline_export(db_path: Path, key: bytes | None = None) -> int:
    conn = driver.connect(db_path, key)
    conn.row_factory = driver.DBAPI.Row
    try:
        data = {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t}")] for t in TABLES}
    finally:
        conn.close()
    text = json.dumps(data, default=str)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("payload.json", text)
    key = AESGCM.generate_key(bit_length=256)
    sealed = AESGCM(key).encrypt(os.urandom(12), buf.getvalue(), None)
    return len(sealed)


def _setup(root: Path) -> tuple[Workspace, keyfile.KeySet]:
    ws = Workspace.open(root / "data", create=True)
    village.init_village(ws, code=CODE, head_name="H. Dadang Suherman", year=2026)
    actor = users.default_actor(ws)
    t0 = time.perf_counter()
    demo.generate(ws, actor, N, seed=11, today=TODAY)
    print(f"   (setup: {N} demo workers in {time.perf_counter() - t0:.1f} s)", flush=True)
    district = keyfile.make_district_keys()
    pub = keyfile.public_key_file(district.public, name="Disnaker")
    keys.import_district_key(ws, actor, pub, district.public.fingerprint)
    return ws, district


def _sign_everyone(ws: Workspace) -> None:
    """Every worker gets a signed nomination (bench set-up only: raw SQL, not the services)."""
    conn = ws.db.raw_connection()
    try:
        conn.execute("BEGIN IMMEDIATE")
        pid = conn.execute("SELECT id FROM programs LIMIT 1").fetchone()[0]
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
        rows = conn.execute("SELECT id FROM workers WHERE deleted_at IS NULL").fetchall()
        first = conn.execute("SELECT value FROM counters WHERE name='change'").fetchone()[0] + 1
        conn.executemany(
            "INSERT INTO nominations (id, created_at, updated_at, version, change_seq, worker_id, program_id, "
            "status, months, monthly_contribution, score, decline_reason, kpj, result_reason) "
            "VALUES (?, ?, ?, 1, ?, ?, ?, 'signed', 12, 16800, 0, '', '', '')",
            [(f"{w[:24]}{i:012x}", now, now, first + i, w, pid) for i, (w,) in enumerate(rows)],
        )
        conn.execute("UPDATE workers SET status='signed'")
        conn.execute("UPDATE counters SET value = ? WHERE name='change'", (first + len(rows),))
        conn.execute("COMMIT")
    finally:
        conn.close()


def run() -> list[Figure]:
    root = Path(tempfile.mkdtemp(prefix="jamsos-bench-sync-"))
    try:
        return _run(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _export_figures(ws: Workspace, actor: Actor, out: Path) -> list[Figure]:
    figures: list[Figure] = []
    ours_t, base_t, sizes, base_sizes = [], [], [], []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        base_sizes.append(_baseline_export(ws.db.path, ws.db.key))
        base_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        r = sync.export(ws, actor, out, full=True)
        ours_t.append(time.perf_counter() - t0)
        sizes.append(r.export.size)
        r.path.unlink()
    ours, base = statistics.median(ours_t), statistics.median(base_t)
    figures.append(
        Figure(
            f"full export, {N:,} workers (workers/s)",
            N / ours,
            N / base,
            "workers/s",
            ">= 0.5x bare json+zip+AES-GCM",
            N / ours >= 0.5 * N / base,
        )
    )
    figures.append(Figure("  full export, seconds (median)", ours, base, "s", "informative", True))
    figures.append(
        Figure(
            "  full export, file size (MB)",
            statistics.median(sizes) / 1e6,
            statistics.median(base_sizes) / 1e6,
            "MB",
            "informative",
            True,
        )
    )
    return figures


def _run(root: Path) -> list[Figure]:
    ws, district = _setup(root)
    actor = users.default_actor(ws)
    out = root / "usb"
    out.mkdir()
    figures: list[Figure] = []

    if ONLY != "return":
        figures.extend(_export_figures(ws, actor, out))

    # -- import of a return file answering every worker ---------------------------------------
    _sign_everyone(ws)
    r = sync.export(ws, actor, out, full=False)
    t0 = time.perf_counter()
    x = read_export(r.path.read_bytes(), district_keys=district)
    open_t = time.perf_counter() - t0
    workers_v = {w["id"]: w["version"] for w in x.tables["workers"].records()}
    results = [
        dr.Result(
            n["id"],
            n["worker_id"],
            dr.REGISTERED,
            n["version"],
            workers_v[n["worker_id"]],
            n["export_seq"],
            f"{26000000000 + i:011d}",
            dt.date(2027, 1, 1),
            dt.date(2027, 12, 31),
        )
        for i, n in enumerate(x.tables["nominations"].records())
    ]
    ret = dr.write_return(
        district_keys=district,
        district_name="Disnaker",
        village_code=x.village_code,
        device_id=x.device_id,
        device_key=x.device_key,
        return_seq=1,
        answers_export_seq=x.seq,
        results=results,
        app_version="bench",
    ).data
    key = ws.db.key
    ws.close()
    db = paths.db_path(root / "data")
    pristine = root / "pristine.sqlite"
    driver.copy_file(db, pristine, key)
    imp_t, read_t = [], []
    for _ in range(REPEAT):
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(pristine, db)
        ws = Workspace.open(root / "data")
        actor = users.default_actor(ws)
        t0 = time.perf_counter()
        sync.read_return_file(ws, ret)
        read_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        res = sync.import_return(ws, actor, ret)
        imp_t.append(time.perf_counter() - t0)
        assert res.applied[dr.REGISTERED] == len(results), res
        ws.close()
    imp, read = statistics.median(imp_t), statistics.median(read_t)
    figures.append(
        Figure(
            f"import return file, {len(results):,} results (s, median)",
            imp,
            read,
            "s",
            "<= 2x verify+decrypt (issue 11)",
            imp <= 2 * read,
        )
    )
    print(f"   (return file {len(ret) / 1e6:.2f} MB; the district opened the export in {open_t:.2f} s)", flush=True)
    return figures

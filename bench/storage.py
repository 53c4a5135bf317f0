"""Storage figures: bulk insert of 100,000 demo workers, and worker search on 100,000 workers.

Baselines are measured in the same run on the same schema (same indexes and search triggers):
raw ``sqlite3.executemany`` of the same rows, and the same search SQL run bare through sqlite3.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jamsos_desktop.domain.worker import validate_worker
from jamsos_desktop.services import demo, users, village, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.services.workers import WorkerQuery
from jamsos_desktop.storage import worker_search, worker_store
from jamsos_desktop.storage.ids import new_id

from .common import Figure, percentile, scaled

N = scaled(100_000)
TODAY = dt.date(2026, 11, 21)
CODE = "32.04.05.2005"


def _fresh(root: Path, name: str) -> Workspace:
    ws = Workspace.open(root / name, create=True)
    village.init_village(ws, code=CODE, head_name="H. Dadang Suherman", year=2026)
    return ws


def _raw_rows(rows: list[dict[str, Any]]) -> tuple[str, list[tuple[Any, ...]]]:
    """The same workers, already normalized, as the tuples a hand-written importer would insert."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    out = []
    cols: list[str] = []
    for r in rows:
        d = asdict(validate_worker(r, reference=TODAY).data)  # type: ignore[arg-type]
        d["birth_date"] = d["birth_date"].isoformat()
        d |= {
            "id": new_id(),
            "name_key": d["name"].lower(),
            "status": "recorded",
            "created_at": now,
            "updated_at": now,
            "version": 1,
            "change_seq": 0,
        }
        cols = list(d)
        out.append(tuple(d.values()))
    sql = f"INSERT INTO workers ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    return sql, out


def bench_bulk_insert(root: Path, rows: list[dict[str, Any]], repeat: int = 3) -> Figure:
    sql, raw = _raw_rows(rows)
    ours_t, raw_t = [], []
    for i in range(repeat):
        ws = _fresh(root, f"raw{i}")
        conn = ws.db.raw_connection()
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, raw)
        conn.execute("COMMIT")
        raw_t.append(time.perf_counter() - t0)
        conn.close()
        ws.close()

        ws = _fresh(root, f"ours{i}")
        actor = users.default_actor(ws)
        t0 = time.perf_counter()
        res = workers.bulk_add_workers(ws, actor, rows, today=TODAY)
        ours_t.append(time.perf_counter() - t0)
        assert res.added == len(rows), res.rejected[:3]
        ws.close()
    ours_rate = len(rows) / sorted(ours_t)[len(ours_t) // 2]
    raw_rate = len(rows) / sorted(raw_t)[len(raw_t) // 2]
    return Figure(
        f"bulk insert {len(rows):,} workers (validated, audited)",
        ours_rate,
        raw_rate,
        "rows/s",
        "target >= 0.5x",
        ours_rate >= 0.5 * raw_rate,
    )


def _bare_sql(ws: Workspace, q: WorkerQuery) -> tuple[str, dict[str, Any]]:
    """The SQL the service settles on for this query (same plan), to run bare through sqlite3."""
    with ws.reading() as s:
        plan = worker_search.query_plan(s, q)
    sql = (
        f"SELECT {worker_store.ROW_COLUMNS} FROM {plan.source} WHERE {plan.where} "
        "ORDER BY w.name_key ASC, w.id ASC LIMIT :limit OFFSET 0"
    )
    return sql, plan.params | {"limit": q.limit}


def bench_search(ws: Workspace, kind: str, queries: list[str]) -> list[Figure]:
    conn = ws.db.raw_connection()  # the same driver and key, without the app around it
    ours, bare = [], []
    for q in queries:  # warm both paths once
        workers.list_workers(ws, WorkerQuery(search=q, limit=50))
    for q in queries:
        wq = WorkerQuery(search=q, limit=50)
        sql, params = _bare_sql(ws, wq)
        t0 = time.perf_counter()
        conn.execute(sql, params).fetchall()
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        workers.list_workers(ws, wq)
        ours.append(time.perf_counter() - t0)
    conn.close()
    med_o, med_b = percentile(ours, 50) * 1e3, percentile(bare, 50) * 1e3
    p95_o, p95_b = percentile(ours, 95) * 1e3, percentile(bare, 95) * 1e3
    return [
        Figure(f"search by {kind}, median", med_o, med_b, "ms", "", True),
        Figure(
            f"search by {kind}, p95",
            p95_o,
            p95_b,
            "ms",
            "target <= 2x and <= 16 ms",
            p95_o <= 2 * p95_b and p95_o <= 16,
        ),
    ]


def run() -> list[Figure]:
    root = Path(tempfile.mkdtemp(prefix="jamsos-bench-"))
    try:
        rows = list(demo.demo_rows(CODE, N + 2_000, seed=11, today=TODAY))
        seen: set[str] = set()
        unique = []
        for r in rows:  # the demo adds repeats on purpose; the benchmark wants N clean rows
            if r["nik"] not in seen and len(unique) < N:
                seen.add(r["nik"])
                unique.append(r)
        figs = [bench_bulk_insert(root, unique)]
        ws = _fresh(root, "search")
        workers.bulk_add_workers(ws, users.default_actor(ws), unique, today=TODAY)
        rnd = random.Random(5)
        names = [r["name"] for r in rnd.sample(unique, min(300, len(unique)))]
        prefixes = [n.split()[rnd.randrange(len(n.split()))][: rnd.randint(2, 5)] for n in names]
        niks = [r["nik"][: rnd.choice((6, 10, 16))] for r in rnd.sample(unique, min(300, len(unique)))]
        figs += bench_search(ws, "name prefix", prefixes)
        figs += bench_search(ws, "NIK (prefix or whole)", niks)
        ws.close()
        return figs
    finally:
        shutil.rmtree(root, ignore_errors=True)

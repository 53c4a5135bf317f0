"""Hub figures: importing 200 village files holding 200,000 workers, re-importing them, and the status.

The files are real sync files: synthetic contract rows (a village, its program, 1,000 workers,
50 nominations each), sealed by the village writer (``sync/village_export.write_export``:
signed by the village device, encrypted for the district key). Writing 200 of them takes a
while, so they are made once and kept in a temporary folder named after their parameters
(reused by the next run; delete it to make them again).

Baselines, in the same run, on the same rows into the same (empty, freshly migrated) tables:

- PostgreSQL: a bare ``COPY`` of every row, already decrypted and in the tables' column order,
  one ``COPY`` per table, in one transaction. Ours is the whole ``hub import``: per file, read,
  verify the signature, decrypt, parse, check, then ``COPY`` into staging and one upsert per
  table, in one transaction per file, with the audit entry.
- SQLite: a bare ``executemany`` of plain ``INSERT`` of the same rows, one transaction. Ours is
  the whole import with its ``executemany`` upsert, one transaction per file (each commit a
  ``synchronous=FULL`` fsync).

Ours applies a village's first rows by ``COPY`` straight into the tables and a table's few rows
inline in the upsert (``hub/storage/ingest.py``); SQLite batches about a second of files per
transaction, each file in a savepoint. The baseline is unchanged by either: the same rows, the same
tables, one bare ``COPY`` (or ``executemany``) per table.

Figures are rows per second (all records of the files), ours over the baseline's (target
>= 0.5x), with the CPU seconds of this process beside (the rest is the server's and waiting); the re-import of the same 200 files (all "already imported") over the first import's
time (<= 10%); ``hub status`` over the 200 villages (<= 200 ms). Medians of REPEAT runs.
PostgreSQL runs when JAMSOS_TEST_PG_URL (or JAMSOS_BENCH_PG_URL) names a server.

    JAMSOS_TEST_PG_URL=postgresql+psycopg://jamsos:jamsos@127.0.0.1:5432/jamsos_test python -m bench hub
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import imports, status
from jamsos_desktop.hub import users as hub_users
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import ingest
from jamsos_desktop.sync import contract, keyfile
from jamsos_desktop.sync.crypto import KeySet
from jamsos_desktop.sync.village_export import Table, read_export, write_export

from .common import Figure, repeats, scaled

VILLAGES = scaled(int(os.environ.get("JAMSOS_BENCH_HUB_VILLAGES", "200")), 3)
PER_VILLAGE = scaled(int(os.environ.get("JAMSOS_BENCH_HUB_WORKERS", "1000")), 40)
NOMINATED = PER_VILLAGE // 20
REPEAT = repeats(int(os.environ.get("JAMSOS_BENCH_HUB_REPEAT", "3")))
PG_URL = os.environ.get("JAMSOS_BENCH_PG_URL") or os.environ.get("JAMSOS_TEST_PG_URL")
STAMP = "2026-11-21T08:00:00.000000"
CATEGORIES = ("petani", "buruh tani", "nelayan", "pedagang kecil", "guru ngaji", "linmas", "kader PKK")
FIRST = ("Siti", "Budi", "Dewi", "Agus", "Rina", "Asep", "Euis", "Dadang", "Nur", "Yayan", "Tati", "Ujang")
LAST = ("Aminah", "Santoso", "Lestari", "Hidayat", "Marlina", "Suherman", "Rahayu", "Kurnia", "Saputra")


def _sync_values(rnd: random.Random, change: int) -> dict[str, Any]:
    return {
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": rnd.randint(1, 3),
        "deleted_at": None,
        "change_seq": change,
        "created_by": None,
        "updated_by": None,
    }


def _row(rec: contract.Record, values: dict[str, Any]) -> list[Any]:
    return [values[f.name] for f in rec.fields]


def village_tables(i: int, rnd: random.Random) -> tuple[str, str, dict[str, Table]]:
    """One synthetic village: its code, its device, and its records as the contract lists them."""
    c = contract.CONTRACTS[contract.CURRENT]
    kec = 1 + i // 10
    code = f"32.04.{kec:02d}.{2001 + i % 10:04d}"
    digits = code.replace(".", "")
    device = str(uuid.UUID(int=rnd.getrandbits(128)))
    change = 0

    def nxt() -> int:
        nonlocal change
        change += 1
        return change

    village = {
        "code": code, "name": f"Desa {i:03d}", "kind": "desa", "district_name": f"Kecamatan {kec:02d}",
        "regency_name": "Kabupaten Bandung", "province_name": "Jawa Barat", "postal_code": None,
        "head_title": "Kepala Desa", "head_name": "H. Kepala", "operator_name": "Operator", "office_address": "",
        "emblem_sha256": None, "device_id": device, "id": str(uuid.UUID(int=rnd.getrandbits(128))),
        **_sync_values(rnd, nxt()),
    }  # fmt: skip
    program_id = str(uuid.UUID(int=rnd.getrandbits(128)))
    program = {
        "year": 2026, "name": "Program 2026", "funding_source": "APBDes", "months": 12, "quota": 100,
        "budget_ceiling": None, "contribution_mode": "lowest_band", "include_jht": False,
        "bands": [[0, 1000000]], "rules": {"age_min": 18}, "ranking_weights": {"dtks": 3},
        "rule_set_version": 1, "reference_date": "2026-01-01", "active": True, "id": program_id,
        **_sync_values(rnd, nxt()),
    }  # fmt: skip
    workers = []
    nominations = []
    for k in range(PER_VILLAGE):
        wid = str(uuid.UUID(int=rnd.getrandbits(128)))
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        day = rnd.randint(1, 28)
        w = {
            "nik": f"{digits[:6]}{day:02d}{rnd.randint(1, 12):02d}{rnd.randint(60, 99):02d}{k + 1:04d}",
            "kk": f"{digits[:6]}{rnd.randint(10**9, 10**10 - 1)}", "name": name, "name_key": name.lower(),
            "birth_place": "Bandung", "birth_date": f"19{rnd.randint(60, 99)}-{rnd.randint(1, 12):02d}-{day:02d}",
            "sex": rnd.choice("LP"), "address": f"Kp. Sukamaju No. {k}", "dusun": "Sukamaju",
            "rt": f"{rnd.randint(1, 9):03d}", "rw": f"{rnd.randint(1, 5):03d}", "phone": "",
            "occupation_code": rnd.randint(1, 80), "category": rnd.choice(CATEGORIES),
            "income": rnd.randrange(0, 3_000_000, 100_000), "heir_name": "Ahli Waris", "heir_relation": "istri",
            "heir_phone": "", "dtks": rnd.random() < 0.4, "bpjs_active": False, "kpj": "", "resident": True,
            "notes": "", "status": "recorded", "id": wid, **_sync_values(rnd, nxt()),
        }  # fmt: skip
        if k < NOMINATED:
            w["status"] = "exported"
            nominations.append({
                "worker_id": wid, "program_id": program_id, "status": "exported", "months": 12,
                "monthly_contribution": 16800, "score": rnd.randint(0, 10), "rank": k + 1, "decided_by": None,
                "decided_at": STAMP, "decline_reason": "", "printed_at": STAMP, "signed_at": STAMP,
                "signed_scan_sha256": None, "export_seq": 1, "kpj": "", "coverage_start": None,
                "coverage_end": None, "result_reason": "", "id": str(uuid.UUID(int=rnd.getrandbits(128))),
                **_sync_values(rnd, nxt()),
            })  # fmt: skip
        workers.append(w)
    tables = {
        "village": Table(c.record("village").names, [_row(c.record("village"), village)]),
        "programs": Table(c.record("programs").names, [_row(c.record("programs"), program)]),
        "workers": Table(c.record("workers").names, [_row(c.record("workers"), w) for w in workers]),
        "nominations": Table(c.record("nominations").names, [_row(c.record("nominations"), n) for n in nominations]),
    }
    return code, device, tables


def make_files(folder: Path) -> tuple[KeySet, list[Path]]:
    """The district key and the 200 sealed files (made once, kept in ``folder``)."""
    done = folder / "complete"
    key_path = folder / "district-private.json"
    if done.exists():
        _info, keys = keyfile.read_private_key_file(key_path.read_bytes())
        return keys, sorted(folder.glob("*.jamsync"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    district = keyfile.make_district_keys()
    key_path.write_bytes(keyfile.private_key_file(district, name="Bench", region_code="32.04"))
    rnd = random.Random(2026)
    for i in range(VILLAGES):
        code, device, tables = village_tables(i, rnd)
        sealed = write_export(
            device_keys=KeySet.generate(), village_code=code, village_name=f"Desa {i:03d}", device_id=device,
            seq=1, full=True, change_from=0, change_to=PER_VILLAGE + NOMINATED + 2, tables=tables,
            exported_nominations=NOMINATED, district=district.public, app_version="bench", schema_version="0006",
        )  # fmt: skip
        (folder / f"JAMSOS_{code.replace('.', '')}_{device[-8:]}_000001.jamsync").write_bytes(sealed.data)
    done.write_text("ok")
    return district, sorted(folder.glob("*.jamsync"))


def prepared_rows(files: list[Path], keys: KeySet, dialect: str) -> dict[str, list[list[Any]]]:
    """Every file's records decrypted and in the hub tables' column order (the baselines' input)."""
    out: dict[str, list[list[Any]]] = {}
    for i, p in enumerate(files):
        x = read_export(p.read_bytes(), district_keys=keys)
        for rec in x.contract.records:
            t = x.tables.get(rec.name)
            if t is not None:
                out.setdefault(rec.name, []).extend(
                    ingest.build_rows(
                        rec.name, rec, t.columns, t.rows, village_code=x.village_code, file_id=i + 1, dialect=dialect
                    )
                )
    return out


# --- the engines ---------------------------------------------------------------------------------


class Engine:
    name: str

    def fresh(self) -> str:
        raise NotImplementedError

    def drop(self, url: str) -> None:
        raise NotImplementedError

    def bare(self, url: str, rows: dict[str, list[list[Any]]]) -> None:
        raise NotImplementedError


class SQLite(Engine):
    name = "SQLite"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.n = 0

    def fresh(self) -> str:
        self.n += 1
        return f"sqlite:///{self.root / f'hub-{self.n}.sqlite'}"

    def drop(self, url: str) -> None:
        path = Path(url.removeprefix("sqlite:///"))
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)

    def bare(self, url: str, rows: dict[str, list[list[Any]]]) -> None:
        from jamsos_desktop.storage import driver

        conn = driver.connect(Path(url.removeprefix("sqlite:///")))
        try:
            conn.execute("BEGIN")
            for name, rs in rows.items():
                conn.executemany(ingest.insert_sql(name), rs)
            conn.execute("COMMIT")
        finally:
            conn.close()


class Postgres(Engine):
    name = "PostgreSQL"

    def __init__(self, url: str) -> None:
        self.url = url
        self.admin = create_engine(url)

    def fresh(self) -> str:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with self.admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in self.url else "?"
        return f"{self.url}{sep}options=-csearch_path%3D{schema}"

    def drop(self, url: str) -> None:
        schema = url.rsplit("%3D", 1)[1]
        with self.admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

    def bare(self, url: str, rows: dict[str, list[list[Any]]]) -> None:
        engine = create_engine(url)
        try:
            raw = engine.raw_connection()
            try:
                conn: Any = raw.driver_connection
                with conn.cursor() as cur:
                    for name, rs in rows.items():
                        with cur.copy(ingest.copy_sql(name)) as cp:
                            for r in rs:
                                cp.write_row(r)
                conn.commit()
            finally:
                raw.close()
        finally:
            engine.dispose()


def _hub(url: str) -> tuple[Hub, Actor]:
    h = Hub.open(url)
    clerk = hub_users.add_user(h, None, username="clerk", full_name="Clerk", role="clerk", password="bench-password")
    return h, clerk


def _timed(fn: Callable[[], object], cpu: list[float] | None = None) -> float:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    if cpu is not None:
        cpu.append(time.process_time() - c0)
    return time.perf_counter() - t0


def _import_run(url: str, files: list[Path], keys: KeySet, cpu: list[float]) -> tuple[float, float, list[float]]:
    """A fresh hub: the first import, the same files again, then ``hub status`` five times."""
    h, clerk = _hub(url)
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        out = imports.import_files(h, clerk, files, keys)
        first = time.perf_counter() - t0
        cpu.append(time.process_time() - c0)
        assert [o.outcome for o in out] == [imports.IMPORTED] * len(files), {o.code for o in out}
        t0 = time.perf_counter()
        again = imports.import_files(h, clerk, files, keys)
        second = time.perf_counter() - t0
        assert {o.outcome for o in again} == {imports.ALREADY}
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            st = status.hub_status(h)
            times.append(time.perf_counter() - t0)
        assert len(st.villages) == len(files)
        assert st.regency.workers == len(files) * PER_VILLAGE
        return first, second, times
    finally:
        h.close()


def bench_engine(eng: Engine, files: list[Path], keys: KeySet) -> Iterator[Figure]:
    dialect = "postgresql" if isinstance(eng, Postgres) else "sqlite"
    rows = prepared_rows(files, keys, dialect)
    total = sum(len(r) for r in rows.values())
    base_t, ours_t, again_t, status_t = [], [], [], []
    base_cpu: list[float] = []
    ours_cpu: list[float] = []
    for _ in range(REPEAT):
        url = eng.fresh()
        try:
            Hub.open(url).close()  # migrated, empty
            base_t.append(_timed(lambda u=url: eng.bare(u, rows), base_cpu))  # type: ignore[misc]
        finally:
            eng.drop(url)
        url = eng.fresh()
        try:
            first, again, stat = _import_run(url, files, keys, ours_cpu)
            ours_t.append(first)
            again_t.append(again)
            status_t += stat
        finally:
            eng.drop(url)
    base, ours, again_m, status_m = (statistics.median(x) for x in (base_t, ours_t, again_t, status_t))
    what = "bare COPY" if dialect == "postgresql" else "bare executemany"
    yield Figure(
        f"{eng.name}: import {len(files)} files, {total:,} rows, rows/s vs {what}",
        total / ours, total / base, "rows/s", ">= 0.5x", total / ours >= 0.5 * total / base,
    )  # fmt: skip
    yield Figure(f"  {eng.name}: first import, seconds", ours, base, "s", "informative", True)
    yield Figure(
        f"  {eng.name}: first import, this process's CPU seconds", statistics.median(ours_cpu),
        statistics.median(base_cpu), "s", "informative", True,
    )  # fmt: skip
    yield Figure(
        f"  {eng.name}: re-import of the same files vs first import", again_m, ours, "s", "<= 0.10x",
        again_m <= 0.10 * ours,
    )  # fmt: skip
    yield Figure(
        f"  {eng.name}: hub status over {VILLAGES} villages (200 ms budget)", status_m * 1000, 200.0, "ms",
        "<= 1.0x", status_m <= 0.2,
    )  # fmt: skip


def run() -> list[Figure]:
    folder = Path(tempfile.gettempdir()) / f"jamsos-bench-hub-{VILLAGES}x{PER_VILLAGE}-v{contract.CURRENT}"
    t0 = time.perf_counter()
    keys, files = make_files(folder)
    print(f"   ({len(files)} files ready in {time.perf_counter() - t0:.1f} s, in {folder})", flush=True)
    figs: list[Figure] = []
    root = Path(tempfile.mkdtemp(prefix="jamsos-bench-hub-"))
    try:
        figs += bench_engine(SQLite(root), files, keys)
        if PG_URL:
            figs += bench_engine(Postgres(PG_URL), files, keys)
        else:
            print("   (PostgreSQL skipped: set JAMSOS_TEST_PG_URL)", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return figs


if __name__ == "__main__":
    for f in run():
        print(f.line())

"""Duplicate detection over 200,000 nominated workers of 200 villages, on SQLite and PostgreSQL.

Target: ``hub duplicates`` (read, score, store) in at most 5 s on each engine. The baseline is
a bare read of the same columns of the same rows (what no detection can do without), so the
ratio says what the rules and the storing cost on top of reading.

The people: random names of two or three words, birth dates over 45 years, 1% of them nominated
again in another village under the same NIK, 0.5% under another NIK with the same KK and birth
date, 0.5% with a name one letter off. PostgreSQL runs when JAMSOS_TEST_PG_URL is set.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, select, text

from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import duplicates
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models

from .common import Figure, repeats, scaled

N = scaled(int(os.environ.get("BENCH_HUB_WORKERS", "200000")), 400)
VILLAGES = scaled(200, 4)
REPEAT = repeats(3)
TARGET_S = 5.0
SYLLABLES = [
    "a",
    "i",
    "u",
    "e",
    "o",
    "ka",
    "ki",
    "ku",
    "se",
    "so",
    "ta",
    "ti",
    "tu",
    "na",
    "ni",
    "nu",
    "ma",
    "mi",
    "mu",
    "ra",
    "ri",
    "ru",
    "da",
    "di",
    "du",
    "ja",
    "ju",
    "wa",
    "wi",
    "ya",
    "yu",
    "ha",
    "hi",
    "su",
    "sa",
]
NOW = dt.datetime(2026, 11, 20, 8, 0)
CLERK = Actor(None, "bench", "Bench", "clerk")


def _name(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(2, 3)))


def _typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(len(name))
    return name[:i] + ("a" if name[i] != "a" else "e") + name[i + 1 :]


def _people(rng: random.Random) -> list[dict[str, Any]]:
    codes = [f"32.04.{1 + i // 20:02d}.{2001 + i % 20}" for i in range(VILLAGES)]
    base = dt.date(1961, 1, 1)
    out: list[dict[str, Any]] = []
    while len(out) < N:
        code = codes[len(out) % VILLAGES]
        birth = base + dt.timedelta(days=rng.randrange(45 * 365))
        sex = rng.choice("LP")
        nik = f"3204{rng.randrange(100):02d}{birth.day + (40 if sex == 'P' else 0):02d}{birth:%m%y}{rng.randrange(1, 9999):04d}"
        kk = f"3204{rng.randrange(100):02d}{rng.randrange(10**10):010d}"
        name = _name(rng)
        out.append({"village_code": code, "nik": nik, "kk": kk, "name": name, "birth_date": birth, "sex": sex})
        roll = rng.random()
        if roll < 0.02 and len(out) < N:
            other = codes[(len(out) + 1 + rng.randrange(VILLAGES - 1)) % VILLAGES]
            twin = dict(out[-1], village_code=other)
            if roll < 0.01:
                pass  # the same NIK again
            elif roll < 0.015:
                twin["nik"] = nik[:-4] + f"{(int(nik[-4:]) % 9998) + 1:04d}"
            else:
                twin["nik"] = nik[:-4] + f"{(int(nik[-4:]) % 9997) + 2:04d}"
                twin["kk"] = kk[:-1] + "9"
                twin["name"] = _typo(name, rng)
            out.append(twin)
    return out[:N]


def _fill(hub: Hub, people: list[dict[str, Any]]) -> None:
    sync = {"created_at": NOW, "updated_at": NOW, "version": 1, "change_seq": 1, "file_id": 1}
    pid = str(uuid.uuid4())
    wrows, nrows = [], []
    for p in people:
        wid = str(uuid.uuid4())
        wrows.append({**sync, **p, "id": wid, "name_key": p["name"], "category": "petani", "status": "exported"})
        nrows.append(
            {
                **sync,
                "village_code": p["village_code"],
                "id": str(uuid.uuid4()),
                "worker_id": wid,
                "program_id": pid,
                "status": "exported",
                "months": 12,
                "monthly_contribution": 16800,
                "export_seq": 1,
            }
        )
    with hub.store.write(None) as s:
        for i in range(0, len(wrows), 5000):
            s.execute(insert(models.workers), wrows[i : i + 5000])
            s.execute(insert(models.nominations), nrows[i : i + 5000])


def _bare_read(hub: Hub) -> None:
    w = models.workers
    with hub.reading() as s:
        s.execute(select(w.c.village_code, w.c.id, w.c.nik, w.c.kk, w.c.name_key, w.c.birth_date, w.c.sex)).all()


def _measure(label: str, url: str, people: list[dict[str, Any]]) -> list[Figure]:
    hub = Hub.open(url)
    try:
        t0 = time.perf_counter()
        _fill(hub, people)
        print(f"   ({label}: {N:,} workers written in {time.perf_counter() - t0:.1f} s)", flush=True)
        base, ours, found = [], [], 0
        for i in range(REPEAT):
            t0 = time.perf_counter()
            _bare_read(hub)
            base.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            res = duplicates.detect(hub, CLERK)
            ours.append(time.perf_counter() - t0)
            found = res.candidates
            if i == 0:
                print(f"   ({label}: first run stored {res.new:,} candidates {res.by_rule})", flush=True)
        o, b = statistics.median(ours), statistics.median(base)
        return [
            Figure(
                f"hub duplicates, {N:,} workers, {label} ({found:,} found) (s)",
                o,
                b,
                "s",
                f"target <= {TARGET_S:g} s",
                o <= TARGET_S,
            )
        ]
    finally:
        hub.close()


def run() -> list[Figure]:
    people = _people(random.Random(17))
    figures: list[Figure] = []
    root = Path(tempfile.mkdtemp(prefix="jamsos-bench-dups-"))
    try:
        figures += _measure("SQLite", f"sqlite:///{root / 'hub.sqlite'}", people)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    pg = os.environ.get("JAMSOS_TEST_PG_URL")
    if pg:
        schema = f"bench_dups_{uuid.uuid4().hex[:8]}"
        admin = create_engine(pg)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            sep = "&" if "?" in pg else "?"
            figures += _measure("PostgreSQL", f"{pg}{sep}options=-csearch_path%3D{schema}", people)
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    return figures


if __name__ == "__main__":
    for fig in run():
        print(fig.line())

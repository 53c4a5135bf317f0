"""A realistic demo village: valid NIKs for its own region, plausible names, ages and work.

Some workers are ineligible (civil servants, students, too old, already covered) and some rows
repeat a NIK or a person, so that the checks have something to catch.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..domain import identity
from .context import Actor, Workspace
from .village import get_village
from .workers import Progress, bulk_add_workers

MALE = (
    "Asep",
    "Dedi",
    "Ujang",
    "Agus",
    "Budi",
    "Joko",
    "Slamet",
    "Wahyu",
    "Ahmad",
    "Muhammad",
    "Rudi",
    "Hendra",
    "Iwan",
    "Yusuf",
    "Dadang",
    "Cecep",
    "Ade",
    "Eko",
    "Bambang",
    "Sutrisno",
    "Rahmat",
    "Irfan",
    "Dodi",
    "Komarudin",
    "Nandang",
    "Engkos",
    "Aceng",
    "Yayan",
    "Deden",
    "Jajang",
    "Heri",
    "Sugeng",
    "Teguh",
    "Imam",
    "Fajar",
    "Rizki",
    "Andi",
    "Wawan",
    "Tatang",
    "Oman",
)
FEMALE = (
    "Siti",
    "Nur",
    "Sri",
    "Dewi",
    "Yanti",
    "Euis",
    "Neng",
    "Imas",
    "Tuti",
    "Rina",
    "Ani",
    "Wati",
    "Lilis",
    "Entin",
    "Iis",
    "Aminah",
    "Fatimah",
    "Rohmah",
    "Ratna",
    "Yati",
    "Nining",
    "Cucu",
    "Popon",
    "Elis",
    "Titin",
    "Atikah",
    "Nurul",
    "Ayu",
    "Intan",
    "Rukmini",
    "Sumarni",
    "Eti",
)
FAMILY = (
    "Hidayat",
    "Saputra",
    "Suryana",
    "Rohman",
    "Sulaeman",
    "Permana",
    "Kurniawan",
    "Setiawan",
    "Nurhayati",
    "Rahayu",
    "Lestari",
    "Wulandari",
    "Susanti",
    "Hasanah",
    "Maryati",
    "Solihin",
    "Supriatna",
    "Mulyana",
    "Gunawan",
    "Firmansyah",
    "Hermawan",
    "Ramdani",
    "Sopandi",
    "Hamdani",
    "Nurjanah",
    "Kusnadi",
    "Rusmana",
    "Wijaya",
    "Pratama",
    "Maulana",
    "Ruhiyat",
    "Sumarna",
)
DUSUN = ("Sukamaju", "Sukasari", "Cibeureum", "Babakan", "Mekarsari", "Margahayu", "Karanganyar", "Pasirjati")
PLACES = ("Bandung", "Garut", "Sumedang", "Tasikmalaya", "Cianjur", "Ciamis", "Majalengka", "Kuningan")

# (KTP occupation code, village category, weight)
WORK = (
    (9, "petani", 22),
    (20, "buruh_tani", 12),
    (84, "pedagang_kecil", 9),
    (19, "tukang_bangunan", 6),
    (88, "pedagang_kecil", 6),
    (11, "nelayan", 3),
    (81, "tukang_ojek", 7),
    (26, "tukang_bangunan", 4),
    (45, "guru_ngaji", 4),
    (41, "marbot_masjid", 2),
    (2, "kader_pkk", 4),
    (85, "perangkat_desa", 2),
    (89, "linmas", 2),
    (10, "petani", 3),
    (30, "lainnya", 2),
    (19, "pemulung", 1),
    (89, "rt_rw", 2),
    # Ineligible by the default rules:
    (5, "lainnya", 3),
    (15, "lainnya", 4),
    (3, "lainnya", 3),
    (4, "lainnya", 2),
)
RELATIONS = ("Istri", "Suami", "Anak", "Orang tua", "Saudara kandung")


def _relation(drawn: str, sex: str) -> str:
    """A spouse as the worker's sex has it; the draw itself stays, so a seed gives the same people."""
    if drawn in ("Istri", "Suami"):
        return "Istri" if sex == "L" else "Suami"
    return drawn


@dataclass(frozen=True, slots=True)
class DemoResult:
    added: int
    duplicates_caught: int
    warnings: int
    rejected_messages: tuple[str, ...]


def demo_rows(village_code: str, n: int, *, seed: int = 2026, today: dt.date | None = None) -> Iterator[dict[str, Any]]:
    """``n`` distinct workers, plus about 1 % more rows that repeat an earlier NIK (to be caught)
    and 0.5 % that repeat a person under another NIK (to be warned about)."""
    rnd = random.Random(seed)
    day = today or dt.date.today()
    district6 = identity.normalize_number(village_code)[:6]
    regency4 = district6[:4]
    dusun = DUSUN[: 4 + seed % 4]
    works, weights = [(c, k) for c, k, _ in WORK], [w for _, _, w in WORK]
    used: set[str] = set()
    made: list[dict[str, Any]] = []
    kk_serial = 0
    household: list[Any] = []
    while len(made) < n:
        if made and rnd.random() < 0.01:
            dup = dict(rnd.choice(made))
            dup["name"] = dup["name"].upper()  # typed again, from another list
            yield dup
            continue
        if not household or rnd.random() < 0.55:
            kk_serial += 1
            issued = day - dt.timedelta(days=rnd.randint(200, 9000))
            kk = f"{district6}{issued:%d%m%y}{kk_serial % 9999 + 1:04d}"
            household = [kk, rnd.choice(dusun), rnd.randint(1, 12), rnd.randint(1, 6), rnd.choice(FAMILY)]
        kk, home_dusun, rt, rw, family = household
        sex = "P" if rnd.random() < 0.42 else "L"
        code, category = rnd.choices(works, weights)[0]
        if code == 3:
            age = rnd.randint(15, 22)
        elif code == 4:
            age = rnd.randint(58, 75)
        else:
            age = max(16, min(80, int(rnd.gauss(42, 13))))
        born = day - dt.timedelta(days=age * 365 + rnd.randint(0, 364))
        roll = rnd.random()
        prefix = district6 if roll < 0.93 else (f"{regency4}{rnd.randint(1, 30):02d}" if roll < 0.98 else "337401")
        while True:
            nik = identity.make_nik(prefix, born, sex, rnd.randint(1, 9999))
            if nik not in used:
                used.add(nik)
                break
        first = rnd.choice(FEMALE if sex == "P" else MALE)
        name = f"{first} {family}" if rnd.random() < 0.8 else f"{first} {rnd.choice(FAMILY)}"
        has_heir = rnd.random() < 0.9
        covered = rnd.random() < 0.04
        row: dict[str, Any] = {
            "nik": nik,
            "kk": kk,
            "name": name,
            "birth_place": rnd.choice(PLACES),
            "birth_date": born,
            "sex": sex,
            "dusun": home_dusun,
            "rt": str(rt),
            "rw": str(rw),
            "occupation": code,
            "category": category,
            "income": rnd.randrange(400_000, 3_600_000, 50_000),
            "phone": f"08{rnd.choice('1257')}{rnd.randint(10**8, 10**9 - 1)}" if rnd.random() < 0.7 else "",
            "heir_name": f"{rnd.choice(FEMALE if sex == 'L' else MALE)} {family}" if has_heir else "",
            "heir_relation": _relation(rnd.choice(RELATIONS), sex) if has_heir else "",
            "dtks": rnd.random() < 0.35,
            "bpjs_active": covered,
            "kpj": f"{rnd.randint(10**10, 10**11 - 1)}" if covered else "",
            "resident": rnd.random() > 0.02,
            "address": f"Kp. {home_dusun} RT {rt:03d}/RW {rw:03d}",
            # Every demo worker gave consent (UU 27/2022) in the last four weeks, so the demo
            # nominates; a day from the row's place, not from ``rnd``, keeps the data as they were.
            "consent_date": day - dt.timedelta(days=len(made) % 28),
        }
        made.append(row)
        yield row
        if rnd.random() < 0.005:
            twin = dict(row)  # same person typed with a different NIK: warned, not blocked
            twin["nik"] = identity.make_nik(prefix, born, sex, rnd.randint(1, 9999))
            if twin["nik"] not in used and len(made) < n:
                used.add(twin["nik"])
                made.append(twin)
                yield twin


def generate(
    ws: Workspace,
    actor: Actor,
    workers: int,
    *,
    seed: int = 2026,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoResult:
    village = get_village(ws)
    rows = list(demo_rows(village.code, workers, seed=seed, today=today))
    result = bulk_add_workers(ws, actor, rows, all_or_nothing=False, today=today, progress=progress)
    return DemoResult(
        added=result.added,
        duplicates_caught=len(result.rejected),
        warnings=result.warnings,
        rejected_messages=tuple(
            f"baris {r.row}: " + "; ".join(f"{i.message()} [{i.code}]" for i in r.errors)
            for r in result.rows
            if r.errors
        )[:5],
    )

"""Timing helpers: medians of repeated runs (the machine is shared and noisy)."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

#: ``JAMSOS_BENCH_SCALE=0.002`` runs every figure on a sliver of its rows, once: how the test suite
#: proves ``make bench`` still runs from start to end (the figures then mean nothing).
SCALE = float(os.environ.get("JAMSOS_BENCH_SCALE", "1"))


def scaled(n: int, least: int = 30) -> int:
    """``n`` rows, or at the test suite's small scale a sliver of them (at least ``least``)."""
    return n if SCALE >= 1 else max(least, int(n * SCALE))


def repeats(n: int) -> int:
    """How often a figure is timed: ``n``, or once at the small scale."""
    return n if SCALE >= 1 else 1


@dataclass
class Figure:
    name: str
    ours: float
    baseline: float
    unit: str
    target: str
    ok: bool

    def line(self) -> str:
        return (
            f"{self.name:<58} ours {self.ours:10.4g} {self.unit:<10} baseline {self.baseline:10.4g}  "
            f"ratio {self.ours / self.baseline if self.baseline else float('nan'):6.2f}  {self.target} "
            f"[{'OK' if self.ok else 'MISS'}]"
        )


def median_time(fn: Callable[[], object], repeat: int = 5, setup: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]

"""The cyclic garbage collector paused around bulk work that makes many short-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off while hundreds of thousands of rows or tuples are made (an import's
    plan, the hub's duplicate scoring): none of them forms a cycle, so reference counting frees
    them all, and each of the collector's passes walks every object the process holds (a third of
    a dry run's time, half of the scoring's). Never held across a ``yield`` to the app's loop."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()

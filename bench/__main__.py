"""Runs every benchmark module and prints each figure as a ratio against its same-run baseline.

`python -m bench [name ...]` runs only the named modules.
"""

from __future__ import annotations

import importlib
import sys

MODULES = ("storage", "reports", "sync", "ui", "nominate", "hub", "hub_duplicates", "importing", "crypto")


def main(argv: list[str]) -> int:
    chosen = argv or list(MODULES)
    for name in chosen:
        try:
            mod = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.{name}":
                continue
            raise
        print(f"== {name}", flush=True)
        for fig in mod.run():
            print(fig.line(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

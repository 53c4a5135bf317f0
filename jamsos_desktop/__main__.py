"""`python -m jamsos_desktop`: the desktop app (until it exists, the command line's help)."""

from __future__ import annotations

import sys


def main() -> int:
    import importlib

    if any(arg in sys.argv for arg in ("--smoke-test", "--smoke-start")):
        from . import smoke  # the bundle's self-test (jamsos_desktop/smoke.py)

        return smoke.main(sys.argv)

    if "--hub" in sys.argv:  # the district mode: the clerk's window over the district hub
        from .ui import hub_window

        return hub_window.main(sys.argv)

    try:
        gui = importlib.import_module("jamsos_desktop.app")
    except ModuleNotFoundError:
        from .cli.main import main as cli_main

        return cli_main(["--help"]) if len(sys.argv) <= 1 else cli_main(sys.argv[1:])
    code: int = gui.main(sys.argv)
    return code


if __name__ == "__main__":
    raise SystemExit(main())

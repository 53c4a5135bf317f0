"""Where the data lives: the user data directory, unless --data-dir or JAMSOS_DATA_DIR says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "JAMSOS Desktop"
APP_AUTHOR = "JAMSOS"
DB_FILE = "jamsos.sqlite"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get("JAMSOS_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def db_path(directory: Path) -> Path:
    return directory / DB_FILE


def log_dir(directory: Path) -> Path:
    return directory / "logs"


def backup_dir(directory: Path) -> Path:
    return directory / "backups"


def resources_dir() -> Path:
    """The top-level resources/ folder (fonts, icons, translations, emblem), also inside a PyInstaller bundle."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"

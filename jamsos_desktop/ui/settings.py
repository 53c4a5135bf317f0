"""Per-installation preferences (language, idle lock, window layout) in an .ini beside the database.

Program rules live in the database (they are village data); these are only how this laptop
shows things, so QSettings is the right place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 240  # the setting's own range in Pengaturan
#: Far above what a few preferences take; QSettings reads the whole file into memory.
MAX_SETTINGS_BYTES = 1024 * 1024


def _set_aside_if_unreadable(path: Path) -> None:
    """A settings file that is no regular file (a device, a pipe) or is huge would hang or fill
    the memory at start-up: it is moved aside and the defaults apply."""
    try:
        if not (path.exists() or path.is_symlink()):
            return
        if path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_SETTINGS_BYTES:
            return
        path.replace(path.with_name(path.name + ".refused"))
    except OSError:
        pass


class AppSettings:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "desktop.ini"
        _set_aside_if_unreadable(self.path)
        self._s = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        v = str(self._s.value("language", "id"))
        return v if v in {"id", "en"} else "id"

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("language", value)
        self._s.sync()

    @property
    def idle_minutes(self) -> int:
        """Minutes without input before the screen locks; 0 turns the lock off."""
        try:
            return min(MAX_IDLE_MINUTES, max(0, int(str(self._s.value("idle_minutes", DEFAULT_IDLE_MINUTES)))))
        except ValueError:
            return DEFAULT_IDLE_MINUTES

    @idle_minutes.setter
    def idle_minutes(self, value: int) -> None:
        self._s.setValue("idle_minutes", int(value))
        self._s.sync()

    @property
    def mode(self) -> str:
        """Which office this laptop serves: ``village`` (the default) or ``district`` (the hub),
        as the first-run wizard chose."""
        v = str(self._s.value("mode", "village"))
        return v if v in {"village", "district"} else "village"

    @mode.setter
    def mode(self, value: str) -> None:
        self._s.setValue("mode", value)
        self._s.sync()

    @property
    def hub_url(self) -> str:
        """The district hub's database URL the first-run wizard took ("" for the default file),
        never with a password: the server's is asked for at each start. A password an earlier
        version wrote into the file is taken out of it here (and used this once)."""
        from ..hub.storage.db import has_password, without_password

        value = str(self._s.value("hub/url", ""))
        if has_password(value):
            self._s.setValue("hub/url", without_password(value))
            self._s.sync()
        return value

    @hub_url.setter
    def hub_url(self, value: str) -> None:
        from ..hub.storage.db import without_password

        self._s.setValue("hub/url", without_password(value))
        self._s.sync()

    @property
    def last_user(self) -> str:
        return str(self._s.value("last_user", ""))

    @last_user.setter
    def last_user(self, value: str) -> None:
        self._s.setValue("last_user", value)

    def geometry(self, key: str = "window/geometry") -> QByteArray | None:
        """A window's saved geometry (the village window's, or the one ``key`` names)."""
        v = self._s.value(key)
        return v if isinstance(v, QByteArray) else None

    def set_geometry(self, value: QByteArray, key: str = "window/geometry") -> None:
        self._s.setValue(key, value)
        self._s.sync()

"""Backups of the village database: made, checked, rotated, mirrored, and restored.

A backup is a copy through the backup API (``storage/backup.py``), checked twice before it
counts: SQLite's ``integrity_check`` of the copy and the audit chain read from the copy. Each
has a note beside it (``<name>.json``) with when, why and the audit head it ended on; those
heads are what ``audit verify`` compares the live trail with. Automatic backups (on opening, on
closing, daily) are rotated: the newest of each of the last 7 days and of the last 4 weeks are
kept (settings ``backup.keep_daily`` / ``backup.keep_weekly``); manual ones, the ones made
before a schema upgrade and the databases a restore replaced are kept until removed by hand.
A second folder (``backup.mirror_dir``, e.g. a USB stick) gets a copy of each when it is there.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from .. import paths
from ..domain.text import Text, UserError
from ..storage import backup as store
from ..storage import integrity, models
from ..storage.db import Database, is_plain_file, make_engine
from . import audit
from .context import ROLE_ADMIN, ROLE_APPROVER, ROLE_OPERATOR, Actor, Workspace

log = logging.getLogger(__name__)

AUTOMATIC = ("open", "close", "daily")
#: Labels a person or the app gives; anything else in the folder is left alone.
LABELS = (*AUTOMATIC, "manual", "replaced")
KEEP_DAILY, KEEP_WEEKLY = 7, 4
SETTING_DAILY, SETTING_WEEKLY, SETTING_MIRROR = "backup.keep_daily", "backup.keep_weekly", "backup.mirror_dir"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d{0,6}Z)-(?P<label>[a-z0-9]+)\.sqlite$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    label: str
    size: int
    head: audit.Head | None  # None for a file without its note (e.g. an upgrade backup)
    superseded: bool = False  # newer than a backup that was restored: not this database's past

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "created": self.created.isoformat(timespec="seconds"),
            "label": self.label,
            "size": self.size,
            "audit_head": self.head.to_dict() if self.head else None,
            "superseded": self.superseded,
        }


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: BackupInfo
    replaced: Path | None  # where the database it replaced was kept


def backup_error(text: Text, value: object | None = None) -> UserError:
    return UserError("backup", text, value)


def _note_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _read_note(path: Path) -> dict[str, Any]:
    note = _note_path(path)
    try:
        if note.is_file() and note.stat().st_size < 64_000:
            data = json.loads(note.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                return data
    except (OSError, ValueError):
        pass
    return {}


def _write_note(path: Path, data: dict[str, Any]) -> None:
    note = _note_path(path)
    tmp = note.with_name(note.name + ".part")
    tmp.write_text(json.dumps(data, sort_keys=True, indent=1), encoding="utf-8")
    tmp.replace(note)


def info(path: Path) -> BackupInfo | None:
    m = _NAME.match(path.name)
    if m is None or not path.is_file():
        return None
    stamp = m["stamp"]
    fmt = "%Y%m%dT%H%M%S%fZ" if len(stamp) > 16 else "%Y%m%dT%H%M%SZ"
    created = dt.datetime.strptime(stamp, fmt).replace(tzinfo=dt.UTC)
    note = _read_note(path)
    h = note.get("audit_head")
    head = audit.Head(int(h["seq"]), str(h["hash"])) if isinstance(h, dict) and "seq" in h and "hash" in h else None
    return BackupInfo(path, created, m["label"], path.stat().st_size, head, bool(note.get("superseded")))


def list_backups(directory: Path) -> list[BackupInfo]:
    """Every backup in ``directory``, newest first."""
    if not directory.is_dir():
        return []
    found = [i for p in directory.glob("*.sqlite") if (i := info(p)) is not None]
    return sorted(found, key=lambda i: (i.created, i.path.name), reverse=True)


def known_heads(data_dir: Path) -> list[audit.Head]:
    """The audit heads the backups of this database recorded (what its trail must still hold)."""
    return [b.head for b in list_backups(paths.backup_dir(data_dir)) if b.head is not None and not b.superseded]


def _key(ws: Workspace) -> bytes | None:
    """The open database's key (None: a plain file)."""
    key = getattr(ws.db, "key", None)
    return key if isinstance(key, bytes) else None


@contextmanager
def _opened(path: Path, key: bytes | None = None) -> Iterator[Workspace]:
    """A workspace on a database file as it is (no migration, no backup of its own)."""
    db = Database(path, make_engine(path, key=key), key)
    ws = Workspace(path.parent, db)
    try:
        yield ws
    finally:
        ws.close()


def check_file(path: Path, key: bytes | None = None) -> list[str]:
    """Why the database file at ``path`` must not be trusted: empty when it is a sound JAMSOS
    database whose audit trail holds together (``key``: the village's, for an encrypted file)."""
    why = integrity.file_problem(path)
    if why is not None:
        return [f"file: {why}"]
    problems = integrity.quick_check(path, full=True, key=key)
    if problems:
        return problems
    try:
        with _opened(path, key) as ws:
            rep = audit.verify(ws, stop_at_first=True)
    except Exception as exc:  # not a JAMSOS database, or one this version cannot read
        return [f"audit: {exc.__class__.__name__}"]
    return [p.message() for p in rep.problems]


def _setting(ws: Workspace, key: str, default: Any) -> Any:
    try:
        with ws.reading() as s:
            v = s.execute(select(models.Setting.value).where(models.Setting.key == key)).scalar()
    except Exception:  # a database without the table (an old schema): the defaults
        return default
    return default if v is None else v


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def make_backup(ws: Workspace, label: str = "manual", *, now: dt.datetime | None = None) -> BackupInfo:
    """A checked backup of the open database into the data folder's backups/, mirrored and rotated."""
    if label not in LABELS:
        raise ValueError(f"unknown backup label {label!r}")
    directory = paths.backup_dir(ws.data_dir)
    now = now or dt.datetime.now(dt.UTC)
    dest = directory / f"{ws.db.path.stem}-{_stamp(now)}-{label}.sqlite"
    problems = store.copy_database(ws.db.path, dest, _key(ws))
    if not problems:
        try:
            with _opened(dest, _key(ws)) as copy:
                rep = audit.verify(copy, stop_at_first=True)
            problems = [p.message() for p in rep.problems]
        except Exception as exc:
            problems = [f"audit: {exc.__class__.__name__}"]
    if problems:
        store.remove_database(dest)
        log.error("backup failed its checks: %s", "; ".join(problems))
        raise backup_error(
            Text(
                "salinan cadangan gagal diperiksa; basis data mungkin rusak (jalankan 'jamsos doctor')",
                "the backup copy failed its checks; the database may be damaged (run 'jamsos doctor')",
            ),
            problems[0],
        )
    _write_note(dest, {"created": now.isoformat(), "label": label, "audit_head": rep.head.to_dict(), "integrity": "ok"})
    made = info(dest)
    assert made is not None
    log.info("backup %s made (%s bytes)", dest.name, made.size)
    rotate(
        directory,
        keep_daily=_int_setting(ws, SETTING_DAILY, KEEP_DAILY),
        keep_weekly=_int_setting(ws, SETTING_WEEKLY, KEEP_WEEKLY),
    )
    mirror = _setting(ws, SETTING_MIRROR, "")
    if isinstance(mirror, str) and mirror:
        mirror_to(made, Path(mirror), ws.db.path.with_suffix(".keys"))
    return made


def backup_settings(ws: Workspace) -> dict[str, Any]:
    return {
        "keep_daily": _int_setting(ws, SETTING_DAILY, KEEP_DAILY),
        "keep_weekly": _int_setting(ws, SETTING_WEEKLY, KEEP_WEEKLY),
        "mirror_dir": str(_setting(ws, SETTING_MIRROR, "") or ""),
    }


def _int_setting(ws: Workspace, key: str, default: int) -> int:
    v = _setting(ws, key, default)
    return v if isinstance(v, int) and 0 <= v <= 1000 else default


def mirror_to(b: BackupInfo, folder: Path, key_file: Path | None = None) -> Path | None:
    """A copy of the backup (and its note) in a second place; a stick that is not there is
    skipped with a line in the log, never an error: the backup itself is made. An encrypted
    database's key file (its key wrapped per user, useless without a password) goes along: the
    copy cannot be opened without it."""
    if not folder.is_dir():
        log.warning("backup mirror folder is not there; skipped")
        return None
    try:
        target = folder / b.path.name
        part = target.with_name(target.name + ".part")
        shutil.copyfile(b.path, part)
        part.replace(target)
        note = _note_path(b.path)
        if note.exists():
            shutil.copyfile(note, _note_path(target))
        if key_file is not None and key_file.is_file():
            shutil.copyfile(key_file, folder / key_file.name)
        rotate(folder)
        return target
    except OSError as exc:
        log.warning("backup mirror failed: %s", exc.__class__.__name__)
        return None


def rotate(directory: Path, *, keep_daily: int = KEEP_DAILY, keep_weekly: int = KEEP_WEEKLY) -> list[Path]:
    """Removes automatic backups beyond the newest of each of the last ``keep_daily`` days and of
    the last ``keep_weekly`` ISO weeks (the newest one is always kept); returns what went."""
    autos = [b for b in list_backups(directory) if b.label in AUTOMATIC]
    keep: set[Path] = {autos[0].path} if autos else set()
    days: list[dt.date] = []
    weeks: list[tuple[int, int]] = []
    for b in autos:  # newest first: the first of each day or week is its newest
        day = b.created.date()
        week = day.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.append(day)
            keep.add(b.path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.append(week)
            keep.add(b.path)
    gone = []
    for b in autos:
        if b.path not in keep:
            store.remove_database(b.path)
            _note_path(b.path).unlink(missing_ok=True)
            gone.append(b.path)
    return gone


def daily_due(data_dir: Path, *, now: dt.datetime | None = None) -> bool:
    """No backup at all in the last 24 hours."""
    now = now or dt.datetime.now(dt.UTC)
    newest = list_backups(paths.backup_dir(data_dir))
    return not newest or now - newest[0].created >= dt.timedelta(hours=24)


def automatic(ws: Workspace, when: str) -> BackupInfo | None:
    """The app's automatic backup (``open``, ``close``, ``daily``); a daily one only when due.
    A failure is logged and returned as None: it must not stop the app from opening or closing."""
    if when == "daily" and not daily_due(ws.data_dir):
        return None
    try:
        return make_backup(ws, when)
    except Exception:
        log.exception("automatic %s backup failed", when)
        return None


def _data_key(data_dir: Path, key: bytes | None) -> bytes | None:
    """The key of the village's backups: the caller's, else the set-up slot's (a village still
    being set up), else None (a plain database)."""
    from .integrity import opening_key

    return opening_key(data_dir, key)


def newest_good(data_dir: Path, key: bytes | None = None) -> BackupInfo | None:
    """The newest backup that passes its checks now (a backup can go bad on disk too)."""
    key = _data_key(data_dir, key)
    for b in list_backups(paths.backup_dir(data_dir)):
        if b.label == "replaced" or b.superseded:
            continue
        if not check_file(b.path, key):
            return b
    return None


def check_backup(src: Path, key: bytes | None) -> list[str]:
    if key is not None and is_plain_file(src):
        # Put in place, a plain file would undo the encryption (and no key would open it).
        raise backup_error(
            Text(
                "berkas cadangan tidak terenkripsi; tidak dipulihkan",
                "the backup file is not encrypted; nothing restored",
            ),
            src.name,
        )
    return check_file(src, key)


def restore(data_dir: Path, file: Path, actor: Actor | None = None, key: bytes | None = None) -> RestoreResult:
    """Puts a checked backup in place of the database; the database it replaces is kept first.

    ``key``: the database's (its backups share it). The caller has closed every connection to the
    database. Refused, nothing changes.
    """
    if actor is not None:
        actor.require(ROLE_ADMIN, ROLE_APPROVER, ROLE_OPERATOR)
    key = _data_key(data_dir, key)
    src = file.expanduser()
    problems = check_backup(src, key)
    if problems:
        raise backup_error(
            Text("berkas cadangan tidak utuh; tidak dipulihkan", "the backup file is not sound; nothing restored"),
            problems[0],
        )
    db_path = paths.db_path(data_dir)
    directory = paths.backup_dir(data_dir)
    replaced: Path | None = None
    if db_path.exists() and db_path.stat().st_size > 0:
        replaced = directory / f"{db_path.stem}-{_stamp(dt.datetime.now(dt.UTC))}-replaced.sqlite"
        if integrity.quick_check(db_path, key=key) or store.copy_database(db_path, replaced, key):
            store.raw_copy(db_path, replaced)  # a damaged file is kept as it was found
    elif db_path.exists():
        with suppress(OSError):
            db_path.unlink()
    given = _export_numbers_given(db_path, key) if replaced is not None else 0
    part = db_path.with_name(db_path.name + ".restoring")
    problems = store.copy_database(src, part, key)
    if problems:
        raise backup_error(Text("gagal menyalin cadangan", "the backup could not be copied"), problems[0])
    if given:
        _carry_export_numbers(part, given, key)
        store.fold_log(part, key)
    store.put_in_place(part, db_path)
    restored = info(src) or BackupInfo(src, dt.datetime.now(dt.UTC), "manual", src.stat().st_size, None)
    _supersede_newer(directory, restored)
    log.info("database restored from %s", src.name)
    return RestoreResult(restored, replaced)


def _export_numbers_given(path: Path, key: bytes | None = None) -> int:
    """The highest sync export number the database being replaced has given out (0: unknown)."""
    from .sync.exports import SEQ_COUNTER

    try:
        with _opened(path, key) as ws, ws.reading() as s:
            last = s.execute(select(func.max(models.SyncExport.seq))).scalar() or 0
            counter = s.get(models.Counter, SEQ_COUNTER)
            return max(int(last), int(counter.value) if counter is not None else 0)
    except Exception:  # a damaged database: its numbers cannot be read
        log.warning("export numbers of the replaced database not readable", exc_info=True)
        return 0


def _carry_export_numbers(path: Path, given: int, key: bytes | None = None) -> None:
    """An older backup does not know the exports made since: its next export must not take a
    number already on some stick with other content, so the counter goes forward with it."""
    from .context import SYSTEM
    from .sync.exports import SEQ_COUNTER

    with _opened(path, key) as ws, ws.unit_of_work(SYSTEM) as uow:
        counter = uow.session.get(models.Counter, SEQ_COUNTER)
        if counter is None:
            uow.session.add(models.Counter(name=SEQ_COUNTER, value=given))
        elif int(counter.value) < given:
            counter.value = given


def _supersede_newer(directory: Path, restored: BackupInfo) -> None:
    """Backups newer than the restored one record a future this database no longer has: their
    heads stop counting for ``audit verify``."""
    for b in list_backups(directory):
        if b.created > restored.created and b.label != "replaced" and b.head is not None and not b.superseded:
            note = _read_note(b.path)
            note["superseded"] = True
            _write_note(b.path, note)


PENDING = "restore-pending.json"


def request_restore(data_dir: Path, file: Path, key: bytes | None = None) -> BackupInfo:
    """The app cannot swap the database under its own open windows: the backup is checked now
    and put in place at the next start (``apply_pending``), before the database is opened."""
    problems = check_backup(file, _data_key(data_dir, key))
    if problems:
        raise backup_error(
            Text("berkas cadangan tidak utuh; tidak dipulihkan", "the backup file is not sound; nothing restored"),
            problems[0],
        )
    (data_dir / PENDING).write_text(json.dumps({"file": str(file.resolve())}), encoding="utf-8")
    return info(file) or BackupInfo(file, dt.datetime.now(dt.UTC), "manual", file.stat().st_size, None)


def apply_pending(data_dir: Path, key: bytes | None = None) -> RestoreResult | None:
    """A restore asked for before the last close, done now (checked again first; ``key``: the
    database's, from the sign-in)."""
    marker = data_dir / PENDING
    if not marker.is_file():
        return None
    try:
        file = Path(json.loads(marker.read_text(encoding="utf-8"))["file"])
    except (OSError, ValueError, KeyError, TypeError):
        marker.unlink(missing_ok=True)
        return None
    try:
        return restore(data_dir, file, key=key)
    finally:
        marker.unlink(missing_ok=True)


def discard_new_database(data_dir: Path) -> None:
    """Removes a database file (and its log) that a failed set-up had only begun."""
    store.remove_database(paths.db_path(data_dir))

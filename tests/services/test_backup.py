"""Backups: made through the backup API (the log included), checked, rotated, mirrored, restored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jamsos_desktop import paths
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import audit, backup, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.services.integrity import DamagedDatabase
from jamsos_desktop.storage import driver

from .test_workers import SITI


def _names(path: Path, key: bytes | None) -> set[str]:
    c = driver.connect(path, key)
    try:
        return {n for (n,) in c.execute("select name from workers")}
    finally:
        c.close()


def test_a_backup_holds_what_is_still_in_the_log(workspace: Workspace, operator: Actor) -> None:
    workers.add_worker(workspace, operator, SITI)  # committed, and (WAL) not yet in the main file
    assert Path(str(workspace.db.path) + "-wal").stat().st_size > 0
    made = backup.make_backup(workspace, "manual")
    assert "Siti Aminah" in _names(made.path, workspace.db.key)
    assert not Path(str(made.path) + "-wal").exists()  # the copy alone holds everything
    assert made.head == audit.head(workspace)
    assert backup.check_file(made.path, workspace.db.key) == []
    assert backup.list_backups(paths.backup_dir(workspace.data_dir))[0].path == made.path


def test_rotation_keeps_seven_days_and_four_weeks(tmp_path: Path) -> None:
    start = dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)
    for day in range(60):
        for hour in (0, 9):  # two a day: only the day's newest may stay
            at = start + dt.timedelta(days=day, hours=hour)
            p = tmp_path / f"jamsos-{at.strftime('%Y%m%dT%H%M%S')}000000Z-close.sqlite"
            p.write_bytes(b"x")
    (tmp_path / "jamsos-20260101T000000000000Z-manual.sqlite").write_bytes(b"x")
    backup.rotate(tmp_path)
    kept = backup.list_backups(tmp_path)
    autos = [b for b in kept if b.label == "close"]
    days = {b.created.date() for b in autos}
    assert len(autos) == len(days)  # one per day at most
    newest = max(days)
    assert {newest - dt.timedelta(days=i) for i in range(7)} <= days
    assert len({d.isocalendar()[:2] for d in days}) == 4  # the last four weeks, one each
    assert len(days) <= 7 + 4
    assert any(b.label == "manual" for b in kept)  # a person's own backup is never rotated away


def test_mirror_to_a_second_folder_and_a_missing_stick_is_no_error(
    workspace: Workspace, operator: Actor, tmp_path: Path
) -> None:
    from jamsos_desktop.services import village

    stick = tmp_path / "stick"
    stick.mkdir()
    village.put_setting(workspace, operator, backup.SETTING_MIRROR, str(stick))
    made = backup.make_backup(workspace, "manual")
    assert (stick / made.path.name).read_bytes() == made.path.read_bytes()
    stick.rename(tmp_path / "pulled-out")
    backup.make_backup(workspace, "manual")  # no exception: the backup itself is made


def test_restore_checks_first_and_keeps_the_replaced_database(workspace: Workspace, operator: Actor) -> None:
    data_dir = workspace.data_dir
    good = backup.make_backup(workspace, "manual")
    workers.add_worker(workspace, operator, SITI)
    key = workspace.db.key
    workspace.close()
    bad = good.path.with_name("broken-copy.sqlite")
    raw = bytearray(good.path.read_bytes())
    raw[4096 : 4096 * 3] = b"\xff" * 8192
    bad.write_bytes(bytes(raw))
    with pytest.raises(UserError):
        backup.restore(data_dir, bad)
    assert "Siti Aminah" in _names(paths.db_path(data_dir), key)  # refused: nothing changed
    result = backup.restore(data_dir, good.path)
    assert result.replaced is not None and "Siti Aminah" in _names(result.replaced, key)
    assert "Siti Aminah" not in _names(paths.db_path(data_dir), key)
    ws = Workspace.open(data_dir)  # the restored database passes the opening check
    assert audit.verify(ws, backup.known_heads(data_dir)).ok
    ws.close()


def test_a_damaged_or_empty_database_is_refused_and_names_the_good_backup(
    workspace: Workspace, operator: Actor
) -> None:
    data_dir = workspace.data_dir
    workers.add_worker(workspace, operator, SITI)
    good = backup.make_backup(workspace, "close")
    key = workspace.db.key
    workspace.close()
    db = paths.db_path(data_dir)
    c = driver.connect(db, key)  # an edit behind the app's back breaks the trail
    c.execute("update audit_log set username = 'someone' where action = 'worker.add'")
    c.close()
    with pytest.raises(DamagedDatabase) as e:
        Workspace.open(data_dir)
    assert e.value.backup == good.path
    db.write_bytes(b"")  # a 0-byte file is a lost database, never a new village
    Path(str(db) + "-wal").unlink(missing_ok=True)
    with pytest.raises(DamagedDatabase):
        Workspace.open(data_dir, create=True)
    assert db.stat().st_size == 0
    backup.restore(data_dir, good.path)
    Workspace.open(data_dir).close()


def test_a_torn_page_is_found_at_opening(workspace: Workspace, operator: Actor) -> None:
    data_dir = workspace.data_dir
    workers.add_worker(workspace, operator, SITI)
    key = workspace.db.key
    workspace.close()
    db = paths.db_path(data_dir)
    driver.checkpoint(db, key)
    raw = bytearray(db.read_bytes())
    page = 4096
    for n in range(2, len(raw) // page):  # overwrite every b-tree page but the first
        raw[n * page : n * page + 100] = b"\x00" * 100
    db.write_bytes(bytes(raw))
    with pytest.raises(DamagedDatabase) as e:
        Workspace.open(data_dir)
    assert e.value.backup is None and e.value.problems


def test_a_restore_never_gives_an_export_number_again(workspace: Workspace, operator: Actor) -> None:
    from jamsos_desktop.services.sync.exports import SEQ_COUNTER
    from jamsos_desktop.storage import models

    data_dir = workspace.data_dir
    old = backup.make_backup(workspace, "manual")
    with workspace.unit_of_work(operator) as uow:  # five exports made after the backup
        uow.session.add(models.Counter(name=SEQ_COUNTER, value=5))
    workspace.close()
    backup.restore(data_dir, old.path)
    ws = Workspace.open(data_dir)
    with ws.reading() as s:
        counter = s.get(models.Counter, SEQ_COUNTER)
        assert counter is not None and counter.value == 5  # the next export is number 6
    ws.close()


def test_the_full_check_is_skipped_only_after_a_clean_close(
    workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jamsos_desktop.services import integrity as gate
    from jamsos_desktop.storage import integrity

    checks: list[Path] = []
    real = integrity.quick_check
    monkeypatch.setattr(integrity, "quick_check", lambda p, **kw: checks.append(p) or real(p, **kw))
    data_dir = workspace.data_dir
    workers.add_worker(workspace, operator, SITI)
    key = workspace.db.key
    workspace.close()  # clean: the log folded into the file, the file noted
    Workspace.open(data_dir).close()
    assert checks == []
    c = driver.connect(paths.db_path(data_dir), key)  # changed behind the app's back
    c.execute("update audit_log set username = 'someone'")
    c.close()
    with pytest.raises(DamagedDatabase):
        Workspace.open(data_dir)
    assert len(checks) == 1 and not gate.check(data_dir).ok

"""The district mode chosen at first run: the wizard's first page, the hub's database (the SQLite
file, or a PostgreSQL server tested first), the head of office, the district's keys, then the
district window, now and at every later start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from jamsos_desktop.app import AppController
from jamsos_desktop.hub import keys, users
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import db as hub_db
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.sync import keyfile
from jamsos_desktop.ui import hub_window
from jamsos_desktop.ui import wizard_district as district
from jamsos_desktop.ui.hub_window import HubWindow
from jamsos_desktop.ui.settings import AppSettings
from jamsos_desktop.ui.wizard import FirstRunWizard
from tests.ui.conftest import Boxes, boxes, sync_tasks  # noqa: F401  (tasks inline; message boxes recorded)

from .conftest import PASSWORD

pytestmark = pytest.mark.gui

KEY_PASSPHRASE = "kunci-kabupaten-rahasia"


def _to_db_page(wiz: FirstRunWizard) -> None:
    wiz.show()
    assert wiz.currentId() == district.MODE_PAGE
    assert wiz.mode_page.village.isChecked()  # a village office unless told otherwise
    wiz.mode_page.district.setChecked(True)
    wiz.next()
    assert wiz.currentPage() is wiz.hub_db_page


def _fill_head_and_keys(qtbot: QtBot, wiz: FirstRunWizard) -> None:
    wiz.next()
    head = wiz.hub_head_page
    assert wiz.currentPage() is head and not head.isComplete()
    qtbot.keyClicks(head.full_name, "Drs. H. Kepala Bidang")
    head.password.setText(PASSWORD)
    head.confirm.setText(PASSWORD + "x")
    assert not head.isComplete() and "belum sama" in head.hint.text()
    head.confirm.setText(PASSWORD)
    assert head.isComplete()
    wiz.next()
    k = wiz.hub_keys_page
    assert wiz.currentPage() is k
    assert not k.isComplete() and "Belum diisi: nama kantor, kode kabupaten" in k.hint.text()  # why Selesai is grey
    qtbot.keyClicks(k.name, "Disnaker Kabupaten Bandung")
    k.region.setText("3204")
    k.passphrase.setText("pendek")
    assert not k.isComplete() and "32.04" in k.hint.text()
    k.region.setText("32.04")
    assert not k.isComplete() and "10" in k.hint.text()
    k.passphrase.setText(KEY_PASSPHRASE)
    assert not k.isComplete() and k.hint.text() == "Belum diisi: ulangan kata sandi kunci."
    k.confirm.setText(KEY_PASSPHRASE)
    assert k.isComplete() and k.hint.text() == ""


def test_a_fresh_folder_made_a_district_office_opens_the_district_window_now_and_at_every_start(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,  # noqa: F811
) -> None:
    data = tmp_path / "kabupaten"
    data.mkdir()

    def drive(wiz: FirstRunWizard) -> int:
        _to_db_page(wiz)
        db = wiz.hub_db_page
        assert db.sqlite.isChecked() and db.isComplete()  # the file in the data folder, nothing to test
        assert str(data / "jamsos-hub.sqlite") in db.path_label.text()
        _fill_head_and_keys(qtbot, wiz)
        wiz.button(QWizard.WizardButton.FinishButton).click()
        return wiz.result()

    monkeypatch.setattr(FirstRunWizard, "exec", drive)
    first = AppController(AppSettings(data), data)
    try:
        assert first.start()
        win = first.hub_window
        assert isinstance(win, HubWindow)
        qtbot.addWidget(win)
        assert win.stack.currentWidget() is win.tabs  # the new head is signed in
        assert win.actor is not None and (win.actor.username, win.actor.role) == ("kepala", "head")
        info = keys.key_info(first.hub)
        assert (info.name, info.region_code) == ("Disnaker Kabupaten Bandung", "32.04")
        public = data / f"kunci-kabupaten{keyfile.PUBLIC_SUFFIX}"
        assert public.read_bytes() == info.public_file
        assert any(info.fingerprint in text and str(public) in text for _k, _t, text in boxes.shown)
        assert keys.district_keys(first.hub, KEY_PASSPHRASE) is not None
        assert first.hub.store.url.endswith("jamsos-hub.sqlite")
        settings = AppSettings(data)
        assert (settings.mode, settings.hub_url) == ("district", "")  # the default file, wherever it is
    finally:
        first.close()

    monkeypatch.setattr(FirstRunWizard, "exec", lambda _w: pytest.fail("the wizard again"))
    again = AppController(AppSettings(data), data)
    try:
        assert again.start()
        win = again.hub_window
        assert isinstance(win, HubWindow)
        qtbot.addWidget(win)
        assert win.actor is None and win.stack.currentWidget() is not win.tabs  # its people sign in
        win.username.setText("kepala")
        win.password.setText(PASSWORD)
        win.sign_in()
        assert win.actor is not None and win.actor.role == "head"
    finally:
        again.close()


def test_a_village_office_chosen_on_the_first_page_goes_on_to_the_village_pages(qtbot: QtBot, tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "desa", create=True)
    try:
        wiz = FirstRunWizard(ws, data_dir=tmp_path / "desa")
        qtbot.addWidget(wiz)
        wiz.show()
        wiz.next()
        assert wiz.currentPage() is wiz.village_page
        assert wiz.account_page.nextId() == -1  # its last page: the district's pages never follow
    finally:
        ws.close()


@pytest.mark.parametrize("engine_name", ["postgresql"], indirect=True)
def test_a_postgresql_hub_is_tested_before_it_is_taken(
    qtbot: QtBot,
    tmp_path: Path,
    hub_url: str,
    boxes: Boxes,  # noqa: F811
) -> None:
    ws = Workspace.open(tmp_path / "desa", create=True)
    made: list[Hub] = []
    try:
        wiz = FirstRunWizard(ws, data_dir=tmp_path / "kabupaten")
        qtbot.addWidget(wiz)
        _to_db_page(wiz)
        db = wiz.hub_db_page
        db.postgres.setChecked(True)
        assert not db.isComplete() and not db.test_button.isEnabled()  # no URL yet
        wrong = hub_url.replace("jamsos:jamsos@", "jamsos:bukan-sandinya@")
        db.url.setText(wrong)
        db.test()
        assert "Tidak tersambung" in db.result.text() and "bukan-sandinya" not in db.result.text()
        assert not db.isComplete()
        db.url.setText("bukan alamat")
        db.test()
        assert "Tidak tersambung" in db.result.text() and not db.isComplete()
        # The address as the office's IT writes it, the password in a field of its own.
        db.url.setText(hub_db.without_password(hub_url))
        db.server_password.setText("bukan-sandinya")
        db.test()
        assert "Tidak tersambung" in db.result.text() and not db.isComplete()
        db.server_password.setText("jamsos")
        assert not db.isComplete()  # a URL counts once it has been tested
        db.test()
        assert "kosong" in db.result.text() and db.isComplete()
        _fill_head_and_keys(qtbot, wiz)
        wiz.button(QWizard.WizardButton.FinishButton).click()
        assert boxes.shown == []
        done = wiz.district
        assert done is not None and done.head is not None and done.url == hub_url
        made.append(done.hub)
        assert done.hub.store.dialect == "postgresql"
        assert users.login(done.hub, "kepala", PASSWORD).role == "head"
        assert keys.key_info(done.hub).region_code == "32.04"

        # A second laptop of the same office takes the same hub: nothing to make, its people sign in.
        wiz2 = FirstRunWizard(ws, data_dir=tmp_path / "kabupaten-2")
        qtbot.addWidget(wiz2)
        _to_db_page(wiz2)
        db2 = wiz2.hub_db_page
        db2.postgres.setChecked(True)
        db2.url.setText(hub_url)
        db2.test()
        assert "Sudah ada hub JAMSOS" in db2.result.text() and "1 akun" in db2.result.text()
        assert db2.nextId() == -1 and wiz2.button(QWizard.WizardButton.FinishButton).isVisible()
        wiz2.button(QWizard.WizardButton.FinishButton).click()
        done2 = wiz2.district
        assert done2 is not None and done2.head is None
        made.append(done2.hub)
        assert len(users.list_users(done2.hub)) == 1
    finally:
        for h in made:
            h.close()
        ws.close()


def test_a_database_that_is_no_hub_is_not_taken(qtbot: QtBot, tmp_path: Path, hub_url: str, engine_name: str) -> None:
    """A database holding other tables (a village file, another program's) is said so, and the
    page does not let the person on."""
    from sqlalchemy import create_engine, text

    if engine_name == "sqlite":
        pytest.skip("the wizard's SQLite choice is the hub's own file in the data folder")
    eng = create_engine(hub_url)
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE lain (x int)"))
    eng.dispose()
    ws = Workspace.open(tmp_path / "desa", create=True)
    try:
        wiz = FirstRunWizard(ws, data_dir=tmp_path / "kabupaten")
        qtbot.addWidget(wiz)
        _to_db_page(wiz)
        db = wiz.hub_db_page
        db.postgres.setChecked(True)
        db.url.setText(hub_url)
        db.test()
        assert "bukan hub JAMSOS" in db.result.text() and not db.isComplete()
    finally:
        ws.close()


@pytest.mark.parametrize("engine_name", ["postgresql"], indirect=True)
def test_the_server_password_is_never_written_down_and_is_asked_at_each_start(
    qtbot: QtBot,
    tmp_path: Path,
    hub_url: str,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,  # noqa: F811
) -> None:
    """A district laptop on a PostgreSQL server keeps the server's address, not its password:
    the settings file never holds it (one an earlier version wrote is taken out at the next
    start), and every start asks for it, again when the server refuses it, until it opens or
    the person cancels."""
    data = tmp_path / "kabupaten"
    data.mkdir()
    secret = hub_db.make_url(hub_url).password
    assert secret
    Hub.open(hub_url).close()  # a hub there (its schema made)
    bare = hub_db.without_password(hub_url)
    assert not hub_db.has_password(bare) and bare != hub_url

    settings = AppSettings(data)
    settings.mode = "district"
    settings.hub_url = hub_url  # what the wizard had tested, password and all
    ini = (data / "desktop.ini").read_text(encoding="utf-8")
    assert f":{secret}@" not in ini and AppSettings(data).hub_url == bare

    # An older version's file, the password in it: used this once, and gone from the file.
    from PySide6.QtCore import QSettings

    old = QSettings(str(data / "desktop.ini"), QSettings.Format.IniFormat)
    old.setValue("hub/url", hub_url)
    old.sync()
    assert AppSettings(data).hub_url == hub_url
    assert f":{secret}@" not in (data / "desktop.ini").read_text(encoding="utf-8")
    assert AppSettings(data).hub_url == bare

    asked: list[bool] = []
    answers = ["bukan-sandinya", secret]

    def dialog(_parent: object, problem: Exception, refused: bool) -> str | None:
        asked.append(refused)
        assert f":{secret}@" not in str(problem)  # the message names the server, never the password
        return answers.pop(0) if answers else None

    monkeypatch.setattr(hub_window, "password_dialog", dialog)
    monkeypatch.setattr(FirstRunWizard, "exec", lambda _w: pytest.fail("the wizard again"))
    start = AppController(AppSettings(data), data)
    try:
        assert start.start()
        assert asked == [False, True]  # asked, then asked again after the wrong one
        assert isinstance(start.hub_window, HubWindow)
        qtbot.addWidget(start.hub_window)
        assert start.hub.store.dialect == "postgresql"
    finally:
        start.close()
    assert f":{secret}@" not in (data / "desktop.ini").read_text(encoding="utf-8")

    # Cancelled: no window, no error box, nothing written.
    asked.clear()
    cancelled = AppController(AppSettings(data), data)
    try:
        assert not cancelled.start()
        assert asked == [False] and cancelled.hub is None and cancelled.hub_window is None
        assert not cancelled.failed and boxes.shown == []
    finally:
        cancelled.close()

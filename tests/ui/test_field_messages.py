"""Every message under a field grows with its wrapped text (nothing squeezed into one line's
height) on a 1024×600 netbook, in both languages; and the record already holding a typed NIK is
named once, in the line with its link."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain.identity import mask_nik
from jamsos_desktop.services import users, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.services.workers import WorkerQuery
from jamsos_desktop.ui import i18n
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.settings import AppSettings
from jamsos_desktop.ui.worker_form import WorkerForm

pytestmark = pytest.mark.gui

LONG = (
    "pesan yang panjang sekali untuk melihat apakah baris kedua dan ketiga masih terbaca utuh "
    "di bawah isiannya, tanpa terpotong oleh baris berikutnya pada layar yang sempit "
) * 2


@pytest.fixture(params=["id", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    assert i18n.apply_language(str(request.param))
    yield str(request.param)
    i18n.apply_language("id")


def _form(
    qtbot: QtBot, ws: Workspace, settings: AppSettings, size: tuple[int, int] = (1024, 600)
) -> tuple[MainWindow, WorkerForm]:
    win = MainWindow(ws, users.find_user(ws, "operator"), settings)
    qtbot.addWidget(win)
    win.show()
    win.resize(*size)
    page = win.go("workers")
    page.new_worker()  # type: ignore[attr-defined]
    form = page.form  # type: ignore[attr-defined]
    assert isinstance(form, WorkerForm)
    return win, form


def _clipped(form: WorkerForm) -> list[str]:
    labels = {
        **{f"msg_{k}": v for k, v in form.messages.items()},
        "nik_info": form.nik_info,
        "duplicate": form.duplicate,
    }
    out = []
    for name, label in labels.items():
        if label.isVisible() and label.text():
            need = label.heightForWidth(label.width())
            if label.height() + 1 < need:
                out.append(f"{name}: {label.height()} px high, its text needs {need}")
    return out


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768), (1600, 1000)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_field_message_alone_grows_with_its_wrapped_text(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, lang: str, size: tuple[int, int]
) -> None:
    """One message at a time: the form then still fits its area, where a grid squeezes rows."""
    _win, form = _form(qtbot, demo_workspace, settings, size)
    text = LONG[: len(LONG) // 3]
    for key, label in form.messages.items():
        label.setText(text)
        QApplication.processEvents()
        QApplication.processEvents()
        assert _clipped(form) == [], key
        assert label.height() > label.fontMetrics().height() * 1.5, key
        label.setText("")


def test_every_field_message_grows_with_its_wrapped_text(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, lang: str
) -> None:
    win, form = _form(qtbot, demo_workspace, settings)
    for label in form.messages.values():
        label.setText(LONG)
    form.nik_info.setText(LONG)
    QApplication.processEvents()
    QApplication.processEvents()
    if os.environ.get("JAMSOS_SHOT"):
        win.grab().save(os.environ["JAMSOS_SHOT"] + f"-msgs-{lang}.png")
    assert _clipped(form) == []
    # ... and each one is several lines high, one under another, none over the next field.
    for key, label in form.messages.items():
        assert label.height() > 2 * label.fontMetrics().height(), key
        field = form.fields[key]
        assert label.geometry().top() >= field.geometry().bottom() - 1, key


def test_a_duplicate_nik_is_said_once_and_fits(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, lang: str
) -> None:
    existing = workers.list_workers(demo_workspace, WorkerQuery(limit=1))[0]
    win, form = _form(qtbot, demo_workspace, settings)
    field = form.fields["nik"]
    field.setFocus()
    qtbot.keyClicks(field, existing.nik)
    form.validate()
    QApplication.processEvents()
    QApplication.processEvents()
    if os.environ.get("JAMSOS_SHOT"):
        win.grab().save(os.environ["JAMSOS_SHOT"] + f"-dup-{lang}.png")
    shown = [label.text() for label in (*form.messages.values(), form.nik_info, form.duplicate) if label.text()]
    with_name = [t for t in shown if existing.name in t]
    with_nik = [t for t in shown if mask_nik(existing.nik) in t]
    assert len(with_name) == 1 and with_name == with_nik, shown
    assert f"worker:{existing.id}" in with_name[0] and form.duplicate.isVisible()
    assert _clipped(form) == []

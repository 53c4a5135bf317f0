"""Every button in Indonesian: Qt ships no Indonesian translation, so in Indonesian mode the app
installs its own of Qt's words (resources/translations/qt_id.ts), and its questions label their
buttons in its own words. Each dialog is walked twice, once as Qt draws it untranslated
(English) and once in Indonesian mode: none of the English texts may be left in the second."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from jamsos_desktop import paths
from jamsos_desktop.services import users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import dialogs, i18n
from jamsos_desktop.ui.worker_form import WorkerForm

pytestmark = pytest.mark.gui

Button = QMessageBox.StandardButton
BUTTONS = [
    Button.Ok, Button.Save, Button.SaveAll, Button.Open, Button.Yes, Button.YesToAll, Button.No,
    Button.NoToAll, Button.Abort, Button.Retry, Button.Ignore, Button.Close, Button.Cancel,
    Button.Discard, Button.Help, Button.Apply, Button.Reset, Button.RestoreDefaults,
]  # fmt: skip
BoxButton = QDialogButtonBox.StandardButton


def _same_in_both() -> set[str]:
    """Qt's words that Indonesian writes as English does ("OK", "mm", "%1%")."""
    tree = ET.parse(paths.resources_dir() / "translations" / "qt_id.ts")
    return {
        _plain(m.findtext("source") or "")
        for m in tree.iter("message")
        if m.findtext("source") == m.findtext("translation")
    }


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _columns(model: QAbstractItemModel) -> int:
    """A list model's one column (its columnCount is private in the bindings), a table's own."""
    if isinstance(model, QAbstractListModel):
        return 1
    return model.columnCount(QModelIndex())


def texts(widget: QWidget) -> set[str]:
    """Every word a person can read on ``widget`` and its children: buttons, labels, group and
    tab titles, actions (menus, tool buttons), tooltips, placeholders and column headers."""
    found: list[str] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if isinstance(w, QAbstractButton):
            found.append(w.text())
        if isinstance(w, QLabel):
            found.append(w.text())
        if isinstance(w, QGroupBox):
            found.append(w.title())
        if isinstance(w, QTabWidget):
            found.extend(w.tabText(i) for i in range(w.count()))
        if isinstance(w, QLineEdit):
            found.append(w.placeholderText())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            found.extend(str(m.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(_columns(m)))
        found.append(w.toolTip())
    found.extend(a.text() for a in widget.findChildren(QAction))
    return {t for t in (_plain(x) for x in found) if re.search("[A-Za-z]{2}", t)}


@pytest.fixture
def both(qtbot: QtBot) -> Iterator[Callable[[Callable[[], QWidget]], tuple[set[str], set[str]]]]:
    """``both(make)``: the texts of ``make()``'s dialog untranslated and in Indonesian mode."""

    def walk(make: Callable[[], QWidget]) -> tuple[set[str], set[str]]:
        out = []
        for lang in ("en", "id"):  # English mode loads only the app's words: Qt's stay as Qt wrote them
            assert i18n.apply_language(lang)
            w = make()
            qtbot.addWidget(w)
            w.show()
            out.append(texts(w))
            w.close()
        return out[0], out[1]

    yield walk
    i18n.apply_language("id")


_PRINTERS: list[QPrinter] = []  # a print dialog needs its printer alive as long as it is


def _print_dialog() -> QPrintDialog:
    _PRINTERS.append(QPrinter())
    return QPrintDialog(_PRINTERS[-1])


def _english_left(english: set[str], indonesian: set[str]) -> set[str]:
    return (english & indonesian) - _same_in_both()


def test_every_standard_button_of_a_message_box_is_indonesian(both: Callable[..., tuple[set[str], set[str]]]) -> None:
    for b in BUTTONS:
        en, id_ = both(lambda b=b: QMessageBox(QMessageBox.Icon.Question, "", "", b))
        assert en and not _english_left(en, id_), b


def test_every_standard_button_of_a_button_box_is_indonesian(both: Callable[..., tuple[set[str], set[str]]]) -> None:
    every = BoxButton.NoButton
    for b in BUTTONS:
        every |= BoxButton(b.value)
    en, id_ = both(lambda: QDialogButtonBox(every))
    assert len(en) >= len(BUTTONS) - 1 and not _english_left(en, id_)


@pytest.mark.parametrize(
    "make",
    [
        lambda: QFileDialog(None, "Pilih", "", "PDF (*.pdf)"),
        _print_dialog,
        QWizard,
        QInputDialog,
        QProgressDialog,
    ],
    ids=["file", "print", "wizard", "input", "progress"],
)
def test_qt_s_own_dialogs_speak_indonesian(
    both: Callable[..., tuple[set[str], set[str]]], make: Callable[[], QWidget]
) -> None:
    def built() -> QWidget:
        w = make()
        if isinstance(w, QFileDialog):
            w.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt draws it (a native one is the system's)
        return w

    en, id_ = both(built)
    assert not _english_left(en, id_)


def test_the_form_s_questions_use_the_app_s_words(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker form's two questions: what each button does, never Qt's Save / Discard / Cancel."""
    assert i18n.apply_language("id")
    shown: list[set[str]] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(texts(box))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    actor = users.find_user(workspace, "operator")
    form = WorkerForm(workspace, lambda: actor)
    qtbot.addWidget(form)
    form.show()
    form.load_new()
    qtbot.keyClicks(form.fields["name"], "Siti")
    form.save()  # not valid yet: asks whether to keep a draft
    form.cancel()  # something typed: asks what to do with it
    assert len(shown) == 2
    assert {"Simpan sebagai draf", "Kembali ke formulir"} <= shown[0]
    assert {"Buang perubahan", "Simpan sebagai draf", "Kembali ke formulir"} <= shown[1]
    english = {"Save", "Discard", "Cancel", "OK", "Yes", "No", "Close"}
    assert not any(english & s for s in shown)
    assert form.isVisible() and form.fields["name"].text() == "Siti"  # Esc answer: back to the form
    assert dialogs.ask is not None

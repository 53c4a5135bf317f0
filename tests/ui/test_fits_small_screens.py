"""Nothing is cut off on a 1024×600 netbook or a 1366×768 laptop, in either language: on every
main page (and the worker form), every widget shown lies inside the window or inside the scroll
area that holds it, and every label and button has the room its text needs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import users, village
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import i18n
from jamsos_desktop.ui.elided import ElidedLabel
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.settings import AppSettings

from ..conftest import build_template, open_copy

pytestmark = pytest.mark.gui

SIZES = [(1024, 600), (1366, 768)]
SCREENS = [*MainWindow.PAGES, "worker-form"]


@pytest.fixture(params=["id", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    assert i18n.apply_language(str(request.param))
    yield str(request.param)
    i18n.apply_language("id")


def _shown(w: QWidget) -> bool:
    return w.isVisible() and w.width() > 0 and w.height() > 0


def _clip_box(w: QWidget, top: QWidget) -> tuple[QWidget, QRect]:
    """The widget that clips ``w`` (the nearest scroll area's viewport, or the window) and its rect."""
    p = w.parentWidget()
    while p is not None and p is not top:
        sa = p.parentWidget()
        if isinstance(sa, QAbstractScrollArea) and p is sa.viewport():
            return p, p.rect()
        p = p.parentWidget()
    return top, top.rect()


def problems(top: QWidget) -> list[str]:
    found: list[str] = []
    for w in top.findChildren(QWidget):
        if not _shown(w) or w.window() is not top:
            continue
        if any(not a.isVisible() for a in _ancestors(w, top)):
            continue
        name = w.objectName() or type(w).__name__
        box, rect = _clip_box(w, top)
        # Every widget lies within its parent (a scroll area's contents within the viewport is
        # checked below: it may be taller, never wider); outside scroll areas, within the window.
        parent = w.parentWidget()
        inside = parent is None or parent.rect().adjusted(-1, -1, 1, 1).contains(w.geometry())
        if parent is not None and not _in_scroll_contents(w) and not inside:
            owner = parent.objectName() or type(parent).__name__
            found.append(f"{name} '{_text(w)}' sticks out of {owner}: {w.geometry()} in {parent.rect()}")
        if box is top:
            where = QRect(w.mapTo(top, QPoint(0, 0)), w.size())
            if not rect.adjusted(-1, -1, 1, 1).contains(where):
                found.append(f"{name} '{_text(w)}' is cut off by the window: {where} in {rect}")
        if _in_scroll_contents(w):
            sa = w.parentWidget().parentWidget()  # type: ignore[union-attr]
            assert isinstance(sa, QAbstractScrollArea)
            view = sa.viewport().size()
            off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            # Down is the way a page scrolls; sideways, what is on the right is as good as cut off.
            if w.width() > view.width() + 1:
                found.append(f"{name} is {w.width()} px wide in a scroll area {view.width()} px wide")
            if w.height() > view.height() + 1 and sa.verticalScrollBarPolicy() == off:
                found.append(
                    f"{name} is {w.height()} px high in a scroll area {view.height()} px high that does not scroll down"
                )
        if isinstance(w, ElidedLabel):
            # It may end in "…" on a narrow window, with the whole text in its tooltip.
            if w.toolTip() != w.text():
                found.append(f"elided label '{_text(w)}' does not hold its whole text in its tooltip")
        elif isinstance(w, QLabel) and w.text() and not w.pixmap():
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + 2:
                    found.append(f"label '{_text(w)}' needs {need} px of height, has {w.height()}")
            elif w.sizeHint().width() > w.width() + 2:
                found.append(f"label '{_text(w)}' needs {w.sizeHint().width()} px, has {w.width()}")
        if isinstance(w, QAbstractButton) and w.text() and w.minimumSizeHint().width() > w.width() + 2:
            found.append(f"button '{_text(w)}' needs {w.minimumSizeHint().width()} px, has {w.width()}")
        if isinstance(w, (QLineEdit, QComboBox)) and w.width() < 40:
            found.append(f"{name} is only {w.width()} px wide")
        if isinstance(w, QTableView):
            found += [f"{name}: {p}" for p in _clipped_headers(w)]
    return found


def _clipped_headers(t: QTableView) -> list[str]:
    """Column headers narrower than their own title: its text, the header's margins, and the
    sort arrow on the column sorted by (``sectionSizeHint`` counts an arrow on every column)."""
    header, model = t.horizontalHeader(), t.model()
    style, fm = header.style(), header.fontMetrics()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    out = []
    for c in range(header.count() if model is not None else 0):
        if header.isSectionHidden(c):
            continue
        title = str(model.headerData(c, Qt.Orientation.Horizontal))
        need = fm.horizontalAdvance(title) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == c:
            need += arrow + margin
        if header.sectionSize(c) < need:
            out.append(f"column '{title}' needs {need} px, has {header.sectionSize(c)}")
    return out


def _in_scroll_contents(w: QWidget) -> bool:
    """``w`` is a scroll area's contents widget itself (bigger than the viewport on purpose)."""
    p = w.parentWidget()
    sa = p.parentWidget() if p is not None else None
    return isinstance(sa, QAbstractScrollArea) and p is sa.viewport()


def _ancestors(w: QWidget, top: QWidget) -> Iterator[QWidget]:
    p = w.parentWidget()
    while p is not None and p is not top:
        yield p
        p = p.parentWidget()


def _text(w: QWidget) -> str:
    t = getattr(w, "text", None)
    return str(t())[:40] if callable(t) else ""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_main_screen_fits(
    qtbot: QtBot,
    demo_workspace: Workspace,
    settings: AppSettings,
    lang: str,
    size: tuple[int, int],
) -> None:
    win = MainWindow(demo_workspace, users.find_user(demo_workspace, "operator"), settings)
    qtbot.addWidget(win)
    assert walk(win, SCREENS, size) == []


def walk(win: MainWindow, screens: Sequence[str], size: tuple[int, int]) -> list[str]:
    """Shows the window at ``size`` and goes to each of ``screens``: what does not fit on each."""
    win.show()
    win.resize(*size)
    report: list[str] = []
    for screen in screens:
        if screen == "worker-form":
            page = win.go("workers")
            page.new_worker()  # type: ignore[attr-defined]
        else:
            win.go(screen)
        QApplication.processEvents()
        # The window can be that small: it never needs more than the screen has.
        need = win.minimumSizeHint().expandedTo(win.minimumSize())
        if need.width() > size[0] or need.height() > size[1]:
            report.append(f"{screen}: the window needs at least {need.width()}x{need.height()}")
        report += [f"{screen}: {p}" for p in problems(win)]
    return report


def test_the_eligibility_panel_can_be_put_away_and_the_fields_take_its_room(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings
) -> None:
    win = MainWindow(demo_workspace, users.find_user(demo_workspace, "operator"), settings)
    qtbot.addWidget(win)
    win.show()
    win.resize(1024, 600)
    page = win.go("workers")
    page.new_worker()  # type: ignore[attr-defined]
    form = page.form  # type: ignore[attr-defined]
    QApplication.processEvents()
    assert form.one_column  # a netbook: the fields in one column beside the panel
    before = form.fields_area.viewport().width()
    form.panel_button.click()
    QApplication.processEvents()
    assert not form.panel.isVisible() and form.fields_area.viewport().width() > before
    assert not form.one_column  # room for two columns again
    assert problems(win) == []
    form.panel_button.click()
    QApplication.processEvents()
    assert form.panel.isVisible() and form.one_column


#: The longest names there are: a nagari's, and a head's with every title.
LONG_NAGARI = "13.05.16.2006"  # Nagari Kampuang Tanjuang Koto Mambang Sungai Durian
LONG_HEAD = "Dr. H. Muhammad Ridwan Nugraha Prawiranegara, S.Sos., M.Si."


@pytest.fixture(scope="module")
def long_names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def setup(ws: Workspace) -> None:
        village.init_village(ws, code=LONG_NAGARI, head_name=LONG_HEAD, operator_name="Rina Marlina", year=2026)

    return build_template(tmp_path_factory.mktemp("long-names"), setup)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_longest_names_fit_too(
    qtbot: QtBot, long_names: Path, data_dir: Path, settings: AppSettings, lang: str, size: tuple[int, int]
) -> None:
    # The head signed in: the status bar names the village, its place and the head in full.
    ws = open_copy(long_names, data_dir)
    try:
        win = MainWindow(ws, users.find_user(ws, "kepala"), settings)
        qtbot.addWidget(win)
        assert walk(win, MainWindow.PAGES, size) == []
        bar = win.statusBar()
        for label in (win.village_status, win.user_status):
            assert bar.rect().contains(QRect(label.mapTo(bar, QPoint(0, 0)), label.size()))
        assert LONG_HEAD in win.user_status.toolTip()
        if size[0] == 1024:  # the place line gives way, and says so
            assert win.village_status.elided() and win.village_status.shown_text().endswith("…")
        win.close()
    finally:
        ws.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_import_wizard_fits_at_every_step(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    """The class for the dialogs: the import wizard, step by step with a sheet that has an error
    row (the preview full of long reasons), never needs more than the screen and cuts nothing.
    (A sentence of step 1 that did not wrap made it 1208 px wide: its buttons were off a netbook's screen.)"""
    from jamsos_desktop.ui.import_wizard import ImportWizard

    from ..importing.files import xlsx
    from ..importing.test_import_service import person

    bad = person(3)
    bad[1] = 3.20101e15
    sheet = xlsx(tmp_path / "a.xlsx", [person(1), person(2), bad])
    actor = users.find_user(workspace, "operator")
    w = ImportWizard(workspace, lambda: actor)
    qtbot.addWidget(w)
    w.show()
    w.resize(*size)
    found: list[str] = []
    for step in range(4):
        QApplication.processEvents()
        need = w.minimumSizeHint().expandedTo(w.minimumSize())
        if need.width() > size[0] or need.height() > size[1] - 40:  # a taskbar's room
            found.append(f"step {step + 1}: the wizard needs at least {need.width()}x{need.height()}")
        found += [f"step {step + 1}: {p}" for p in problems(w)]
        if step == 0:
            w.path_edit.setText(str(sheet))
        if step < 3:
            w.next_button.click()
    assert w.steps.currentIndex() == 3
    assert found == []

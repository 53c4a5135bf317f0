"""The first-run wizard finds every village: by its words, its kecamatan's and regency's, or its
code; the count is shown, the list scrolls to the very last match, the search runs off the GUI
thread, and Down in the search box enters the list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import village_search
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui.wizard import FIRST_PAGE, FirstRunWizard, VillagePage

from .conftest import spy_thread

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot: QtBot, tmp_path: Path) -> Iterator[VillagePage]:
    ws = Workspace.open(tmp_path / "fresh", create=True)
    wiz = FirstRunWizard(ws)
    qtbot.addWidget(wiz)
    wiz.show()
    yield wiz.village_page
    ws.close()


def _search(page: VillagePage, text: str) -> None:
    page.search.setText(text)
    page.run_search()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("sukamaju luwu utara", "73.22.06.2005"),  # one of the namesakes beyond a first 50
        ("73.22.06.2005", "73.22.06.2005"),  # the Kemendagri code, dotted
        ("7322062005", "73.22.06.2005"),  # and without dots
        ("cibiru hilir", "32.04.05.2005"),
        ("cileunyi cibiru", "32.04.05.2005"),  # a kecamatan word beside the village's
    ],
)
def test_a_village_is_found_by_its_words_or_code_and_chosen(page: VillagePage, query: str, code: str) -> None:
    _search(page, query)
    codes = [page.model.data(page.model.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(page.model.rowCount())]
    assert code in codes
    page.choose(codes.index(code))
    assert page.code == code and page.isComplete()
    assert code in page.chosen.text() or "Dipilih" in page.chosen.text()


@pytest.mark.parametrize("query", ["sukamaju", "sukamaju bogor", "cileunyi", "32.04", "su"])
def test_the_count_is_the_search_s_and_the_list_scrolls_to_the_last_match(page: VillagePage, query: str) -> None:
    found = village_search.search(query, limit=None)
    _search(page, query)
    assert page.model.total == found.total > 0
    assert f"{found.total:,}".replace(",", ".") in page.count.text()
    assert page.model.rowCount() == min(found.total, FIRST_PAGE)
    # Scrolled to the end: every match is there, in the search's order, the last one too.
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert page.model.rowCount() == found.total
    last = page.model.rowCount() - 1
    assert page.model.data(page.model.index(last, 0), Qt.ItemDataRole.UserRole) == found.villages[-1].code


def test_nothing_found_says_so(page: VillagePage) -> None:
    _search(page, "qqqzzzxx")
    assert page.model.rowCount() == 0 and "Tidak ada" in page.count.text()


def test_the_search_runs_off_the_gui_thread(
    page: VillagePage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, thread_pool: list[BaseException]
) -> None:
    calls = spy_thread(monkeypatch, village_search, "search")
    qtbot.keyClicks(page.search, "sukamaju")
    qtbot.waitUntil(lambda: page.model.total > 0, timeout=10_000)
    assert calls and not any(calls)
    assert thread_pool == []


def test_down_in_the_search_enters_the_list(page: VillagePage, qtbot: QtBot) -> None:
    page.search.setFocus()
    _search(page, "cibiru")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.results
    assert page.results.currentIndex().row() == 0 and page.isComplete()
    qtbot.keyClick(page.results, Qt.Key.Key_Down)
    assert page.results.currentIndex().row() == 1
    assert page.code == page.model.data(page.model.index(1, 0), Qt.ItemDataRole.UserRole)


def test_the_account_page_says_which_password_it_means(page: VillagePage) -> None:
    wiz = page.wizard()
    assert isinstance(wiz, FirstRunWizard)
    text = wiz.account_page.which.text()
    assert "JAMSOS Desktop" in text and "Windows" in text


def test_each_found_village_names_its_place_in_the_language_shown(page: VillagePage) -> None:
    """Indonesian: 'Kec. Sabbang, Kabupaten Luwu Utara'; English: 'Sabbang district, Luwu Utara
    Regency' (the one place composing it: domain.regions.district_place)."""
    from jamsos_desktop.ui import i18n

    _search(page, "73.22.06.2005")
    first = page.model.index(0, 0)
    shown = page.model.data(first, Qt.ItemDataRole.DisplayRole)
    assert "Kec. " in shown and "Kabupaten Luwu Utara" in shown
    try:
        assert i18n.apply_language("en")
        english = page.model.data(first, Qt.ItemDataRole.DisplayRole)
        assert "Kec." not in english and "Kabupaten" not in english
        assert " district, Luwu Utara Regency" in english and "(73.22.06.2005)" in english
    finally:
        i18n.apply_language("id")

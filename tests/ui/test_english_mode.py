"""English mode is English: on every page, in every text a person can read (labels, buttons,
tables, lists, the charts, the quota bar, the status bar), none of the app's Indonesian
vocabulary is left, and numbers are grouped the English way."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import nominations, users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import i18n
from jamsos_desktop.ui.chart import BarChart, QuotaBar
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.settings import AppSettings

from .test_indonesian_buttons import _columns, texts

pytestmark = pytest.mark.gui

# Words of the app's own Indonesian (its labels, statuses, categories, sexes, amounts in words,
# region words), none of which is a name of a person or a place.
VOCABULARY = {
    "dari", "dan", "yang", "untuk", "orang", "sisa", "tempat", "pekerja", "usulan", "terpakai",
    "bulan", "belum", "sudah", "semua", "tidak", "ada", "dengan", "atau", "pengguna", "simpan",
    "batal", "cari", "tampilkan", "laki", "perempuan", "tercatat", "diusulkan", "disetujui",
    "ditolak", "dicetak", "ditandatangani", "dikirim", "terdaftar", "juta", "ribu", "ratus",
    "puluh", "kec", "kecamatan", "kabupaten", "kelurahan", "buruh", "pedagang", "nelayan",
    "petani", "lainnya", "tukang", "kader", "anggota", "pengurus", "petugas", "perangkat",
    "tenaga", "kuota", "iuran", "anggaran", "kelayakan", "penilaian", "calon", "peringkat",
    "skor", "basis", "tersimpan", "menunggu", "berikutnya", "langkah", "versi", "kode", "ganda",
    "kota", "desa",
}  # fmt: skip
# Names that contain such words but are names: the demo's hamlets and people, the village. A
# regency is written the English way ("Bandung Regency", not "Kabupaten Bandung").
NAMES = re.compile(r"Sukamaju|Cibiru|Cileunyi|Jawa Barat|Kp\.|Dusun \w+")
#: Fields whose items are data written as the papers print them (the head's title, "Kepala Desa").
DATA_FIELDS = {"headTitle"}
#: An amount grouped the Indonesian way ("Rp17.539.200"), which English writes "Rp17,539,200".
INDONESIAN_AMOUNT = re.compile(r"Rp\s?\d{1,3}(\.\d{3})+")


@pytest.fixture
def english() -> Iterator[None]:
    assert i18n.apply_language("en")
    yield
    i18n.apply_language("id")


def readable(top: QWidget) -> set[str]:
    """Everything a person can read on screen: ``texts`` and the rows of tables and lists, the
    items of combo boxes, what the charts and the quota bar paint."""
    found = set(texts(top))
    for w in top.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            for r in range(min(m.rowCount(QModelIndex()), 30)):
                for c in range(_columns(m)):
                    v = m.index(r, c).data(Qt.ItemDataRole.DisplayRole)
                    if v is not None:
                        found.add(str(v))
        if isinstance(w, QComboBox) and w.objectName() not in DATA_FIELDS:
            found.update(w.itemText(i) for i in range(w.count()))
        if isinstance(w, BarChart):
            found.update(label for label, _v, _c in w.items)
            found.add(w.title)
        if isinstance(w, QuotaBar):
            found.add(w.text)
    for label in top.findChildren(QLabel):
        if label.isVisible():
            found.add(label.text())
    return found


def indonesian(text: str) -> set[str]:
    """The app's Indonesian words in ``text``; words in capitals are the KTP's own occupation
    names (Dukcapil's list, shown as the card prints them), not the app's words."""
    plain = NAMES.sub(" ", re.sub(r"<[^>]+>", " ", text))
    found = {w for w in re.findall(r"[A-Za-z]+", plain) if w.lower() in VOCABULARY and not w.isupper()}
    return found | {m.group(0) for m in INDONESIAN_AMOUNT.finditer(text)}


def test_every_page_in_english_mode_is_english(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, english: None
) -> None:
    operator = users.find_user(demo_workspace, "operator")
    nominations.nominate_ranked(demo_workspace, operator, limit=5)
    win = MainWindow(demo_workspace, operator, settings)
    qtbot.addWidget(win)
    win.show()
    win.resize(1366, 768)
    left: dict[str, set[str]] = {}
    screens = [*win.PAGES, "worker-form"]
    for screen in screens:
        if screen == "worker-form":
            page = win.go("workers")
            page.open_worker(page.model.row_at(0).id)  # type: ignore[attr-defined]
        else:
            win.go(screen)
        QApplication.processEvents()
        for text in readable(win) | {win.statusBar().currentMessage()}:
            words = indonesian(text)
            if words:
                left.setdefault(screen, set()).add(f"{sorted(words)} in {text[:90]!r}")
    assert left == {}, "\n".join(f"{k}: {v}" for k, vs in left.items() for v in sorted(vs))


def test_numbers_are_written_as_the_language_writes_them(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings
) -> None:
    """Counts, decimals and rupiah follow the language (12.345 / 12,345; 1,5 / 1.5;
    Rp20.160.000 / Rp20,160,000); the printed documents stay Indonesian."""
    from jamsos_desktop.ui import amounts

    for lang, grouped, dec in (("id", "12.345", "1,5"), ("en", "12,345", "1.5")):
        assert i18n.apply_language(lang)
        try:
            win = MainWindow(demo_workspace, users.find_user(demo_workspace, "operator"), settings)
            qtbot.addWidget(win)
            assert amounts.count(12_345) == grouped and amounts.decimal(1.5) == dec
            assert amounts.rupiah(20_160_000) == ("Rp20,160,000" if lang == "en" else "Rp20.160.000")
            size = win.db_status.text()
            assert re.search(r"\d" + re.escape(dec[1]) + r"\d MB", size), size
            dash = win.go("dashboard")
            assert dash.cards["total"].text() == "200"  # type: ignore[attr-defined]
            words = dash.budget_words.text()  # type: ignore[attr-defined]
            assert ("rupiah" in words) and (("juta" in words) == (lang == "id") or "Rp0" in words)
        finally:
            i18n.apply_language("id")


@pytest.mark.parametrize(("places", "word"), [(1, "1 place left"), (2, "2 places left")])
def test_one_place_is_a_place(
    qtbot: QtBot, workspace: Workspace, settings: AppSettings, english: None, places: int, word: str
) -> None:
    from dataclasses import replace

    from jamsos_desktop.ui.pages.dashboard import DashboardPage

    operator = users.find_user(workspace, "operator")
    dash = DashboardPage(workspace, lambda: operator)
    qtbot.addWidget(dash)
    assert dash.data is not None
    quota = replace(dash.data.quota, quota=places, counted=0, months=1, budget_ceiling=None)
    dash.show_data(replace(dash.data, quota=quota))
    text = dash.budget_words.text()
    assert word in text and "× 1 month." in text, text


def test_place_words_are_composed_in_one_place_per_language() -> None:
    from jamsos_desktop.domain import regions

    assert regions.district_place("Cileunyi", "Kabupaten Bandung") == "Kec. Cileunyi, Kabupaten Bandung"
    assert regions.district_place("Cileunyi", "Kabupaten Bandung", "en") == "Cileunyi district, Bandung Regency"
    assert regions.regency_name("Kota Bandung", "en") == "Bandung City"
    assert regions.regency_name("Kota Bandung") == "Kota Bandung"
    assert (
        regions.english_places("Kec. Sukamaju, Kabupaten Luwu Utara, Sulawesi Selatan")
        == "Sukamaju district, Luwu Utara Regency, Sulawesi Selatan"
    )
    assert regions.describe_district("320405", "en") == "Cileunyi district, Bandung Regency"
    assert regions.describe_district("320405") == "Kec. Cileunyi, Kabupaten Bandung"


def test_rupiah_one_format_per_language_and_documents_keep_the_indonesian() -> None:
    from jamsos_desktop.domain import money

    assert money.rupiah(17_539_200) == "Rp17.539.200" and money.rupiah(-5_000) == "-Rp5.000"
    assert money.rupiah(17_539_200, "en") == "Rp17,539,200"


def test_plural_counts_and_the_sex_code_in_english(qtbot: QtBot, workspace: Workspace, english: None) -> None:
    from PySide6.QtCore import QCoreApplication

    from jamsos_desktop.ui import amounts
    from jamsos_desktop.ui.worker_form import WorkerForm

    one = QCoreApplication.translate("ImportWizard", "{0} ganda", "", 1).format(1)
    two = QCoreApplication.translate("ImportWizard", "{0} ganda", "", 2).format(2)
    assert (one, two) == ("1 duplicate", "2 duplicates")
    operator = users.find_user(workspace, "operator")
    form = WorkerForm(workspace, lambda: operator)
    qtbot.addWidget(form)
    sex = form.fields["sex"]
    assert isinstance(sex, QComboBox)
    # The form's choice starts with the code the lists show (M / F in English), not L / P.
    for code in ("L", "P"):
        assert sex.itemText(sex.findData(code)).startswith(amounts.sex(code) + " — ")
    assert amounts.sex("L") == "M" and amounts.sex("P") == "F"


#: English words of the app's own that Indonesian mode must not show (Qt's or a missed tr()).
ENGLISH = {"save", "cancel", "of", "the", "and", "workers", "worker", "district", "regency", "village", "left"}


def test_every_page_in_indonesian_mode_is_indonesian(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings
) -> None:
    assert i18n.apply_language("id")
    operator = users.find_user(demo_workspace, "operator")
    nominations.nominate_ranked(demo_workspace, operator, limit=5)
    win = MainWindow(demo_workspace, operator, settings)
    qtbot.addWidget(win)
    win.show()
    win.resize(1024, 600)
    left: dict[str, set[str]] = {}
    for screen in [*win.PAGES, "worker-form"]:
        if screen == "worker-form":
            page = win.go("workers")
            page.open_worker(page.model.row_at(0).id)  # type: ignore[attr-defined]
        else:
            win.go(screen)
        QApplication.processEvents()
        for text in readable(win) | {win.statusBar().currentMessage()}:
            plain = re.sub(r"(?:/[\w.-]+)+", " ", re.sub(r"<[^>]+>", " ", text))  # not a file's path
            words = {w for w in re.findall(r"[A-Za-z]+", plain) if w.lower() in ENGLISH and not w.isupper()}
            words |= {m.group(0) for m in re.finditer(r"Rp\d{1,3}(,\d{3})+", text)}
            if words:
                left.setdefault(screen, set()).add(f"{sorted(words)} in {text[:90]!r}")
    assert left == {}, "\n".join(f"{k}: {v}" for k, vs in left.items() for v in sorted(vs))

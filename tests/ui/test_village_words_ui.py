"""Every kind of village sees its own words on screen: the window's title and place line, the head's
role (status bar, accounts, the new-account picker), the form's hamlet label and the wizard's
preselected title, in Indonesian and in English. One village of each kind, with its real name."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import regions
from jamsos_desktop.domain import village_words as vw
from jamsos_desktop.services import overview, printing, users, village
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import i18n, village_text
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.pages.dashboard import DashboardPage
from jamsos_desktop.ui.pages.documents import DocumentsPage
from jamsos_desktop.ui.pages.nominations import NominationsPage
from jamsos_desktop.ui.pages.settings import SettingsPage
from jamsos_desktop.ui.settings import AppSettings
from jamsos_desktop.ui.wizard import FirstRunWizard
from jamsos_desktop.ui.worker_form import WorkerForm

from ..conftest import build_template, open_copy

pytestmark = pytest.mark.gui


@dataclass(frozen=True)
class Kind:
    code: str
    unit: str  # the village's own word
    title: str  # the head's title the region uses
    hamlet: str
    english_unit_name: str  # how the English window names the village


KINDS = {
    "desa in Java": Kind("32.04.05.2005", "Desa", "Kepala Desa", "Dusun", "Cibiru Hilir village"),
    "nagari in West Sumatra": Kind(
        "13.05.16.2006",
        "Nagari",
        "Wali Nagari",
        "Korong",
        "Nagari Kampuang Tanjuang Koto Mambang Sungai Durian",
    ),
    "gampong in Aceh": Kind("11.03.09.2017", "Gampong", "Keuchik", "Dusun", "Gampong Lampoh Rayeuk"),
    "desa in Bali": Kind("51.03.03.2016", "Desa", "Perbekel", "Banjar", "Abiansemal Dauh Yeh Cani village"),
    "kelurahan in a city": Kind("32.73.01.1001", "Kelurahan", "Lurah", "Lingkungan", "Kelurahan Sukarasa"),
}
HEAD = "Dr. H. Muhammad Ridwan Nugraha Prawiranegara, S.Sos., M.Si."


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A database of each kind, set up as init does it (the title left to the region)."""

    def setup(code: str) -> object:
        return lambda ws: village.init_village(ws, code=code, head_name=HEAD, operator_name="Rina Marlina", year=2026)

    return {
        k: build_template(tmp_path_factory.mktemp(f"kind-{i}"), setup(v.code)) for i, (k, v) in enumerate(KINDS.items())
    }


@pytest.fixture(params=list(KINDS))
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def place(kind: str, templates: dict[str, Path], data_dir: Path) -> Iterator[Workspace]:
    ws = open_copy(templates[kind], data_dir)
    yield ws
    ws.close()


@pytest.fixture(params=["id", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    assert i18n.apply_language(str(request.param))
    yield str(request.param)
    i18n.apply_language("id")


def test_the_window_the_roles_and_the_form_use_the_village_s_words(
    qtbot: QtBot, kind: str, place: Workspace, lang: str, settings: AppSettings
) -> None:
    k = KINDS[kind]
    v = regions.village(k.code)
    assert v is not None
    head = users.find_user(place, "kepala")
    win = MainWindow(place, head, settings)
    qtbot.addWidget(win)

    unit_name = f"{k.unit} {v.name}" if lang == "id" else k.english_unit_name
    assert win.windowTitle() == f"JAMSOS Desktop — {unit_name}"
    if lang == "id":  # the place line is the domain's, word for word
        words = village_text.words_of(village.get_village(place))
        assert win.village_status.text() == vw.place_label(words, v.district, v.regency)
    else:
        regency = regions.regency_name(v.regency, "en")  # "Bandung Regency", "Bandung City"
        assert win.village_status.text() == f"{unit_name}, {v.district} district, {regency}"
        assert "Kabupaten" not in regency and "Kota " not in regency

    plain = k.title == "Kepala Desa"
    if lang == "id":
        head_role = "kepala desa" if plain else k.title.lower()
        head_label = f"{k.title} (penyetuju)"  # "Wali Nagari (penyetuju)": the title as the village writes it
    else:
        head_role = "village head" if plain else k.title
        head_label = "Village head (approver)" if plain else f"{k.title} (approver)"
    user = "Pengguna" if lang == "id" else "User"
    assert win.user_status.text() == f"{user}: {HEAD} ({head_role})"

    admin = users.add_user(place, head, username="admin", full_name="Admin", role="admin", password="rahasia-123")
    page = SettingsPage(place, lambda: admin, settings)
    qtbot.addWidget(page)
    roles = {page.users.item(r, 0).text(): page.users.item(r, 2).text() for r in range(page.users.rowCount())}  # type: ignore[union-attr]
    assert roles == {"operator": "Operator", "kepala": head_label, "admin": "Admin"}
    assert page.village_box.title() == (k.unit if lang == "id" or k.unit != "Desa" else "Village")
    name_label = page.head_name_label.text()
    assert name_label == (
        ("Nama kepala desa:" if lang == "id" else "Village head's name:")
        if plain
        else (f"Nama {k.title}:" if lang == "id" else f"Name of the {k.title}:")
    )

    # The eligibility switch names the head and the officials as the village calls them.
    officials = page.allow_officials.text()
    unit = (k.unit if lang == "id" or k.unit != "Desa" else "Village").lower()
    if plain:
        want = (
            "Kepala desa, perangkat desa dan BPD boleh diusulkan"
            if lang == "id"
            else "Village head, officials and BPD may be nominated"
        )
    elif k.unit == "Kelurahan":  # no BPD in a kelurahan
        want = (
            f"{k.title} dan perangkat {unit} boleh diusulkan"
            if lang == "id"
            else f"{k.title} and {unit} officials may be nominated"
        )
    elif lang == "id":
        want = f"{k.title}, perangkat {unit} dan BPD boleh diusulkan"
    else:
        want = f"{k.title}, {unit} officials and BPD may be nominated"
    assert officials == want

    form = WorkerForm(place, lambda: users.find_user(place, "operator"))
    qtbot.addWidget(form)
    form.load_new()
    hamlet = form._labels["dusun"].text()
    if lang == "id":
        assert hamlet == k.hamlet
    else:
        assert hamlet == ("Hamlet" if k.hamlet == "Dusun" else f"{k.hamlet} (hamlet)")
    noms = NominationsPage(place, lambda: head)
    qtbot.addWidget(noms)
    assert noms.table.horizontalHeaderItem(2).text() == hamlet  # type: ignore[union-attr]
    assert noms.candidates.horizontalHeaderItem(3).text() == hamlet  # type: ignore[union-attr]
    dash = DashboardPage(place, lambda: head)
    qtbot.addWidget(dash)
    dash.show_data(overview.dashboard(place))  # what the page's background read hands it
    if k.hamlet == "Dusun":
        assert dash.dusun_chart.title == ("Menurut dusun" if lang == "id" else "By hamlet")
    else:
        assert dash.dusun_chart.title == (f"Menurut {k.hamlet.lower()}" if lang == "id" else f"By {k.hamlet} (hamlet)")
    docs = DocumentsPage(place, lambda: head)
    qtbot.addWidget(docs)
    decree = docs.document.itemText(docs.document.findData(printing.DECREE))
    if not plain:
        assert k.title in decree
    # No Indonesian plain-desa words left in a village that is not one.
    shown = " ".join(
        (win.windowTitle(), win.village_status.text(), win.user_status.text(), hamlet, name_label, decree, officials)
    )
    if k.unit != "Desa":
        assert "Desa" not in shown and "desa" not in shown


def test_the_wizard_preselects_the_region_s_title_and_keeps_a_changed_one(
    qtbot: QtBot, kind: str, workspace: Workspace
) -> None:
    k = KINDS[kind]
    wiz = FirstRunWizard(workspace)
    qtbot.addWidget(wiz)
    wiz.village_page.code = k.code
    wiz.people_page.initializePage()
    assert wiz.people_page.head_title.currentText() == k.title
    assert k.title in wiz.people_page.title_hint.text()
    wiz.people_page.head_title.setCurrentText("Kepala Kampung")  # the village calls itself otherwise
    wiz.people_page.initializePage()  # back and forth: the person's choice stays
    assert wiz.people_page.head_title.currentText() == "Kepala Kampung"
    assert wiz.collected().head_title == "Kepala Kampung"


def test_a_worker_s_explanation_names_the_officials_as_the_village_does(
    qtbot: QtBot, place: Workspace, kind: str, lang: str
) -> None:
    """The officials rule, stored with an official's assessment (the Nominasi page and the
    printed lists show it) and in the form's preview, names the head, the officials and the
    council as this village calls them, allowed or not; a kelurahan has no BPD."""
    from jamsos_desktop.domain.worker import validate_worker
    from jamsos_desktop.services import assessment, workers

    from ..services.test_workers import SITI

    k = KINDS[kind]
    operator = users.find_user(place, "operator")
    official = SITI | {"category": "perangkat_desa", "nik": k.code.replace(".", "")[:6] + "4508950001"}
    workers.add_worker(place, operator, official)

    def explanation() -> tuple[str, str]:
        (stored,) = [r for row in assessment.assess(place, operator).rows for r in row.rules if r.rule == "officials"]
        data = validate_worker(official, reference=None).data
        assert data is not None
        (preview,) = [r for r in overview.preview_eligibility(place, data).rules if r.rule == "officials"]
        assert preview == stored
        return stored.reason(lang), ("ok" if stored.passed else "refused")

    unit = k.unit.lower()
    if lang == "id":
        who = (
            f"{k.title.lower()} atau perangkat {unit}"
            if k.unit == "Kelurahan"
            else f"{k.title.lower()}, perangkat {unit} atau anggota BPD"
        )
    else:
        title = "village head" if k.title == "Kepala Desa" else k.title
        unit_en = "village" if unit == "desa" else unit
        who = (
            f"{title} or {unit_en} official" if k.unit == "Kelurahan" else f"{title}, {unit_en} official or BPD member"
        )
    text, outcome = explanation()
    assert outcome == "ok" and text.startswith(f"{who}: ")
    village.update_program(place, operator, allow_officials=False)
    text, outcome = explanation()
    assert outcome == "refused" and text.startswith(f"{who}: ")
    if k.unit != "Desa":
        assert " desa" not in text.lower()  # a nagari's officials are not "perangkat desa"
    if k.unit == "Kelurahan":
        assert "BPD" not in text

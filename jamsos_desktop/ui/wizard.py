"""First run: the village (searched by name), its head and operator, the program, the first admin.

On a fresh data folder the wizard first asks which office the laptop serves; the district
office's pages (the hub's database, its head, its keys) are in ``ui/wizard_district.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain import money, regions, village_search
from ..domain.text import UserError, language
from ..domain.village_words import default_head_title
from ..services import firstrun, printing
from ..services.context import Actor, Workspace
from ..services.village import HEAD_TITLES
from . import amounts, errors
from . import wizard_district as district
from .ops import CollectionOp, Latest, OpChanges, QueryOp

# The first answer to a search: enough to choose from at once; the rest comes when scrolled to.
FIRST_PAGE = 300


class VillageModel(QAbstractListModel):
    """The villages a search found, ranked: the first ``FIRST_PAGE`` at once, and all of them
    (``total`` of them) once the list is scrolled to its end, read off the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = ""
        self.total = 0
        self.villages: tuple[regions.Village, ...] = ()
        self._more = Latest(self, one_at_a_time=True)
        self._fetching = False

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.villages)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.villages):
            return None
        v = self.villages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = self.tr("Kelurahan") if v.kind == "kelurahan" else self.tr("Desa")
            place = regions.district_place(v.district, v.regency, language())
            return f"{kind} {v.name} — {place}, {v.province}  ({v.code})"
        if role == Qt.ItemDataRole.UserRole:
            return v.code
        return None

    def show(self, query: str, found: village_search.Found) -> None:
        self.beginResetModel()
        self.query, self.total, self.villages = query, found.total, found.villages
        self._more.drop()
        self._fetching = False
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.villages) < self.total and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        query = self.query
        self._more.ask(lambda: village_search.search(query, limit=None), lambda found: self._more_arrived(query, found))

    def _more_arrived(self, query: str, found: village_search.Found) -> None:
        self._fetching = False
        if query != self.query or len(found.villages) <= len(self.villages):
            return
        first = len(self.villages)
        # The ranking is the same for the same query, so the rows shown stay where they are.
        self.beginInsertRows(QModelIndex(), first, len(found.villages) - 1)
        self.villages = found.villages
        self.total = found.total
        self.endInsertRows()


class VillagePage(QWizardPage):
    """Finds the village by its name, its kecamatan's, regency's or province's words, or its
    Kemendagri code; the search runs off the GUI thread (its index takes a couple of seconds
    to build the first time), and only the newest text's answer is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Desa atau kelurahan"))
        self.setSubTitle(
            self.tr(
                "Ketik nama desa, boleh ditambah nama kecamatan atau kabupaten (contoh: sukamaju luwu utara), atau kode Kemendagri. Tekan panah bawah untuk memilih dari daftar."
            )
        )
        self.search = QLineEdit()
        self.search.setObjectName("villageSearch")
        self.search.setPlaceholderText(self.tr("contoh: Cibiru Hilir, sukamaju bogor, 32.04.05.2005"))
        self.search.setClearButtonEnabled(True)
        self.model = VillageModel(self)
        self.results = QListView()
        self.results.setObjectName("villageResults")
        self.results.setModel(self.model)
        self.results.setUniformItemSizes(True)  # tens of thousands of rows scroll without measuring each
        self.count = QLabel()
        self.count.setObjectName("villageCount")
        self.count.setWordWrap(True)
        self.chosen = QLabel(self.tr("Belum ada desa dipilih."))
        self.chosen.setObjectName("villageChosen")
        self.chosen.setWordWrap(True)
        label = QLabel(self.tr("&Cari desa/kelurahan:"))
        label.setBuddy(self.search)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(self.search)
        lay.addWidget(self.count)
        lay.addWidget(self.results, 1)
        lay.addWidget(self.chosen)
        self._searches = Latest(self, one_at_a_time=True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._enter)
        self.search.installEventFilter(self)
        self.results.selectionModel().currentChanged.connect(self._picked)
        self.code = ""
        self._warmed = False

    def initializePage(self) -> None:
        # Build the search's index while the person reads the page and starts typing.
        if not self._warmed:
            self._warmed = True
            QueryOp(self, lambda: village_search.search("x", limit=1)).quiet().run()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
                self.enter_list()
                return True
        return super().eventFilter(watched, event)

    def enter_list(self) -> None:
        """Down in the search: the first village is chosen and the arrows move in the list."""
        self.results.setFocus()
        current = self.results.currentIndex()
        if not current.isValid():
            self.results.setCurrentIndex(self.model.index(0, 0))

    def _enter(self) -> None:
        self.run_search()
        if self.model.rowCount() == 1:
            self.results.setCurrentIndex(self.model.index(0, 0))

    def run_search(self) -> None:
        self._timer.stop()
        query = self.search.text().strip()
        if len(query) < 2:
            self._searches.drop()
            self.model.show(query, village_search.Found(0, ()))
            self.count.setText(self.tr("Ketik paling sedikit 2 huruf atau angka."))
            return
        self.count.setText(self.tr("Mencari…"))
        self._searches.ask(
            lambda: village_search.search(query, limit=FIRST_PAGE), lambda found: self._arrived(query, found)
        )

    def _arrived(self, query: str, found: village_search.Found) -> None:
        self.model.show(query, found)
        self._show_count()

    def _show_count(self) -> None:
        total = self.model.total
        shown = amounts.count(total)
        if total == 0:
            self.count.setText(
                self.tr("Tidak ada desa yang cocok. Periksa ejaan, atau cari dengan nama kecamatan atau kode.")
            )
        elif total <= FIRST_PAGE:
            self.count.setText(self.tr("{0} desa/kelurahan ditemukan.").format(shown))
        else:
            self.count.setText(
                self.tr(
                    "{0} desa/kelurahan ditemukan; gulir untuk melihat semuanya, atau tambah nama kecamatan/kabupaten untuk mempersempit."
                ).format(shown)
            )

    def row_texts(self) -> list[str]:
        return [str(self.model.data(self.model.index(r, 0))) for r in range(self.model.rowCount())]

    def choose(self, row: int) -> None:
        self.results.setCurrentIndex(self.model.index(row, 0))

    def _picked(self, current: QModelIndex, _prev: QModelIndex | None = None) -> None:
        code = self.model.data(current, Qt.ItemDataRole.UserRole) if current.isValid() else None
        if not code and self.code:
            return  # a new search clears the list, not the village already chosen
        self.code = str(code) if code else ""
        v = regions.village(self.code) if self.code else None
        self.chosen.setText(self.tr("Dipilih: {0}").format(v.label) if v else self.tr("Belum ada desa dipilih."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.code)


class PeoplePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Kepala desa dan operator"))
        self.setSubTitle(self.tr("Nama-nama ini dicetak pada formulir, daftar nominatif dan surat keputusan."))
        self.head_title = QComboBox()
        self.head_title.setEditable(True)
        self.head_title.addItems(HEAD_TITLES)
        self.head_name = QLineEdit()
        self.head_name.setObjectName("headName")
        self.operator_name = QLineEdit()
        self.operator_name.setObjectName("operatorName")
        self.operator_name.setPlaceholderText(
            self.tr("boleh kosong: baris tanda tangan dibiarkan untuk ditulis tangan")
        )
        self.office = QLineEdit()
        self.title_hint = QLabel()
        self.title_hint.setObjectName("headTitleHint")
        self.title_hint.setWordWrap(True)
        self.title_hint.setStyleSheet("color: #57606a;")
        form = QFormLayout(self)
        form.addRow(self.tr("Sebutan kepala desa:"), self.head_title)
        form.addRow("", self.title_hint)
        form.addRow(self.tr("Nama kepala desa:"), self.head_name)
        form.addRow(self.tr("Nama operator (boleh kosong):"), self.operator_name)
        form.addRow(self.tr("Alamat kantor:"), self.office)
        # The emblem: optional here, but until it is set every document prints a sample marked
        # CONTOH, so the wizard asks for it where the letterhead's other details are typed.
        self.emblem = b""
        self.emblem_filename = ""
        self.emblem_file = QLineEdit()
        self.emblem_file.setObjectName("emblemFile")
        self.emblem_file.setReadOnly(True)
        self.emblem_file.setPlaceholderText(self.tr("belum dipilih (boleh nanti)"))
        self.choose_emblem_button = QPushButton(self.tr("Pilih &lambang…"))
        self.choose_emblem_button.setObjectName("chooseEmblem")
        self.clear_emblem_button = QPushButton(self.tr("Hapus"))
        self.clear_emblem_button.setObjectName("clearEmblem")
        self.clear_emblem_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.emblem_file, 1)
        row.addWidget(self.choose_emblem_button)
        row.addWidget(self.clear_emblem_button)
        self.emblem_note = QLabel(
            self.tr(
                "Lambang daerah untuk kop surat: berkas PNG atau JPEG, paling besar {0} MB. Selama belum diatur, formulir, daftar dan surat keputusan memuat lambang contoh bertanda CONTOH; bisa diatur nanti di Pengaturan."
            ).format(printing.MAX_EMBLEM_BYTES // (1024 * 1024))
        )
        self.emblem_note.setObjectName("emblemNote")
        self.emblem_note.setWordWrap(True)
        self.emblem_note.setStyleSheet("color: #57606a;")
        form.addRow(self.tr("Lambang daerah (boleh nanti):"), row)
        form.addRow("", self.emblem_note)
        self.choose_emblem_button.clicked.connect(self.choose_emblem)
        self.clear_emblem_button.clicked.connect(self.clear_emblem)
        self.head_name.textChanged.connect(lambda _t: self.completeChanged.emit())
        self._titled_for = ""  # the village whose regional title was offered

    def initializePage(self) -> None:
        """The title the village's region uses is chosen for it, to confirm or change (once per
        village picked: coming back keeps what the person chose)."""
        wizard = self.wizard()
        page = getattr(wizard, "village_page", None)
        code = getattr(page, "code", "")
        v = regions.village(code) if code else None
        if v is None or code == self._titled_for:
            return
        self._titled_for = code
        title = default_head_title(v.code, v.kind)
        self.head_title.setCurrentText(title)
        self.title_hint.setText(
            self.tr("Sebutan yang lazim di wilayah ini: {0}. Ubah bila {1} memakai sebutan lain.").format(title, v.name)
        )

    def isComplete(self) -> bool:
        return bool(self.head_name.text().strip())

    def choose_emblem(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih lambang daerah"), str(Path.home()), self.tr("Gambar (*.png *.jpg *.jpeg)")
        )
        if path:
            self.load_emblem(path)

    def load_emblem(self, path: str) -> bool:
        """Reads and checks the picture now, so a wrong file is said on this page, naming the
        field and the file; refused, the emblem chosen before (if any) and the page stay as they were."""
        try:
            data = printing.read_emblem(path)
        except UserError as exc:
            errors.show_user_error(self, exc)
            return False
        self.emblem, self.emblem_filename = data, path
        self.emblem_file.setText(Path(path).name)
        self.clear_emblem_button.setEnabled(True)
        return True

    def clear_emblem(self) -> None:
        self.emblem, self.emblem_filename = b"", ""
        self.emblem_file.clear()
        self.clear_emblem_button.setEnabled(False)


class ProgramPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Program perlindungan"))
        self.setSubTitle(self.tr("Bisa diubah nanti di Pengaturan."))
        self.year = QSpinBox()
        self.year.setRange(2015, 2100)
        self.year.setValue(dt.date.today().year)
        self.quota = QSpinBox()
        self.quota.setRange(1, 100_000)
        self.quota.setValue(100)
        self.months = QSpinBox()
        self.months.setRange(1, 12)
        self.months.setValue(12)
        self.mode = QComboBox()
        lowest = money.contribution(None).monthly
        self.mode.addItem(
            self.tr("Kelas terendah untuk semua ({0}/bulan)").format(amounts.rupiah(lowest)), "lowest_band"
        )
        self.mode.addItem(self.tr("Menurut penghasilan yang dilaporkan"), "declared_income")
        self.budget = QLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("Tahun program:"), self.year)
        form.addRow(self.tr("Kuota pekerja:"), self.quota)
        form.addRow(self.tr("Jumlah bulan dibayar:"), self.months)
        form.addRow(self.tr("Aturan iuran:"), self.mode)
        form.addRow(self.tr("Perkiraan anggaran:"), self.budget)
        for w in (self.quota, self.months):
            w.valueChanged.connect(self._update_budget)
        self._update_budget()

    def _update_budget(self) -> None:
        total = money.budget(self.quota.value(), money.contribution(None).monthly, self.months.value())
        self.budget.setText(self.tr("{0} (kelas terendah)").format(amounts.rupiah(total)))


class AccountPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Akun administrator"))
        self.setSubTitle(
            self.tr(
                "Admin mengatur desa, program dan pengguna. Akun 'operator' dan 'kepala' juga dibuat; beri kata sandi sekarang atau nanti di Pengaturan."
            )
        )
        self.username = QLineEdit("admin")
        self.username.setObjectName("adminUsername")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setObjectName("adminPassword")
        self.confirm = QLineEdit()
        self.confirm.setObjectName("adminConfirm")
        self.operator_password = QLineEdit()
        self.operator_password.setObjectName("operatorPassword")
        self.head_password = QLineEdit()
        self.head_password.setObjectName("headPassword")
        for w in (self.password, self.confirm, self.operator_password, self.head_password):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setObjectName("accountHint")
        form = QFormLayout(self)
        self.which = QLabel(
            self.tr(
                "Kata sandi di sini untuk masuk ke JAMSOS Desktop, bukan kata sandi Windows atau email. Simpan di tempat yang aman."
            )
        )
        self.which.setObjectName("passwordMeaning")
        self.which.setWordWrap(True)
        form.addRow(self.which)
        form.addRow(self.tr("Nama pengguna admin:"), self.username)
        form.addRow(self.tr("Nama lengkap:"), self.full_name)
        form.addRow(self.tr("Kata sandi admin untuk masuk aplikasi (min. 8):"), self.password)
        form.addRow(self.tr("Ulangi kata sandi admin:"), self.confirm)
        form.addRow(self.tr("Kata sandi akun 'operator':"), self.operator_password)
        form.addRow(self.tr("Kata sandi akun 'kepala':"), self.head_password)
        form.addRow(self.hint)
        for w in (self.username, self.password, self.confirm):
            w.textChanged.connect(lambda _t: self.completeChanged.emit())

    def nextId(self) -> int:
        return -1  # the village's last page (the district's pages come after it by number)

    def isComplete(self) -> bool:
        ok = len(self.password.text()) >= 8 and self.password.text() == self.confirm.text()
        if self.password.text() and len(self.password.text()) < 8:
            self.hint.setText(self.tr("Kata sandi minimal 8 karakter."))
        elif self.confirm.text() and self.password.text() != self.confirm.text():
            self.hint.setText(self.tr("Kedua kata sandi belum sama."))
        else:
            self.hint.setText("")
        return ok and bool(self.username.text().strip())


class FirstRunWizard(QWizard):
    """Collects everything, then writes it in one go through ``services.firstrun``, as an
    ``ops.CollectionOp`` on the write queue: Finish waits for the write (its buttons disabled),
    and the wizard closes once it is written; refused, it stays with the message."""

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        accounts_only: bool = False,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.actor: Actor | None = None
        #: The new recovery key, shown once after the wizard (None for a plain database).
        self.recovery_key: str | None = None
        #: The district's set-up once written (the district path; None for a village).
        self.district: district.DistrictDone | None = None
        self.accounts_only = accounts_only
        self.data_dir = data_dir
        self._writing = False
        self._validating = False
        self.setWindowTitle(self.tr("JAMSOS Desktop — penyiapan pertama"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.village_page = VillagePage()
        self.people_page = PeoplePage()
        self.program_page = ProgramPage()
        self.account_page = AccountPage()
        if accounts_only:
            self.addPage(self.account_page)
        else:
            # A fresh folder with a data folder to put a hub in: the office is asked first.
            offer_district = data_dir is not None
            if offer_district:
                assert data_dir is not None
                self.mode_page = district.ModePage()
                self.hub_db_page = district.HubDbPage(data_dir)
                self.hub_head_page = district.HubHeadPage()
                self.hub_keys_page = district.HubKeysPage()
                self.setPage(district.MODE_PAGE, self.mode_page)
            for pid, p in (
                (district.VILLAGE_PAGE, self.village_page),
                (district.PEOPLE_PAGE, self.people_page),
                (district.PROGRAM_PAGE, self.program_page),
                (district.ACCOUNT_PAGE, self.account_page),
            ):
                self.setPage(pid, p)
            if offer_district:
                self.setPage(district.HUB_DB_PAGE, self.hub_db_page)
                self.setPage(district.HUB_HEAD_PAGE, self.hub_head_page)
                self.setPage(district.HUB_KEYS_PAGE, self.hub_keys_page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        self.resize(760, 540)

    def district_setup(self) -> district.DistrictSetup:
        db, head, k = self.hub_db_page, self.hub_head_page, self.hub_keys_page
        if db.existing_accounts():
            return district.DistrictSetup(db.chosen_url())
        return district.DistrictSetup(
            url=db.chosen_url(),
            head_username=head.username.text(),
            head_name=head.full_name.text(),
            head_password=head.password.text(),
            key_name=k.name.text().strip(),
            region_code=k.region.text().strip(),
            passphrase=k.passphrase.text(),
        )

    def _is_district_end(self) -> bool:
        page = self.currentPage()
        if self.data_dir is None or self.accounts_only:
            return False
        return page is self.hub_keys_page or (page is self.hub_db_page and page.nextId() == -1)

    def collected(self) -> firstrun.FirstRun:
        p, g, a = self.people_page, self.program_page, self.account_page
        return firstrun.FirstRun(
            village_code=self.village_page.code,
            head_title=p.head_title.currentText().strip(),
            head_name=p.head_name.text(),
            operator_name=p.operator_name.text(),
            office_address=p.office.text(),
            year=g.year.value(),
            quota=g.quota.value(),
            months=g.months.value(),
            contribution_mode=str(g.mode.currentData()),
            admin_username=a.username.text().strip().lower(),
            admin_full_name=a.full_name.text().strip(),
            admin_password=a.password.text(),
            operator_password=a.operator_password.text(),
            head_password=a.head_password.text(),
            emblem=p.emblem,
            emblem_filename=p.emblem_filename,
        )

    def validateCurrentPage(self) -> bool:
        if self._is_district_end():
            return self._write_district()
        if self.currentPage() is not self.account_page:
            return True
        if self.actor is not None:
            return True  # written: Finish closes now
        if self._writing:
            return False
        setup, ws = self.collected(), self.ws
        accounts_only = self.accounts_only

        def write() -> tuple[Actor, str | None]:
            # complete() checks everything first; the recovery key comes with the first admin.
            admin = firstrun.add_first_admin(ws, setup) if accounts_only else firstrun.complete(ws, setup)
            return admin, firstrun.recovery_key_after_setup(ws, admin)

        self._set_writing(True)
        self._validating = True
        try:
            CollectionOp(self, write, changes=OpChanges.everything()).success(self._written).failure(
                self._refused
            ).run()
        finally:
            self._validating = False
        return self.actor is not None  # written already (a runner that runs at once)

    def _write_district(self) -> bool:
        """The district's set-up, written through the hub's services on the write queue; Finish
        waits for it, as for a village."""
        if self.district is not None:
            return True
        if self._writing:
            return False
        setup, data_dir = self.district_setup(), self.data_dir
        assert data_dir is not None
        self._set_writing(True)
        self._validating = True
        try:
            CollectionOp(self, lambda: district.write_district(setup, data_dir)).success(
                self._district_written
            ).failure(self._refused).run()
        finally:
            self._validating = False
        return self.district is not None

    def _district_written(self, done: district.DistrictDone) -> None:
        self._set_writing(False)
        self.district = done
        if not self._validating:
            self.accept()

    def _set_writing(self, writing: bool) -> None:
        self._writing = writing
        for b in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton):
            self.button(b).setEnabled(not writing)

    def _written(self, result: tuple[Actor, str | None]) -> None:
        self._set_writing(False)
        self.actor, self.recovery_key = result
        if not self._validating:
            self.accept()  # validates again: written, so it closes

    def _refused(self, exc: BaseException) -> None:
        self._set_writing(False)
        errors.handle(exc, self)  # a person's mistake as a plain message; a bug as a crash

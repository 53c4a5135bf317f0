"""First run: the village (searched by name), its head and operator, the program, the first admin."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain import money, regions
from ..domain.village_words import default_head_title
from ..services import firstrun
from ..services.context import Actor, Workspace
from ..services.village import HEAD_TITLES
from . import errors
from .ops import CollectionOp, OpChanges


class VillagePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Desa atau kelurahan"))
        self.setSubTitle(
            self.tr(
                "Ketik nama desa, lalu pilih dari daftar Kemendagri. Kecamatan dan kabupaten ditampilkan agar desa yang namanya sama bisa dibedakan."
            )
        )
        self.search = QLineEdit()
        self.search.setObjectName("villageSearch")
        self.search.setPlaceholderText(self.tr("contoh: Cibiru Hilir"))
        self.results = QListWidget()
        self.results.setObjectName("villageResults")
        self.chosen = QLabel(self.tr("Belum ada desa dipilih."))
        self.chosen.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Nama desa/kelurahan:")))
        lay.addWidget(self.search)
        lay.addWidget(self.results, 1)
        lay.addWidget(self.chosen)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.results.currentItemChanged.connect(self._picked)
        self.code = ""

    def run_search(self) -> None:
        self._timer.stop()
        query = self.search.text().strip()
        self.results.clear()
        if len(query) < 3:
            return
        for v in regions.search_villages(query, limit=50):
            kind = self.tr("Kelurahan") if v.kind == "kelurahan" else self.tr("Desa")
            item = QListWidgetItem(f"{kind} {v.name} — Kec. {v.district}, {v.regency}, {v.province}  ({v.code})")
            item.setData(Qt.ItemDataRole.UserRole, v.code)
            self.results.addItem(item)
        if self.results.count() == 0:
            self.results.addItem(QListWidgetItem(self.tr("Tidak ada desa dengan nama itu.")))

    def _picked(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        code = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
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
        self.mode.addItem(self.tr("Kelas terendah untuk semua ({0}/bulan)").format(money.rupiah(lowest)), "lowest_band")
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
        self.budget.setText(self.tr("{0} (kelas terendah)").format(money.rupiah(total)))


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
        form.addRow(self.tr("Nama pengguna admin:"), self.username)
        form.addRow(self.tr("Nama lengkap:"), self.full_name)
        form.addRow(self.tr("Kata sandi (min. 8):"), self.password)
        form.addRow(self.tr("Ulangi kata sandi:"), self.confirm)
        form.addRow(self.tr("Kata sandi akun 'operator':"), self.operator_password)
        form.addRow(self.tr("Kata sandi akun 'kepala':"), self.head_password)
        form.addRow(self.hint)
        for w in (self.username, self.password, self.confirm):
            w.textChanged.connect(lambda _t: self.completeChanged.emit())

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

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *, accounts_only: bool = False) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.actor: Actor | None = None
        #: The new recovery key, shown once after the wizard (None for a plain database).
        self.recovery_key: str | None = None
        self.accounts_only = accounts_only
        self._writing = False
        self._validating = False
        self.setWindowTitle(self.tr("JAMSOS Desktop — penyiapan pertama"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.village_page = VillagePage()
        self.people_page = PeoplePage()
        self.program_page = ProgramPage()
        self.account_page = AccountPage()
        pages = (self.village_page, self.people_page, self.program_page, self.account_page)
        for p in pages[3:] if accounts_only else pages:
            self.addPage(p)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        self.resize(760, 540)

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
        )

    def validateCurrentPage(self) -> bool:
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

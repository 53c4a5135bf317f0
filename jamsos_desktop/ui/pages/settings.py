"""Pengaturan: this laptop (language, idle lock), the village, the program, and user accounts.

Every change is an ``ops.CollectionOp`` on the one write queue: a password takes Argon2 a fifth
of a second, which would freeze the window on the GUI thread.
What a job writes is read from the widgets before it is queued; while it runs the page's
write buttons are disabled, so nothing is submitted twice. The page reads again when the
village, the program or the accounts changed (``on_changes``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.text import UserError
from ...domain.village_words import VillageWords
from ...services import accounts, printing, users, village
from ...services.context import ROLE_ADMIN, ROLE_OPERATOR, ROLES, Actor, Workspace
from .. import amounts, errors, tables, village_text
from ..i18n import LANGUAGES
from ..ops import CollectionOp, OpChanges
from ..settings import AppSettings

USERS = OpChanges(users=True)


class SettingsPage(QWidget):
    languageChanged = Signal(str)
    idleChanged = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        actor_getter: Callable[[], Actor],
        settings: AppSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.actor = actor_getter
        self.settings = settings
        self._busy = False  # a change on its way to the database
        self._words: VillageWords | None = None  # the village's own words, read with the village

        # This laptop
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(settings.language))
        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(0, 240)
        self.idle.setSuffix(self.tr(" menit"))
        self.idle.setSpecialValueText(self.tr("tidak pernah"))
        self.idle.setValue(settings.idle_minutes)
        self.own_password = QPushButton(self.tr("Ganti kata sandi saya…"))
        local = QGroupBox(self.tr("Laptop ini"))
        lf = QFormLayout(local)
        lf.addRow(self.tr("Bahasa:"), self.language)
        lf.addRow(self.tr("Kunci layar setelah tidak dipakai:"), self.idle)
        lf.addRow("", self.own_password)
        self.backups = QPushButton(self.tr("Cadangan basis data…"))
        self.backups.setObjectName("openBackups")
        lf.addRow("", self.backups)

        # Village
        self.village_label = QLabel()
        self.village_label.setWordWrap(True)
        self.head_title = QComboBox()
        self.head_title.setObjectName("headTitle")  # the title as the papers print it: a name
        self.head_title.setEditable(True)
        self.head_title.addItems(village.HEAD_TITLES)
        self.head_name = QLineEdit()
        self.operator_name = QLineEdit()
        self.office = QLineEdit()
        self.save_village = QPushButton(self.tr("Simpan data desa"))
        self.save_village.setObjectName("saveVillage")
        self.village_box = vbox = QGroupBox(self.tr("Desa"))
        self.head_name_label = QLabel(self.tr("Nama kepala desa:"))
        vf = QFormLayout(vbox)
        vf.addRow(self.village_label)
        vf.addRow(self.tr("Sebutan kepala desa:"), self.head_title)
        vf.addRow(self.head_name_label, self.head_name)
        vf.addRow(self.tr("Nama operator:"), self.operator_name)
        vf.addRow(self.tr("Alamat kantor:"), self.office)
        vf.addRow("", self.save_village)
        self.emblem_state = QLabel()
        self.emblem_state.setObjectName("emblemState")
        self.emblem_state.setWordWrap(True)
        self.set_emblem = QPushButton(self.tr("Atur lambang daerah…"))
        self.set_emblem.setObjectName("setEmblem")
        vf.addRow(self.tr("Lambang daerah:"), self.emblem_state)
        vf.addRow("", self.set_emblem)

        # Program
        self.year = QSpinBox()
        self.year.setRange(2015, 2100)
        self.quota = QSpinBox()
        self.quota.setObjectName("programQuota")
        self.quota.setRange(1, 100_000)
        self.months = QSpinBox()
        self.months.setRange(1, 12)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Kelas terendah untuk semua"), "lowest_band")
        self.mode.addItem(self.tr("Menurut penghasilan yang dilaporkan"), "declared_income")
        self.ceiling = QSpinBox()
        self.ceiling.setRange(0, 2_000_000_000)
        self.ceiling.setSingleStep(100_000)
        self.ceiling.setPrefix("Rp")
        self.ceiling.setSpecialValueText(self.tr("tanpa pagu"))
        self.min_age = QSpinBox()
        self.min_age.setRange(0, 120)
        self.max_age = QSpinBox()
        self.max_age.setRange(0, 120)
        # Rules the command line sets with 'program set' (--allow-officials, --one-per-household,
        # --require-dtks), written through the same village.update_program.
        self.allow_officials = QCheckBox()  # its text names the village's head: refresh()
        self.allow_officials.setObjectName("allowOfficials")
        self.allow_officials.setToolTip(
            self.tr(
                "Bila boleh, mereka tetap ditandai untuk diperiksa pada panel kelayakan; bila tidak, mereka tidak memenuhi syarat."
            )
        )
        self.one_per_household = QCheckBox(self.tr("Satu orang per KK"))
        self.one_per_household.setObjectName("onePerHousehold")
        self.require_dtks = QCheckBox(self.tr("Wajib terdaftar di DTKS/P3KE"))
        self.require_dtks.setObjectName("requireDtks")
        self.save_program = QPushButton(self.tr("Simpan program"))
        self.save_program.setObjectName("saveProgram")
        pbox = QGroupBox(self.tr("Program"))
        pf = QFormLayout(pbox)
        pf.addRow(self.tr("Tahun:"), self.year)
        pf.addRow(self.tr("Kuota:"), self.quota)
        pf.addRow(self.tr("Bulan dibayar:"), self.months)
        pf.addRow(self.tr("Aturan iuran:"), self.mode)
        pf.addRow(self.tr("Pagu anggaran:"), self.ceiling)
        pf.addRow(self.tr("Usia minimum:"), self.min_age)
        pf.addRow(self.tr("Usia maksimum:"), self.max_age)
        pf.addRow(QLabel(self.tr("Aturan kelayakan:")))
        for box in (self.allow_officials, self.one_per_household, self.require_dtks):
            pf.addRow(box)  # the whole width: a check box's text does not wrap
        pf.addRow("", self.save_program)

        # Users
        self.users = QTableWidget(0, 4)
        self.users.setObjectName("usersTable")
        self.users.setHorizontalHeaderLabels(
            [self.tr("Nama pengguna"), self.tr("Nama"), self.tr("Peran"), self.tr("Kata sandi")]
        )
        self.users.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.users.verticalHeader().setVisible(False)
        tables.share_width(self.users, wide=(1, 2))  # the name and the role wrap
        self.users.setMinimumHeight(150)
        self.add_user = QPushButton(self.tr("Tambah pengguna…"))
        self.add_user.setObjectName("addUser")
        self.set_password = QPushButton(self.tr("Atur kata sandi…"))
        self.set_password.setObjectName("setPassword")
        ubox = QGroupBox(self.tr("Pengguna"))
        ul = QVBoxLayout(ubox)
        ul.addWidget(self.users)
        ub = QHBoxLayout()
        ub.addStretch(1)
        ub.addWidget(self.set_password)
        ub.addWidget(self.add_user)
        ul.addLayout(ub)

        inner = QWidget()
        grid = QHBoxLayout(inner)
        left = QVBoxLayout()
        left.addWidget(local)
        left.addWidget(vbox)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(pbox)
        right.addWidget(ubox)
        right.addStretch(1)
        grid.addLayout(left, 1)
        grid.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.language.currentIndexChanged.connect(self._language)
        self.idle.valueChanged.connect(self._idle)
        self.own_password.clicked.connect(self._own_password)
        self.save_village.clicked.connect(self._save_village)
        self.save_program.clicked.connect(self._save_program)
        self.add_user.clicked.connect(self._add_user)
        self.set_password.clicked.connect(self._set_password)
        self.backups.clicked.connect(self._backups)
        self.set_emblem.clicked.connect(self._choose_emblem)
        self.apply_roles()
        self.refresh()

    def apply_roles(self) -> None:
        role = self.actor().role
        admin = role == ROLE_ADMIN
        idle = not self._busy
        for w in (
            self.year,
            self.quota,
            self.months,
            self.mode,
            self.ceiling,
            self.min_age,
            self.max_age,
            self.allow_officials,
            self.one_per_household,
            self.require_dtks,
        ):
            w.setEnabled(admin)
        self.save_program.setEnabled(admin and idle)
        village_edit = role in {ROLE_ADMIN, ROLE_OPERATOR}
        for w2 in (self.head_title, self.head_name, self.operator_name, self.office):
            w2.setEnabled(village_edit)
        self.save_village.setEnabled(village_edit and idle)
        self.set_emblem.setEnabled(village_edit and idle)
        self.add_user.setEnabled(admin and idle)
        self.set_password.setEnabled(admin and idle)
        self.own_password.setEnabled(idle)

    @property
    def busy(self) -> bool:
        return self._busy

    def on_changes(self, changes: OpChanges) -> None:
        if changes.any("village", "program", "users"):
            self.refresh()

    def refresh(self) -> None:
        v = village.get_village(self.ws)
        words = self._words = village_text.words_of(v)
        self.village_box.setTitle(str(village_text.unit(words)))
        unit_word = str(village_text.unit(words)).lower()
        self.save_village.setText(
            self.tr("Simpan data desa") if words.unit == "Desa" else self.tr("Simpan data {0}").format(unit_word)
        )
        self.head_name_label.setText(
            self.tr("Nama kepala desa:")
            if village_text.plain_head(words)
            else self.tr("Nama {0}:").format(words.head_title)
        )
        if village_text.plain_head(words):
            officials = self.tr("Kepala desa, perangkat desa dan BPD boleh diusulkan")
        elif words.kelurahan:  # a kelurahan has no BPD
            officials = self.tr("{0} dan perangkat {1} boleh diusulkan").format(words.head_title, unit_word)
        else:
            officials = self.tr("{0}, perangkat {1} dan BPD boleh diusulkan").format(words.head_title, unit_word)
        self.allow_officials.setText(officials)
        self.village_label.setText(
            f"<b>{village_text.unit_name(words)}</b> ({v.code}) — "
            + amounts.places(f"Kec. {v.district_name}, {v.regency_name}, {v.province_name}")
        )
        self.head_title.setEditText(v.head_title)
        self.head_name.setText(v.head_name)
        self.operator_name.setText(v.operator_name)
        self.office.setText(v.office_address)
        self.emblem_state.setText(
            self.tr("sudah diatur")
            if v.emblem_sha256
            else self.tr("belum diatur: dokumen memuat lambang contoh bertanda CONTOH")
        )
        p = village.get_program(self.ws)
        self.year.setValue(p.year)
        self.quota.setValue(p.quota)
        self.months.setValue(p.months)
        self.mode.setCurrentIndex(max(0, self.mode.findData(p.contribution_mode)))
        self.ceiling.setValue(p.budget_ceiling or 0)
        self.min_age.setValue(p.rules.min_age)
        self.max_age.setValue(p.rules.max_age)
        self.allow_officials.setChecked(p.rules.allow_officials)
        self.one_per_household.setChecked(p.rules.one_per_household)
        self.require_dtks.setChecked(p.rules.require_dtks)
        self.mode.setToolTip(self.tr("Kelas terendah: {0}/bulan").format(amounts.rupiah(p.lowest_monthly)))
        rows = accounts.list_accounts(self.ws)
        with tables.filling(self.users):
            self.users.setRowCount(len(rows))
            for r, a in enumerate(rows):
                self.users.setItem(r, 0, QTableWidgetItem(a.username))
                self.users.setItem(r, 1, QTableWidgetItem(a.full_name))
                self.users.setItem(r, 2, QTableWidgetItem(village_text.role_label(a.role, words)))
                self.users.setItem(r, 3, QTableWidgetItem(self.tr("ada") if a.has_password else self.tr("belum ada")))

    # -- actions ------------------------------------------------------------------------------

    def _language(self) -> None:
        lang = str(self.language.currentData())
        if lang != self.settings.language:
            self.settings.language = lang
            self.languageChanged.emit(lang)

    def _idle(self, minutes: int) -> None:
        self.settings.idle_minutes = minutes
        self.idleChanged.emit(minutes)

    def _try(self, fn: Callable[[], object], done: str, changes: OpChanges) -> None:
        """Runs the change ``fn`` on the write queue; ``done`` is said once it is written."""
        if self._busy:
            return
        self._set_busy(True)
        CollectionOp(self, fn, changes=changes).success(lambda _r: self._written(done)).failure(self._failed).run()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.apply_roles()

    def _written(self, done: str) -> None:
        self._set_busy(False)  # the page was read again already (on_changes)
        QMessageBox.information(self, self.tr("Pengaturan"), done)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        errors.handle(exc, self)  # a person's mistake as a plain message, as before; a bug as a crash

    def _backups(self) -> None:
        from ..backup_dialog import BackupDialog

        BackupDialog(self.ws, self.actor(), self).exec()

    def _save_village(self) -> None:
        # partial: what is written is read from the widgets now, on the GUI thread.
        write = partial(
            village.update_village,
            self.ws,
            self.actor(),
            head_title=self.head_title.currentText().strip(),
            head_name=self.head_name.text(),
            operator_name=self.operator_name.text(),
            office_address=self.office.text(),
        )
        self._try(write, self.tr("Data desa disimpan."), OpChanges(village=True))

    def _choose_emblem(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih lambang daerah"), str(Path.home()), self.tr("Gambar (*.png *.jpg *.jpeg)")
        )
        if path:
            self.store_emblem(path)

    def store_emblem(self, path: str) -> None:
        """Read and checked here (a wrong file is said at once, naming the field and the file),
        stored on the write queue as 'print emblem' stores it."""
        try:
            data = printing.read_emblem(path)
        except UserError as exc:
            errors.show_user_error(self, exc)
            return
        write = partial(printing.set_emblem, self.ws, self.actor(), data, path)
        self._try(write, self.tr("Lambang daerah disimpan."), OpChanges(village=True))

    def _save_program(self) -> None:
        write = partial(
            village.update_program,
            self.ws,
            self.actor(),
            year=self.year.value(),
            quota=self.quota.value(),
            months=self.months.value(),
            contribution_mode=str(self.mode.currentData()),
            budget_ceiling=self.ceiling.value(),  # 0: no ceiling (None would leave the old one)
            min_age=self.min_age.value(),
            max_age=self.max_age.value(),
            allow_officials=self.allow_officials.isChecked(),
            one_per_household=self.one_per_household.isChecked(),
            require_dtks=self.require_dtks.isChecked(),
        )
        self._try(
            write,
            self.tr("Program disimpan. Nilai ulang kelayakan di halaman Nominasi bila aturan berubah."),
            OpChanges(program=True),
        )

    def _ask_password(self, who: str) -> str | None:
        pw, ok = QInputDialog.getText(
            self,
            self.tr("Kata sandi"),
            self.tr("Kata sandi baru untuk {0} (min. 8 karakter):").format(who),
            QLineEdit.EchoMode.Password,
        )
        return pw if ok else None

    def _own_password(self) -> None:
        ws, me = self.ws, self.actor()
        pw = self._ask_password(me.username)
        if pw is not None:
            self._try(partial(accounts.set_password, ws, me, me.username, pw), self.tr("Kata sandi diganti."), USERS)

    def _set_password(self) -> None:
        r = self.users.currentRow()
        item = self.users.item(r, 0) if r >= 0 else None
        if item is None:
            return
        ws, actor, username = self.ws, self.actor(), item.text()
        pw = self._ask_password(username)
        if pw is not None:
            self._try(partial(accounts.set_password, ws, actor, username, pw), self.tr("Kata sandi diatur."), USERS)

    def _add_user(self) -> None:
        from ..user_dialog import NewUserDialog

        dialog = NewUserDialog([village_text.role_label(r, self._words) for r in ROLES], self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        username, full, index, pw = dialog.values()
        ws, actor, code = self.ws, self.actor(), ROLES[index]
        self._try(
            partial(users.add_user, ws, actor, username=username, full_name=full, role=code, password=pw),
            self.tr("Pengguna ditambahkan."),
            USERS,
        )

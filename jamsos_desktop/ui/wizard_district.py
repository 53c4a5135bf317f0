"""First run, the district's way: the office chosen, the hub's database, its head, its keys.

The first page of the first-run wizard asks which office this laptop serves. A village office
goes on to the village pages (``ui/wizard.py``); a district office (Disnaker / Dinas PMD) to
these: where the hub's database lives (a SQLite file in the data folder, or a PostgreSQL server,
tested before it is taken), the first account (the head of office), and the district's key pair
(``jamsos hub keys init``). The wizard then writes all of it through the hub's services, off the
GUI thread, and the app opens the district window from then on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ..domain.actors import Actor
from ..domain.text import Text, UserError
from ..hub.context import Hub
from ..hub.storage import db as hub_db
from ..sync import keyfile
from ..sync.crypto import MIN_PASSPHRASE
from .ops import QueryOp

# Page ids of the first-run wizard (village pages 1-4, district pages 10-12).
MODE_PAGE, VILLAGE_PAGE, PEOPLE_PAGE, PROGRAM_PAGE, ACCOUNT_PAGE = 0, 1, 2, 3, 4
HUB_DB_PAGE, HUB_HEAD_PAGE, HUB_KEYS_PAGE = 10, 11, 12

REGION_CODE = re.compile(r"^\d{2}\.\d{2}$")
MIN_PASSWORD = 8


class ModePage(QWizardPage):
    """Which office: a village's (the village pages follow) or the district's (the hub's)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Kantor mana yang memakai laptop ini?"))
        self.setSubTitle(self.tr("Pilihan ini diingat; aplikasi selanjutnya langsung membuka kantor yang dipilih."))
        self.village = QRadioButton(self.tr("&Kantor desa / kelurahan"))
        self.village.setObjectName("modeVillage")
        self.district = QRadioButton(self.tr("Kantor &kabupaten (pusat data kabupaten)"))
        self.district.setObjectName("modeDistrict")
        self.village.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.village)
        group.addButton(self.district)
        lay = QVBoxLayout(self)
        for button, hint in (
            (self.village, self.tr("Mendata pekerja desa, mengusulkan, mencetak, dan mengirim berkas ke kabupaten.")),
            (
                self.district,
                self.tr(
                    "Disnaker / Dinas PMD: menerima berkas semua desa, mencari orang yang diusulkan dua desa, "
                    "laporan, lembar BPJS dan berkas hasil untuk desa."
                ),
            ),
        ):
            lay.addWidget(button)
            label = QLabel(hint)
            label.setWordWrap(True)
            label.setContentsMargins(24, 0, 0, 8)
            lay.addWidget(label)
        lay.addStretch(1)

    def nextId(self) -> int:
        return HUB_DB_PAGE if self.district.isChecked() else VILLAGE_PAGE


class HubDbPage(QWizardPage):
    """Where the hub's data lives: the SQLite file in the data folder, or a PostgreSQL server
    whose URL is tested (off the GUI thread) before the page lets the person on."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setTitle(self.tr("Basis data kabupaten"))
        self.setSubTitle(
            self.tr("Kabupaten kecil cukup satu laptop; yang besar, atau beberapa petugas sekaligus, memakai server.")
        )
        self.sqlite = QRadioButton(self.tr("Berkas di laptop ini (SQLite)"))
        self.sqlite.setObjectName("hubSqlite")
        self.postgres = QRadioButton(self.tr("Server PostgreSQL pusat data kabupaten"))
        self.postgres.setObjectName("hubPostgres")
        self.sqlite.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.sqlite)
        group.addButton(self.postgres)
        self.path_label = QLabel(str(data_dir / hub_db.DEFAULT_FILE))
        self.path_label.setWordWrap(True)
        self.path_label.setContentsMargins(24, 0, 0, 8)
        self.url = QLineEdit()
        self.url.setObjectName("hubUrl")
        self.url.setPlaceholderText("postgresql+psycopg://hub@10.0.0.5/jamsos_hub")
        # The server's password apart from the address: used, never written down (each start asks).
        self.server_password = QLineEdit()
        self.server_password.setObjectName("hubServerPassword")
        self.server_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_password.setPlaceholderText(self.tr("tidak disimpan: ditanyakan setiap kali dibuka"))
        self.test_button = QPushButton(self.tr("&Uji sambungan"))
        self.test_button.setObjectName("hubTest")
        self.result = QLabel()
        self.result.setObjectName("hubTestResult")
        self.result.setWordWrap(True)
        server = QFormLayout()
        server.setContentsMargins(24, 0, 0, 0)
        server.addRow(self.tr("Alamat:"), self.url)
        row = QHBoxLayout()
        row.addWidget(self.server_password, 1)
        row.addWidget(self.test_button)
        server.addRow(self.tr("Kata sandi server:"), row)
        lay = QVBoxLayout(self)
        lay.addWidget(self.sqlite)
        lay.addWidget(self.path_label)
        lay.addWidget(self.postgres)
        lay.addLayout(server)
        lay.addWidget(self.result)
        lay.addStretch(1)
        #: The URL the last test reached, and what it found there.
        self.tested: tuple[str, str, int] | None = None
        self.test_button.clicked.connect(self.test)
        self.url.textChanged.connect(self._changed)
        self.server_password.textChanged.connect(self._changed)
        self.sqlite.toggled.connect(self._changed)
        self._changed()

    def chosen_url(self) -> str:
        if self.sqlite.isChecked():
            return f"sqlite:///{self.data_dir / hub_db.DEFAULT_FILE}"
        url, password = self.url.text().strip(), self.server_password.text()
        return hub_db.with_password(url, password) if url and password else url

    def _changed(self, *_args: object) -> None:
        pg = self.postgres.isChecked()
        self.url.setEnabled(pg)
        self.server_password.setEnabled(pg)
        self.test_button.setEnabled(pg and bool(self.url.text().strip()))
        if self.tested is not None and self.tested[0] != self.chosen_url():
            self.tested = None
            self.result.setText("")
            self.setFinalPage(False)
        self.completeChanged.emit()

    def test(self) -> None:
        """Connects to the URL (on a thread) and says what is there."""
        url = self.chosen_url()
        self.result.setText(self.tr("Menyambung…"))
        self.test_button.setEnabled(False)

        def found(state: tuple[str, int]) -> None:
            self.test_button.setEnabled(True)
            if url != self.chosen_url():
                return
            kind, accounts = state
            if kind == hub_db.PROBE_OTHER:
                self.tested = None
                self.result.setText(
                    self.tr(
                        "Tersambung, tetapi basis data ini berisi tabel lain: bukan hub JAMSOS. Pakai basis data kosong."
                    )
                )
            else:
                self.tested = (url, kind, accounts)
                if kind == hub_db.PROBE_EMPTY:
                    self.result.setText(self.tr("Tersambung. Basis data masih kosong: hub dibuat di sini."))
                else:
                    self.result.setText(
                        self.tr(
                            "Tersambung. Sudah ada hub JAMSOS di sini dengan {0} akun: hub itu yang dipakai."
                        ).format(accounts)
                    )
            self.setFinalPage(bool(self.existing_accounts()))  # the buttons follow (Selesai)
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.tested = None
            if isinstance(exc, UserError):
                self.result.setText(self.tr("Tidak tersambung: {0}").format(exc.text.get()))
            else:
                self.result.setText(self.tr("Tidak tersambung: {0}").format(type(exc).__name__))
            self.completeChanged.emit()

        QueryOp(self, lambda: hub_db.probe(url)).success(found).failure(failed).run()

    def existing_accounts(self) -> int:
        """Accounts of the PostgreSQL hub the test found (0 for a new one or the SQLite file)."""
        if self.sqlite.isChecked() or self.tested is None:
            return 0
        return self.tested[2]

    def isComplete(self) -> bool:
        return self.sqlite.isChecked() or (self.tested is not None and self.tested[0] == self.chosen_url())

    def nextId(self) -> int:
        # A hub that has its accounts already is only taken: its head signs in in the window.
        return -1 if self.existing_accounts() else HUB_HEAD_PAGE


class HubHeadPage(QWizardPage):
    """The first account: the head of office (adds the clerks' accounts later)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Akun kepala kantor"))
        self.setSubTitle(self.tr("Kepala kantor menambah akun petugas nanti; setiap perubahan dicatat atas namanya."))
        self.username = QLineEdit("kepala")
        self.username.setObjectName("hubHeadUsername")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("hubHeadName")
        self.password = QLineEdit()
        self.password.setObjectName("hubHeadPassword")
        self.confirm = QLineEdit()
        self.confirm.setObjectName("hubHeadConfirm")
        for w in (self.password, self.confirm):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setObjectName("hubHeadHint")
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Nama akun:"), self.username)
        form.addRow(self.tr("Nama lengkap:"), self.full_name)
        form.addRow(self.tr("Kata sandi (min. 8):"), self.password)
        form.addRow(self.tr("Ulangi kata sandi:"), self.confirm)
        form.addRow(self.hint)
        for w in (self.username, self.full_name, self.password, self.confirm):
            w.textChanged.connect(lambda _t: self.completeChanged.emit())

    def isComplete(self) -> bool:
        pw, again = self.password.text(), self.confirm.text()
        if pw and len(pw) < MIN_PASSWORD:
            self.hint.setText(self.tr("Kata sandi minimal 8 karakter."))
        elif again and pw != again:
            self.hint.setText(self.tr("Kedua kata sandi belum sama."))
        else:
            self.hint.setText("")
        named = bool(self.username.text().strip()) and bool(self.full_name.text().strip())
        return named and len(pw) >= MIN_PASSWORD and pw == again


class HubKeysPage(QWizardPage):
    """The district's key pair (``hub keys init``): its name, the regency's code, its passphrase."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Kunci kabupaten"))
        self.setSubTitle(
            self.tr(
                "Desa mengunci berkasnya untuk kunci ini. Tulis kata sandinya dan simpan di lemari kantor: tanpa itu berkas desa tidak bisa dibuka."
            )
        )
        self.name = QLineEdit()
        self.name.setObjectName("hubKeyName")
        self.name.setPlaceholderText(self.tr("contoh: Disnaker Kabupaten Bandung"))
        self.region = QLineEdit()
        self.region.setObjectName("hubRegion")
        self.region.setPlaceholderText(self.tr("contoh: 32.04"))  # a bare "32.04" in grey looked filled in
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("hubPassphrase")
        self.confirm = QLineEdit()
        self.confirm.setObjectName("hubPassphraseConfirm")
        for w in (self.passphrase, self.confirm):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setObjectName("hubKeysHint")
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Nama kantor:"), self.name)
        form.addRow(self.tr("Kode kabupaten:"), self.region)
        form.addRow(self.tr("Kata sandi kunci (min. {0}):").format(MIN_PASSPHRASE), self.passphrase)
        form.addRow(self.tr("Ulangi kata sandi kunci:"), self.confirm)
        form.addRow(self.hint)
        for w in (self.name, self.region, self.passphrase, self.confirm):
            w.textChanged.connect(lambda _t: self.completeChanged.emit())

    def isComplete(self) -> bool:
        code, pw, again = self.region.text().strip(), self.passphrase.text(), self.confirm.text()
        if code and not REGION_CODE.match(code):
            self.hint.setText(self.tr("Kode kabupaten ditulis seperti 32.04 (kode provinsi, titik, kode kabupaten)."))
        elif pw and len(pw.strip()) < MIN_PASSPHRASE:
            self.hint.setText(self.tr("Kata sandi kunci minimal {0} karakter.").format(MIN_PASSPHRASE))
        elif again and pw != again:
            self.hint.setText(self.tr("Kedua kata sandi kunci belum sama."))
        else:
            # What is still empty, so that a greyed Selesai says why.
            missing = [
                label
                for label, text in (
                    (self.tr("nama kantor"), self.name.text().strip()),
                    (self.tr("kode kabupaten"), code),
                    (self.tr("kata sandi kunci"), pw),
                    (self.tr("ulangan kata sandi kunci"), again),
                )
                if not text
            ]
            self.hint.setText(self.tr("Belum diisi: {0}.").format(", ".join(missing)) if missing else "")
        ok_code = bool(REGION_CODE.match(code))
        return bool(self.name.text().strip()) and ok_code and len(pw.strip()) >= MIN_PASSPHRASE and pw == again

    def nextId(self) -> int:
        return -1


@dataclass(frozen=True, slots=True)
class DistrictSetup:
    """What the district pages collected."""

    url: str
    head_username: str = ""
    head_name: str = ""
    head_password: str = ""
    key_name: str = ""
    region_code: str = ""
    passphrase: str = ""

    @property
    def new_hub(self) -> bool:
        return bool(self.head_username)


@dataclass(frozen=True, slots=True)
class DistrictDone:
    """The set-up written: the open hub, its head (None when an existing hub was only taken:
    its people sign in), the key's fingerprint and the public ``.jamkey`` for the villages."""

    hub: Hub
    url: str
    head: Actor | None
    fingerprint: str = ""
    public_file: Path | None = None


def write_district(setup: DistrictSetup, data_dir: Path) -> DistrictDone:
    """Opens (makes) the hub, adds its head and makes its keys, and writes the public key file into
    the data folder. Runs off the GUI thread. Everything is checked before the first write, so a
    refusal leaves a new hub without an account (the wizard can run again)."""
    from ..hub import keys, users
    from ..services.sync import write_atomically

    if setup.new_hub:
        if not REGION_CODE.match(setup.region_code.strip()):
            raise UserError("region", Text("ditulis seperti 32.04", "is written like 32.04"), setup.region_code)
        from ..sync.crypto import check_passphrase

        check_passphrase(setup.passphrase)
    hub = Hub.open(setup.url, data_dir=data_dir)
    try:
        if not setup.new_hub:
            return DistrictDone(hub, setup.url, None)
        head = users.add_user(
            hub,
            None,
            username=setup.head_username.strip().lower(),
            full_name=setup.head_name.strip(),
            role="head",
            password=setup.head_password,
        )
        info = keys.init_keys(
            hub, head, name=setup.key_name, region_code=setup.region_code.strip(), passphrase=setup.passphrase
        )
        data_dir.mkdir(parents=True, exist_ok=True)
        public = data_dir / f"kunci-kabupaten{keyfile.PUBLIC_SUFFIX}"
        write_atomically(public, info.public_file)
        return DistrictDone(hub, setup.url, head, info.fingerprint, public)
    except BaseException:
        hub.close()
        raise

"""The district mode (``jamsos-desktop --hub``): the clerk's window over the district hub.

The same hub services as ``jamsos hub ...`` (jamsos_desktop/hub), on the same UI operations
layer as the village pages (ui/ops.py): every read and write runs off the GUI thread. Four tabs,
in the order of the clerk's work: the villages' files coming in, the villages' figures, the
people two villages nominated, and what goes out (report, BPJS sheet and its answer, return
files).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain import identity, money, statuses
from ..domain.actors import Actor
from ..domain.text import UserError
from ..hub import bpjs, duplicates, imports, keys, report, returns, status, users
from ..hub.context import Hub
from ..hub.storage.models import ROLE_CLERK, ROLE_HEAD
from ..hub.storage.outcome_models import OPEN
from ..sync import errors as sync_errors
from ..sync import keyfile
from ..sync.crypto import KeySet
from . import errors, files, tables, timefmt
from .ops import CollectionOp, QueryOp
from .placement import ScreenPlacement
from .settings import AppSettings

log = logging.getLogger(__name__)
#: The size the district window asks for on a screen big enough (never bigger than the screen).
PREFERRED_SIZE = QSize(1200, 700)


class HubWindow(QMainWindow):
    """Sign-in, then the four tabs. ``ask_passphrase`` and ``choose`` are the dialogs (tests
    replace them)."""

    def __init__(self, hub: Hub, parent: QWidget | None = None, settings: AppSettings | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.actor: Actor | None = None
        self._keys: KeySet | None = None
        self._passphrase_refused = False
        self.setWindowTitle(self.tr("JAMSOS Kabupaten — pusat data kabupaten"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.stack.addWidget(self._sign_in_panel())
        self.tabs = QTabWidget()
        self.tabs.addTab(self._files_tab(), self.tr("Berkas desa"))
        self.tabs.addTab(self._villages_tab(), self.tr("Desa"))
        self.tabs.addTab(self._duplicates_tab(), self.tr("Ganda"))
        self.tabs.addTab(self._out_tab(), self.tr("Laporan dan BPJS"))
        self.tabs.addTab(self._accounts_tab(), self.tr("Akun dan kunci"))
        self.stack.addWidget(self.tabs)
        self.status_line = QLabel()
        self.statusBar().addWidget(self.status_line, 1)
        self._dups: list[duplicates.DuplicateRow] = []
        self.placement = ScreenPlacement(self, settings, "hub_window/geometry", PREFERRED_SIZE)

    # -- sign-in ------------------------------------------------------------------------------

    def _sign_in_panel(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.addRow(QLabel(self.tr("Masuk sebagai petugas kabupaten")))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_in_button = QPushButton(self.tr("Masuk"))
        self.sign_in_message = QLabel()
        self.sign_in_message.setWordWrap(True)
        form.addRow(self.tr("Nama akun"), self.username)
        form.addRow(self.tr("Kata sandi akun"), self.password)
        form.addRow(self.sign_in_button)
        form.addRow(self.sign_in_message)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.password.returnPressed.connect(self.sign_in)
        return w

    def sign_in(self) -> None:
        name, password = self.username.text().strip(), self.password.text()
        self.password.clear()

        def refused(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.sign_in_message.setText(exc.message())
                return
            errors.handle(exc, self)

        CollectionOp(self, lambda: users.login(self.hub, name, password)).success(self.enter).failure(refused).run()

    def enter(self, actor: Actor) -> None:
        """``actor`` signed in (or just made head of office by the first-run wizard): the tabs."""
        self.actor = actor
        self.stack.setCurrentWidget(self.tabs)
        self.status_line.setText(self.tr("Masuk sebagai {0}").format(actor.username))
        self.add_user_button.setEnabled(actor.role == ROLE_HEAD)  # the head of office adds accounts
        self.refresh()
        hub = self.hub
        # The files imported before, so that a start does not show an empty list.
        QueryOp(self, lambda: imports.recent_files(hub)).success(self._show_history).failure(
            lambda e: errors.handle(e, self)
        ).run()

    def _show_history(self, done: list[imports.FileOutcome]) -> None:
        if self.outcomes.rowCount():  # an import of this session is shown: it stays
            return
        self._fill_outcomes(done)
        self.outcomes_caption.setText(
            self.tr("Berkas yang sudah diimpor, terbaru di atas ({0}).").format(len(done))
            if done
            else self.tr("Belum ada berkas desa yang diimpor.")
        )

    def sign_out(self) -> None:
        """Back to the sign-in: the next person signs in as themself (every change is theirs), and
        the district key's passphrase is asked again."""
        self.actor, self._keys = None, None
        self.username.clear()
        self.password.clear()
        self.sign_in_message.setText("")
        self.stack.setCurrentIndex(0)
        self.status_line.setText(self.tr("Keluar. Masuk lagi untuk bekerja."))

    # -- accounts and the district key ---------------------------------------------------------

    def _accounts_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        row = QHBoxLayout()
        self.add_user_button = QPushButton(self.tr("Tambah akun petugas…"))
        self.key_button = QPushButton(self.tr("Kunci kabupaten untuk desa…"))
        self.sign_out_button = QPushButton(self.tr("Keluar"))
        for b in (self.add_user_button, self.key_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.sign_out_button)
        lay.addLayout(row)
        self.accounts = tables.table([self.tr("Nama akun"), self.tr("Nama lengkap"), self.tr("Peran")], "accounts")
        lay.addWidget(self.accounts, 1)
        self.add_user_button.clicked.connect(self.add_clerk)
        self.key_button.clicked.connect(
            lambda: self.save_public_key(self.choose(keyfile.PUBLIC_SUFFIX, self.tr("kunci-kabupaten")))
        )
        self.sign_out_button.clicked.connect(self.sign_out)
        return w

    def ask_new_clerk(self) -> tuple[str, str, str] | None:
        """(account name, full name, password) of a new clerk, typed in a dialog (tests replace it)."""
        from .user_dialog import NewUserDialog

        dialog = NewUserDialog([users.role_label(ROLE_CLERK)], self)  # the head adds clerks
        if not dialog.exec():
            return None
        username, full_name, _role, password = dialog.values()
        return username, full_name, password

    def add_clerk(self) -> None:
        got = self.ask_new_clerk()
        if got is None:
            return
        username, full_name, password = got
        hub, actor = self.hub, self._who()
        self._run(
            lambda: users.add_user(
                hub, actor, username=username, full_name=full_name, role=ROLE_CLERK, password=password
            ),
            lambda a: self._after(self.tr("Akun petugas {0} dibuat.").format(a.username)),
            self.tr("Membuat akun…"),
        )

    def save_public_key(self, where: list[Path]) -> None:
        """The district key's fingerprint said again, and its public file written anew for the villages."""
        if not where:
            return
        info = keys.key_info(self.hub)
        from ..services.sync import write_atomically

        write_atomically(where[0], info.public_file)
        self._tell(
            self.tr(
                "Kunci publik ditulis ke {0}. Sidik jarinya: {1}\n\nKirim berkas itu ke desa, dan bacakan sidik jari ini lewat telepon saat desa mengimpornya."
            ).format(where[0], info.fingerprint)
        )

    def show_new_keys(self, fingerprint: str, public_file: Path | None) -> None:
        """After the first-run wizard made the district's keys: their fingerprint, and the file
        the villages import."""
        self._tell(
            self.tr(
                "Kunci kabupaten dibuat. Sidik jarinya: {0}\n\nKirim berkas {1} ke setiap desa, dan bacakan sidik jari ini lewat telepon saat desa mengimpornya."
            ).format(fingerprint, public_file or "")
        )

    def _who(self) -> Actor:
        assert self.actor is not None, "signed in first"
        return self.actor

    # -- dialogs (replaced in tests) ------------------------------------------------------------

    def ask_passphrase(self) -> str | None:
        label = (
            self.tr("Kata sandi kunci kabupaten salah. Coba lagi (bukan kata sandi akun):")
            if self._passphrase_refused
            else self.tr("Kata sandi kunci kabupaten (bukan kata sandi akun):")
        )
        text, ok = QInputDialog.getText(self, self.tr("Kunci kabupaten"), label, QLineEdit.EchoMode.Password)
        return text if ok else None

    def choose(self, kind: str, name: str = "") -> list[Path]:
        """Files or a folder to read (``open``, ``folder``) or one to write (``.pdf``, ``.xlsx``, ``dir``;
        ``name``: the file's suggested name, without its extension)."""
        if kind == "open":
            names, _ = QFileDialog.getOpenFileNames(self, self.tr("Pilih berkas desa"), "", "JAMSOS (*.jamsync)")
            return [Path(n) for n in names]
        if kind == "answer":
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("Pilih jawaban BPJS"), "", self.tr("Lembar kerja (*.xlsx *.csv)")
            )
            return [Path(name)] if name else []
        if kind in ("folder", "dir"):
            folder = QFileDialog.getExistingDirectory(self, self.tr("Pilih folder"))
            return [Path(folder)] if folder else []
        suggested = (name or self.tr("laporan")) + kind
        kinds = {".pdf": files.PDF, ".xlsx": files.EXCEL, keyfile.PUBLIC_SUFFIX: ("JAMSOS", keyfile.PUBLIC_SUFFIX)}
        out = files.save_path(self, self.tr("Simpan sebagai"), suggested, [kinds[kind]])
        return [out] if out is not None else []

    def _district_keys(self) -> KeySet | None:
        """The district's private keys, opened once per sign-in with their passphrase."""
        if self._keys is not None:
            return self._keys
        needs = keys.needs_passphrase(self.hub)
        self._passphrase_refused = False
        for _ in range(3):  # a mistyped passphrase is asked again: the files chosen are not lost
            secret = None
            if needs:
                secret = self.ask_passphrase()
                if secret is None:
                    return None
            try:
                self._keys = keys.district_keys(self.hub, secret)
                return self._keys
            except sync_errors.SyncUserError as exc:
                if not needs or exc.label != sync_errors.PASSPHRASE:
                    errors.handle(exc, self)
                    return None
                self._passphrase_refused = True
            except UserError as exc:
                errors.handle(exc, self)
                return None
        self._tell(self.tr("Kata sandi kunci kabupaten salah tiga kali."))
        return None

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None], title: str) -> None:
        CollectionOp(self, fn).success(done).failure(lambda e: errors.handle(e, self)).with_progress(title).run()

    def _after(self, text: str, *, tell: bool = True) -> None:
        """A write done: the tables read again, and what happened said."""
        self.refresh()
        if tell:
            self._tell(text)
        else:
            self.status_line.setText(_sentence(text))

    def _tell(self, text: str) -> None:
        text = _sentence(text)
        self.status_line.setText(text)
        QMessageBox.information(self, self.tr("JAMSOS Kabupaten"), text)

    # -- files in -------------------------------------------------------------------------------

    def _files_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        row = QHBoxLayout()
        self.import_files_button = QPushButton(self.tr("Impor berkas desa…"))
        self.import_folder_button = QPushButton(self.tr("Impor satu folder…"))
        row.addWidget(self.import_files_button)
        row.addWidget(self.import_folder_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.import_progress = QProgressBar()
        self.import_progress.setVisible(False)
        lay.addWidget(self.import_progress)
        self.outcomes_caption = QLabel()
        lay.addWidget(self.outcomes_caption)
        self.outcomes = tables.table(
            [self.tr("Berkas"), self.tr("Hasil"), self.tr("Desa"), self.tr("Nomor"), self.tr("Keterangan")], "outcomes"
        )
        lay.addWidget(self.outcomes, 1)
        self.import_files_button.clicked.connect(lambda: self.import_paths(self.choose("open")))
        self.import_folder_button.clicked.connect(lambda: self.import_paths(self.choose("folder")))
        return w

    def import_paths(self, paths: Sequence[Path]) -> None:
        files = imports.collect(paths)
        if not files:
            if paths:
                self._tell(self.tr("Tidak ada berkas .jamsync di sana."))
            return
        district = self._district_keys()
        if district is None:
            return
        hub, actor = self.hub, self._who()
        self.import_progress.setRange(0, len(files))
        self.import_progress.setValue(0)
        self.import_progress.setVisible(True)

        def job() -> Any:
            done: list[imports.FileOutcome] = []
            region = keys.region_code(hub)
            for i, path in enumerate(files):
                done.append(imports.import_file(hub, actor, path, district, region=region))
                yield i + 1, len(files)
            return done

        def shown(out: list[imports.FileOutcome]) -> None:
            self.import_progress.setVisible(False)
            self._show_outcomes(out)
            self.refresh()

        CollectionOp(self, job).success(shown).failure(lambda e: errors.handle(e, self)).with_progress(
            self.tr("Mengimpor berkas desa…")
        ).run()

    def _labels(self) -> dict[str, str]:
        return {
            imports.IMPORTED: self.tr("diimpor"),
            imports.ALREADY: self.tr("sudah ada"),
            imports.REFUSED: self.tr("ditolak"),
        }

    def _fill_outcomes(self, out: list[imports.FileOutcome]) -> None:
        labels = self._labels()

        def why(o: imports.FileOutcome) -> str:
            if o.reason is not None:
                return o.reason.get()
            return imports.changed_text(o.applied).get() if o.outcome == imports.IMPORTED else o.code

        rows = [
            [
                o.name,
                labels.get(o.outcome, o.outcome),
                f"{o.village_name} ({o.village_code})" if o.village_code else "",
                "" if o.seq is None else o.seq,
                why(o),
            ]
            for o in out
        ]
        tables.fill(self.outcomes, rows)

    def _show_outcomes(self, out: list[imports.FileOutcome]) -> None:
        labels = self._labels()
        self._fill_outcomes(out)
        self.outcomes_caption.setText(self.tr("Hasil impor barusan ({0} berkas).").format(len(out)))
        counts = {k: sum(1 for o in out if o.outcome == k) for k in labels}
        self.status_line.setText(
            self.tr("{0} diimpor, {1} sudah ada, {2} ditolak.").format(
                counts[imports.IMPORTED], counts[imports.ALREADY], counts[imports.REFUSED]
            )
        )

    # -- villages --------------------------------------------------------------------------------

    def _villages_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        lay.addWidget(self.totals)
        self.villages = tables.table(
            [
                self.tr("Kode"),
                self.tr("Desa", "the column: one village a row"),
                self.tr("Kecamatan"),
                self.tr("Berkas", "the column: how many files"),
                self.tr("Terakhir diimpor"),
                self.tr("Nomor hilang"),
                self.tr("Pekerja"),
                self.tr("Per status"),
                self.tr("Kuota terpakai"),
                self.tr("Anggaran"),
            ],
            "villages",
        )
        lay.addWidget(self.villages, 1)
        return w

    def refresh(self) -> None:
        """The villages and the duplicates, read again."""
        hub = self.hub
        QueryOp(self, lambda: (status.hub_status(hub), duplicates.list_duplicates(hub), users.list_users(hub))).success(
            lambda r: self._show(*r)
        ).failure(lambda e: errors.handle(e, self)).run()

    def _show(self, state: status.HubStatus, dups: list[duplicates.DuplicateRow], people: list[Actor]) -> None:
        tables.fill(self.accounts, [[a.username, a.full_name, users.role_label(a.role)] for a in people])
        rows = [
            [
                v.code,
                v.name,
                v.kecamatan,
                v.files,
                # The file imported last, and when (the laptop's clock): not always the newest number.
                self.tr("nomor {0}, {1}").format(v.last_seq, timefmt.local(v.last_imported_at))
                if v.last_imported_at
                else "",
                ", ".join(str(n) for n in v.missing),
                v.workers,
                ", ".join(f"{n} {statuses.label(k).lower()}" for k, n in v.counts.items() if n),
                f"{v.quota_used} / {v.quota}",
                money.rupiah(v.budget_committed),
            ]
            for v in state.villages
        ]
        tables.fill(self.villages, rows)
        t = state.regency
        self.totals.setText(
            self.tr("{0} desa, {1} berkas, {2} pekerja; kuota terpakai {3} dari {4}; anggaran {5}.").format(
                t.villages, t.files, t.workers, t.quota_used, t.quota, money.rupiah(t.budget_committed)
            )
        )
        self._show_duplicates(dups)

    # -- duplicates ------------------------------------------------------------------------------

    def _duplicates_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        row = QHBoxLayout()
        self.detect_button = QPushButton(self.tr("Cari orang yang diusulkan dua desa"))
        self.keep_a_button = QPushButton(self.tr("Pertahankan desa kiri"))
        self.keep_b_button = QPushButton(self.tr("Pertahankan desa kanan"))
        self.not_duplicate_button = QPushButton(self.tr("Bukan orang yang sama…"))
        self.history_button = QPushButton(self.tr("Riwayat keputusan…"))
        # The search above the list, the decisions on the chosen candidate below it (one row of
        # five buttons was wider than a small screen).
        row.addWidget(self.detect_button)
        row.addStretch(1)
        lay.addLayout(row)
        decide = QHBoxLayout()
        for b in (self.keep_a_button, self.keep_b_button, self.not_duplicate_button, self.history_button):
            decide.addWidget(b)
        decide.addStretch(1)
        self.duplicates = tables.table(
            [
                self.tr("Aturan"),
                self.tr("Skor"),
                self.tr("Status"),
                self.tr("Desa (kiri)"),
                self.tr("Nama (kiri)"),
                self.tr("NIK (kiri)"),
                self.tr("Desa (kanan)"),
                self.tr("Nama (kanan)"),
                self.tr("NIK (kanan)"),
            ],
            "duplicates",
        )
        lay.addWidget(self.duplicates, 1)
        # The two people side by side (born, family card, address, heir): what the clerk decides on.
        self.compare = QLabel()
        self.compare.setObjectName("duplicateCompare")
        self.compare.setTextFormat(Qt.TextFormat.RichText)
        self.compare.setWordWrap(True)
        lay.addWidget(self.compare)
        lay.addLayout(decide)
        self.duplicates.itemSelectionChanged.connect(self._show_compare)
        self.detect_button.clicked.connect(self.detect)
        self.keep_a_button.clicked.connect(lambda: self.resolve_selected(keep="a"))
        self.keep_b_button.clicked.connect(lambda: self.resolve_selected(keep="b"))
        self.not_duplicate_button.clicked.connect(lambda: self.resolve_selected(keep=None))
        self.history_button.clicked.connect(self.show_history)
        return w

    def _show_duplicates(self, dups: list[duplicates.DuplicateRow]) -> None:
        self._dups = dups
        rows = [
            [
                duplicates.RULE_LABELS[d.rule].get(),
                d.score,
                d.status_text(),
                f"{d.village_name_a} ({d.village_a})",
                d.name_a,
                identity.mask_nik(d.nik_a),
                f"{d.village_name_b} ({d.village_b})",
                d.name_b,
                identity.mask_nik(d.nik_b),
            ]
            for d in dups
        ]
        tables.fill(self.duplicates, rows, [d.id for d in dups])

    def detect(self) -> None:
        hub, actor = self.hub, self._who()

        def found(d: duplicates.Detection) -> None:
            self.refresh()
            self.status_line.setText(
                self.tr("{0} calon ganda ditemukan, {1} baru; {2} menunggu keputusan.", "", d.candidates).format(
                    d.candidates, d.new, d.open
                )
            )

        self._run(lambda: duplicates.detect(hub, actor), found, self.tr("Mencari orang yang diusulkan dua desa…"))

    def _show_compare(self) -> None:
        rows = sorted({i.row() for i in self.duplicates.selectedIndexes()})
        if len(rows) != 1 or rows[0] >= len(self._dups):
            self.compare.setText("")
            return
        d = self._dups[rows[0]]
        same, differs = html.escape(self.tr("sama")), html.escape(self.tr("beda"))
        other = f"<span style='color:#a33'>{differs}</span>"
        cells = "".join(
            f"<tr><td><b>{html.escape(label)}</b></td><td>{html.escape(a)}</td><td>{html.escape(b)}</td>"
            f"<td>{same if alike else other}</td></tr>"
            for label, a, b, alike in duplicates.compare(self.hub, d)
        )
        head = (
            f"<tr><th></th><th align='left'>{html.escape(d.village_name_a or d.village_a)}</th>"
            f"<th align='left'>{html.escape(d.village_name_b or d.village_b)}</th><th></th></tr>"
        )
        self.compare.setText(f"<table cellspacing='0' cellpadding='2'>{head}{cells}</table>")

    def confirm(self, title: str, text: str) -> bool:
        """A yes-or-no before a decision (tests replace it)."""
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _selected_duplicate(self) -> duplicates.DuplicateRow | None:
        rows = sorted({i.row() for i in self.duplicates.selectedIndexes()})
        if len(rows) != 1:
            self._tell(self.tr("Pilih satu baris calon ganda dulu."))
            return None
        return self._dups[rows[0]]

    def ask_reason(self, title: str, label: str) -> str | None:
        """A reason typed by the clerk (None when cancelled; tests replace it)."""
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def resolve_selected(self, keep: str | None) -> None:
        """The selected candidate decided: one village kept, or two people. A candidate decided
        before is decided again with the reason of the change (the head of office, or the clerk
        who decided it); its history stays."""
        d = self._selected_duplicate()
        if d is None:
            return
        reason = ""
        if d.status != OPEN:
            got = self.ask_reason(
                self.tr("Ubah keputusan"),
                self.tr("Keputusan ini dibuat oleh {0}. Alasan mengubahnya (wajib diisi):").format(d.decided_by or "?"),
            )
            if got is None:
                return
            reason = got
        elif keep is None:
            got = self.ask_reason(self.tr("Bukan orang yang sama"), self.tr("Alasannya (wajib diisi):"))
            if got is None:
                return
            reason = got
        village = {"a": d.village_a, "b": d.village_b}.get(keep or "")
        if village is not None and d.status == OPEN:
            # A first decision is one click: said in full before it is recorded.
            kept, lost = (d.village_name_a, d.village_name_b) if keep == "a" else (d.village_name_b, d.village_name_a)
            name = d.name_a if keep == "a" else d.name_b
            if not self.confirm(
                self.tr("Pertahankan satu desa"),
                self.tr(
                    "Usulan {0} untuk {1} dipertahankan; usulan {2} dijawab 'ganda' pada berkas hasil berikutnya. Lanjutkan?"
                ).format(kept or village, name, lost or (d.village_b if keep == "a" else d.village_a)),
            ):
                return
        hub, actor = self.hub, self._who()
        self._run(
            lambda: duplicates.resolve(
                hub, actor, d.id, keep=village, not_duplicate=keep is None, reason=reason.strip()
            ),
            lambda _r: self._after(self.tr("Keputusan dicatat."), tell=False),
            self.tr("Mencatat keputusan…"),
        )

    def show_history(self) -> None:
        """Every decision on the selected candidate, the newest (in force) last."""
        d = self._selected_duplicate()
        if d is None:
            return
        hub, cid = self.hub, d.id

        def shown(history: list[duplicates.Decision]) -> None:
            if not history:
                self._tell(self.tr("Belum ada keputusan atas calon ganda ini."))
                return
            lines = []
            for h in history:
                kept = f" {h.kept_village}" if h.kept_village else ""
                note = f" — {h.reason}" if h.reason else ""
                lines.append(
                    f"{timefmt.local(h.at)} {h.username}: {duplicates.STATUS_LABELS[h.status].get()}{kept}{note}"
                )
            self._tell(self.tr("Riwayat keputusan (yang terakhir berlaku):") + "\n" + "\n".join(lines))

        QueryOp(self, lambda: duplicates.decision_history(hub, cid)).success(shown).failure(
            lambda e: errors.handle(e, self)
        ).run()

    # -- out ------------------------------------------------------------------------------------

    def _out_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.report_pdf_button = QPushButton(self.tr("Laporan cakupan (PDF)…"))
        self.report_xlsx_button = QPushButton(self.tr("Laporan cakupan (Excel)…"))
        self.bpjs_button = QPushButton(self.tr("Lembar pendaftaran BPJS (Excel)…"))
        self.answer_button = QPushButton(self.tr("Catat jawaban BPJS…"))
        self.returns_button = QPushButton(self.tr("Tulis berkas hasil untuk desa…"))
        hint = QLabel(
            self.tr(
                "Urutan kerja: impor berkas desa, selesaikan calon ganda, tulis lembar BPJS, catat jawabannya, "
                "lalu tulis berkas hasil untuk tiap desa."
            )
        )
        hint.setWordWrap(True)
        lay.addWidget(hint)
        for b in (
            self.report_pdf_button,
            self.report_xlsx_button,
            self.bpjs_button,
            self.answer_button,
            self.returns_button,
        ):
            lay.addWidget(b, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)
        report = self.tr("laporan-cakupan")
        self.report_pdf_button.clicked.connect(lambda: self.write_report(self.choose(".pdf", report)))
        self.report_xlsx_button.clicked.connect(lambda: self.write_report(self.choose(".xlsx", report)))
        sheet = self.tr("bpjs-pendaftaran-kolektif")
        self.bpjs_button.clicked.connect(lambda: self.export_bpjs(self.choose(".xlsx", sheet)))
        self.answer_button.clicked.connect(lambda: self.record_answer(self.choose("answer")))
        self.returns_button.clicked.connect(lambda: self.write_returns(self.choose("dir")))
        return w

    def ask_report_details(self, signer: report.Signer, target: int | None) -> tuple[report.Signer, int | None] | None:
        """Who signs the PDF report, where, and the regency's target (kept from the last report;
        None when cancelled; tests replace it)."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QSpinBox

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Laporan cakupan"))
        form = QFormLayout(dialog)
        name, title, nip, place = (
            QLineEdit(signer.name),
            QLineEdit(signer.title),
            QLineEdit(signer.nip),
            QLineEdit(signer.place),
        )
        title.setPlaceholderText(self.tr("contoh: Kepala Dinas Tenaga Kerja"))
        nip.setPlaceholderText(self.tr("18 angka"))
        place.setPlaceholderText(self.tr("bawaan: nama kabupaten"))
        goal = QSpinBox()
        goal.setRange(0, 10_000_000)
        goal.setSpecialValueText(self.tr("belum ditetapkan"))
        goal.setValue(target or 0)
        form.addRow(self.tr("Nama penanda tangan:"), name)
        form.addRow(self.tr("Jabatan:"), title)
        form.addRow(self.tr("NIP:"), nip)
        form.addRow(self.tr("Tempat:"), place)
        form.addRow(self.tr("Target pekerja terlindungi:"), goal)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if not dialog.exec():
            return None
        chosen = report.Signer(name.text().strip(), title.text().strip(), nip.text().strip(), place.text().strip())
        return chosen, (goal.value() or None)

    def write_report(self, where: list[Path]) -> None:
        if not where:
            return
        hub, actor, out = self.hub, self._who(), where[0]
        signer: report.Signer | None = None
        target: int | None = None
        if out.suffix.lower() == ".pdf":  # signed on paper: who signs it, asked (the last one offered)
            got = self.ask_report_details(report.stored_signer(hub), report.stored_target(hub))
            if got is None:
                return
            signer, target = got
        self._run(
            lambda: report.write_report(hub, actor, out, signer=signer, target=target),
            lambda r: self._tell(r.message()),
            self.tr("Menulis laporan…"),
        )

    def export_bpjs(self, where: list[Path]) -> None:
        if not where:
            return
        hub, actor, out = self.hub, self._who(), where[0]
        fresh, waiting = bpjs.sheet_counts(hub)
        again = False
        if waiting:
            # Sent before and unanswered: a sheet lost or the branch's asking again, else new ones only.
            answer = QMessageBox.question(
                self,
                self.tr("Lembar BPJS"),
                self.tr(
                    "{0} pekerja belum pernah dikirim. {1} lagi sudah dikirim di lembar sebelumnya dan belum dijawab "
                    "BPJS.\n\nTulis juga yang {1} itu? (Tidak: hanya yang belum pernah dikirim, agar BPJS tidak "
                    "menerimanya dua kali.)"
                ).format(fresh, waiting),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            again = answer == QMessageBox.StandardButton.Yes
        self._run(
            lambda: bpjs.export_sheet(hub, actor, out, again=again),
            lambda r: self._after(r.message()),
            self.tr("Menulis lembar BPJS…"),
        )

    def record_answer(self, where: list[Path]) -> None:
        if not where:
            return
        hub, actor, path = self.hub, self._who(), where[0]

        def recorded(r: bpjs.ResultsReport) -> None:
            # What was recorded in words, and the rows to look at (the row numbers of the branch's sheet).
            self._after("\n".join([r.message(), *r.details()]))

        self._run(lambda: bpjs.record_results(hub, actor, path), recorded, self.tr("Mencatat jawaban BPJS…"))

    def write_returns(self, where: list[Path]) -> None:
        if not where:
            return
        district = self._district_keys()
        if district is None:
            return
        hub, actor, out = self.hub, self._who(), where[0]
        self._run(
            lambda: returns.write_returns(hub, actor, district, out),
            lambda r: self._after(r.message()),
            self.tr("Menulis berkas hasil…"),
        )


def hub_url(argv: Sequence[str], data_dir: Path) -> str | None:
    """``--hub-db URL``, else the one the first-run wizard remembered (else the hub's default)."""

    if "--hub-db" in argv:
        i = list(argv).index("--hub-db")
        return argv[i + 1] if i + 1 < len(argv) else None
    return AppSettings(data_dir).hub_url or None


def ask_server_password(parent: QWidget | None, problem: UserError, refused: bool) -> str | None:
    """The PostgreSQL server's password, asked for each start (the settings never keep it);
    None when the person cancels. ``refused``: the one given before was not taken."""
    where = str(problem.value or "")
    if refused:
        label = QCoreApplication.translate(
            "HubWindow",
            "Server menolak kata sandi itu (atau nama pengguna/basis datanya salah):\n{0}\n\nKata sandi server:",
        )
    else:
        label = QCoreApplication.translate("HubWindow", "Server basis data kabupaten:\n{0}\n\nKata sandi server:")
    title = QCoreApplication.translate("HubWindow", "Server basis data")
    text, ok = QInputDialog.getText(parent, title, label.format(where), QLineEdit.EchoMode.Password)
    return text if ok and text else None


def _sentence(text: str) -> str:
    """A message as a sentence: the services' results start in lower case ("laporan 3 desa
    ditulis ke …", "tidak ada hasil baru …"), a box or the status bar shows them capitalised."""
    return text[:1].upper() + text[1:]


#: Replaced in tests: the dialog that asks for the server's password.
password_dialog: Callable[[QWidget | None, UserError, bool], str | None] = ask_server_password


def open_hub(url: str | None, data_dir: Path, parent: QWidget | None = None) -> Hub | None:
    """``Hub.open``; when the PostgreSQL server asks for a password the URL does not hold (none is
    written to the settings), it is asked for and kept in memory only. None: the person cancelled."""
    return Hub.open_asking(url, lambda exc: password_dialog(parent, exc, exc.refused), data_dir=data_dir)


def open_window(hub: Hub, actor: Actor | None = None, settings: AppSettings | None = None) -> HubWindow:
    """The district window over ``hub``, signed in as ``actor`` when given; on the screen where it
    was last time (``settings``), never bigger than the screen."""
    win = HubWindow(hub, settings=settings)
    if actor is not None:
        win.enter(actor)
    win.show()
    return win


def main(argv: list[str]) -> int:
    """``jamsos-desktop --hub [--hub-db URL]``: the district window on its own."""
    from PySide6.QtWidgets import QApplication

    from .. import logs, paths
    from . import i18n

    app = QApplication.instance() or QApplication(argv[:1])
    data = paths.data_dir(None)
    errors.install(logs.setup(data))
    settings = AppSettings(data)
    # ``--lang en`` for this session, as the village window takes it; else the saved language.
    asked = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang"]
    i18n.apply_language(asked[0] if asked else settings.language)
    try:
        hub = open_hub(hub_url(argv, data), data)
    except UserError as exc:
        QMessageBox.critical(None, "JAMSOS Kabupaten", exc.message())
        return 1
    if hub is None:
        return 1
    win = open_window(hub, settings=settings)
    code = app.exec()
    win.close()
    hub.close()
    return int(code)

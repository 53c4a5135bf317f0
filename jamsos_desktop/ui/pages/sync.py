"""Sinkronisasi: export to a folder or removable drive, the history with "write again", the
district's return files, conflicts, and the district key (confirmed by phone).

What the page shows is read on the thread pool (``sync.overview``, one read transaction) and
applied on the GUI thread; everything it writes is an ``ops.CollectionOp`` on the write queue.
It reads again when sync records, nominations or workers changed (``on_changes``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStorageInfo, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import statuses
from ...domain.text import UserError, language
from ...services import keys, nominations, sync
from ...services.context import Actor, Workspace
from ...services.keys import KeysInfo
from ...services.readers import read_limited
from ...sync.errors import SyncRefused
from .. import errors, tables, timefmt
from ..ops import CollectionOp, Latest, OpChanges, QueryOp, statuses_moved


def _table(headers: list[str], name: str) -> QTableWidget:
    t = tables.table(headers, name)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setMinimumHeight(140)
    return t


def removable_drives() -> list[tuple[str, Path]]:
    """Mounted volumes other than the system's own: where a USB stick shows up."""
    out = []
    root = QStorageInfo.root().rootPath()
    for v in QStorageInfo.mountedVolumes():
        if not v.isValid() or not v.isReady() or v.isReadOnly() or v.rootPath() == root:
            continue
        path = v.rootPath()
        if path.startswith(("/proc", "/sys", "/dev", "/run", "/boot", "/snap")):
            continue
        name = v.displayName() or path
        out.append((f"{name} ({path})", Path(path)))
    return out


SYNCED = OpChanges(sync=True)


def _imported(result: sync.ImportResult) -> OpChanges:
    """A return file applied moves nominations; refused or already applied, only its history."""
    return SYNCED | statuses_moved() if result.status == sync.APPLIED else SYNCED


class SyncPage(QWidget):
    """The Sinkronisasi page."""

    def __init__(self, workspace: Workspace, actor_getter: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.actor = actor_getter
        self.last_result: Any = None
        self._overview = Latest(self)  # only the newest refresh's answer is shown
        self._device_key_asked = False

        # -- keys --
        self.device_label = QLabel()
        self.device_label.setObjectName("deviceFingerprint")
        self.device_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.district_label = QLabel()
        self.district_label.setObjectName("districtKey")
        self.district_label.setWordWrap(True)
        self.district_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_button = QPushButton(self.tr("Impor kunci kabupaten…"))
        self.key_button.setObjectName("importDistrictKey")
        self.key_button.clicked.connect(lambda: self.import_district_key())  # noqa: PLW0108 - clicked passes a bool
        key_box = QGroupBox(self.tr("Kunci"))
        kf = QFormLayout(key_box)
        kf.addRow(self.tr("Sidik jari komputer ini:"), self.device_label)
        kf.addRow(self.tr("Kunci kabupaten:"), self.district_label)
        kf.addRow("", self.key_button)

        # -- export --
        self.folder = QLineEdit()
        self.folder.setObjectName("exportFolder")
        self.folder.setPlaceholderText(self.tr("Folder atau flashdisk tujuan"))
        self.drives = QComboBox()
        self.drives.setObjectName("drives")
        self.drives.activated.connect(self._drive_chosen)
        browse = QPushButton(self.tr("Pilih folder…"))
        browse.clicked.connect(self._browse_folder)
        self.full = QCheckBox(self.tr("Kirim lengkap (semua data, bukan hanya perubahan)"))
        self.full.setObjectName("fullExport")
        self.use_passphrase = QCheckBox(self.tr("Kunci dengan kata sandi berkas (kabupaten belum punya kunci)"))
        self.use_passphrase.setObjectName("usePassphrase")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("minimal 10 karakter; beri tahu kabupaten lewat telepon"))
        self.passphrase.setEnabled(False)
        # Typed twice: a typo here makes a file nobody can open, found out only at the district.
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setObjectName("passphraseAgain")
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again.setEnabled(False)
        self.use_passphrase.toggled.connect(self.passphrase.setEnabled)
        self.use_passphrase.toggled.connect(self.passphrase_again.setEnabled)
        self.export_note = QLabel(
            self.tr(
                "Yang dikirim: data pekerja dan usulan yang formulirnya sudah ditandatangani (ditandai Dikirim). Usulan yang belum ditandatangani menunggu kiriman berikutnya."
            )
        )
        self.export_note.setObjectName("exportNote")
        self.export_note.setWordWrap(True)
        self.export_note.setStyleSheet("color: #57606a;")
        self.export_button = QPushButton(self.tr("Buat berkas kiriman"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(lambda: self.export())  # noqa: PLW0108 - clicked passes a bool
        self.export_status = QLabel()
        self.export_status.setObjectName("exportStatus")
        self.export_status.setWordWrap(True)
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        export_box = QGroupBox(self.tr("Kirim ke kabupaten"))
        ef = QFormLayout(export_box)
        ef.addRow(self.tr("Flashdisk:"), self.drives)
        ef.addRow(self.tr("Tujuan:"), where)
        ef.addRow("", self.full)
        ef.addRow("", self.use_passphrase)
        ef.addRow(self.tr("Kata sandi:"), self.passphrase)
        ef.addRow(self.tr("Ulangi kata sandi:"), self.passphrase_again)
        ef.addRow(self.export_note)
        ef.addRow("", self.export_button)
        ef.addRow("", self.export_status)

        # -- history --
        self.history = _table(
            [self.tr("No"), self.tr("Waktu"), self.tr("Jenis"), self.tr("Data"), self.tr("Usulan"), self.tr("Berkas")],
            "exportHistory",
        )
        self.write_again_button = QPushButton(self.tr("Tulis ulang berkas terpilih…"))
        self.write_again_button.setObjectName("writeAgain")
        self.write_again_button.clicked.connect(lambda: self.write_again())  # noqa: PLW0108 - clicked passes a bool
        history_box = QGroupBox(self.tr("Riwayat kiriman"))
        hv = QVBoxLayout(history_box)
        hv.addWidget(self.history)
        hv.addWidget(self.write_again_button, 0, Qt.AlignmentFlag.AlignLeft)

        # -- results --
        self.import_button = QPushButton(self.tr("Terapkan berkas hasil dari kabupaten…"))
        self.import_button.setObjectName("importReturn")
        self.import_button.clicked.connect(lambda: self.import_return())  # noqa: PLW0108 - clicked passes a bool
        self.imports = _table(
            [
                self.tr("No"),
                self.tr("Diterapkan"),
                self.tr("Menjawab kiriman"),
                self.tr("Terdaftar"),
                self.tr("Ditolak"),
                self.tr("Ganda"),
                self.tr("Konflik"),
            ],
            "importHistory",
        )
        self.conflicts = _table(
            [self.tr("Pekerja"), self.tr("Di desa"), self.tr("Dari kabupaten"), self.tr("Mengapa")], "conflicts"
        )
        self.accept_button = QPushButton(self.tr("Terapkan hasil kabupaten"))
        self.accept_button.setObjectName("acceptConflict")
        self.accept_button.clicked.connect(lambda: self.resolve(accept=True))
        self.keep_button = QPushButton(self.tr("Pertahankan data desa"))
        self.keep_button.setObjectName("keepConflict")
        self.keep_button.clicked.connect(lambda: self.resolve(accept=False))
        self.conflict_label = QLabel()
        self.conflict_label.setWordWrap(True)
        results_box = QGroupBox(self.tr("Hasil dari kabupaten"))
        rv = QVBoxLayout(results_box)
        rv.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        rv.addWidget(self.imports)
        rv.addWidget(self.conflict_label)
        rv.addWidget(self.conflicts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        rv.addLayout(buttons)

        body = QWidget()
        v = QVBoxLayout(body)
        for box in (key_box, export_box, history_box, results_box):
            v.addWidget(box)
        v.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    # -- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reads keys, history and conflicts off the GUI thread; only the newest answer is shown."""
        self._refresh_drives()  # Qt's list of mounted volumes, not the database
        ws = self.ws
        # A signed-out person's page is retired, then deleted once its jobs have answered: it gets
        # no answer, and neither does an older refresh.
        self._overview.ask(lambda: sync.overview(ws), self._arrived, lambda exc: errors.handle(exc, self))

    def on_changes(self, changes: OpChanges) -> None:
        if changes.any("sync", "nominations", "workers"):
            self.refresh()

    def _arrived(self, state: sync.SyncOverview) -> None:
        self._show_keys(state.keys)
        exports = state.exports
        tables.fill(
            self.history,
            [
                [
                    str(e.seq),
                    timefmt.local(e.created_at),
                    self.tr("lengkap") if e.full else self.tr("perubahan"),
                    str(e.records),
                    str(e.exported_nominations),
                    e.file_name,
                ]
                for e in exports
            ],
            [e.seq for e in exports],
        )
        self.write_again_button.setEnabled(bool(exports))
        rows = []
        for i in state.imports:
            d2 = i.to_dict()
            a = d2["applied"]
            rows.append(
                [
                    str(i.return_seq),
                    timefmt.local(i.applied_at),
                    str(d2["answers_export_seq"]),
                    str(a.get("registered", 0)),
                    str(a.get("rejected", 0)),
                    str(a.get("duplicate", 0)),
                    str(d2["conflicts"]),
                ]
            )
        tables.fill(self.imports, rows)
        self._show_conflicts(state.conflicts)

    def _show_keys(self, info: KeysInfo | None) -> None:
        if info is None:
            self._make_device_key()
            return
        self.device_label.setText(info.device_fingerprint)
        d = info.district
        if d is None:
            self.district_label.setText(
                self.tr("belum diimpor — minta berkas kunci dari kabupaten, atau kirim dengan kata sandi berkas")
            )
            self.use_passphrase.setChecked(True)
        else:
            self.district_label.setText(f"{d.name}\n{d.fingerprint}")

    def _make_device_key(self) -> None:
        """A database older than the device keys gets this device's key on the write queue (once);
        then the page reads again."""
        if self._device_key_asked:
            return
        self._device_key_asked = True
        ws = self.ws

        def make() -> None:
            keys.device_keys(ws)  # its private key is not handed to the GUI thread

        def failed(exc: BaseException) -> None:
            self._device_key_asked = False  # asked again at the next refresh
            errors.handle(exc, self)

        # Read again when it is made (on_changes); a retired page hears nothing.
        CollectionOp(self, make, changes=SYNCED).failure(failed).quiet().run()

    def _show_conflicts(self, rows: list[sync.ConflictRow]) -> None:
        lang = language()
        shown = []
        for c in rows:
            district = statuses.label(c.outcome, lang)
            if c.kpj:
                district += f" (KPJ {c.kpj}, {c.coverage_start} – {c.coverage_end})"
            elif c.reason:
                district += f" ({c.reason})"
            shown.append([c.worker_name, statuses.label(c.local_status, lang), district, "; ".join(c.why)])
        tables.fill(self.conflicts, shown, [c.nomination_id for c in rows])
        if rows:
            self.conflict_label.setText(
                self.tr(
                    "{0} hasil belum diterapkan karena datanya berubah di desa setelah dikirim. Periksa, lalu pilih."
                ).format(len(rows))
            )
        else:
            self.conflict_label.setText(self.tr("Tidak ada konflik."))
        self.conflicts.setVisible(bool(rows))
        self.accept_button.setVisible(bool(rows))
        self.keep_button.setVisible(bool(rows))

    def _refresh_drives(self) -> None:
        self.drives.clear()
        self.drives.addItem(self.tr("— pilih flashdisk —"), "")
        for label, path in removable_drives():
            self.drives.addItem(label, str(path))

    def _drive_chosen(self, index: int) -> None:
        path = self.drives.itemData(index)
        if path:
            self.folder.setText(path)

    def _browse_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Pilih folder tujuan"), self.folder.text())
        if path:
            self.folder.setText(path)

    # -- actions ------------------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, SyncRefused):
            QMessageBox.warning(
                self,
                self.tr("Berkas ditolak"),
                exc.message(language()) + "\n\n" + self.tr("Tidak ada data yang diubah."),
            )
            return
        errors.handle(exc, self)

    def export(self, folder: Path | None = None) -> None:
        """Writes the next export; the job runs off the GUI thread with progress after 500 ms."""
        target = folder or (Path(self.folder.text().strip()) if self.folder.text().strip() else None)
        if target is None:
            QMessageBox.warning(
                self, self.tr("Kirim ke kabupaten"), self.tr("Pilih dulu folder atau flashdisk tujuan.")
            )
            return
        passphrase = self.passphrase.text() if self.use_passphrase.isChecked() else None
        if passphrase is not None and passphrase != self.passphrase_again.text():
            QMessageBox.warning(
                self,
                self.tr("Kirim ke kabupaten"),
                self.tr("Ketik kata sandi berkas sekali lagi di Ulangi kata sandi: keduanya belum sama.")
                if self.passphrase_again.text()
                else self.tr("Ketik kata sandi berkas sekali lagi di Ulangi kata sandi."),
            )
            self.passphrase_again.setFocus()
            return
        actor, full = self.actor(), self.full.isChecked()
        self.export_button.setEnabled(False)

        def done(result: sync.ExportResult) -> None:
            self.export_button.setEnabled(True)
            self.last_result = result
            self.passphrase.clear()
            self.passphrase_again.clear()
            e = result.export
            said = self.tr(
                "Kiriman nomor {0} tersimpan dan sudah diperiksa utuh:\n{1}\n{2} data, {3} usulan ditandai Dikirim."
            ).format(e.seq, str(result.path), e.records, e.exported_nominations)
            self.export_status.setText(said)
            QueryOp(self, lambda: nominations.status_counts(ws)).success(
                lambda counts: self.export_status.setText(said + "\n" + self._why_sent(counts))
            ).run()

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self._failed(exc)

        ws = self.ws
        CollectionOp(
            self,
            lambda: sync.export_job(ws, actor, target, full=full, passphrase=passphrase),
            changes=SYNCED | statuses_moved(),  # the exported nominations are marked Dikirim
        ).success(done).failure(failed).with_progress(self.tr("Membuat berkas kiriman…"), cancellable=True).run()

    def _why_sent(self, counts: dict[str, int]) -> str:
        """Why as many proposals were sent as were: only signed forms go, and how many wait."""
        waiting = sum(counts.get(s, 0) for s in (statuses.APPROVED, statuses.PRINTED))
        undecided = counts.get(statuses.PROPOSED, 0)
        parts = [self.tr("Hanya usulan yang formulirnya sudah ditandatangani yang dikirim.")]
        if waiting:
            parts.append(
                self.tr(
                    "{0} usulan yang disetujui masih menunggu tanda tangan: cetak formulirnya di Dokumen, lalu tandai ditandatangani.",
                    "",
                    waiting,
                ).format(waiting)
            )
        if undecided:
            parts.append(self.tr("{0} usulan belum diputuskan.", "", undecided).format(undecided))
        return " ".join(parts)

    def write_again(self, folder: Path | None = None) -> None:
        row = self.history.currentRow()
        if row < 0:
            QMessageBox.information(self, self.tr("Tulis ulang"), self.tr("Pilih dulu satu kiriman di riwayat."))
            return
        item = self.history.item(row, 0)
        if item is None:
            return
        seq = int(item.data(Qt.ItemDataRole.UserRole))
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Tulis ulang ke folder"), self.folder.text())
            if not chosen:
                return
            folder = Path(chosen)
        actor = self.actor()

        def done(path: Path) -> None:
            self.last_result = path
            QMessageBox.information(
                self,
                self.tr("Tulis ulang"),
                self.tr("Kiriman nomor {0} ditulis ulang, sama persis dengan aslinya:\n{1}").format(seq, str(path)),
            )

        ws = self.ws
        # The same file again: nothing the pages show changes (its audit entry is not shown).
        CollectionOp(self, lambda: sync.write_again(ws, actor, seq, folder)).success(done).failure(
            self._failed
        ).with_progress(self.tr("Menulis ulang…")).run()

    def import_return(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Berkas hasil dari kabupaten"), self.folder.text(), self.tr("Berkas JAMSOS (*.jamsync)")
            )
            if not chosen:
                return
            path = Path(chosen)
        actor = self.actor()

        def done(result: sync.ImportResult) -> None:
            self.last_result = result
            QMessageBox.information(self, self.tr("Berkas hasil"), result.message(language()))

        ws = self.ws
        CollectionOp(self, lambda: sync.import_return(ws, actor, path), changes=_imported).success(done).failure(
            self._failed
        ).with_progress(self.tr("Memeriksa dan menerapkan berkas hasil…")).run()

    def import_district_key(self, path: Path | None = None, confirmed: str | None = None) -> None:
        """Shows the key's fingerprint and asks for it to be typed back as read out on the phone."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Berkas kunci kabupaten"), "", self.tr("Kunci JAMSOS (*.jamkey *.json)")
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            data = read_limited(path, 64 * 1024)  # a regular file only, never a device or a pipe
            key = keys.read_district_key(data)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Kunci kabupaten"), str(exc.strerror or exc))
            return
        except UserError as exc:
            self._failed(exc)
            return
        if confirmed is None:
            text, ok = QInputDialog.getText(
                self,
                self.tr("Cocokkan sidik jari"),
                self.tr(
                    "Kunci dari: {0}\nSidik jari berkas: {1}\n\nTelepon petugas kabupaten dan minta dibacakan sidik "
                    "jari kuncinya. Ketik angka yang dibacakan:"
                ).format(key.name or "?", key.fingerprint),
            )
            if not ok:
                return
            confirmed = text
        self.key_button.setEnabled(False)

        def done(row: keys.DistrictKeyRow) -> None:
            self.key_button.setEnabled(True)
            self.use_passphrase.setChecked(False)
            QMessageBox.information(
                self, self.tr("Kunci kabupaten"), self.tr("Kunci kabupaten disimpan:\n{0}").format(row.fingerprint)
            )

        def failed(exc: BaseException) -> None:
            self.key_button.setEnabled(True)
            if isinstance(exc, UserError):
                errors.show_user_error(self, exc, self.tr("Kunci kabupaten"))
            else:
                errors.handle(exc, self)

        job = partial(keys.import_district_key, self.ws, self.actor(), data, confirmed)
        CollectionOp(self, job, changes=SYNCED).success(done).failure(failed).run()

    def resolve(self, *, accept: bool) -> None:
        row = self.conflicts.currentRow()
        if row < 0:
            QMessageBox.information(self, self.tr("Konflik"), self.tr("Pilih dulu satu baris konflik."))
            return
        item = self.conflicts.item(row, 0)
        if item is None:
            return
        nid = str(item.data(Qt.ItemDataRole.UserRole))
        buttons = (self.accept_button, self.keep_button)
        for b in buttons:
            b.setEnabled(False)  # one decision at a time

        def done(_none: None) -> None:
            # The decided row goes at once: the refresh that lists what is left comes later, and a
            # second click on the row meanwhile would ask to decide it again.
            for r in range(self.conflicts.rowCount()):
                cell = self.conflicts.item(r, 0)
                if cell is not None and str(cell.data(Qt.ItemDataRole.UserRole)) == nid:
                    self.conflicts.removeRow(r)
                    break
            for b in buttons:
                b.setEnabled(True)

        def failed(exc: BaseException) -> None:
            for b in buttons:
                b.setEnabled(True)
            errors.handle(exc, self)  # a UserError as a plain message, as before

        job = partial(sync.resolve_conflict, self.ws, self.actor(), nid, accept=accept)
        CollectionOp(self, job, changes=SYNCED | statuses_moved()).success(done).failure(failed).run()

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>Tentang JAMSOS Desktop</source>
            <translation>About JAMSOS Desktop</translation>
        </message>
        <message>
            <source>Pencatatan pekerja rentan dan usulan perlindungan BPJS Ketenagakerjaan untuk kantor desa. Bekerja tanpa internet.</source>
            <translation>Records vulnerable workers and proposes them for BPJS Ketenagakerjaan cover, for village offices. Works offline.</translation>
        </message>
        <message>
            <source>Versi: {0}</source>
            <translation>Version: {0}</translation>
        </message>
        <message>
            <source>Folder data: {0}</source>
            <translation>Data folder: {0}</translation>
        </message>
        <message>
            <source>Versi skema basis data: {0}</source>
            <translation>Database schema version: {0}</translation>
        </message>
        <message>
            <source>Panduan pengguna (menu Bantuan)</source>
            <translation>User guide (Help menu)</translation>
        </message>
        <message>
            <source>JAMSOS Desktop berlisensi Apache-2.0.</source>
            <translation>JAMSOS Desktop is licensed under the Apache License 2.0.</translation>
        </message>
        <message>
            <source>Qt 6 dan PySide6 dipakai di bawah GNU Lesser General Public License versi 3 (LGPL-3.0). Pustakanya disertakan sebagai berkas terpisah di folder _internal/PySide6 aplikasi ini. Anda boleh menggantinya dengan versi Qt dan PySide6 lain yang cocok, misalnya yang Anda bangun sendiri dari kode sumbernya (qt.io), dengan menimpa berkas-berkas itu; aplikasi memakai pustaka yang ada di folder tersebut.</source>
            <translation>Qt 6 and PySide6 are used under the GNU Lesser General Public License version 3 (LGPL-3.0). Their libraries are included as separate files in this app's _internal/PySide6 folder. You may replace them with another compatible version of Qt and PySide6, for example one you build yourself from the source code (qt.io), by overwriting those files; the app uses the libraries it finds in that folder.</translation>
        </message>
        <message>
            <source>Teks lisensi ada di folder {0} dan di folder *.dist-info tiap komponen.</source>
            <translation>The licence texts are in the folder {0} and in each component's *.dist-info folder.</translation>
        </message>
        <message>
            <source>Komponen dan lisensinya</source>
            <translation>Components and their licences</translation>
        </message>
    </context>
    <context>
        <name>AccountPage</name>
        <message>
            <source>Akun administrator</source>
            <translation>Administrator account</translation>
        </message>
        <message>
            <source>Admin mengatur desa, program dan pengguna. Akun 'operator' dan 'kepala' juga dibuat; beri kata sandi sekarang atau nanti di Pengaturan.</source>
            <translation>The admin manages the village, the program and the users. The 'operator' and 'kepala' accounts are created too; give them passwords now or later in Settings.</translation>
        </message>
        <message>
            <source>Kata sandi di sini untuk masuk ke JAMSOS Desktop, bukan kata sandi Windows atau email. Simpan di tempat yang aman.</source>
            <translation>These passwords are for signing in to JAMSOS Desktop, not your Windows or e-mail password. Keep them somewhere safe.</translation>
        </message>
        <message>
            <source>Nama pengguna admin:</source>
            <translation>Admin username:</translation>
        </message>
        <message>
            <source>Nama lengkap:</source>
            <translation>Full name:</translation>
        </message>
        <message>
            <source>Kata sandi admin untuk masuk aplikasi (min. 8):</source>
            <translation>Admin's password to sign in to the app (min. 8):</translation>
        </message>
        <message>
            <source>Ulangi kata sandi admin:</source>
            <translation>Repeat the admin's password:</translation>
        </message>
        <message>
            <source>Kata sandi akun 'operator':</source>
            <translation>Password of the 'operator' account:</translation>
        </message>
        <message>
            <source>Kata sandi akun 'kepala':</source>
            <translation>Password of the 'kepala' account:</translation>
        </message>
        <message>
            <source>Kata sandi minimal 8 karakter.</source>
            <translation>The password needs at least 8 characters.</translation>
        </message>
        <message>
            <source>Kedua kata sandi belum sama.</source>
            <translation>The two passwords differ.</translation>
        </message>
    </context>
    <context>
        <name>AuditDialog</name>
        <message>
            <source>Jejak audit</source>
            <translation>Audit trail</translation>
        </message>
        <message>
            <source>Semua akun</source>
            <translation>All accounts</translation>
        </message>
        <message>
            <source>ID data (atau 8 angka terakhirnya)</source>
            <translation>Record ID (or its last 8 digits)</translation>
        </message>
        <message>
            <source>Tampilkan</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>Periksa rantai</source>
            <translation>Verify the chain</translation>
        </message>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>Waktu (UTC)</source>
            <translation>Time (UTC)</translation>
        </message>
        <message>
            <source>Akun</source>
            <translation>Account</translation>
        </message>
        <message>
            <source>Tindakan</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>Isian diubah</source>
            <translation>Fields changed</translation>
        </message>
        <message>
            <source>Akun:</source>
            <translation>Account:</translation>
        </message>
        <message>
            <source>Data:</source>
            <translation>Record:</translation>
        </message>
        <message>
            <source>{0} entri ditampilkan (terbaru dulu).</source>
            <translation>{0} entries shown (newest first).</translation>
        </message>
        <message>
            <source>Rantai audit utuh: {0} entri.</source>
            <translation>Audit chain sound: {0} entries.</translation>
        </message>
        <message>
            <source>Rantai audit RUSAK: {0}</source>
            <translation>Audit chain BROKEN: {0}</translation>
        </message>
    </context>
    <context>
        <name>BackupDialog</name>
        <message>
            <source>Basis data rusak</source>
            <translation>Damaged database</translation>
        </message>
        <message>
            <source>Pulihkan dari cadangan {0}? Basis data yang rusak tetap disimpan di folder cadangan.</source>
            <translation>Restore from the backup {0}? The damaged database is kept in the backups folder.</translation>
        </message>
        <message>
            <source>Cadangan basis data</source>
            <translation>Database backups</translation>
        </message>
        <message>
            <source>Waktu (UTC)</source>
            <translation>Time (UTC)</translation>
        </message>
        <message>
            <source>Jenis</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Ukuran</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Buat cadangan sekarang</source>
            <translation>Back up now</translation>
        </message>
        <message>
            <source>Pulihkan yang dipilih…</source>
            <translation>Restore the selected one…</translation>
        </message>
        <message>
            <source>Pulihkan dari berkas…</source>
            <translation>Restore from a file…</translation>
        </message>
        <message>
            <source>mis. folder di flashdisk (kosong: tanpa salinan kedua)</source>
            <translation>e.g. a folder on a USB stick (empty: no second copy)</translation>
        </message>
        <message>
            <source>Pilih…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <source>Simpan pengaturan</source>
            <translation>Save settings</translation>
        </message>
        <message>
            <source>Cadangan harian disimpan:</source>
            <translation>Daily backups kept:</translation>
        </message>
        <message>
            <source>Cadangan mingguan disimpan:</source>
            <translation>Weekly backups kept:</translation>
        </message>
        <message>
            <source>Salinan kedua ke:</source>
            <translation>Second copy to:</translation>
        </message>
        <message>
            <source>Membuat dan memeriksa cadangan…</source>
            <translation>Making and checking the backup…</translation>
        </message>
        <message>
            <source>Cadangan dibuat dan diperiksa: {0}</source>
            <translation>Backup made and checked: {0}</translation>
        </message>
        <message>
            <source>Pilih dulu cadangan di daftar.</source>
            <translation>Choose a backup in the list first.</translation>
        </message>
        <message>
            <source>Berkas cadangan</source>
            <translation>Backup file</translation>
        </message>
        <message>
            <source>Pulihkan cadangan</source>
            <translation>Restore a backup</translation>
        </message>
        <message>
            <source>Ganti basis data dengan cadangan {0}? Perubahan sesudah cadangan itu dibuat tidak ada di dalamnya. Basis data yang sekarang tetap disimpan. Aplikasi perlu dibuka ulang.</source>
            <translation>Replace the database with the backup {0}? Changes made after that backup are not in it. The current database is kept. The app must be opened again.</translation>
        </message>
        <message>
            <source>Cadangan {0} utuh. Tutup aplikasi lalu buka lagi: basis data diganti saat dibuka.</source>
            <translation>The backup {0} is sound. Close the app and open it again: the database is replaced as it opens.</translation>
        </message>
        <message>
            <source>Pemulihan menunggu aplikasi dibuka ulang.</source>
            <translation>The restore waits for the app to be opened again.</translation>
        </message>
        <message>
            <source>Folder salinan kedua</source>
            <translation>Second copy folder</translation>
        </message>
        <message>
            <source>Pengaturan cadangan disimpan.</source>
            <translation>Backup settings saved.</translation>
        </message>
    </context>
    <context>
        <name>BarChart</name>
        <message>
            <source>Belum ada data</source>
            <translation>No data yet</translation>
        </message>
    </context>
    <context>
        <name>Category</name>
        <message>
            <source>Petani</source>
            <translation>Farmer</translation>
        </message>
        <message>
            <source>Buruh tani</source>
            <translation>Farm labourer</translation>
        </message>
        <message>
            <source>Nelayan</source>
            <translation>Fisher</translation>
        </message>
        <message>
            <source>Pedagang kecil</source>
            <translation>Small trader</translation>
        </message>
        <message>
            <source>Tukang ojek</source>
            <translation>Motorcycle-taxi driver</translation>
        </message>
        <message>
            <source>Guru ngaji</source>
            <translation>Qur'an teacher</translation>
        </message>
        <message>
            <source>Marbot masjid</source>
            <translation>Mosque caretaker</translation>
        </message>
        <message>
            <source>Pemulung</source>
            <translation>Waste picker</translation>
        </message>
        <message>
            <source>Tukang bangunan</source>
            <translation>Construction worker</translation>
        </message>
        <message>
            <source>Linmas</source>
            <translation>Community protection (Linmas)</translation>
        </message>
        <message>
            <source>Ketua RT/RW</source>
            <translation>RT/RW head</translation>
        </message>
        <message>
            <source>Kader PKK</source>
            <translation>PKK volunteer</translation>
        </message>
        <message>
            <source>Anggota BPD</source>
            <translation>BPD member</translation>
        </message>
        <message>
            <source>Pengurus LPMD</source>
            <translation>LPMD board member</translation>
        </message>
        <message>
            <source>Petugas pemilu</source>
            <translation>Election worker</translation>
        </message>
        <message>
            <source>Perangkat desa</source>
            <translation>Village official</translation>
        </message>
        <message>
            <source>Tenaga keagamaan</source>
            <translation>Religious worker</translation>
        </message>
        <message>
            <source>Lainnya</source>
            <translation>Other</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <source>Pekerja tercatat</source>
            <translation>Workers recorded</translation>
        </message>
        <message>
            <source>Diusulkan</source>
            <translation>Proposed</translation>
        </message>
        <message>
            <source>Disetujui / diproses</source>
            <translation>Approved / in progress</translation>
        </message>
        <message>
            <source>Terdaftar BPJS</source>
            <translation>Registered with BPJS</translation>
        </message>
        <message>
            <source>Kuota dan anggaran</source>
            <translation>Quota and budget</translation>
        </message>
        <message>
            <source>Menurut status</source>
            <translation>By status</translation>
        </message>
        <message>
            <source>Menurut kategori</source>
            <translation>By category</translation>
        </message>
        <message>
            <source>Menurut dusun</source>
            <translation>By hamlet</translation>
        </message>
        <message>
            <source>Menurut {0}</source>
            <translation>By {0}</translation>
        </message>
        <message>
            <source>Ringkasan program tahun {0}</source>
            <translation>Program {0} at a glance</translation>
        </message>
        <message numerus="yes">
            <source>Terpakai {0} ({1}); sisa kuota {2} orang.</source>
            <translation>
                <numerusform>Used {0} ({1}); {2} place left in the quota.</numerusform>
                <numerusform>Used {0} ({1}); {2} places left in the quota.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Iuran terendah {0}/bulan × {1} bulan.</source>
            <translation>
                <numerusform>Lowest contribution {0}/month × {1} month.</numerusform>
                <numerusform>Lowest contribution {0}/month × {1} months.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DocumentsPage</name>
        <message>
            <source>Formulir usulan: semua yang baru disetujui</source>
            <translation>Nomination forms: all newly approved</translation>
        </message>
        <message>
            <source>Formulir usulan: cetak ulang semua di daftar</source>
            <translation>Nomination forms: reprint everyone on the list</translation>
        </message>
        <message>
            <source>Daftar nominatif</source>
            <translation>Nominee list</translation>
        </message>
        <message>
            <source>Daftar nominatif untuk diumumkan (NIK disamarkan)</source>
            <translation>Nominee list for public notice (NIKs masked)</translation>
        </message>
        <message>
            <source>Keputusan kepala desa dengan lampiran</source>
            <translation>Village head's decree with annex</translation>
        </message>
        <message>
            <source>A4 (210 × 297 mm)</source>
            <translation>A4 (210 × 297 mm)</translation>
        </message>
        <message>
            <source>F4 / Folio (215 × 330 mm)</source>
            <translation>F4 / Folio (215 × 330 mm)</translation>
        </message>
        <message>
            <source>mis. 141/12/KPTS/2026</source>
            <translation>e.g. 141/12/KPTS/2026</translation>
        </message>
        <message>
            <source>Pratinjau</source>
            <translation>Preview</translation>
        </message>
        <message>
            <source>Cetak…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <source>Simpan PDF…</source>
            <translation>Save PDF…</translation>
        </message>
        <message>
            <source>Tandai sudah dicetak</source>
            <translation>Mark as printed</translation>
        </message>
        <message>
            <source>mis. 8 Tahun 2025</source>
            <translation>e.g. 8 Tahun 2025</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Nomor peraturan APBDes</source>
            <translation>Village budget regulation no.</translation>
        </message>
        <message>
            <source>18 angka</source>
            <translation>18 digits</translation>
        </message>
        <message>
            <source>NIP Lurah</source>
            <translation>Lurah's NIP</translation>
        </message>
        <message>
            <source>Dokumen</source>
            <translation>Document</translation>
        </message>
        <message>
            <source>Kertas</source>
            <translation>Paper</translation>
        </message>
        <message>
            <source>Tanggal</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Nomor keputusan</source>
            <translation>Decree number</translation>
        </message>
        <message>
            <source>Cetak dokumen</source>
            <translation>Print documents</translation>
        </message>
        <message>
            <source>ID</source>
            <translation>ID</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Dicetak</source>
            <translation>Printed</translation>
        </message>
        <message>
            <source>Pindaian</source>
            <translation>Scan</translation>
        </message>
        <message>
            <source>Tandai ditandatangani…</source>
            <translation>Mark as signed…</translation>
        </message>
        <message>
            <source>Lihat pindaian</source>
            <translation>View scan</translation>
        </message>
        <message>
            <source>Tanda tangan</source>
            <translation>Signatures</translation>
        </message>
        <message>
            <source>Pindai kode QR atau ketik baris ID di bawah formulir</source>
            <translation>Scan the QR code or type the ID line under the form</translation>
        </message>
        <message>
            <source>Pindai kode QR, atau ketik baris di bawah formulir: ID … versi … kode …</source>
            <translation>Scan the QR code, or type the line under the form: ID … version … code …</translation>
        </message>
        <message>
            <source>Periksa</source>
            <translation>Check</translation>
        </message>
        <message>
            <source>Periksa kode QR</source>
            <translation>Check a QR code</translation>
        </message>
        <message>
            <source>Keputusan {0} dengan lampiran</source>
            <translation>Decree of the {0} with annex</translation>
        </message>
        <message>
            <source>Nomor peraturan {0}</source>
            <translation>{0} regulation no.</translation>
        </message>
        <message>
            <source>Peraturan tentang {0} tahun {1}, dikutip pada Mengingat keputusan</source>
            <translation>The {1} village budget regulation ({0}), cited in the decree's Mengingat</translation>
        </message>
        <message>
            <source>NIP {0}</source>
            <translation>NIP of the {0}</translation>
        </message>
        <message>
            <source>Sebelum mencetak:</source>
            <translation>Before printing:</translation>
        </message>
        <message>
            <source>Nomor peraturan disimpan: {0}.</source>
            <translation>Regulation number saved: {0}.</translation>
        </message>
        <message>
            <source>NIP disimpan: {0}.</source>
            <translation>NIP saved: {0}.</translation>
        </message>
        <message>
            <source>NIP dihapus.</source>
            <translation>NIP removed.</translation>
        </message>
        <message>
            <source>Pilih dokumen lalu tekan Pratinjau.</source>
            <translation>Choose a document, then press Preview.</translation>
        </message>
        <message>
            <source>ada</source>
            <translation>attached</translation>
        </message>
        <message>
            <source>Menyusun dokumen…</source>
            <translation>Building the document…</translation>
        </message>
        <message>
            <source>{0} halaman · {1} orang. Periksa pratinjau, lalu Cetak atau Simpan PDF.</source>
            <translation>{0} pages · {1} people. Check the preview, then Print or Save PDF.</translation>
        </message>
        <message>
            <source>Simpan PDF</source>
            <translation>Save PDF</translation>
        </message>
        <message>
            <source>Tersimpan: {0}</source>
            <translation>Saved: {0}</translation>
        </message>
        <message>
            <source>Menandai dicetak…</source>
            <translation>Marking as printed…</translation>
        </message>
        <message>
            <source>{0} usulan ditandai Dicetak.</source>
            <translation>{0} nominations marked Printed.</translation>
        </message>
        <message>
            <source>Lampirkan pindaian atau foto formulir yang sudah ditandatangani?</source>
            <translation>Attach a scan or photo of the signed form?</translation>
        </message>
        <message>
            <source>Pilih pindaian</source>
            <translation>Choose the scan</translation>
        </message>
        <message>
            <source>Pindaian (*.pdf *.jpg *.jpeg *.png)</source>
            <translation>Scans (*.pdf *.jpg *.jpeg *.png)</translation>
        </message>
        <message>
            <source>Menyimpan…</source>
            <translation>Saving…</translation>
        </message>
    </context>
    <context>
        <name>FirstRunWizard</name>
        <message>
            <source>JAMSOS Desktop — penyiapan pertama</source>
            <translation>JAMSOS Desktop — first set-up</translation>
        </message>
        <message>
            <source>Lanjut &gt;</source>
            <translation>Next &gt;</translation>
        </message>
        <message>
            <source>&lt; Kembali</source>
            <translation>&lt; Back</translation>
        </message>
        <message>
            <source>Selesai</source>
            <translation>Finish</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>GuideWindow</name>
        <message>
            <source>Panduan pengguna JAMSOS Desktop</source>
            <translation>JAMSOS Desktop user guide</translation>
        </message>
        <message>
            <source>Panduan tidak ditemukan di {0}.</source>
            <translation>The guide was not found at {0}.</translation>
        </message>
    </context>
    <context>
        <name>HubDbPage</name>
        <message>
            <source>tidak disimpan: ditanyakan setiap kali dibuka</source>
            <translation>not kept: asked for at every start</translation>
        </message>
        <message>
            <source>Alamat:</source>
            <translation>Address:</translation>
        </message>
        <message>
            <source>Kata sandi server:</source>
            <translation>Server password:</translation>
        </message>
        <message>
            <source>Basis data kabupaten</source>
            <translation>The district's database</translation>
        </message>
        <message>
            <source>Kabupaten kecil cukup satu laptop; yang besar, atau beberapa petugas sekaligus, memakai server.</source>
            <translation>A small regency needs one laptop; a large one, or several clerks at once, uses a server.</translation>
        </message>
        <message>
            <source>Berkas di laptop ini (SQLite)</source>
            <translation>A file on this laptop (SQLite)</translation>
        </message>
        <message>
            <source>Server PostgreSQL pusat data kabupaten</source>
            <translation>The regency data centre's PostgreSQL server</translation>
        </message>
        <message>
            <source>&amp;Uji sambungan</source>
            <translation>&amp;Test the connection</translation>
        </message>
        <message>
            <source>Menyambung…</source>
            <translation>Connecting…</translation>
        </message>
        <message>
            <source>Tersambung, tetapi basis data ini berisi tabel lain: bukan hub JAMSOS. Pakai basis data kosong.</source>
            <translation>Connected, but this database holds other tables: it is not a JAMSOS hub. Use an empty database.</translation>
        </message>
        <message>
            <source>Tersambung. Basis data masih kosong: hub dibuat di sini.</source>
            <translation>Connected. The database is empty: the hub is made here.</translation>
        </message>
        <message>
            <source>Tersambung. Sudah ada hub JAMSOS di sini dengan {0} akun: hub itu yang dipakai.</source>
            <translation>Connected. There is a JAMSOS hub here already, with {0} accounts: that hub is used.</translation>
        </message>
        <message>
            <source>Tidak tersambung: {0}</source>
            <translation>Not connected: {0}</translation>
        </message>
    </context>
    <context>
        <name>HubHeadPage</name>
        <message>
            <source>Akun kepala kantor</source>
            <translation>The head of office's account</translation>
        </message>
        <message>
            <source>Kepala kantor menambah akun petugas nanti; setiap perubahan dicatat atas namanya.</source>
            <translation>The head of office adds the clerks' accounts later; every change is recorded under its author's name.</translation>
        </message>
        <message>
            <source>Nama akun:</source>
            <translation>Account name:</translation>
        </message>
        <message>
            <source>Nama lengkap:</source>
            <translation>Full name:</translation>
        </message>
        <message>
            <source>Kata sandi (min. 8):</source>
            <translation>Password (at least 8):</translation>
        </message>
        <message>
            <source>Ulangi kata sandi:</source>
            <translation>Repeat the password:</translation>
        </message>
        <message>
            <source>Kata sandi minimal 8 karakter.</source>
            <translation>The password needs at least 8 characters.</translation>
        </message>
        <message>
            <source>Kedua kata sandi belum sama.</source>
            <translation>The two passwords differ.</translation>
        </message>
    </context>
    <context>
        <name>HubKeysPage</name>
        <message>
            <source>contoh: 32.04</source>
            <translation>e.g. 32.04</translation>
        </message>
        <message>
            <source>nama kantor</source>
            <translation>office name</translation>
        </message>
        <message>
            <source>kode kabupaten</source>
            <translation>regency code</translation>
        </message>
        <message>
            <source>kata sandi kunci</source>
            <translation>key passphrase</translation>
        </message>
        <message>
            <source>ulangan kata sandi kunci</source>
            <translation>the passphrase again</translation>
        </message>
        <message>
            <source>Belum diisi: {0}.</source>
            <translation>Still empty: {0}.</translation>
        </message>
        <message>
            <source>Kunci kabupaten</source>
            <translation>The district key</translation>
        </message>
        <message>
            <source>Desa mengunci berkasnya untuk kunci ini. Tulis kata sandinya dan simpan di lemari kantor: tanpa itu berkas desa tidak bisa dibuka.</source>
            <translation>Villages lock their files for this key. Write its passphrase down and keep it in the office safe: without it the villages' files cannot be opened.</translation>
        </message>
        <message>
            <source>contoh: Disnaker Kabupaten Bandung</source>
            <translation>e.g. Disnaker Kabupaten Bandung</translation>
        </message>
        <message>
            <source>Nama kantor:</source>
            <translation>Office name:</translation>
        </message>
        <message>
            <source>Kode kabupaten:</source>
            <translation>Regency code:</translation>
        </message>
        <message>
            <source>Kata sandi kunci (min. {0}):</source>
            <translation>Key passphrase (at least {0}):</translation>
        </message>
        <message>
            <source>Ulangi kata sandi kunci:</source>
            <translation>Repeat the key passphrase:</translation>
        </message>
        <message>
            <source>Kode kabupaten ditulis seperti 32.04 (kode provinsi, titik, kode kabupaten).</source>
            <translation>The regency code is written like 32.04 (province code, dot, regency code).</translation>
        </message>
        <message>
            <source>Kata sandi kunci minimal {0} karakter.</source>
            <translation>The key passphrase needs at least {0} characters.</translation>
        </message>
        <message>
            <source>Kedua kata sandi kunci belum sama.</source>
            <translation>The two key passphrases differ.</translation>
        </message>
    </context>
    <context>
        <name>HubWindow</name>
        <message>
            <source>18 angka</source>
            <translation>18 digits</translation>
        </message>
        <message>
            <source>Jabatan:</source>
            <translation>Title:</translation>
        </message>
        <message>
            <source>Laporan cakupan</source>
            <translation>Coverage report</translation>
        </message>
        <message>
            <source>NIP:</source>
            <translation>NIP (civil-service no.):</translation>
        </message>
        <message>
            <source>Nama penanda tangan:</source>
            <translation>Signed by (name):</translation>
        </message>
        <message>
            <source>Target pekerja terlindungi:</source>
            <translation>Target of covered workers:</translation>
        </message>
        <message>
            <source>Tempat:</source>
            <translation>Place:</translation>
        </message>
        <message>
            <source>bawaan: nama kabupaten</source>
            <translation>by default: the regency's name</translation>
        </message>
        <message>
            <source>belum ditetapkan</source>
            <translation>not set</translation>
        </message>
        <message>
            <source>contoh: Kepala Dinas Tenaga Kerja</source>
            <translation>e.g. Kepala Dinas Tenaga Kerja</translation>
        </message>
        <message>
            <source>Desa</source>
            <comment>the column: one village a row</comment>
            <translation>Village</translation>
        </message>
        <message>
            <source>Berkas</source>
            <comment>the column: how many files</comment>
            <translation>Files</translation>
        </message>
        <message>
            <source>nomor {0}, {1}</source>
            <translation>number {0}, {1}</translation>
        </message>
        <message>
            <source>Per status</source>
            <translation>By status</translation>
        </message>
        <message>
            <source>Terakhir diimpor</source>
            <translation>Imported last</translation>
        </message>
        <message>
            <source>Belum ada berkas desa yang diimpor.</source>
            <translation>No village file has been imported yet.</translation>
        </message>
        <message>
            <source>Berkas yang sudah diimpor, terbaru di atas ({0}).</source>
            <translation>Files imported so far, the newest first ({0}).</translation>
        </message>
        <message>
            <source>Hasil impor barusan ({0} berkas).</source>
            <translation>What the import just did ({0} files).</translation>
        </message>
        <message>
            <source>Akun dan kunci</source>
            <translation>Accounts and key</translation>
        </message>
        <message>
            <source>Akun petugas {0} dibuat.</source>
            <translation>Clerk account {0} made.</translation>
        </message>
        <message>
            <source>Keluar</source>
            <translation>Sign out</translation>
        </message>
        <message>
            <source>Keluar. Masuk lagi untuk bekerja.</source>
            <translation>Signed out. Sign in again to work.</translation>
        </message>
        <message>
            <source>Kunci kabupaten untuk desa…</source>
            <translation>District key for the villages…</translation>
        </message>
        <message>
            <source>Kunci publik ditulis ke {0}. Sidik jarinya: {1}

Kirim berkas itu ke desa, dan bacakan sidik jari ini lewat telepon saat desa mengimpornya.</source>
            <translation>The public key was written to {0}. Its fingerprint: {1}

Send that file to the villages, and read this fingerprint out by phone while each village imports it.</translation>
        </message>
        <message>
            <source>Membuat akun…</source>
            <translation>Making the account…</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Peran</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Tambah akun petugas…</source>
            <translation>Add a clerk account…</translation>
        </message>
        <message>
            <source>kunci-kabupaten</source>
            <translation>district-key</translation>
        </message>
        <message>
            <source>beda</source>
            <translation>differs</translation>
        </message>
        <message>
            <source>sama</source>
            <translation>same</translation>
        </message>
        <message>
            <source>Pertahankan satu desa</source>
            <translation>Keep one village</translation>
        </message>
        <message>
            <source>Usulan {0} untuk {1} dipertahankan; usulan {2} dijawab &apos;ganda&apos; pada berkas hasil berikutnya. Lanjutkan?</source>
            <translation>{0}&apos;s nomination of {1} is kept; {2}&apos;s is answered &apos;duplicate&apos; in the next return file. Go on?</translation>
        </message>
        <message>
            <source>Lembar BPJS</source>
            <translation>BPJS sheet</translation>
        </message>
        <message>
            <source>{0} pekerja belum pernah dikirim. {1} lagi sudah dikirim di lembar sebelumnya dan belum dijawab BPJS.

Tulis juga yang {1} itu? (Tidak: hanya yang belum pernah dikirim, agar BPJS tidak menerimanya dua kali.)</source>
            <translation>{0} workers were never sent. {1} more were sent in an earlier sheet and BPJS has not answered yet.

Write those {1} too? (No: only those never sent, so that BPJS does not receive them twice.)</translation>
        </message>
        <message>
            <source>Kata sandi kunci kabupaten salah. Coba lagi (bukan kata sandi akun):</source>
            <translation>The district key's passphrase is wrong. Try again (not the account's password):</translation>
        </message>
        <message>
            <source>Kata sandi kunci kabupaten salah tiga kali.</source>
            <translation>The district key's passphrase was wrong three times.</translation>
        </message>
        <message>
            <source>laporan</source>
            <translation>report</translation>
        </message>
        <message>
            <source>laporan-cakupan</source>
            <translation>coverage-report</translation>
        </message>
        <message>
            <source>bpjs-pendaftaran-kolektif</source>
            <translation>bpjs-collective-registration</translation>
        </message>
        <message>
            <source>Server menolak kata sandi itu (atau nama pengguna/basis datanya salah):
{0}

Kata sandi server:</source>
            <translation>The server refused that password (or the user or database name is wrong):
{0}

Server password:</translation>
        </message>
        <message>
            <source>Server basis data kabupaten:
{0}

Kata sandi server:</source>
            <translation>The district's database server:
{0}

Server password:</translation>
        </message>
        <message>
            <source>Server basis data</source>
            <translation>Database server</translation>
        </message>
        <message>
            <source>JAMSOS Kabupaten — pusat data kabupaten</source>
            <translation>JAMSOS District — the district data hub</translation>
        </message>
        <message>
            <source>Berkas desa</source>
            <translation>Village files</translation>
        </message>
        <message>
            <source>Desa</source>
            <translation>Villages</translation>
        </message>
        <message>
            <source>Ganda</source>
            <translation>Duplicates</translation>
        </message>
        <message>
            <source>Laporan dan BPJS</source>
            <translation>Reports and BPJS</translation>
        </message>
        <message>
            <source>Masuk sebagai petugas kabupaten</source>
            <translation>Sign in as a district clerk</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>Nama akun</source>
            <translation>Account name</translation>
        </message>
        <message>
            <source>Kata sandi akun</source>
            <translation>Account password</translation>
        </message>
        <message>
            <source>Masuk sebagai {0}</source>
            <translation>Signed in as {0}</translation>
        </message>
        <message>
            <source>Kunci kabupaten dibuat. Sidik jarinya: {0}

Kirim berkas {1} ke setiap desa, dan bacakan sidik jari ini lewat telepon saat desa mengimpornya.</source>
            <translation>The district keys are made. Their fingerprint: {0}

Send the file {1} to every village, and read this fingerprint out to them by phone when they import it.</translation>
        </message>
        <message>
            <source>Kunci kabupaten</source>
            <translation>District key</translation>
        </message>
        <message>
            <source>Kata sandi kunci kabupaten (bukan kata sandi akun):</source>
            <translation>The district key's passphrase (not the account password):</translation>
        </message>
        <message>
            <source>Pilih berkas desa</source>
            <translation>Choose village files</translation>
        </message>
        <message>
            <source>Pilih jawaban BPJS</source>
            <translation>Choose BPJS's answer</translation>
        </message>
        <message>
            <source>Lembar kerja (*.xlsx *.csv)</source>
            <translation>Spreadsheets (*.xlsx *.csv)</translation>
        </message>
        <message>
            <source>Pilih folder</source>
            <translation>Choose a folder</translation>
        </message>
        <message>
            <source>Simpan sebagai</source>
            <translation>Save as</translation>
        </message>
        <message>
            <source>JAMSOS Kabupaten</source>
            <translation>JAMSOS District</translation>
        </message>
        <message>
            <source>Impor berkas desa…</source>
            <translation>Import village files…</translation>
        </message>
        <message>
            <source>Impor satu folder…</source>
            <translation>Import a folder…</translation>
        </message>
        <message>
            <source>Berkas</source>
            <translation>File</translation>
        </message>
        <message>
            <source>Hasil</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <source>Nomor</source>
            <translation>Number</translation>
        </message>
        <message>
            <source>Keterangan</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>Tidak ada berkas .jamsync di sana.</source>
            <translation>There are no .jamsync files there.</translation>
        </message>
        <message>
            <source>Mengimpor berkas desa…</source>
            <translation>Importing village files…</translation>
        </message>
        <message>
            <source>diimpor</source>
            <translation>imported</translation>
        </message>
        <message>
            <source>sudah ada</source>
            <translation>already there</translation>
        </message>
        <message>
            <source>ditolak</source>
            <translation>refused</translation>
        </message>
        <message>
            <source>{0} diimpor, {1} sudah ada, {2} ditolak.</source>
            <translation>{0} imported, {1} already there, {2} refused.</translation>
        </message>
        <message>
            <source>Kode</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Kecamatan</source>
            <translation>District (kecamatan)</translation>
        </message>
        <message>
            <source>Nomor hilang</source>
            <translation>Missing numbers</translation>
        </message>
        <message>
            <source>Pekerja</source>
            <translation>Workers</translation>
        </message>
        <message>
            <source>Kuota terpakai</source>
            <translation>Quota used</translation>
        </message>
        <message>
            <source>Anggaran</source>
            <translation>Budget committed</translation>
        </message>
        <message>
            <source>{0} desa, {1} berkas, {2} pekerja; kuota terpakai {3} dari {4}; anggaran {5}.</source>
            <translation>{0} villages, {1} files, {2} workers; quota used {3} of {4}; budget committed {5}.</translation>
        </message>
        <message>
            <source>Cari orang yang diusulkan dua desa</source>
            <translation>Find people nominated by two villages</translation>
        </message>
        <message>
            <source>Pertahankan desa kiri</source>
            <translation>Keep the left village</translation>
        </message>
        <message>
            <source>Pertahankan desa kanan</source>
            <translation>Keep the right village</translation>
        </message>
        <message>
            <source>Bukan orang yang sama…</source>
            <translation>Not the same person…</translation>
        </message>
        <message>
            <source>Riwayat keputusan…</source>
            <translation>Decision history…</translation>
        </message>
        <message>
            <source>Aturan</source>
            <translation>Rule</translation>
        </message>
        <message>
            <source>Skor</source>
            <translation>Score</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Desa (kiri)</source>
            <translation>Village (left)</translation>
        </message>
        <message>
            <source>Nama (kiri)</source>
            <translation>Name (left)</translation>
        </message>
        <message>
            <source>NIK (kiri)</source>
            <translation>NIK (left)</translation>
        </message>
        <message>
            <source>Desa (kanan)</source>
            <translation>Village (right)</translation>
        </message>
        <message>
            <source>Nama (kanan)</source>
            <translation>Name (right)</translation>
        </message>
        <message>
            <source>NIK (kanan)</source>
            <translation>NIK (right)</translation>
        </message>
        <message numerus="yes">
            <source>{0} calon ganda ditemukan, {1} baru; {2} menunggu keputusan.</source>
            <translation>
                <numerusform>{0} possible duplicate found, {1} new; {2} awaiting a decision.</numerusform>
                <numerusform>{0} possible duplicates found, {1} new; {2} awaiting a decision.</numerusform>
            </translation>
        </message>
        <message>
            <source>Mencari orang yang diusulkan dua desa…</source>
            <translation>Looking for people nominated by two villages…</translation>
        </message>
        <message>
            <source>Pilih satu baris calon ganda dulu.</source>
            <translation>Choose one possible duplicate first.</translation>
        </message>
        <message>
            <source>Ubah keputusan</source>
            <translation>Change the decision</translation>
        </message>
        <message>
            <source>Keputusan ini dibuat oleh {0}. Alasan mengubahnya (wajib diisi):</source>
            <translation>This decision was made by {0}. The reason for changing it (required):</translation>
        </message>
        <message>
            <source>Bukan orang yang sama</source>
            <translation>Not the same person</translation>
        </message>
        <message>
            <source>Alasannya (wajib diisi):</source>
            <translation>The reason (required):</translation>
        </message>
        <message>
            <source>Keputusan dicatat.</source>
            <translation>Decision recorded.</translation>
        </message>
        <message>
            <source>Mencatat keputusan…</source>
            <translation>Recording the decision…</translation>
        </message>
        <message>
            <source>Belum ada keputusan atas calon ganda ini.</source>
            <translation>No decision on this duplicate candidate yet.</translation>
        </message>
        <message>
            <source>Riwayat keputusan (yang terakhir berlaku):</source>
            <translation>Decision history (the last one is in force):</translation>
        </message>
        <message>
            <source>Laporan cakupan (PDF)…</source>
            <translation>Coverage report (PDF)…</translation>
        </message>
        <message>
            <source>Laporan cakupan (Excel)…</source>
            <translation>Coverage report (Excel)…</translation>
        </message>
        <message>
            <source>Lembar pendaftaran BPJS (Excel)…</source>
            <translation>BPJS registration sheet (Excel)…</translation>
        </message>
        <message>
            <source>Catat jawaban BPJS…</source>
            <translation>Record BPJS's answer…</translation>
        </message>
        <message>
            <source>Tulis berkas hasil untuk desa…</source>
            <translation>Write return files for the villages…</translation>
        </message>
        <message>
            <source>Urutan kerja: impor berkas desa, selesaikan calon ganda, tulis lembar BPJS, catat jawabannya, lalu tulis berkas hasil untuk tiap desa.</source>
            <translation>The order of work: import the villages' files, settle the possible duplicates, write the BPJS sheet, record its answer, then write each village's return file.</translation>
        </message>
        <message>
            <source>Menulis laporan…</source>
            <translation>Writing the report…</translation>
        </message>
        <message>
            <source>Menulis lembar BPJS…</source>
            <translation>Writing the BPJS sheet…</translation>
        </message>
        <message>
            <source>Mencatat jawaban BPJS…</source>
            <translation>Recording BPJS's answer…</translation>
        </message>
        <message>
            <source>Menulis berkas hasil…</source>
            <translation>Writing the return files…</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message>
            <source>Impor pekerja dari Excel atau CSV</source>
            <translation>Import workers from Excel or CSV</translation>
        </message>
        <message>
            <source>&lt; Kembali</source>
            <translation>&lt; Back</translation>
        </message>
        <message>
            <source>Lanjut &gt;</source>
            <translation>Next &gt;</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Berkas .xlsx, .xls atau .csv</source>
            <translation>An .xlsx, .xls or .csv file</translation>
        </message>
        <message>
            <source>Pilih berkas…</source>
            <translation>Choose file…</translation>
        </message>
        <message>
            <source>Pilih daftar pekerja dalam Excel (.xlsx, .xls) atau CSV, misalnya ekspor penduduk OpenSID. Judul di atas tabel dan baris kosong tidak apa-apa. Belum ada yang disimpan sampai langkah terakhir.</source>
            <translation>Choose a list of workers in Excel (.xlsx, .xls) or CSV, for example an OpenSID resident export. A title above the table and blank rows are fine. Nothing is saved before the last step.</translation>
        </message>
        <message>
            <source>Lembar:</source>
            <translation>Sheet:</translation>
        </message>
        <message>
            <source>Data pekerja</source>
            <translation>Worker data</translation>
        </message>
        <message>
            <source>Kolom di berkas</source>
            <translation>Column in the file</translation>
        </message>
        <message>
            <source>Semua baris</source>
            <translation>All rows</translation>
        </message>
        <message>
            <source>Dengan peringatan</source>
            <translation>With warnings</translation>
        </message>
        <message>
            <source>Baru</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Diperbarui</source>
            <translation>Updated</translation>
        </message>
        <message>
            <source>Tidak berubah</source>
            <translation>Unchanged</translation>
        </message>
        <message>
            <source>Ganda dalam berkas</source>
            <translation>Duplicate in the file</translation>
        </message>
        <message>
            <source>Dilewati</source>
            <translation>Skipped</translation>
        </message>
        <message>
            <source>Salah</source>
            <translation>Errors</translation>
        </message>
        <message>
            <source>Simpan laporan (.xlsx)…</source>
            <translation>Save report (.xlsx)…</translation>
        </message>
        <message>
            <source>Tampilkan:</source>
            <translation>Show:</translation>
        </message>
        <message>
            <source>Langkah 1 dari 4: berkas</source>
            <translation>Step 1 of 4: file</translation>
        </message>
        <message>
            <source>Langkah 2 dari 4: lembar</source>
            <translation>Step 2 of 4: sheet</translation>
        </message>
        <message>
            <source>Langkah 3 dari 4: kolom</source>
            <translation>Step 3 of 4: columns</translation>
        </message>
        <message>
            <source>Langkah 4 dari 4: periksa lalu impor</source>
            <translation>Step 4 of 4: check, then import</translation>
        </message>
        <message>
            <source>Impor</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>Pilih daftar pekerja</source>
            <translation>Choose a list of workers</translation>
        </message>
        <message>
            <source>Lembar kerja (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</source>
            <translation>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</translation>
        </message>
        <message>
            <source>Membaca berkas…</source>
            <translation>Reading the file…</translation>
        </message>
        <message>
            <source>Baris judul kolom tidak ditemukan (NIK, Nama, …). Pilih kolomnya sendiri di langkah berikut.</source>
            <translation>No header row found (NIK, Nama, …). Choose the columns yourself in the next step.</translation>
        </message>
        <message>
            <source>Judul kolom di baris %1; %2 baris terisi di bawahnya.</source>
            <translation>Column headers on row %1; %2 filled rows below them.</translation>
        </message>
        <message>
            <source>— tidak ada —</source>
            <translation>— none —</translation>
        </message>
        <message>
            <source>Pemetaan kolom diingat dari berkas sebelumnya yang bentuknya sama.</source>
            <translation>Column mapping remembered from an earlier file of the same shape.</translation>
        </message>
        <message>
            <source>Pemetaan ditebak dari judul kolom. Periksa dan ubah bila perlu; akan diingat untuk berkas berikutnya.</source>
            <translation>Mapping guessed from the column headers. Check it and change it if needed; it is remembered for the next file.</translation>
        </message>
        <message>
            <source>Memeriksa setiap baris…</source>
            <translation>Checking every row…</translation>
        </message>
        <message numerus="yes">
            <source>{0} baru</source>
            <translation>
                <numerusform>{0} new</numerusform>
                <numerusform>{0} new</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{0} diperbarui</source>
            <translation>
                <numerusform>{0} updated</numerusform>
                <numerusform>{0} updated</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{0} tidak berubah</source>
            <translation>
                <numerusform>{0} unchanged</numerusform>
                <numerusform>{0} unchanged</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{0} ganda</source>
            <translation>
                <numerusform>{0} duplicate</numerusform>
                <numerusform>{0} duplicates</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{0} dilewati</source>
            <translation>
                <numerusform>{0} skipped</numerusform>
                <numerusform>{0} skipped</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{0} salah</source>
            <translation>
                <numerusform>{0} error</numerusform>
                <numerusform>{0} errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{0} dengan peringatan</source>
            <translation>
                <numerusform>{0} with a warning</numerusform>
                <numerusform>{0} with warnings</numerusform>
            </translation>
        </message>
        <message>
            <source>{0}; {1}.</source>
            <translation>{0}; {1}.</translation>
        </message>
        <message>
            <source>Semua baris diimpor atau tidak sama sekali: perbaiki baris yang salah (simpan laporannya, perbaiki di Excel) lalu impor lagi.</source>
            <translation>All rows are imported or none: fix the rows with errors (save the report, fix them in Excel) and import again.</translation>
        </message>
        <message>
            <source>Tidak ada yang perlu diimpor.</source>
            <translation>There is nothing to import.</translation>
        </message>
        <message>
            <source>Simpan laporan impor</source>
            <translation>Save the import report</translation>
        </message>
        <message>
            <source>Laporan disimpan</source>
            <translation>Report saved</translation>
        </message>
        <message>
            <source>Mengimpor…</source>
            <translation>Importing…</translation>
        </message>
        <message>
            <source>Impor selesai</source>
            <translation>Import finished</translation>
        </message>
        <message>
            <source>%1 pekerja baru, %2 diperbarui, %3 tidak berubah.</source>
            <translation>%1 new workers, %2 updated, %3 unchanged.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Ringkasan</source>
            <translation>Overview</translation>
        </message>
        <message>
            <source>Pekerja</source>
            <translation>Workers</translation>
        </message>
        <message>
            <source>Nominasi</source>
            <translation>Nominations</translation>
        </message>
        <message>
            <source>Dokumen</source>
            <translation>Documents</translation>
        </message>
        <message>
            <source>Sinkronisasi</source>
            <translation>Sync</translation>
        </message>
        <message>
            <source>Pengaturan</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>Basis data: sedang dibuka…</source>
            <translation>Database: opening…</translation>
        </message>
        <message>
            <source>Kunci layar</source>
            <translation>Lock screen</translation>
        </message>
        <message>
            <source>&amp;Aplikasi</source>
            <translation>&amp;Application</translation>
        </message>
        <message>
            <source>Jejak audit…</source>
            <translation>Audit trail…</translation>
        </message>
        <message>
            <source>Keluar akun</source>
            <translation>Sign out</translation>
        </message>
        <message>
            <source>Tutup aplikasi</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>&amp;Bantuan</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>Panduan pengguna</source>
            <translation>User guide</translation>
        </message>
        <message>
            <source>Tentang JAMSOS Desktop</source>
            <translation>About JAMSOS Desktop</translation>
        </message>
        <message>
            <source>JAMSOS Desktop — {0}</source>
            <translation>JAMSOS Desktop — {0}</translation>
        </message>
        <message>
            <source>Belum masuk</source>
            <translation>Not signed in</translation>
        </message>
        <message>
            <source>Pengguna: {0} ({1})</source>
            <translation>User: {0} ({1})</translation>
        </message>
        <message>
            <source>Basis data: tidak terbaca</source>
            <translation>Database: unreadable</translation>
        </message>
        <message>
            <source>Basis data: tersimpan ({0} MB)</source>
            <translation>Database: saved ({0} MB)</translation>
        </message>
    </context>
    <context>
        <name>ModePage</name>
        <message>
            <source>Kantor mana yang memakai laptop ini?</source>
            <translation>Which office uses this laptop?</translation>
        </message>
        <message>
            <source>Pilihan ini diingat; aplikasi selanjutnya langsung membuka kantor yang dipilih.</source>
            <translation>The choice is remembered; from then on the app opens the chosen office at once.</translation>
        </message>
        <message>
            <source>&amp;Kantor desa / kelurahan</source>
            <translation>&amp;Village office (desa / kelurahan)</translation>
        </message>
        <message>
            <source>Kantor &amp;kabupaten (pusat data kabupaten)</source>
            <translation>&amp;District office (the regency's hub)</translation>
        </message>
        <message>
            <source>Mendata pekerja desa, mengusulkan, mencetak, dan mengirim berkas ke kabupaten.</source>
            <translation>Records the village's workers, nominates them, prints, and sends files to the district office.</translation>
        </message>
        <message>
            <source>Disnaker / Dinas PMD: menerima berkas semua desa, mencari orang yang diusulkan dua desa, laporan, lembar BPJS dan berkas hasil untuk desa.</source>
            <translation>Disnaker / Dinas PMD: receives every village's files, finds people nominated by two villages, reports, the BPJS sheet and the villages' return files.</translation>
        </message>
    </context>
    <context>
        <name>NewUserDialog</name>
        <message>
            <source>Pengguna baru</source>
            <translation>New user</translation>
        </message>
        <message>
            <source>huruf kecil, misalnya rina</source>
            <translation>lower case, for example rina</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Username</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Peran</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Kata sandi (min. 8 karakter)</source>
            <translation>Password (at least 8 characters)</translation>
        </message>
        <message>
            <source>Ulangi kata sandi</source>
            <translation>Repeat the password</translation>
        </message>
        <message>
            <source>Tambahkan</source>
            <translation>Add</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Isi nama pengguna.</source>
            <translation>Enter a username.</translation>
        </message>
        <message>
            <source>Kata sandi paling sedikit 8 karakter.</source>
            <translation>The password needs at least 8 characters.</translation>
        </message>
        <message>
            <source>Kedua kata sandi belum sama.</source>
            <translation>The two passwords differ.</translation>
        </message>
    </context>
    <context>
        <name>NominationsPage</name>
        <message>
            <source>Semua status</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <source>Setujui terpilih</source>
            <translation>Approve selected</translation>
        </message>
        <message>
            <source>Setujui semua usulan</source>
            <translation>Approve all proposals</translation>
        </message>
        <message>
            <source>Tolak terpilih…</source>
            <translation>Decline selected…</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Dusun</source>
            <translation>Hamlet</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Skor</source>
            <translation>Score</translation>
        </message>
        <message>
            <source>Iuran</source>
            <translation>Contribution</translation>
        </message>
        <message>
            <source>Catatan</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Tampilkan:</source>
            <translation>Show:</translation>
        </message>
        <message>
            <source>Nilai ulang semua pekerja</source>
            <translation>Reassess all workers</translation>
        </message>
        <message>
            <source>Usulkan terpilih</source>
            <translation>Propose selected</translation>
        </message>
        <message>
            <source>Usulkan sesuai peringkat sampai kuota penuh</source>
            <translation>Propose by rank until the quota is full</translation>
        </message>
        <message>
            <source>Peringkat</source>
            <translation>Rank</translation>
        </message>
        <message>
            <source>Kategori</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Usulan dan keputusan</source>
            <translation>Proposals and decisions</translation>
        </message>
        <message>
            <source>Peringkat calon</source>
            <translation>Ranked candidates</translation>
        </message>
        <message>
            <source>Riwayat status pekerja terpilih:</source>
            <translation>Status history of the selected worker:</translation>
        </message>
        <message>
            <source>Hanya {0} yang dapat memutuskan.</source>
            <translation>Only the {0} can decide.</translation>
        </message>
        <message>
            <source>Hanya operator atau admin yang dapat mengusulkan.</source>
            <translation>Only an operator or admin can propose.</translation>
        </message>
        <message>
            <source>Belum ada penilaian. Tekan "Nilai ulang semua pekerja".</source>
            <translation>No assessment yet. Press "Reassess all workers".</translation>
        </message>
        <message numerus="yes">
            <source>{0} calon memenuhi syarat</source>
            <translation>
                <numerusform>{0} eligible candidate</numerusform>
                <numerusform>{0} eligible candidates</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>untuk {0} tempat (sisa {1}).</source>
            <translation>
                <numerusform>for {0} place ({1} left).</numerusform>
                <numerusform>for {0} places ({1} left).</numerusform>
            </translation>
        </message>
        <message>
            <source>Calon melebihi kuota: urutan menurut skor (DTKS, pekerjaan berisiko, rumah tangga belum terlindungi, penghasilan rendah).</source>
            <translation>More candidates than places: ordered by score (DTKS, risky work, household not yet covered, low income).</translation>
        </message>
        <message>
            <source>{0} penilaian sudah usang; nilai ulang.</source>
            <translation>{0} assessments are out of date; reassess.</translation>
        </message>
        <message>
            <source>Belum pernah diusulkan.</source>
            <translation>Never proposed.</translation>
        </message>
        <message numerus="yes">
            <source>{0} usulan disetujui. Langkah berikutnya: cetak formulirnya di Dokumen untuk ditandatangani.</source>
            <translation>
                <numerusform>{0} nomination approved. Next step: print its form in Documents to be signed.</numerusform>
                <numerusform>{0} nominations approved. Next step: print their forms in Documents to be signed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{0} usulan ditolak; alasannya tercatat di riwayat pekerja.</source>
            <translation>
                <numerusform>{0} nomination declined; the reason is kept in the worker's history.</numerusform>
                <numerusform>{0} nominations declined; the reason is kept in the workers' history.</numerusform>
            </translation>
        </message>
        <message>
            <source>Setujui semua</source>
            <translation>Approve all</translation>
        </message>
        <message>
            <source>Setujui {0} usulan yang menunggu keputusan?</source>
            <translation>Approve the {0} proposals waiting for a decision?</translation>
        </message>
        <message>
            <source>Alasan penolakan ({0} pekerja), wajib diisi:</source>
            <translation>Reason for declining ({0} workers), required:</translation>
        </message>
        <message>
            <source>Tolak usulan</source>
            <translation>Decline proposals</translation>
        </message>
        <message>
            <source>Menilai dan mengusulkan calon…</source>
            <translation>Assessing and proposing candidates…</translation>
        </message>
        <message>
            <source>{0} pekerja diusulkan sesuai peringkat.</source>
            <translation>{0} workers proposed by rank.</translation>
        </message>
        <message>
            <source>Menilai kelayakan semua pekerja…</source>
            <translation>Assessing every worker's eligibility…</translation>
        </message>
    </context>
    <context>
        <name>OutcomeModel</name>
        <message>
            <source>Baris</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>Hasil</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Alasan</source>
            <translation>Reasons</translation>
        </message>
    </context>
    <context>
        <name>PageHint</name>
        <message>
            <source>Langkah berikutnya: catat pekerja di Pekerja (Ctrl+2), lalu usulkan di Nominasi (Ctrl+3).</source>
            <translation>Next step: record workers in Workers (Ctrl+2), then propose them in Nominations (Ctrl+3).</translation>
        </message>
        <message>
            <source>Ctrl+N: pekerja baru (Enter menyimpan, Esc menutup). Draf yang tersimpan dibuka dari tombol Draf.</source>
            <translation>Ctrl+N: a new worker (Enter saves, Esc closes). Saved drafts open from the Drafts button.</translation>
        </message>
        <message>
            <source>Nilai ulang, lalu usulkan sesuai peringkat; {0} memutuskan di tab Usulan dan keputusan. Berikutnya: Dokumen.</source>
            <translation>Reassess, then propose by rank; the {0} decides on the Proposals and decisions tab. Next: Documents.</translation>
        </message>
        <message>
            <source>Cetak formulir usulan yang disetujui, minta tanda tangan, lalu tandai ditandatangani. Berikutnya: Sinkronisasi.</source>
            <translation>Print the approved nomination forms, have them signed, then mark them signed. Next: Sync.</translation>
        </message>
        <message>
            <source>Tulis berkas kiriman untuk kabupaten (hanya formulir yang sudah ditandatangani), lalu baca berkas hasilnya bila kembali.</source>
            <translation>Write the file for the district (only signed forms go in it), then read its results file when it comes back.</translation>
        </message>
        <message>
            <source>Data desa, program, pengguna dan bahasa. F1 membuka panduan.</source>
            <translation>Village data, program, users and language. F1 opens the guide.</translation>
        </message>
    </context>
    <context>
        <name>PeoplePage</name>
        <message>
            <source>Kepala desa dan operator</source>
            <translation>Village head and operator</translation>
        </message>
        <message>
            <source>Nama-nama ini dicetak pada formulir, daftar nominatif dan surat keputusan.</source>
            <translation>These names are printed on the forms, the nominee list and the decree.</translation>
        </message>
        <message>
            <source>boleh kosong: baris tanda tangan dibiarkan untuk ditulis tangan</source>
            <translation>may be left empty: the signature line is then left blank to write by hand</translation>
        </message>
        <message>
            <source>Sebutan kepala desa:</source>
            <translation>Village head's title:</translation>
        </message>
        <message>
            <source>Nama kepala desa:</source>
            <translation>Village head's name:</translation>
        </message>
        <message>
            <source>Nama operator (boleh kosong):</source>
            <translation>Operator's name (optional):</translation>
        </message>
        <message>
            <source>Alamat kantor:</source>
            <translation>Office address:</translation>
        </message>
        <message>
            <source>Sebutan yang lazim di wilayah ini: {0}. Ubah bila {1} memakai sebutan lain.</source>
            <translation>The title usual in this region: {0}. Change it if {1} uses another.</translation>
        </message>
        <message>
            <source>belum dipilih (boleh nanti)</source>
            <translation>not chosen yet (can be done later)</translation>
        </message>
        <message>
            <source>Pilih &amp;lambang…</source>
            <translation>Choose &amp;emblem…</translation>
        </message>
        <message>
            <source>Hapus</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Lambang daerah untuk kop surat: berkas PNG atau JPEG, paling besar {0} MB. Selama belum diatur, formulir, daftar dan surat keputusan memuat lambang contoh bertanda CONTOH; bisa diatur nanti di Pengaturan.</source>
            <translation>The regional emblem for the letterhead: a PNG or JPEG file, at most {0} MB. Until it is set, the forms, the list and the decree show a sample emblem marked CONTOH (sample); it can be set later in Settings.</translation>
        </message>
        <message>
            <source>Lambang daerah (boleh nanti):</source>
            <translation>Regional emblem (can be done later):</translation>
        </message>
        <message>
            <source>Pilih lambang daerah</source>
            <translation>Choose the regional emblem</translation>
        </message>
        <message>
            <source>Gambar (*.png *.jpg *.jpeg)</source>
            <translation>Pictures (*.png *.jpg *.jpeg)</translation>
        </message>
    </context>
    <context>
        <name>PlaceholderPage</name>
        <message>
            <source>{0} belum tersedia di versi ini.</source>
            <translation>{0} is not available in this version yet.</translation>
        </message>
    </context>
    <context>
        <name>ProgramPage</name>
        <message>
            <source>Program perlindungan</source>
            <translation>Protection program</translation>
        </message>
        <message>
            <source>Bisa diubah nanti di Pengaturan.</source>
            <translation>Can be changed later in Settings.</translation>
        </message>
        <message>
            <source>Kelas terendah untuk semua ({0}/bulan)</source>
            <translation>Lowest band for everyone ({0}/month)</translation>
        </message>
        <message>
            <source>Menurut penghasilan yang dilaporkan</source>
            <translation>By declared income</translation>
        </message>
        <message>
            <source>Tahun program:</source>
            <translation>Program year:</translation>
        </message>
        <message>
            <source>Kuota pekerja:</source>
            <translation>Worker quota:</translation>
        </message>
        <message>
            <source>Jumlah bulan dibayar:</source>
            <translation>Months paid:</translation>
        </message>
        <message>
            <source>Aturan iuran:</source>
            <translation>Contribution rule:</translation>
        </message>
        <message>
            <source>Perkiraan anggaran:</source>
            <translation>Estimated budget:</translation>
        </message>
        <message>
            <source>{0} (kelas terendah)</source>
            <translation>{0} (lowest band)</translation>
        </message>
    </context>
    <context>
        <name>QuotaBar</name>
        <message>
            <source>{0} / {1} — terpakai {2}</source>
            <translation>{0} / {1} — {2} committed</translation>
        </message>
        <message>
            <source>{0} / {1} — {2} dari {3}</source>
            <translation>{0} / {1} — {2} of {3}</translation>
        </message>
        <message>
            <source>Pagu {0} cukup untuk {1} orang (kuota {2}).</source>
            <translation>The budget ceiling of {0} is enough for {1} people (quota {2}).</translation>
        </message>
        <message>
            <source>PERINGATAN: usulan melebihi pagu sebesar {0}; tolak sebagian usulan.</source>
            <translation>WARNING: the nominations exceed the budget ceiling by {0}; decline some nominations.</translation>
        </message>
    </context>
    <context>
        <name>RecoverPasswordDialog</name>
        <message>
            <source>Lupa kata sandi</source>
            <translation>Forgotten password</translation>
        </message>
        <message>
            <source>Dengan kunci pemulihan (lembar yang disimpan kepala desa) Anda dapat memberi akun kata sandi baru. Penggunaan kunci dicatat di riwayat perubahan.</source>
            <translation>With the recovery key (the sheet the village head keeps) you can give an account a new password. Using the key is recorded in the history of changes.</translation>
        </message>
        <message>
            <source>Kunci pemulihan</source>
            <translation>Recovery key</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Username</translation>
        </message>
        <message>
            <source>Kata sandi baru (min. 8 karakter)</source>
            <translation>New password (at least 8 characters)</translation>
        </message>
        <message>
            <source>Ulangi kata sandi</source>
            <translation>Repeat the password</translation>
        </message>
        <message>
            <source>Atur kata sandi baru</source>
            <translation>Set the new password</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Ketik kunci pemulihan.</source>
            <translation>Type the recovery key.</translation>
        </message>
        <message>
            <source>Isi nama pengguna.</source>
            <translation>Fill in the username.</translation>
        </message>
        <message>
            <source>Kata sandi paling sedikit 8 karakter.</source>
            <translation>The password needs at least 8 characters.</translation>
        </message>
        <message>
            <source>Kedua kata sandi belum sama.</source>
            <translation>The two passwords are not the same yet.</translation>
        </message>
        <message>
            <source>Membuka dengan kunci pemulihan…</source>
            <translation>Opening with the recovery key…</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyDialog</name>
        <message>
            <source>kunci-pemulihan</source>
            <translation>recovery-key</translation>
        </message>
        <message>
            <source>Kunci pemulihan</source>
            <translation>Recovery key</translation>
        </message>
        <message>
            <source>Data desa kini terenkripsi. Kunci di bawah membuka data bila semua kata sandi terlupa. Kunci ini hanya tampil sekali: cetak atau tulis, lalu serahkan kepada kepala desa untuk disimpan di tempat terkunci, terpisah dari laptop.</source>
            <translation>The village's data is now encrypted. The key below opens the data if every password is forgotten. It is shown only once: print it or write it down, then give it to the village head to keep locked away, apart from the laptop.</translation>
        </message>
        <message>
            <source>Simpan lembar PDF untuk dicetak…</source>
            <translation>Save the PDF sheet to print…</translation>
        </message>
        <message>
            <source>Kunci sudah saya cetak atau catat</source>
            <translation>I have printed or written down the key</translation>
        </message>
        <message>
            <source>Simpan lembar kunci pemulihan</source>
            <translation>Save the recovery key sheet</translation>
        </message>
        <message>
            <source>Disimpan: {0}</source>
            <translation>Saved: {0}</translation>
        </message>
    </context>
    <context>
        <name>Relation</name>
        <message>
            <source>Istri</source>
            <translation>Wife</translation>
        </message>
        <message>
            <source>Suami</source>
            <translation>Husband</translation>
        </message>
        <message>
            <source>Anak</source>
            <translation>Child</translation>
        </message>
        <message>
            <source>Cucu</source>
            <translation>Grandchild</translation>
        </message>
        <message>
            <source>Orang tua</source>
            <translation>Parent</translation>
        </message>
        <message>
            <source>Kakek/Nenek</source>
            <translation>Grandparent</translation>
        </message>
        <message>
            <source>Saudara kandung</source>
            <translation>Sibling</translation>
        </message>
        <message>
            <source>Mertua</source>
            <translation>Parent-in-law</translation>
        </message>
        <message>
            <source>Lainnya</source>
            <translation>Other</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source> menit</source>
            <translation> minutes</translation>
        </message>
        <message>
            <source>tidak pernah</source>
            <translation>never</translation>
        </message>
        <message>
            <source>Ganti kata sandi saya…</source>
            <translation>Change my password…</translation>
        </message>
        <message>
            <source>Laptop ini</source>
            <translation>This laptop</translation>
        </message>
        <message>
            <source>Bahasa:</source>
            <translation>Language:</translation>
        </message>
        <message>
            <source>Kunci layar setelah tidak dipakai:</source>
            <translation>Lock the screen when idle for:</translation>
        </message>
        <message>
            <source>Cadangan basis data…</source>
            <translation>Database backups…</translation>
        </message>
        <message>
            <source>Simpan data desa</source>
            <translation>Save village details</translation>
        </message>
        <message>
            <source>Desa</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Nama kepala desa:</source>
            <translation>Village head's name:</translation>
        </message>
        <message>
            <source>Sebutan kepala desa:</source>
            <translation>Village head's title:</translation>
        </message>
        <message>
            <source>Nama operator:</source>
            <translation>Operator's name:</translation>
        </message>
        <message>
            <source>Alamat kantor:</source>
            <translation>Office address:</translation>
        </message>
        <message>
            <source>Kelas terendah untuk semua</source>
            <translation>Lowest band for everyone</translation>
        </message>
        <message>
            <source>Menurut penghasilan yang dilaporkan</source>
            <translation>By declared income</translation>
        </message>
        <message>
            <source>tanpa pagu</source>
            <translation>no ceiling</translation>
        </message>
        <message>
            <source>Simpan program</source>
            <translation>Save program</translation>
        </message>
        <message>
            <source>Program</source>
            <translation>Program</translation>
        </message>
        <message>
            <source>Tahun:</source>
            <translation>Year:</translation>
        </message>
        <message>
            <source>Kuota:</source>
            <translation>Quota:</translation>
        </message>
        <message>
            <source>Bulan dibayar:</source>
            <translation>Months paid:</translation>
        </message>
        <message>
            <source>Aturan iuran:</source>
            <translation>Contribution rule:</translation>
        </message>
        <message>
            <source>Pagu anggaran:</source>
            <translation>Budget ceiling:</translation>
        </message>
        <message>
            <source>Usia minimum:</source>
            <translation>Minimum age:</translation>
        </message>
        <message>
            <source>Usia maksimum:</source>
            <translation>Maximum age:</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Username</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Peran</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Tambah pengguna…</source>
            <translation>Add user…</translation>
        </message>
        <message>
            <source>Atur kata sandi…</source>
            <translation>Set password…</translation>
        </message>
        <message>
            <source>Pengguna</source>
            <translation>Users</translation>
        </message>
        <message>
            <source>Simpan data {0}</source>
            <translation>Save the {0}'s details</translation>
        </message>
        <message>
            <source>Nama {0}:</source>
            <translation>Name of the {0}:</translation>
        </message>
        <message>
            <source>Kelas terendah: {0}/bulan</source>
            <translation>Lowest band: {0}/month</translation>
        </message>
        <message>
            <source>ada</source>
            <translation>set</translation>
        </message>
        <message>
            <source>belum ada</source>
            <translation>not set</translation>
        </message>
        <message>
            <source>Pengaturan</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>Data desa disimpan.</source>
            <translation>Village details saved.</translation>
        </message>
        <message>
            <source>Program disimpan. Nilai ulang kelayakan di halaman Nominasi bila aturan berubah.</source>
            <translation>Program saved. Reassess eligibility on the Nominations page if the rules changed.</translation>
        </message>
        <message>
            <source>Kata sandi baru untuk {0} (min. 8 karakter):</source>
            <translation>New password for {0} (min. 8 characters):</translation>
        </message>
        <message>
            <source>Kata sandi diganti.</source>
            <translation>Password changed.</translation>
        </message>
        <message>
            <source>Kata sandi diatur.</source>
            <translation>Password set.</translation>
        </message>
        <message>
            <source>Pengguna ditambahkan.</source>
            <translation>User added.</translation>
        </message>
        <message>
            <source>Kepala desa, perangkat desa dan BPD boleh diusulkan</source>
            <translation>Village head, officials and BPD may be nominated</translation>
        </message>
        <message>
            <source>{0} dan perangkat {1} boleh diusulkan</source>
            <translation>{0} and {1} officials may be nominated</translation>
        </message>
        <message>
            <source>{0}, perangkat {1} dan BPD boleh diusulkan</source>
            <translation>{0}, {1} officials and BPD may be nominated</translation>
        </message>
        <message>
            <source>Satu orang per KK</source>
            <translation>One person per family card (KK)</translation>
        </message>
        <message>
            <source>Wajib terdaftar di DTKS/P3KE</source>
            <translation>Must be listed in DTKS/P3KE</translation>
        </message>
        <message>
            <source>Aturan kelayakan:</source>
            <translation>Eligibility rules:</translation>
        </message>
        <message>
            <source>Bila boleh, mereka tetap ditandai untuk diperiksa pada panel kelayakan; bila tidak, mereka tidak memenuhi syarat.</source>
            <translation>If allowed, they are still flagged for review on the eligibility panel; if not, they are not eligible.</translation>
        </message>
        <message>
            <source>Atur lambang daerah…</source>
            <translation>Set the regional emblem…</translation>
        </message>
        <message>
            <source>Lambang daerah:</source>
            <translation>Regional emblem:</translation>
        </message>
        <message>
            <source>sudah diatur</source>
            <translation>set</translation>
        </message>
        <message>
            <source>belum diatur: dokumen memuat lambang contoh bertanda CONTOH</source>
            <translation>not set: documents show a sample emblem marked CONTOH (sample)</translation>
        </message>
        <message>
            <source>Pilih lambang daerah</source>
            <translation>Choose the regional emblem</translation>
        </message>
        <message>
            <source>Gambar (*.png *.jpg *.jpeg)</source>
            <translation>Pictures (*.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <source>Lambang daerah disimpan.</source>
            <translation>Regional emblem saved.</translation>
        </message>
    </context>
    <context>
        <name>Sex</name>
        <message>
            <source>L</source>
            <translation>M</translation>
        </message>
        <message>
            <source>P</source>
            <translation>F</translation>
        </message>
    </context>
    <context>
        <name>SignInPanel</name>
        <message>
            <source>Nama pengguna:</source>
            <translation>Username:</translation>
        </message>
        <message>
            <source>Kata sandi:</source>
            <translation>Password:</translation>
        </message>
        <message>
            <source>Membuka basis data…</source>
            <translation>Opening the database…</translation>
        </message>
        <message>
            <source>Ganti pengguna</source>
            <translation>Switch user</translation>
        </message>
        <message>
            <source>Tutup aplikasi</source>
            <translation>Quit the app</translation>
        </message>
        <message>
            <source>Lupa kata sandi…</source>
            <translation>Forgotten password…</translation>
        </message>
        <message>
            <source>Masuk dengan akun Anda</source>
            <translation>Sign in with your account</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>Terkunci — {0}</source>
            <translation>Locked — {0}</translation>
        </message>
        <message>
            <source>Layar terkunci karena lama tidak dipakai. Pekerjaan Anda tetap di tempatnya.</source>
            <translation>The screen locked after a while without use. Your work is where you left it.</translation>
        </message>
        <message>
            <source>Layar dikunci (Ctrl+L). Pekerjaan Anda tetap di tempatnya.</source>
            <translation>The screen was locked (Ctrl+L). Your work stays where it was.</translation>
        </message>
        <message>
            <source>Buka</source>
            <translation>Unlock</translation>
        </message>
        <message>
            <source>Sebentar, basis data sedang dibuka…</source>
            <translation>One moment, the database is opening…</translation>
        </message>
        <message>
            <source>Memeriksa…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <source>Silakan coba lagi.</source>
            <translation>Please try again.</translation>
        </message>
        <message>
            <source>Terlalu banyak percobaan gagal. Tunggu {0} detik.</source>
            <translation>Too many failed attempts. Wait {0} seconds.</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <source>Impor kunci kabupaten…</source>
            <translation>Import district key…</translation>
        </message>
        <message>
            <source>Kunci</source>
            <translation>Keys</translation>
        </message>
        <message>
            <source>Sidik jari komputer ini:</source>
            <translation>This computer's fingerprint:</translation>
        </message>
        <message>
            <source>Kunci kabupaten:</source>
            <translation>District key:</translation>
        </message>
        <message>
            <source>Folder atau flashdisk tujuan</source>
            <translation>Destination folder or USB stick</translation>
        </message>
        <message>
            <source>Pilih folder…</source>
            <translation>Choose folder…</translation>
        </message>
        <message>
            <source>Kirim lengkap (semua data, bukan hanya perubahan)</source>
            <translation>Full export (all data, not just the changes)</translation>
        </message>
        <message>
            <source>Kunci dengan kata sandi berkas (kabupaten belum punya kunci)</source>
            <translation>Lock with a file password (the district has no key yet)</translation>
        </message>
        <message>
            <source>minimal 10 karakter; beri tahu kabupaten lewat telepon</source>
            <translation>at least 10 characters; tell the district by phone</translation>
        </message>
        <message>
            <source>Yang dikirim: data pekerja dan usulan yang formulirnya sudah ditandatangani (ditandai Dikirim). Usulan yang belum ditandatangani menunggu kiriman berikutnya.</source>
            <translation>What is sent: the workers' data and the nominations whose forms are signed (marked Sent). Nominations not signed yet wait for a later file.</translation>
        </message>
        <message>
            <source>Buat berkas kiriman</source>
            <translation>Create export file</translation>
        </message>
        <message>
            <source>Kirim ke kabupaten</source>
            <translation>Export to the district</translation>
        </message>
        <message>
            <source>Flashdisk:</source>
            <translation>USB stick:</translation>
        </message>
        <message>
            <source>Tujuan:</source>
            <translation>Destination:</translation>
        </message>
        <message>
            <source>Kata sandi:</source>
            <translation>Password:</translation>
        </message>
        <message>
            <source>Ulangi kata sandi:</source>
            <translation>Repeat the password:</translation>
        </message>
        <message>
            <source>No</source>
            <translation>No.</translation>
        </message>
        <message>
            <source>Waktu</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Jenis</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Records</translation>
        </message>
        <message>
            <source>Usulan</source>
            <translation>Nominations</translation>
        </message>
        <message>
            <source>Berkas</source>
            <translation>File</translation>
        </message>
        <message>
            <source>Tulis ulang berkas terpilih…</source>
            <translation>Write the selected file again…</translation>
        </message>
        <message>
            <source>Riwayat kiriman</source>
            <translation>Export history</translation>
        </message>
        <message>
            <source>Terapkan berkas hasil dari kabupaten…</source>
            <translation>Apply a return file from the district…</translation>
        </message>
        <message>
            <source>Diterapkan</source>
            <translation>Applied</translation>
        </message>
        <message>
            <source>Menjawab kiriman</source>
            <translation>Answers export</translation>
        </message>
        <message>
            <source>Terdaftar</source>
            <translation>Registered</translation>
        </message>
        <message>
            <source>Ditolak</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Ganda</source>
            <translation>Duplicate</translation>
        </message>
        <message>
            <source>Konflik</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <source>Pekerja</source>
            <translation>Worker</translation>
        </message>
        <message>
            <source>Di desa</source>
            <translation>In the village</translation>
        </message>
        <message>
            <source>Dari kabupaten</source>
            <translation>From the district</translation>
        </message>
        <message>
            <source>Mengapa</source>
            <translation>Why</translation>
        </message>
        <message>
            <source>Terapkan hasil kabupaten</source>
            <translation>Apply the district's result</translation>
        </message>
        <message>
            <source>Pertahankan data desa</source>
            <translation>Keep the village's data</translation>
        </message>
        <message>
            <source>Hasil dari kabupaten</source>
            <translation>Results from the district</translation>
        </message>
        <message>
            <source>lengkap</source>
            <translation>full</translation>
        </message>
        <message>
            <source>perubahan</source>
            <translation>changes</translation>
        </message>
        <message>
            <source>belum diimpor — minta berkas kunci dari kabupaten, atau kirim dengan kata sandi berkas</source>
            <translation>not imported yet — ask the district for the key file, or export with a file password</translation>
        </message>
        <message>
            <source>{0} hasil belum diterapkan karena datanya berubah di desa setelah dikirim. Periksa, lalu pilih.</source>
            <translation>{0} results were not applied because the data changed in the village after it was exported. Check them, then choose.</translation>
        </message>
        <message>
            <source>Tidak ada konflik.</source>
            <translation>No conflicts.</translation>
        </message>
        <message>
            <source>— pilih flashdisk —</source>
            <translation>— choose a USB stick —</translation>
        </message>
        <message>
            <source>Pilih folder tujuan</source>
            <translation>Choose the destination folder</translation>
        </message>
        <message>
            <source>Berkas ditolak</source>
            <translation>File refused</translation>
        </message>
        <message>
            <source>Tidak ada data yang diubah.</source>
            <translation>No data was changed.</translation>
        </message>
        <message>
            <source>Pilih dulu folder atau flashdisk tujuan.</source>
            <translation>Choose a destination folder or USB stick first.</translation>
        </message>
        <message>
            <source>Ketik kata sandi berkas sekali lagi di Ulangi kata sandi: keduanya belum sama.</source>
            <translation>Type the file password once more under Repeat the password: the two are not the same.</translation>
        </message>
        <message>
            <source>Ketik kata sandi berkas sekali lagi di Ulangi kata sandi.</source>
            <translation>Type the file password once more under Repeat the password.</translation>
        </message>
        <message>
            <source>Kiriman nomor {0} tersimpan dan sudah diperiksa utuh:
{1}
{2} data, {3} usulan ditandai Dikirim.</source>
            <translation>Export no. {0} saved and checked intact:
{1}
{2} records, {3} nominations marked Exported.</translation>
        </message>
        <message>
            <source>Membuat berkas kiriman…</source>
            <translation>Creating the export file…</translation>
        </message>
        <message>
            <source>Hanya usulan yang formulirnya sudah ditandatangani yang dikirim.</source>
            <translation>Only nominations whose forms are signed are sent.</translation>
        </message>
        <message numerus="yes">
            <source>{0} usulan yang disetujui masih menunggu tanda tangan: cetak formulirnya di Dokumen, lalu tandai ditandatangani.</source>
            <translation>
                <numerusform>{0} approved nomination is waiting for a signature: print its form in Documents, then mark it signed.</numerusform>
                <numerusform>{0} approved nominations are waiting for a signature: print their forms in Documents, then mark them signed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{0} usulan belum diputuskan.</source>
            <translation>
                <numerusform>{0} nomination is not decided yet.</numerusform>
                <numerusform>{0} nominations are not decided yet.</numerusform>
            </translation>
        </message>
        <message>
            <source>Tulis ulang</source>
            <translation>Write again</translation>
        </message>
        <message>
            <source>Pilih dulu satu kiriman di riwayat.</source>
            <translation>Choose an export in the history first.</translation>
        </message>
        <message>
            <source>Tulis ulang ke folder</source>
            <translation>Write again to folder</translation>
        </message>
        <message>
            <source>Kiriman nomor {0} ditulis ulang, sama persis dengan aslinya:
{1}</source>
            <translation>Export no. {0} written again, identical to the original:
{1}</translation>
        </message>
        <message>
            <source>Menulis ulang…</source>
            <translation>Writing again…</translation>
        </message>
        <message>
            <source>Berkas hasil dari kabupaten</source>
            <translation>Return file from the district</translation>
        </message>
        <message>
            <source>Berkas JAMSOS (*.jamsync)</source>
            <translation>JAMSOS files (*.jamsync)</translation>
        </message>
        <message>
            <source>Berkas hasil</source>
            <translation>Return file</translation>
        </message>
        <message>
            <source>Memeriksa dan menerapkan berkas hasil…</source>
            <translation>Checking and applying the return file…</translation>
        </message>
        <message>
            <source>Berkas kunci kabupaten</source>
            <translation>District key file</translation>
        </message>
        <message>
            <source>Kunci JAMSOS (*.jamkey *.json)</source>
            <translation>JAMSOS keys (*.jamkey *.json)</translation>
        </message>
        <message>
            <source>Kunci kabupaten</source>
            <translation>District key</translation>
        </message>
        <message>
            <source>Cocokkan sidik jari</source>
            <translation>Match the fingerprint</translation>
        </message>
        <message>
            <source>Kunci dari: {0}
Sidik jari berkas: {1}

Telepon petugas kabupaten dan minta dibacakan sidik jari kuncinya. Ketik angka yang dibacakan:</source>
            <translation>Key from: {0}
Fingerprint of the file: {1}

Phone the district officer and ask them to read out the key's fingerprint. Type the digits they read out:</translation>
        </message>
        <message>
            <source>Kunci kabupaten disimpan:
{0}</source>
            <translation>District key saved:
{0}</translation>
        </message>
        <message>
            <source>Pilih dulu satu baris konflik.</source>
            <translation>Choose a conflict row first.</translation>
        </message>
    </context>
    <context>
        <name>TransferButton</name>
        <message>
            <source>daftar_pekerja_disamarkan</source>
            <translation>worker_register_masked</translation>
        </message>
        <message>
            <source>daftar_pekerja</source>
            <translation>worker_register</translation>
        </message>
        <message>
            <source>Impor/Ekspor</source>
            <translation>Import/Export</translation>
        </message>
        <message>
            <source>Impor dari Excel/CSV…</source>
            <translation>Import from Excel/CSV…</translation>
        </message>
        <message>
            <source>Ekspor daftar ini…</source>
            <translation>Export this list…</translation>
        </message>
        <message>
            <source>Ekspor daftar ini, NIK disamarkan…</source>
            <translation>Export this list, NIKs masked…</translation>
        </message>
        <message>
            <source>Ekspor daftar pekerja</source>
            <translation>Export the list of workers</translation>
        </message>
        <message>
            <source>Ekspor selesai</source>
            <translation>Export finished</translation>
        </message>
        <message>
            <source>%1 pekerja ditulis ke %2</source>
            <translation>%1 workers written to %2</translation>
        </message>
        <message>
            <source>Mengekspor…</source>
            <translation>Exporting…</translation>
        </message>
    </context>
    <context>
        <name>VillageModel</name>
        <message>
            <source>Kelurahan</source>
            <translation>Kelurahan</translation>
        </message>
        <message>
            <source>Desa</source>
            <translation>Village</translation>
        </message>
    </context>
    <context>
        <name>VillagePage</name>
        <message>
            <source>Desa atau kelurahan</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Ketik nama desa, boleh ditambah nama kecamatan atau kabupaten (contoh: sukamaju luwu utara), atau kode Kemendagri. Tekan panah bawah untuk memilih dari daftar.</source>
            <translation>Type the village's name, optionally with its kecamatan or regency (for example: sukamaju luwu utara), or its Kemendagri code. Press the Down arrow to choose from the list.</translation>
        </message>
        <message>
            <source>contoh: Cibiru Hilir, sukamaju bogor, 32.04.05.2005</source>
            <translation>for example: Cibiru Hilir, sukamaju bogor, 32.04.05.2005</translation>
        </message>
        <message>
            <source>Belum ada desa dipilih.</source>
            <translation>No village chosen yet.</translation>
        </message>
        <message>
            <source>&amp;Cari desa/kelurahan:</source>
            <translation>&amp;Find the village:</translation>
        </message>
        <message>
            <source>Ketik paling sedikit 2 huruf atau angka.</source>
            <translation>Type at least 2 letters or digits.</translation>
        </message>
        <message>
            <source>Mencari…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <source>Tidak ada desa yang cocok. Periksa ejaan, atau cari dengan nama kecamatan atau kode.</source>
            <translation>No village matches. Check the spelling, or search by the kecamatan's name or the code.</translation>
        </message>
        <message>
            <source>{0} desa/kelurahan ditemukan.</source>
            <translation>{0} villages found.</translation>
        </message>
        <message>
            <source>{0} desa/kelurahan ditemukan; gulir untuk melihat semuanya, atau tambah nama kecamatan/kabupaten untuk mempersempit.</source>
            <translation>{0} villages found; scroll to see them all, or add the kecamatan or regency to narrow it down.</translation>
        </message>
        <message>
            <source>Dipilih: {0}</source>
            <translation>Chosen: {0}</translation>
        </message>
    </context>
    <context>
        <name>WorkerForm</name>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>16 digit dari KTP</source>
            <translation>16 digits from the ID card</translation>
        </message>
        <message>
            <source>Pakai tanggal lahir &amp;&amp; jenis kelamin dari NIK</source>
            <translation>Use birth date &amp;&amp; sex from the NIK</translation>
        </message>
        <message>
            <source>Tampilkan NIK &amp;&amp; No. KK</source>
            <translation>Show NIK &amp;&amp; KK number</translation>
        </message>
        <message>
            <source>No. KK</source>
            <translation>Family card no.</translation>
        </message>
        <message>
            <source>16 digit dari Kartu Keluarga</source>
            <translation>16 digits from the family card</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>sesuai KTP</source>
            <translation>as on the ID card</translation>
        </message>
        <message>
            <source>Tempat lahir</source>
            <translation>Place of birth</translation>
        </message>
        <message>
            <source>Tanggal lahir</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <source>HH-BB-TTTT</source>
            <translation>DD-MM-YYYY</translation>
        </message>
        <message>
            <source>{0} — Laki-laki</source>
            <translation>{0} — Male</translation>
        </message>
        <message>
            <source>{0} — Perempuan</source>
            <translation>{0} — Female</translation>
        </message>
        <message>
            <source>Jenis kelamin</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Alamat</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>Dusun</source>
            <translation>Hamlet</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>RW</source>
            <translation>RW</translation>
        </message>
        <message>
            <source>No. HP</source>
            <translation>Mobile no.</translation>
        </message>
        <message>
            <source>Pekerjaan (KTP)</source>
            <translation>Occupation (ID card)</translation>
        </message>
        <message>
            <source>Kategori pekerja</source>
            <translation>Worker category</translation>
        </message>
        <message>
            <source>Penghasilan/bulan (Rp)</source>
            <translation>Income/month (Rp)</translation>
        </message>
        <message>
            <source>Nama ahli waris</source>
            <translation>Heir's name</translation>
        </message>
        <message>
            <source>Hubungan ahli waris</source>
            <translation>Heir's relationship</translation>
        </message>
        <message>
            <source>No. HP ahli waris</source>
            <translation>Heir's mobile no.</translation>
        </message>
        <message>
            <source>Penduduk desa ini</source>
            <translation>Resident of this village</translation>
        </message>
        <message>
            <source>Terdaftar DTKS/P3KE</source>
            <translation>Listed in DTKS/P3KE</translation>
        </message>
        <message>
            <source>Sudah peserta BPJS TK aktif</source>
            <translation>Already an active BPJS TK participant</translation>
        </message>
        <message>
            <source>Nomor KPJ</source>
            <translation>KPJ number</translation>
        </message>
        <message>
            <source>Catatan</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Pekerja menyetujui pemrosesan data pribadinya (UU 27/2022)</source>
            <translation>The worker consents to the processing of their personal data (UU 27/2022)</translation>
        </message>
        <message>
            <source>Tanggal persetujuan pemrosesan data</source>
            <translation>Date of consent to data processing</translation>
        </message>
        <message>
            <source>Cabut persetujuan…</source>
            <translation>Withdraw consent…</translation>
        </message>
        <message>
            <source>Kelayakan</source>
            <translation>Eligibility</translation>
        </message>
        <message>
            <source>Simpan (Enter)</source>
            <translation>Save (Enter)</translation>
        </message>
        <message>
            <source>Simpan sebagai draf</source>
            <translation>Keep as draft</translation>
        </message>
        <message>
            <source>Batal (Esc)</source>
            <translation>Cancel (Esc)</translation>
        </message>
        <message>
            <source>Isian berlabel tebal wajib diisi; yang lain boleh kosong.</source>
            <translation>Fields with a bold label are required; the others may stay empty.</translation>
        </message>
        <message>
            <source>Sembunyikan kelayakan</source>
            <translation>Hide eligibility</translation>
        </message>
        <message>
            <source>Tampilkan kelayakan</source>
            <translation>Show eligibility</translation>
        </message>
        <message>
            <source>Wajib diisi</source>
            <translation>Required</translation>
        </message>
        <message>
            <source>Penduduk {0} ini</source>
            <translation>Resident of this {0}</translation>
        </message>
        <message>
            <source>Pekerja baru</source>
            <translation>New worker</translation>
        </message>
        <message>
            <source>{0} — ID {1}</source>
            <translation>{0} — ID {1}</translation>
        </message>
        <message>
            <source>Persetujuan dicabut pada {0}; data pribadi akan dihapus</source>
            <translation>Consent withdrawn on {0}; the personal data will be erased</translation>
        </message>
        <message>
            <source>Draf dipulihkan ({0}).</source>
            <translation>Draft restored ({0}).</translation>
        </message>
        <message>
            <source>Cabut persetujuan</source>
            <translation>Withdraw consent</translation>
        </message>
        <message>
            <source>Pekerja mencabut persetujuan pemrosesan data pribadinya. Usulan yang belum dikirim ditarik, dan data pribadinya dihapus paling lambat 3x24 jam.

Alasan atau cara pencabutan:</source>
            <translation>The worker withdraws consent to the processing of their personal data. Nominations not yet sent are withdrawn, and the personal data are erased within 3x24 hours.

Reason, or how consent was withdrawn:</translation>
        </message>
        <message>
            <source>Persetujuan dicabut</source>
            <translation>Consent withdrawn</translation>
        </message>
        <message>
            <source>NIK {0}, {1} {2}, RT {3}/RW {4}</source>
            <translation>NIK {0}, {1} {2}, RT {3}/RW {4}</translation>
        </message>
        <message>
            <source>sudah tercatat atas nama {0}</source>
            <translation>is already recorded for {0}</translation>
        </message>
        <message>
            <source>laki-laki</source>
            <translation>male</translation>
        </message>
        <message>
            <source>perempuan</source>
            <translation>female</translation>
        </message>
        <message>
            <source>wilayah tidak dikenal</source>
            <translation>unknown region</translation>
        </message>
        <message>
            <source>Dari NIK: lahir {0}, {1}, {2}</source>
            <translation>From the NIK: born {0}, {1}, {2}</translation>
        </message>
        <message>
            <source>NIK ini sudah tercatat: &lt;a href='worker:{0}'&gt;buka data {1}&lt;/a&gt;</source>
            <translation>This NIK is already recorded: &lt;a href='worker:{0}'&gt;open {1}'s record&lt;/a&gt;</translation>
        </message>
        <message>
            <source>Lengkapi isian yang wajib (tanpa pesan merah) untuk melihat kelayakan dan skor.</source>
            <translation>Complete the required fields (no red messages) to see eligibility and the score.</translation>
        </message>
        <message>
            <source>Memenuhi syarat</source>
            <translation>Eligible</translation>
        </message>
        <message>
            <source>Belum memenuhi syarat</source>
            <translation>Not eligible</translation>
        </message>
        <message>
            <source>Skor peringkat: {0}</source>
            <translation>Ranking score: {0}</translation>
        </message>
        <message>
            <source>Belum bisa disimpan</source>
            <translation>Cannot save yet</translation>
        </message>
        <message>
            <source>Perbaiki dulu:
{0}

Simpan sebagai draf agar bisa dilanjutkan nanti?</source>
            <translation>Please fix first:
{0}

Keep it as a draft to continue later?</translation>
        </message>
        <message>
            <source>Kembali ke formulir</source>
            <translation>Back to the form</translation>
        </message>
        <message>
            <source>Perlu keputusan lagi</source>
            <translation>A new decision is needed</translation>
        </message>
        <message>
            <source>NIK {0}</source>
            <translation>NIK {0}</translation>
        </message>
        <message>
            <source>Disimpan sebagai draf.</source>
            <translation>Kept as a draft.</translation>
        </message>
        <message>
            <source>Draf tersimpan otomatis.</source>
            <translation>Draft saved automatically.</translation>
        </message>
        <message>
            <source>Batalkan perubahan?</source>
            <translation>Discard changes?</translation>
        </message>
        <message>
            <source>Ada isian yang belum disimpan. Buang perubahan ini?</source>
            <translation>Some input is not saved. Discard these changes?</translation>
        </message>
        <message>
            <source>Buang perubahan</source>
            <translation>Discard the changes</translation>
        </message>
        <message>
            <source>Tutup draf?</source>
            <translation>Close the draft?</translation>
        </message>
        <message>
            <source>Draf ini disimpan {0}. Simpan perubahan ke draf, tutup tanpa mengubah draf, atau hapus draf ini untuk selamanya?</source>
            <translation>This draft was saved {0}. Save the changes to the draft, close without changing the draft, or delete this draft for good?</translation>
        </message>
        <message>
            <source>Hapus draf</source>
            <translation>Delete the draft</translation>
        </message>
        <message>
            <source>Tutup, draf tetap</source>
            <translation>Close, keep the draft</translation>
        </message>
        <message>
            <source>Simpan ke draf</source>
            <translation>Save to the draft</translation>
        </message>
    </context>
    <context>
        <name>WorkerTableModel</name>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>No. KK</source>
            <translation>Family card no.</translation>
        </message>
        <message>
            <source>Tgl. lahir</source>
            <translation>Born</translation>
        </message>
        <message>
            <source>L/P</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Dusun</source>
            <translation>Hamlet</translation>
        </message>
        <message>
            <source>RT/RW</source>
            <translation>RT/RW</translation>
        </message>
        <message>
            <source>Kategori</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
    </context>
    <context>
        <name>WorkersPage</name>
        <message>
            <source>Cari nama, NIK, No. KK atau dusun…  (Ctrl+F)</source>
            <translation>Search name, NIK, family card or hamlet…  (Ctrl+F)</translation>
        </message>
        <message>
            <source>Semua status</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <source>Semua kategori</source>
            <translation>All categories</translation>
        </message>
        <message>
            <source>+ Tambah pekerja</source>
            <translation>+ Add worker</translation>
        </message>
        <message>
            <source>Usulkan</source>
            <translation>Propose</translation>
        </message>
        <message>
            <source>Draf</source>
            <translation>Drafts</translation>
        </message>
        <message>
            <source>Riwayat status pekerja terpilih:</source>
            <translation>Status history of the selected worker:</translation>
        </message>
        <message>
            <source>Semua dusun</source>
            <translation>All hamlets</translation>
        </message>
        <message>
            <source>{0} pekerja</source>
            <translation>{0} workers</translation>
        </message>
        <message>
            <source>{0}+ pekerja (menghitung…)</source>
            <translation>{0}+ workers (counting…)</translation>
        </message>
        <message>
            <source>Belum pernah diusulkan.</source>
            <translation>Never proposed.</translation>
        </message>
        <message>
            <source>{0} pekerja diusulkan.</source>
            <translation>{0} workers proposed.</translation>
        </message>
        <message>
            <source>Tidak ada draf</source>
            <translation>No drafts</translation>
        </message>
        <message>
            <source>(tanpa nama)</source>
            <translation>(no name)</translation>
        </message>
        <message>
            <source>ubahan data</source>
            <translation>edit</translation>
        </message>
        <message>
            <source>pekerja baru</source>
            <translation>new worker</translation>
        </message>
        <message>
            <source>Draf ({0})</source>
            <translation>Drafts ({0})</translation>
        </message>
        <message>
            <source>Tersimpan: {0}</source>
            <translation>Saved: {0}</translation>
        </message>
    </context>
    <context>
        <name>_Bridge</name>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Sedang bekerja…</source>
            <translation>Working…</translation>
        </message>
        <message>
            <source>Mohon tunggu</source>
            <translation>Please wait</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Periksa isian</source>
            <translation>Check the input</translation>
        </message>
        <message>
            <source>(log belum disiapkan)</source>
            <translation>(log not set up)</translation>
        </message>
        <message>
            <source>Terjadi kesalahan</source>
            <translation>Something went wrong</translation>
        </message>
        <message>
            <source>Terjadi kesalahan yang tidak terduga: {0}. Pekerjaan yang sudah disimpan aman; aplikasi tetap berjalan.</source>
            <translation>An unexpected error happened: {0}. Saved work is safe; the app keeps running.</translation>
        </message>
        <message>
            <source>Catatan teknis tersimpan di:
{0}
Kirimkan berkas itu kepada petugas dukungan.</source>
            <translation>Technical details are in:
{0}
Send that file to your support person.</translation>
        </message>
    </context>
</TS>

"""Finding the header row and guessing which column is which."""

from __future__ import annotations

import pytest

from jamsos_desktop.domain import import_mapping as im
from jamsos_desktop.domain.records import WORKER

OPENSID_IMPORT = (
    "alamat",
    "dusun",
    "rw",
    "rt",
    "nama",
    "no_kk",
    "nik",
    "sex",
    "tempatlahir",
    "tanggallahir",
    "agama_id",
    "pendidikan_kk_id",
    "pendidikan_sedang_id",
    "pekerjaan_id",
    "status_kawin",
    "kk_level",
    "warganegara_id",
    "nama_ayah",
    "nama_ibu",
    "golongan_darah_id",
    "ayah_nik",
    "ibu_nik",
)
OPENSID_EXPORT = (
    "Alamat",
    "Dusun",
    "RW",
    "RT",
    "Nama",
    "Nomor KK",
    "NIK",
    "Jenis Kelamin",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Agama",
    "Pendidikan (dlm KK)",
    "Pekerjaan",
    "Kawin",
    "Hub. Keluarga",
    "Nama Ayah",
)


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("NIK", "nik"),
        ("No. KK", "kk"),
        ("Nomor KK", "kk"),
        ("NO_KK", "kk"),
        ("Nama", "name"),
        ("Nama Lengkap", "name"),
        ("Tempat Lahir", "birth_place"),
        ("Tgl. Lahir", "birth_date"),
        ("Tanggal Lahir (dd-mm-yyyy)", "birth_date"),
        ("JK", "sex"),
        ("L/P", "sex"),
        ("Jenis Kelamin", "sex"),
        ("Alamat", "address"),
        ("Dusun", "dusun"),
        ("RT", "rt"),
        ("RW", "rw"),
        ("Pekerjaan", "occupation"),
        ("No HP", "phone"),
        ("Telepon", "phone"),
        ("Penghasilan", "income"),
        ("Nama Ahli Waris", "heir_name"),
        ("Hubungan Ahli Waris", "heir_relation"),
        ("TTL", "birth_place_date"),
        ("Date of birth", "birth_date"),
        ("Full name", "name"),
        ("NIK *", "nik"),
        ("RT/RW", "rt_rw"),
    ],
)
def test_indonesian_and_english_headers(header: str, target: str) -> None:
    assert im.guess_field(header) == target


def test_the_register_export_s_names_and_labels_map_to_their_fields() -> None:
    for f in WORKER.input_fields:
        assert im.guess_field(f.export) == f.input, f.export
        assert im.guess_field(f.label.id) == f.input, f.label.id
        assert im.guess_field(f.label.en) == f.input, f.label.en


@pytest.mark.parametrize("headers", [OPENSID_IMPORT, OPENSID_EXPORT])
def test_opensid_s_import_and_export_columns(headers: tuple[str, ...]) -> None:
    got = im.guess_columns(headers)
    assert {k: headers[v] for k, v in got.items()}.keys() == {
        "address",
        "dusun",
        "rw",
        "rt",
        "name",
        "kk",
        "nik",
        "sex",
        "birth_place",
        "birth_date",
        "occupation",
    }
    assert headers[got["nik"]] in ("nik", "NIK")  # not ayah_nik / ibu_nik


def test_the_header_is_found_below_a_title_block_and_blank_cells() -> None:
    rows = [
        (1, ("DAFTAR PEKERJA",)),
        (2, ("Desa Sukamaju", None, "Tahun 2026")),
        (4, ("No", "NIK", "Nama", "Dusun", "RT")),
        (5, (1, "3204011205800003", "Budi", "Sukamaju", "1")),
    ]
    m = im.find_header(rows)
    assert m is not None and m.header_row == 4
    assert m.columns == {"nik": 1, "name": 2, "dusun": 3, "rt": 4}
    assert im.find_header(rows[:2]) is None


def test_the_shape_ignores_case_punctuation_and_blank_columns_at_the_end() -> None:
    assert im.shape_key(["NIK", "Nama", "", ""]) == im.shape_key(["nik", "nama"])
    assert im.shape_key(["NIK", "Nama"]) != im.shape_key(["Nama", "NIK"])


def test_a_written_mapping_names_columns_by_header_letter_or_number() -> None:
    headers = ("No", "NIK", "Nama")
    assert im.from_json({"columns": {"nik": "NIK", "name": "C", "kk": 0}}, headers) == {"nik": 1, "name": 2, "kk": 0}
    with pytest.raises(ValueError, match="field:shoe"):
        im.from_json({"columns": {"shoe": "A"}}, headers)
    with pytest.raises(ValueError, match="column:Sepatu Lama"):
        im.from_json({"nik": "Sepatu Lama"}, headers)
    assert [im.column_letter(i) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]

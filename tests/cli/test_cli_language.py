"""The command line's successful output speaks the chosen language (issue 12, item 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_cli import SITI, VILLAGE, Cli

# Words of Indonesian output that must not appear in English mode (names, places, occupation
# codes of the KTP list and the program's own name are data, not output, and are left out).
INDONESIAN = re.compile(
    r"\b(pekerja|dinilai|aturan|acuan|memenuhi|syarat|tidak|kuota|cadangan|calon|diusulkan|disetujui|"
    r"ditolak|anggaran|terpakai|dari|bulan|tahun|sumber dana|orang|iuran|golongan|terendah|penghasilan|"
    r"tanggal|usia|versi|pagu|cukup|peringatan|boleh|perangkat|kepala desa|basis data|skema|terhapus|"
    r"jejak|entri|hasil|baik|masalah|ahli waris|laki-laki|perempuan|penilaian|skor|peringkat|oleh|"
    r"pekerjaan|kategori|tercatat|dicetak|ditandatangani|dikirim|terdaftar|ganda)\b",
    re.IGNORECASE,
)

INDONESIAN_AMOUNT = re.compile(r"Rp\d{1,3}\.\d{3}")
ENGLISH_AMOUNT = re.compile(r"Rp\d{1,3},\d{3}")


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "data", capsys)
    c("init", "--village", VILLAGE, "--head", "H. Dadang Suherman", "--operator", "Rina Marlina")
    c("demo", "--workers", "40", "--seed", "3")
    c("worker", "add", *SITI)
    c("program", "set", "--budget", "5000000")
    c("nominate", "--ranked", "--limit", "5")
    c("approve", "--all")
    return c


def english_lines(out: str) -> list[str]:
    """Lines of output, less the data they carry (the program's name, KTP occupations)."""
    skip = ("Program ", "Perlindungan")
    return [line for line in out.splitlines() if line.strip() and not line.startswith(skip)]


@pytest.mark.parametrize(
    "command",
    [
        ("assess",),
        ("quota",),
        ("program", "show"),
        ("doctor",),
        ("worker", "show", "3204054508950001"),
        ("worker", "edit", "3204054508950001", "--income", "Rp 850.000"),
        ("worker", "list", "--limit", "5"),
        ("nominate", "--ranked", "--limit", "1"),
    ],
)
def test_english_output_has_no_indonesian(cli: Cli, command: tuple[str, ...]) -> None:
    out, err = cli("--lang", "en", *command)
    assert not INDONESIAN_AMOUNT.search(err), err  # what was read ("income read as ...") too
    for line in english_lines(out):
        text = re.sub(r"PETANI/PEKEBUN|Petani|Babakan|Bandung|Siti Aminah|Asep Suryana|Suami", "", line)
        assert not INDONESIAN.search(text), line
        # Amounts are grouped the English way (Rp1,234,567) in every English line, as in 'quota'.
        assert not INDONESIAN_AMOUNT.search(line), line


@pytest.mark.parametrize("command", [("assess",), ("quota",), ("program", "show"), ("doctor",)])
def test_indonesian_output_stays_indonesian(cli: Cli, command: tuple[str, ...]) -> None:
    out, _ = cli(*command)
    assert INDONESIAN.search(out)
    assert not ENGLISH_AMOUNT.search(out), out
    assert not re.search(r"\b(workers|assessed|eligible|quota|budget|ceiling|months|approved|registered)\b", out)


def test_doctor_prints_status_words(cli: Cli) -> None:
    out, _ = cli("doctor")
    assert "Disetujui 5" in out and "approved" not in out
    out, _ = cli("--lang", "en", "doctor")
    assert "Approved 5" in out


def test_english_history_of_a_printed_and_changed_nomination(cli: Cli, tmp_path: Path) -> None:
    """The history lines of 'worker show' (printed, changed after approval) read in English too."""
    out, _ = cli("--lang", "en", "worker", "list", "--status", "approved", "--json")
    nik = re.findall(r'"nik": "(\d{16})"', out)[0]
    cli("print", "list", "--out", str(tmp_path / "daftar.pdf"))
    cli("worker", "edit", nik, "--birth-place", "Garut")
    out, _ = cli("--lang", "en", "worker", "show", nik)
    history = [line for line in out.splitlines() if re.match(r"\s+\d\d-\d\d-\d{4} \d\d:\d\d", line)]
    assert any("printed: list" in line for line in history) and any("after approval" in line for line in history)
    for line in history:
        assert not INDONESIAN.search(line), line


ARGPARSE_ENGLISH = re.compile(
    r"usage:|positional arguments|\boptions:|show this help|error:|invalid choice|"
    r"the following arguments are required|expected one argument|unrecognized arguments|version number"
)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["hub", "--help"],
        ["village", "32.73"],  # an action that is not one
        ["hub", "export-bpjs"],  # a required option missing
        ["worker", "show"],  # a required argument missing
        ["--data-dir"],  # an option without its value
        ["print", "decree", "--nomor", "1"],  # an option that does not exist
    ],
)
def test_argparse_s_own_words_are_indonesian_too(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """The class: what argparse writes itself (usage, its headings, its errors) follows the
    language as the commands' own help does; English with --lang en; and argparse is left as it
    was for the rest of the process."""
    import argparse

    from jamsos_desktop.cli.main import main

    before = vars(argparse)["_"]
    for lang in ("id", "en"):
        with pytest.raises(SystemExit):
            main([*(["--lang", "en"] if lang == "en" else []), *argv])
        out = capsys.readouterr()
        said = out.out + out.err
        if lang == "id":
            assert ARGPARSE_ENGLISH.search(said) is None, said
            assert "penggunaan:" in said
        else:
            assert "usage:" in said
        assert vars(argparse)["_"] is before

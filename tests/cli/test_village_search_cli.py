"""`jamsos village search`: a village's code without the app, for `init --village`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import SITI, Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", capsys)


def test_search_names_code_kind_and_regions(cli: Cli) -> None:
    out, _ = cli("village", "search", "sukamaju", "luwu", "utara")
    first = out.splitlines()[2]
    assert first.split()[:3] == ["73.22.06.2005", "desa", "Sukamaju"]
    assert "Kabupaten Luwu Utara" in first and "Sulawesi Selatan" in first


def test_search_says_how_many_and_shows_all_on_request(cli: Cli) -> None:
    out, _ = cli("village", "search", "sukamaju", "--limit", "5")
    total = int(out.splitlines()[-1].split()[0])
    assert total > 50 and "5 ditampilkan" in out
    out, _ = cli("village", "search", "sukamaju", "--limit", "0", "--json")
    data = json.loads(out)
    assert data["total"] == total == len(data["villages"])
    assert {"code", "kind", "name", "district", "regency", "province", "postal_code"} <= set(data["villages"][0])


def test_search_speaks_english(cli: Cli) -> None:
    out, _ = cli("--lang", "en", "village", "search", "sukamaju", "--limit", "2")
    assert "villages match, 2 shown" in out and "ditampilkan" not in out


def test_the_code_found_starts_a_village(cli: Cli) -> None:
    out, _ = cli("village", "search", "73.22.06.2005", "--json")
    code = json.loads(out)["villages"][0]["code"]
    cli("init", "--village", code, "--head", "Andi Baso", "--operator", "Rina")
    out, _ = cli("program", "show")
    assert "Sukamaju" in out


@pytest.mark.parametrize(
    ("code", "hamlet"),
    [
        ("32.04.05.2005", "Dusun"),
        ("13.05.16.2006", "Korong"),
        ("51.03.03.2016", "Banjar"),
        ("13.71.06.1010", "Lingkungan"),
    ],
)
def test_worker_show_names_the_hamlet_in_the_village_s_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], code: str, hamlet: str
) -> None:
    """'worker show' says Korong, Banjar, Lingkungan ... as the documents do, not 'Dusun' everywhere."""
    cli = Cli(tmp_path / "data", capsys)
    cli("init", "--village", code, "--head", "H. Dadang Suherman")
    cli("worker", "add", *SITI)
    out, _ = cli("worker", "show", "3204054508950001")
    assert f"\n{hamlet} Babakan RT 003/RW 002" in out

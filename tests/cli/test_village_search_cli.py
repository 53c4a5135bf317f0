"""`jamsos village search`: a village's code without the app, for `init --village`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import Cli


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

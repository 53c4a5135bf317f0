"""English mode names every worker category and every account role in English: 'worker show'
and 'worker list' print the category's label, 'user list' the role's label in the village's
words (with the id 'user add --role' takes), never the Indonesian label or a bare code."""

from __future__ import annotations

from pathlib import Path

import pytest

from jamsos_desktop.domain.actors import ROLE_NAMES, ROLES
from jamsos_desktop.domain.occupations import CATEGORIES, CATEGORIES_EN
from jamsos_desktop.domain.village_words import account_role_label, words_for

from .test_cli import SITI, VILLAGE, Cli

NIK = "3204054508950001"
#: Indonesian role words that must not reach an English list of accounts.
INDONESIAN_ROLES = ("kepala desa", "penyetuju", "operator desa", "pengguna")
TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "jamsos_en.ts"


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "data", capsys)
    c("init", "--village", VILLAGE, "--head", "H. Dadang Suherman", "--operator", "Rina Marlina")
    c("worker", "add", *SITI)
    return c


def category_line(out: str) -> str:
    return next(line for line in out.splitlines() if "category:" in line or "kategori:" in line)


def test_every_category_is_named_in_the_language_in_use(cli: Cli) -> None:
    for key, indonesian in CATEGORIES.items():
        cli("worker", "edit", NIK, "--category", key)
        line = category_line(cli("--lang", "en", "worker", "show", NIK)[0])
        assert f"category: {CATEGORIES_EN[key]};" in line, line
        assert f"category: {indonesian};" not in line or indonesian == CATEGORIES_EN[key], line
        rows = [r for r in cli("--lang", "en", "worker", "list")[0].splitlines() if "Siti Aminah" in r]
        assert len(rows) == 1 and CATEGORIES_EN[key] in rows[0], rows
        if indonesian not in CATEGORIES_EN[key]:
            assert indonesian not in rows[0], rows
        assert f"kategori: {indonesian};" in category_line(cli("--lang", "id", "worker", "show", NIK)[0])


def test_the_english_category_labels_are_the_window_s() -> None:
    import xml.etree.ElementTree as ET

    root = ET.parse(TS).getroot()
    (context,) = [c for c in root.findall("context") if c.findtext("name") == "Category"]
    window = {m.findtext("source"): m.findtext("translation") for m in context.findall("message")}
    assert {CATEGORIES[k]: v for k, v in CATEGORIES_EN.items()} == window


def test_user_list_names_every_role_in_english(cli: Cli) -> None:
    cli("user", "add", "--username", "admin", "--name", "Admin Desa", "--role", "admin")
    out = cli("--lang", "en", "user", "list")[0]
    for label in ("Village operator (operator)", "Village head (approver)", "Admin"):
        assert label in out, out
    lowered = out.lower()
    assert not any(word in lowered for word in INDONESIAN_ROLES), out
    assert "Kepala Desa (approver)" in cli("--lang", "id", "user", "list")[0]


@pytest.mark.parametrize(
    ("code", "kind", "title"),
    [
        ("32.04.05.2005", "desa", "Kepala Desa"),
        ("13.05.16.2006", "desa", "Wali Nagari"),
        ("11.03.09.2017", "desa", "Keuchik"),
        ("51.03.03.2016", "desa", "Perbekel"),
        ("32.73.01.1001", "kelurahan", "Lurah"),
    ],
)
def test_every_role_of_every_kind_of_village_has_an_english_label(code: str, kind: str, title: str) -> None:
    words = words_for(code, kind, title, "Contoh")
    assert set(ROLES) == set(ROLE_NAMES)
    for role in ROLES:
        en, id_ = account_role_label(role, words, "en"), account_role_label(role, words, "id")
        assert en != role and not any(w in en.lower() for w in INDONESIAN_ROLES), en
        if role == "operator":
            assert en != id_  # 'Nagari operator', not 'Operator nagari'

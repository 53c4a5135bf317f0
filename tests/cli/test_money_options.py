"""Amounts typed on the command line are read as people write them, or refused in one line."""

from __future__ import annotations

import json

import pytest

from .test_cli import SITI, Cli, cli, village

__all__ = ["cli", "village"]  # the fixtures, used by name


@pytest.mark.parametrize(
    ("typed", "stored"), [("Rp 15.000.000", 15_000_000), ("15.000.000,00", 15_000_000), ("15 juta", 15_000_000)]
)
def test_budget_and_income_cap_as_written(village: Cli, typed: str, stored: int) -> None:
    out, _ = village("program", "set", "--budget", typed, "--income-cap", "Rp 2.500.000,-", "--json")
    p = json.loads(out)
    assert p["budget_ceiling"] == stored and p["rules"]["income_cap"] == 2_500_000


@pytest.mark.parametrize(
    ("option", "typed", "line"),
    [
        ("--budget", "1,500", "jamsos: Pagu anggaran '1,500': bisa dibaca Rp1.500 atau 1,5; tulis 1.500"),
        (
            "--budget",
            "15000000,50",
            "jamsos: Pagu anggaran '15000000,50': rupiah harus bulat, tanpa sen: terbaca Rp15.000.000,50; "
            "tulis 15.000.000 atau 15.000.001",
        ),
        (
            "--income-cap",
            "900.00",
            "jamsos: Batas penghasilan '900.00': bisa dibaca Rp900 atau Rp900.000; tulis 900 / 900.000",
        ),
    ],
)
def test_an_amount_that_cannot_be_read_exactly_is_refused(village: Cli, option: str, typed: str, line: str) -> None:
    _, err = village("program", "set", option, typed, code=1)
    assert err.strip() == line
    _, err = village("--lang", "en", "program", "set", option, typed, code=1)
    label = {"--budget": "Budget ceiling", "--income-cap": "Income cap"}[option]
    assert err.count("\n") == 1 and err.startswith(f"jamsos: {label} '{typed}': ") and "read as" in err


def test_income_as_written_and_refused(village: Cli) -> None:
    args = list(SITI)
    at = args.index("--income") + 1
    args[at] = "Rp 900.000,00"
    out, err = village("worker", "add", *args)
    wid = out.strip()
    assert err == "penghasilan dibaca sebagai Rp900.000\n"
    _, err = village("--lang", "en", "worker", "edit", wid, "--income", "1,5 juta")
    assert err == "income read as Rp1,500,000\n"  # grouped the English way, as every English amount
    village("--lang", "id", "worker", "edit", wid, "--income", "900000")
    assert json.loads(village("worker", "show", wid, "--json")[0])["income"] == 900_000
    for typed in ("900000,50", "900000.50"):
        _, err = village("worker", "edit", wid, "--income", typed, code=1)
        assert err.startswith(
            f"jamsos: Penghasilan per bulan '{typed}': rupiah harus bulat, tanpa sen: terbaca Rp900.000,50"
        )
    assert json.loads(village("worker", "show", wid, "--json")[0])["income"] == 900_000

"""The hub keeps the village's layering: its SQL lives in hub/storage/, its services hold none."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..test_layers import imports
from ..test_service_boundaries import private_imports, sql_offences

HUB = Path(__file__).parents[2] / "jamsos_desktop" / "hub"
SERVICES = sorted(p for p in HUB.rglob("*.py") if "storage" not in p.relative_to(HUB).parts)
STORAGE = sorted((HUB / "storage").rglob("*.py"))


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.name)
def test_the_hub_s_services_hold_no_sql_and_no_driver_types(path: Path) -> None:
    assert sql_offences(path) == []


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.name)
def test_the_hub_s_services_take_no_private_names_from_the_village_s(path: Path) -> None:
    assert private_imports(path) == []


@pytest.mark.parametrize("path", STORAGE, ids=lambda p: p.name)
def test_the_hub_s_storage_calls_no_services(path: Path) -> None:
    """hub/storage/ is below the hub's services, as storage/ is below services/."""
    wrong = [
        m
        for m in imports(path)
        if m.startswith(("jamsos_desktop.services", "jamsos_desktop.cli", "jamsos_desktop.ui"))
        or (m.startswith("jamsos_desktop.hub.") and not m.startswith("jamsos_desktop.hub.storage"))
    ]
    assert wrong == []

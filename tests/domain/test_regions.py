from __future__ import annotations

import subprocess
import sys

from lokal import PROVINCES as LOKAL_PROVINCES

from jamsos_desktop.domain import regions


def test_our_province_table_is_lokals() -> None:
    assert dict(regions.PROVINCES) == dict(LOKAL_PROVINCES)


def test_village_lookup_and_search() -> None:
    v = regions.village("3204052005")
    assert v is not None and (v.name, v.district, v.regency) == ("Cibiru Hilir", "Cileunyi", "Kabupaten Bandung")
    assert regions.village("32.04.05") is None and regions.village("32.04.05.9999") is None
    found = regions.search_villages("cibiru")
    assert {x.code for x in found} >= {"32.04.05.2005", "32.04.05.2006"}


def test_importing_the_domain_does_not_load_lokal() -> None:
    code = (
        "import sys, jamsos_desktop.domain.identity, jamsos_desktop.domain.eligibility; print('lokal' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"

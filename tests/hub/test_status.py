"""`hub status`: each village's figures are the village's own, the totals their sums."""

from __future__ import annotations

from collections import Counter

from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import imports
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.status import hub_status, missing_numbers
from jamsos_desktop.sync.crypto import KeySet

from .villages import REGION, A, B, C, VillageFiles


def village_figures(files: VillageFiles, code: str) -> tuple[dict[str, int], int, int, int]:
    """Counts by status, quota, quota used and budget committed, read from the village's own file."""
    conn = files.connect(code)
    try:
        counts = dict(conn.execute("select status, count(*) from workers where deleted_at is null group by status"))
        pid, quota = conn.execute("select id, quota from programs where active").fetchone()
        noms = conn.execute(
            "select status, months * monthly_contribution from nominations where program_id = ? and deleted_at is null",
            (pid,),
        ).fetchall()
    finally:
        conn.close()
    used = sum(1 for s, _ in noms if s in statuses.COUNTS_IN_QUOTA)
    budget = sum(b for s, b in noms if s in statuses.COVERED)
    return counts, quota, used, budget


def test_each_village_s_figures_and_the_totals(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    files = [p for c in (A, B, C) for p in village_files.files[c]]
    imports.import_files(keyed_hub, clerk, files, district_keys, region=REGION)
    st = hub_status(keyed_hub)
    assert [v.code for v in st.villages] == [A, B, C]
    for v in st.villages:
        counts, quota, used, budget = village_figures(village_files, v.code)
        assert v.counts == counts and v.workers == sum(counts.values())
        assert (v.quota, v.quota_used, v.budget_committed) == (quota, used, budget)
        assert v.missing == () and v.files == len(village_files.files[v.code])
        assert v.last_file == village_files.files[v.code][-1].name
    assert budget > 0 and any(v.counts.get(statuses.EXPORTED) for v in st.villages)
    by_kec = {k.name: k for k in st.kecamatan}
    assert set(by_kec) == {"Cileunyi", "Banjaran"} and by_kec["Cileunyi"].villages == 2
    for field in ("workers", "quota", "quota_used", "budget_committed", "files"):
        assert getattr(st.regency, field) == sum(getattr(v, field) for v in st.villages)
        assert getattr(st.regency, field) == sum(getattr(k, field) for k in st.kecamatan)
    total: Counter[str] = Counter()
    for v in st.villages:
        total.update(v.counts)
    assert st.regency.counts == dict(total)
    assert st.regency.name == "Kabupaten Bandung"
    assert st.as_json()["regency"]["workers"] == st.regency.workers


def test_an_empty_hub_has_no_villages(keyed_hub: Hub) -> None:
    st = hub_status(keyed_hub)
    assert st.villages == () and st.regency.villages == 0 and st.regency.workers == 0


def test_missing_numbers_are_the_gaps_below_the_highest() -> None:
    assert missing_numbers({1, 2, 3}) == ()
    assert missing_numbers({3}) == (1, 2)
    assert missing_numbers({1, 4, 6}) == (2, 3, 5)
    assert missing_numbers(set()) == ()

"""The district's whole round, on SQLite and on PostgreSQL: three villages with overlapping people
export real sync files; the hub imports them (shuffled, one twice, one damaged), finds the
duplicates, a clerk decides, the BPJS sheet is written and answered, return files are written,
and each village imports its results by its own ``sync import-return`` path."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter  # type: ignore[import-untyped]
from python_calamine import CalamineWorkbook

from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import bpjs, duplicates, imports, returns
from jamsos_desktop.hub import keys as hub_keys
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.services import demo, keys, nominations, sync, users, village, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.sync import keyfile

from .conftest import KEY_PASSPHRASE

TODAY = dt.date(2026, 11, 21)
REGION, DISTRICT = "32.04", "Disnaker Kabupaten Bandung"
A, B, C = "32.04.05.2005", "32.04.05.2006", "32.04.13.2001"
DEMO = {A: 6, B: 5, C: 4}

# The same person nominated in A and in B under one NIK; one person in B and C under two NIKs
# with one KK and birth date.
SAME_NIK: dict[str, Any] = {
    "nik": "3204054508850001",
    "kk": "3204051203150007",
    "name": "Siti Aminah",
    "birth_place": "Bandung",
    "birth_date": "1985-08-05",
    "sex": "P",
    "dusun": "Babakan",
    "rt": "3",
    "rw": "2",
    "occupation": "9",
    "category": "petani",
    "income": "900000",
    "heir_name": "Asep Suryana",
    "heir_relation": "Suami",
    "consent_date": "2026-11-01",
}
TWO_NIKS = {
    **SAME_NIK,
    "nik": "3204051006800002",
    "kk": "3204051508120003",
    "name": "Ujang Supriatna",
    "birth_date": "1980-06-10",
    "sex": "L",
    "heir_name": "Euis",
    "heir_relation": "Istri",
}


@dataclass
class Villages:
    keys_file: bytes
    data: dict[str, Path] = field(default_factory=dict)
    files: dict[str, list[Path]] = field(default_factory=dict)


def _village(root: Path, code: str, public: bytes, seed: int, extra: list[dict[str, Any]]) -> Workspace:
    ws = Workspace.open(root, create=True)
    village.init_village(ws, code=code, head_name="H. Kepala Desa", operator_name="Operator Desa", year=2026)
    op = users.default_actor(ws)
    head = users.default_actor(ws, approving=True)
    demo.generate(ws, op, DEMO[code], seed=seed, today=TODAY)
    for person in extra:
        workers.add_worker(ws, op, person, today=TODAY)
    info = keys.read_district_key(public)
    keys.import_district_key(ws, op, public, info.fingerprint)
    wanted = [w.id for w in workers.list_workers(ws) if w.nik in {p["nik"] for p in extra}]
    if wanted:
        nominations.nominate(ws, op, wanted)
    nominations.nominate_ranked(ws, op, limit=3)
    nominations.approve(ws, head)
    approved = [w for w in workers.list_workers(ws) if w.status == statuses.APPROVED]
    with ws.unit_of_work(op) as uow:
        for w in approved:
            nid = workers.get_worker(ws, w.id).nomination
            assert nid is not None
            nominations.set_status(uow, nid.id, statuses.PRINTED)
            nominations.set_status(uow, nid.id, statuses.SIGNED)
    return ws


def _build(root: Path) -> tuple[Villages, bytes]:
    district = keyfile.make_district_keys()
    private = keyfile.private_key_file(district, name=DISTRICT, region_code=REGION)
    public = keyfile.public_key_file(district.public, name=DISTRICT, region_code=REGION)
    out = Villages(private)
    extra = {A: [SAME_NIK], B: [SAME_NIK, TWO_NIKS], C: [{**TWO_NIKS, "nik": "3204131006800009"}]}
    for seed, code in enumerate((A, B, C), start=11):
        ws = _village(root / code, code, public, seed, extra[code])
        try:
            op = users.default_actor(ws)
            usb = root / f"usb-{code}"
            usb.mkdir()
            out.files[code] = [sync.export(ws, op, usb).path]
            if code == A:  # a second export: the village edited a worker after the first
                w = next(w for w in workers.list_workers(ws) if w.status == statuses.RECORDED)
                workers.edit_worker(ws, op, w.id, {"address": "Jl. Baru No. 2"})
                out.files[code].append(sync.export(ws, op, usb).path)
        finally:
            ws.close()
        out.data[code] = root / code
    return out, private


def _answer(sheet: Path, out: Path, reject_nik: str) -> None:
    """The branch's answer to our own sheet: everyone registered but one, rejected."""
    rows = [list(r) for r in CalamineWorkbook.from_path(str(sheet)).get_sheet_by_index(0).to_python()]
    head = rows[0]
    wb = xlsxwriter.Workbook(str(out))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["NIK", "Nama", "No KPJ", "Status", "Tanggal Mulai", "Tanggal Akhir", "Keterangan"])
    for i, r in enumerate(rows[1:], start=1):
        nik = r[head.index("NIK")]
        assert isinstance(nik, str) and len(nik) == 16  # written as text, read back as text
        ok = nik != reject_nik
        ws.write_string(i, 0, nik)
        ws.write_string(i, 1, str(r[head.index("Nama Lengkap (sesuai KTP)")]))
        ws.write_string(i, 2, f"2604{i:07d}" if ok else "")
        ws.write_string(i, 3, "Terdaftar" if ok else "Ditolak")
        ws.write_string(i, 4, "01-01-2027" if ok else "")
        ws.write_string(i, 5, "31-12-2027" if ok else "")
        ws.write_string(i, 6, "" if ok else "Data kependudukan tidak cocok")
    wb.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Villages, bytes]:
    """The villages and their files, made once; each engine's run works on copies of the villages."""
    return _build(tmp_path_factory.mktemp("villages"))


def test_three_villages_round_trip_through_the_hub(
    hub: Hub, clerk: Actor, tmp_path: Path, built: tuple[Villages, bytes]
) -> None:
    shared, private = built
    vs = Villages(shared.keys_file, files=shared.files)
    for code, d in shared.data.items():
        vs.data[code] = Path(shutil.copytree(d, tmp_path / "desa" / code))
    hub_keys.init_keys(hub, clerk, name=DISTRICT, region_code=REGION, passphrase=KEY_PASSPHRASE, private_file=private)
    district = hub_keys.district_keys(hub, KEY_PASSPHRASE)

    # -- import: shuffled, one file twice, one damaged --------------------------------------------
    damaged = tmp_path / "rusak.jamsync"
    raw = bytearray(vs.files[B][0].read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    damaged.write_bytes(bytes(raw))
    files = [*vs.files[A], *vs.files[B], *vs.files[C], vs.files[C][0], damaged]
    random.Random(5).shuffle(files)
    got = imports.import_files(hub, clerk, files, district, region=REGION)
    assert [o.outcome for o in got if o.path == str(damaged)] == [imports.REFUSED]
    assert sorted(o.outcome for o in got) == sorted([imports.IMPORTED] * 4 + [imports.ALREADY, imports.REFUSED])

    # -- duplicates -----------------------------------------------------------------------------
    found = duplicates.detect(hub, clerk)
    assert found.by_rule.get("same_nik") == 1 and found.by_rule.get("same_kk_birth") == 1
    cands = {d.rule: d for d in duplicates.list_duplicates(hub)}
    nik_pair, kk_pair = cands["same_nik"], cands["same_kk_birth"]
    assert {nik_pair.village_a, nik_pair.village_b} == {A, B} and {kk_pair.village_a, kk_pair.village_b} == {B, C}
    # before a decision, none of the four is in the sheet; the branch answers the rest
    reject = TWO_NIKS["nik"]
    before = bpjs.export_sheet(hub, clerk, tmp_path / "sebelum.xlsx")
    _answer(tmp_path / "sebelum.xlsx", tmp_path / "jawaban-awal.xlsx", reject)
    assert bpjs.record_results(hub, clerk, tmp_path / "jawaban-awal.xlsx").not_matched == []
    duplicates.resolve(hub, clerk, nik_pair.id, keep=A)
    duplicates.resolve(hub, clerk, kk_pair.id, keep=B, reason="KTP di Kamasan belum diperbarui")

    # -- BPJS sheet and the branch's answer -----------------------------------------------------
    sheet = bpjs.export_sheet(hub, clerk, tmp_path / "bpjs.xlsx")
    assert sheet.rows == 2  # A's and B's kept nominations; C's and B's others are answered "duplicate"
    assert before.rows + sheet.rows == len(_sent(vs)) - 2
    _answer(tmp_path / "bpjs.xlsx", tmp_path / "jawaban.xlsx", reject)
    rep = bpjs.record_results(hub, clerk, tmp_path / "jawaban.xlsx")
    assert rep.not_matched == [] and rep.counts == {"recorded": 2}

    # -- return files, and each village imports its own -----------------------------------------
    run = returns.write_returns(hub, clerk, district, tmp_path / "hasil")
    assert sorted(w.village_code for w in run.written) == [A, B, C] and run.skipped == []
    assert returns.write_returns(hub, clerk, district, tmp_path / "hasil").written == []  # nothing new
    for w in run.written:
        ws = Workspace.open(vs.data[w.village_code])
        try:
            op = users.default_actor(ws)
            res = sync.import_return(ws, op, w.path)
            assert res.conflicts == 0, res.message()
            assert sum(res.applied.values()) == sum(w.counts.values())
            state = {x.nik: x for x in workers.list_workers(ws)}
        finally:
            ws.close()
        if w.village_code == A:
            assert state[SAME_NIK["nik"]].status == statuses.REGISTERED and state[SAME_NIK["nik"]].kpj
        if w.village_code == B:
            assert state[SAME_NIK["nik"]].status == statuses.DUPLICATE
            assert state[TWO_NIKS["nik"]].status == statuses.REJECTED
        if w.village_code == C:
            assert state["3204131006800009"].status == statuses.DUPLICATE
        sent = [x for x in state.values() if x.status in (statuses.REGISTERED, statuses.REJECTED, statuses.DUPLICATE)]
        assert len(sent) == sum(w.counts.values())
        assert not [x for x in state.values() if x.status == statuses.EXPORTED]


def _sent(vs: Villages) -> list[str]:
    """Every nomination the three villages sent (exported), read from the villages themselves."""
    out = []
    for code in (A, B, C):
        ws = Workspace.open(vs.data[code])
        try:
            out += [w.id for w in workers.list_workers(ws) if w.status == statuses.EXPORTED]
        finally:
            ws.close()
    return out


@pytest.fixture(autouse=True)
def _quiet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JAMSOS_DATA_DIR", str(tmp_path / "data"))

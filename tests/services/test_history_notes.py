"""Every note the app writes on a nomination's history reads in English in English mode (issue 12,
item 15): the notes are stored as written, for the sync file and the audit chain, and shown in the
reader's language; a person's own words stay as typed."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jamsos_desktop.domain import history_notes, records
from jamsos_desktop.services import nominations, overview, printing, privacy, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.services.sync import returns
from jamsos_desktop.sync import district_return

INDONESIAN = re.compile(
    r"\b(dicetak|formulir|daftar|data diubah|setelah|disetujui|pindaian|persetujuan|pemrosesan|pribadi|dicabut|"
    r"pekerja|kabupaten|harus|menghentikan|menghapus|datanya|dikirim|dalam|berkas|nomor|hasil|dari|berlaku|s\.d\.)\b",
    re.IGNORECASE,
)


def test_every_history_note_of_a_nominations_life_reads_in_english(
    demo_workspace: Workspace, operator: Actor, head: Actor
) -> None:
    """Printed (form and list), changed after approval, signed with a scan, consent withdrawn: the
    notes the services wrote, as the history shows them."""
    ws = demo_workspace
    done = nominations.nominate_ranked(ws, operator, limit=3).worker_ids
    nominations.approve(ws, head)
    ids = [e.nomination.id for e in printing.list_entries(ws)]
    printing.mark_printed(ws, operator, ids, "daftar")
    printing.mark_printed(ws, operator, ids, "formulir")
    first, second, third = done
    w = workers.get_worker(ws, first).worker
    workers.edit_worker(ws, operator, first, {"name": w.name + " Putri", "birth_place": "Garut", "rt": "009"})
    printing.mark_signed(ws, operator, second, scan=b"\xff\xd8\xff\xe0" + b"0" * 64, filename="ttd.jpg")
    privacy.withdraw_consent(ws, operator, third, "surat")
    notes = [e.note for wid in done for e in overview.history(ws, wid) if e.note]
    assert len({n.split(":")[0] for n in notes}) >= 4, notes
    for note in notes:
        assert history_notes.shown(note, "id") == note
        english = history_notes.shown(note, "en")
        assert not INDONESIAN.search(english), (note, english)


@pytest.mark.parametrize("field", [f for f in records.WORKER.fields if f.label.id != f.label.en])
def test_every_field_changed_after_approval_is_named_in_english(field: records.Field) -> None:
    note = f"data diubah setelah disetujui: {records.WORKER['name'].label.id}, {field.label.id}"
    assert history_notes.shown(note, "en") == (
        f"data changed after approval: {records.WORKER['name'].label.en}, {field.label.en}"
    )


def test_notes_of_the_sync_and_of_the_district_read_in_english() -> None:
    """The export's note (as sync.exports writes it) and the return file's notes, by the services' own maker."""
    assert history_notes.shown("Dikirim ke kabupaten dalam berkas nomor 7", "en") == "Sent to the district in file 7"
    base = {"nomination_id": "n", "worker_id": "w", "nomination_version": 1, "worker_version": 1, "export_seq": 7}
    results = [
        district_return.Result(
            outcome=district_return.REGISTERED,
            kpj="12345678901",
            coverage_start=dt.date(2026, 12, 1),
            coverage_end=dt.date(2027, 11, 30),
            **base,  # type: ignore[arg-type]
        ),
        district_return.Result(outcome=district_return.REJECTED, reason="NIK tidak ditemukan di Dukcapil", **base),  # type: ignore[arg-type]
    ]
    registered, rejected = (history_notes.shown(n, "en") for n in returns._notes(3, results))
    assert registered == "Result from the district (return file 3): KPJ 12345678901, covered 2026-12-01 to 2027-11-30"
    # The district's reason is its own words, shown as it wrote them.
    assert rejected == "Result from the district (return file 3): NIK tidak ditemukan di Dukcapil"


def test_a_persons_words_stay_as_typed() -> None:
    for typed in ("sudah pindah domisili", "Hasil musyawarah dusun", ""):
        assert history_notes.shown(typed, "en") == typed

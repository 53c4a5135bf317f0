"""The nomination form prints the worker's consent (UU 27/2022), or the place to give it."""

from __future__ import annotations

import dataclasses
import io

from jamsos_desktop.reports.base import Entry, tanggal
from jamsos_desktop.reports.forms import build_forms
from jamsos_desktop.services import nominations, printing, workers
from jamsos_desktop.services.context import Actor, Workspace

from .factory import entries, pdf_pages, setup


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_form_read_back_shows_the_consent_date(demo_workspace: Workspace, operator: Actor, head: Actor) -> None:
    ws = demo_workspace
    (wid,) = nominations.nominate_ranked(ws, operator, limit=1).worker_ids
    nominations.approve(ws, head)
    day = workers.get_worker(ws, wid).worker.consent_date
    assert day is not None
    data, _ = printing.build_bytes(ws, printing.FORM, refs=[wid])
    (page,) = pdf_pages(data)
    assert f"Persetujuan pemrosesan data pribadi: diberikan pada {tanggal(day)}" in _flat(page)


def test_a_worker_without_consent_gets_a_place_to_give_it() -> None:
    first, second = entries(2)
    out = io.BytesIO()
    without = Entry(dataclasses.replace(second.worker, consent_date=None), second.nomination)
    build_forms(out, setup(), [first, without])
    one, two = (_flat(p) for p in pdf_pages(out.getvalue()))
    assert "diberikan pada 15 Oktober 2026" in one
    assert "belum tercatat; dengan tanda tangan di bawah diberikan pada tanggal" in two

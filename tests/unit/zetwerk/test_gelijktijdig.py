"""The rapport stage renders its documents side by side (``stages.rapport.zet_documenten``): the
results must be those of rendering them one after another, byte for byte, and a failure must be the
one the sequential order would have raised."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.stages.rapport import _typst_en_pdf, zet_documenten
from evaluatie.zetwerk import render

META = {"gemeente": "Rijswijk", "titel": "Evaluatie", "ondertitel": "Sub", "periode": "2021-2022",
        "editie": "2021-2022", "datum": "1 december 2026", "demo": True}
MD = ("# Inleiding\n\nHij kwam 's avonds; 11,7 % en € 99.000.\n\n![Figuur](figuren/a.svg)\n\n"
      "# Thema\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")


@pytest.fixture
def rapportmap(tmp_path: Path) -> Path:
    (tmp_path / "figuren").mkdir()
    (tmp_path / "figuren" / "a.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10'/></svg>",
        encoding="utf-8")
    return tmp_path


def test_side_by_side_gives_the_same_bytes_as_one_after_another(rapportmap):
    meta_v = {**META, "titel": "Verantwoording — Evaluatie"}
    taken = [
        lambda: _typst_en_pdf(render, MD, META, rapportmap, 0, "evaluatie.typ"),
        lambda: render.naar_html(MD, META, rapportmap),
        lambda: render.naar_docx(MD, META, rapportmap, 0),
        lambda: _typst_en_pdf(render, MD, meta_v, rapportmap, 0, "verantwoording.typ"),
        lambda: render.naar_html(MD, meta_v, rapportmap, "verantwoording.md"),
    ]
    na_elkaar = [taak() for taak in taken]
    naast_elkaar = zet_documenten(taken)
    assert naast_elkaar == na_elkaar
    assert naast_elkaar[0][1].startswith(b"%PDF") and "<html" in naast_elkaar[1]
    assert not list(rapportmap.glob(".evaluatie.typ.*"))  # compile's temp files are gone


def test_results_in_the_given_order():
    def traag(w, s):
        def taak():
            time.sleep(s)
            return w
        return taak

    assert zet_documenten([traag("a", 0.2), traag("b", 0.0), traag("c", 0.1)]) == ["a", "b", "c"]


def test_first_failure_in_order_is_raised_and_every_task_ran(rapportmap):
    klaar = []
    sein = threading.Event()

    def eerste():  # fails last in time, first in order
        sein.wait(5)
        render.compileer_pdf('#import "@preview/cetz:0.2.0"\n', rapportmap, 0)

    def tweede():
        try:
            raise RuntimeError("pandoc faalde: tweede")
        finally:
            sein.set()

    def derde():
        klaar.append("derde")
        return 3

    with pytest.raises(InvoerFout, match="pakket"):
        zet_documenten([eerste, tweede, derde])
    assert klaar == ["derde"]


def test_unsafe_document_still_refused_side_by_side(rapportmap):
    (rapportmap.parent / "buiten.svg").write_text("<svg/>", encoding="utf-8")
    kwaad = "Tekst\n\n![x](../buiten.svg)\n"
    with pytest.raises(render.OnveiligeVerwijzing):
        zet_documenten([lambda: _typst_en_pdf(render, MD, META, rapportmap, 0, "evaluatie.typ"),
                        lambda: render.naar_html(kwaad, META, rapportmap)])


def test_warnings_come_in_the_order_of_the_tasks_as_one_after_another(capsys):
    """Warnings about characters no PDF font has are printed per task in the given order, the failing
    task's own warnings before its error, and nothing of the tasks after it (as if run one by one)."""
    from evaluatie.zetwerk.typografie import waarschuw_ontbrekende_tekens

    def taak(naam, wacht, faal=False):
        def doe():
            time.sleep(wacht)
            waarschuw_ontbrekende_tekens("中", naam)
            if faal:
                raise InvoerFout(naam, "kapot")
            return naam
        return doe

    assert zet_documenten([taak("a.md", 0.2), taak("b.md", 0.0), taak("c.md", 0.1)]) == ["a.md", "b.md", "c.md"]
    regels = capsys.readouterr().err.splitlines()
    assert [r.split(" ")[1] for r in regels] == ["a.md", "b.md", "c.md"]

    with pytest.raises(InvoerFout, match="kapot"):
        zet_documenten([taak("a.md", 0.1), taak("b.md", 0.2, faal=True), taak("c.md", 0.0)])
    regels = capsys.readouterr().err.splitlines()
    assert [r.split(" ")[1] for r in regels] == ["a.md", "b.md"]


def test_warnings_outside_the_tasks_are_still_printed_at_once(capsys):
    from evaluatie.zetwerk.typografie import waarschuw_ontbrekende_tekens

    assert len(waarschuw_ontbrekende_tekens("x 中", "t.md")) == 1
    assert "t.md (regel 1)" in capsys.readouterr().err

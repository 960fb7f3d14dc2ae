"""Issue 17 on the built demo edition: every figure checked as drawn (ticks, captions, clipping),
and the PDF's text free of signed zeros, opening quotes for elisions and units split from their
numbers."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from conftest import ROOT, pdf_tekst

EDITIE = "2021-2022"


def _controleer_figuur():
    spec = importlib.util.spec_from_file_location(
        "figuurcontrole", ROOT / "tests" / "unit" / "hoofdstukken" / "test_figuren.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.controleer_figuur


def _bijschriften(markdown: str) -> dict[str, str]:
    """figure path -> caption, as the report prints them."""
    return {m.group(2): m.group(1) for m in re.finditer(r"!\[([^\]]*)\]\((figuren/[^)]+\.svg)\)", markdown)}


def test_every_demo_figure_is_truthful_and_fits(gebouwd):
    from evaluatie.gedeeld.instellingen import laad_instellingen
    from evaluatie.hoofdstukken import figuren as f
    from evaluatie.hoofdstukken import thema as h

    controleer = _controleer_figuur()
    inst = laad_instellingen(gebouwd)
    bijschriften = _bijschriften((gebouwd / "reports" / EDITIE / "evaluatie.md").read_text(encoding="utf-8"))
    gecontroleerd = 0
    for thema in inst.themas:
        t = h.laad(gebouwd / "data" / "processed" / "thema" / thema)
        met_data = [(ind, t.reeksen[t.reeksen["indicator_id"] == ind["indicator_id"]])
                    for ind in t.indicatoren.to_dict("records")]
        met_data = [(i, r) for i, r in met_data if r["waarde"].notna().any()]
        if not met_data:
            continue
        if len(met_data) > h.KLEINE_VEELVOUDEN_VANAF:
            fig, _ = f.kleine_veelvouden([i for i, _ in met_data], pd.concat([r for _, r in met_data]),
                                         inst.gemeente_code, inst.gemeente_naam)
            figuren = [(fig, f"figuren/{thema}/{thema}_overzicht.svg")]
        else:
            figuren = [(f.indicatorfiguur_getekend(i, r, inst.gemeente_code, inst.gemeente_naam)[0],
                        f"figuren/{thema}/{i['indicator_id']}.svg") for i, r in met_data]
        for fig, pad in figuren:
            assert pad in bijschriften, f"{pad} staat niet in het rapport"
            assert (gebouwd / "reports" / EDITIE / pad).exists()
            controleer(fig, bijschriften[pad], inst.gemeente_naam)
            plt.close(fig)
            gecontroleerd += 1
    assert gecontroleerd >= 5


@pytest.fixture(scope="module")
def pdf_regels(gebouwd) -> list[str]:
    return pdf_tekst(gebouwd / "reports" / EDITIE / "evaluatie.pdf").splitlines()


def test_pdf_has_no_signed_zero(pdf_regels):
    tekst = "\n".join(pdf_regels)
    fout = re.findall(r"(?<![\w,.\-−])[-−]0(?:,0+)?(?![\d,.])", tekst)
    assert not fout, f"getekende nul in de PDF: {fout[:5]}"


def test_pdf_elisions_are_apostrophes_not_opening_quotes(pdf_regels):
    tekst = "\n".join(pdf_regels)
    # an opening quote is right where a quoted phrase follows (the seed's ‘2 tegen 1-zaamheid’); it is
    # wrong as an elision ('s avonds, '95), which has no closing quote after it
    elisie = r"‘(?:s|t|n|\d)(?![^‘’\n]{0,40}’)"
    assert not re.findall(elisie, tekst), re.findall(r".{20}" + elisie + r".{10}", tekst)[:5]


def test_pdf_never_splits_a_unit_from_its_number(pdf_regels):
    fouten = []
    for regel, volgende in zip(pdf_regels, pdf_regels[1:]):
        r, v = regel.rstrip(), volgende.lstrip()
        if re.search(r"\d$", r) and re.match(r"(%|‰|procent\b)", v):
            fouten.append((r[-25:], v[:15]))
        if r.endswith("€") and re.match(r"[-−]?\d", v):
            fouten.append((r[-25:], v[:15]))
        if r.endswith("t/") and v.startswith("m"):
            fouten.append((r[-25:], v[:15]))
    assert not fouten, fouten[:5]


def test_pdf_metadata_author_is_the_gemeente(gebouwd):
    from pypdf import PdfReader

    from evaluatie.gedeeld.instellingen import laad_instellingen

    meta = PdfReader(gebouwd / "reports" / EDITIE / "evaluatie.pdf").metadata
    assert meta.author == laad_instellingen(gebouwd).gemeente_naam


def test_a_gemeente_name_with_elision_and_markup_characters(gebouwd, tmp_path):
    """params gemeente_naam "'s-Hertogenbosch *_@[": the PDF's author metadata is exactly that
    name, the text shows ’s (never ‘s), and no markup character is lost or escaped visibly."""
    import shutil

    from pypdf import PdfReader

    from conftest import dvc_repro

    naam = "'s-Hertogenbosch *_@[x]"
    kopie = tmp_path / "evaluatie"
    shutil.copytree(gebouwd, kopie, symlinks=True, ignore=shutil.ignore_patterns(".venv", "__pycache__"))
    # the copy's .git may point into this checkout's git dir (a worktree): DVC must not stage there
    (kopie / ".dvc" / "config.local").write_text("[core]\n    autostage = false\n", encoding="utf-8")
    params = kopie / "params.yaml"
    params.write_text(re.sub(r"(?m)^gemeente_naam:.*$", f"gemeente_naam: \"{naam}\"",
                             params.read_text(encoding="utf-8")), encoding="utf-8")
    dvc_repro(kopie)
    pdf = kopie / "reports" / EDITIE / "evaluatie.pdf"
    assert PdfReader(pdf).metadata.author == naam
    tekst = pdf_tekst(pdf)
    assert "\u2019s-Hertogenbosch *_@[x]" in tekst
    assert "\u2018s" not in tekst and "\\'" not in tekst and "\\_" not in tekst
    html = (kopie / "reports" / EDITIE / "evaluatie.html").read_text(encoding="utf-8")
    assert "\u2019s-Hertogenbosch *_@[x]" in html and "\u2018s-Hertogenbosch" not in html

"""End to end (issue 14): the verdicts a council reads in the built PDF.

The default Rijswijk edition (session fixture ``gebouwd``) and two copies in which the demo 2022
value of "ernstig eenzamen" for Rijswijk (GM0603, 18 jaar of ouder) in 50120NED/UntypedDataSet.json is changed:
11,0 [9,8–12,3] (target of 4 % in 2022 not met) and 3,6 [3,0–4,2] (met, within the margin).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import dvc_repro, kopieer_project, pdf_tekst

pytestmark = pytest.mark.e2e

EDITIE = "2021-2022"
VELD = "ErnstigZeerErnstigEenzaam_28"


def _plat(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " "))


def _zet_2022(project: Path, waarde: str, onder: str, boven: str) -> None:
    pad = project / "data" / "raw" / "monitor" / "50120NED" / "UntypedDataSet.json"  # cbsodata layout
    bundel = json.loads(pad.read_text(encoding="utf-8"))
    nieuw = {"MW00000": waarde, "MOG0095": onder, "MBG0095": boven}
    geraakt = 0
    for rij in bundel:
        if (rij["WijkenEnBuurten"].strip(), rij["Perioden"], rij["Leeftijd"]) == ("GM0603", "2022JJ00", "20300"):
            rij[VELD] = f"{nieuw[rij['Marges']]:>6}"
            geraakt += 1
    assert geraakt == 3
    pad.write_text(json.dumps(bundel, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _zonder_basisgolf_65plus(project: Path) -> None:
    """Mark the 2016 wave of 'eenzaam 65+' for Rijswijk as missing ('.'): the policy value 52 %
    then stands without its measured base-year wave."""
    pad = project / "data" / "raw" / "monitor" / "50120NED" / "UntypedDataSet.json"
    bundel = json.loads(pad.read_text(encoding="utf-8"))
    for rij in bundel:
        if (rij["WijkenEnBuurten"].strip(), rij["Perioden"], rij["Leeftijd"]) == ("GM0603", "2016JJ00", "80200"):
            rij["Eenzaam_27"] = "     ."
    pad.write_text(json.dumps(bundel, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _bouw(tmp_path_factory, naam: str, waarde: str, onder: str, boven: str) -> tuple[Path, str]:
    kopie = kopieer_project(tmp_path_factory.mktemp(naam) / "evaluatie")
    _zet_2022(kopie, waarde, onder, boven)
    if naam == "gemist":
        _zonder_basisgolf_65plus(kopie)
    dvc_repro(kopie)
    return kopie, _plat(pdf_tekst(kopie / "reports" / EDITIE / "evaluatie.pdf"))


@pytest.fixture(scope="module")
def gemist(tmp_path_factory):
    return _bouw(tmp_path_factory, "gemist", "11.0", "9.8", "12.3")


@pytest.fixture(scope="module")
def gehaald(tmp_path_factory):
    return _bouw(tmp_path_factory, "gehaald", "3.6", "3.0", "4.2")


def test_doel_niet_gehaald_in_dashboard_en_hoofdstuk(gemist):
    project, tekst = gemist
    v = pd.read_parquet(project / "data" / "processed" / "voortgang.parquet").set_index("indicator_id")
    assert v.loc["eenzaam_ernstig", "status"] == "doel niet gehaald"
    dashboard = tekst[tekst.index("Tabel 1: Dashboard"):]
    # the dashboard row: basis, doel, laatste meting, eenheid, Nederland, status
    assert re.search(r"Ernstig eenzamen .{0,60}?11,0 % \(2022\).{0,120}?✘ doel niet gehaald", dashboard)
    assert ("Het doel van 4 % in 2022 is niet gehaald: de meting ligt 7,0 procentpunt boven het doel."
            in tekst)
    assert "foutmarge 9,8–12,3 %" in tekst
    # the chapter's conclusion names the missed 2022 targets
    # 4 targets for 2022; the 12-18 survey has no 2022 wave (2019, 2021, 2023), so 3 are judged on a 2022 measurement
    assert "Geen van de 3 doelen met een doeljaar dat voorbij is (2022) is gehaald." in tekst
    # 65+: the policy value 52 % without its measured 2016 wave: the change is not testable
    assert v.loc["eenzaam_65plus", "verandering_oordeel"] == "niet_te_toetsen"
    assert ("Of dit een echte verandering is, is niet te toetsen: de basiswaarde komt uit de beleidstekst "
            "(afgerond, zonder foutmarge) en de meting van 2016 zelf staat niet in de reeks.") in tekst


def test_doel_gehaald_binnen_de_foutmarge(gehaald):
    project, tekst = gehaald
    v = pd.read_parquet(project / "data" / "processed" / "voortgang.parquet").set_index("indicator_id")
    assert v.loc["eenzaam_ernstig", "status"] == "doel gehaald, binnen de foutmarge"
    dashboard = tekst[tekst.index("Tabel 1: Dashboard"):]
    assert re.search(r"Ernstig eenzamen .{0,60}?3,6 % \(2022\).{0,120}?\(✔\) doel gehaald, binnen de foutmarge",
                     dashboard)
    assert ("Het doel van 4 % in 2022 is gehaald, binnen de foutmarge: het interval van de meting bevat het "
            "doel nog.") in tekst


def test_standaardeditie_oordelen_in_pdf(gebouwd: Path):
    tekst = _plat(pdf_tekst(gebouwd / "reports" / EDITIE / "evaluatie.pdf"))
    # a model-estimate change that is not claimed: volunteering 27 % -> 29 %, intervals overlap
    assert "Een verandering sinds 2016 is niet aantoonbaar: de intervallen overlappen." in tekst
    assert "modelschatting (RIVM, schatting voor kleine gebieden)" in tekst
    # a registration whose base-year registration is in the series: "2 %" in the policy text, 2,0 registered in
    # 2019, 1,9 in 2022 (-5 %, beyond the 1 % band): tested against the registration, not the rounded "2 %"
    # (session 10; it read "zo afgerond is 1,9 % ook 2 %" before). 2022: the edition 2021-2022 reads no later year
    assert re.search(r"jongeren met een delict voor de rechter daalde van 2 % \(2019, beleidstekst\) naar 1,9 % "
                     r"\(2022\)\.", tekst)
    assert "De daling sinds 2019 is aantoonbaar." in tekst
    assert "kleiner dan 1 % van de beginwaarde" in tekst  # a registration inside the materiality band (banen)
    # a change that cannot be tested (no margin in the source)
    assert "Of dit een echte verandering is, is niet te toetsen" in tekst
    # the comparison with Nederland, in the table and the sentence
    assert "In 2022 was het verschil met Nederland (12 %) binnen de foutmarge." in tekst
    # the technical account carries the multiple-testing sentence
    verantwoording = _plat(pdf_tekst(gebouwd / "reports" / EDITIE / "verantwoording.pdf"))
    assert "Benjamini" in verantwoording and "vals alarm" in verantwoording
    # no Eurostat class in any sentence for the council
    assert "vooruitgang naar het doel" not in tekst


def test_geen_percentage_buiten_0_100(gebouwd: Path, gemist, gehaald):
    for project in (gebouwd, gemist[0], gehaald[0]):
        v = pd.read_parquet(project / "data" / "processed" / "voortgang.parquet")
        pct = v[v["is_percentage"].fillna(False).astype(bool)]
        for kolom in ("laatste_onder", "laatste_boven", "projectie_onder", "projectie_boven", "nl_onder",
                      "nl_boven", "basis_meting_onder", "basis_meting_boven"):
            w = pct[kolom].dropna()
            assert ((w >= 0) & (w <= 100)).all(), kolom

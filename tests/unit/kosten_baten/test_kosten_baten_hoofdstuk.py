"""The cost-benefit chapter on the real Rijswijk tables: what a council member reads.

Expected figures come from the factsheet of the 3e Voortgangsevaluatie (section 4): 8 projects
geborgd of 23; Crew in de Bogaard (4.1) €\u00a010.000 innovation budget and (37)+(37)+(37) from another
budget; 2017 €\u00a0459.000 against €\u00a0450.000 available.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ROOT

from evaluatie.hoofdstukken import kosten_baten as hk

KADER = ROOT / "data" / "raw" / "kader" / "rijswijk"
BATEN = ROOT / "data" / "raw" / "programma" / "baten.yaml"


@pytest.fixture(scope="module")
def k(tmp_path_factory):
    kader = pytest.importorskip("evaluatie.ingest.kader")
    t = kader.kader_tabellen(kader.laad_kaders(KADER))
    from evaluatie import kosten_baten as kb

    return hk.KostenBaten("Rijswijk", t["projecten"], t["subsidies"], t["kaders"],
                          kb.laad_baten(BATEN, t["projecten"]), kb.laad_pm_posten(BATEN, t["projecten"]),
                          0.0225, 450_000, "In 2016 en 2017 is het budget besteed.")


def test_kop_noemt_programma_en_periode_en_onbekende_agendakosten(k):
    tekst = hk.kop(k)
    assert "Innovatieprogramma Sociaal Domein 2016-2020" in tekst
    assert "2016–2018" in tekst and "2018 zijn een raming" in tekst
    assert "niet over de kosten van de uitvoeringsagenda zelf" in tekst
    assert "kosten_baten/" not in tekst


def test_ander_budget_is_geen_nul(k):
    tekst = hk.bereik(k)
    rij = next(r for r in tekst.splitlines() if r.startswith("| 4.1 Crew in de Bogaard"))
    cellen = [c.strip() for c in rij.strip("|").split("|")]
    assert cellen[1:4] == ["€\u00a010.000", "€\u00a0111.000", "nee"]
    assert cellen[5] == "€\u00a02.420"  # (10.000 + 111.000) / 50 bereikt
    gehandicapten = next(r for r in tekst.splitlines() if r.startswith("| 3.5 Gehandicaptensport"))
    assert "€\u00a080.000" in gehandicapten and not gehandicapten.rstrip(" |").endswith("€\u00a00")


def test_borging_en_overschrijding_verklaard(k, tmp_path):
    tekst = hk.subsidies(k, tmp_path)
    assert "Van de 23 projecten zijn er 8 geborgd" in tekst
    assert "7 daarvan kregen eerder wel geld uit het innovatiebudget" in tekst
    assert "Het andere geborgde project werd alleen uit een ander budget betaald" in tekst
    assert "in 2017 €\u00a09.000 (102\u00a0% van het jaarbudget)" in tekst
    assert "In 2016 en 2017 is het budget besteed." in tekst


def test_baat_van_een_onderdeel_niet_tegen_hele_subsidie(k, tmp_path):
    tekst = hk.baten(k, tmp_path)
    regels = [r for r in tekst.splitlines() if r.startswith(("| 1.1 | laag", "| 1.1 | midden", "| 1.1 | hoog"))]
    assert len(regels) == 3
    assert regels and all("niet te bepalen" in r and "onbekend" in r for r in regels)
    assert "€ -" not in "".join(regels)
    assert "Bij project 1.1" in tekst and "niet te vergelijken" in tekst
    assert not (tmp_path / "kosten_baten" / "tornado_1_1.svg").exists()
    # the flatcoach benefit concerns the whole project: its balance is shown
    assert any(r.startswith("| 2.3 |") and "€\u00a02.613" in r for r in tekst.splitlines())


def test_pm_posten_met_naam_en_baathebber(k, tmp_path):
    tekst = hk.baten(k, tmp_path)
    pm = [r for r in tekst.splitlines() if r.rstrip().endswith("| pm |")]
    assert len(pm) == len(k.pm_posten)
    assert any("Wmo-budget" in r and "| gemeente |" in r for r in pm)
    assert "| pm | €\u00a00" not in tekst and "| pm | – |" not in tekst  # no pm row priced at zero in the sums
    assert ".txt" not in tekst


def test_kleine_bereik_wordt_niet_gepubliceerd_ook_niet_via_totaal_of_per_inwoner(tmp_path):
    """A project that reached 3 residents: its reach, its cost per resident and any reach that would
    reveal it from the printed total are not published; the chapter loads the masked table."""
    import shutil

    from evaluatie.gedeeld.bestanden import schrijf_parquet

    kader = pytest.importorskip("evaluatie.ingest.kader")
    t = kader.kader_tabellen(kader.laad_kaders(KADER))
    projecten = t["projecten"].copy()
    klein = projecten.index[projecten["project_id"] == "2.3"][0]  # Flatcoach: 600 in the factsheet
    projecten.loc[klein, "bereik"] = 3
    for naam, tabel in (("projecten", projecten), ("subsidies", t["subsidies"]), ("kaders", t["kaders"])):
        schrijf_parquet(tabel, tmp_path / f"{naam}.parquet")
    shutil.copy(BATEN, tmp_path / "baten.yaml")
    kb_ = hk.laad(tmp_path, tmp_path / "baten.yaml", 0.0225, 450_000, "Rijswijk", min_aantal=10)
    rij = kb_.projecten.set_index("project_id").loc["2.3"]
    assert pd.isna(rij["bereik"]) and bool(rij["bereik_onderdrukt"])
    # secondary suppression: at least one other reach is hidden too, so total minus the rest reveals nothing
    assert int(kb_.projecten["bereik_onderdrukt"].sum()) >= 2
    tekst = hk.bereik(kb_)
    regel = next(r for r in tekst.splitlines() if r.startswith("| 2.3 "))
    cellen = [c.strip() for c in regel.strip("|").split("|")]
    assert cellen[4] == "–" and cellen[5] == "–", regel  # reach and cost per resident
    assert "| 3 |" not in tekst

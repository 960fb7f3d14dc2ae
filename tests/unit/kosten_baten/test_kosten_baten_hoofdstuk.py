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


# --------------------------------------------------------------------------- tester's report on §8.3
# Hand computation (2,25 %, base year 2016; 1,0225 ** 2 = 1,04550625): Flatcoach subsidy 35.000 (2016) +
# 30.000 (2017) + 30.000 (2018) -> 35.000 + 29.339,85 + 28.694,23 = 93.034,09; one resident-year in 2018
# 100.000 / 1,04550625 = 95.647,44; omslagpunt 93.034,09 / 95.647,44 = 0,9727 (nominal 95.000 / 100.000 = 0,95
# is not the report's basis). Buddy 26 x 5.000 = 130.000 in 2018 -> 124.341,68.

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def hoofdstuk(k, tmp_path_factory):
    map_ = tmp_path_factory.mktemp("rapport")
    tekst = hk.kop(k) + hk.subsidies(k, map_) + hk.baten(k, map_)
    return tekst.replace(NBSP, " "), map_ / "kosten_baten"


def test_looptijd_van_een_jaar_staat_erbij_met_wat_dat_betekent(hoofdstuk):
    tekst, _ = hoofdstuk
    assert ("- Aantal in 2018: laag 0, midden 1, hoog 3 (rekenvoorbeeld, geen meting: de bron noemt geen aantal)."
            in tekst)
    assert ("- Looptijd: één jaar, 2018 (rekenvoorbeeld: de bron noemt geen jaar). Alleen het effect in 2018 telt "
            "mee; heeft het project ook in andere jaren effect gehad, dan is de baat groter dan hier berekend. De "
            "middenwaarde is dus 1 × € 100.000 = € 100.000 in 2018, omgerekend naar 2016 (contante waarde) "
            "€ 95.647.") in tekst
    assert "De middenwaarde is dus 26 × € 5.000 = € 130.000 in 2018, omgerekend naar 2016 (contante waarde) € 124.342." \
        in tekst
    assert "Aantal per jaar" not in tekst  # one year: 'per jaar' would suggest more years


def test_looptijd_van_drie_jaar():
    from types import SimpleNamespace

    a = SimpleNamespace(looptijd_jaren=3, startjaar=2018, tijd_illustratief=False, volume_centraal=2.0,
                        waarde_centraal_eur=1000.0)
    # 2 x 1000 a year in 2018, 2019, 2020 at base 2016: 2000 x (0,956474 + 0,935427 + 0,914843) = 5613,49
    assert hk.looptijd_zin(a, 5613.49, 2016).replace(NBSP, " ") == (
        "- Looptijd: 3 jaar, 2018–2020. Het aantal hierboven telt in elk van die jaren mee, in andere jaren niet. "
        "De middenwaarde is dus elk jaar 2 × € 1.000 = € 2.000, 3 jaar lang; omgerekend naar 2016 (contante "
        "waarde) samen € 5.613.\n")


def test_omslagpunt_op_contante_waarde_gelijk_aan_csv(hoofdstuk):
    tekst, map_ = hoofdstuk
    assert ("Project 2.3 Flatcoach: subsidie € 93.034 / baat van één eenheid € 95.647 = 0,97 bewonerjaar "
            "uitgestelde verpleeghuisopname in 2018.") in tekst
    assert ("| 2.3 Flatcoach | bewonerjaar uitgestelde verpleeghuisopname | € 93.034 | € 95.647 | 0,97 in 2018 |"
            in tekst)
    assert "0,95" not in tekst and "€ 95.000 |" not in tekst
    be = pd.read_csv(map_ / "break_even.csv", dtype={"project_id": str}).set_index("aanname_id")
    f = be.loc["flatcoach_uitstel_verpleeghuis"]
    assert f["break_even_midden"] == pytest.approx(0.9726771875, rel=1e-9)
    assert f["cw_subsidie_eur"] == pytest.approx(93_034.0864, abs=1e-3)
    assert f["cw_een_eenheid_midden_eur"] == pytest.approx(95_647.4435, abs=1e-3)
    assert "subsidie_eur" not in be.columns and "break_even_cw_centraal" not in be.columns


def test_csv_bevat_geen_getallen_die_het_rapport_weigert(hoofdstuk):
    """Project 1.1: the report shows the benefits but no cost, saldo or omslagpunt; so do the CSVs."""
    tekst, map_ = hoofdstuk
    reden = ("Baat en kosten zijn niet te vergelijken: de baat komt alleen uit de buddytrajecten van het "
             "Buddynetwerk, één van de vier activiteiten van Samen4Elkaar (naast Resto VanHarte, de Kerstafette en "
             "Kom er Bij); de factsheet geeft alleen de subsidie van het hele project. Wat dat deel kostte, staat "
             "niet in de bron.")
    regels = (map_ / "scenarios.csv").read_text(encoding="utf-8").splitlines()
    assert regels[0] == ("project_id,scenario,cw_baten_eur,cw_subsidie_eur,netto_cw_eur,baten_kosten_verhouding,"
                         "baathebbers,aannames,volume_illustratief,discontovoet,basisjaar,vergelijkbaar,toelichting")
    # 26 x 1.000 = 26.000 in 2018 -> 24.868,34; cost, saldo and ratio empty
    assert regels[1] == ("1.1,laag,24868.335316,,,,zorgverzekeraar,buddytrajecten_zorgkosten,nee,0.0225,2016,nee,"
                         f'"{reden}"')
    s = pd.read_csv(map_ / "scenarios.csv", dtype={"project_id": str}, keep_default_na=True)
    een = s[s["project_id"] == "1.1"]
    assert len(een) == 3 and een[["cw_subsidie_eur", "netto_cw_eur", "baten_kosten_verhouding"]].isna().all().all()
    assert "−229.777" not in tekst and "-229776" not in (map_ / "scenarios.csv").read_text(encoding="utf-8")
    be = pd.read_csv(map_ / "break_even.csv", dtype={"project_id": str}).set_index("aanname_id")
    assert pd.isna(be.loc["buddytrajecten_zorgkosten", "break_even_midden"])  # not 52 or 53,2
    assert be.loc["buddytrajecten_zorgkosten", "toelichting"] == reden
    assert be.loc["buddytrajecten_zorgkosten", "vergelijkbaar"] == "nee"


def test_csv_in_de_woorden_van_het_rapport_en_leesmij(hoofdstuk):
    tekst, map_ = hoofdstuk
    for pad in sorted(map_.glob("*.csv")):
        inhoud = pad.read_text(encoding="utf-8")
        assert "centraal" not in inhoud, pad.name
        assert not ({"True", "False"} & set(inhoud.replace("\n", ",").split(","))), pad.name
    s = pd.read_csv(map_ / "scenarios.csv", dtype={"project_id": str})
    assert s["scenario"].tolist() == ["laag", "midden", "hoog"] * 2
    assert s["volume_illustratief"].tolist() == ["nee"] * 3 + ["ja"] * 3
    jaren = pd.read_csv(map_ / "subsidies_per_jaar.csv", true_values=["ja"], false_values=["nee"])
    assert jaren.loc[jaren["jaar"] == 2018, "raming"].all() and not jaren.loc[jaren["jaar"] < 2018, "raming"].any()
    leesmij = (map_ / "LEESMIJ.txt").read_text(encoding="utf-8")
    for stuk in ("Scheidingsteken tussen kolommen: komma (,). Decimaalteken: punt (.)", "Van tekst/CSV",
                 "65001: Unicode (UTF-8)", "Ja-neekolommen", "laag, midden en hoog"):
        assert stuk in leesmij, stuk
    assert "het bestand LEESMIJ.txt ernaast legt uit wat de kolommen betekenen en hoe u de bestanden in een " \
           "Nederlandse Excel opent." in tekst


def test_publicatievorm_handmatig():
    df = pd.DataFrame({"scenario": ["laag", "centraal"], "cw_baten_centraal_eur": [1.5, float("nan")],
                       "vergelijkbaar": [True, False], "toelichting": ["", "centraal punt"]})
    uit = hk.publicatievorm(df)
    assert list(uit.columns) == ["scenario", "cw_baten_midden_eur", "vergelijkbaar", "toelichting"]
    assert uit["scenario"].tolist() == ["laag", "midden"]
    assert uit["vergelijkbaar"].tolist() == ["ja", "nee"]
    assert uit["cw_baten_midden_eur"].iloc[0] == 1.5 and pd.isna(uit["cw_baten_midden_eur"].iloc[1])
    assert uit["toelichting"].tolist() == ["", "centraal punt"]  # only a whole cell 'centraal' is a scenario
    assert list(df.columns)[1] == "cw_baten_centraal_eur" and df["vergelijkbaar"].dtype == bool  # not changed


def test_afkortingen_uitgeschreven_en_figuur_zonder_jargon(hoofdstuk):
    tekst, map_ = hoofdstuk
    assert "Baat voor: Wet langdurige zorg (Wlz)." in tekst
    assert "| 2.3 | Wet langdurige zorg (Wlz) | baat | – | € 95.647 |" in tekst
    assert "| Wlz |" not in tekst
    assert "Wmo staat voor Wet maatschappelijke ondersteuning." in tekst
    assert ("rekenrente (discontovoet) van 2,25 % per jaar, de standaard voor maatschappelijke "
            "kosten-batenanalyses sinds 2021") in tekst
    assert ("Bij een aantal van 0 tot 3 ligt het saldo tussen € −93.034 en € 193.908. Bij een rekenrente van −1 % "
            "tot 3 % ligt het saldo tussen € 1.856 en € 6.118. De waarde per eenheid staat niet in de figuur: laag, "
            "midden en hoog zijn gelijk (€ 100.000), dus die aanname verandert het saldo niet.") in tekst
    svg = (map_ / "tornado_2_3.svg").read_text(encoding="utf-8").replace(NBSP, " ")
    assert "Zonder spreiding" not in svg and "laag = hoog" not in svg and "discontovoet" not in svg
    assert ">aantal: 0 tot 3 (rekenvoorbeeld)<" in svg and ">rekenrente: −1 % tot 3 %<" in svg


def test_afkortingen_zin():
    assert hk.afkortingen_zin(["Besparing op het Wmo-budget."]) == "Wmo staat voor Wet maatschappelijke ondersteuning."
    assert hk.afkortingen_zin(["de Wet maatschappelijke ondersteuning (Wmo)"]) == ""  # already written out
    assert hk.afkortingen_zin(["WMO-budget", "Wlzx"]) == ""
    assert hk.partij_tekst("Wlz") == "Wet langdurige zorg (Wlz)" and hk.partij_tekst("gemeente") == "gemeente"

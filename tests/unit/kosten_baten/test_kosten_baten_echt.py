"""Tallies and scenarios on the real Rijswijk tables (factsheet of the 3e Voortgangsevaluatie).

Expected numbers are read off the factsheet (section 4 of the evaluation, seed file
001_ccd4d6834e86ab33.txt) by hand: amounts x 1000 euro, TOTAAL row 446 / 459 / 350 (without
brackets), bracketed amounts = another budget.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

KADER = ROOT / "data" / "raw" / "kader" / "rijswijk"
BATEN = ROOT / "data" / "raw" / "programma" / "baten.yaml"

pytestmark = pytest.mark.skipif(
    not (KADER / "innovatieprogramma.yaml").exists(), reason="innovatieprogramma.yaml nog niet aanwezig"
)


@pytest.fixture(scope="module")
def tabellen():
    kader = pytest.importorskip("evaluatie.ingest.kader")
    t = kader.kader_tabellen(kader.laad_kaders(KADER))
    return t["subsidies"], t["projecten"]


def test_innovatiebudget_per_jaar_klopt_met_totaalrij(tabellen):
    from evaluatie.kosten_baten import totalen_per_jaar

    subsidies, _ = tabellen
    t = totalen_per_jaar(subsidies)
    innov = t[t["budget"] == "innovatiebudget"].set_index("jaar")["bedrag_eur"].to_dict()
    assert innov == {2016: 446_000, 2017: 459_000, 2018: 350_000}
    assert t.loc[t["jaar"] == 2018, "raming"].all()  # "De uitputting van het innovatiebudget 2018 is een raming"
    assert not t.loc[t["jaar"] < 2018, "raming"].any()


def test_bedragen_tussen_haakjes_totaal_en_per_project(tabellen):
    """The bracketed amounts in the factsheet, by hand: (40) (26) for 1.4, (20) 1.6, (22) (22)
    2.1, (135) 3.2, (80) 3.5, (37) (37) (37) 4.1, (25) (25) 4.3, (8) 4.4 -> 514 x 1000 euro."""
    from evaluatie.kosten_baten import totalen_per_jaar

    subsidies, _ = tabellen
    ander = subsidies[subsidies["budget"] == "ander budget"]
    assert ander.groupby("project_id")["bedrag_eur"].sum().to_dict() == {
        "1.4": 66_000,
        "1.6": 20_000,
        "2.1": 44_000,
        "3.2": 135_000,
        "3.5": 80_000,
        "4.1": 111_000,
        "4.3": 50_000,
        "4.4": 8_000,
    }
    t = totalen_per_jaar(subsidies)
    assert t.loc[t["budget"] == "ander budget", "bedrag_eur"].sum() == 514_000


def test_bedragen_tussen_haakjes_per_jaar(tabellen):
    """Per year the bracketed amounts follow the reconstructed column of each amount:
    2016: 1.4 (40) + 2.1 (22) + 4.1 (37) = 99
    2017: 1.4 (26) + 2.1 (22) + 3.2 (135) + 4.1 (37) + 4.3 (25) + 4.4 (8) = 253
    2018: 1.6 (20) + 3.5 (80) + 4.1 (37) + 4.3 (25) = 162
    The year of 1.6, 3.2, 3.5, 4.1 and 4.4 rests on column position in the extracted text and is
    marked 'kolompositie (onzeker)' in the table; the totals per project above do not depend on it."""
    from evaluatie.kosten_baten import totalen_per_jaar

    subsidies, _ = tabellen
    t = totalen_per_jaar(subsidies)
    ander = t[t["budget"] == "ander budget"].set_index("jaar")["bedrag_eur"].to_dict()
    assert ander == {2016: 99_000, 2017: 253_000, 2018: 162_000}
    onzeker = subsidies[(subsidies["budget"] == "ander budget") & subsidies["jaar_bepaling"].str.contains("onzeker")]
    assert set(onzeker["project_id"]) == {"1.6", "3.2", "3.5", "4.1", "4.4"}


def test_benutting_450000(tabellen):
    from evaluatie.kosten_baten import benutting_innovatiebudget

    subsidies, _ = tabellen
    b = benutting_innovatiebudget(subsidies).set_index("jaar")
    # 446000 / 450000 = 99,11 %; 459000 / 450000 = 102 % (overrun 9000); 350000 / 450000 = 77,78 %
    assert b["resterend_eur"].to_dict() == {2016: 4_000, 2017: -9_000, 2018: 100_000}
    assert b.loc[2017, "benut_pct"] == pytest.approx(102.0)
    assert b.loc[2017, "status"] == "overschrijding"
    assert b.loc[2018, "benut_pct"] == pytest.approx(77.7777778)


def test_kosten_per_bereik_handmatig(tabellen):
    from evaluatie.kosten_baten import kosten_per_bereik

    subsidies, projecten = tabellen
    k = kosten_per_bereik(subsidies, projecten).set_index("project_id")["kosten_per_bereik_eur"]
    assert k["1.1"] == pytest.approx(130.0)  # (90 + 95 + 75) x 1000 / 2000
    assert k["2.3"] == pytest.approx(158.3333333)  # (35 + 30 + 30) x 1000 / 600
    assert k["3.4"] == pytest.approx(328.3333333)  # (115 + 82) x 1000 / 600
    assert k["1.5"] == pytest.approx(54.5454545)  # (60 + 60) x 1000 / 2200
    assert k["1.4"] == pytest.approx(125.0)  # only 25 from the innovation budget / 200
    assert k["totaal"] == pytest.approx(1_255_000 / 10_665)  # all projects have bereik > 0
    alle = kosten_per_bereik(subsidies, projecten, budget="alle").set_index("project_id")["kosten_per_bereik_eur"]
    assert alle["1.4"] == pytest.approx(455.0)  # (40 + 26 + 25) x 1000 / 200


def test_themas_op_echte_tabel(tabellen):
    from evaluatie.kosten_baten import totalen_per_landelijk_thema

    subsidies, projecten = tabellen
    t = totalen_per_landelijk_thema(subsidies, projecten)
    ids = t.drop_duplicates("landelijk_thema").set_index("landelijk_thema")["project_ids"].to_dict()
    assert ids["Eenzaamheid"] == "1.1;1.3;1.5;2.3;3.1;3.3"
    assert ids["Langer Thuis"] == "1.1;1.3;1.7;2.2;2.3;3.1;3.3;3.4"
    assert ids["Inclusieve Wijk"] == "1.1;1.3;3.5;4.1"
    e = t[(t["landelijk_thema"] == "Eenzaamheid") & (t["budget"] == "innovatiebudget")].iloc[0]
    # 1.1 260 + 1.3 55 + 1.5 120 + 2.3 95 + 3.1 16 + 3.3 110 = 656 x 1000
    assert e["bedrag_eur"] == 656_000
    assert t["meervoudig_geteld"].any()


def test_baten_yaml_past_op_echte_projecten_en_flatcoach_break_even(tabellen):
    from evaluatie.kosten_baten import break_even, break_even_tabel, laad_baten, laad_pm_posten

    subsidies, projecten = tabellen
    baten = laad_baten(BATEN, projecten=projecten)
    laad_pm_posten(BATEN, projecten=projecten)
    f = subsidies[(subsidies["project_id"] == "2.3") & (subsidies["budget"] == "innovatiebudget")]
    assert f["bedrag_eur"].sum() == 95_000
    # 95000 / 100000 = 0.95 resident-years of delayed nursing-home admission
    assert break_even(95_000, 100_000) == pytest.approx(0.95)
    t = break_even_tabel(baten, subsidies).set_index("aanname_id")
    # the report's basis is the present value: (35000 x 1,0225^2 + 30000 x 1,0225 + 30000) / 100000 = 0,97268
    assert t.loc["flatcoach_uitstel_verpleeghuis", "break_even_centraal"] == pytest.approx(0.9726771875)
    assert t.loc["flatcoach_uitstel_verpleeghuis", "looptijd_jaren"] == 1  # benefit counted in 2018 only
    assert pd.isna(t.loc["buddytrajecten_zorgkosten", "break_even_centraal"])  # one part of project 1.1
    assert t.loc["flatcoach_uitstel_verpleeghuis", "baathebber"] == "Wlz"

"""Tallies on small hand-made tables (tests/fixtures/kosten_baten/*.csv), hand-computed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.kosten_baten import (
    THEMA_OPMERKING,
    benutting_innovatiebudget,
    geborgd_aandeel,
    kosten_per_bereik,
    totalen_per_jaar,
    totalen_per_landelijk_thema,
    totalen_per_programmalijn,
)
from conftest import FIXTURES

FIXTURES = FIXTURES / "kosten_baten"


@pytest.fixture
def projecten() -> pd.DataFrame:
    df = pd.read_csv(FIXTURES / "projecten_klein.csv", dtype={"project_id": str, "landelijke_themas": str})
    df["landelijke_themas"] = df["landelijke_themas"].fillna("")
    df["bereik"] = df["bereik"].astype("Int64")
    return df


@pytest.fixture
def subsidies() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "subsidies_klein.csv", dtype={"project_id": str})


def _rij(df: pd.DataFrame, **filters) -> pd.Series:
    masker = pd.Series(True, index=df.index)
    for k, v in filters.items():
        masker &= df[k] == v
    sel = df[masker]
    assert len(sel) == 1, f"verwacht 1 rij voor {filters}, kreeg {len(sel)}"
    return sel.iloc[0]


# ------------------------------------------------------------------ totalen_per_jaar


def test_totalen_per_jaar_innovatie_en_ander_budget_apart(subsidies):
    t = totalen_per_jaar(subsidies)
    assert list(t.columns) == ["jaar", "budget", "bedrag_eur", "aantal_projecten", "raming"]
    # innovatiebudget 2016: 0 + 90000 (1.1) + 30000 (1.2) + 35000 (2.3) = 155000
    # innovatiebudget 2017: 0 + 95000 + 27000 + 30000 + 10000 (4.9) = 162000
    # innovatiebudget 2018: 75000 + 5000 + 25000 (1.4) + 30000 = 135000
    innov = t[t["budget"] == "innovatiebudget"].set_index("jaar")["bedrag_eur"].to_dict()
    assert innov == {2016: 155_000, 2017: 162_000, 2018: 135_000}
    # ander budget (bedragen tussen haakjes): 2016: 40000 (1.4); 2017: 26000 (1.4); 2018: 80000 (3.5)
    ander = t[t["budget"] == "ander budget"].set_index("jaar")["bedrag_eur"].to_dict()
    assert ander == {2016: 40_000, 2017: 26_000, 2018: 80_000}


def test_totalen_per_jaar_raming_en_aantallen(subsidies):
    t = totalen_per_jaar(subsidies)
    assert t.set_index(["jaar", "budget"])["raming"].to_dict() == {
        (2016, "innovatiebudget"): False,
        (2016, "ander budget"): False,
        (2017, "innovatiebudget"): False,
        (2017, "ander budget"): False,
        (2018, "innovatiebudget"): True,
        (2018, "ander budget"): True,
    }
    # 2016 innovatiebudget: project 0 has 0 euro and does not count -> 1.1, 1.2, 2.3
    assert _rij(t, jaar=2016, budget="innovatiebudget")["aantal_projecten"] == 3
    assert _rij(t, jaar=2018, budget="ander budget")["aantal_projecten"] == 1
    # deterministic order
    assert list(zip(t["jaar"], t["budget"], strict=True))[:2] == [(2016, "innovatiebudget"), (2016, "ander budget")]


# ------------------------------------------------------------------ benutting


def test_benutting_standaard_450000(subsidies):
    b = benutting_innovatiebudget(subsidies)
    r2016 = _rij(b, jaar=2016)
    assert r2016["beschikbaar_eur"] == 450_000
    assert r2016["besteed_eur"] == 155_000
    assert r2016["benut_pct"] == pytest.approx(155_000 / 450_000 * 100)  # 34,44 %
    assert r2016["resterend_eur"] == 295_000
    assert r2016["status"] == "binnen budget"


def test_benutting_overschrijding_wordt_gemeld_niet_geweigerd(subsidies):
    b = benutting_innovatiebudget(subsidies, budget_per_jaar=150_000)
    # 2016: 155000 besteed van 150000 -> 103,33 %, rest -5000
    r = _rij(b, jaar=2016)
    assert r["benut_pct"] == pytest.approx(103.3333333)
    assert r["resterend_eur"] == -5_000
    assert r["status"] == "overschrijding"
    # 2018: 135000 van 150000 = 90 %, rest 15000, raming
    r = _rij(b, jaar=2018)
    assert r["benut_pct"] == pytest.approx(90.0)
    assert r["resterend_eur"] == 15_000
    assert bool(r["raming"]) is True


def test_benutting_budget_per_jaar_als_mapping(subsidies):
    b = benutting_innovatiebudget(subsidies, budget_per_jaar={2016: 155_000, 2017: 200_000, 2018: 100_000})
    assert b["resterend_eur"].tolist() == [0, 38_000, -35_000]
    assert b["status"].tolist() == ["binnen budget", "binnen budget", "overschrijding"]
    with pytest.raises(InvoerFout, match="2018"):
        benutting_innovatiebudget(subsidies, budget_per_jaar={2016: 1, 2017: 1})


# ------------------------------------------------------------------ programmalijn


def test_totalen_per_programmalijn(subsidies, projecten):
    t = totalen_per_programmalijn(subsidies, projecten)
    assert t["programmalijn"].unique().tolist() == [
        "Overkoepelend",
        "1. Zorg en Welzijn",
        "2. Zorg en Wonen",
        "3. Zorg en Gezondheid",
        "4. Zorg en inkomen",
    ]
    # Zorg en Welzijn, innovatiebudget: 1.1 (260000) + 1.2 (62000) + 1.4 (25000) = 347000
    zw = _rij(t, programmalijn="1. Zorg en Welzijn", budget="innovatiebudget")
    assert zw["bedrag_eur"] == 347_000
    assert zw["aantal_projecten"] == 3
    # share of the innovation total 155000 + 162000 + 135000 = 452000
    assert zw["aandeel_pct"] == pytest.approx(347_000 / 452_000 * 100)  # 76,77 %
    assert _rij(t, programmalijn="1. Zorg en Welzijn", budget="ander budget")["bedrag_eur"] == 66_000
    assert _rij(t, programmalijn="3. Zorg en Gezondheid", budget="ander budget")["bedrag_eur"] == 80_000
    assert _rij(t, programmalijn="Overkoepelend", budget="innovatiebudget")["bedrag_eur"] == 0
    # per budget the lines add up to the budget total
    assert t.groupby("budget")["bedrag_eur"].sum().to_dict() == {"innovatiebudget": 452_000, "ander budget": 146_000}


# ------------------------------------------------------------------ landelijke thema's


def test_landelijke_themas_meervoudig_geteld(subsidies, projecten):
    t = totalen_per_landelijk_thema(subsidies, projecten)
    assert t["landelijk_thema"].unique().tolist() == ["Eenzaamheid", "Langer Thuis", "Inclusieve Wijk", "geen landelijk thema"]
    # Eenzaamheid = 1.1 (260000) + 2.3 (95000) = 355000; both projects are in >1 theme
    e = _rij(t, landelijk_thema="Eenzaamheid", budget="innovatiebudget")
    assert e["bedrag_eur"] == 355_000
    assert e["project_ids"] == "1.1;2.3"
    assert bool(e["meervoudig_geteld"]) is True
    assert e["bedrag_ook_elders_eur"] == 355_000
    # Inclusieve Wijk: 1.1 (innov 260000, in 3 themes) and 3.5 (ander 80000, only here)
    iw_i = _rij(t, landelijk_thema="Inclusieve Wijk", budget="innovatiebudget")
    iw_a = _rij(t, landelijk_thema="Inclusieve Wijk", budget="ander budget")
    assert (iw_i["bedrag_eur"], iw_i["bedrag_ook_elders_eur"]) == (260_000, 260_000)
    assert (iw_a["bedrag_eur"], iw_a["bedrag_ook_elders_eur"]) == (80_000, 0)
    geen = _rij(t, landelijk_thema="geen landelijk thema", budget="innovatiebudget")
    assert geen["bedrag_eur"] == 62_000 + 25_000 + 10_000
    assert bool(geen["meervoudig_geteld"]) is False


def test_landelijke_themas_niet_optelbaar_en_opmerking(subsidies, projecten):
    t = totalen_per_landelijk_thema(subsidies, projecten)
    innov = t[t["budget"] == "innovatiebudget"]["bedrag_eur"].sum()
    # 355000 + 355000 + 260000 + 97000 = 1067000, far above the real total of 452000
    assert innov == 1_067_000
    assert innov > 452_000
    assert t.attrs["opmerking"] == THEMA_OPMERKING
    assert (t["opmerking"] == THEMA_OPMERKING).all()
    assert "niet op" in THEMA_OPMERKING


# ------------------------------------------------------------------ kosten per bereik


def test_kosten_per_bereik_innovatiebudget_handmatig(subsidies, projecten):
    k = kosten_per_bereik(subsidies, projecten)  # default: innovatiebudget
    per = k[k["niveau"] == "project"].set_index("project_id")["kosten_per_bereik_eur"]
    assert per["1.1"] == pytest.approx(130.0)  # (90000 + 95000 + 75000) / 2000
    assert per["1.2"] == pytest.approx(206.6666667)  # (30000 + 27000 + 5000) / 300
    assert per["2.3"] == pytest.approx(158.3333333)  # (35000 + 30000 + 30000) / 600
    assert per["1.4"] == pytest.approx(125.0)  # only the 25000 from the innovation budget / 200
    assert per["3.5"] == pytest.approx(0.0)  # 80000 came from another budget
    assert pd.isna(per["4.9"])  # bereik onbekend -> no figure
    tot = _rij(k, niveau="totaal")
    # projects with bereik: 0+260000+62000+25000+95000+0 = 442000 over 200+2000+300+200+600+120 = 3420
    assert tot["subsidie_eur"] == 442_000
    assert tot["bereik"] == 3420
    assert tot["kosten_per_bereik_eur"] == pytest.approx(442_000 / 3420)  # 129,24


def test_kosten_per_bereik_alle_budgetten(subsidies, projecten):
    k = kosten_per_bereik(subsidies, projecten, budget="alle")
    per = k[k["niveau"] == "project"].set_index("project_id")["kosten_per_bereik_eur"]
    assert per["1.4"] == pytest.approx(455.0)  # (40000 + 26000 + 25000) / 200
    assert per["3.5"] == pytest.approx(666.6666667)  # 80000 / 120
    assert per["1.1"] == pytest.approx(130.0)


def test_kosten_per_bereik_nul_bereik_geeft_geen_getal(subsidies, projecten):
    projecten.loc[projecten["project_id"] == "2.3", "bereik"] = 0
    k = kosten_per_bereik(subsidies, projecten)
    r = _rij(k, project_id="2.3")
    assert r["kosten_per_bereik_eur"] is pd.NA
    assert "bereik 0 of onbekend" in r["opmerking"]
    assert str(k["kosten_per_bereik_eur"].dtype) == "Float64"


def test_kosten_per_bereik_onbekende_budgetkeuze(subsidies, projecten):
    with pytest.raises(InvoerFout, match="budgetkeuze"):
        kosten_per_bereik(subsidies, projecten, budget="alles")


# ------------------------------------------------------------------ geborgd


def test_geborgd_aandeel(subsidies, projecten):
    g = geborgd_aandeel(subsidies, projecten).set_index("budget")
    # geborgd: 1.2 (62000 innov) and 1.4 (25000 innov + 66000 ander)
    assert g.loc["innovatiebudget", "geborgd_eur"] == 87_000
    assert g.loc["innovatiebudget", "totaal_eur"] == 452_000
    assert g.loc["innovatiebudget", "geborgd_pct"] == pytest.approx(87_000 / 452_000 * 100)  # 19,25 %
    assert g.loc["innovatiebudget", "aantal_geborgd"] == 2
    assert g.loc["innovatiebudget", "aantal_projecten"] == 5  # 1.1, 1.2, 1.4, 2.3, 4.9
    assert g.loc["ander budget", "geborgd_eur"] == 66_000
    assert g.loc["alle", "geborgd_eur"] == 153_000
    assert g.loc["alle", "niet_geborgd_eur"] == 598_000 - 153_000


# ------------------------------------------------------------------ invoerfouten in tabellen


def test_negatief_bedrag_in_subsidies(subsidies):
    subsidies.loc[2, "bedrag_eur"] = -90_000
    with pytest.raises(InvoerFout) as e:
        totalen_per_jaar(subsidies)
    assert e.value.bestand == "tabel subsidies"
    assert e.value.rij == 3  # 1-based data row
    assert e.value.kolom == "bedrag_eur"
    assert "negatief" in str(e.value)


def test_onbekend_project_in_subsidies(subsidies, projecten):
    subsidies.loc[len(subsidies)] = ["test", "9.9", 2016, 1000, "innovatiebudget", False, "test", "test"]
    with pytest.raises(InvoerFout) as e:
        totalen_per_programmalijn(subsidies, projecten)
    assert e.value.rij == len(subsidies)
    assert "9.9" in e.value.melding


def test_onbekend_budgetlabel(subsidies):
    subsidies.loc[0, "budget"] = "eigen budget"
    with pytest.raises(InvoerFout, match="onbekend budget"):
        totalen_per_jaar(subsidies)


def test_ontbrekende_kolom(subsidies):
    with pytest.raises(InvoerFout, match="bedrag_eur"):
        totalen_per_jaar(subsidies.drop(columns=["bedrag_eur"]))


def test_dubbel_project_id(subsidies, projecten):
    dubbel = pd.concat([projecten, projecten.iloc[[1]]], ignore_index=True)
    with pytest.raises(InvoerFout, match="dubbel"):
        geborgd_aandeel(subsidies, dubbel)

"""MKBA functions: present value, break-even, scenarios, tornado, who pays / who gains.

All expected numbers are computed by hand in the comments (discount factor at 2,25 %:
1,0225 ** 1 = 1,0225; 1,0225 ** 2 = 1,04550625).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, voorbeelden
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.kosten_baten import (
    DISCONTOVOET_STANDAARD,
    break_even,
    break_even_tabel,
    contante_waarde,
    laad_baten,
    laad_pm_posten,
    scenario_tabel,
    tornado,
    wie_betaalt_wie_baat,
)

FIXTURES = FIXTURES / "kosten_baten"
CW_SUB_FLATCOACH = 93_034.0864  # 35000 + 30000/1,0225 + 30000/1,04550625 = 35000 + 29339.8533 + 28694.2331
CW_1_BEWONERJAAR_2018 = 95_647.4435  # 100000 / 1,04550625


@pytest.fixture
def subsidies() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "subsidies_klein.csv", dtype={"project_id": str})


@pytest.fixture
def baten() -> pd.DataFrame:
    return laad_baten(FIXTURES / "baten_geldig.yaml")


# ------------------------------------------------------------------ contante_waarde


def test_discontovoet_standaard_is_2_25_procent():
    assert DISCONTOVOET_STANDAARD == 0.0225


def test_contante_waarde_drie_jaren_handmatig():
    # 100 / 1,0225^0 + 100 / 1,0225^1 + 100 / 1,0225^2 = 100 + 97.7995 + 95.6474 = 293.4469
    cw = contante_waarde({2020: 100, 2021: 100, 2022: 100}, 0.0225, 2020)
    assert cw == pytest.approx(293.4469545, abs=1e-6)


def test_contante_waarde_flatcoach_subsidie():
    cw = contante_waarde({2016: 35_000, 2017: 30_000, 2018: 30_000}, 0.0225, 2016)
    assert cw == pytest.approx(CW_SUB_FLATCOACH, abs=1e-3)


def test_contante_waarde_vormen_en_randgevallen():
    s = pd.Series({2016: 35_000, 2017: 30_000, 2018: 30_000})
    assert contante_waarde(s, basisjaar=2016) == pytest.approx(CW_SUB_FLATCOACH, abs=1e-3)
    # pairs, repeated years are added; default basisjaar = earliest year
    assert contante_waarde([(2016, 20_000), (2016, 15_000), (2017, 30_000), (2018, 30_000)]) == pytest.approx(
        CW_SUB_FLATCOACH, abs=1e-3
    )
    assert contante_waarde({}, 0.0225, 2016) == 0.0
    assert contante_waarde({2018: 100}, 0.0, 2016) == 100.0
    # before the base year amounts are compounded: 100 * 1,0225 = 102.25
    assert contante_waarde({2015: 100}, 0.0225, 2016) == pytest.approx(102.25)


def test_contante_waarde_weigert_percentage_en_onmogelijke_voet():
    with pytest.raises(InvoerFout, match="fractie"):
        contante_waarde({2016: 1}, 2.25, 2016)
    with pytest.raises(InvoerFout, match="onmogelijk"):
        contante_waarde({2016: 1}, -1.0, 2016)


# ------------------------------------------------------------------ break_even


def test_break_even_flatcoach_handmatig():
    # 95000 euro innovation subsidy / 100000 euro per resident-year = 0.95 resident-years
    assert break_even(95_000, 100_000) == pytest.approx(0.95)


def test_break_even_randgevallen():
    assert break_even(260_000, 5_000) == pytest.approx(52.0)
    assert break_even(0, 5_000) == 0.0
    assert break_even(95_000, 0) is None
    with pytest.raises(InvoerFout, match="negatief"):
        break_even(-1, 100_000)


def test_break_even_tabel_op_contante_waarde(baten, subsidies):
    """One basis, as the scenario table: present values in 2016. By hand, with every amount moved to 2018
    (x 1,0225 ** (2018 - jaar)): 2.3: (35000 x 1,04550625 + 30000 x 1,0225 + 30000) / 100000
    = (36592,71875 + 30675 + 30000) / 100000 = 0,9726771875 resident-years (not 95000 / 100000 = 0,95)."""
    t = break_even_tabel(baten, subsidies).set_index("aanname_id")
    f = t.loc["flatcoach_test"]
    assert f["cw_subsidie_eur"] == pytest.approx(CW_SUB_FLATCOACH, abs=1e-3)
    assert f["cw_een_eenheid_centraal_eur"] == pytest.approx(CW_1_BEWONERJAAR_2018, abs=1e-3)
    assert f["break_even_centraal"] == pytest.approx(0.9726771875, rel=1e-9)
    assert f["break_even_laag"] == f["break_even_hoog"] == f["break_even_centraal"]  # one value in the source
    assert (f["looptijd_jaren"], f["startjaar"], f["basisjaar"]) == (1, 2018, 2016)
    assert bool(f["volume_illustratief"]) is True and bool(f["vergelijkbaar"]) is True and f["toelichting"] == ""
    b = t.loc["buddy_test"]
    # 1.1: (90000 x 1,04550625 + 95000 x 1,0225 + 75000) = 266233,0625 (2018 euros); / 1000, 5000, 9000
    assert b["break_even_laag"] == pytest.approx(266.2330625, rel=1e-9)
    assert b["break_even_centraal"] == pytest.approx(53.2466125, rel=1e-9)
    assert b["break_even_hoog"] == pytest.approx(29.5814513889, rel=1e-9)
    assert b["cw_een_eenheid_laag_eur"] == pytest.approx(1000 / 1.04550625)
    assert bool(b["volume_illustratief"]) is False
    assert "subsidie_eur" not in t.columns and "break_even_cw_centraal" not in t.columns  # no nominal basis


def test_break_even_tabel_looptijd_drie_jaar_is_per_jaar(baten, subsidies):
    """looptijd 3 from 2018: one resident-year a year is worth 100000 x (1/1,0225^2 + 1/1,0225^3 + 1/1,0225^4)
    = 95647,4435 + 93542,7321 + 91484,3345 = 280674,5101 in 2016; 93034,0864 / 280674,5101 = 0,331466 a year."""
    b = baten.copy()
    b.loc[b["id"] == "flatcoach_test", "looptijd_jaren"] = 3
    f = break_even_tabel(b, subsidies).set_index("aanname_id").loc["flatcoach_test"]
    assert f["cw_een_eenheid_centraal_eur"] == pytest.approx(280_674.5101, abs=1e-3)
    assert f["break_even_centraal"] == pytest.approx(0.331466104, abs=1e-9)
    assert f["looptijd_jaren"] == 3


def test_break_even_tabel_zonder_omslagpunt_bij_een_onderdeel(baten, subsidies):
    b = baten.copy()
    b.loc[b["id"] == "buddy_test", "onderdeel"] = "de buddytrajecten"
    t = break_even_tabel(b, subsidies).set_index("aanname_id")
    buddy = t.loc["buddy_test"]
    assert all(pd.isna(buddy[k]) for k in ("cw_subsidie_eur", "break_even_laag", "break_even_centraal",
                                           "break_even_hoog"))
    assert buddy["cw_een_eenheid_centraal_eur"] == pytest.approx(5000 / 1.04550625)  # the benefit is shown
    assert bool(buddy["vergelijkbaar"]) is False
    assert buddy["toelichting"] == ("Baat en kosten zijn niet te vergelijken: de baat komt alleen uit de "
                                    "buddytrajecten. Wat dat deel kostte, staat niet in de bron.")
    assert t.loc["flatcoach_test", "break_even_centraal"] == pytest.approx(0.9726771875, rel=1e-9)


# ------------------------------------------------------------------ scenario_tabel


def test_scenario_tabel_flatcoach(baten, subsidies):
    s = scenario_tabel(baten, subsidies)
    f = s[s["project_id"] == "2.3"].set_index("scenario")
    assert list(f.index) == ["laag", "centraal", "hoog"]
    assert (f["basisjaar"] == 2016).all()
    assert f["cw_subsidie_eur"].iloc[0] == pytest.approx(CW_SUB_FLATCOACH, abs=1e-3)
    assert f.loc["laag", "cw_baten_eur"] == 0.0  # 0 resident-years
    assert f.loc["centraal", "cw_baten_eur"] == pytest.approx(CW_1_BEWONERJAAR_2018, abs=1e-3)
    assert f.loc["hoog", "cw_baten_eur"] == pytest.approx(3 * CW_1_BEWONERJAAR_2018, abs=1e-3)
    # netto centraal: 95647.4435 - 93034.0864 = 2613.3571; ratio 1.02809
    assert f.loc["centraal", "netto_cw_eur"] == pytest.approx(2613.3571, abs=1e-3)
    assert f.loc["centraal", "baten_kosten_verhouding"] == pytest.approx(1.028091, abs=1e-6)
    assert f.loc["centraal", "baathebbers"] == "Wlz"
    assert bool(f.loc["centraal", "volume_illustratief"]) is True


def test_scenario_tabel_buddy_en_volgorde(baten, subsidies):
    s = scenario_tabel(baten, subsidies)
    assert s["project_id"].tolist() == ["1.1"] * 3 + ["2.3"] * 3
    b = s[s["project_id"] == "1.1"].set_index("scenario")
    # 1.1 subsidy: 90000 + 95000/1,0225 + 75000/1,04550625 = 254645.1181
    assert b.loc["centraal", "cw_subsidie_eur"] == pytest.approx(254_645.1181, abs=1e-3)
    # 26 x 5000 = 130000 in 2018 -> 130000 / 1,04550625 = 124341.6766
    assert b.loc["centraal", "cw_baten_eur"] == pytest.approx(124_341.6766, abs=1e-3)
    assert b.loc["laag", "cw_baten_eur"] == pytest.approx(26_000 / 1.04550625)


def test_scenario_tabel_geeft_geen_saldo_bij_een_onderdeel(baten, subsidies):
    """The report refuses to set the benefit of one part against the whole project's subsidy (1.1): the table
    keeps the benefits but has no cost, saldo or ratio, and says why."""
    b = baten.copy()
    b.loc[b["id"] == "buddy_test", "onderdeel"] = "de buddytrajecten"
    s = scenario_tabel(b, subsidies)
    een = s[s["project_id"] == "1.1"].set_index("scenario")
    assert list(een.index) == ["laag", "centraal", "hoog"]
    assert een["cw_subsidie_eur"].isna().all() and een["netto_cw_eur"].isna().all()
    assert een["baten_kosten_verhouding"].isna().all()
    assert een.loc["laag", "cw_baten_eur"] == pytest.approx(26_000 / 1.04550625)  # 24868,3353
    assert not een["vergelijkbaar"].any()
    assert set(een["toelichting"]) == {"Baat en kosten zijn niet te vergelijken: de baat komt alleen uit de "
                                       "buddytrajecten. Wat dat deel kostte, staat niet in de bron."}
    f = s[s["project_id"] == "2.3"].set_index("scenario")
    assert f["vergelijkbaar"].all() and (f["toelichting"] == "").all()
    assert f.loc["centraal", "netto_cw_eur"] == pytest.approx(2613.3571, abs=1e-3)


def test_scenario_tabel_budgetkeuze(baten, subsidies):
    # project 1.4-like split does not touch these projects; innovatiebudget equals alle here
    a = scenario_tabel(baten, subsidies, budget="alle")
    i = scenario_tabel(baten, subsidies, budget="innovatiebudget")
    pd.testing.assert_series_equal(a["cw_subsidie_eur"], i["cw_subsidie_eur"])
    z = scenario_tabel(baten, subsidies, budget="ander budget")
    assert (z["cw_subsidie_eur"] == 0).all()
    assert z["baten_kosten_verhouding"].isna().all()


def test_scenario_tabel_andere_discontovoet_en_basisjaar(baten, subsidies):
    s = scenario_tabel(baten, subsidies, discontovoet=0.0, basisjaar=2018)
    f = s[(s["project_id"] == "2.3") & (s["scenario"] == "centraal")].iloc[0]
    assert f["cw_baten_eur"] == 100_000.0
    assert f["cw_subsidie_eur"] == 95_000.0
    assert f["netto_cw_eur"] == 5_000.0


# ------------------------------------------------------------------ tornado


def test_tornado_flatcoach(baten, subsidies):
    t = tornado(baten, subsidies, "2.3")
    assert t["parameter"].tolist() == ["volume", "discontovoet", "waarde_per_eenheid_eur"]
    vol = t.iloc[0]
    # volume 0 -> netto -93034.0864 ; volume 3 -> 286942.3306 - 93034.0864 = 193908.2442
    assert vol["netto_bij_laag_eur"] == pytest.approx(-CW_SUB_FLATCOACH, abs=1e-3)
    assert vol["netto_bij_hoog_eur"] == pytest.approx(193_908.2442, abs=1e-3)
    assert vol["spreiding_eur"] == pytest.approx(286_942.3306, abs=1e-3)
    assert bool(vol["illustratief"]) is True
    disc = t.iloc[1]
    # -1 %: baten 100000/0,99^2 = 102030.4051 ; subsidie 35000 + 30000/0,99 + 30000/0,9801 = 95912.1518
    # +3 %: baten 100000/1,03^2 = 94259.5909 ; subsidie 35000 + 30000/1,03 + 30000/1,0609 = 92404.0909
    assert disc["netto_bij_laag_eur"] == pytest.approx(102_030.4051 - 95_912.1518, abs=1e-3)
    assert disc["netto_bij_hoog_eur"] == pytest.approx(94_259.5909 - 92_404.0909, abs=1e-3)
    assert (disc["param_laag"], disc["param_centraal"], disc["param_hoog"]) == (-0.01, 0.0225, 0.03)
    waarde = t.iloc[2]
    assert waarde["spreiding_eur"] == 0.0  # the source gives one value: no range
    assert (t["netto_centraal_eur"] == t["netto_centraal_eur"].iloc[0]).all()


def test_tornado_onbekend_project(baten, subsidies):
    with pytest.raises(InvoerFout, match="geen batenaannames"):
        tornado(baten, subsidies, "3.4")


# ------------------------------------------------------------------ wie betaalt wie baat


def test_wie_betaalt_wie_baat(baten, subsidies):
    pm = laad_pm_posten(FIXTURES / "baten_geldig.yaml")
    w = wie_betaalt_wie_baat(baten, subsidies, pm_posten=pm)
    proj = w[w["niveau"] == "project"].set_index(["project_id", "partij"])
    gem = proj.loc[("2.3", "gemeente")]
    assert gem["cw_kosten_eur"] == pytest.approx(CW_SUB_FLATCOACH, abs=1e-3)
    assert gem["cw_baten_centraal_eur"] == 0.0
    assert gem["rol"] == "betaalt"
    assert gem["pm_posten"] == "wmo_test"
    wlz = proj.loc[("2.3", "Wlz")]
    assert wlz["rol"] == "baat"
    assert wlz["cw_kosten_eur"] == 0.0
    assert wlz["cw_baten_centraal_eur"] == pytest.approx(CW_1_BEWONERJAAR_2018, abs=1e-3)
    assert proj.loc[("1.1", "zorgverzekeraar"), "cw_baten_centraal_eur"] == pytest.approx(124_341.6766, abs=1e-3)
    tot = w[w["niveau"] == "totaal"].set_index("partij")
    assert list(tot.index) == ["gemeente", "zorgverzekeraar", "Wlz"]
    # gemeente pays 254645.1181 + 93034.0864 = 347679.2045 and gains nothing quantified
    assert tot.loc["gemeente", "cw_kosten_eur"] == pytest.approx(347_679.2045, abs=1e-3)
    assert tot.loc["gemeente", "saldo_centraal_eur"] == pytest.approx(-347_679.2045, abs=1e-3)
    assert tot.loc["Wlz", "saldo_centraal_eur"] == pytest.approx(CW_1_BEWONERJAAR_2018, abs=1e-3)


def test_wie_betaalt_wie_baat_gemeente_als_baathebber(baten, subsidies):
    baten = baten.copy()
    baten.loc[baten["id"] == "flatcoach_test", "baathebber"] = "gemeente"
    w = wie_betaalt_wie_baat(baten, subsidies)
    gem = w[(w["project_id"] == "2.3") & (w["partij"] == "gemeente")].iloc[0]
    assert gem["rol"] == "betaalt en baat"
    assert gem["saldo_centraal_eur"] == pytest.approx(CW_1_BEWONERJAAR_2018 - CW_SUB_FLATCOACH, abs=1e-3)


# ------------------------------------------------------------------ properties

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_bedragen = st.dictionaries(st.integers(2000, 2040), st.floats(0, 1e7, allow_nan=False), min_size=1, max_size=8)


@settings(max_examples=voorbeelden(60), deadline=None)
@given(_bedragen)
def test_contante_waarde_bij_voet_nul_is_de_som(bedragen):
    assert contante_waarde(bedragen, 0.0) == pytest.approx(sum(bedragen.values()), rel=1e-12, abs=1e-6)


@settings(max_examples=voorbeelden(60), deadline=None)
@given(_bedragen, st.floats(0.0, 0.2), st.floats(0.0, 0.2))
def test_contante_waarde_daalt_met_hogere_voet(bedragen, r1, r2):
    laag, hoog = sorted((r1, r2))
    # basisjaar = earliest year, so all exponents >= 0: a higher rate never raises the value
    assert contante_waarde(bedragen, hoog) <= contante_waarde(bedragen, laag) + 1e-6

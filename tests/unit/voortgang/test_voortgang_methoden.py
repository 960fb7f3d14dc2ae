"""Unit tests for the single methods in evaluatie.voortgang, with hand computations.

Conventions in the comments: z = norm.ppf(0.975) = 1.959964; "SE(a–b)" is the standard
error from a published 95 % interval, (b - a) / (2 z).
"""

from __future__ import annotations

import math

import pytest

from evaluatie.voortgang import beoordeling as v
from evaluatie.voortgang.beoordeling import (
    afstand_gesloten,
    bepaal_status,
    cagr,
    cagr_vereist,
    eurostat_beoordeling,
    eurostat_klasse_met_doel,
    eurostat_klasse_zonder_doel,
    interval_proportie,
    se_uit_interval,
    tempo_ratio,
    toets_proporties,
    trend_en_projectie,
    z_toets,
)

Z = 1.959963984540054


# ---------------------------------------------------------------- afstand_gesloten
def test_afstand_lager_is_beter():
    # (6,5 - 8) / (4 - 8) = -1,5 / -4 = 0,375
    assert afstand_gesloten(8.0, 6.5, 4.0) == pytest.approx(0.375)


def test_afstand_hoger_is_beter():
    # (63 - 60) / (66 - 60) = 3 / 6 = 0,5
    assert afstand_gesloten(60.0, 63.0, 66.0) == pytest.approx(0.5)


def test_afstand_voorbij_doel_en_verkeerde_kant():
    # voorbij: (3 - 8) / (4 - 8) = 1,25 ; verkeerd: (9 - 8) / (4 - 8) = -0,25
    assert afstand_gesloten(8.0, 3.0, 4.0) == pytest.approx(1.25)
    assert afstand_gesloten(8.0, 9.0, 4.0) == pytest.approx(-0.25)


def test_afstand_none_als_doel_gelijk_aan_basis_of_ontbrekend():
    assert afstand_gesloten(8.0, 7.0, 8.0) is None
    assert afstand_gesloten(8.0, None, 4.0) is None
    assert afstand_gesloten(float("nan"), 7.0, 4.0) is None


def test_tempo_ratio():
    # afstand 0,5 na 3 van de 6 jaar: 0,5 * 6 / 3 = 1,0 (precies op het lineaire pad)
    assert tempo_ratio(8.0, 2016, 6.0, 2019, 4.0, 2022) == pytest.approx(1.0)
    # 8 -> 6,5 in 6 van 10 jaar: 0,375 * 10 / 6 = 0,625
    assert tempo_ratio(8.0, 2016, 6.5, 2022, 4.0, 2026) == pytest.approx(0.625)
    assert tempo_ratio(8.0, 2016, 6.5, 2016, 4.0, 2026) is None  # geen verstreken tijd


# ---------------------------------------------------------------- CAGR
def test_cagr_handberekend():
    # (6,5 / 8)^(1/6) - 1 = exp(ln(0,8125) / 6) - 1 = exp(-0,207639 / 6) - 1 = -0,034015
    assert cagr(8.0, 6.5, 6) == pytest.approx(-0.034015, abs=1e-6)
    # vereist: (4 / 8)^(1/6) - 1 = exp(-0,693147 / 6) - 1 = -0,109101
    assert cagr_vereist(8.0, 4.0, 6) == pytest.approx(-0.109101, abs=1e-6)


def test_cagr_ongedefinieerd():
    assert cagr(0.0, 5.0, 3) is None
    assert cagr(5.0, -1.0, 3) is None
    assert cagr(5.0, 6.0, 0) is None


# ---------------------------------------------------------------- Eurostat
def test_eurostat_drempels_vastgepind():
    # The published values; changing them must be a deliberate, visible edit.
    assert v.EUROSTAT_RATIO_SIGNIFICANT == 0.95
    assert v.EUROSTAT_RATIO_GEMATIGD == 0.60
    assert v.EUROSTAT_RATIO_ONVOLDOENDE == 0.0
    assert v.EUROSTAT_GROEI_SIGNIFICANT == 0.01
    assert v.EUROSTAT_GROEI_NUL == 0.0
    assert v.EUROSTAT_GROEI_ACHTERUIT == -0.01


@pytest.mark.parametrize(
    ("ratio", "klasse"),
    [
        (1.20, v.KLASSE_SIGNIFICANT_DOEL),
        (0.95, v.KLASSE_SIGNIFICANT_DOEL),  # grens hoort bij de hogere klasse
        (0.9499, v.KLASSE_GEMATIGD_DOEL),
        (0.60, v.KLASSE_GEMATIGD_DOEL),
        (0.5999, v.KLASSE_ONVOLDOENDE_DOEL),
        (0.0, v.KLASSE_ONVOLDOENDE_DOEL),
        (-0.0001, v.KLASSE_WEG_VAN_DOEL),
    ],
)
def test_eurostat_klassen_met_doel(ratio, klasse):
    assert eurostat_klasse_met_doel(ratio) == klasse


@pytest.mark.parametrize(
    ("groei", "klasse"),
    [
        (0.0101, v.KLASSE_SIGNIFICANT),
        (0.01, v.KLASSE_GEMATIGD),  # precies 1 %: nog gematigd (> 1 % is significant)
        (0.0001, v.KLASSE_GEMATIGD),
        (0.0, v.KLASSE_GEMATIGD_WEG),
        (-0.01, v.KLASSE_GEMATIGD_WEG),
        (-0.0101, v.KLASSE_SIGNIFICANT_WEG),
    ],
)
def test_eurostat_klassen_zonder_doel(groei, klasse):
    assert eurostat_klasse_zonder_doel(groei) == klasse


def test_eurostat_met_doel_lager_is_beter():
    # actueel -0,034015 / vereist -0,109101 = 0,31177 -> onvoldoende (0 <= r < 0,60)
    uit = eurostat_beoordeling(8.0, 2016, 6.5, 2022, "lager", 4.0, 2022)
    assert uit["eurostat_ratio"] == pytest.approx(0.31177, abs=1e-5)
    assert uit["eurostat_klasse"] == v.KLASSE_ONVOLDOENDE_DOEL


def test_eurostat_met_doel_hoger_is_beter():
    # 40 -> 44 in 2 jaar, doel 48 in 4 jaar:
    # actueel (1,1)^(1/2)-1 = 0,048809 ; vereist (1,2)^(1/4)-1 = 0,046635 ; ratio 1,04662
    uit = eurostat_beoordeling(40.0, 2020, 44.0, 2022, "hoger", 48.0, 2024)
    assert uit["cagr_actueel"] == pytest.approx(0.048809, abs=1e-6)
    assert uit["cagr_vereist"] == pytest.approx(0.046635, abs=1e-6)
    assert uit["eurostat_klasse"] == v.KLASSE_SIGNIFICANT_DOEL


def test_eurostat_zonder_doel_keert_teken_om_als_lager_beter_is():
    # (90 / 100)^(1/5) - 1 = exp(ln 0,9 / 5) - 1 = -0,020852
    lager = eurostat_beoordeling(100.0, 2015, 90.0, 2020, "lager")
    assert lager["cagr_actueel"] == pytest.approx(0.020852, abs=1e-6)  # omgekeerd: +2,1 %/jaar
    assert lager["eurostat_klasse"] == v.KLASSE_SIGNIFICANT
    hoger = eurostat_beoordeling(100.0, 2015, 90.0, 2020, "hoger")
    assert hoger["cagr_actueel"] == pytest.approx(-0.020852, abs=1e-6)
    assert hoger["eurostat_klasse"] == v.KLASSE_SIGNIFICANT_WEG


def test_eurostat_doel_al_bereikt_en_geen_latere_meting():
    assert eurostat_beoordeling(8.0, 2016, 3.5, 2020, "lager", 4.0, 2022)["eurostat_klasse"] == (
        v.KLASSE_DOEL_BEREIKT
    )
    uit = eurostat_beoordeling(8.0, 2016, 8.0, 2016, "lager", 4.0, 2022)
    assert uit["eurostat_klasse"] is None and uit["reden"]


# ---------------------------------------------------------------- survey uncertainty
def test_se_uit_interval():
    # (7,1 - 5,9) / (2 * 1,959964) = 1,2 / 3,919928 = 0,306128
    assert se_uit_interval(5.9, 7.1) == pytest.approx(0.306128, abs=1e-6)
    assert se_uit_interval(None, 7.1) is None
    assert se_uit_interval(7.1, 5.9) is None


def test_z_toets_twee_golven():
    # 8,1 (7,5–8,7) tegen 6,5 (5,9–7,1): beide SE 0,306128
    # se verschil = 0,306128 * sqrt(2) = 0,432930 ; z = -1,6 / 0,432930 = -3,69574
    # p = 2 * (1 - Phi(3,69574)) = 0,000219
    se = se_uit_interval(7.5, 8.7)
    uit = z_toets(8.1, se, 6.5, se_uit_interval(5.9, 7.1))
    assert uit["verschil"] == pytest.approx(-1.6)
    assert uit["z"] == pytest.approx(-3.69574, abs=1e-4)
    assert uit["p"] == pytest.approx(0.000219, abs=2e-6)
    assert uit["significant"] is True


def test_z_toets_niet_significant_en_onbekende_se():
    # 6,5 ± 0,6 tegen 6,0 ± 0,1: se = sqrt(0,306128² + 0,051021²) = 0,310351 ; z = 1,6111 ; p = 0,1072
    uit = z_toets(6.0, se_uit_interval(5.9, 6.1), 6.5, se_uit_interval(5.9, 7.1))
    assert uit["p"] == pytest.approx(0.1072, abs=1e-4)
    assert uit["significant"] is False
    assert z_toets(6.0, None, 6.5, 0.3)["p"] is None


def test_z_toets_vaste_referentie():
    # referentie zonder onzekerheid (se 0): z = (6,5 - 8) / 0,306128 = -4,8999
    uit = z_toets(8.0, 0.0, 6.5, se_uit_interval(5.9, 7.1))
    assert uit["z"] == pytest.approx(-4.8999, abs=1e-3)


def test_toets_proporties_handberekend():
    # 20 % van 500 (100) tegen 15 % van 600 (90); gepoold p = 190/1100 = 0,172727
    # se = sqrt(0,172727 * 0,827273 * (1/500 + 1/600)) = 0,022890 ; z = 0,05 / 0,02289 = 2,1844
    # p = 0,02893 ; gerapporteerd verschil = 15 - 20 = -5
    uit = toets_proporties(20.0, 500, 15.0, 600)
    assert uit["verschil"] == pytest.approx(-5.0)
    assert uit["z"] == pytest.approx(-2.1844, abs=1e-4)
    assert uit["p"] == pytest.approx(0.02893, abs=1e-5)
    assert uit["significant"] is True


def test_wilson_interval():
    # Wilson, p = 0,2, n = 500, z = 1,96: midden (0,2 + z²/1000)/(1 + z²/500) = 0,202287
    # halve breedte z*sqrt(0,00032 + z²/1e6)/(1 + z²/500) = 0,035003 -> 16,73 % – 23,73 %
    onder, boven = interval_proportie(20.0, 500)
    assert onder == pytest.approx(16.7285, abs=1e-3)
    assert boven == pytest.approx(23.7289, abs=1e-3)


# ---------------------------------------------------------------- trend and projection
def test_trend_ols_handberekend():
    # x = 2016, 2018, 2020 ; y = 8, 7, 6,5 ; xgem = 2018, ygem = 7,1667
    # Sxx = 8, Sxy = -3 -> helling -0,375 ; residuen 0,0833 -0,1667 0,0833 ; SSR = 0,041667, df 1
    # 2026: 7,1667 - 0,375 * 8 = 4,1667 ; var_obs = s²(1 + 1/3 + 64/8) = 0,388889 ; se 0,623610
    # t(0,975; 1) = 12,7062 -> 4,1667 ± 7,9237 = [-3,757 ; 12,090]
    # P(Y < 4) = Cauchy-cdf((4 - 4,1667)/0,62361) = 0,5 + atan(-0,26726)/pi = 0,41687
    uit = trend_en_projectie([2016, 2018, 2020], [8, 7, 6.5], doel_jaar=2026, doel_waarde=4.0, richting="lager",
                             min_punten=3)
    assert uit["trend_methode"] == "OLS"
    assert uit["trend_helling"] == pytest.approx(-0.375)
    assert uit["projectie"] == pytest.approx(4.16667, abs=1e-4)
    assert uit["projectie_onder"] == pytest.approx(-3.7570, abs=1e-3)
    assert uit["projectie_boven"] == pytest.approx(12.0904, abs=1e-3)
    assert uit["kans_doel_gehaald"] == pytest.approx(0.5 + math.atan(-0.166667 / 0.623610) / math.pi, abs=1e-5)


def test_trend_wls_met_tau2_nul():
    # SE 0,5 overal (w = 4). FE residuals 0,0833 / -0,1667 / 0,0833: Q = 4 * 0,041667 = 0,1667 < k - 2 = 1
    # -> tau² = 0: variances known, normal distribution.
    # var_gem(2026) = (1/4)(1/3 + 64/8) = 2,08333 ; var_obs = 2,08333 + 0 + 1/4 = 2,33333 ; se 1,527525
    # 4,1667 ± 1,959964 * 1,527525 = [1,17277 ; 7,16056] ; P(Y < 4) = Phi(-0,109109) = 0,456558
    uit = trend_en_projectie(
        [2016, 2018, 2020], [8, 7, 6.5], [0.5, 0.5, 0.5], doel_jaar=2026, doel_waarde=4.0, richting="lager",
        min_punten=3,
    )
    assert uit["trend_methode"] == "WLS+tau2"
    assert uit["trend_tau2"] == 0.0
    assert uit["projectie_onder"] == pytest.approx(1.17277, abs=1e-4)
    assert uit["projectie_boven"] == pytest.approx(7.16056, abs=1e-4)
    assert uit["kans_doel_gehaald"] == pytest.approx(0.456558, abs=1e-5)


def test_trend_hoger_is_beter_kans_is_complement():
    lager = trend_en_projectie([2016, 2018, 2020], [8, 7, 6.5], doel_jaar=2026, doel_waarde=4.0, richting="lager",
                               min_punten=3)
    hoger = trend_en_projectie([2016, 2018, 2020], [8, 7, 6.5], doel_jaar=2026, doel_waarde=4.0, richting="hoger",
                               min_punten=3)
    assert lager["kans_doel_gehaald"] + hoger["kans_doel_gehaald"] == pytest.approx(1.0)


def test_trend_alleen_helling_bij_minder_dan_vijf_punten():
    # two waves: slope (6,5 - 8) / 4 = -0,375 per year, no projection (default minimum 5 waves)
    uit = trend_en_projectie([2016, 2020], [8, 6.5], doel_jaar=2026, doel_waarde=4.0)
    assert uit["trend_helling"] == pytest.approx(-0.375)
    assert uit["projectie"] is None and uit["kans_doel_gehaald"] is None
    assert "minimaal 5" in uit["projectie_reden"]
    assert trend_en_projectie([2016], [8])["trend_helling"] is None


def test_trend_geen_projectie_als_doeljaar_verstreken():
    uit = trend_en_projectie([2016, 2018, 2020], [8, 7, 6.5], doel_jaar=2020, doel_waarde=4.0, min_punten=3)
    assert uit["trend_helling"] == pytest.approx(-0.375)
    assert uit["projectie"] is None
    assert uit["projectie_reden"] == "doeljaar ligt niet na de laatste meting"


def test_trend_ols_als_een_golf_geen_grenzen_heeft():
    uit = trend_en_projectie([2016, 2018, 2020], [8, 7, 6.5], None, doel_jaar=2026, doel_waarde=4.0)
    assert uit["trend_methode"] == "OLS"


# ---------------------------------------------------------------- status rules
def _status(**kw):
    basis = dict(doel_type="waarde", heeft_latere_meting=True, doel_oordeel="nog_niet_gehaald",
                 verandering_in_richting=True, verandering_oordeel="lager", drempels=v.DEFAULT_DREMPELS)
    basis.update(kw)
    return bepaal_status(**basis)


def test_status_regels():
    assert _status(heeft_latere_meting=False) == v.ONVOLDOENDE_GEGEVENS
    assert _status(doel_oordeel="gehaald", verandering_oordeel="binnen_foutmarge") == v.DOEL_GEHAALD
    assert _status(doel_oordeel="gehaald_binnen_foutmarge") == v.DOEL_GEHAALD_MARGE
    assert _status(doel_oordeel="niet_gehaald", tempo=2.0) == v.DOEL_NIET_GEHAALD
    assert _status(doel_oordeel="niet_gehaald_binnen_foutmarge") == v.DOEL_NIET_GEHAALD
    assert _status(verandering_oordeel="niet_te_toetsen") == v.ONVOLDOENDE_GEGEVENS
    assert _status(verandering_oordeel="binnen_foutmarge") == v.GEEN_VERANDERING
    assert _status(verandering_in_richting=False) == v.VERKEERDE_RICHTING
    assert _status(kans_doel_gehaald=0.5) == v.OP_KOERS
    assert _status(kans_doel_gehaald=0.49) == v.TE_LANGZAAM
    # kans wint van tempo; tempo alleen als er geen projectie is
    assert _status(kans_doel_gehaald=0.2, tempo=1.5) == v.TE_LANGZAAM
    assert _status(tempo=0.95) == v.OP_KOERS
    assert _status(tempo=0.94) == v.TE_LANGZAAM
    rpj = dict(doel_type="richting_per_jaar", doel_oordeel=None)
    assert _status(**rpj, alle_jaren_in_richting=True) == v.OP_KOERS
    assert _status(**rpj, alle_jaren_in_richting=False) == v.TE_LANGZAAM
    assert _status(**rpj, alle_jaren_in_richting=None) == v.OP_KOERS
    assert _status(**rpj, alle_jaren_in_richting=False, verandering_in_richting=False) == v.VERKEERDE_RICHTING
    assert _status(doel_type="geen", doel_oordeel=None) == v.OP_KOERS


def test_status_opmaak_kleur_en_symbool():
    assert v.STATUS_OPMAAK == {
        "doel gehaald": ("groen", "✔"),
        "doel gehaald, binnen de foutmarge": ("groen", "(✔)"),
        "doel niet gehaald": ("rood", "✘"),
        "op koers": ("groen", "▲"),
        "vooruitgang, te langzaam": ("oranje", "△"),
        "geen meetbare verandering": ("oranje", "●"),
        "verkeerde richting": ("rood", "▼"),
        "onvoldoende gegevens": ("grijs", "?"),
    }
    assert len({s for _, s in v.STATUS_OPMAAK.values()}) == 8  # symbool is uniek: kleur nooit enige drager


def test_trend_exacte_lijn_zonder_restspreiding():
    # 1, 1, 1 (OLS): restspreiding 0, projectie 1 precies op het doel 1 -> kans 1, niet afrondingsruis
    uit = trend_en_projectie([2016, 2017, 2018], [1.0, 1.0, 1.0], doel_jaar=2019, doel_waarde=1.0, richting="lager",
                             min_punten=3)
    assert uit["kans_doel_gehaald"] == 1.0
    uit = trend_en_projectie([2016, 2017, 2018], [1.0, 1.0, 1.0], doel_jaar=2019, doel_waarde=0.5, richting="lager",
                             min_punten=3)
    assert uit["kans_doel_gehaald"] == 0.0

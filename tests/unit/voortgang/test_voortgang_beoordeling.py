"""beoordeel_indicator / beoordeel_alles on small hand-made series.

The figures below are made up for the tests (they are not seed data), except the
policy baselines/targets of eenzaam_ernstig (8 % -> 4 %, coalition against loneliness,
002_5e9e29e7f646534a.txt) and banen (971,7 in 2020, Programma Sociaal Domein,
004_6aaf5ce4ffb994ec.txt, section "Indicatoren"). Years of the loneliness baseline
and all measurements are invented.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evaluatie.voortgang import beoordeling as v
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.voortgang.beoordeling import DEFAULT_DREMPELS, KOLOMMEN, beoordeel_alles, beoordeel_indicator

Z = 1.959963984540054

NAN = float("nan")


def reeks(jaren, waarden, onder=None, boven=None, markering=None, onzekerheid="directe_schatting"):
    n = len(jaren)
    return pd.DataFrame(
        {
            "onzekerheid": [onzekerheid] * n,
            "jaar": jaren,
            "waarde": waarden,
            "ondergrens": onder if onder is not None else [NAN] * n,
            "bovengrens": boven if boven is not None else [NAN] * n,
            "markering": markering if markering is not None else [""] * n,
        }
    )


def eenzaam(**kw):
    ind = dict(
        indicator_id="eenzaam_ernstig",
        naam="Het percentage ernstig eenzamen",
        eenheid="%",
        richting="lager",
        basis_jaar=2016,
        basis_waarde=8.0,
        doel_type="waarde",
        doel_waarde=4.0,
        doel_jaar=2022,
        doel_vanaf_jaar=None,
        is_percentage=True,
    )
    ind.update(kw)
    return ind


def banen(**kw):
    ind = dict(
        indicator_id="banen",
        naam="Banen",
        eenheid="Aantal per 1.000 inwoners in de leeftijd 15 – 64 jaar",
        richting="hoger",
        basis_jaar=2020,
        basis_waarde=971.7,
        doel_type="richting_per_jaar",
        doel_waarde=None,
        doel_jaar=2026,
        doel_vanaf_jaar=2022,
        is_percentage=False,
    )
    ind.update(kw)
    return ind


# ---------------------------------------------------------------- output shape
def test_uitvoer_heeft_alle_kolommen_in_volgorde_en_geen_zin():
    r = beoordeel_indicator(eenzaam(), reeks([2016, 2022], [8.1, 6.5], [7.5, 5.9], [8.7, 7.1]))
    assert list(r) == list(KOLOMMEN)
    assert "toelichting" not in r  # voortgang writes numbers only; sentences: hoofdstukken.zinnen


def test_voorbeeld_doel_niet_gehaald_met_gemeten_basis():
    # basis 8,0 (kader) ; waves 2016 8,1 [7,5–8,7] and 2022 6,5 [5,9–7,1] (direct) ; doel 4,0 in 2022
    # afstand (6,5 - 8) / (4 - 8) = 0,375 ; 2022 >= doeljaar and 6,5 > 4 -> doel niet gehaald, 2,5 short.
    # change test on the 2016 wave (logit): SE_L(7,5–8,7) = 0,039588, SE_L(5,9–7,1) = 0,049063
    # z = (L(6,5) - L(8,1)) / 0,063043 = -3,5807 ; p = 0,000343
    r = beoordeel_indicator(eenzaam(), reeks([2016, 2022], [8.1, 6.5], [7.5, 5.9], [8.7, 7.1]))
    assert r["basis_waarde"] == 8.0 and r["basis_bron"] == "kader" and r["basis_meting"] == 8.1
    assert r["afstand_gesloten"] == pytest.approx(0.375)
    assert r["verandering"] == pytest.approx(-1.6)
    l = lambda p: np.log(p / (100 - p))  # noqa: E731
    z = (l(6.5) - l(8.1)) / np.hypot((l(8.7) - l(7.5)) / (2 * Z), (l(7.1) - l(5.9)) / (2 * Z))
    from scipy.stats import norm
    assert r["verandering_p"] == pytest.approx(2 * norm.sf(abs(z)), rel=1e-9)
    assert r["verandering_oordeel"] == "lager"
    assert r["status"] == "doel niet gehaald"
    assert r["doel_tekort"] == pytest.approx(2.5)


def test_doel_gehaald_hoger_is_beter():
    ind = eenzaam(richting="hoger", basis_waarde=40.0, doel_waarde=50.0, doel_jaar=2026)
    r = beoordeel_indicator(ind, reeks([2016, 2020], [40.0, 51.0], [38.0, 50.2], [42.0, 52.0]))
    assert r["status"] == "doel gehaald"
    r = beoordeel_indicator(ind, reeks([2016, 2020], [40.0, 51.0], [38.0, 49.0], [42.0, 53.0]))
    assert r["status"] == "doel gehaald, binnen de foutmarge"


def test_op_koers_via_projectie_met_vijf_golven():
    # 5 waves 2016–2020 falling 0,5 a year from 8 to 6, interval ± 0,49 -> SE = 0,98 / 3,919928 = 0,250005.
    # Residuals 0 -> Q = 0 -> tau² = 0. Projection 2022 = 8 - 0,5 * 6 = 5,0 ;
    # var = SE² (1/5 + 4²/10) [line at 4 years past the mean] + SE² [new wave] = SE² * 2,8 -> sd 0,418338
    # P(Y <= 5,5) = Phi(0,5 / 0,418338) = Phi(1,19521) = 0,88400 >= 0,5 -> "op koers" (doel 5,5 in 2022).
    jaren = [2016, 2017, 2018, 2019, 2020]
    w = [8.0, 7.5, 7.0, 6.5, 6.0]
    ind = eenzaam(doel_waarde=5.5, doel_jaar=2022)
    r = beoordeel_indicator(ind, reeks(jaren, w, [x - 0.49 for x in w], [x + 0.49 for x in w]))
    assert r["trend_methode"] == "WLS+tau2" and r["trend_punten"] == 5
    assert r["projectie"] == pytest.approx(5.0)
    assert r["kans_doel_gehaald"] == pytest.approx(0.884, abs=1e-3)
    assert r["status"] == "op koers"


def test_op_koers_via_tempo_bij_twee_metingen():
    # 8,0 [7,0–9,0] (2016) -> 6,0 [5,2–6,9] (2019): SE_L 0,069658 / 0,076776 ; z = -2,9825, p = 0,0029.
    # tempo = ((6 - 8) / 3) / ((4 - 8) / 10) = 1,667 >= 0,95 -> op koers (doel 4 in 2026)
    r = beoordeel_indicator(eenzaam(doel_jaar=2026), reeks([2016, 2019], [8.0, 6.0], [7.0, 5.2], [9.0, 6.9]))
    assert r["tempo_ratio"] == pytest.approx(1.6666667)
    assert r["verandering_oordeel"] == "lager"
    assert r["status"] == "op koers"


def test_enkele_golf_is_onvoldoende_gegevens():
    r = beoordeel_indicator(eenzaam(), reeks([2016], [8.1], [7.5], [8.7]))
    assert r["status"] == "onvoldoende gegevens" and r["laatste_jaar"] is None


def test_alle_waarden_gemarkeerd():
    r = beoordeel_indicator(eenzaam(), reeks([2016, 2020], [NAN, NAN], markering=["x", "."]))
    assert r["status"] == "onvoldoende gegevens"
    assert r["uitgesloten"] == ("2016: geheim ('x'); 2020: gegeven ontbreekt, is onvoldoende betrouwbaar of "
                                "geheim ('.')")


def test_markering_wint_van_waarde_en_lege_waarde_wordt_uitgesloten():
    r = beoordeel_indicator(eenzaam(doel_jaar=2026), reeks([2016, 2018, 2020], [8.0, 7.0, NAN],
                                                           [7.0, 6.0, NAN], [9.0, 8.0, NAN], ["", "?", ""]))
    assert r["laatste_jaar"] is None
    assert "2018: onbetrouwbaar ('?')" in r["uitgesloten"] and "2020: geen waarde" in r["uitgesloten"]


def test_basis_uit_meting_als_kader_geen_basis_heeft():
    ind = eenzaam(basis_jaar=None, basis_waarde=None, doel_type="geen", doel_waarde=None, doel_jaar=None)
    r = beoordeel_indicator(ind, reeks([2016, 2020], [27.0, 30.0], [24.0, 27.0], [30.0, 32.0],
                                       onzekerheid="modelschatting"))
    assert (r["basis_bron"], r["basis_jaar"], r["basis_waarde"]) == ("meting", 2016, 27.0)
    assert r["verandering_oordeel"] == "binnen_foutmarge"  # 27 <= 30: intervals overlap


def test_metingen_voor_peiljaar_tellen_niet_mee_voor_trend():
    r = beoordeel_indicator(eenzaam(doel_jaar=2026), reeks([2012, 2016, 2020], [5.0, 8.0, 7.0],
                                                           [4.0, 7.0, 6.0], [6.0, 9.0, 8.0]))
    assert r["trend_punten"] == 2


def test_nationaal_zonder_meting_in_zelfde_jaar():
    r = beoordeel_indicator(eenzaam(), reeks([2016, 2022], [8.0, 11.0], [7.0, 10.0], [9.0, 12.0]),
                            reeks([2020], [12.0], [11.9], [12.1]))
    assert r["nl_oordeel"] is None and r["nl_waarde"] is None


# ---------------------------------------------------------------- direction per year (seed 004)
def test_richting_per_jaar_tegen_referentie_en_vorig_jaar():
    # registratie, referentie 971,7 (2020). 2021: 975 (voor 2022, telt alleen als vorig jaar)
    # 2022: 960,0 -> -11,7 / 971,7 = -1,2 % (slechter), t.o.v. 2021 -1,5 % (slechter)
    # 2023: 990,0 -> +18,3 / 971,7 = +1,9 % (beter), t.o.v. 2022 +3,1 % (beter)  => 1/2 en 1/2
    r = beoordeel_indicator(banen(), reeks([2020, 2021, 2022, 2023], [971.7, 975.0, 960.0, 990.0],
                                           onzekerheid="registratie"))
    assert r["jaren_in_richting"] == "1/2"
    assert r["jaren_in_richting_vorig"] == "1/2"
    assert r["verandering_oordeel"] == "hoger"
    # 2022 was demonstrably lower than 2020: "elk jaar hoger" can no longer be met, although the latest wave
    # is higher (this read 'vooruitgang, te langzaam' before session 10: a pace has no meaning here)
    assert r["jaren_niet_in_richting"] == "2022"
    assert (r["doel_oordeel"], r["status"]) == ("niet_gehaald", "doel niet gehaald")


def test_richting_per_jaar_een_jaar_binnen_de_marge_beslist_nog_niet():
    # 2022: 975,0 (+0,34 %, within the materiality band: no evidence either way), 2023: 990,0 (+1,9 %)
    r = beoordeel_indicator(banen(), reeks([2020, 2022, 2023], [971.7, 975.0, 990.0], onzekerheid="registratie"))
    assert (r["jaren_in_richting"], r["jaren_niet_in_richting"], r["doel_oordeel"]) == ("1/2", None, None)
    assert r["status"] == "vooruitgang, te langzaam"
    # ... but at the end of the period it keeps the target from being met
    r = beoordeel_indicator(banen(doel_jaar=2023), reeks([2020, 2022, 2023], [971.7, 975.0, 990.0],
                                                         onzekerheid="registratie"))
    assert r["status"] == "doel niet gehaald"


def test_richting_per_jaar_kleine_stijging_telt_niet():
    # 2022: 975,0 -> +3,3 / 971,7 = 0,34 % < 1 %: not a year "in de gewenste richting"
    r = beoordeel_indicator(banen(), reeks([2020, 2022], [971.7, 975.0], onzekerheid="registratie"))
    assert r["jaren_in_richting"] == "0/1"
    assert r["status"] == "geen meetbare verandering"


def test_richting_per_jaar_alle_jaren_en_periode_voorbij_is_doel_gehaald():
    r = beoordeel_indicator(banen(doel_jaar=2023), reeks([2020, 2022, 2023], [971.7, 985.0, 990.0],
                                                         onzekerheid="registratie"))
    assert r["jaren_in_richting"] == "2/2"
    assert r["status"] == "doel gehaald"
    r = beoordeel_indicator(banen(doel_jaar=2023), reeks([2020, 2022, 2023], [971.7, 985.0, 972.0],
                                                         onzekerheid="registratie"))
    assert r["status"] == "doel niet gehaald"


def test_richting_per_jaar_op_koers_en_lager_is_beter():
    ind = banen(indicator_id="bijstand", naam="Personen met een bijstandsuitkering", richting="lager",
                basis_waarde=544.5)
    r = beoordeel_indicator(ind, reeks([2022, 2023], [530.0, 520.0], onzekerheid="registratie"))
    assert r["jaren_in_richting"] == "2/2"
    assert r["status"] == "op koers"


def test_richting_per_jaar_nog_geen_jaar_in_doelperiode():
    # 2021 ligt voor de doelperiode (2022-2026): geen jaren te tellen, oordeel op de verandering
    r = beoordeel_indicator(banen(), reeks([2021], [990.0], onzekerheid="registratie"))
    assert r["jaren_in_richting"] is None
    assert r["status"] == "op koers"


def test_richting_per_jaar_verkeerde_richting():
    # both years of the period demonstrably below the reference 971,7: the target is already missed
    r = beoordeel_indicator(banen(), reeks([2022, 2023], [960.0, 950.0], onzekerheid="registratie"))
    assert r["jaren_niet_in_richting"] == "2022, 2023"
    assert r["status"] == "doel niet gehaald"


# ---------------------------------------------------------------- refusals
def test_ongeldige_richting_geeft_invoerfout():
    with pytest.raises(InvoerFout, match="richting"):
        beoordeel_indicator(eenzaam(richting="omhoog"), reeks([2020], [7.0]))


def test_dubbel_jaar_geeft_invoerfout():
    with pytest.raises(InvoerFout, match="2020 meer dan eens"):
        beoordeel_indicator(eenzaam(), reeks([2020, 2020], [7.0, 7.1]))


def test_meting_zonder_jaar_geeft_invoerfout():
    with pytest.raises(InvoerFout, match="zonder jaar"):
        beoordeel_indicator(eenzaam(), reeks([2020, None], [7.0, 7.1]))


def test_waarde_doel_zonder_doelwaarde_geeft_invoerfout():
    with pytest.raises(InvoerFout, match="zonder doel_waarde"):
        beoordeel_indicator(eenzaam(doel_waarde=None), reeks([2020], [7.0]))


def test_series_invoer_en_pandas_na():
    ind = pd.Series(eenzaam(doel_vanaf_jaar=pd.NA, basis_jaar=np.int64(2016)))
    r = beoordeel_indicator(ind, reeks([2016, 2022], [8.1, 6.5], [7.5, 5.9], [8.7, 7.1]))
    assert r["status"] == "doel niet gehaald"


# ---------------------------------------------------------------- beoordeel_alles
def _indicatoren():
    rijen = [
        {**banen(), "kader_id": "rijswijk_sociaal_domein", "gemeente": "GM0603"},
        {**eenzaam(doel_jaar=2026), "kader_id": "rijswijk_welzijn", "gemeente": "GM0603"},
        {**banen(indicator_id="bijstand", naam="Bijstand", richting="lager", basis_waarde=544.5),
         "kader_id": "rijswijk_sociaal_domein", "gemeente": "GM0603"},
    ]
    df = pd.DataFrame(rijen)
    for k in ("basis_jaar", "doel_jaar", "doel_vanaf_jaar"):
        df[k] = df[k].astype("Int64")
    return df


def _metingen():
    return pd.DataFrame(
        {
            "indicator_id": ["eenzaam_ernstig"] * 3 + ["banen"] * 2 + ["eenzaam_ernstig"],
            "gebied": ["GM0603"] * 5 + ["NL01"],
            "jaar": [2016, 2020, 2022, 2020, 2022, 2022],
            "waarde": [8.1, 7.0, 6.5, 971.7, 990.0, 6.0],
            "ondergrens": [7.5, 6.4, 5.9, NAN, NAN, 5.9],
            "bovengrens": [8.7, 7.6, 7.1, NAN, NAN, 6.1],
            "markering": [""] * 6,
            "onzekerheid": ["directe_schatting"] * 3 + ["registratie"] * 2 + ["directe_schatting"],
        }
    )


def test_beoordeel_alles_vorm_volgorde_en_types():
    df = beoordeel_alles(_indicatoren(), _metingen(), "GM0603", DEFAULT_DREMPELS)
    assert list(df.columns) == ["kader_id", "gemeente", *KOLOMMEN]
    assert list(df["indicator_id"]) == ["banen", "bijstand", "eenzaam_ernstig"]
    assert (df["gemeente"] == "GM0603").all()
    assert str(df["laatste_jaar"].dtype) == "Int64"
    assert str(df["is_percentage"].dtype) == "boolean"
    assert df["afstand_gesloten"].dtype == np.float64
    statussen = dict(zip(df["indicator_id"], df["status"], strict=True))
    assert statussen == {
        "banen": "op koers",
        "bijstand": "onvoldoende gegevens",
        "eenzaam_ernstig": "vooruitgang, te langzaam",
    }
    rij = df.set_index("indicator_id").loc["eenzaam_ernstig"]
    assert rij["nl_waarde"] == 6.0  # NL01-rij is als nationale reeks gebruikt, niet als gemeentemeting
    assert rij["trend_punten"] == 3


def test_beoordeel_alles_schrijft_naar_parquet(tmp_path):
    df = beoordeel_alles(_indicatoren(), _metingen(), "GM0603")
    pad = tmp_path / "voortgang.parquet"
    df.to_parquet(pad)
    terug = pd.read_parquet(pad)
    assert len(terug) == 3
    assert list(terug.columns) == list(df.columns)


def test_beoordeel_alles_mist_kolom():
    with pytest.raises(InvoerFout, match="gebied"):
        beoordeel_alles(_indicatoren(), _metingen().drop(columns="gebied"), "GM0603")

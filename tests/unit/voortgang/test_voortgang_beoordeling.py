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

NAN = float("nan")


def reeks(jaren, waarden, onder=None, boven=None, markering=None):
    n = len(jaren)
    return pd.DataFrame(
        {
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
def test_uitvoer_heeft_alle_kolommen_in_volgorde():
    r = beoordeel_indicator(eenzaam(), reeks([2016, 2022], [8.1, 6.5], [7.5, 5.9], [8.7, 7.1]))
    assert list(r) == list(KOLOMMEN)


def test_voorbeeld_te_langzaam_met_toelichting():
    # basis 8,0 (kader) ; 2022: 6,5 (5,9–7,1) ; doel 4,0 in 2022
    # afstand (6,5-8)/(4-8) = 0,375 ; doeljaar bereikt en doel niet gehaald -> te langzaam
    # toets: kader-basis met SE van de meting 2016 (7,5–8,7): z = -1,5 / 0,432930 = -3,4648 ; p = 0,000531
    r = beoordeel_indicator(eenzaam(), reeks([2016, 2022], [8.1, 6.5], [7.5, 5.9], [8.7, 7.1]))
    assert r["basis_waarde"] == 8.0 and r["basis_bron"] == "kader" and r["basis_meting"] == 8.1
    assert r["afstand_gesloten"] == pytest.approx(0.375)
    assert r["verandering"] == pytest.approx(-1.5)
    assert r["verandering_p"] == pytest.approx(0.000531, abs=2e-6)
    assert r["verandering_significant"] is True
    assert r["status"] == "vooruitgang, te langzaam"
    assert (r["kleur"], r["symbool"]) == ("oranje", "△")
    assert r["toelichting"] == (
        "Het percentage ernstig eenzamen daalde van 8,0 % (2016) naar 6,5 % (2022); "
        "het doel is 4,0 % in 2022, 38 % van de afstand is afgelegd."
    )


def test_doel_gehaald():
    r = beoordeel_indicator(eenzaam(), reeks([2016, 2020], [8.1, 3.9], [7.5, 3.4], [8.7, 4.4]))
    assert r["status"] == "doel gehaald" and r["kleur"] == "groen" and r["symbool"] == "✔"
    assert r["afstand_gesloten"] == pytest.approx(1.025)  # (3,9-8)/(4-8)
    assert r["eurostat_klasse"] == v.KLASSE_DOEL_BEREIKT


def test_doel_gehaald_hoger_is_beter():
    ind = eenzaam(richting="hoger", basis_waarde=40.0, doel_waarde=48.0, naam="Het percentage tevreden")
    r = beoordeel_indicator(ind, reeks([2016, 2020], [40.0, 48.0]))
    assert r["status"] == "doel gehaald"


def test_doeljaar_verstreken_en_niet_gehaald():
    # laatste meting 2024 na doeljaar 2022: geen projectie meer, status te langzaam; "het doel was"
    r = beoordeel_indicator(
        eenzaam(), reeks([2016, 2020, 2024], [8.1, 7.2, 6.0], [7.5, 6.6, 5.4], [8.7, 7.8, 6.6])
    )
    assert r["laatste_jaar"] == 2024
    assert r["projectie"] is None
    assert r["projectie_reden"] == "doeljaar ligt niet na de laatste meting"
    assert r["status"] == "vooruitgang, te langzaam"
    assert "het doel was 4,0 % in 2022" in r["toelichting"]


def test_op_koers_via_projectie():
    # 8,0 6,7 5,4 (±0,3) in 2016/2018/2020, doel 4,0 in 2024: helling -0,65/jaar -> 2024: 2,8
    ind = eenzaam(doel_jaar=2024)
    r = beoordeel_indicator(ind, reeks([2016, 2018, 2020], [8.0, 6.7, 5.4], [7.7, 6.4, 5.1], [8.3, 7.0, 5.7]))
    assert r["trend_methode"] == "WLS" and r["trend_punten"] == 3
    assert r["trend_helling"] == pytest.approx(-0.65)
    assert r["projectie"] == pytest.approx(2.8)
    assert r["kans_doel_gehaald"] > 0.9
    assert r["status"] == "op koers" and r["symbool"] == "▲"


def test_op_koers_via_tempo_bij_twee_metingen():
    # 8 -> 6 in 3 van 6 jaar: afstand 0,5, tempo 0,5*6/3 = 1,0 >= 0,95 ; te weinig punten voor een trend
    r = beoordeel_indicator(eenzaam(), reeks([2016, 2019], [8.0, 6.0], [7.6, 5.6], [8.4, 6.4]))
    assert r["projectie"] is None and "te weinig metingen" in r["projectie_reden"]
    assert r["tempo_ratio"] == pytest.approx(1.0)
    assert r["status"] == "op koers"


def test_verkeerde_richting():
    # 8,0 -> 9,5 (9,0–10,0): z = 1,5 / 0,255107 = 5,88 -> significant, verkeerde kant
    r = beoordeel_indicator(eenzaam(), reeks([2020], [9.5], [9.0], [10.0]))
    assert r["verandering_significant"] is True
    assert r["status"] == "verkeerde richting" and r["kleur"] == "rood" and r["symbool"] == "▼"


def test_geen_meetbare_verandering():
    # 8,0 -> 7,8 (6,8–8,8): se 0,510214, z = -0,392 -> p = 0,695
    r = beoordeel_indicator(eenzaam(), reeks([2020], [7.8], [6.8], [8.8]))
    assert r["verandering_p"] == pytest.approx(0.695, abs=1e-3)
    assert r["status"] == "geen meetbare verandering" and r["symbool"] == "●"
    assert "binnen de foutmarge" in r["toelichting"]


def test_enkele_golf_is_onvoldoende_gegevens():
    r = beoordeel_indicator(eenzaam(), reeks([2016], [8.1], [7.5], [8.7]))
    assert r["laatste_jaar"] is None
    assert r["status"] == "onvoldoende gegevens" and r["kleur"] == "grijs" and r["symbool"] == "?"
    assert r["toelichting"].startswith("Voor het percentage ernstig eenzamen is na het peiljaar 2016")


def test_alle_waarden_gemarkeerd():
    r = beoordeel_indicator(
        eenzaam(), reeks([2018, 2020], [NAN, NAN], markering=["x", "."])
    )
    assert r["status"] == "onvoldoende gegevens"
    assert r["uitgesloten"] == (
        "2018: geheim ('x'); 2020: gegeven ontbreekt, is onvoldoende betrouwbaar of geheim ('.')"
    )
    assert "uitgesloten: 2018: geheim ('x')" in r["toelichting"]


def test_markering_wint_van_waarde_en_lege_waarde_wordt_uitgesloten():
    r = beoordeel_indicator(eenzaam(), reeks([2018, 2020, 2021], [7.0, NAN, 6.0], markering=["?", "", ""]))
    assert r["uitgesloten"] == "2018: onbetrouwbaar ('?'); 2020: geen waarde"
    assert r["laatste_jaar"] == 2021


def test_ontbrekende_grenzen_registratie():
    # geen grenzen: geen toets (None), de puntschatting beslist; trend OLS
    r = beoordeel_indicator(eenzaam(doel_jaar=2026), reeks([2016, 2018, 2020], [8.0, 7.0, 6.5]))
    assert r["verandering_p"] is None and r["verandering_significant"] is None
    assert r["trend_methode"] == "OLS"
    # OLS zoals in test_trend_ols_handberekend: P(Y<4 in 2026) = 0,41687 < 0,5 -> te langzaam
    assert r["kans_doel_gehaald"] == pytest.approx(0.41687, abs=1e-4)
    assert r["status"] == "vooruitgang, te langzaam"


def test_onderwerp_van_de_zin():
    r = beoordeel_indicator(eenzaam(naam="Ernstig eenzamen"), reeks([2020], [7.0]))
    assert r["toelichting"].startswith("Het percentage ernstig eenzamen daalde van 8,0 % (2016)")
    ind = banen(naam="Lopende re-integratievoorzieningen", eenheid="Aantal per 10.000 inwoners van 15 – 64 jaar",
                basis_waarde=295.3)
    r = beoordeel_indicator(ind, reeks([2022], [300.0]))
    assert r["toelichting"].startswith(
        "Het aantal lopende re-integratievoorzieningen per 10.000 inwoners van 15 – 64 jaar steeg van 295,3 (2020)"
    )


def test_ontbrekende_grenzen_geen_verandering_bij_gelijke_waarde():
    r = beoordeel_indicator(eenzaam(), reeks([2020], [8.0]))
    assert r["status"] == "geen meetbare verandering"
    assert "was 8,0 % in zowel 2016 als 2020" in r["toelichting"]


def test_basis_uit_meting_als_kader_geen_basis_heeft():
    ind = eenzaam(basis_jaar=None, basis_waarde=None, doel_type="geen", doel_waarde=None, doel_jaar=None)
    r = beoordeel_indicator(ind, reeks([2014, 2018], [9.0, 8.0], [8.5, 7.5], [9.5, 8.5]))
    assert r["basis_bron"] == "meting" and r["basis_jaar"] == 2014 and r["basis_waarde"] == 9.0
    # zonder doel: Eurostat-groei (8/9)^(1/4)-1 = -0,029 -> omgekeerd +2,9 %/jaar
    assert r["cagr_actueel"] == pytest.approx(-((8 / 9) ** 0.25 - 1))
    assert r["eurostat_klasse"] == v.KLASSE_SIGNIFICANT
    assert r["status"] == "op koers"
    assert r["toelichting"].endswith("er is geen kwantitatief doel, gewenst is een daling.")


def test_metingen_voor_peiljaar_tellen_niet_mee_voor_trend():
    r = beoordeel_indicator(eenzaam(doel_jaar=2026), reeks([2012, 2014, 2016, 2020], [9.0, 8.5, 8.1, 7.0]))
    assert r["trend_punten"] == 2  # 2016 en 2020


def test_nationale_vergelijking():
    # 6,5 (5,9–7,1) tegen NL 6,0 (5,9–6,1): verschil 0,5 ; p = 0,1072 -> niet significant
    nl = reeks([2020, 2022], [6.2, 6.0], [6.1, 5.9], [6.3, 6.1])
    r = beoordeel_indicator(eenzaam(), reeks([2016, 2022], [8.1, 6.5], [7.5, 5.9], [8.7, 7.1]), nl)
    assert r["nl_waarde"] == 6.0
    assert r["nl_verschil"] == pytest.approx(0.5)
    assert r["nl_p"] == pytest.approx(0.1072, abs=1e-4)
    assert r["nl_significant"] is False


def test_nationaal_zonder_meting_in_zelfde_jaar():
    nl = reeks([2020], [6.2], [6.1], [6.3])
    r = beoordeel_indicator(eenzaam(), reeks([2016, 2022], [8.1, 6.5]), nl)
    assert r["nl_waarde"] is None and r["nl_significant"] is None


def test_steekproefomvang_gebruikt_proportietoets():
    df = reeks([2016, 2022], [8.0, 6.5])
    df["n"] = [1000, 1000]
    # basis 8,0 uit kader; n van de meting 2016 wordt gebruikt: 80 van 1000 tegen 65 van 1000
    # gepoold 0,0725: se = sqrt(0,0725*0,9275*0,002) = 0,011597 ; z = -0,015/0,011597 = -1,2934 ; p = 0,1959
    r = beoordeel_indicator(eenzaam(), df)
    assert r["verandering_p"] == pytest.approx(0.1959, abs=1e-3)
    assert r["status"] == "geen meetbare verandering"


# ---------------------------------------------------------------- direction per year (seed 004)
def test_richting_per_jaar_tegen_referentie_en_vorig_jaar():
    # referentie 971,7 (2020). 2021: 975 (voor 2022, telt alleen als vorig jaar)
    # 2022: 970,0 -> t.o.v. referentie -1,7 (nee), t.o.v. 2021 -5 (nee)
    # 2023: 980,0 -> +8,3 (ja), t.o.v. 2022 +10 (ja)  => 1/2 en 1/2
    r = beoordeel_indicator(banen(), reeks([2020, 2021, 2022, 2023], [971.7, 975.0, 970.0, 980.0]))
    assert r["jaren_in_richting"] == "1/2"
    assert r["jaren_in_richting_vorig"] == "1/2"
    assert r["status"] == "vooruitgang, te langzaam"
    assert r["toelichting"] == (
        "Het aantal banen per 1.000 inwoners in de leeftijd 15 – 64 jaar steeg van 971,7 (2020) naar "
        "980,0 (2023); het streven is elk jaar hoger dan in 2020 "
        "(1 van 2 gemeten jaren in de gewenste richting)."
    )


def test_richting_per_jaar_tabel_met_significantie():
    ref = v.Meting(2020, 971.7, se=0.0)
    metingen = [
        v.Meting(2022, 975.0, 973.0, 977.0, v.se_uit_interval(973.0, 977.0)),
        v.Meting(2023, 990.0, 988.0, 992.0, v.se_uit_interval(988.0, 992.0)),
    ]
    tabel = v.richting_per_jaar(metingen, "hoger", ref, 2022, 2026)
    assert list(tabel["jaar"]) == [2022, 2023]
    assert list(tabel["vorig_jaar"]) == [2020, 2022]
    # 2022: 3,3 / 1,020428 = z 3,234 -> p 0,0012 ; 2023 t.o.v. 2022: 15 / (1,020428*sqrt 2) = z 10,39
    assert tabel.loc[0, "p_referentie"] == pytest.approx(0.00122, abs=1e-4)
    assert bool(tabel.loc[0, "significant_referentie"]) is True
    assert bool(tabel.loc[1, "significant_vorig"]) is True


def test_richting_per_jaar_alle_jaren_en_periode_voorbij_is_doel_gehaald():
    r = beoordeel_indicator(
        banen(doel_jaar=2023), reeks([2020, 2022, 2023], [971.7, 975.0, 980.0])
    )
    assert r["jaren_in_richting"] == "2/2"
    assert r["status"] == "doel gehaald"


def test_richting_per_jaar_op_koers_en_lager_is_beter():
    ind = banen(indicator_id="bijstand", naam="Personen met een bijstandsuitkering", richting="lager",
                basis_waarde=544.5)
    r = beoordeel_indicator(ind, reeks([2022, 2023], [540.0, 530.0]))
    assert r["jaren_in_richting"] == "2/2"
    assert r["status"] == "op koers"
    assert "elk jaar lager dan in 2020" in r["toelichting"]


def test_richting_per_jaar_nog_geen_jaar_in_doelperiode():
    # 2021 ligt voor de doelperiode (2022-2026): geen jaren te tellen, oordeel op de verandering
    r = beoordeel_indicator(banen(), reeks([2021], [980.0]))
    assert r["jaren_in_richting"] is None
    assert r["status"] == "op koers"


def test_richting_per_jaar_verkeerde_richting():
    r = beoordeel_indicator(banen(), reeks([2022, 2023], [965.0, 960.0]))
    assert r["jaren_in_richting"] == "0/2"
    assert r["status"] == "verkeerde richting"


# ---------------------------------------------------------------- input errors
def test_ongeldige_richting_geeft_invoerfout():
    with pytest.raises(InvoerFout, match="richting moet 'lager' of 'hoger'"):
        beoordeel_indicator(eenzaam(richting="omlaag"), reeks([2020], [7.0]))


def test_dubbel_jaar_geeft_invoerfout():
    with pytest.raises(InvoerFout, match="2020 meer dan eens"):
        beoordeel_indicator(eenzaam(), reeks([2020, 2020], [7.0, 6.0]))


def test_meting_zonder_jaar_geeft_invoerfout():
    with pytest.raises(InvoerFout, match="zonder jaar") as fout:
        beoordeel_indicator(eenzaam(), reeks([2020, None], [7.0, 6.0]))
    assert "sleutel 'eenzaam_ernstig'" in str(fout.value)


def test_waarde_doel_zonder_doelwaarde_geeft_invoerfout():
    with pytest.raises(InvoerFout, match="zonder doel_waarde"):
        beoordeel_indicator(eenzaam(doel_waarde=None), reeks([2020], [7.0]))


def test_series_invoer_en_pandas_na():
    ind = pd.Series(eenzaam(doel_vanaf_jaar=pd.NA, basis_jaar=np.int64(2016)))
    r = beoordeel_indicator(ind, reeks([2016, 2022], [8.1, 6.5], [7.5, 5.9], [8.7, 7.1]))
    assert r["status"] == "vooruitgang, te langzaam"


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
            "waarde": [8.1, 7.0, 6.5, 971.7, 980.0, 6.0],
            "ondergrens": [7.5, 6.4, 5.9, NAN, NAN, 5.9],
            "bovengrens": [8.7, 7.6, 7.1, NAN, NAN, 6.1],
            "markering": [""] * 6,
        }
    )


def test_beoordeel_alles_vorm_volgorde_en_types():
    df = beoordeel_alles(_indicatoren(), _metingen(), "GM0603", DEFAULT_DREMPELS)
    assert list(df.columns) == ["kader_id", "gemeente", *KOLOMMEN]
    assert list(df["indicator_id"]) == ["banen", "bijstand", "eenzaam_ernstig"]
    assert (df["gemeente"] == "GM0603").all()
    assert str(df["laatste_jaar"].dtype) == "Int64"
    assert str(df["verandering_significant"].dtype) == "boolean"
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
    assert terug["toelichting"].str.endswith(".").all()


def test_beoordeel_alles_mist_kolom():
    with pytest.raises(InvoerFout, match="gebied"):
        beoordeel_alles(_indicatoren(), _metingen().drop(columns="gebied"), "GM0603")


def test_toelichting_is_een_zin():
    df = beoordeel_alles(_indicatoren(), _metingen(), "GM0603")
    for zin in df["toelichting"]:
        assert zin.count(". ") == 0 and zin.endswith(".")

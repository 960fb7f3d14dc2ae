"""What the report says about red indicators and about a base value the kader does not give.

Hand-made inputs modelled on Rijswijk 2021-2022:

* three adult loneliness indicators: target missed, the change since 2016 not demonstrable
  (46 -> 50, within the margin), one youth indicator: target missed, 46 -> 42 (toward the target of 40,
  afstand (42 - 46) / (40 - 46) = 67 %) but within the margin (p = 0,07);
* two social-domain indicators with a demonstrable change the wrong way (status ``verkeerde richting``);
* volunteering without a base in the kader: voortgang measured 27 % in 2016 (first measurement) and
  29 % in 2022.
"""

from __future__ import annotations

import pandas as pd

from evaluatie.hoofdstukken import aanbevelingen, dashboard, samenvatting, zinnen
from evaluatie.hoofdstukken import thema as h

THEMAS = pd.DataFrame({"thema_id": ["eenzaamheid", "vrijwilligers", "sociaal_domein"],
                       "naam": ["Eenzaamheid", "Inzet van vrijwilligers", "Sociaal domein"]})


def _ind(iid, thema, naam, richting, basis_jaar, basis_waarde, doel_type, doel_waarde=None, doel_jaar=None):
    return {"indicator_id": iid, "thema_id": thema, "naam": naam, "eenheid": "%", "richting": richting,
            "is_percentage": True, "basis_jaar": basis_jaar, "basis_waarde": basis_waarde, "doel_type": doel_type,
            "doel_waarde": doel_waarde, "doel_jaar": doel_jaar, "doel_vanaf_jaar": None}


INDICATOREN = pd.DataFrame([
    _ind("e1965", "eenzaamheid", "Matig tot zeer ernstig eenzamen van 19-65 jaar", "lager", 2016, 46.0, "waarde", 40.0, 2022),
    _ind("ernstig", "eenzaamheid", "Ernstig eenzamen", "lager", 2016, 8.0, "waarde", 4.0, 2022),
    _ind("jong", "eenzaamheid", "Jongeren (12-18 jaar) die zich eenzaam voelen", "lager", 2019, 46.0, "waarde", 40.0, 2022),
    _ind("vrijwilligers", "vrijwilligers", "Deelname aan vrijwilligerswerk", "hoger", None, None, "geen"),
    _ind("jeugdhulp", "sociaal_domein", "Jongeren met jeugdhulp", "lager", 2020, 11.7, "richting_per_jaar"),
    _ind("reintegratie", "sociaal_domein", "Lopende re-integratievoorzieningen", "hoger", 2020, 295.3, "richting_per_jaar"),
])


def _vg(iid, thema, status, kleur, symbool, oordeel, verandering, basis, basis_jaar, laatste, laatste_jaar, bron="kader",
        dec=0):
    return {"indicator_id": iid, "thema_id": thema, "status": status, "kleur": kleur, "symbool": symbool,
            "verandering_oordeel": oordeel, "verandering": verandering, "basis_waarde": basis,
            "basis_jaar": basis_jaar, "basis_bron": bron, "basis_meting": basis, "basis_decimalen": dec,
            "laatste_waarde": laatste, "laatste_jaar": laatste_jaar, "laatste_decimalen": dec}


VOORTGANG = pd.DataFrame([
    _vg("e1965", "eenzaamheid", "doel niet gehaald", "rood", "✘", "binnen_foutmarge", 4.0, 46.0, 2016, 50.0, 2022),
    _vg("ernstig", "eenzaamheid", "doel niet gehaald", "rood", "✘", "binnen_foutmarge", 3.0, 8.0, 2016, 11.0, 2022),
    _vg("jong", "eenzaamheid", "doel niet gehaald", "rood", "✘", "binnen_foutmarge", -4.0, 46.0, 2019, 42.0, 2023),
    _vg("vrijwilligers", "vrijwilligers", "geen meetbare verandering", "oranje", "●", "binnen_foutmarge", 2.0,
        27.0, 2016, 29.0, 2022, bron="meting"),
    _vg("jeugdhulp", "sociaal_domein", "verkeerde richting", "rood", "▼", "hoger", 2.6, 11.7, 2020, 14.3, 2024, dec=1),
    _vg("reintegratie", "sociaal_domein", "verkeerde richting", "rood", "▼", "lager", -23.5, 295.3, 2020, 271.8, 2024, dec=1),
])
VOLGORDE = ["eenzaamheid", "vrijwilligers", "sociaal_domein"]


# ------------------------------------------------------------------ D2: the recommendation follows the status


def test_aanbeveling_zegt_per_indicator_wat_de_status_zegt():
    punten = aanbevelingen.gegenereerd(VOORTGANG, INDICATOREN, THEMAS, VOLGORDE, 0)
    eenzaamheid = next(p for p in punten if p.startswith("**Eenzaamheid:**"))
    assert eenzaamheid == (
        "**Eenzaamheid:** bij matig tot zeer ernstig eenzamen van 19-65 jaar en ernstig eenzamen is het doel niet "
        "gehaald en is een verandering sinds het basisjaar niet aantoonbaar. Bij jongeren (12-18 jaar) die zich "
        "eenzaam voelen is het doel niet gehaald; het cijfer ging wel richting het doel, maar die verandering is "
        "niet aantoonbaar. Zoek uit waardoor dat komt en pas de aanpak daarop aan voordat de activiteiten worden "
        "voortgezet.")
    assert "verkeerde kant" not in eenzaamheid


def test_aanbeveling_verkeerde_kant_alleen_bij_status_verkeerde_richting():
    punten = aanbevelingen.gegenereerd(VOORTGANG, INDICATOREN, THEMAS, VOLGORDE, 0)
    assert ("**Sociaal domein:** zoek uit waarom het bij jongeren met jeugdhulp en lopende "
            "re-integratievoorzieningen de verkeerde kant op gaat, en pas de aanpak daarop aan voordat de "
            "activiteiten worden voortgezet.") in punten
    assert [p for p in punten if "verkeerde kant" in p] == [next(p for p in punten if p.startswith("**Sociaal"))]


def test_aanbeveling_doel_niet_gehaald_maar_aantoonbaar_beter_of_slechter():
    v = VOORTGANG.copy()
    v.loc[v["indicator_id"] == "jong", "verandering_oordeel"] = "lager"     # 46 -> 42 demonstrable: better
    v.loc[v["indicator_id"] == "ernstig", "verandering_oordeel"] = "hoger"  # 8 -> 11 demonstrable: worse
    v.loc[v["indicator_id"] == "e1965", "verandering_oordeel"] = "niet_te_toetsen"
    [punt] = [p for p in aanbevelingen.gegenereerd(v, INDICATOREN, THEMAS, ["eenzaamheid"], 0)]
    assert punt == (
        "**Eenzaamheid:** bij ernstig eenzamen is het doel niet gehaald en gaat het aantoonbaar de verkeerde kant "
        "op. Bij jongeren (12-18 jaar) die zich eenzaam voelen is het doel niet gehaald, al gaat het aantoonbaar "
        "de goede kant op. Bij matig tot zeer ernstig eenzamen van 19-65 jaar is het doel niet gehaald; of het "
        "cijfer veranderde, is niet te toetsen. Zoek uit waardoor dat komt en pas de aanpak daarop aan voordat de "
        "activiteiten worden voortgezet.")


def test_rode_reden_per_geval():
    rij = lambda **k: pd.Series({"status": "doel niet gehaald", "verandering_oordeel": "binnen_foutmarge",
                                  "verandering": 0.0, **k})
    assert aanbevelingen.rode_reden(rij(status="verkeerde richting", verandering_oordeel="hoger"), "lager") \
        == "verkeerde_richting"
    assert aanbevelingen.rode_reden(rij(), "lager") == "niet_gehaald_gelijk"  # exactly no change
    assert aanbevelingen.rode_reden(rij(verandering=-4.0), "lager") == "niet_gehaald_richting_doel"
    assert aanbevelingen.rode_reden(rij(verandering=-4.0), "hoger") == "niet_gehaald_gelijk"  # away, not shown
    assert aanbevelingen.rode_reden(rij(verandering_oordeel="hoger"), "hoger") == "niet_gehaald_beter"
    assert aanbevelingen.rode_reden(rij(verandering_oordeel=pd.NA), "hoger") == "niet_gehaald_niet_te_toetsen"


def test_kernboodschap_telt_doel_niet_gehaald_apart_van_verkeerde_richting():
    b = samenvatting.kernboodschappen(VOORTGANG, INDICATOREN, THEMAS, VOLGORDE, pd.DataFrame(), pd.DataFrame(),
                                      pd.DataFrame(), "Rijswijk", None)
    assert b[0] == ("**Stand van de indicatoren.** Van de 6 indicatoren in dit rapport verandert er 1 niet "
                    "meetbaar of te langzaam, is bij 3 het doel niet gehaald en gaan er 2 de verkeerde kant op.")


# ------------------------------------------------------------------ D3: one base value everywhere


def test_dashboard_toont_eerste_meting_met_jaar_en_marker():
    rijen = dashboard.rijen(VOORTGANG, INDICATOREN, THEMAS, VOLGORDE, {"ernstig": ["basisjaar"]})
    basis = {r.indicator: r.basis for r in rijen}
    assert basis["Deelname aan vrijwilligerswerk"] == "27\u00a0% (2016†)"
    assert basis["Ernstig eenzamen"] == "8\u00a0% (2016*)"  # kader base with an assumed year: unchanged
    assert basis["Jongeren met jeugdhulp"] == "11,7\u00a0% (2020)"  # kader base, year given: no marker
    voet = dashboard.voetnoot_aannames({"ernstig": ["basisjaar"]}, rijen)
    assert voet.endswith("\n\n† Het beleidskader noemt voor deze indicator geen beginwaarde; als vergelijkingspunt "
                         "dient de eerste meting, met het jaar van die meting.\n")
    assert voet.startswith("\\* Aanname:")
    # without a first-measurement row or an assumption: no footnote at all
    zonder = [r for r in rijen if "†" not in r.basis]
    assert dashboard.voetnoot_aannames({}, zonder) == ""


def test_basis_kader_gaat_voor_en_zonder_meting_geen_waarde():
    ind = INDICATOREN.set_index("indicator_id")
    vg = VOORTGANG.set_index("indicator_id")
    assert dashboard.basis(ind.loc["ernstig"], vg.loc["ernstig"]) == (8.0, 2016, False)
    assert dashboard.basis(ind.loc["vrijwilligers"], vg.loc["vrijwilligers"]) == (27.0, 2016, True)
    assert dashboard.basis(ind.loc["vrijwilligers"], None) == (None, None, False)
    # a voortgang row without a measured base (no valid wave): the dash, never a bare value without a year
    leeg = vg.loc["vrijwilligers"].copy()
    leeg["basis_bron"], leeg["basis_waarde"], leeg["basis_jaar"] = None, float("nan"), None
    assert dashboard.basis_tekst(ind.loc["vrijwilligers"], leeg) == "–"


def test_thematabel_en_bevinding_noemen_dezelfde_basis():
    t = h.Thema("vrijwilligers", "Inzet van vrijwilligers", "", None,
                INDICATOREN[INDICATOREN["thema_id"] == "vrijwilligers"].reset_index(drop=True),
                VOORTGANG[VOORTGANG["thema_id"] == "vrijwilligers"].reset_index(drop=True),
                pd.DataFrame(), pd.DataFrame())
    tabel = h.indicatortabel(t, min_aantal=10)
    rij = next(r for r in tabel.splitlines() if r.startswith("| Deelname aan vrijwilligerswerk"))
    assert [c.strip() for c in rij.strip("|").split("|")][1] == "27\u00a0% (2016†)"
    assert ("\n† Het beleidskader noemt voor deze indicator geen beginwaarde; als vergelijkingspunt dient de "
            "eerste meting, met het jaar van die meting.\n") in tabel
    r = VOORTGANG.set_index("indicator_id").loc["vrijwilligers"].to_dict() | {"richting": "hoger",
                                                                             "is_percentage": True}
    assert "steeg van 27\u00a0% (2016, eerste meting) naar 29\u00a0% (2022)" in zinnen.zin(r, "Deelname aan vrijwilligerswerk")


def test_grijs_met_meting_vraagt_de_bron_om_meer_en_zonder_meting_om_een_meter():
    """Discriminatie was measured (8,7 % in 2020, 9,2 % in 2024) but grey because the source gives no margin:
    the recommendation must not say nobody measures it (a tester's finding); an indicator without any
    measurement still asks who will measure it."""
    themas = pd.DataFrame({"thema_id": ["inclusie"], "naam": ["Inclusie"]})
    indicatoren = pd.DataFrame([
        _ind("discriminatie", "inclusie", "Ervaren discriminatie", "lager", None, None, "geen"),
        _ind("beperking", "inclusie", "Deelname van mensen met een beperking", "hoger", None, None, "geen")])
    voortgang = pd.DataFrame([
        {**_vg("discriminatie", "inclusie", "onvoldoende gegevens", "grijs", "?", "niet_te_toetsen", 0.5, 8.7, 2020,
               9.2, 2024, bron="meting", dec=1), "verandering_methode": "z_logit_grens"},
        _vg("beperking", "inclusie", "onvoldoende gegevens", "grijs", "?", None, None, None, None, None, None)])
    punten = aanbevelingen.gegenereerd(voortgang, indicatoren, themas, ["inclusie"], 0)
    assert punten[0] == ("**Inclusie:** spreek af wie deelname van mensen met een beperking gaat meten; zonder "
                         "meting is niet te zeggen of het beleid werkt.")
    assert punten[1] == ("**Inclusie:** ervaren discriminatie wordt wel gemeten, maar de bron geeft geen foutmarge en "
                         "geen steekproefomvang. Vraag de bron om die gegevens; zonder is niet te zeggen of een "
                         "verandering echt is.")
    assert punten[2] == "**Inclusie:** stel een meetbaar doel met een beginwaarde en een jaar."


def test_grijs_met_een_enkele_meting_vraagt_een_tweede():
    themas = pd.DataFrame({"thema_id": ["inclusie"], "naam": ["Inclusie"]})
    indicatoren = pd.DataFrame([_ind("nieuw", "inclusie", "Nieuwe indicator", "hoger", None, None, "geen")])
    voortgang = pd.DataFrame([{**_vg("nieuw", "inclusie", "onvoldoende gegevens", "grijs", "?", None, None, 30.0,
                                     2024, 30.0, 2024, bron="meting"), "verandering_methode": None}])
    punten = aanbevelingen.gegenereerd(voortgang, indicatoren, themas, ["inclusie"], 0)
    assert punten[0] == ("**Inclusie:** nieuwe indicator wordt wel gemeten, maar er is pas één meting. Zonder een "
                         "tweede meting is niet te zeggen of het beleid werkt.")


def test_grijs_zonder_kolom_laatste_waarde_telt_als_ongemeten():
    """The earlier fallback (False instead of a mask) raised a KeyError as soon as a grey row had no
    ``laatste_waarde`` column; such a row is unmeasured."""
    themas = pd.DataFrame({"thema_id": ["inclusie"], "naam": ["Inclusie"]})
    indicatoren = pd.DataFrame([_ind("beperking", "inclusie", "Deelname van mensen met een beperking", "hoger",
                                     None, None, "geen")])
    voortgang = pd.DataFrame([{"indicator_id": "beperking", "thema_id": "inclusie", "kleur": "grijs",
                               "status": "onvoldoende gegevens"}])
    punten = aanbevelingen.gegenereerd(voortgang, indicatoren, themas, ["inclusie"], 0)
    assert punten[0].startswith("**Inclusie:** spreek af wie deelname van mensen met een beperking gaat meten")

"""Parts of the council report: dashboard, key messages, assumptions, recommendations, cover."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from evaluatie.hoofdstukken import aannames, aanbevelingen, dashboard, kaft, samenvatting
from evaluatie.hoofdstukken.tabellen import met_breedtes

THEMAS = pd.DataFrame({"thema_id": ["eenzaamheid", "mantelzorg"], "naam": ["Eenzaamheid", "Mantelzorgondersteuning"]})
INDICATOREN = pd.DataFrame({
    "indicator_id": ["mantelzorgers", "ernstig", "jong"],
    "thema_id": ["mantelzorg", "eenzaamheid", "eenzaamheid"],
    "naam": ["Inwoners die mantelzorg geven", "Ernstig eenzamen", "Eenzame jongeren"],
    "eenheid": ["%", "%", "%"], "richting": ["hoger", "lager", "lager"], "is_percentage": [True, True, True],
    "basis_jaar": [None, 2016, 2019], "basis_waarde": [None, 8.0, 46.0],
    "doel_type": ["geen", "waarde", "waarde"], "doel_waarde": [None, 4.0, 40.0], "doel_jaar": [None, 2022, 2022],
    "doel_vanaf_jaar": [None, None, None],
})
VOORTGANG = pd.DataFrame({
    "indicator_id": ["ernstig", "mantelzorgers", "jong"],
    "thema_id": ["eenzaamheid", "mantelzorg", "eenzaamheid"],
    "laatste_waarde": [11.0, 16.0, 42.0], "laatste_jaar": [2022, 2022, 2023],
    "basis_meting": [8.0, 14.0, 46.0],
    # the kader gives no base for mantelzorgers: voortgang measured against its first measurement
    "basis_waarde": [8.0, 14.0, 46.0], "basis_jaar": [2016, 2016, 2019], "basis_bron": ["kader", "meting", "kader"],
    "nl_waarde": [12.0, 19.0, float("nan")],
    "nl_significant": [True, True, None],
    "status": ["verkeerde richting", "geen meetbare verandering", "op koers"],
    "kleur": ["rood", "oranje", "groen"], "symbool": ["▼", "●", "▲"],
})


def test_dashboard_volgt_hoofdstukken_en_toont_alle_kolommen():
    rijen = dashboard.rijen(VOORTGANG, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"],
                            {"ernstig": ["basisjaar", "doeljaar"]})
    assert [r.indicator for r in rijen] == ["Ernstig eenzamen", "Eenzame jongeren", "Inwoners die mantelzorg geven"]
    ernstig, jong, mantel = rijen
    assert (ernstig.basis, ernstig.doel, ernstig.laatste) == ("8,0\u00a0% (2016*)", "4,0\u00a0% (2022*)", "11,0\u00a0% (2022)")
    assert ernstig.nederland == "12,0\u00a0%" and ernstig.status == "▼ verkeerde richting"
    assert jong.nederland == "–"  # no comparison available: a dash, not an error
    assert mantel.doel == "geen doel vastgesteld" and mantel.basis == "14,0\u00a0% (2016†)"
    md = dashboard.als_markdown(rijen)
    for kop in dashboard.KOPPEN:
        assert f"[{kop}]" in md and f">{kop}</th>" in md


def test_dashboard_toont_oordeel_nederland_als_de_kolom_er_is():
    v = VOORTGANG.assign(nl_vergelijking=["lager", "binnen_foutmarge", None], nl_jaar=[2022, 2022, None])
    rijen = dashboard.rijen(v, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"])
    assert rijen[0].nederland == "12,0\u00a0% (2022), lager"
    assert rijen[2].nederland == "19,0\u00a0% (2022), niet aantoonbaar anders"  # not "gelijk": only not shown to differ


def test_word_dashboard_is_een_gewone_tabel():
    md = dashboard.als_markdown(dashboard.rijen(VOORTGANG, INDICATOREN, THEMAS, ["eenzaamheid"]), met_raw=False)
    assert "```" not in md and "| Eenzaamheid: Ernstig eenzamen |" in md


def test_kernboodschappen_tellen_en_noemen_de_verkeerde_richting():
    b = samenvatting.kernboodschappen(VOORTGANG, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"],
                                      pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), "Rijswijk",
                                      "**Wat gaat door?** test")
    assert 3 <= len(b) <= 6
    assert b[0].startswith("**Stand van de indicatoren.** Van de 3 indicatoren")
    assert "gaat er 1 de goede kant op" in b[0] and "gaat er 1 de verkeerde kant op" in b[0]
    doelen = next(x for x in b if x.startswith("**Eenzaamheid.**"))
    assert "De raad stelde voor dit thema 2 doelen met een streefwaarde; 1 daarvan is gehaald of op koers" in doelen
    assert "Ernstig eenzamen: 11,0\u00a0% in 2022, doel 4,0\u00a0%" in doelen
    nl = next(x for x in b if x.startswith("**Vergelijking met Nederland.**"))
    assert "scoort Rijswijk bij 1 gunstiger en bij 1 ongunstiger dan Nederland." in nl  # no 'bij 0 …'
    assert any("Mantelzorgondersteuning".lower() in x for x in b)


def test_vergelijking_met_nederland_zonder_verschil_zegt_dat_in_woorden():
    v = VOORTGANG.assign(nl_significant=[False, False, None])
    b = samenvatting.kernboodschappen(v, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"],
                                      pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), "Rijswijk", None)
    nl = next(x for x in b if x.startswith("**Vergelijking met Nederland.**"))
    assert nl.endswith("Van de 2 indicatoren die we met Nederland konden vergelijken, verschillen er geen "
                       "aantoonbaar: Rijswijk scoort niet gunstiger en niet ongunstiger dan Nederland.")
    assert any("Mantelzorgondersteuning".lower() in x for x in b)


def test_eigen_samenvatting_met_kernboodschappen_vervangt_de_gegenereerde():
    eigen = "### Kernboodschappen\n\nOnze eigen boodschap."
    tekst = samenvatting.hoofdstuk(["gegenereerd"], eigen, "DASH", "")
    assert "Onze eigen boodschap." in tekst and "gegenereerd" not in tekst and "DASH" in tekst
    aanvulling = samenvatting.hoofdstuk(["gegenereerd"], "Eerst dit.", "DASH", "")
    assert aanvulling.index("Eerst dit.") < aanvulling.index("gegenereerd")


@pytest.mark.parametrize("tekst, groep", [
    ("inwoners 19-65 jaar", (19, 65)), ("18 tot 65 jaar", (18, 64)), ("65 jaar of ouder", (65, math.inf)),
    ("inwoners ouder dan 65 jaar", (66, math.inf)), ("15 t/m 64 jaar", (15, 64)),
    ("jongeren 12 tot 23 jaar", (12, 22)), ("inwoners (leeftijdsgroep niet vermeld)", None),
])
def test_leeftijdsgroep(tekst, groep):
    assert aannames.leeftijdsgroep(tekst) == groep


def test_aannames_vinden_jaren_en_leeftijdsverschil():
    ind = [{"id": "e1965", "naam": "Eenzamen 19-65", "populatie": "inwoners 19-65 jaar",
            "basis": {"jaar": 2016, "jaar_aangenomen": True}, "doel": {"jaar": 2022, "jaar_aangenomen": True}},
           {"id": "banen", "naam": "Banen", "populatie": "inwoners 15-64 jaar",
            "basis": {"jaar": 2020, "jaar_aangenomen": False}, "doel": {"type": "richting_per_jaar"}}]
    koppeling = {"e1965": {"leeftijd": "18 tot 65 jaar"}, "banen": {"leeftijd": "15 t/m 64 jaar"}}
    lijst = aannames.zoek(ind, koppeling)
    assert aannames.per_indicator(lijst) == {"e1965": ["basisjaar", "doeljaar", "leeftijd"]}
    [(naam, zin)] = aannames.kort(lijst)
    assert zin.startswith("Het basisjaar 2016 en het doeljaar 2022 zijn aannames")
    assert "19 tot en met 65 jaar" in zin and "18 tot en met 64 jaar" in zin


def test_aanbevelingen_uit_de_standen():
    punten = aanbevelingen.gegenereerd(VOORTGANG, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"], 8)
    assert any("ernstig eenzamen" in p and "verkeerde kant" in p for p in punten)
    assert any(p.startswith("**Mantelzorgondersteuning:** stel") for p in punten)
    assert any("de 8 activiteiten" in p for p in punten)
    assert aanbevelingen.hoofdstuk("Eigen advies.", punten) == "# Aanbevelingen\n\nEigen advies.\n"


def test_kaft_status():
    meta = {"status": "definitief", "vastgesteld": "12 december 2026", "datum": "1 december 2026",
            "periode": "2021-2022", "auteur": "Team Onderzoek", "gemeente": "Rijswijk"}
    regels = dict(kaft.kaftregels(meta))
    assert regels["Status"] == "Definitief, vastgesteld door het college op 12 december 2026"
    assert regels["Opgesteld door"] == "Team Onderzoek" and "Contact" not in regels
    assert kaft.statusregel({"status": "concept"}).startswith("Concept")


def test_tabelbreedtes():
    tabel = "| a | b |\n|:---|---:|\n| 1 | 2 |"
    assert met_breedtes(tabel, [10, 5]).split("\n")[1] == "|:---------|----:|"


def test_kernboodschappen_zonder_indicatoren_noemen_acties_en_plafond():
    acties = pd.DataFrame({"actie_id": ["a", "b", "c"], "status": ["groen", "rood", None]})
    kaders = pd.DataFrame({"kader_id": ["lv"], "titel": ["Plan"], "budget_plafond_eur": [1_580_267.0],
                           "kosten_boven_plafond_pct": [2.0]})
    b = samenvatting.kernboodschappen(pd.DataFrame(), INDICATOREN.iloc[0:0], THEMAS, ["eenzaamheid"],
                                      pd.DataFrame(), pd.DataFrame(), kaders, "Leidschendam-Voorburg",
                                      "**Wat gaat door?** x", acties)
    assert len(b) >= 3
    assert "Daarvan staan er 1 op groen en 1 op rood. Van 1 is de status (nog) niet vastgelegd." in b[1]
    assert "€\u00a01.580.267" in b[2] and "2\u00a0%" in b[2]
    assert "geen dashboard" in samenvatting.hoofdstuk(b, None, "", "")


def test_the_council_report_names_its_peiljaar_in_the_disclaimer():
    from evaluatie.hoofdstukken import kaft

    tekst = kaft.disclaimer(2022)
    assert "de monitorgegevens tot en met 2022, het laatste jaar van de evaluatieperiode; latere cijfers komen in " \
           "een volgende evaluatie." in tekst
    assert kaft.disclaimer() == kaft.DISCLAIMER
    assert tekst in kaft.docx_kaft({"gemeente": "Rijswijk", "datum": "1 december 2026", "periode": "2021-2022",
                                    "disclaimer": tekst})


def test_dashboard_cells_let_only_long_words_be_hyphenated():
    """'beroepsbevolking' (16 letters) ran 7 pt into the next dashboard column (tester, session 9)."""
    assert dashboard.typst_cel("Percentage van de werkzame beroepsbevolking") == (
        '[#"Percentage van de werkzame "#text(hyphenate: true, "beroepsbevolking")]')
    assert dashboard.typst_cel("Ernstig eenzamen") == '[#"Ernstig eenzamen"]'
    assert dashboard.typst_cel("gezondheidsmonitor_jeugd.csv") == '[#"gezondheidsmonitor_jeugd.csv"]'
    assert dashboard.typst_cel('Ideeënbusvergaderingen "x" #a') == (
        '[#text(hyphenate: true, "Ideeënbusvergaderingen")#" \\"x\\" \\u{23}a"]')


def test_kernboodschap_names_a_target_that_cannot_be_judged_yet():
    """The 12-18 survey measures in 2019, 2021 and 2023: in the edition 2021-2022 its 2022 target is open."""
    v = VOORTGANG.copy()
    v.loc[v["indicator_id"] == "jong", ["laatste_waarde", "laatste_jaar", "status", "kleur"]] = [
        43.0, 2021, "geen meetbare verandering", "oranje"]
    b = samenvatting.kernboodschappen(v, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"], pd.DataFrame(),
                                      pd.DataFrame(), pd.DataFrame(), "Rijswijk", None, peiljaar=2022)
    doelen = next(x for x in b if x.startswith("**Eenzaamheid.**"))
    assert ("Nog niet vast te stellen, want er is in deze evaluatieperiode geen meting uit of na het doeljaar: "
            "Eenzame jongeren: doel 40,0\u00a0% in 2022, laatste meting 43,0\u00a0% in 2021.") in doelen
    # an edition that ends before the target year: nothing is open yet
    b = samenvatting.kernboodschappen(v, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"], pd.DataFrame(),
                                      pd.DataFrame(), pd.DataFrame(), "Rijswijk", None, peiljaar=2021)
    assert not any("Nog niet vast te stellen" in x for x in b)


def test_an_open_target_counts_neither_as_on_course_nor_as_wrong_way():
    """The theme conclusion and the key message use one rule (hoofdstukken.doelen): a 2022 target whose latest
    wave is from 2021 is open in a 2021-2022 edition, whatever its trend status says."""
    v = VOORTGANG.assign(doel_oordeel=["niet_gehaald", None, "nog_niet_gehaald"])
    v.loc[v["indicator_id"] == "jong", ["laatste_waarde", "laatste_jaar"]] = [43.0, 2021]  # status 'op koers'
    b = samenvatting.kernboodschappen(v, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"], pd.DataFrame(),
                                      pd.DataFrame(), pd.DataFrame(), "Rijswijk", None, peiljaar=2022)
    zin = next(x for x in b if x.startswith("**Eenzaamheid.**"))
    assert "2 doelen met een streefwaarde; geen daarvan is gehaald of op koers." in zin
    assert "Nog niet vast te stellen" in zin and "Eenzame jongeren: doel 40,0\u00a0% in 2022" in zin
    # the same target in a wrong-way trend is named once, as open
    v.loc[v["indicator_id"] == "jong", ["status", "kleur"]] = ["verkeerde richting", "rood"]
    zin = next(x for x in samenvatting.kernboodschappen(
        v, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"], pd.DataFrame(), pd.DataFrame(), pd.DataFrame(),
        "Rijswijk", None, peiljaar=2022) if x.startswith("**Eenzaamheid.**"))
    assert zin.count("Eenzame jongeren") == 1 and "Nog niet vast te stellen" in zin


def test_a_direction_target_reads_as_the_method_judges_it():
    """Every year of the period lower than in the base year; 'elk jaar dalen' read as a fall year on year."""
    from evaluatie.hoofdstukken import opmaak

    assert opmaak.richtingsdoel("lager", 2020, 2022, 2026) == "elk jaar lager dan in 2020 (2022–2026)"
    assert opmaak.richtingsdoel("hoger", float("nan"), 2022, 2026) == "elk jaar hoger (2022–2026)"


def test_een_gemist_doel_binnen_de_foutmarge_draagt_dat_voorbehoud_overal():
    """Jongeren 12-18 (2023-2024): 42 % [39–45] against a target of 40 %: missed, and called missed, but the
    dashboard, the key message and the recommendation carry the caveat that the sentence carries."""
    from evaluatie.hoofdstukken import aanbevelingen

    v = VOORTGANG.assign(doel_oordeel=["niet_gehaald", None, "niet_gehaald_binnen_foutmarge"],
                         verandering_oordeel=["hoger", None, "binnen_foutmarge"], verandering=[3.0, None, -4.0])
    v.loc[v["indicator_id"] == "jong", ["status", "kleur", "symbool"]] = ["doel niet gehaald", "rood", "✘"]
    rijen = dashboard.rijen(v, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"])
    assert [r.status for r in rijen] == ["▼ verkeerde richting", "✘ doel niet gehaald, binnen de foutmarge",
                                         "● geen meetbare verandering"]
    b = samenvatting.kernboodschappen(v, INDICATOREN, THEMAS, ["eenzaamheid", "mantelzorg"], pd.DataFrame(),
                                      pd.DataFrame(), pd.DataFrame(), "Rijswijk", None)
    zin = next(x for x in b if x.startswith("**Eenzaamheid.**"))
    assert ("Eenzame jongeren: 42,0\u00a0% in 2023, doel 40,0\u00a0% (het doel valt nog binnen de foutmarge van de "
            "meting)") in zin
    punten = aanbevelingen.gegenereerd(v, INDICATOREN, THEMAS, ["eenzaamheid"], 0)
    assert ("Bij eenzame jongeren is het doel niet gehaald, al valt het nog binnen de foutmarge van de meting: de "
            "volgende meting moet uitwijzen of het verschil echt is.") in punten[0]


def test_kernboodschap_voor_een_thema_met_richtingsdoelen():
    """Programma Sociaal Domein: 'elk jaar lager/hoger dan in 2020'; the theme had no key message at all."""
    ind = pd.DataFrame({"indicator_id": ["banen", "jeugdhulp", "bijstand"], "thema_id": ["sd"] * 3,
                        "naam": ["Banen", "Jongeren met jeugdhulp", "Personen met een bijstandsuitkering"],
                        "eenheid": ["aantal"] * 3, "richting": ["hoger", "lager", "lager"],
                        "is_percentage": [False, True, False], "basis_jaar": [2020] * 3,
                        "basis_waarde": [971.7, 11.7, 544.5], "doel_type": ["richting_per_jaar"] * 3,
                        "doel_waarde": [None] * 3, "doel_jaar": [2026] * 3, "doel_vanaf_jaar": [2022] * 3})
    v = pd.DataFrame({"indicator_id": ["banen", "jeugdhulp", "bijstand"], "thema_id": ["sd"] * 3,
                      "laatste_waarde": [962.1, 13.1, 538.5], "laatste_jaar": [2022] * 3,
                      "status": ["geen meetbare verandering", "doel niet gehaald", "op koers"],
                      "kleur": ["oranje", "rood", "groen"], "symbool": ["●", "✘", "▲"]})
    themas = pd.DataFrame({"thema_id": ["sd"], "naam": ["Sociaal domein"]})
    b = samenvatting.kernboodschappen(v, ind, themas, ["sd"], pd.DataFrame(), pd.DataFrame(), pd.DataFrame(),
                                      "Rijswijk", None, peiljaar=2022)
    assert ("**Sociaal domein.** Voor 3 indicatoren is het streven dat het cijfer elk jaar beter is dan in het "
            "beginjaar; 1 daarvan is op koers. Niet meer te halen, want een jaar was al aantoonbaar slechter: "
            "jongeren met jeugdhulp.") in b


def test_aanbeveling_vraagt_geen_koerswijziging_als_het_de_goede_kant_op_gaat():
    """Banen (2023-2024): target missed (2023 below 2020) but demonstrably higher since 2020: the recommendation
    does not tell the council to change course."""
    from evaluatie.hoofdstukken import aanbevelingen

    v = VOORTGANG.assign(doel_oordeel=["niet_gehaald", None, None], verandering_oordeel=["lager", None, None],
                         status=["doel niet gehaald", "geen meetbare verandering", "op koers"])
    punten = aanbevelingen.gegenereerd(v, INDICATOREN, THEMAS, ["eenzaamheid"], 0)
    assert punten[0] == ("**Eenzaamheid:** bij ernstig eenzamen is het doel niet gehaald, al gaat het aantoonbaar de "
                         "goede kant op. Volg deze indicatoren bij de volgende meting en ga na of de aanpak volstaat "
                         "om het doel alsnog te halen.")

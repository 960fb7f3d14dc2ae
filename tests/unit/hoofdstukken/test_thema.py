"""Theme chapter building blocks: tables, sentences and the researchers' conclusion."""

import pandas as pd
import pytest

from evaluatie.hoofdstukken import thema as h
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.hoofdstukken.rapport import vervang_conclusie
from evaluatie.gedeeld.instellingen import laad_instellingen
from evaluatie.voortgang.beoordeel import beoordeel_alles


def _thema():
    indicatoren = pd.DataFrame([{
        "indicator_id": "eenzaam_ernstig", "thema_id": "eenzaamheid", "naam": "Ernstig eenzamen",
        "eenheid": "%", "richting": "lager", "basis_jaar": 2016, "basis_waarde": 8.0, "doel_type": "waarde",
        "doel_waarde": 4.0, "doel_jaar": 2022, "doel_vanaf_jaar": pd.NA, "is_percentage": True,
    }])
    reeksen = pd.DataFrame({
        "indicator_id": ["eenzaam_ernstig"] * 5,
        "gebied": ["GM0603", "GM0603", "GM1916", "NL01", "WK060300"],
        "gebied_niveau": ["gemeente", "gemeente", "gemeente", "land", "wijk"],
        "gebied_naam": ["Rijswijk", "Rijswijk", "Leidschendam-Voorburg", "Nederland", "Wijk 00"],
        "jaar": [2016, 2022, 2022, 2022, 2022],
        "waarde": [8.0, 11.0, 7.0, 12.0, 15.0],
        "ondergrens": [6.0, 9.8, 5.0, 11.9, 12.0],
        "bovengrens": [10.0, 12.3, 9.0, 12.1, 18.0],
        "markering": [""] * 5,
        "onzekerheid": ["modelschatting"] * 5,
    })
    indicatoren["kader_id"] = "rijswijk_welzijn"
    voortgang = beoordeel_alles(indicatoren, reeksen, "GM0603")
    return h.Thema("eenzaamheid", "Eenzaamheid", "", None, indicatoren, voortgang, reeksen,
                   pd.DataFrame(columns=["actie_id", "naam", "status"]))


def test_indicator_table_quotes_baseline_target_and_latest():
    tabel = h.indicatortabel(_thema(), min_aantal=10)
    # precision as published: the policy text says "8%" and "4%", the series has one decimal (9,8; 12,3)
    assert ("| Ernstig eenzamen | 8\u00a0% (2016) | 4\u00a0% (2022) | 11,0\u00a0% (2022) | niets: verder van het doel dan bij de start | verschil met Nederland (12,0\u00a0%) binnen de foutmarge "
            "| ✘ doel niet gehaald |") in tabel


    assert "_Afgelegd naar het doel_: welk deel van de afstand" in tabel


@pytest.mark.parametrize("fractie,tekst", [
    (1.2, "doel bereikt"), (1.0, "doel bereikt"), (0.996, "bijna alles (meer dan 99\u00a0%)"),
    (0.67, "67\u00a0% van de afstand"), (0.004, "niets"), (0.0, "niets"), (-0.004, "niets"),
    (-0.75, "niets: verder van het doel dan bij de start"),
])
def test_distance_covered_in_words(fractie, tekst):
    """Hand-computed: (laatste - basis) / (doel - basis); 8 -> 11 with target 4 is (11-8)/(4-8) = -0.75."""
    assert h.afgelegd(fractie) == tekst


def test_figure_source_names_the_publisher_and_only_statline_numbers():
    reeks = pd.DataFrame({"bron": ["RIVM", "RIVM", "CBS Jeugd", "CBS", None],
                          "tabel": ["50120NED", "50150NED", "sociaal_domein_indicatoren",
                                    "sociaal_domein_indicatoren", "50120NED"]})
    assert h.bronvermelding(reeks) == "CBS; CBS Jeugd; RIVM, tabel 50120NED; RIVM, tabel 50150NED; tabel 50120NED"
    assert "sociaal_domein" not in h.bronvermelding(reeks.drop(columns="bron"))


def test_finding_compares_with_peers_and_nederland_but_not_districts():
    tekst = h.bevindingen(_thema())
    assert ("Ter vergelijking, in 2022: Rijswijk 11,0\u00a0%, Leidschendam-Voorburg 7,0\u00a0%, Nederland 12,0\u00a0%."
            in tekst)
    assert "Het doel van 4\u00a0% in 2022 is niet gehaald: de meting ligt 7,0\u00a0procentpunt boven het doel." in tekst
    # the comparable municipality with the same rule as Nederland: 11,0 [9,8–12,3] vs 7,0 [5,0–9,0] do not overlap
    assert "Ten opzichte van Leidschendam-Voorburg: hoger." in tekst
    assert "Wijk 00" not in tekst


def test_no_comparison_sentence_without_peers():
    t = _thema()
    t.reeksen = t.reeksen[t.reeksen["gebied"] != "GM1916"]
    assert "Ter vergelijking" not in h.bevindingen(t)


def test_researchers_text_replaces_generated_conclusion():
    hoofdstuk = "## Conclusie\n\n" + h.conclusie(_thema())
    gegenereerd = vervang_conclusie(hoofdstuk, None)
    assert "Van de 1 indicator van dit thema is de stand" in gegenereerd
    assert "data/raw" not in gegenereerd and "onderzoekers kunnen" not in gegenereerd  # no editing instructions
    eigen = vervang_conclusie(hoofdstuk, "Onze eigen conclusie.")
    assert "Onze eigen conclusie." in eigen and "van dit thema is de stand" not in eigen
    assert "<!--" not in eigen


def test_comparison_municipality_must_be_a_cbs_code(tmp_path):
    params = (laad_instellingen().root / "params.yaml").read_text(encoding="utf-8")
    (tmp_path / "params.yaml").write_text(params.replace("  - GM1916", "  - Delft"), encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        laad_instellingen(tmp_path)
    assert "vergelijkingsgemeenten[0]" in str(fout.value)


def test_conclusion_says_which_past_targets_were_missed():
    tekst = h.conclusie(_thema())
    assert "Het doel met doeljaar 2022 is niet gehaald." in tekst
    assert "1 × doel niet gehaald" in tekst


def _thema_zonder_meting_in_doeljaar():
    """The 12-18 survey: waves 2019 and 2021, target 40 % in 2022 (no 2022 wave)."""
    t = _thema()
    ind = t.indicatoren.assign(indicator_id="jong", naam="Jongeren", basis_jaar=2019, basis_waarde=46.0,
                               doel_waarde=40.0)
    reeksen = pd.DataFrame({"indicator_id": ["jong", "jong"], "gebied": ["GM0603"] * 2,
                            "gebied_niveau": ["gemeente"] * 2, "gebied_naam": ["Rijswijk"] * 2,
                            "jaar": [2019, 2021], "waarde": [46.0, 43.0], "ondergrens": [43.0, 40.0],
                            "bovengrens": [49.0, 46.0], "markering": [""] * 2,
                            "onzekerheid": ["directe_schatting"] * 2})
    voortgang = pd.concat([t.voortgang, beoordeel_alles(ind, reeksen, "GM0603")], ignore_index=True)
    return h.Thema(t.thema_id, t.naam, "", None, pd.concat([t.indicatoren, ind], ignore_index=True), voortgang,
                   pd.concat([t.reeksen, reeksen], ignore_index=True), t.acties)


def test_conclusion_names_a_past_target_without_a_measurement_from_its_year():
    t = _thema_zonder_meting_in_doeljaar()
    assert t.voortgang.set_index("indicator_id").loc["jong", "doel_oordeel"] == "nog_niet_gehaald"
    tekst = h.conclusie(t, peiljaar=2022)
    assert ("Het doel met doeljaar 2022 is niet gehaald. Voor 1 doel met doeljaar 2022 is er in deze "
            "evaluatieperiode geen meting uit of na dat jaar (de laatste is van 2021); of het is gehaald, stelt een "
            "volgende evaluatie vast.") in tekst
    # before the target year has passed (a 2019-2020 edition) it is simply not due yet: no sentence
    assert "geen meting uit of na" not in h.conclusie(t, peiljaar=2021)
    assert "geen meting uit of na" not in h.conclusie(t)


def test_conclusion_does_not_call_the_year_of_a_target_met_early_past():
    """Target 4 % in 2026, met by the 2022 wave (3,5 %): decided, but 2026 has not passed."""
    t = _thema()
    ind = t.indicatoren.assign(doel_jaar=2026, doel_waarde=4.0)
    reeksen = t.reeksen.copy()
    reeksen.loc[(reeksen["gebied"] == "GM0603") & (reeksen["jaar"] == 2022), ["waarde", "ondergrens", "bovengrens"]] = [
        3.5, 3.0, 3.9]
    v = beoordeel_alles(ind, reeksen, "GM0603")
    assert v.loc[0, "doel_oordeel"] == "gehaald"
    tekst = h.conclusie(h.Thema(t.thema_id, t.naam, "", None, ind, v, reeksen, t.acties), peiljaar=2022)
    assert "1 doel met doeljaar 2026 is al vóór dat jaar gehaald." in tekst
    assert "voorbij" not in tekst


def test_conclusion_counts_met_targets_in_good_dutch():
    t = _thema()
    v = pd.concat([t.voortgang.assign(indicator_id=i) for i in "abc"], ignore_index=True)
    v["doel_oordeel"] = ["gehaald", "niet_gehaald", "niet_gehaald"]
    tekst = h.conclusie(h.Thema(t.thema_id, t.naam, "", None, t.indicatoren, v, t.reeksen, t.acties))
    assert "Van de 3 doelen met een doeljaar dat voorbij is (2022) is er 1 gehaald." in tekst
    v["doel_oordeel"] = "gehaald_binnen_foutmarge"
    tekst = h.conclusie(h.Thema(t.thema_id, t.naam, "", None, t.indicatoren, v, t.reeksen, t.acties))
    assert "Alle 3 doelen met een doeljaar dat voorbij is (2022) zijn gehaald." in tekst


def test_conclusion_says_a_direction_target_can_no_longer_be_met():
    ind = pd.DataFrame([{"indicator_id": "banen", "thema_id": "werk", "naam": "Banen", "eenheid": "aantal",
                         "richting": "hoger", "basis_jaar": 2020, "basis_waarde": 971.7,
                         "doel_type": "richting_per_jaar", "doel_waarde": pd.NA, "doel_jaar": 2026,
                         "doel_vanaf_jaar": 2022, "is_percentage": False, "kader_id": "psd"}])
    reeksen = pd.DataFrame({"indicator_id": ["banen"] * 3, "gebied": ["GM0603"] * 3,
                            "gebied_niveau": ["gemeente"] * 3, "gebied_naam": ["Rijswijk"] * 3,
                            "jaar": [2020, 2022, 2023], "waarde": [971.7, 960.0, 990.0],
                            "ondergrens": [float("nan")] * 3, "bovengrens": [float("nan")] * 3,
                            "markering": [""] * 3, "onzekerheid": ["registratie"] * 3})
    v = beoordeel_alles(ind, reeksen, "GM0603")
    tekst = h.conclusie(h.Thema("werk", "Werk", "", None, ind, v, reeksen,
                                pd.DataFrame(columns=["actie_id", "naam", "status"])), peiljaar=2023)
    assert ("1 doel met doeljaar 2026 is niet meer te halen: een jaar van de doelperiode was al aantoonbaar "
            "slechter dan het beginjaar.") in tekst
    assert "gehaald." not in tekst.split("niet meer te halen")[0]

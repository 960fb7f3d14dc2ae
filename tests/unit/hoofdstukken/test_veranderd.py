"""'Wat is er veranderd sinds de vorige evaluatie': table and summary sentence from the recorded metrics."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.hoofdstukken import veranderd

VORIG = ROOT / "data/raw/edities/2021-2022/voortgang_metrics.json"
CODES = {"doel gehaald": 7, "op koers": 5, "vooruitgang, te langzaam": 4, "geen meetbare verandering": 3,
         "verkeerde richting": 2, "doel niet gehaald": 1, "onvoldoende gegevens": 0}


def _voortgang(statussen: dict[str, str], waarde: float = 10.0) -> pd.DataFrame:
    return pd.DataFrame([{"indicator_id": i, "naam": f"Indicator {i}", "status": s, "laatste_waarde": waarde,
                          "laatste_jaar": 2024, "is_percentage": True, "laatste_decimalen": 0}
                         for i, s in statussen.items()])


def _vorig(tmp_path: Path, statussen: dict[str, str]) -> dict:
    pad = tmp_path / "voortgang_metrics.json"
    pad.write_text(json.dumps({"indicatoren": {
        i: {"status": s, "status_code": CODES[s], "laatste_waarde": 12.0, "laatste_jaar": 2022,
            "laatste_decimalen": 0} for i, s in statussen.items()}}), encoding="utf-8")
    return veranderd.lees(pad)


def test_improvement_and_deterioration_counted_in_table_and_sentence(tmp_path):
    vorig = _vorig(tmp_path, {"a": "doel niet gehaald", "b": "op koers", "c": "verkeerde richting",
                              "d": "op koers", "e": "onvoldoende gegevens"})
    rs = veranderd.rijen(vorig, _voortgang({"a": "op koers", "b": "verkeerde richting", "c": "op koers",
                                            "d": "op koers", "e": "op koers", "f": "doel gehaald"}), CODES)
    per = {r.indicator_id: r.verandering for r in rs}
    assert per == {"a": "verbeterd", "b": "verslechterd", "c": "verbeterd", "d": "gelijk",
                   "e": "niet te vergelijken", "f": "nieuw"}
    zin = veranderd.zin(rs, "2021-2022")
    assert ("Ten opzichte van de evaluatie 2021-2022: 2 indicatoren verbeterden van status, 1 verslechterde en "
            "1 bleef gelijk; bij 2 indicatoren is geen vergelijking mogelijk") in zin
    tekst = veranderd.hoofdstuk(rs, "2021-2022", "2023-2024")
    assert ("| Indicator a | ✘ doel niet gehaald; 12\u00a0% (2022) | ▲ op koers; 10\u00a0% (2024) | verbeterd |"
            in tekst)
    assert "| Indicator | Evaluatie 2021-2022 | Evaluatie 2023-2024 | Status veranderd? |" in tekst
    assert "voortgang_metrics.json" not in tekst and "data/raw" not in tekst  # no file names for the council


def test_no_verdict_in_either_edition_is_not_counted_as_equal(tmp_path):
    vorig = _vorig(tmp_path, {"a": "onvoldoende gegevens", "b": "op koers"})
    rs = veranderd.rijen(vorig, _voortgang({"a": "onvoldoende gegevens", "b": "onvoldoende gegevens"}), CODES)
    assert [r.verandering for r in rs] == ["niet te vergelijken", "niet te vergelijken"]
    assert veranderd.zin(rs, "2021-2022").endswith(
        "Ten opzichte van de evaluatie 2021-2022 is bij geen enkele indicator een vergelijking mogelijk (te weinig "
        "gegevens, nieuw of vervallen).")


def test_sentence_says_when_there_is_no_new_measurement(tmp_path):
    """Same latest year in both editions: 'gelijk' is then no measured stability, and the sentence says so."""
    vorig = _vorig(tmp_path, {"a": "op koers", "b": "op koers"})  # recorded: 2022
    nu = _voortgang({"a": "op koers", "b": "op koers"})
    nu.loc[nu["indicator_id"] == "a", "laatste_jaar"] = 2022
    rs = veranderd.rijen(vorig, nu, CODES)
    assert [r.zelfde_meting for r in rs] == [True, False]
    assert veranderd.zin(rs, "2021-2022").endswith(
        "Bij 1 van de 2 indicatoren is er sinds de vorige evaluatie geen nieuwe meting; daar is 'gelijk' dus geen "
        "gemeten stabiliteit.")


def test_rows_follow_the_dashboard_order(tmp_path):
    vorig = _vorig(tmp_path, {"a": "op koers", "b": "op koers", "c": "op koers"})
    rs = veranderd.rijen(vorig, _voortgang({"a": "op koers", "b": "op koers", "c": "op koers"}), CODES,
                         volgorde=["c", "a", "b"])
    assert [r.indicator_id for r in rs] == ["c", "a", "b"]


def test_one_status_better_changes_row_and_sentence(tmp_path):
    vorig = _vorig(tmp_path, {"a": "verkeerde richting", "b": "op koers"})
    voor = veranderd.rijen(vorig, _voortgang({"a": "verkeerde richting", "b": "op koers"}), CODES)
    na = veranderd.rijen(vorig, _voortgang({"a": "op koers", "b": "op koers"}), CODES)
    assert ": geen indicator veranderde van status (2 bleven gelijk)." in veranderd.zin(voor, "2021-2022")
    assert ": 1 indicator verbeterde van status en 1 bleef gelijk." in veranderd.zin(na, "2021-2022")


def test_dropped_indicator_is_listed_as_vervallen(tmp_path):
    vorig = _vorig(tmp_path, {"a": "op koers", "weg": "op koers"})
    rs = veranderd.rijen(vorig, _voortgang({"a": "op koers"}), CODES)
    assert [(r.indicator_id, r.verandering) for r in rs] == [("a", "gelijk"), ("weg", "vervallen")]


def test_shipped_2021_2022_record_reads():
    vorig = veranderd.lees(VORIG)
    assert vorig["eenzaam_ernstig"].status_code == CODES[vorig["eenzaam_ernstig"].status]


def test_missing_previous_metrics_refused_naming_the_file(tmp_path):
    pad = tmp_path / "edities" / "2021-2022" / "voortgang_metrics.json"
    with pytest.raises(InvoerFout, match=r"edities/2021-2022/voortgang_metrics\.json.*ontbreken"):
        veranderd.lees(pad)


@pytest.mark.parametrize("inhoud,melding", [
    ("{niet json", "geen geldige JSON"),
    ('{"per_status": {}}', "indicatoren"),
    ('{"indicatoren": {"a": {"status": "op koers", "status_code": "vijf"}}}', "indicatoren.a"),
    ('{"indicatoren": {"a": {"status": "op koers", "status_code": 5, "laatste_waarde": "tien"}}}',
     "laatste_waarde"),
])
def test_malformed_previous_metrics_refused_naming_the_file(tmp_path, inhoud, melding):
    pad = tmp_path / "voortgang_metrics.json"
    pad.write_text(inhoud, encoding="utf-8")
    with pytest.raises(InvoerFout, match=melding) as fout:
        veranderd.lees(pad)
    assert str(pad) in str(fout.value)


def test_unit_follows_the_name_unless_a_plain_percentage(tmp_path):
    """A rate per 1 000 inhabitants printed as a bare '1.001,0' could be read as a count: the unit is
    written out behind the name ('jr. eo' -> 'jaar en ouder', '15 – 64' -> '15–64'); a plain '%' is not
    repeated, a qualified percentage is named."""
    vorig = _vorig(tmp_path, {"banen": "op koers", "bijstand": "op koers", "jeugd": "op koers", "pct": "op koers"})
    nu = _voortgang({"banen": "op koers", "bijstand": "op koers", "jeugd": "op koers", "pct": "op koers"})
    nu["eenheid"] = ["Aantal per 1.000 inwoners in de leeftijd 15 – 64 jaar", "Aantal per 10.000 inwoners 18 jr. eo",
                     "% van alle jongeren tot 18 jaar", "%"]
    nu["is_percentage"] = [False, False, True, True]
    tekst = veranderd.hoofdstuk(veranderd.rijen(vorig, nu, CODES), "2021-2022", "2023-2024")
    assert "| Indicator banen (aantal per 1.000 inwoners in de leeftijd 15–64 jaar) | ▲ op koers; 12 (2022) |" in tekst
    assert "| Indicator bijstand (aantal per 10.000 inwoners van 18 jaar en ouder) |" in tekst
    assert "| Indicator jeugd (percentage van alle jongeren tot 18 jaar) |" in tekst
    assert "| Indicator pct | ▲ op koers; 12\u00a0% (2022) |" in tekst
    assert "staat ze tussen haakjes achter de naam van de indicator" in tekst
    assert "waarom de gegevens niet volstaan, staat bij de indicator in het themahoofdstuk" in tekst

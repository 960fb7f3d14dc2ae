"""Issue 18, point 7: limits per unit, kader sizes and years, units of kader and monitor, and the
gemeenten the report names must be in the monitor data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import CORPUS, ROOT
from evaluatie.gedeeld.definities import eenheid_soort
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest import koppel, laad_koppeling, lees_bestand, lees_monitor_map
from evaluatie.ingest.kader import controleer_jaren, kader_tabellen, laad_kader, valideer_map
from evaluatie.ingest.kader import lezen as kader_lezen
from evaluatie.ingest.koppeling import controleer_eenheden, controleer_gebieden

KADER = ROOT / "data" / "raw" / "kader" / "rijswijk"
MONITOR = ROOT / "data" / "raw" / "monitor"
KOP = "bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid\n"


@pytest.mark.parametrize("eenheid, soort", [
    ("%", "percentage"), ("% van alle jongeren tot 18 jaar", "percentage"), ("aantal", "telling"),
    ("aantal jongeren", "telling"), ("Aantal cliënten", "telling"), ("personen", "telling"),
    ("Aantal per 10.000 inwoners", "ratio"), ("aantal per 1.000 inwoners", "ratio"), ("euro", ""), ("", "")])
def test_kind_of_unit(eenheid, soort):
    assert eenheid_soort(eenheid) == soort


@pytest.mark.parametrize("waarde, eenheid, melding", [
    ("1e309", "aantal", "niet eindig"), ("-1e309", "%", "niet eindig"), ("1e308", "aantal per 1.000 inwoners",
                                                                            "hoogstens 1e12"),
    ("-1", "aantal jongeren", "negatief aantal -1"), ("-0,5", "aantal per 10.000 inwoners", "negatief aantal"),
    ("100,5", "%", "buiten 0–100")])
def test_number_limits_per_unit(tmp_path, waarde, eenheid, melding):
    pad = tmp_path / "m.csv"
    pad.write_text(KOP + f"CBS;t;v;GM0603;;2020;{waarde};;;;{eenheid}\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        lees_bestand(pad)
    assert fout.value.rij == 1 and fout.value.kolom == "waarde" and melding in fout.value.melding


def test_negative_values_of_other_units_and_of_balances_are_accepted(tmp_path):
    pad = tmp_path / "m.csv"
    pad.write_text(KOP + "CBS;t;uitgaven;GM0603;;2020;-12,5;;;;euro\n"
                   "CBS;t;Migratiesaldo;GM0603;;2020;-40;;;;aantal\n", encoding="utf-8")
    assert sorted(lees_bestand(pad)["waarde"].tolist()) == [-40.0, -12.5]


def test_deeply_nested_json_is_refused_by_name(tmp_path):
    pad = tmp_path / "diep.json"
    pad.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        lees_bestand(pad)
    assert fout.value.bestand == str(pad) and "te diep genest" in fout.value.melding


def _kader_met(tmp_path: Path, oud: str, nieuw: str) -> Path:
    tekst = (KADER / "welzijn.yaml").read_text(encoding="utf-8")
    assert oud in tekst
    pad = tmp_path / "welzijn.yaml"
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    return pad


def test_kader_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(kader_lezen, "MAX_KADER_BYTES", 1000)
    with pytest.raises(InvoerFout) as fout:
        laad_kader(KADER / "welzijn.yaml")
    assert "te groot" in fout.value.melding and fout.value.bestand.endswith("welzijn.yaml")


def test_baseline_after_the_report_year_is_refused_with_line():
    kader = laad_kader(CORPUS / "kader" / "basisjaar_in_de_toekomst.yaml")  # baseline 2031, target 2032
    controleer_jaren([kader], 2031)  # the report of 2031 may use it
    with pytest.raises(InvoerFout) as fout:
        controleer_jaren([kader], 2026)
    assert fout.value.sleutel == "indicatoren[0].basis.jaar" and "2031" in fout.value.melding
    assert "regel 130" in fout.value.melding


def test_target_far_beyond_the_report_year_is_refused(tmp_path):
    pad = _kader_met(tmp_path, "      jaar: 2022\n", "      jaar: 2099\n")
    with pytest.raises(InvoerFout) as fout:
        controleer_jaren([laad_kader(pad)], 2026)
    assert fout.value.sleutel == "indicatoren[0].doel.jaar" and "2099" in fout.value.melding


def test_shipped_kaders_pass_the_year_check():
    controleer_jaren(valideer_map(KADER), 2026)


def test_kader_unit_and_is_percentage_must_agree(tmp_path):
    pad = _kader_met(tmp_path, '    eenheid: "%"\n', "    eenheid: aantal\n")
    with pytest.raises(InvoerFout) as fout:
        laad_kader(pad)
    assert fout.value.sleutel == "indicatoren[0].eenheid" and "is_percentage is true" in fout.value.melding


def test_kader_count_is_declared_or_follows_from_the_unit(tmp_path):
    pad = _kader_met(tmp_path, "    is_percentage: true\n", "    is_percentage: false\n")
    pad.write_text(pad.read_text(encoding="utf-8").replace('    eenheid: "%"\n', "    eenheid: aantal deelnemers\n", 1),
                   encoding="utf-8")
    kader = laad_kader(pad)
    assert kader.indicatoren[0].telling and not kader.indicatoren[1].telling
    tabel = kader_tabellen([kader])["indicatoren"].set_index("indicator_id")["telling"]
    assert tabel["eenzaam_ernstig"] and tabel.sum() == 1
    slecht = _kader_met(tmp_path, "    is_percentage: true\n", "    is_percentage: true\n    telling: ja\n")
    with pytest.raises(InvoerFout) as fout:
        laad_kader(slecht)
    assert fout.value.sleutel == "indicatoren[0].telling"


def test_koppeling_declares_counts(tmp_path):
    tekst = (MONITOR / "koppeling.yaml").read_text(encoding="utf-8")
    pad = tmp_path / "koppeling.yaml"
    pad.write_text(tekst.replace("  wmo_maatwerk:\n", "  wmo_maatwerk:\n    telling: true\n", 1), encoding="utf-8")
    koppeling = laad_koppeling(pad)
    gekoppeld = koppel(lees_monitor_map(MONITOR), koppeling, "GM0603")
    telt = gekoppeld.groupby("indicator_id")["telling"].all()
    assert telt["wmo_maatwerk"] and not telt.drop("wmo_maatwerk").any()
    pad.write_text(tekst.replace("  wmo_maatwerk:\n", "  wmo_maatwerk:\n    telling: 1\n", 1), encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        laad_koppeling(pad)
    assert fout.value.sleutel == "indicatoren.wmo_maatwerk.telling"


@pytest.fixture(scope="module")
def gekoppeld_rijswijk():
    kaders = valideer_map(KADER)
    tabellen = kader_tabellen(kaders)
    koppeling = laad_koppeling(MONITOR / "koppeling.yaml")
    metingen = lees_monitor_map(MONITOR)
    return kaders, tabellen["indicatoren"], koppeling, metingen


def test_shipped_data_passes_area_and_unit_checks(gekoppeld_rijswijk):
    kaders, indicatoren, koppeling, metingen = gekoppeld_rijswijk
    controleer_gebieden(metingen, koppeling, indicatoren, "GM0603", ["GM1916"], Path("params.yaml"))
    controleer_eenheden(koppel(metingen, koppeling, "GM0603"), indicatoren, kaders, koppeling)


def test_unknown_comparison_municipality_is_named(gekoppeld_rijswijk):
    _, indicatoren, koppeling, metingen = gekoppeld_rijswijk
    with pytest.raises(InvoerFout) as fout:
        controleer_gebieden(metingen, koppeling, indicatoren, "GM0603", ["GM1916", "GM9999"], Path("params.yaml"))
    assert fout.value.sleutel == "vergelijkingsgemeenten[1]" and "GM9999" in fout.value.melding


def test_monitor_file_without_the_gemeente_is_named(gekoppeld_rijswijk):
    _, indicatoren, koppeling, metingen = gekoppeld_rijswijk
    zonder = metingen[~((metingen["bestand"] == "inclusie.csv") & (metingen["gebied"] == "GM0603"))]
    zonder = pd.concat([zonder, metingen[metingen["bestand"] == "inclusie.csv"].assign(gebied="GM0599")])
    with pytest.raises(InvoerFout) as fout:
        controleer_gebieden(zonder, koppeling, indicatoren, "GM0603", [], Path("params.yaml"), MONITOR)
    assert fout.value.bestand == str(MONITOR / "inclusie.csv")
    assert "GM0603" in fout.value.melding and "inclusie_discriminatie" in fout.value.melding


def test_kader_count_against_monitor_percentage_is_refused(gekoppeld_rijswijk):
    kaders, indicatoren, koppeling, metingen = gekoppeld_rijswijk
    anders = indicatoren.copy()
    rij = anders["indicator_id"] == "eenzaam_ernstig"
    anders.loc[rij, "eenheid"] = "aantal"
    anders.loc[rij, "is_percentage"] = False
    with pytest.raises(InvoerFout) as fout:
        controleer_eenheden(koppel(metingen, koppeling, "GM0603"), anders, kaders, koppeling)
    assert fout.value.bestand.endswith("welzijn.yaml") and fout.value.sleutel == "indicatoren[0].eenheid"
    assert "'%'" in fout.value.melding and "eenzaam_ernstig" in fout.value.melding

"""koppeling.yaml and koppel(): each indicator gets its own rows for the
municipality, Nederland and the municipality's districts."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest import koppel, laad_koppeling, lees_bestand, lees_monitor_map
from evaluatie.ingest.koppeling import KOPPEL_KOLOMMEN
from conftest import FIXTURES, ROOT

KOPPELING = ROOT / "data" / "raw" / "monitor" / "koppeling.yaml"
FIX = FIXTURES / "monitor"

CONTRACT_IDS = {
    "eenzaam_ernstig", "eenzaam_jongeren_12_18", "eenzaam_19_65", "eenzaam_65plus",
    "banen", "jongeren_delict", "kinderen_uitkeringsgezin", "netto_arbeidsparticipatie",
    "werkloze_jongeren", "bijstand", "reintegratie", "jeugdhulp", "jeugdbescherming",
    "jeugdreclassering", "wmo_maatwerk",
}
VOORLOPIG = {"vrijwilligers_vrijwilligerswerk", "mantelzorg_mantelzorgers", "inclusie_discriminatie"}


def test_koppeling_dekt_alle_contractindicatoren():
    k = laad_koppeling(KOPPELING)
    ids = set(k.indicatoren["indicator_id"])
    assert ids == CONTRACT_IDS | VOORLOPIG
    rij = k.indicatoren.set_index("indicator_id")
    assert rij.loc["eenzaam_ernstig", "tabel"] == "50120NED"
    assert rij.loc["eenzaam_ernstig", "leeftijd"] == "18 jaar of ouder"
    assert rij.loc["eenzaam_19_65", "leeftijd"] == "18 tot 65 jaar"
    assert "18 tot 65 jaar" in rij.loc["eenzaam_19_65", "opmerking"]
    assert rij.loc["eenzaam_jongeren_12_18", "tabel"] != "50120NED"
    assert set(rij.loc[sorted(CONTRACT_IDS - {"eenzaam_ernstig", "eenzaam_jongeren_12_18",
                                               "eenzaam_19_65", "eenzaam_65plus"}), "kader_id"]) == {
        "rijswijk_sociaal_domein"
    }
    assert k.tabellen["50120NED"]["basis_url"].startswith("https://dataderden.cbs.nl/")


def test_koppel_op_gemeente_land_en_wijken():
    metingen = lees_bestand(FIX / "50120NED_untyped")
    k = laad_koppeling(KOPPELING)
    uit = koppel(metingen, k, "GM0603")
    assert list(uit.columns) == KOPPEL_KOLOMMEN
    # this fixture only holds Eenzaam_27 for 18+, which no indicator uses
    assert uit.empty
    # the typed fixture has Eenzaam_27 for 65+ and ErnstigZeerErnstigEenzaam_28 for 18+
    metingen = lees_bestand(FIX / "50120NED_typed.json")
    uit = koppel(metingen, k, "GM0603")
    assert sorted(set(uit["indicator_id"])) == ["eenzaam_65plus", "eenzaam_ernstig"]
    oud = uit[uit["indicator_id"] == "eenzaam_65plus"]
    assert [
        (r.gebied, r.gebied_niveau, r.jaar, r.waarde, r.ondergrens, r.bovengrens, r.veld)
        for r in oud.itertuples()
    ] == [
        ("GM0603", "gemeente", 2016, 52.0, 50.0, 54.0, "Eenzaam_27"),
        ("GM0603", "gemeente", 2022, 55.0, 53.0, 57.0, "Eenzaam_27"),
        ("WK060300", "wijk", 2016, 49.0, 43.0, 55.0, "Eenzaam_27"),
        ("WK060300", "wijk", 2022, 53.0, 47.0, 59.0, "Eenzaam_27"),
    ]
    # another municipality: no districts of Rijswijk, no Rijswijk
    assert koppel(metingen, k, "GM1916").empty


def test_koppel_herkent_statline_titels_en_laat_andere_gemeenten_weg():
    metingen = lees_bestand(FIX / "50120NED_statline_cp1252.csv")  # veld = column title
    uit = koppel(metingen, KOPPELING, "GM0603")
    ernstig = uit[uit["indicator_id"] == "eenzaam_ernstig"]
    assert [(r.gebied, r.jaar, r.markering, r.veld) for r in ernstig.itertuples()] == [
        ("NL01", 2022, "", "Ernstig/zeer ernstig eenzaam"),
        ("GM0603", 2022, "x", "Ernstig/zeer ernstig eenzaam"),
        ("WK060301", 2022, "-", "Ernstig/zeer ernstig eenzaam"),
    ]
    assert math.isnan(ernstig.iloc[1]["waarde"])


def test_koppel_marges_geen_laat_grenzen_weg(tmp_path):
    pad = tmp_path / "sd.csv"
    pad.write_text(
        "bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid\n"
        "CBS;sociaal_domein_indicatoren;bijstand_per_10000_18plus;GM0603;18 jaar of ouder;2020;544,5;530;560;;aantal\n"
        "CBS;sociaal_domein_indicatoren;bijstand_per_10000_18plus;GM0604;18 jaar of ouder;2020;300;;;;aantal\n",
        encoding="utf-8",
    )
    uit = koppel(lees_bestand(pad), KOPPELING, "GM0603")
    assert len(uit) == 1
    r = uit.iloc[0]
    assert (r["indicator_id"], r["waarde"], r["demo"]) == ("bijstand", 544.5, False)
    assert math.isnan(r["ondergrens"]) and math.isnan(r["bovengrens"])


def test_koppel_weigert_foute_gemeentecode():
    with pytest.raises(InvoerFout):
        koppel(lees_bestand(FIX / "sjabloon_komma.csv"), KOPPELING, "Rijswijk")


@pytest.mark.parametrize(
    ("wijziging", "sleutel"),
    [
        (("    marges: 95%-betrouwbaarheidsinterval\n", "    marges: ja\n"), "indicatoren.eenzaam_ernstig.marges"),
        (("    veld: ErnstigZeerErnstigEenzaam_28\n", ""), "indicatoren.eenzaam_ernstig.veld"),
        (("    veld_status: bevestigd door onafhankelijke openbare code\n", "    veldstatus: x\n"), "indicatoren.eenzaam_ernstig.veldstatus"),
    ],
)
def test_koppeling_fouten_noemen_sleutel(tmp_path, wijziging, sleutel):
    tekst = KOPPELING.read_text(encoding="utf-8")
    assert wijziging[0] in tekst
    pad = tmp_path / "koppeling.yaml"
    pad.write_text(tekst.replace(wijziging[0], wijziging[1], 1), encoding="utf-8")
    with pytest.raises(InvoerFout) as info:
        laad_koppeling(pad)
    assert info.value.sleutel == sleutel


def test_koppel_op_demodata_geeft_elke_indicator_rijen(tmp_path):
    from evaluatie.demo import genereer_demo

    genereer_demo(tmp_path)
    shutil.copy(KOPPELING, tmp_path / "koppeling.yaml")
    uit = koppel(lees_monitor_map(tmp_path), tmp_path / "koppeling.yaml", "GM0603")
    per = uit.groupby("indicator_id").size()
    assert set(per.index) == CONTRACT_IDS | VOORLOPIG
    assert uit["demo"].all()
    # 50120NED indicators: NL01 + GM0603 + 5 districts, 4 waves
    assert per["eenzaam_ernstig"] == 7 * 4
    assert set(uit.loc[uit["indicator_id"] == "eenzaam_ernstig", "gebied_niveau"]) == {"land", "gemeente", "wijk"}
    # Leidschendam-Voorburg is in the snapshot but never in Rijswijk's rows
    assert "GM1916" not in set(uit["gebied"])
    # the order: indicator, level (land, gemeente, wijk), area, year
    eerste = uit[uit["indicator_id"] == "eenzaam_ernstig"].head(5)
    assert list(eerste["gebied"]) == ["NL01"] * 4 + ["GM0603"]
    assert pd.api.types.is_bool_dtype(uit["demo"])


# --------------------------------------------------------------------------- issue 15: table versions


def _sjabloon(tmp_path: Path, naam: str, regels: list[str]) -> Path:
    """A template CSV (the simplest way to put rows of any table id into metingen)."""
    pad = tmp_path / naam
    kop = "bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid"
    pad.write_text("\n".join([kop, *regels]) + "\n", encoding="utf-8")
    return pad


def test_opvolger_50150ned_wordt_gekoppeld_en_oudere_versie_gaat_voor(tmp_path):
    """One indicator names 50120NED (Eenzaam_27) and 50150NED (Eenzaam_25): the 2024 wave comes
    from 50150NED only; a wave in both versions is taken from the main table."""
    _sjabloon(tmp_path, "oud.csv", ["RIVM;50120NED;Eenzaam_27;GM0603;65 jaar of ouder;2022;52;;;;%"])
    _sjabloon(tmp_path, "nieuw.csv", ["RIVM;50150NED;Eenzaam_25;GM0603;65 jaar of ouder;2022;53;;;;%",
                                      "RIVM;50150NED;Eenzaam_25;GM0603;65 jaar of ouder;2024;50;;;;%"])
    uit = koppel(lees_monitor_map(tmp_path), laad_koppeling(KOPPELING), "GM0603")
    rijen = uit[uit["indicator_id"] == "eenzaam_65plus"].set_index("jaar")
    assert rijen.loc[2022, ["tabel", "waarde"]].tolist() == ["50120NED", 52.0]
    assert rijen.loc[2024, ["tabel", "waarde", "veld"]].tolist() == ["50150NED", 50.0, "Eenzaam_25"]


def test_verslag_noemt_bestand_zonder_gekoppeld_veld(tmp_path):
    from evaluatie.ingest.koppeling import koppel_verslag

    _sjabloon(tmp_path, "onbekend.csv", ["RIVM;50150NED;Roken_40;GM0603;18 jaar of ouder;2024;20;;;;%",
                                         "RIVM;50150NED;Eenzaam_25;GM0603;18 jaar of ouder;2024;40;;;;%"])
    _sjabloon(tmp_path, "vreemd.csv", ["CBS;70072NED;Totale bevolking;GM0603;;2023;57997;;;;aantal"])
    verslag = koppel_verslag(lees_monitor_map(tmp_path), laad_koppeling(KOPPELING))
    assert verslag == [
        "onbekend.csv: 1 van de 2 velden gekoppeld",
        "vreemd.csv: 0 van de 1 velden gekoppeld (tabel 70072NED staat niet in koppeling.yaml)",
    ]


def test_titel_met_themapad_koppelt_zonder_themapad(tmp_path):
    """A StatLine title with theme path and unit matches veld_titel without them."""
    from evaluatie.ingest.koppeling import titelsleutel

    assert titelsleutel("Gezondheid/Eenzaamheid/Ernstig/zeer ernstig eenzaam (%)") == "ernstig/zeer ernstig eenzaam"
    assert titelsleutel("Ernstig/zeer ernstig eenzaam") == "ernstig/zeer ernstig eenzaam"
    pad = tmp_path / "50120NED_download.csv"
    pad.write_text(
        '"Perioden";"Regio\'s";"Leeftijd";"Gezondheid/Eenzaamheid/Ernstig/zeer ernstig eenzaam (%)"\n'
        '"2022";"Rijswijk (ZH.)";"18 jaar of ouder";"9"\n', encoding="utf-8")
    uit = koppel(lees_bestand(pad), laad_koppeling(KOPPELING), "GM0603")
    assert uit.loc[uit["indicator_id"] == "eenzaam_ernstig", "waarde"].tolist() == [9.0]


def test_ook_met_onbekende_sleutel_geweigerd(tmp_path):
    tekst = KOPPELING.read_text(encoding="utf-8").replace(
        "      - {tabel: 50150NED, veld: SterkEenzaam_26}", "      - {tabel: 50150NED, sleutel: SterkEenzaam_26}", 1)
    pad = tmp_path / "koppeling.yaml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(InvoerFout) as info:
        laad_koppeling(pad)
    assert info.value.sleutel == "indicatoren.eenzaam_ernstig.ook[0].sleutel"

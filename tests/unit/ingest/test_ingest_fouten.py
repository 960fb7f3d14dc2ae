"""Bad input is refused with an InvoerFout naming file, row and column."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest import lees_bestand, lees_monitor_map
from conftest import FIXTURES

FIX = FIXTURES / "monitor"

# row numbers of the typed fixture: ID + 1; order Marges x Leeftijd x gebied x jaar
RIJ_GM_18_2016_WAARDE = 1
RIJ_GM_18_2016_ONDER = 9
RIJ_GM_18_2016_BOVEN = 17


def weiger(pad: Path) -> InvoerFout:
    with pytest.raises(InvoerFout) as info:
        lees_bestand(pad)
    fout = info.value
    assert pad.name in str(fout)
    return fout


# --- OData snapshots -----------------------------------------------------------------


@pytest.fixture
def bundel():
    return json.loads((FIX / "50120NED_typed.json").read_text(encoding="utf-8"))


def schrijf(tmp_path: Path, bundel: dict) -> Path:
    pad = tmp_path / "50120NED.json"
    pad.write_text(json.dumps(bundel), encoding="utf-8")
    return pad


def rij(bundel, nr):
    return bundel["TypedDataSet"]["value"][nr - 1]


def test_odata_percentage_boven_100(tmp_path, bundel):
    rij(bundel, RIJ_GM_18_2016_WAARDE)["Eenzaam_27"] = 120.0
    rij(bundel, RIJ_GM_18_2016_BOVEN)["Eenzaam_27"] = 125.0
    fout = weiger(schrijf(tmp_path, bundel))
    assert (fout.rij, fout.kolom, fout.sleutel) == (1, "Eenzaam_27", "TypedDataSet")
    assert "120" in fout.melding and "0–100" in fout.melding
    assert "rij 1, kolom 'Eenzaam_27'" in str(fout)


def test_odata_ondergrens_boven_waarde(tmp_path, bundel):
    rij(bundel, RIJ_GM_18_2016_ONDER)["Eenzaam_27"] = 48.0  # value is 47
    fout = weiger(schrijf(tmp_path, bundel))
    assert (fout.rij, fout.kolom) == (RIJ_GM_18_2016_ONDER, "Eenzaam_27")
    assert "ondergrens 48 ligt boven de waarde 47" in fout.melding


def test_odata_bovengrens_onder_waarde(tmp_path, bundel):
    rij(bundel, RIJ_GM_18_2016_BOVEN)["ErnstigZeerErnstigEenzaam_28"] = 7.0  # value is 8
    fout = weiger(schrijf(tmp_path, bundel))
    assert (fout.rij, fout.kolom) == (RIJ_GM_18_2016_BOVEN, "ErnstigZeerErnstigEenzaam_28")
    assert "bovengrens 7 ligt onder de waarde 8" in fout.melding


def test_odata_ongeldige_periode(tmp_path, bundel):
    bundel["Perioden"]["value"].append({"Key": "2022XY99", "Title": "iets"})
    rij(bundel, 4)["Perioden"] = "2022XY99"
    fout = weiger(schrijf(tmp_path, bundel))
    assert (fout.rij, fout.kolom) == (4, "Perioden")
    assert "ongeldige periode '2022XY99'" in fout.melding


def test_odata_kwartaal_overgeslagen_en_geteld(tmp_path, bundel):
    """Issue 15: a table mixing years and quarters keeps the yearly rows and counts the rest."""
    bundel["Perioden"]["value"].append({"Key": "2022KW01", "Title": "2022 1e kwartaal"})
    rij(bundel, 4)["Perioden"] = "2022KW01"
    df = lees_bestand(schrijf(tmp_path, bundel))
    assert "1 rijen van kwartalen of maanden overgeslagen (2022KW01)" in " ".join(df.attrs["meldingen"])
    assert set(df["jaar"]) == {2016, 2022}  # the years of the fixture; the quarter row is gone


def test_odata_alleen_kwartalen_geweigerd(tmp_path, bundel):
    bundel["Perioden"]["value"] = [{"Key": "2022KW01", "Title": "2022 1e kwartaal"}]
    for r in bundel["TypedDataSet"]["value"]:
        r["Perioden"] = "2022KW01"
    assert "geen jaarcijfers" in weiger(schrijf(tmp_path, bundel)).melding


def test_odata_periode_niet_in_dimensietabel(tmp_path, bundel):
    rij(bundel, 5)["Perioden"] = "2030JJ00"
    fout = weiger(schrijf(tmp_path, bundel))
    assert (fout.rij, fout.kolom) == (5, "Perioden")
    assert "niet in dimensietabel Perioden" in fout.melding


def test_odata_ongeldige_gebiedscode(tmp_path, bundel):
    bundel["WijkenEnBuurten"]["value"].append({"Key": "XX28      ", "Title": "Iets"})
    rij(bundel, 6)["WijkenEnBuurten"] = "XX28      "
    fout = weiger(schrijf(tmp_path, bundel))
    assert (fout.rij, fout.kolom) == (6, "WijkenEnBuurten")
    assert "ongeldige gebiedscode 'XX28'" in fout.melding


def test_odata_provincie_overgeslagen_en_geteld(tmp_path, bundel):
    bundel["WijkenEnBuurten"]["value"].append({"Key": "PV28      ", "Title": "Zuid-Holland (PV)"})
    rij(bundel, 6)["WijkenEnBuurten"] = "PV28      "
    df = lees_bestand(schrijf(tmp_path, bundel))
    assert "1 rijen van gebiedssoorten buiten dit project overgeslagen (PV" in " ".join(df.attrs["meldingen"])
    assert not df["gebied"].str.startswith("PV").any()


def test_odata_onbekend_veld(tmp_path, bundel):
    rij(bundel, 7)["NieuwVeld_99"] = 3.0
    fout = weiger(schrijf(tmp_path, bundel))
    assert (fout.rij, fout.kolom) == (7, "NieuwVeld_99")
    assert "niet in DataProperties" in fout.melding


def test_odata_ontbrekende_dimensietabel(tmp_path, bundel):
    del bundel["Leeftijd"]
    fout = weiger(schrijf(tmp_path, bundel))
    assert fout.sleutel == "Leeftijd" and "dimensietabel 'Leeftijd' ontbreekt" in fout.melding


def test_odata_dubbele_rij(tmp_path, bundel):
    kopie = dict(rij(bundel, 2))
    kopie["ID"] = 999
    bundel["TypedDataSet"]["value"].append(kopie)
    fout = weiger(schrijf(tmp_path, bundel))
    assert fout.rij == 25 and "ook in rij 2" in fout.melding and "dubbele meting" in fout.melding


def test_odata_tekst_in_getalveld(tmp_path, bundel):
    rij(bundel, 3)["Eenzaam_27"] = "veel"
    fout = weiger(schrijf(tmp_path, bundel))
    assert (fout.rij, fout.kolom) == (3, "Eenzaam_27")


def test_odata_lege_dataset(tmp_path, bundel):
    bundel["TypedDataSet"]["value"] = []
    fout = weiger(schrijf(tmp_path, bundel))
    assert fout.sleutel == "TypedDataSet" and "geen gegevensrijen" in fout.melding


def test_odata_leeg_bestand(tmp_path):
    pad = tmp_path / "50120NED.json"
    pad.write_bytes(b"")
    assert "leeg" in weiger(pad).melding


def test_odata_json_zonder_dataproperties(tmp_path):
    pad = tmp_path / "iets.json"
    pad.write_text('{"value": []}', encoding="utf-8")
    assert "DataProperties" in weiger(pad).melding


def test_odata_map_mist_dimensietabel(tmp_path):
    kopie = tmp_path / "snapshot"
    shutil.copytree(FIX / "50120NED_untyped", kopie)
    (kopie / "Marges.json").unlink()
    with pytest.raises(InvoerFout) as info:
        lees_bestand(kopie)
    assert info.value.sleutel == "Marges" and "snapshot" in str(info.value)


# --- template CSV --------------------------------------------------------------------

KOP = "bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid\n"
GOED = "GGD;jeugd;eenzaam;GM0603;12 tot 18 jaar;2019;46;43;49;;%\n"


def sjabloon(tmp_path: Path, tekst: str, naam: str = "partners.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


@pytest.mark.parametrize(
    ("regel", "kolom", "stukje"),
    [
        ("GGD;jeugd;eenzaam;GM0603;12 tot 18 jaar;twintig;46;43;49;;%\n", "jaar", "'twintig' is geen jaartal"),
        ("GGD;jeugd;eenzaam;GM0603;12 tot 18 jaar;2021;120;110;130;;%\n", "waarde", "percentage 120 ligt buiten 0–100"),
        ("GGD;jeugd;eenzaam;GM0603;12 tot 18 jaar;2021;46;47;49;;%\n", "ondergrens", "ondergrens 47 ligt boven de waarde 46"),
        ("GGD;jeugd;eenzaam;GM0603;12 tot 18 jaar;2021;46;43;45,5;;%\n", "bovengrens", "bovengrens 45.5 ligt onder de waarde 46"),
        ("GGD;jeugd;eenzaam;GM06O3;12 tot 18 jaar;2021;46;43;49;;%\n", "gebied", "ongeldige gebiedscode 'GM06O3'"),
        ("GGD;jeugd;eenzaam;Rijswijk;12 tot 18 jaar;2021;46;43;49;;%\n", "gebied", "ongeldige gebiedscode"),
        ("GGD;jeugd;eenzaam;GM0603;12 tot 18 jaar;2021;veel;;;;%\n", "waarde", "'veel' is geen getal"),
        ("GGD;jeugd;eenzaam;GM0603;12 tot 18 jaar;2021;46;;;z;%\n", "markering", "onbekende markering 'z'"),
        ("GGD;jeugd;eenzaam;GM0603;12 tot 18 jaar;2021;46;;;x;%\n", "waarde", "spreken elkaar tegen"),
        ("GGD;jeugd;eenzaam;GM0603;12 tot 18 jaar;2021;46;;;;%;extra\n", None, "rij heeft 12 velden"),
    ],
)
def test_sjabloon_foute_rij(tmp_path, regel, kolom, stukje):
    fout = weiger(sjabloon(tmp_path, KOP + GOED + regel))
    assert fout.rij == 2
    assert fout.kolom == kolom
    assert stukje in fout.melding
    if kolom:
        assert f"rij 2, kolom '{kolom}'" in str(fout)


def test_sjabloon_dubbele_sleutel(tmp_path):
    fout = weiger(sjabloon(tmp_path, KOP + GOED + GOED.replace(";46;43;49", ";45;42;48")))
    assert fout.rij == 2 and "dubbele meting" in fout.melding and "ook in rij 1" in fout.melding


def test_sjabloon_leeg_bestand(tmp_path):
    assert "leeg" in weiger(sjabloon(tmp_path, "")).melding
    assert "leeg" in weiger(sjabloon(tmp_path, "\n \n", "spaties.csv")).melding


def test_sjabloon_alleen_kopregel(tmp_path):
    fout = weiger(sjabloon(tmp_path, KOP))
    assert fout.rij == 1 and "alleen een kopregel" in fout.melding


def test_sjabloon_verkeerd_scheidingsteken(tmp_path):
    fout = weiger(sjabloon(tmp_path, (KOP + GOED).replace(";", "|")))
    assert "scheidingsteken" in fout.melding and fout.kolom.startswith("bron|tabel")


def test_sjabloon_kolom_ontbreekt_en_onbekende_kolom(tmp_path):
    fout = weiger(sjabloon(tmp_path, KOP.replace(";eenheid", "") + GOED.replace(";%", "")))
    assert fout.kolom == "eenheid" and "ontbreekt" in fout.melding
    fout = weiger(sjabloon(tmp_path, KOP.replace("waarde", "waardes") + GOED, "b.csv"))
    assert fout.kolom == "waardes" and "onbekende kolom" in fout.melding


def test_sjabloon_decimaalkomma_zonder_aanhalingstekens_bij_kommascheiding(tmp_path):
    tekst = KOP.replace(";", ",") + "GGD,jeugd,eenzaam,GM0603,,2019,46,5,43,49,,%\n"
    fout = weiger(sjabloon(tmp_path, tekst))
    assert fout.rij == 1 and "decimaalkomma" in fout.melding


def test_sidecar_met_onbekende_sleutel(tmp_path):
    pad = sjabloon(tmp_path, KOP + GOED)
    (tmp_path / "partners.csv.bron.yaml").write_text("demo: ja\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as info:
        lees_bestand(pad)
    assert info.value.sleutel == "demo"
    (tmp_path / "partners.csv.bron.yaml").write_text("demo: true\nherkomst: x\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as info:
        lees_bestand(pad)
    assert info.value.sleutel == "herkomst" and "bron.yaml" in str(info.value)


# --- StatLine CSV --------------------------------------------------------------------

TITEL = '"Gezondheid per wijk en buurt; 2012/2016/2020/2022"\n'
SKOP = '"Marges";"Leeftijd";"Wijken en buurten";"Perioden";"Eenzaam (%)"\n'
VOET = '"Bron: CBS"\n'


def statline(tmp_path: Path, *regels: str, naam: str = "50120NED_download.csv") -> Path:
    pad = tmp_path / naam
    pad.write_bytes((TITEL + SKOP + "".join(regels) + VOET).encode("cp1252"))
    return pad


def w(gebied="Rijswijk", periode="2022", waarde="47", marge="Waarde"):
    return f'"{marge}";"18 jaar of ouder";"{gebied}";"{periode}";"{waarde}"\n'


def test_statline_ongeldige_periode(tmp_path):
    fout = weiger(statline(tmp_path, w(), w(periode="2022-2023")))
    assert (fout.rij, fout.kolom) == (2, "Perioden") and "2022-2023" in fout.melding


def test_statline_onbekende_gebiedsnaam(tmp_path):
    fout = weiger(statline(tmp_path, w(), w(gebied="Atlantis")))
    assert (fout.rij, fout.kolom) == (2, "Wijken en buurten") and "'Atlantis'" in fout.melding


def test_statline_tekst_in_getalkolom(tmp_path):
    fout = weiger(statline(tmp_path, w(), w(gebied="Nederland", waarde="4,7,1")))
    assert (fout.rij, fout.kolom) == (2, "Eenzaam (%)")


def test_statline_bovengrens_onder_waarde(tmp_path):
    fout = weiger(statline(tmp_path, w(waarde="47,5"), w(marge="Bovengrens 95%-betrouwbaarheidsinterval", waarde="45,0")))
    assert (fout.rij, fout.kolom) == (2, "Eenzaam (%)") and "bovengrens 45 ligt onder de waarde 47.5" in fout.melding


def test_statline_dubbele_rij(tmp_path):
    fout = weiger(statline(tmp_path, w(), w(gebied="Nederland"), w(waarde="48")))
    assert fout.rij == 3 and "ook in rij 1" in fout.melding


def test_statline_percentage(tmp_path):
    fout = weiger(statline(tmp_path, w(), w(gebied="Nederland", waarde="101")))
    assert (fout.rij, fout.kolom) == (2, "Eenzaam (%)") and "101" in fout.melding


def test_statline_zonder_gegevens(tmp_path):
    fout = weiger(statline(tmp_path))
    assert "geen gegevensrijen" in fout.melding


def test_statline_een_kolom(tmp_path):
    pad = tmp_path / "50120NED.csv"
    pad.write_text("Marges|Leeftijd|Perioden\nWaarde|18 jaar of ouder|2022\n", encoding="utf-8")
    assert "scheidingsteken" in weiger(pad).melding


def test_statline_zonder_tabel_id(tmp_path):
    assert "tabel-id onbekend" in weiger(statline(tmp_path, w(), naam="download.csv")).melding


def test_statline_onbekend_veld_met_veldenlijst(tmp_path):
    pad = statline(tmp_path, w())
    (tmp_path / (pad.name + ".bron.yaml")).write_text("velden:\n  Mantelzorger: Mantelzorger_31\n", encoding="utf-8")
    fout = weiger(pad)
    assert fout.kolom == "Eenzaam (%)" and "onbekend veld" in fout.melding


# --- directory --------------------------------------------------------------------------


def test_map_dezelfde_meting_in_twee_bestanden(tmp_path):
    shutil.copy(FIX / "sjabloon_komma.csv", tmp_path / "a.csv")
    shutil.copy(FIX / "sjabloon_komma.csv", tmp_path / "b.csv")
    with pytest.raises(InvoerFout) as info:
        lees_monitor_map(tmp_path)
    assert "b.csv" in str(info.value) and "ook in a.csv" in info.value.melding


def test_lege_map(tmp_path):
    with pytest.raises(InvoerFout) as info:
        lees_monitor_map(tmp_path)
    assert "geen meetbestanden" in info.value.melding


def test_map_met_editiemap_leest_beide_en_weigert_dezelfde_naam(tmp_path):
    """data/raw/monitor plus an edition's monitor folder: both read; one file name in both is refused."""
    (tmp_path / "algemeen").mkdir()
    (tmp_path / "editie").mkdir()
    shutil.copy(FIX / "sjabloon_komma.csv", tmp_path / "algemeen" / "a.csv")
    enkel = lees_monitor_map(tmp_path / "algemeen")
    shutil.copy(FIX / "sjabloon_komma.csv", tmp_path / "editie" / "a.csv")
    with pytest.raises(InvoerFout) as info:
        lees_monitor_map(tmp_path / "algemeen", tmp_path / "editie")
    assert str(tmp_path / "editie" / "a.csv") in str(info.value) and "ook in" in info.value.melding
    (tmp_path / "editie" / "a.csv").rename(tmp_path / "editie" / "b.csv")
    with pytest.raises(InvoerFout) as info:  # the same measurement in both: the later file is named
        lees_monitor_map(tmp_path / "algemeen", tmp_path / "editie")
    assert str(tmp_path / "editie" / "b.csv") in str(info.value) and "ook in a.csv" in info.value.melding
    with pytest.raises(InvoerFout, match="map bestaat niet"):
        lees_monitor_map(tmp_path / "algemeen", tmp_path / "ontbreekt")
    assert len(enkel) > 0

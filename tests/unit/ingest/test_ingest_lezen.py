"""The readers turn hand-made files in the published shapes into exactly the
expected tidy metingen rows."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from evaluatie.ingest import METINGEN_KOLOMMEN, formaat, lees_bestand, lees_monitor_map, naar_csv
from conftest import FIXTURES

FIX = FIXTURES / "monitor"


def rijen(df: pd.DataFrame, *kolommen: str) -> list[tuple]:
    """Rows as tuples; NaN becomes None so they compare with ==."""
    uit = []
    for r in df[list(kolommen)].itertuples(index=False):
        uit.append(tuple(None if isinstance(v, float) and math.isnan(v) else v for v in r))
    return uit


def test_formaat_detectie():
    assert formaat(FIX / "50120NED_typed.json") == "odata"
    assert formaat(FIX / "50120NED_untyped") == "odata"
    assert formaat(FIX / "50120NED_statline_cp1252.csv") == "statline"
    assert formaat(FIX / "statline_bom.csv") == "statline"
    assert formaat(FIX / "sjabloon_komma.csv") == "sjabloon"
    assert formaat(FIX / "sjabloon_puntkomma.csv") == "sjabloon"


def test_odata_typed_bundel_exacte_rijen():
    df = lees_bestand(FIX / "50120NED_typed.json")
    assert list(df.columns) == METINGEN_KOLOMMEN
    assert len(df) == 16  # 2 fields x 2 areas x 2 ages x 2 waves; marges become columns
    assert set(df["bron"]) == {"RIVM"}  # TableInfos.Catalog
    assert set(df["tabel"]) == {"50120NED"}
    assert set(df["eenheid"]) == {"%"}
    assert set(df["bestand"]) == {"50120NED_typed.json"}
    assert not df["demo"].any()  # no sidecar: real data
    eenzaam = df[df["veld"] == "Eenzaam_27"]
    assert rijen(
        eenzaam, "gebied", "gebied_niveau", "gebied_naam", "leeftijd", "jaar",
        "waarde", "ondergrens", "bovengrens", "markering",
    ) == [
        ("GM0603", "gemeente", "Rijswijk", "18 jaar of ouder", 2016, 47.0, 45.0, 49.0, ""),
        ("GM0603", "gemeente", "Rijswijk", "18 jaar of ouder", 2022, 50.0, 48.0, 52.0, ""),
        ("GM0603", "gemeente", "Rijswijk", "65 jaar of ouder", 2016, 52.0, 50.0, 54.0, ""),
        ("GM0603", "gemeente", "Rijswijk", "65 jaar of ouder", 2022, 55.0, 53.0, 57.0, ""),
        ("WK060300", "wijk", "Wijk 00 Test", "18 jaar of ouder", 2016, 44.0, 38.0, 50.0, ""),
        # null in a TypedDataSet -> no value, marker '.'
        ("WK060300", "wijk", "Wijk 00 Test", "18 jaar of ouder", 2022, None, None, None, "."),
        ("WK060300", "wijk", "Wijk 00 Test", "65 jaar of ouder", 2016, 49.0, 43.0, 55.0, ""),
        ("WK060300", "wijk", "Wijk 00 Test", "65 jaar of ouder", 2022, 53.0, 47.0, 59.0, ""),
    ]
    ernstig = df[(df["veld"] == "ErnstigZeerErnstigEenzaam_28") & (df["gebied"] == "WK060300")]
    assert rijen(ernstig, "leeftijd", "jaar", "waarde", "ondergrens", "bovengrens") == [
        ("18 jaar of ouder", 2016, 12.0, 8.0, 16.0),
        ("18 jaar of ouder", 2022, 13.0, 9.0, 17.0),
        ("65 jaar of ouder", 2016, 14.0, 10.0, 18.0),
        ("65 jaar of ouder", 2022, 15.0, 11.0, 19.0),
    ]
    # the string topic Codering_3 is metadata, not a measurement
    assert "Codering_3" not in set(df["veld"])


def test_odata_sleutels_komen_uit_de_dimensietabellen(tmp_path):
    """Other key codes, other order: the reader follows titles, not codes."""
    bundel = json.loads((FIX / "50120NED_typed.json").read_text(encoding="utf-8"))
    nieuwe_marges = {"MW00000": "B", "MOG0095": "C", "MBG0095": "A"}
    nieuwe_leeftijd = {"20300": "L1", "80200": "L9"}
    bundel["Marges"]["value"] = [
        {"Key": nieuwe_marges[m["Key"]], "Title": m["Title"]} for m in reversed(bundel["Marges"]["value"])
    ]
    bundel["Leeftijd"]["value"] = [
        {"Key": nieuwe_leeftijd[m["Key"]], "Title": m["Title"]} for m in bundel["Leeftijd"]["value"]
    ]
    for r in bundel["TypedDataSet"]["value"]:
        r["Marges"] = nieuwe_marges[r["Marges"]]
        r["Leeftijd"] = nieuwe_leeftijd[r["Leeftijd"]]
    pad = tmp_path / "50120NED.json"
    pad.write_text(json.dumps(bundel), encoding="utf-8")
    ander = lees_bestand(pad).drop(columns="bestand")
    origineel = lees_bestand(FIX / "50120NED_typed.json").drop(columns="bestand")
    pd.testing.assert_frame_equal(ander, origineel)


def test_odata_untyped_map_met_alle_markeringen_en_niveaus():
    df = lees_bestand(FIX / "50120NED_untyped")
    assert set(df["bestand"]) == {"50120NED_untyped"}
    assert rijen(
        df, "gebied", "gebied_niveau", "jaar", "waarde", "ondergrens", "bovengrens", "markering"
    ) == [
        ("BU06030000", "buurt", 2022, None, None, None, "?"),  # unreliable
        ("GM0603", "gemeente", 2020, None, None, None, "."),  # empty string -> '.'
        ("GM0603", "gemeente", 2022, None, None, None, "x"),  # secret
        ("NL01", "land", 2020, None, None, None, "."),  # '.'
        ("NL01", "land", 2022, 46.2, 45.9, 46.5, ""),  # padded '    46.2'
        ("WK060300", "wijk", 2020, 51.0, 44.0, 58.0, ""),
        ("WK060300", "wijk", 2022, None, None, None, "-"),  # nil
    ]


def test_statline_csv_cp1252_decimale_komma_namen_en_voetregels():
    pad = FIX / "50120NED_statline_cp1252.csv"
    assert pad.read_bytes().count(b"\xa9") == 1  # the cp1252 copyright sign in the footer
    df = lees_bestand(pad)
    assert set(df["tabel"]) == {"50120NED"}  # from the file name
    assert set(df["bron"]) == {"RIVM"}  # sidecar wins over the footer
    assert rijen(
        df, "veld", "gebied", "gebied_niveau", "gebied_naam", "leeftijd", "jaar",
        "waarde", "ondergrens", "bovengrens", "markering", "eenheid",
    ) == [
        ("Eenzaam", "GM0603", "gemeente", "Rijswijk", "18 jaar of ouder", 2022, 49.0, 46.0, 52.0, "", "%"),
        ("Eenzaam", "GM0603", "gemeente", "Rijswijk", "65 jaar of ouder", 2020, 52.5, 48.0, 57.1, "", "%"),
        ("Eenzaam", "NL01", "land", "Nederland", "18 jaar of ouder", 2022, 46.2, 45.9, 46.5, "", "%"),
        ("Eenzaam", "WK060301", "wijk", "Wijk 01 Reünie (test)", "18 jaar of ouder", 2022, 55.0, 47.0, 63.0, "", "%"),
        ("Ernstig/zeer ernstig eenzaam", "GM0603", "gemeente", "Rijswijk", "18 jaar of ouder", 2022, None, None, None, "x", "%"),
        ("Ernstig/zeer ernstig eenzaam", "GM0603", "gemeente", "Rijswijk", "65 jaar of ouder", 2020, None, None, None, ".", "%"),
        ("Ernstig/zeer ernstig eenzaam", "NL01", "land", "Nederland", "18 jaar of ouder", 2022, 12.1, 11.9, 12.3, "", "%"),
        ("Ernstig/zeer ernstig eenzaam", "WK060301", "wijk", "Wijk 01 Reünie (test)", "18 jaar of ouder", 2022, None, None, None, "-", "%"),
    ]


def test_statline_csv_utf8_bom_onderwerpregel_codes_en_veldsleutels():
    pad = FIX / "statline_bom.csv"
    assert pad.read_bytes().startswith(b"\xef\xbb\xbf")
    df = lees_bestand(pad)
    assert set(df["tabel"]) == {"50120NED"}  # from the sidecar
    assert set(df["bron"]) == {"CBS"}  # from the footer "Bron: CBS"
    assert rijen(
        df, "veld", "gebied", "gebied_niveau", "gebied_naam", "leeftijd", "jaar", "waarde", "markering"
    ) == [
        ("Eenzaam_27", "GM0603", "gemeente", "Rijswijk", "18 jaar of ouder", 2022, 49.0, ""),
        ("Eenzaam_27", "GM1916", "gemeente", "Leidschendam-Voorburg", "18 jaar of ouder", 2016, 44.5, ""),
        ("Eenzaam_27", "WK060300", "wijk", "Wijk 00 Test", "18 jaar of ouder", 2022, 51.0, ""),
        ("Mantelzorger_31", "GM0603", "gemeente", "Rijswijk", "18 jaar of ouder", 2022, 13.4, ""),
        ("Mantelzorger_31", "GM1916", "gemeente", "Leidschendam-Voorburg", "18 jaar of ouder", 2016, 15.0, ""),
        ("Mantelzorger_31", "WK060300", "wijk", "Wijk 00 Test", "18 jaar of ouder", 2022, None, "."),
    ]
    assert df["ondergrens"].isna().all() and df["bovengrens"].isna().all()  # no Marges column


def test_sjabloon_komma_en_decimale_punt():
    df = lees_bestand(FIX / "sjabloon_komma.csv")
    assert rijen(
        df, "bron", "tabel", "veld", "gebied", "gebied_naam", "leeftijd", "jaar",
        "waarde", "ondergrens", "bovengrens", "markering", "eenheid", "demo",
    ) == [
        ("GGD", "gezondheidsmonitor_jeugd", "eenzaam_matig_zeer_ernstig", "GM0603", "Rijswijk",
         "12 tot 18 jaar", 2019, 46.0, 43.0, 49.0, "", "%", False),
        ("GGD", "gezondheidsmonitor_jeugd", "eenzaam_matig_zeer_ernstig", "GM0603", "Rijswijk",
         "12 tot 18 jaar", 2021, None, None, None, "x", "%", False),
        ("Welzijn Rijswijk", "vrijwilligersbank", "actieve_vrijwilligers", "GM0603", "Rijswijk",
         "", 2023, 1250.5, None, None, "", "aantal", False),
    ]


def test_sjabloon_puntkomma_decimale_komma_en_demo_sidecar():
    df = lees_bestand(FIX / "sjabloon_puntkomma.csv")
    assert df["demo"].all()  # sidecar demo: true
    assert rijen(df, "gebied", "gebied_niveau", "gebied_naam", "jaar", "waarde", "ondergrens", "bovengrens", "markering") == [
        ("BU06030001", "buurt", "Buurt 01", 2021, None, None, None, "?"),  # symbol typed in the value cell
        ("NL01", "land", "Nederland", 2021, 41.5, 40.8, 42.2, ""),
        ("WK060300", "wijk", "Wijk 00", 2021, None, None, None, "-"),
    ]


def test_lees_monitor_map_slaat_sidecars_en_koppeling_over(tmp_path):
    for naam in ["50120NED_typed.json", "sjabloon_komma.csv", "sjabloon_puntkomma.csv",
                 "sjabloon_puntkomma.csv.bron.yaml"]:
        shutil.copy(FIX / naam, tmp_path / naam)
    shutil.copytree(FIX / "50120NED_untyped", tmp_path / "50120NED_untyped")
    (tmp_path / "koppeling.yaml").write_text("indicatoren: {}\n", encoding="utf-8")
    (tmp_path / "notities.md").write_text("# niet lezen\n", encoding="utf-8")
    # the untyped snapshot repeats measurements of another table id
    bundel_dir = tmp_path / "50120NED_untyped" / "TableInfos.json"
    info = json.loads(bundel_dir.read_text(encoding="utf-8"))
    info["value"][0]["Identifier"] = "99999TST"
    bundel_dir.write_text(json.dumps(info), encoding="utf-8")
    df = lees_monitor_map(tmp_path)
    assert len(df) == 16 + 7 + 3 + 3
    assert sorted(set(df["bestand"])) == [
        "50120NED_typed.json", "50120NED_untyped", "sjabloon_komma.csv", "sjabloon_puntkomma.csv",
    ]
    assert df["demo"].sum() == 3
    gesorteerd = df.sort_values(["tabel", "veld", "gebied", "leeftijd", "jaar", "bestand"])
    pd.testing.assert_frame_equal(df, gesorteerd.reset_index(drop=True))


def test_naar_csv_is_deterministisch_en_leesbaar():
    df = lees_bestand(FIX / "50120NED_untyped")
    tekst = naar_csv(df)
    assert tekst == naar_csv(df)
    regels = tekst.splitlines()
    assert regels[0] == ",".join(METINGEN_KOLOMMEN)
    assert regels[5] == "RIVM,50120NED,Eenzaam_27,NL01,land,Nederland,18 jaar of ouder,2022,46.2,45.9,46.5,,%,False,50120NED_untyped"
    assert "\r" not in tekst
    assert naar_csv(df.iloc[0:0]).strip() == ",".join(METINGEN_KOLOMMEN)


@pytest.mark.parametrize("naam", ["50120NED_typed.json", "sjabloon_komma.csv"])
def test_sha256_in_sidecar_wordt_gecontroleerd(tmp_path, naam):
    import hashlib

    from evaluatie.gedeeld.fouten import InvoerFout

    pad = tmp_path / naam
    shutil.copy(FIX / naam, pad)
    goed = hashlib.sha256(pad.read_bytes()).hexdigest()
    (tmp_path / (naam + ".bron.yaml")).write_text(f"demo: false\nsha256: {goed}\n", encoding="utf-8")
    assert len(lees_bestand(pad)) > 0
    pad.write_bytes(pad.read_bytes() + b"\n")  # any change, even harmless
    with pytest.raises(InvoerFout) as fout:
        lees_bestand(pad)
    assert "sha256" in str(fout.value) and ".bron.yaml" in str(fout.value)

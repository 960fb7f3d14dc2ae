"""The fast paths of the ingest give exactly what the exact paths give.

- ``odata``: the column-wise reader against the per-cell reader (the reader as it was
  before the column-wise one existed), on the demo data, the fixtures, a generated
  national-shaped bundle and on broken input: same frame, or the same InvoerFout
  (message, file, row, column, key) — through ``lees_odata_bundel`` and through
  ``lees_bestand`` (which drops the rows early and loads the file again when needed); most of
  the broken inputs and the random edits are in tests/integratie/test_ingest_gelijkwaardigheid_zwaar.py.
- ``schema._niveau_past``: the lookup over unique codes against the per-row map.
- ``reader.lees_monitor_map``: one file is returned as ``lees_bestand`` gives it.

No timings here; benchmarks/landelijk.py measures.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from evaluatie.ingest import lees_bestand, lees_monitor_map
from evaluatie.ingest.monitor import odata
from evaluatie.ingest.monitor.bron import Sidecar, lees_sidecar
from evaluatie.ingest.monitor.schema import _niveau_past, gebied_niveau, sorteer
from conftest import FIXTURES
from gedeelde_odata import DEMO, GEBROKEN, GEBROKEN_SNEL, controleer, demo, gebroken_zelfde_uitkomst, laad

FIX = FIXTURES / "monitor"


# --- clean input: the column-wise reader itself is used and agrees ------------------


def _nationaal(typed: bool, n_gemeenten: int = 3, seed: int = 7) -> dict:
    """A small bundle shaped like the national one: land, municipalities, districts,
    neighbourhoods x 4 waves x 5 fields x value + bounds, right-aligned text cells
    (or numbers for TypedDataSet), 'x' for secret neighbourhood waves, '.' for a field
    not yet asked in the first wave, a second age group."""
    rng = np.random.default_rng(seed)
    gebieden = [("NL01", "Nederland")]
    for g in range(n_gemeenten):
        gm = f"{600 + g * 7:04d}"
        gebieden.append((f"GM{gm}", f"Gemeente {gm}"))
        for w in range(2):
            gebieden.append((f"WK{gm}{w:02d}", f"Wijk {w} van {gm}"))
            for b in range(3):
                gebieden.append((f"BU{gm}{w:02d}{b:02d}", f"Buurt {b} wijk {w} van {gm}"))
    jaren = [2012, 2016, 2020, 2022]
    velden = [f"Veld{i}_{i}" for i in (9, 3, 12, 1, 7)]  # not in sorted order
    leeftijden = [("20300", "18 jaar of ouder"), ("80200", "65 jaar of ouder")]
    marges = [("MW00000", "Waarde"), ("MOG0095", "Ondergrens 95%-betrouwbaarheidsinterval"),
              ("MBG0095", "Bovengrens 95%-betrouwbaarheidsinterval")]
    eig = [
        {"Key": "Marges", "Type": "Dimension", "Title": "Marges"},
        {"Key": "Leeftijd", "Type": "Dimension", "Title": "Leeftijd"},
        {"Key": "WijkenEnBuurten", "Type": "GeoDimension", "Title": "Wijken en buurten"},
        {"Key": "Perioden", "Type": "TimeDimension", "Title": "Perioden"},
        {"Key": "Codering_3", "Type": "Topic", "Datatype": "String"},
    ] + [{"Key": v, "Type": "Topic", "Datatype": "Double", "Unit": "%" if i % 2 == 0 else " aantal "}
         for i, v in enumerate(velden)]
    rijen = []
    for mk, _ in marges:
        for lk, _ in leeftijden:
            for code, _ in gebieden:
                for jaar in jaren:
                    rij = {"ID": len(rijen), "Marges": mk, "Leeftijd": lk, "WijkenEnBuurten": f"{code:<10}",
                           "Perioden": f"{jaar}JJ00", "Codering_3": f"{code:<10}"}
                    geheim = code.startswith("BU") and rng.random() < 0.2
                    for i, v in enumerate(velden):
                        w = 40 + 3 * i + (jaar - 2012) / 2
                        x = {"MW00000": w, "MOG0095": w - 2.5, "MBG0095": w + 2.5}[mk] + i * 1000 * (i % 2)
                        if jaar == 2012 and i == 2:
                            rij[v] = None if typed else "     ."
                        elif geheim:
                            rij[v] = None if typed else "     x"
                        else:
                            rij[v] = float(x) if typed else f"{x:>8.1f}"
                    rijen.append(rij)
    dataset = "TypedDataSet" if typed else "UntypedDataSet"
    return {
        "bundel": "cbs-odata-v3", "tabel": "50120NED",
        "TableInfos": {"value": [{"Identifier": "50120NED", "Catalog": "RIVM"}]},
        "DataProperties": {"value": eig},
        "Marges": {"value": [{"Key": k, "Title": t} for k, t in marges]},
        "Leeftijd": {"value": [{"Key": k, "Title": t} for k, t in leeftijden]},
        "WijkenEnBuurten": {"value": [{"Key": f"{c:<10}", "Title": n} for c, n in gebieden]},
        "Perioden": {"value": [{"Key": f"{j}JJ00", "Title": str(j)} for j in jaren]},
        dataset: {"value": rijen},
    }


SCHONE_INVOER = {
    "demo": lambda: (laad(DEMO), DEMO, lees_sidecar(DEMO)),
    "typed": lambda: (laad(FIX / "50120NED_typed.json"), FIX / "50120NED_typed.json", None),
    "untyped_map": lambda: (laad(FIX / "50120NED_untyped"), FIX / "50120NED_untyped", None),
    "nationaal_untyped": lambda: (_nationaal(False), Path("50120NED.json"), Sidecar(demo=True)),
    "nationaal_typed": lambda: (_nationaal(True), Path("50120NED.json"), None),
}


@pytest.mark.parametrize("naam", sorted(SCHONE_INVOER))
def test_kolomsgewijs_gelijk_aan_per_cel(naam):
    bundel, pad, sidecar = SCHONE_INVOER[naam]()
    opzet = odata._opzet(bundel, pad, sidecar)
    snel = odata._lees_kolomsgewijs(opzet)  # no fallback on clean input
    pd.testing.assert_frame_equal(snel, odata._lees_per_cel(opzet))
    pd.testing.assert_frame_equal(odata.lees_odata_bundel(bundel, pad, sidecar), snel)


def test_nationaal_vorm_inhoud():
    """Hand check of the generated shape: 3 municipalities x (1 + 2 districts x (1 + 3)) + NL
    = 28 areas x 4 waves x 2 ages x 5 fields; secret and not-asked cells have no bounds."""
    df = odata.lees_odata_bundel(_nationaal(False), Path("50120NED.json"))
    assert len(df) == 28 * 4 * 2 * 5
    assert list(df["veld"].unique()) == sorted(["Veld9_9", "Veld3_3", "Veld12_12", "Veld1_1", "Veld7_7"])
    gemarkeerd = df[df["markering"] != ""]
    assert set(gemarkeerd["markering"]) == {".", "x"}
    assert gemarkeerd[["waarde", "ondergrens", "bovengrens"]].isna().all().all()
    nl = df[(df["gebied"] == "NL01") & (df["veld"] == "Veld3_3") & (df["jaar"] == 2016)
            & (df["leeftijd"] == "18 jaar of ouder")].iloc[0]
    # Veld3_3 is field i=1: value 40 + 3 + 2 + 1000 = 1045, bounds +- 2.5, unit 'aantal' (stripped)
    assert (nl["waarde"], nl["ondergrens"], nl["bovengrens"], nl["eenheid"]) == (1045.0, 1042.5, 1047.5, "aantal")
    assert nl["gebied_naam"] == "Nederland" and nl["gebied_niveau"] == "land"


# --- broken input: identical errors ---------------------------------------------------
# A few named damages here; the others and random edits (hypothesis):
# tests/integratie/test_ingest_gelijkwaardigheid_zwaar.py (`make test` only).


@pytest.mark.parametrize("naam", GEBROKEN_SNEL)
def test_gebroken_invoer_zelfde_uitkomst(naam, tmp_path):
    gebroken_zelfde_uitkomst(naam, tmp_path)


def test_gebroken_invoer_meldingen_zoals_verwacht(tmp_path):
    """A few of the cases above, with the message a user sees (rows are 1-based)."""
    def fout(naam):
        b = demo()
        GEBROKEN[naam](b)
        u = controleer(b, tmp_path / "50120NED.json")
        assert u[0] == "fout"
        return u

    assert fout("geen_getal")[3:] == ("'4,5' is geen getal en geen CBS-symbool (., x, -, ?)", 6,
                                      "Mantelzorger_31", "UntypedDataSet")
    assert fout("periode_onbekend")[4:6] == (13, "Perioden")
    assert fout("percentage_boven_100")[4:6] == (4, "Eenzaam_27")
    assert fout("dubbele_rij")[3].startswith("dubbele meting voor veld Eenzaam_27")


# --- schema and monitor map -----------------------------------------------------------


def test_niveau_past_gelijk_aan_per_rij():
    codes = ["NL01", "GM0603", "WK060301", "BU06030101", "GM603", "XX01", "", "gm0603", "GM0603 "]
    niveaus = ["land", "gemeente", "wijk", "buurt", "gemeente", "land", "", "gemeente", "gemeente"]
    df = pd.DataFrame({"gebied": codes * 3, "gebied_niveau": niveaus + ["buurt"] * 9 + ["land"] * 9},
                      index=np.arange(27)[::-1] * 2)
    verwacht = df["gebied"].map(gebied_niveau)
    verwacht = (verwacht == "") | (verwacht == df["gebied_niveau"])
    pd.testing.assert_series_equal(_niveau_past(df), verwacht, check_dtype=False, check_names=False)
    # hand check: NL01 as buurt (row 9) is wrong; an invalid code is not this check's concern
    assert list(_niveau_past(df))[:9] == [True] * 9
    assert list(_niveau_past(df))[9:13] == [False, False, False, True]


@pytest.mark.parametrize("bestand", ["50120NED", "gezondheidsmonitor_jeugd.csv", "inclusie.csv",
                                     "sociaal_domein.csv"])
def test_monitor_map_een_bestand_zoals_gelezen_en_gesorteerd(tmp_path, bestand):
    bron = DEMO.parent / bestand
    if bron.is_dir():
        shutil.copytree(bron, tmp_path / bestand)
    else:
        shutil.copy(bron, tmp_path / bestand)
    shutil.copy(bron.with_name(bestand + ".bron.yaml"), tmp_path / (bestand + ".bron.yaml"))
    df = lees_monitor_map(tmp_path)
    pd.testing.assert_frame_equal(df, lees_bestand(tmp_path / bestand))
    pd.testing.assert_frame_equal(df, sorteer(df))  # already in the pipeline's order
    assert not df.duplicated(["tabel", "veld", "gebied", "leeftijd", "jaar"]).any()

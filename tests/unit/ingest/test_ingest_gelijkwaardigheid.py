"""The fast paths of the ingest give exactly what the exact paths give.

- ``odata``: the column-wise reader against the per-cell reader (the reader as it was
  before the column-wise one existed), on the demo data, the fixtures, a generated
  national-shaped bundle and on broken input: same frame, or the same InvoerFout
  (message, file, row, column, key) — through ``lees_odata_bundel`` and through
  ``lees_bestand`` (which drops the rows early and loads the file again when needed).
- ``schema._niveau_past``: the lookup over unique codes against the per-row map.
- ``reader.lees_monitor_map``: one file is returned as ``lees_bestand`` gives it.

No timings here; benchmarks/landelijk.py measures.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest import lees_bestand, lees_monitor_map
from evaluatie.ingest.monitor import odata
from evaluatie.ingest.monitor.bron import Sidecar, lees_sidecar
from evaluatie.ingest.monitor.schema import _niveau_past, gebied_niveau, sorteer
from conftest import FIXTURES, ROOT, voorbeelden

DEMO = ROOT / "data" / "raw" / "monitor" / "50120NED"  # cbsodata layout: one JSON list per endpoint
FIX = FIXTURES / "monitor"


def _laad(pad: Path) -> dict:
    """A snapshot as a bundle; the endpoints of a cbsodata directory (bare lists) wrapped as
    API responses ``{"value": [...]}`` so the cases below can edit them the same way."""
    return {k: ({"value": v} if isinstance(v, list) else v) for k, v in odata.laad_snapshot(pad).items()}


def _uitkomst(functie):
    """('ok', frame) or ('fout', everything a user sees of the InvoerFout)."""
    try:
        return ("ok", functie())
    except InvoerFout as e:
        return ("fout", str(e), e.bestand, e.melding, e.rij, e.kolom, e.sleutel)


def _per_cel(bundel: dict, pad: Path, sidecar: Sidecar | None = None):
    return _uitkomst(lambda: odata._lees_per_cel(odata._opzet(bundel, pad, sidecar)))


def _gelijk(a, b) -> None:
    assert a[0] == b[0], (a[:2], b[:2])
    if a[0] == "ok":
        pd.testing.assert_frame_equal(a[1], b[1])
    else:
        assert a == b


def _controleer(bundel: dict, pad: Path, sidecar: Sidecar | None = None):
    """Public reader == per-cell reader; the bundle is left as it was."""
    voor = json.dumps(bundel, sort_keys=True, default=str)
    publiek = _uitkomst(lambda: odata.lees_odata_bundel(bundel, pad, sidecar))
    assert json.dumps(bundel, sort_keys=True, default=str) == voor
    exact = _per_cel(bundel, pad, sidecar)
    _gelijk(publiek, exact)
    return publiek


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
    "demo": lambda: (_laad(DEMO), DEMO, lees_sidecar(DEMO)),
    "typed": lambda: (_laad(FIX / "50120NED_typed.json"), FIX / "50120NED_typed.json", None),
    "untyped_map": lambda: (_laad(FIX / "50120NED_untyped"), FIX / "50120NED_untyped", None),
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


def _demo() -> dict:
    return _laad(DEMO)


def _rijen(b: dict) -> list[dict]:
    return b["UntypedDataSet"]["value"]


def _zet(nr: int, sleutel: str, waarde):
    def m(b):
        _rijen(b)[nr][sleutel] = waarde
    return m


def _weg(nr: int, sleutel: str):
    def m(b):
        del _rijen(b)[nr][sleutel]
    return m


def _dubbel(nr: int):
    def m(b):
        _rijen(b).append(copy.deepcopy(_rijen(b)[nr]))
    return m


def _extra_marge(b):
    b["Marges"]["value"].append({"Key": "MSE", "Title": "Standaardfout"})
    for r in list(_rijen(b)[:40]):
        _rijen(b).append({**r, "Marges": "MSE", "Eenzaam_27": "  zzz"})


def _tweede_sleutel_zelfde_code(b):
    b["WijkenEnBuurten"]["value"].append({"Key": "GM0603", "Title": "Rijswijk (andere sleutel)"})
    r = next(r for r in _rijen(b) if r["WijkenEnBuurten"].strip() == "GM0603")
    r["WijkenEnBuurten"] = "GM0603"


def _overige_dimensie(b):
    b["DataProperties"]["value"].append({"Key": "Geslacht", "Type": "Dimension", "Title": "Geslacht"})
    b["Geslacht"] = {"value": [{"Key": "T001038", "Title": "Totaal"}, {"Key": "3000", "Title": "Mannen"}]}
    for r in _rijen(b):
        r["Geslacht"] = "T001038"


def _overige_dimensie_twee_waarden(b):
    _overige_dimensie(b)
    _rijen(b)[17]["Geslacht"] = "3000"


GEBROKEN = {
    "percentage_boven_100": _zet(3, "Eenzaam_27", "   120"),
    "geen_getal": _zet(5, "Mantelzorger_31", "  4,5"),
    "getal_met_spaties_binnenin": _zet(5, "Mantelzorger_31", "  4 5"),
    "unicode_cijfer": _zet(5, "Mantelzorger_31", "٣"),
    "bool": _zet(6, "Eenzaam_27", True),
    "getal_als_getal": _zet(6, "Eenzaam_27", 45),
    "getal_als_float": _zet(6, "Eenzaam_27", 45.0),
    "null": _zet(6, "Eenzaam_27", None),
    "lege_tekst": _zet(6, "Eenzaam_27", "   "),
    "symbool_vraagteken": _zet(6, "Eenzaam_27", "?"),
    "oneindig": _zet(6, "Eenzaam_27", "1e400"),
    "onbekend_veld": _zet(9, "Onbekend_99", "1"),
    "dimensie_ontbreekt": _weg(11, "Perioden"),
    "veld_ontbreekt_in_een_rij": _weg(11, "Eenzaam_27"),
    "periode_onbekend": _zet(12, "Perioden", "2030JJ00"),
    "periode_zonder_opvulling": _zet(12, "Perioden", " 2016JJ00 "),
    "periode_als_getal": _zet(12, "Perioden", 2016),
    "gebied_zonder_opvulling": _zet(13, "WijkenEnBuurten", "NL01"),
    "leeftijd_onbekend": _zet(14, "Leeftijd", "99999"),
    "marge_ander_rol_dubbel": _zet(0, "Marges", "MOG0095"),
    "dubbele_rij": _dubbel(20),
    "ondergrens_boven_waarde": _zet(100, "Eenzaam_27", "    99"),
    "extra_marge_soort_wordt_overgeslagen": _extra_marge,
    "twee_sleutels_een_code": _tweede_sleutel_zelfde_code,
    "overige_dimensie_een_waarde": _overige_dimensie,
    "overige_dimensie_twee_waarden": _overige_dimensie_twee_waarden,
}


@pytest.mark.parametrize("naam", sorted(GEBROKEN))
def test_gebroken_invoer_zelfde_uitkomst(naam, tmp_path):
    bundel = _demo()
    GEBROKEN[naam](bundel)
    pad = tmp_path / "50120NED.json"
    uitkomst = _controleer(bundel, pad, lees_sidecar(DEMO))
    # the file route: rows dropped early, file loaded again for the exact error
    pad.write_text(json.dumps(bundel), encoding="utf-8")
    shutil.copy(DEMO.with_name(DEMO.name + ".bron.yaml"), tmp_path / "50120NED.json.bron.yaml")
    _gelijk(_uitkomst(lambda: lees_bestand(pad)), uitkomst)


def test_gebroken_invoer_meldingen_zoals_verwacht(tmp_path):
    """A few of the cases above, with the message a user sees (rows are 1-based)."""
    def fout(naam):
        b = _demo()
        GEBROKEN[naam](b)
        u = _controleer(b, tmp_path / "50120NED.json")
        assert u[0] == "fout"
        return u

    assert fout("geen_getal")[3:] == ("'4,5' is geen getal en geen CBS-symbool (., x, -, ?)", 6,
                                      "Mantelzorger_31", "UntypedDataSet")
    assert fout("periode_onbekend")[4:6] == (13, "Perioden")
    assert fout("percentage_boven_100")[4:6] == (4, "Eenzaam_27")
    assert fout("dubbele_rij")[3].startswith("dubbele meting voor veld Eenzaam_27")


waarde_strategie = st.sampled_from([
    "    47", " 47.5", "47", "-", "x", "?", ".", "", "   ", None, 47, 47.5, True, "abc", "1,5",
    "4 7", "\u00a047", "٣", "1e400", "1e2", "+3", ".5", "5.", float("nan"), "nan", "   150", "-3", "\t12\n",
])
veld_strategie = st.sampled_from(["Eenzaam_27", "ErnstigZeerErnstigEenzaam_28", "Mantelzorger_31",
                                  "Vrijwilligerswerk_32"])
dimensie_strategie = st.sampled_from([
    ("Perioden", "2030JJ00"), ("Perioden", "2016"), ("Perioden", "2016JJ00 "), ("Perioden", None),
    ("WijkenEnBuurten", "GM0603"), ("WijkenEnBuurten", "XX"), ("Leeftijd", "53115"),
    ("Marges", "MOG0095"), ("Marges", "MBG0095"), ("Marges", "ONBEKEND"),
])
mutatie = st.one_of(
    st.tuples(st.just("cel"), st.integers(0, 287), veld_strategie, waarde_strategie),
    st.tuples(st.just("dim"), st.integers(0, 287), dimensie_strategie),
    st.tuples(st.just("weg"), st.integers(0, 287), st.sampled_from(["Eenzaam_27", "Perioden", "ID"])),
    st.tuples(st.just("dubbel"), st.integers(0, 287)),
    st.tuples(st.just("schrap"), st.integers(0, 287)),
)


@settings(max_examples=voorbeelden(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutaties=st.lists(mutatie, min_size=0, max_size=3))
def test_willekeurige_wijzigingen_zelfde_uitkomst(mutaties):
    bundel = _demo()
    rijen = _rijen(bundel)
    for m in mutaties:
        if m[0] == "cel":
            rijen[m[1] % len(rijen)][m[2]] = m[3]
        elif m[0] == "dim":
            rijen[m[1] % len(rijen)][m[2][0]] = m[2][1]
        elif m[0] == "weg":
            rijen[m[1] % len(rijen)].pop(m[2], None)
        elif m[0] == "dubbel":
            rijen.append(copy.deepcopy(rijen[m[1] % len(rijen)]))
        elif len(rijen) > 1:
            rijen.pop(m[1] % len(rijen))
    _controleer(bundel, Path("50120NED.json"), lees_sidecar(DEMO))


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

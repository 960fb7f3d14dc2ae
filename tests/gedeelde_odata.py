"""Old-vs-new checks of the OData reader shared by tests/unit/ingest/test_ingest_gelijkwaardigheid.py
and its heavier counterpart tests/integratie/test_ingest_gelijkwaardigheid_zwaar.py.

- ``controleer``: the public reader (column-wise, falling back to the per-cell reader) gives what the
  per-cell reader gives, and leaves the bundle as it was;
- ``GEBROKEN``: named damages of the demo bundle (``demo()``), each a function that edits a bundle;
- ``gebroken_zelfde_uitkomst``: one named damage, through ``lees_odata_bundel`` and through
  ``lees_bestand`` on a file (rows dropped early, file loaded again for the exact error);
  ``GEBROKEN_SNEL`` names the damages the unit file checks, the integration file takes the others;
- ``gelijk``, ``uitkomst``: comparing two outcomes (frame, or everything a user sees of an InvoerFout).
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pandas as pd

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor import odata
from evaluatie.ingest import lees_bestand
from evaluatie.ingest.monitor.bron import Sidecar, lees_sidecar

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "raw" / "monitor" / "50120NED"  # cbsodata layout: one JSON list per endpoint


def laad(pad: Path) -> dict:
    """A snapshot as a bundle; the endpoints of a cbsodata directory (bare lists) wrapped as
    API responses ``{"value": [...]}`` so the cases below can edit them the same way."""
    return {k: ({"value": v} if isinstance(v, list) else v) for k, v in odata.laad_snapshot(pad).items()}


def uitkomst(functie):
    """('ok', frame) or ('fout', everything a user sees of the InvoerFout)."""
    try:
        return ("ok", functie())
    except InvoerFout as e:
        return ("fout", str(e), e.bestand, e.melding, e.rij, e.kolom, e.sleutel)


def _per_cel(bundel: dict, pad: Path, sidecar: Sidecar | None = None):
    return uitkomst(lambda: odata._lees_per_cel(odata._opzet(bundel, pad, sidecar)))


def gelijk(a, b) -> None:
    assert a[0] == b[0], (a[:2], b[:2])
    if a[0] == "ok":
        pd.testing.assert_frame_equal(a[1], b[1])
    else:
        assert a == b


def controleer(bundel: dict, pad: Path, sidecar: Sidecar | None = None):
    """Public reader == per-cell reader; the bundle is left as it was."""
    voor = json.dumps(bundel, sort_keys=True, default=str)
    publiek = uitkomst(lambda: odata.lees_odata_bundel(bundel, pad, sidecar))
    assert json.dumps(bundel, sort_keys=True, default=str) == voor
    exact = _per_cel(bundel, pad, sidecar)
    gelijk(publiek, exact)
    return publiek


def demo() -> dict:
    return laad(DEMO)


def rijen(b: dict) -> list[dict]:
    return b["UntypedDataSet"]["value"]


def _zet(nr: int, sleutel: str, waarde):
    def m(b):
        rijen(b)[nr][sleutel] = waarde
    return m


def _weg(nr: int, sleutel: str):
    def m(b):
        del rijen(b)[nr][sleutel]
    return m


def _dubbel(nr: int):
    def m(b):
        rijen(b).append(copy.deepcopy(rijen(b)[nr]))
    return m


def _extra_marge(b):
    b["Marges"]["value"].append({"Key": "MSE", "Title": "Standaardfout"})
    for r in list(rijen(b)[:40]):
        rijen(b).append({**r, "Marges": "MSE", "Eenzaam_27": "  zzz"})


def _tweede_sleutel_zelfde_code(b):
    b["WijkenEnBuurten"]["value"].append({"Key": "GM0603", "Title": "Rijswijk (andere sleutel)"})
    r = next(r for r in rijen(b) if r["WijkenEnBuurten"].strip() == "GM0603")
    r["WijkenEnBuurten"] = "GM0603"


def _overige_dimensie(b):
    b["DataProperties"]["value"].append({"Key": "Geslacht", "Type": "Dimension", "Title": "Geslacht"})
    b["Geslacht"] = {"value": [{"Key": "T001038", "Title": "Totaal"}, {"Key": "3000", "Title": "Mannen"}]}
    for r in rijen(b):
        r["Geslacht"] = "T001038"


def _overige_dimensie_twee_waarden(b):
    _overige_dimensie(b)
    rijen(b)[17]["Geslacht"] = "3000"


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

#: The damages tests/unit checks in `make test-snel` (an error in a cell, a missing dimension, a row kind
#: that is skipped); tests/integratie checks the other ones.
GEBROKEN_SNEL = ("geen_getal", "dimensie_ontbreekt", "extra_marge_soort_wordt_overgeslagen")


def gebroken_zelfde_uitkomst(naam: str, tmp_path: Path) -> None:
    """Assert that the demo bundle with damage ``naam`` gives the per-cell reader's outcome through
    ``lees_odata_bundel`` and through ``lees_bestand`` on a file in ``tmp_path``."""
    bundel = demo()
    GEBROKEN[naam](bundel)
    pad = tmp_path / "50120NED.json"
    verwacht = controleer(bundel, pad, lees_sidecar(DEMO))
    # the file route: rows dropped early, file loaded again for the exact error
    pad.write_text(json.dumps(bundel), encoding="utf-8")
    shutil.copy(DEMO.with_name(DEMO.name + ".bron.yaml"), tmp_path / "50120NED.json.bron.yaml")
    gelijk(uitkomst(lambda: lees_bestand(pad)), verwacht)

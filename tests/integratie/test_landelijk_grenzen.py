"""No percentage interval outside [0, 100] in a national-scale run: the generator of
benchmarks/landelijk.py (every municipality of a synthetic 50120NED-shaped table), each municipality
judged with projections from 3 waves. ± 8 s: in `make test`, not in `make test-snel`; the Rijswijk
demo edition is checked in ``tests/unit/voortgang/test_voortgang_grenzen.py``."""

from __future__ import annotations

import sys

import pandas as pd

from conftest import ROOT
from evaluatie.ingest import koppel, laad_koppeling, lees_monitor_map
from evaluatie.ingest.kader import kader_tabellen, valideer_map
from evaluatie.voortgang.beoordeel import beoordeel_alles
from gedeelde_controles import binnen_0_100


def test_landelijke_run_binnen_0_100(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from landelijk import schrijf_bundel
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    map_ = tmp_path / "monitor"
    map_.mkdir()
    schrijf_bundel(map_ / "50120NED.json", schaal=0.03)
    metingen = lees_monitor_map(map_)
    koppeling = laad_koppeling(ROOT / "data" / "raw" / "monitor" / "koppeling.yaml")
    alle = kader_tabellen(valideer_map(ROOT / "data" / "raw" / "kader" / "rijswijk"))["indicatoren"]
    ind = alle[alle["indicator_id"].isin(["eenzaam_ernstig", "vrijwilligers_vrijwilligerswerk"])].copy()
    ind["basis_waarde"] = float("nan")  # Rijswijk's policy value is not every municipality's
    ind["doel_jaar"] = ind["doel_jaar"].where(ind["doel_type"] != "waarde", 2026)  # room for a projection
    codes = sorted(set(metingen.loc[metingen["gebied_niveau"] == "gemeente", "gebied"]))
    assert len(codes) >= 10
    uit = []
    for code in codes:
        gekoppeld = koppel(metingen, koppeling, code)
        uit.append(beoordeel_alles(ind, gekoppeld, code, {"min_punten_trend": 3}))
    alles = pd.concat(uit, ignore_index=True)
    assert alles["projectie"].notna().any()
    binnen_0_100(alles)

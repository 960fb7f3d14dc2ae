"""No percentage interval outside [0, 100] anywhere in the voortgang table: the Rijswijk demo
edition and a national-scale run (the generator of benchmarks/landelijk.py: every municipality
of a synthetic 50120NED-shaped table), with projections switched on from 3 waves so that the
clipping of prediction intervals is exercised too."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from conftest import ROOT
from evaluatie.ingest import koppel, laad_koppeling, lees_monitor_map
from evaluatie.ingest.kader import kader_tabellen, valideer_map
from evaluatie.voortgang.beoordeel import beoordeel_alles, beoordeel_indicator

GRENS_KOLOMMEN = ("basis_meting_onder", "basis_meting_boven", "laatste_onder", "laatste_boven", "nl_onder",
                  "nl_boven", "projectie", "projectie_onder", "projectie_boven", "laatste_waarde", "basis_waarde")


def _binnen_0_100(df: pd.DataFrame) -> None:
    pct = df[df["is_percentage"].fillna(False).astype(bool)]
    assert len(pct)
    for kolom in GRENS_KOLOMMEN:
        waarden = pct[kolom].dropna()
        assert ((waarden >= 0) & (waarden <= 100)).all(), (kolom, waarden[(waarden < 0) | (waarden > 100)])


@pytest.fixture(scope="module")
def rijswijk():
    indicatoren = kader_tabellen(valideer_map(ROOT / "data" / "raw" / "kader" / "rijswijk"))["indicatoren"]
    metingen = lees_monitor_map(ROOT / "data" / "raw" / "monitor")
    koppeling = laad_koppeling(ROOT / "data" / "raw" / "monitor" / "koppeling.yaml")
    return indicatoren, koppel(metingen, koppeling, "GM0603")


@pytest.mark.parametrize("min_punten", [5, 3])
def test_demo_rijswijk_binnen_0_100(rijswijk, min_punten):
    indicatoren, gekoppeld = rijswijk
    _binnen_0_100(beoordeel_alles(indicatoren, gekoppeld, "GM0603", {"min_punten_trend": min_punten}))


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
    _binnen_0_100(alles)


def test_projectie_interval_bij_lage_percentages_geknipt():
    # 3,0 / 2,0 / 1,5 / 1,0 / 0,6 % over 2016–2020 (direct, interval ± 0,5): the straight line
    # reaches about -1 % in 2026; percentage, projection and interval are clipped to [0, 100].
    golven = pd.DataFrame({"jaar": [2016, 2017, 2018, 2019, 2020], "waarde": [3.0, 2.0, 1.5, 1.0, 0.6],
                           "ondergrens": [2.5, 1.5, 1.0, 0.5, 0.1], "bovengrens": [3.5, 2.5, 2.0, 1.5, 1.1],
                           "markering": [""] * 5, "onzekerheid": ["directe_schatting"] * 5})
    ind = dict(indicator_id="x", naam="X", richting="lager", basis_jaar=2016, basis_waarde=None,
               doel_type="waarde", doel_waarde=0.5, doel_jaar=2026, is_percentage=True)
    r = beoordeel_indicator(ind, golven)
    assert r["projectie"] == 0.0 and r["projectie_onder"] == 0.0
    assert 0.0 <= r["projectie_boven"] <= 100.0

"""No percentage interval outside [0, 100] anywhere in the voortgang table: the Rijswijk demo
edition, with projections switched on from 3 waves so that the clipping of prediction intervals is
exercised too. The same check on a national-scale run is in tests/integratie/test_voortgang_landelijk.py."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT
from gedeelde_controles import binnen_0_100
from evaluatie.ingest import koppel, laad_koppeling, lees_monitor_map
from evaluatie.ingest.kader import kader_tabellen, valideer_map
from evaluatie.voortgang.beoordeel import beoordeel_alles, beoordeel_indicator


@pytest.fixture(scope="module")
def rijswijk():
    indicatoren = kader_tabellen(valideer_map(ROOT / "data" / "raw" / "kader" / "rijswijk"))["indicatoren"]
    metingen = lees_monitor_map(ROOT / "data" / "raw" / "monitor")
    koppeling = laad_koppeling(ROOT / "data" / "raw" / "monitor" / "koppeling.yaml")
    return indicatoren, koppel(metingen, koppeling, "GM0603")


@pytest.mark.parametrize("min_punten", [5, 3])
def test_demo_rijswijk_binnen_0_100(rijswijk, min_punten):
    indicatoren, gekoppeld = rijswijk
    binnen_0_100(beoordeel_alles(indicatoren, gekoppeld, "GM0603", {"min_punten_trend": min_punten}))


# the national-scale run (every municipality of a synthetic 50120NED): tests/integratie/test_voortgang_landelijk.py


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

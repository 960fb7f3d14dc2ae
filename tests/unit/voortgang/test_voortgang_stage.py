"""Stage `voortgang`: every status has an ordinal code in the DVC metrics."""

from __future__ import annotations

import pandas as pd

from evaluatie.stages.voortgang import STATUS_CODE, metrics
from evaluatie.voortgang.status import STATUSSEN


def test_elke_status_heeft_een_code():
    assert set(STATUS_CODE) == set(STATUSSEN)
    assert len(set(STATUS_CODE.values())) == len(STATUS_CODE)
    # better verdicts rank higher; "onvoldoende gegevens" is no verdict at all
    assert STATUS_CODE["doel gehaald"] > STATUS_CODE["doel gehaald, binnen de foutmarge"] > STATUS_CODE["op koers"]
    assert STATUS_CODE["onvoldoende gegevens"] == 0


def test_metrics_per_indicator_en_per_status():
    v = pd.DataFrame({"indicator_id": ["a", "b"], "status": ["doel niet gehaald", "op koers"],
                      "doel_oordeel": ["niet_gehaald", None], "verandering_oordeel": ["binnen_foutmarge", "lager"],
                      "nl_oordeel": [None, "hoger"], "afstand_gesloten": [-0.75, float("nan")]})
    m = metrics(v)
    assert m["indicatoren"]["a"] == {"status": "doel niet gehaald", "status_code": 1, "doel_oordeel": "niet_gehaald",
                                     "verandering_oordeel": "binnen_foutmarge", "nl_oordeel": None,
                                     "afstand_gesloten": -0.75}
    assert m["indicatoren"]["b"]["afstand_gesloten"] is None
    assert m["per_status"]["doel niet gehaald"] == 1 and m["per_status"]["op koers"] == 1

"""``beoordeel_alles`` builds its output columns once in their dtype; the result is
exactly what the general conversion (a frame from the rows, then every column coerced)
gives: on the real Rijswijk demo data, on the hand-made cases, and on rows with values
of unexpected types (then the general conversion itself is used: same result or same
error). No timings here; benchmarks/landelijk.py measures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluatie.voortgang import beoordeling as v
from evaluatie.ingest import koppel, laad_koppeling, lees_monitor_map
from evaluatie.ingest.kader import kader_tabellen, valideer_map
from conftest import ROOT



@pytest.fixture(scope="module")
def rijswijk():
    indicatoren = kader_tabellen(valideer_map(ROOT / "data" / "raw" / "kader" / "rijswijk"))["indicatoren"]
    metingen = lees_monitor_map(ROOT / "data" / "raw" / "monitor")
    koppeling = laad_koppeling(ROOT / "data" / "raw" / "monitor" / "koppeling.yaml")
    return indicatoren, koppel(metingen, koppeling, "GM0603")


def _algemeen(monkeypatch, *args):
    with monkeypatch.context() as m:
        m.setattr(v, "_uitvoer", v._uitvoer_algemeen)
        return v.beoordeel_alles(*args)


def test_rijswijk_gelijk_aan_algemene_omzetting(rijswijk, monkeypatch):
    indicatoren, gekoppeld = rijswijk
    algemeen_aangeroepen = []
    echt_algemeen = v._uitvoer_algemeen
    monkeypatch.setattr(v, "_uitvoer_algemeen", lambda r: algemeen_aangeroepen.append(1) or echt_algemeen(r))
    snel = v.beoordeel_alles(indicatoren, gekoppeld, "GM0603")
    assert not algemeen_aangeroepen  # the direct construction was used
    monkeypatch.setattr(v, "_uitvoer_algemeen", echt_algemeen)
    verwacht = _algemeen(monkeypatch, indicatoren, gekoppeld, "GM0603")
    pd.testing.assert_frame_equal(snel, verwacht)
    assert len(snel) == len(indicatoren) and snel["status"].notna().all()


def test_zonder_indicatoren_gelijk(rijswijk, monkeypatch):
    indicatoren, gekoppeld = rijswijk
    leeg = indicatoren.iloc[0:0]
    pd.testing.assert_frame_equal(v.beoordeel_alles(leeg, gekoppeld, "GM0603"),
                                  _algemeen(monkeypatch, leeg, gekoppeld, "GM0603"))


@pytest.fixture(scope="module")
def rijen_basis(rijswijk) -> list[dict]:
    """The rows beoordeel_alles turns into its frame, for the Rijswijk demo data."""
    indicatoren, gekoppeld = rijswijk
    groepen = {(str(i), str(g)): df for (i, g), df in gekoppeld.groupby(["indicator_id", "gebied"])}
    return [
        {"kader_id": ind.get("kader_id"), "gemeente": "GM0603",
         **v.beoordeel_indicator(ind, groepen.get((ind["indicator_id"], "GM0603")),
                                 groepen.get((ind["indicator_id"], "NL01")), v.DEFAULT_DREMPELS)}
        for _, ind in indicatoren.iterrows()
    ]


def _uitkomst(functie, rijen):
    try:
        return ("ok", functie(rijen))
    except Exception as e:  # noqa: BLE001 - the comparison is the point
        return ("fout", type(e), str(e))


VREEMD = [None, float("nan"), pd.NA, np.nan, 1, 1.5, True, False, np.int64(3), np.float32(2.5),
          np.bool_(False), "tekst", "2.5", "", 2020.0, 2020.5, -0.0, float("inf")]


@settings(max_examples=80, deadline=None)
@given(wijzigingen=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(sorted(v._UITVOER_KOLOMMEN)),
                                      st.sampled_from(range(len(VREEMD)))), max_size=3))
def test_vreemde_waarden_zelfde_uitkomst(rijen_basis, wijzigingen):
    rijen = [dict(r) for r in rijen_basis]
    for rij_nr, kolom, i in wijzigingen:
        rijen[rij_nr % len(rijen)][kolom] = VREEMD[i]
    snel = _uitkomst(v._uitvoer, rijen)
    algemeen = _uitkomst(v._uitvoer_algemeen, rijen)
    assert snel[0] == algemeen[0], (snel, algemeen)
    if snel[0] == "ok":
        pd.testing.assert_frame_equal(snel[1], algemeen[1])
    else:
        assert snel == algemeen


def test_ontbrekende_sleutel_is_leeg(rijen_basis):
    rijen = [dict(r) for r in rijen_basis]
    del rijen[0]["projectie"], rijen[1]["status"]
    pd.testing.assert_frame_equal(v._uitvoer(rijen), v._uitvoer_algemeen(rijen))
    assert np.isnan(v._uitvoer(rijen)["projectie"].iloc[0]) and v._uitvoer(rijen)["status"].isna().iloc[1]


def test_smalle_statsmodels_import_zelfde_objecten():
    import statsmodels.api as sm

    assert (v.OLS, v.WLS, v.add_constant) == (sm.OLS, sm.WLS, sm.add_constant)

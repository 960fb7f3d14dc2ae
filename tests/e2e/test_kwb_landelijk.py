"""The real KWB 2020 table (CBS 84799NED, 17,341 regions): the column-wise comparison of every
region with Nederland equals beoordeel_alles's nl_* columns, value for value (floats bit for
bit), for 1,200 regions spread over all levels (buurten, gemeenten, wijken). Skipped when the
shared table is not on this machine (the fixture test in tests/unit/voortgang covers a cut of it).
Slow (the scalar path costs ~40 ms per region): marked e2e."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

KWB = Path("/work/shared/realdata/09_odata_84799NED_kwb2020_statline-bq")
N_GEBIEDEN = 1200

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not KWB.is_dir(), reason=f"echte KWB-tabel niet aanwezig ({KWB})")]


def test_elk_gebied_tegen_nederland_gelijk_aan_beoordeel_alles():
    from evaluatie.ingest import lees_monitor_map
    from evaluatie.voortgang.beoordeel import beoordeel_alles
    from evaluatie.voortgang.landelijk import vergelijk_met_nederland

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / KWB.name).symlink_to(KWB, target_is_directory=True)
        metingen = lees_monitor_map(Path(tmp))
    # rates (per ..., %: comparable with Nederland) with a value for the most regions, plus the
    # count with a value for the most regions (nearly always below Nederland's)
    met_waarde = metingen[metingen["waarde"].notna()]
    tarief = met_waarde["eenheid"].str.match(r"^(per |%)")
    tellen = lambda df: df.groupby("veld")["gebied"].nunique().sort_values(ascending=False, kind="stable")
    velden = list(tellen(met_waarde[tarief]).index[:4]) + list(tellen(met_waarde[~tarief]).index[:1])
    sel = metingen[metingen["veld"].isin(velden)].copy()
    del metingen
    sel.insert(0, "indicator_id", sel["veld"])
    sel["onzekerheid"] = "registratie"
    sel["telling"] = False
    nl_code = str(sel.loc[sel["gebied_niveau"] == "land", "gebied"].iloc[0])
    eenheid = sel.groupby("veld")["eenheid"].first()
    ind = pd.DataFrame({
        "kader_id": "kwb", "indicator_id": velden, "naam": velden,
        "eenheid": [eenheid[v] for v in velden], "is_percentage": [eenheid[v] == "%" for v in velden],
        "richting": "hoger", "doel_type": "geen", "basis_jaar": pd.array([2018] * len(velden), dtype="Int64"),
        "basis_waarde": 1.0, "doel_waarde": np.nan, "doel_jaar": pd.array([None] * len(velden), dtype="Int64"),
        "doel_vanaf_jaar": pd.array([None] * len(velden), dtype="Int64"),
    })
    pct = dict(zip(ind["indicator_id"], ind["is_percentage"]))
    snel = vergelijk_met_nederland(sel, pct, nederland=nl_code, na_jaar={v: 2018 for v in velden})

    nl = sel[sel["gebied"] == nl_code]
    per = {g: df for g, df in sel[sel["gebied"] != nl_code].groupby("gebied", sort=True)}
    codes = list(per)
    assert len(codes) > 17_000
    stap = len(codes) / N_GEBIEDEN
    steekproef = [codes[int(i * stap)] for i in range(N_GEBIEDEN)]
    assert {c[:2] for c in steekproef} == {"BU", "GM", "WK"}
    oud = pd.concat([beoordeel_alles(ind, pd.concat([nl, per[c]], ignore_index=True), c) for c in steekproef],
                    ignore_index=True)
    oud = oud[oud["laatste_jaar"].notna()].sort_values(["indicator_id", "gemeente"]).reset_index(drop=True)
    nieuw = snel[snel["gebied"].isin(steekproef)].sort_values(["indicator_id", "gebied"]).reset_index(drop=True)
    assert len(oud) == len(nieuw) >= 3 * N_GEBIEDEN
    assert list(oud["gemeente"]) == list(nieuw["gebied"]) and list(oud["indicator_id"]) == list(nieuw["indicator_id"])
    for k in ("nl_jaar", "nl_decimalen", "laatste_jaar", "laatste_decimalen"):
        assert oud[k].astype("Int64").equals(nieuw[k].astype("Int64")), k
    for k in ("nl_waarde", "nl_onder", "nl_boven", "nl_verschil", "nl_p", "laatste_waarde"):
        a, b = oud[k].to_numpy(float), nieuw[k].to_numpy(float)
        assert np.array_equal(np.isnan(a), np.isnan(b)) and a[~np.isnan(a)].tobytes() == b[~np.isnan(b)].tobytes(), k
    for k in ("nl_oordeel", "nl_methode"):
        assert oud[k].astype("string").equals(nieuw[k].astype("string")), k
    # the verdicts are not all of one kind
    assert set(nieuw["nl_oordeel"].dropna()) >= {"hoger", "lager", "binnen_foutmarge"}

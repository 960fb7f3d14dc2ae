"""beoordeel_alles skips its second pass when the Benjamini–Hochberg correction decides
nothing (issue 20). Equality test: the output must be identical, value for value and dtype
for dtype, to the two-pass algorithm it replaced (kept here as the reference), on the
real example data of both configured municipalities, with the correction off and on, and
on randomly perturbed series."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from evaluatie.voortgang.beoordeel import DEFAULT_DREMPELS, _uitvoer, beoordeel_alles, beoordeel_indicator
from evaluatie.voortgang.toetsen import benjamini_hochberg

ROOT = Path(__file__).resolve().parents[3]


def _twee_rondes(indicatoren, metingen, gemeente_code, drempels):
    """The previous beoordeel_alles, verbatim in its logic: assess every indicator, correct the
    p-values over the report, assess every indicator again with the corrected values."""
    drempels = {**DEFAULT_DREMPELS, **dict(drempels or {})}
    groepen = {(str(i), str(g)): df for (i, g), df in metingen.groupby(["indicator_id", "gebied"], sort=True)}
    niveau = metingen.get("gebied_niveau")
    peers = sorted({str(g) for g, nv in zip(metingen["gebied"], niveau if niveau is not None
                                             else ["gemeente"] * len(metingen))
                    if nv == "gemeente" and str(g) != gemeente_code and str(g).startswith("GM")})

    def een(ind, correctie):
        iid = str(ind["indicator_id"])
        anderen = {c: groepen[(iid, c)] for c in peers if (iid, c) in groepen}
        return beoordeel_indicator(ind, groepen.get((iid, gemeente_code)), groepen.get((iid, "NL01")),
                                   drempels, anderen, correctie)

    eerste = [een(ind, None) for _, ind in indicatoren.iterrows()]
    p_ver = benjamini_hochberg([r["verandering_p"] for r in eerste] + [r["nl_p"] for r in eerste])
    k = len(eerste)
    correcties = [{"verandering": p_ver[i], "nl": p_ver[k + i]} for i in range(k)]
    rijen = [een(ind, correcties[i]) for i, (_, ind) in enumerate(indicatoren.iterrows())]
    df = _uitvoer([{"kader_id": ind.get("kader_id"), "gemeente": gemeente_code, **u}
                   for (_, ind), u in zip(indicatoren.iterrows(), rijen)])
    return df.sort_values(["indicator_id", "kader_id"], kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def voorbeeld():
    """(indicatoren, gekoppelde metingen) for Rijswijk's kader, assessed for Rijswijk and for
    Leidschendam-Voorburg (each with the other as comparable municipality), from the example data."""
    from evaluatie.ingest import koppel, laad_koppeling, lees_monitor_map
    from evaluatie.ingest.kader import kader_tabellen, valideer_map

    metingen = lees_monitor_map(ROOT / "data" / "raw" / "monitor")
    koppeling = laad_koppeling(ROOT / "data" / "raw" / "monitor" / "koppeling.yaml")
    uit = {}
    ind = kader_tabellen(valideer_map(ROOT / "data" / "raw" / "kader" / "rijswijk"))["indicatoren"]
    assert len(ind) > 0
    for code, ander in (("GM0603", "GM1916"), ("GM1916", "GM0603")):
        gekoppeld = koppel(metingen, koppeling, code)
        vergelijk = koppel(metingen, koppeling, ander)
        uit[code] = (ind, pd.concat([gekoppeld, vergelijk[vergelijk["gebied"] == ander]], ignore_index=True))
    return uit


def _gelijk(nieuw: pd.DataFrame, oud: pd.DataFrame) -> None:
    assert list(nieuw.columns) == list(oud.columns)
    assert list(nieuw.dtypes.astype(str)) == list(oud.dtypes.astype(str))
    pd.testing.assert_frame_equal(nieuw, oud, check_exact=True)


@pytest.mark.parametrize("code", ["GM0603", "GM1916"])
@pytest.mark.parametrize("bh", [False, True])
def test_een_ronde_gelijk_aan_twee_rondes_op_voorbeelddata(voorbeeld, code, bh):
    ind, gekoppeld = voorbeeld[code]
    drempels = {**DEFAULT_DREMPELS, "benjamini_hochberg": bh}
    nieuw = beoordeel_alles(ind, gekoppeld, code, drempels)
    _gelijk(nieuw, _twee_rondes(ind, gekoppeld, code, drempels))
    if code == "GM0603":  # the correction is really filled in (GM1916 runs no z-test on this kader)
        assert nieuw["verandering_p_bh"].notna().any()


@pytest.mark.parametrize("seed", range(6))
def test_een_ronde_gelijk_aan_twee_rondes_met_verstoorde_reeksen(voorbeeld, seed):
    """Shifted values, dropped waves and CBS markings: other verdicts, other p-values, other
    paths through beoordeel_indicator (tests that do not run leave p and p_bh empty)."""
    rng = np.random.default_rng(seed)
    code = "GM0603" if seed % 2 == 0 else "GM1916"
    ind, gekoppeld = voorbeeld[code]
    g = gekoppeld.copy()
    schuif = rng.normal(0, 1.5, len(g))
    g["waarde"] = g["waarde"] + schuif
    for k in ("ondergrens", "bovengrens"):
        if k in g:
            g[k] = g[k] + schuif
    weg = rng.random(len(g)) < 0.15
    g = g[~weg].reset_index(drop=True)
    if "markering" in g:
        g.loc[rng.random(len(g)) < 0.05, "markering"] = "x"
    drempels = {**DEFAULT_DREMPELS, "benjamini_hochberg": bool(seed % 3 == 0), "alpha": [0.05, 0.1, 0.01][seed % 3]}
    _gelijk(beoordeel_alles(ind, g, code, drempels), _twee_rondes(ind, g, code, drempels))


# ---------------------------------------------------------------- splits_reeks without iterrows
def _splits_oud(reeks, niveau=0.95, *, sleutel=None, is_percentage=False):
    """The previous splits_reeks loop (a Series per row via iterrows), for comparison."""
    from evaluatie.voortgang.onzekerheid import (
        Meting, _uitsluit_reden, als_float, als_int, decimalen, klem, leeg, se_uit_interval, soort_van)

    if reeks is None or len(reeks) == 0:
        return [], []
    soort = soort_van(reeks, sleutel)
    ruw, uitgesloten = [], []
    for _, rij in reeks.sort_values("jaar").iterrows():
        jaar = int(rij["jaar"])
        markering = rij.get("markering", "")
        markering = "" if leeg(markering) else str(markering).strip()
        reden = _uitsluit_reden(markering, rij["waarde"])
        if reden:
            uitgesloten.append((jaar, reden))
            continue
        n = als_int(rij.get("n")) if "n" in reeks.columns else None
        ruw.append((jaar, float(rij["waarde"]), als_float(rij.get("ondergrens")), als_float(rij.get("bovengrens")), n))
    dec = max((decimalen(x) for r in ruw for x in r[1:4] if x is not None), default=0)
    geldig = []
    for jaar, waarde, onder, boven, n in ruw:
        onder, boven = klem(onder, is_percentage), klem(boven, is_percentage)
        geldig.append(Meting(jaar, waarde, onder, boven, se_uit_interval(onder, boven, niveau), n, dec, str(soort)))
    return geldig, uitgesloten


def _reeksen(voorbeeld):
    for code, (_, gekoppeld) in voorbeeld.items():
        for _, df in gekoppeld.groupby(["indicator_id", "gebied"], sort=True):
            yield df
    rng = np.random.default_rng(7)
    basis = pd.DataFrame({"jaar": [2022, 2016, 2020, 2018], "waarde": [6.5, 8.1, 7.0, np.nan],
                          "ondergrens": [5.9, 7.5, np.nan, 6.0], "bovengrens": [7.1, 8.7, np.nan, 7.0],
                          "markering": ["", None, "x", ""], "onzekerheid": ["directe_schatting"] * 4})
    yield basis
    yield basis.drop(columns=["markering"])
    yield basis.drop(columns=["ondergrens", "bovengrens"])
    yield basis.assign(n=pd.array([120, None, 80, 95], dtype="Int64"))
    yield basis.assign(jaar=basis["jaar"].astype("float64"), waarde=basis["waarde"] + rng.normal(0, 1, 4))
    yield basis.assign(markering=pd.array(["", pd.NA, ".", "?"], dtype="string"))


@pytest.mark.parametrize("is_percentage", [False, True])
def test_splits_reeks_gelijk_aan_iterrows(voorbeeld, is_percentage):
    from evaluatie.voortgang.onzekerheid import splits_reeks

    n = 0
    for reeks in _reeksen(voorbeeld):
        assert splits_reeks(reeks, is_percentage=is_percentage) == _splits_oud(reeks, is_percentage=is_percentage)
        n += 1
    assert n > 10

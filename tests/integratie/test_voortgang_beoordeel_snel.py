"""beoordeel_alles without pandas per assessment (issue 20): the series are grouped and split
from plain lists (``_Groepen``/``_Reeks``), the output columns are built directly and the rows
sorted before the frame is made, ``z_kritiek`` is cached. Equality tests: every fast step
against the code it replaced (kept here verbatim as the reference) on the example data, on
shuffled and perturbed inputs and on random series (hypothesis), value for value, dtype for
dtype, and for the output also parquet byte for byte.

In tests/integratie (`make test` only; issue 20: ± 7 s of old-vs-new equality). The hand-computed
z_kritiek and z_toets checks are in tests/unit/voortgang/test_voortgang_z_handberekend.py."""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from conftest import voorbeelden
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.voortgang.beoordeel import (
    _UITVOER_KOLOMMEN,
    DEFAULT_DREMPELS,
    _Groepen,
    _Reeks,
    _uitvoer,
    beoordeel_alles,
    beoordeel_indicator,
)
from evaluatie.voortgang.landelijk import Vergelijkingsgolven, eenvoudig
from evaluatie.voortgang.onzekerheid import leeg, soort_van, splits_reeks
from evaluatie.voortgang.toetsen import benjamini_hochberg

ROOT = Path(__file__).resolve().parents[2]


# -- the replaced code, verbatim in its logic --------------------------------------------------

def _oude_uitvoer(rijen):
    kolommen = {}
    for k, dtype in _UITVOER_KOLOMMEN.items():
        waarden = [None if leeg(r.get(k)) else r.get(k) for r in rijen]
        if dtype == "float64":
            kolommen[k] = np.array([np.nan if v is None else float(v) for v in waarden], dtype="float64")
        elif dtype == "Int64":
            kolommen[k] = pd.array([None if v is None else int(v) for v in waarden], dtype="Int64")
        elif dtype == "boolean":
            kolommen[k] = pd.array([None if v is None else bool(v) for v in waarden], dtype="boolean")
        else:
            kolommen[k] = pd.array([None if v is None else str(v) for v in waarden], dtype="string")
    return pd.DataFrame(kolommen)


def _oud_beoordeel_alles(indicatoren, metingen, gemeente_code, drempels):
    """beoordeel_alles before this change: groupby frames, splits_reeks per series, pd.array per
    column, sort_values at the end."""
    drempels = {**DEFAULT_DREMPELS, **dict(drempels or {})}
    groepen = {(str(i), str(g)): df for (i, g), df in metingen.groupby(["indicator_id", "gebied"], sort=True)}
    niveau = metingen.get("gebied_niveau")
    peers = sorted({str(g) for g, nv in zip(metingen["gebied"], niveau if niveau is not None
                                             else ["gemeente"] * len(metingen))
                    if nv == "gemeente" and str(g) != gemeente_code and str(g).startswith("GM")})
    peer_golven = None
    if peers:
        peer_rijen = metingen[metingen["gebied"].isin(peers)]
        if eenvoudig(peer_rijen):
            peer_golven = Vergelijkingsgolven(peer_rijen, float(drempels["interval_niveau"]))

    def een(ind, correctie):
        iid = str(ind["indicator_id"])
        anderen = {c: groepen[(iid, c)] for c in peers if (iid, c) in groepen}
        return beoordeel_indicator(ind, groepen.get((iid, gemeente_code)), groepen.get((iid, "NL01")),
                                   drempels, peer_golven.voor(iid, anderen) if peer_golven else anderen,
                                   correctie)

    rij_lijst = [ind for _, ind in indicatoren.iterrows()]
    eerste = [een(ind, None) for ind in rij_lijst]
    p_ver = benjamini_hochberg([r["verandering_p"] for r in eerste] + [r["nl_p"] for r in eerste])
    k = len(eerste)
    correcties = [{"verandering": p_ver[i], "nl": p_ver[k + i]} for i in range(k)]
    if drempels["benjamini_hochberg"]:
        rijen = [een(ind, correcties[i]) for i, ind in enumerate(rij_lijst)]
    else:
        rijen = eerste
        for r, c in zip(rijen, correcties):
            r["verandering_p_bh"], r["nl_p_bh"] = c["verandering"], c["nl"]
    df = _oude_uitvoer([{"kader_id": ind.get("kader_id"), "gemeente": gemeente_code, **u}
                        for ind, u in zip(rij_lijst, rijen)])
    return df.sort_values(["indicator_id", "kader_id"], kind="stable").reset_index(drop=True)


def _parquet(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def _gelijk(nieuw: pd.DataFrame, oud: pd.DataFrame) -> None:
    assert list(nieuw.columns) == list(oud.columns)
    assert list(nieuw.dtypes.astype(str)) == list(oud.dtypes.astype(str))
    pd.testing.assert_frame_equal(nieuw, oud, check_exact=True)
    assert _parquet(nieuw) == _parquet(oud)


# -- the example data --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def voorbeeld():
    """(indicatoren, gekoppelde metingen) for Rijswijk's kader, for Rijswijk and for
    Leidschendam-Voorburg, each with the other as comparable municipality."""
    from evaluatie.ingest import koppel, laad_koppeling, lees_monitor_map
    from evaluatie.ingest.kader import kader_tabellen, valideer_map

    metingen = lees_monitor_map(ROOT / "data" / "raw" / "monitor")
    koppeling = laad_koppeling(ROOT / "data" / "raw" / "monitor" / "koppeling.yaml")
    ind = kader_tabellen(valideer_map(ROOT / "data" / "raw" / "kader" / "rijswijk"))["indicatoren"]
    uit = {}
    for code, ander in (("GM0603", "GM1916"), ("GM1916", "GM0603")):
        gekoppeld = koppel(metingen, koppeling, code)
        vergelijk = koppel(metingen, koppeling, ander)
        uit[code] = (ind, pd.concat([gekoppeld, vergelijk[vergelijk["gebied"] == ander]], ignore_index=True))
    return uit


@pytest.mark.parametrize("code", ["GM0603", "GM1916"])
@pytest.mark.parametrize("bh", [False, True])
def test_gelijk_aan_de_oude_weg_op_voorbeelddata(voorbeeld, code, bh):
    ind, gekoppeld = voorbeeld[code]
    drempels = {**DEFAULT_DREMPELS, "benjamini_hochberg": bh}
    nieuw = beoordeel_alles(ind, gekoppeld, code, drempels)
    assert len(nieuw) == len(ind) > 5
    assert nieuw["laatste_waarde"].notna().sum() > 3  # the series really were split
    _gelijk(nieuw, _oud_beoordeel_alles(ind, gekoppeld, code, drempels))


def test_gelijk_met_door_elkaar_gezette_rijen_en_attrs(voorbeeld):
    """Rows in any order, an indicator under two kaders (ties in indicator_id), a frame with
    attrs, a series whose years are not sorted: the same frame as the old sort_values."""
    ind, gekoppeld = voorbeeld["GM0603"]
    tweede = ind.iloc[:3].copy()
    tweede["kader_id"] = "a_eerder"  # sorts before the real kader_id, within the same indicator
    ind2 = pd.concat([ind, tweede], ignore_index=True).sample(frac=1.0, random_state=7).reset_index(drop=True)
    gek2 = gekoppeld.sample(frac=1.0, random_state=3).reset_index(drop=True)
    gek2.attrs = {"meldingen": ["x"]}
    nieuw = beoordeel_alles(ind2, gek2, "GM0603", DEFAULT_DREMPELS)
    assert gek2.attrs == {"meldingen": ["x"]}  # the input is left alone
    _gelijk(nieuw, _oud_beoordeel_alles(ind2, gek2, "GM0603", DEFAULT_DREMPELS))
    assert list(nieuw["indicator_id"]) == sorted(nieuw["indicator_id"])


def test_gelijk_met_ontbrekende_kader_id(voorbeeld):
    """A missing sort key: the fast sort steps aside for sort_values (NA last)."""
    ind, gekoppeld = voorbeeld["GM0603"]
    ind2 = ind.copy()
    ind2["kader_id"] = ind2["kader_id"].astype(object)
    ind2.loc[1, "kader_id"] = None
    nieuw = beoordeel_alles(ind2, gekoppeld, "GM0603", DEFAULT_DREMPELS)
    assert nieuw["kader_id"].isna().sum() == 1
    _gelijk(nieuw, _oud_beoordeel_alles(ind2, gekoppeld, "GM0603", DEFAULT_DREMPELS))


def test_gelijk_met_niet_tekst_sleutels_en_float_jaren(voorbeeld):
    """Keys that are not plain text or years held as floats: the groupby / splits_reeks path."""
    ind, gekoppeld = voorbeeld["GM0603"]
    g = gekoppeld.copy()
    g["jaar"] = g["jaar"].astype("float64")
    _gelijk(beoordeel_alles(ind, g, "GM0603", DEFAULT_DREMPELS),
            _oud_beoordeel_alles(ind, g, "GM0603", DEFAULT_DREMPELS))
    g = gekoppeld.copy()
    g["gebied"] = g["gebied"].astype(object)
    g.loc[g.index[0], "gebied"] = np.str_(g.loc[g.index[0], "gebied"])
    _gelijk(beoordeel_alles(ind, g, "GM0603", DEFAULT_DREMPELS),
            _oud_beoordeel_alles(ind, g, "GM0603", DEFAULT_DREMPELS))


@pytest.mark.parametrize("kapot", ["dubbel_jaar", "twee_soorten", "geen_soort"])
def test_dezelfde_fout_als_de_oude_weg(voorbeeld, kapot):
    ind, gekoppeld = voorbeeld["GM0603"]
    g = gekoppeld.copy()
    eigen = g.index[g["gebied"] == "GM0603"]
    iid = g.loc[eigen[0], "indicator_id"]
    reeks = eigen[g.loc[eigen, "indicator_id"] == iid]
    if kapot == "dubbel_jaar":
        g.loc[reeks[1], "jaar"] = g.loc[reeks[0], "jaar"]
    elif kapot == "twee_soorten":
        anders = "registratie" if g.loc[reeks[0], "onzekerheid"] != "registratie" else "modelschatting"
        g.loc[reeks[0], "onzekerheid"] = anders
    else:
        g["onzekerheid"] = g["onzekerheid"].astype(object)
        g.loc[reeks, "onzekerheid"] = None
    with pytest.raises(InvoerFout) as oud:
        _oud_beoordeel_alles(ind, g, "GM0603", DEFAULT_DREMPELS)
    with pytest.raises(InvoerFout) as nieuw:
        beoordeel_alles(ind, g, "GM0603", DEFAULT_DREMPELS)
    assert str(nieuw.value) == str(oud.value)
    assert (nieuw.value.kolom, nieuw.value.sleutel) == (oud.value.kolom, oud.value.sleutel)


# -- random series: _Reeks.splits against splits_reeks -----------------------------------------

_waarde = st.one_of(st.none(), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)),
                    st.sampled_from([0.0, 100.0, 7.5, 92.5, 10.05]))
_rij = st.fixed_dictionaries({
    "indicator_id": st.sampled_from(["a", "b"]),
    "gebied": st.sampled_from(["GM0001", "NL01"]),
    "jaar": st.integers(2010, 2016),
    "waarde": _waarde,
    "d_onder": st.one_of(st.none(), st.floats(0, 5, allow_nan=False).map(lambda x: round(x, 1))),
    "d_boven": st.one_of(st.none(), st.floats(0, 5, allow_nan=False).map(lambda x: round(x, 1))),
    "markering": st.sampled_from(["", "", "", "x", " . ", None]),
    "onzekerheid": st.sampled_from(["directe_schatting"] * 6 + ["modelschatting", "registratie", "onbekend", None]),
    "n": st.one_of(st.none(), st.integers(1, 5000)),
})


def _frame(rijen, met_n):
    df = pd.DataFrame([{k: v for k, v in r.items() if not k.startswith("d_")} for r in rijen])
    df["ondergrens"] = [None if r["waarde"] is None or r["d_onder"] is None else r["waarde"] - r["d_onder"]
                        for r in rijen]
    df["bovengrens"] = [None if r["waarde"] is None or r["d_boven"] is None else r["waarde"] + r["d_boven"]
                        for r in rijen]
    uit = pd.DataFrame({
        "indicator_id": pd.array(df["indicator_id"], dtype="string"),
        "gebied": pd.array(df["gebied"], dtype="string"),
        "jaar": pd.array(df["jaar"], dtype="Int64"),
        "waarde": df["waarde"].astype("float64"),
        "ondergrens": df["ondergrens"].astype("float64"),
        "bovengrens": df["bovengrens"].astype("float64"),
        "markering": pd.array(df["markering"], dtype="string"),
        "onzekerheid": pd.array(df["onzekerheid"], dtype="string"),
    })
    if met_n:
        uit["n"] = pd.array(df["n"], dtype="Int64")
    return uit


def _uitkomst(functie):
    try:
        return ("ok", functie())
    except InvoerFout as fout:
        return ("fout", str(fout), fout.kolom, fout.sleutel)


@settings(max_examples=voorbeelden(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rijen=st.lists(_rij, min_size=1, max_size=14), met_n=st.booleans(), pct=st.booleans(),
       niveau=st.sampled_from([0.95, 0.9]))
def test_splitsen_uit_lijsten_gelijk_aan_splits_reeks(rijen, met_n, pct, niveau):
    df = _frame(rijen, met_n)
    groepen = _Groepen(df)
    oud = {(str(i), str(g)): f for (i, g), f in df.groupby(["indicator_id", "gebied"], sort=True)}
    assert list(groepen) == list(oud)
    for sleutel, frame in oud.items():
        reeks = groepen[sleutel]
        assert isinstance(reeks, _Reeks)
        pd.testing.assert_frame_equal(groepen.als_frame(sleutel), frame, check_exact=True)
        nieuw = _uitkomst(lambda r=reeks, s=sleutel[0]: r.splits(niveau, s, pct))
        verwacht = _uitkomst(lambda f=frame, s=sleutel[0]: splits_reeks(f, niveau, sleutel=s, is_percentage=pct))
        assert nieuw == verwacht
        if nieuw[0] == "ok":
            assert reeks.soort(sleutel[0]) == soort_van(frame, sleutel[0])


# -- the output columns ------------------------------------------------------------------------

_celwaarde = st.one_of(st.none(), st.just(float("nan")), st.just(pd.NA), st.integers(-3, 3000),
                       st.floats(-1e6, 1e6, allow_nan=False), st.booleans(), st.text(max_size=6))


@settings(max_examples=voorbeelden(60), deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(list(_UITVOER_KOLOMMEN)), _celwaarde, max_size=20),
                min_size=0, max_size=5))
def test_uitvoer_gelijk_aan_pd_array(rijen):
    def bruikbaar(k, v):  # values each column can take at all (the old code raises on the others)
        soort = _UITVOER_KOLOMMEN[k]
        if leeg(v) or soort == "string":
            return True
        if soort == "float64":
            return not isinstance(v, str)
        if soort == "Int64":
            return isinstance(v, (bool, int)) or (isinstance(v, float) and v.is_integer())
        return not isinstance(v, str) or v != ""
    rijen = [{k: v for k, v in r.items() if bruikbaar(k, v)} for r in rijen]
    nieuw, oud = _uitvoer(rijen), _oude_uitvoer(rijen)
    pd.testing.assert_frame_equal(nieuw, oud, check_exact=True)
    for k in nieuw.columns:
        if str(nieuw[k].dtype) in ("Int64", "boolean"):
            assert np.array_equal(nieuw[k].array._data, oud[k].array._data)
            assert np.array_equal(nieuw[k].array._mask, oud[k].array._mask)
    assert _parquet(nieuw) == _parquet(oud)


# -- z_kritiek -----------------------------------------------------------------------------------

# test_z_kritiek_handberekend_en_gelijk_aan_scipy: tests/unit/voortgang/test_voortgang_z_handberekend.py


# -- the normal tail of z_toets ------------------------------------------------------------------

@settings(max_examples=voorbeelden(2000), deadline=None)
@given(st.one_of(st.floats(-40.0, 40.0, allow_nan=False), st.floats(allow_nan=False),
                 st.floats(-1e-300, 1e-300), st.sampled_from([0.0, -0.0, 1.959963984540054, 38.5, 39.0])))
def test_normale_staart_gelijk_aan_scipy_norm_sf(z):
    from scipy import special

    verwacht = float(2.0 * stats.norm.sf(abs(z)))
    assert float(2.0 * special.ndtr(-abs(z))) == verwacht


@settings(max_examples=voorbeelden(500), deadline=None)
@given(st.floats(-1e4, 1e4, allow_nan=False), st.floats(1e-6, 1e3), st.floats(-1e4, 1e4, allow_nan=False),
       st.floats(1e-6, 1e3))
def test_z_toets_p_gelijk_aan_scipy(w1, se1, w2, se2):
    from evaluatie.voortgang.toetsen import z_toets

    uit = z_toets(w1, se1, w2, se2)
    verwacht = float(2.0 * stats.norm.sf(abs((float(w2) - float(w1)) / math.hypot(se1, se2))))
    assert uit["p"] == verwacht


# test_z_toets_handberekend: tests/unit/voortgang/test_voortgang_z_handberekend.py


# -- splits_reeks on a DataFrame: no sort when in order, no attrs copies -------------------------

def _oud_splits_reeks(reeks, niveau=0.95, *, sleutel=None, is_percentage=False):
    """splits_reeks before this change (the checks and the sort as they were)."""
    from evaluatie.voortgang.onzekerheid import _golven

    if reeks is None or len(reeks) == 0:
        return [], []
    for kolom in ("jaar", "waarde"):
        if kolom not in reeks.columns:
            raise InvoerFout(None, f"meetreeks mist de kolom '{kolom}'", kolom=kolom, sleutel=sleutel)
    if reeks["jaar"].isna().any():
        raise InvoerFout(None, "meetreeks bevat een meting zonder jaar", kolom="jaar", sleutel=sleutel)
    dubbel = reeks["jaar"][reeks["jaar"].duplicated()]
    if len(dubbel):
        raise InvoerFout(None, f"meetreeks bevat het jaar {int(dubbel.iloc[0])} meer dan eens; kies één meting "
                         "per jaar", kolom="jaar", sleutel=sleutel)
    soort = soort_van(reeks, sleutel)
    gesorteerd = reeks.sort_values("jaar")
    leeg_kolom = [None] * len(gesorteerd)
    kol = {k: gesorteerd[k].tolist() if k in gesorteerd.columns else leeg_kolom
           for k in ("jaar", "waarde", "markering", "ondergrens", "bovengrens", "n")}
    if "markering" not in gesorteerd.columns:
        kol["markering"] = [""] * len(gesorteerd)
    return _golven(kol, "n" in reeks.columns, str(soort), niveau, is_percentage)


@settings(max_examples=voorbeelden(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rijen=st.lists(_rij, min_size=1, max_size=8), met_n=st.booleans(), pct=st.booleans(),
       attrs=st.booleans(), jaar_als=st.sampled_from(["Int64", "int64", "float64"]),
       zonder=st.sampled_from([None, "markering", "onzekerheid", "ondergrens"]))
def test_splits_reeks_gelijk_aan_de_oude(rijen, met_n, pct, attrs, jaar_als, zonder):
    df = _frame(rijen, met_n)
    df["jaar"] = df["jaar"].astype(jaar_als)
    if zonder:
        df = df.drop(columns=zonder)
    if attrs:
        df.attrs = {"meldingen": ["x"]}
    nieuw = _uitkomst(lambda: splits_reeks(df, 0.95, sleutel="k", is_percentage=pct))
    assert nieuw == _uitkomst(lambda: _oud_splits_reeks(df, 0.95, sleutel="k", is_percentage=pct))
    assert df.attrs == ({"meldingen": ["x"]} if attrs else {})

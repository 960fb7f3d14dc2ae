"""The column-wise comparison (evaluatie.voortgang.landelijk) against the scalar path, on random
waves and series (hypothesis), on the example data of the pipeline and on the real KWB 2020 fixture.

Moved out of ``tests/unit/voortgang/test_voortgang_landelijk.py`` (issue 20): ± 10 s of old-vs-new
equality, so it runs in `make test`, not in `make test-snel`; the unit file keeps the hand-computed
examples and the column-wise z-test. Equality is the point: every verdict, difference and p-value must
be the one ``splits_reeks`` + ``vergelijk`` give, bit for bit (the sign of a zero included).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import voorbeelden
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.voortgang import beoordeel as beoordeel_mod
from evaluatie.voortgang.beoordeel import beoordeel_alles
from evaluatie.voortgang.landelijk import (
    GOLF_KOLOMMEN,
    eenvoudig,
    geldige_golven,
    vergelijk_golven,
    vergelijk_met_nederland,
)
from evaluatie.voortgang.onzekerheid import (
    DIRECT,
    MODEL,
    REGISTRATIE,
    Meting,
    klem,
    splits_reeks,
)
from evaluatie.voortgang.toetsen import vergelijk

from gedeelde_voortgang import OPTIES, als_kolommen, zelfde_getal

ROOT = Path(__file__).resolve().parents[2]


# -- random waves: vergelijk_golven == vergelijk -------------------------------------------------------

WAARDEN = st.one_of(
    st.sampled_from([0.0, -0.0, 0.05, 0.5, 7.5, 10.0, 10.05, 10.15, 50.0, 92.5, 99.95, 100.0, 100.5, 200.0,
                     1234.5678, -3.25]),
    st.floats(-20, 120, allow_nan=False).map(lambda x: round(x, 2)),
    st.integers(0, 100).map(float),
)


@st.composite
def metingen(draw, soort=None):
    w = draw(WAARDEN)
    onder = draw(st.one_of(st.none(), st.sampled_from([w, w - 0.1, w - 2.0, w + 1.0, -1.0, 0.0]),
                           st.floats(-10, 110).map(lambda x: round(x, 1))))
    boven = draw(st.one_of(st.none(), st.sampled_from([w, w + 0.1, w + 2.5, w - 1.0, 100.0, 101.0]),
                           st.floats(-10, 110).map(lambda x: round(x, 1))))
    n = draw(st.one_of(st.none(), st.sampled_from([0, 1, 50, 1500, 10_000])))
    dec = draw(st.integers(0, 3))
    s = soort or draw(st.sampled_from([DIRECT, DIRECT, MODEL, REGISTRATIE]))
    return Meting(2020, w, onder, boven, None, n, dec, s)


@settings(max_examples=voorbeelden(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paren=st.lists(st.tuples(metingen(), metingen(), st.booleans()), min_size=1, max_size=12),
       materialiteit=st.sampled_from([0.01, 0.02]), alpha=st.sampled_from([0.05, 0.1]))
def test_vergelijk_golven_is_vergelijk(paren, materialiteit, alpha):
    opties = {**OPTIES, "materialiteit": materialiteit, "alpha": alpha}
    # clipped bounds, as splits_reeks gives them to vergelijk
    paren = [(Meting(a.jaar, a.waarde, klem(a.onder, p), klem(a.boven, p), None, a.n, a.decimalen, a.soort),
              Meting(b.jaar, b.waarde, klem(b.onder, p), klem(b.boven, p), None, b.n, b.decimalen, b.soort), p)
             for a, b, p in paren]
    verwacht = []
    for a, b, p in paren:
        try:
            verwacht.append(vergelijk(a, b, is_percentage=p, **opties))
        except (ValueError, ArithmeticError) as e:  # logit of a bound at 1e-300: math domain error
            verwacht.append(type(e))
    fouten = {v for v in verwacht if isinstance(v, type)}
    if fouten:
        with pytest.raises(tuple(fouten)):
            vergelijk_golven(als_kolommen([a for a, _, _ in paren]), als_kolommen([b for _, b, _ in paren]),
                             is_percentage=np.array([p for *_, p in paren]), **opties)
        return
    uit = vergelijk_golven(als_kolommen([a for a, _, _ in paren]), als_kolommen([b for _, b, _ in paren]),
                           is_percentage=np.array([p for *_, p in paren]), **opties)
    for (_, rij), v in zip(uit.iterrows(), verwacht):
        assert zelfde_getal(rij["verschil"], v["verschil"])
        assert zelfde_getal(rij["p"], v["p"])
        assert (rij["oordeel"], rij["methode"]) == (v["oordeel"], v["methode"])


# -- random series: geldige_golven == splits_reeks; vergelijk_met_nederland == per region --------------

@st.composite
def reeksen(draw, min_gebieden=1, max_gebieden=6):
    """Linked measurements of 1-2 indicators for Nederland and a few regions; sometimes broken
    (a year twice, a missing or second kind of source)."""
    rijen = []
    for iid in draw(st.sampled_from([["a"], ["a", "b"]])):
        for gebied in ["NL01"] + [f"GM{i:04d}" for i in range(draw(st.integers(min_gebieden, max_gebieden)))]:
            soort = draw(st.sampled_from([DIRECT, MODEL, REGISTRATIE]))
            jaren = draw(st.lists(st.sampled_from([2016, 2018, 2019, 2020]), min_size=1, max_size=4))
            for jaar in jaren:
                m = draw(metingen(soort))
                rijen.append({
                    "indicator_id": iid, "gebied": gebied, "gebied_niveau": "land" if gebied == "NL01" else "gemeente",
                    "jaar": jaar, "waarde": draw(st.one_of(st.just(m.waarde), st.just(m.waarde), st.just(np.nan))),
                    "ondergrens": np.nan if m.onder is None else m.onder,
                    "bovengrens": np.nan if m.boven is None else m.boven,
                    "markering": draw(st.sampled_from([None, "", "", " ", "x", "."])),
                    "onzekerheid": draw(st.sampled_from([soort] * 12 + [None, "onbekend", MODEL])),
                    "n": np.nan if m.n is None else float(m.n),
                })
    df = pd.DataFrame(rijen)
    df["n"] = df["n"].astype("Int64")
    return df


@settings(max_examples=voorbeelden(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=reeksen())
def test_geldige_golven_is_splits_reeks(df):
    golven, onzeker = geldige_golven(df)
    assert list(golven.columns) == GOLF_KOLOMMEN
    for (i, g), reeks in df.groupby(["indicator_id", "gebied"], sort=True):
        if (i, g) in onzeker:
            continue  # left to splits_reeks (it raises or not; the fast path does not judge it)
        verwacht = splits_reeks(reeks, sleutel=i)[0]
        eigen = golven[(golven["indicator_id"] == i) & (golven["gebied"] == g)]
        assert len(eigen) == len(verwacht)
        for (_, r), w in zip(eigen.iterrows(), verwacht):
            assert (r["jaar"], r["decimalen"], r["soort"]) == (w.jaar, w.decimalen, w.soort)
            for k, x in (("waarde", w.waarde), ("onder", w.onder), ("boven", w.boven), ("n", w.n)):
                assert zelfde_getal(r[k], None if x is None else float(x))
    # a series splits_reeks refuses is always among the uncertain ones
    for (i, g), reeks in df.groupby(["indicator_id", "gebied"], sort=True):
        try:
            splits_reeks(reeks, sleutel=i)
        except InvoerFout:
            assert (i, g) in onzeker


@settings(max_examples=voorbeelden(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=reeksen(), pct=st.booleans(), na_jaar=st.sampled_from([None, {"a": 2018}, {"a": 2019, "b": 2016}]))
def test_vergelijk_met_nederland_is_per_gebied(df, pct, na_jaar):
    def scalar():
        rijen = {}
        nl_per = {}
        for (i, g), reeks in df.groupby(["indicator_id", "gebied"], sort=True):
            golven = splits_reeks(reeks, sleutel=i, is_percentage=pct)[0]
            if g == "NL01":
                nl_per[i] = {m.jaar: m for m in golven}
                continue
            grens = (na_jaar or {}).get(i)
            na = [m for m in golven if grens is None or m.jaar > grens]
            if na:
                rijen[(i, g)] = na[-1]
        return rijen, nl_per

    try:
        rijen, nl_per = scalar()
    except InvoerFout as e:
        with pytest.raises(InvoerFout) as fout:
            vergelijk_met_nederland(df, pct, na_jaar=na_jaar)
        assert str(fout.value) == str(e)
        return
    # the scalar loop accepted every series, so the fast path must too (an error here is a bug)
    uit = vergelijk_met_nederland(df, pct, na_jaar=na_jaar)
    assert [(r.indicator_id, r.gebied) for r in uit.itertuples()] == list(rijen)
    for r in uit.itertuples():
        laatste = rijen[(r.indicator_id, r.gebied)]
        assert (r.laatste_jaar, r.laatste_decimalen) == (laatste.jaar, laatste.decimalen)
        assert zelfde_getal(r.laatste_onder, laatste.onder) and zelfde_getal(r.laatste_boven, laatste.boven)
        nl = nl_per.get(r.indicator_id, {}).get(laatste.jaar)
        if nl is None:
            assert pd.isna(r.nl_jaar) and pd.isna(r.nl_oordeel) and np.isnan(r.nl_verschil)
            continue
        v = vergelijk(nl, laatste, is_percentage=pct, **OPTIES)
        assert (r.nl_jaar, r.nl_decimalen) == (nl.jaar, nl.decimalen)
        assert zelfde_getal(r.nl_onder, nl.onder) and zelfde_getal(r.nl_boven, nl.boven)
        assert zelfde_getal(r.nl_verschil, v["verschil"]) and zelfde_getal(r.nl_p, v["p"])
        assert (r.nl_oordeel, None if pd.isna(r.nl_methode) else r.nl_methode) == (v["oordeel"], v["methode"])


# -- beoordeel_alles: the column-wise peer comparison == the scalar one --------------------------------

def _indicatoren(ids, pct):
    return pd.DataFrame({
        "kader_id": "k", "indicator_id": ids, "naam": ids, "eenheid": "%" if pct else "aantal",
        "is_percentage": pct, "richting": "hoger", "doel_type": "geen",
        "basis_jaar": pd.array([2016] * len(ids), dtype="Int64"), "basis_waarde": np.nan, "doel_waarde": np.nan,
        "doel_jaar": pd.array([None] * len(ids), dtype="Int64"), "doel_vanaf_jaar": pd.array([None] * len(ids), dtype="Int64"),
    })


def _beide_paden(monkeypatch, ind, df, code):
    """(column-wise result or error, scalar result or error)."""
    def draai():
        try:
            return beoordeel_alles(ind, df, code)
        except InvoerFout as e:
            return ("fout", str(e))
    snel = draai()
    with monkeypatch.context() as mp:
        mp.setattr(beoordeel_mod, "eenvoudig", lambda _: False)
        traag = draai()
    return snel, traag


@settings(max_examples=voorbeelden(40), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(df=reeksen(min_gebieden=2, max_gebieden=8), pct=st.booleans())
def test_beoordeel_alles_peers_kolomsgewijs_gelijk(monkeypatch, df, pct):
    ind = _indicatoren(sorted(df["indicator_id"].unique()), pct)
    snel, traag = _beide_paden(monkeypatch, ind, df, "GM0000")
    if isinstance(traag, tuple):
        assert snel == traag
    else:
        pd.testing.assert_frame_equal(snel, traag)


def test_beoordeel_alles_peers_op_voorbeelddata(monkeypatch):
    """Rijswijk and Leidschendam-Voorburg, each with the other (and more) as peers."""
    from evaluatie.ingest import koppel, laad_koppeling, lees_monitor_map
    from evaluatie.ingest.kader import kader_tabellen, valideer_map

    metingen = lees_monitor_map(ROOT / "data" / "raw" / "monitor")
    koppeling = laad_koppeling(ROOT / "data" / "raw" / "monitor" / "koppeling.yaml")
    ind = kader_tabellen(valideer_map(ROOT / "data" / "raw" / "kader" / "rijswijk"))["indicatoren"]
    for code, ander in (("GM0603", "GM1916"), ("GM1916", "GM0603")):
        gekoppeld = koppel(metingen, koppeling, code)
        peer = koppel(metingen, koppeling, ander)
        df = pd.concat([gekoppeld, peer[peer["gebied"] == ander]], ignore_index=True)
        assert eenvoudig(df)
        snel, traag = _beide_paden(monkeypatch, ind, df, code)
        assert snel["vergelijking_gemeenten"].notna().any()
        pd.testing.assert_frame_equal(snel, traag)


def test_kwb_fixture_elk_gebied_tegen_nederland():
    """The real KWB 2020 fixture (Nederland, 3 municipalities, their districts): every region's
    verdict against Nederland equals beoordeel_alles's nl_* columns, for the fields with values."""
    from evaluatie.ingest import lees_monitor_map

    map_ = ROOT / "tests" / "fixtures" / "echt"
    kwb = map_ / "09_odata_84799NED_kwb2020_statline-bq"
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / kwb.name).symlink_to(kwb, target_is_directory=True)
        metingen = lees_monitor_map(Path(tmp))
    velden = ["GemiddeldeHuishoudensgrootte_32", "Bevolkingsdichtheid_33", "k_65JaarOfOuder_12",
              "PersonenautoSPerHuishouden_102"]
    velden = [v for v in velden if v in set(metingen["veld"])] or \
        list(metingen.groupby("veld")["waarde"].count().sort_values(ascending=False).index[:4])
    sel = metingen[metingen["veld"].isin(velden)].copy()
    sel.insert(0, "indicator_id", sel["veld"])
    sel["onzekerheid"] = REGISTRATIE
    nl_code = str(sel.loc[sel["gebied_niveau"] == "land", "gebied"].iloc[0])
    ind = _indicatoren(velden, False)
    ind["basis_jaar"] = pd.array([2018] * len(velden), dtype="Int64")
    ind["basis_waarde"] = 1.0
    snel = vergelijk_met_nederland(sel, False, nederland=nl_code, na_jaar={v: 2018 for v in velden})
    gebieden = sorted(set(sel["gebied"]) - {nl_code})
    assert len(gebieden) > 100
    nl = sel[sel["gebied"] == nl_code].assign(gebied="NL01")
    per = {g: df for g, df in sel.groupby("gebied")}
    verwacht = pd.concat([beoordeel_alles(ind, pd.concat([nl, per[g]], ignore_index=True), g) for g in gebieden],
                         ignore_index=True)
    verwacht = verwacht[verwacht["laatste_jaar"].notna()].sort_values(["indicator_id", "gemeente"]).reset_index(drop=True)
    assert len(verwacht) == len(snel) and len(snel) > 400
    assert list(verwacht["gemeente"]) == list(snel["gebied"])
    for k in ("nl_jaar", "nl_decimalen", "laatste_jaar", "laatste_decimalen"):
        assert [None if pd.isna(x) else int(x) for x in verwacht[k]] == [None if pd.isna(x) else int(x) for x in snel[k]], k
    for k in ("nl_waarde", "nl_onder", "nl_boven", "nl_verschil", "nl_p", "laatste_waarde"):
        assert np.array_equal(verwacht[k].to_numpy(float), snel[k].to_numpy(float), equal_nan=True), k
    for k in ("nl_oordeel", "nl_methode"):
        assert [None if pd.isna(x) else x for x in verwacht[k]] == [None if pd.isna(x) else x for x in snel[k]], k
    assert set(snel["nl_oordeel"].dropna()) >= {"hoger", "lager"}

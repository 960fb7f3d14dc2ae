"""The column-wise comparison (evaluatie.voortgang.landelijk) against the scalar path it replaces.

Equality is the point: every verdict, difference and p-value must be the one
``splits_reeks`` + ``vergelijk`` give, bit for bit (the sign of a zero included). Checked on
hand-computed examples, on random waves and series (hypothesis), on the example data of the
pipeline and on the real KWB 2020 fixture (Nederland, three municipalities and their districts);
``beoordeel_alles`` with the column-wise peer comparison against the scalar one (the peers as
plain series). The full real table (>= 1000 regions) is in tests/e2e/test_kwb_landelijk.py.

Here (`make test-snel`): the hand-computed examples and the column-wise z-test on random waves. The
other random checks, the example data and the KWB fixture are in
tests/integratie/test_voortgang_landelijk_zwaar.py (`make test` only; issue 20).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import voorbeelden
from evaluatie.voortgang.landelijk import (
    geklemd,
    vergelijk_golven,
    vergelijk_met_nederland,
)
from evaluatie.voortgang.onzekerheid import (
    DIRECT,
    MODEL,
    REGISTRATIE,
    Meting,
    klem,
)
from evaluatie.voortgang.toetsen import vergelijk
from gedeelde_voortgang import OPTIES, als_kolommen, zelfde_getal


def _een(a: Meting, b: Meting, pct: bool = False) -> dict:
    v = vergelijk_golven(als_kolommen([a]), als_kolommen([b]), is_percentage=pct, **OPTIES).iloc[0]
    return {"verschil": v["verschil"], "p": None if np.isnan(v["p"]) else v["p"], "oordeel": v["oordeel"],
            "methode": v["methode"]}


# -- hand-computed examples --------------------------------------------------------------------------

def test_registratie_rondt_half_even_op_de_geschreven_waarde():
    # 10,05 at 1 decimal: the written value is an exact half -> the even digit, 10,0: no difference
    v = _een(Meting(2020, 10.0, decimalen=1, soort=REGISTRATIE), Meting(2020, 10.05, decimalen=2, soort=REGISTRATIE), True)
    assert (v["verschil"], v["oordeel"], v["methode"], v["p"]) == (0.0, "binnen_foutmarge", "materialiteit", None)
    # 10,15 -> 10,2 (half to even): +0,2 on a base of min(10, 90) = 10 is 2 % > 1 %: higher
    v = _een(Meting(2020, 10.0, decimalen=1, soort=REGISTRATIE), Meting(2020, 10.15, decimalen=2, soort=REGISTRATIE), True)
    assert v["oordeel"] == "hoger" and v["verschil"] == pytest.approx(0.2)
    # not a percentage: 201 against 200 is 0,5 % < 1 %: within the band; 198 is 1 %: lower
    assert _een(Meting(2020, 200.0, decimalen=0, soort=REGISTRATIE), Meting(2020, 201.0, decimalen=0, soort=REGISTRATIE))["oordeel"] == "binnen_foutmarge"
    assert _een(Meting(2020, 200.0, decimalen=0, soort=REGISTRATIE), Meting(2020, 198.0, decimalen=0, soort=REGISTRATIE))["oordeel"] == "lager"


def test_modelschatting_alleen_zonder_overlap():
    nl = Meting(2020, 20.0, 18.0, 22.0, decimalen=1, soort=MODEL)
    assert _een(nl, Meting(2020, 25.0, 22.5, 27.0, decimalen=1, soort=MODEL))["oordeel"] == "hoger"
    assert _een(nl, Meting(2020, 15.0, 13.0, 17.5, decimalen=1, soort=MODEL))["oordeel"] == "lager"
    assert _een(nl, Meting(2020, 23.0, 21.0, 25.0, decimalen=1, soort=MODEL))["oordeel"] == "binnen_foutmarge"
    v = _een(nl, Meting(2020, 30.0, None, 32.0, decimalen=1, soort=MODEL))
    assert (v["oordeel"], v["methode"]) == ("niet_te_toetsen", "overlap")


def test_directe_schatting_lineair_en_logit():
    # interval width 3,92 = 2 x 1,96 x SE: SE 1,0000 each; z = 3 / sqrt(2) = 2,1213; p = 0,0339
    a = Meting(2020, 50.0, 48.04, 51.96, decimalen=2, soort=DIRECT)
    b = Meting(2020, 53.0, 51.04, 54.96, decimalen=2, soort=DIRECT)
    v = _een(a, b, False)
    assert (v["oordeel"], v["methode"]) == ("hoger", "z_lineair")
    assert v["p"] == pytest.approx(0.033895, abs=1e-5)
    # percentages with only n = 1500 (design effect 1,5 -> n_eff 1000): logit SEs 1/sqrt(160) and
    # 1/sqrt(187,5); logit(25) - logit(20) = 0,287682; z = 0,287682 / 0,107626 = 2,6730; p = 0,00752
    a = Meting(2020, 20.0, n=1500, decimalen=0, soort=DIRECT)
    b = Meting(2020, 25.0, n=1500, decimalen=0, soort=DIRECT)
    v = _een(a, b, True)
    assert (v["oordeel"], v["methode"]) == ("hoger", "z_logit")
    assert v["p"] == pytest.approx(0.00752, abs=2e-5)
    # no interval, no n: the SE is unknown -> scalar fallback, methode *_grens
    v = _een(Meting(2020, 20.0, decimalen=0, soort=DIRECT), Meting(2020, 21.0, decimalen=0, soort=DIRECT), True)
    assert (v["oordeel"], v["methode"]) == ("niet_te_toetsen", "z_logit_grens")


def test_klemmen_zoals_klem():
    x = np.array([-5.0, -0.0, 0.0, 50.0, 100.0, 130.0, np.nan])
    uit = geklemd(x, True)
    for xi, ui in zip(x, uit):
        assert zelfde_getal(ui, klem(None if np.isnan(xi) else float(xi), True))
    assert np.array_equal(geklemd(x, False), x, equal_nan=True)


def test_nederland_hand_voorbeeld():
    rijen = [
        # Nederland 2019/2020, a region with a marked 2020 (latest = 2019), one with 2020
        ("v", "NL01", 2019, 30.0, ""), ("v", "NL01", 2020, 31.0, ""),
        ("v", "GM0001", 2019, 33.0, ""), ("v", "GM0001", 2020, 40.0, "x"),
        ("v", "GM0002", 2020, 31.2, ""), ("v", "GM0003", 2021, 50.0, ""),
    ]
    m = pd.DataFrame(rijen, columns=["indicator_id", "gebied", "jaar", "waarde", "markering"])
    m["onzekerheid"] = REGISTRATIE
    uit = vergelijk_met_nederland(m, True).set_index("gebied")
    assert list(uit.index) == ["GM0001", "GM0002", "GM0003"]
    assert uit.loc["GM0001", "laatste_jaar"] == 2019 and uit.loc["GM0001", "nl_waarde"] == 30.0
    assert uit.loc["GM0001", "nl_oordeel"] == "hoger"  # +3 on min(30, 70): 10 %
    # Nederland is published in whole numbers: 31,2 is compared as 31, no difference
    assert (uit.loc["GM0002", "nl_decimalen"], uit.loc["GM0002", "laatste_decimalen"]) == (0, 1)
    assert (uit.loc["GM0002", "nl_oordeel"], uit.loc["GM0002", "nl_verschil"]) == ("binnen_foutmarge", 0.0)
    assert pd.isna(uit.loc["GM0003", "nl_jaar"]) and pd.isna(uit.loc["GM0003", "nl_oordeel"])  # no NL 2021


# -- random waves: the column-wise z-test == vergelijk ------------------------------------------------

@st.composite
def directe_metingen(draw):
    """Direct survey estimates whose standard error is exactly known: an interval with width
    around the value, or only n (the z-test paths that are computed column-wise)."""
    w = draw(st.integers(1, 9999).map(lambda k: k / 100))
    dec = draw(st.integers(0, 2))
    if draw(st.booleans()):
        onder = round(w - draw(st.integers(1, 800).map(lambda k: k / 100)), 2)
        boven = round(w + draw(st.integers(1, 800).map(lambda k: k / 100)), 2)
        return Meting(2020, w, onder, boven, None, None, dec, DIRECT)
    return Meting(2020, w, None, None, None, draw(st.integers(1, 20_000)), dec, DIRECT)


@settings(max_examples=voorbeelden(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paren=st.lists(st.tuples(directe_metingen(), directe_metingen(), st.booleans()), min_size=1, max_size=10))
def test_z_toets_kolomsgewijs_is_vergelijk(paren):
    """The column-wise z-test itself (logit and linear scale, SE from an interval or from n)."""
    paren = [(Meting(a.jaar, a.waarde, klem(a.onder, p), klem(a.boven, p), None, a.n, a.decimalen, a.soort),
              Meting(b.jaar, b.waarde, klem(b.onder, p), klem(b.boven, p), None, b.n, b.decimalen, b.soort), p)
             for a, b, p in paren]
    uit = vergelijk_golven(als_kolommen([a for a, _, _ in paren]), als_kolommen([b for _, b, _ in paren]),
                           is_percentage=np.array([p for *_, p in paren]), **OPTIES)
    for (_, rij), (a, b, p) in zip(uit.iterrows(), paren):
        v = vergelijk(a, b, is_percentage=p, **OPTIES)
        assert zelfde_getal(rij["verschil"], v["verschil"]) and zelfde_getal(rij["p"], v["p"])
        assert (rij["oordeel"], rij["methode"]) == (v["oordeel"], v["methode"])

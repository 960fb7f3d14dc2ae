"""The output frame of ``beoordeel_alles`` built in one pass per column (``_uitvoer``) and the
indicator rows read as dicts (``_rijen``): both must be what the code they replace gave, frame
for frame (dtypes, blocks, index, parquet bytes) and object for object."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from evaluatie.voortgang import beoordeel as b
from evaluatie.gedeeld.getallen import leeg
from evaluatie.voortgang.beoordeel import _Groepen, _masker, _rijen, _tekst, _uitvoer


def _rij(i: int) -> dict:
    """One assessment row with missing and present values of every output dtype."""
    r = dict.fromkeys(b._UITVOER_KOLOMMEN)
    r.update(kader_id=f"k{i}", gemeente="GM0603", indicator_id=f"ind_{i}", naam="Eenzaam – ernstig" if i else None,
             is_percentage=bool(i % 2), basis_jaar=2016 + i, basis_waarde=np.float64(10.5) if i else float("nan"),
             trend_punten=i, verandering=-0.25 * i, status="op_koers", projectie=pd.NA, nl_jaar=None)
    return r


def _parquet(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def _uitvoer_zoals_het_was(rijen: list[dict]) -> pd.DataFrame:
    """_uitvoer before session 8: first the missing values, then the conversion, two passes."""
    kolommen: dict = {}
    for k, dtype in b._UITVOER_KOLOMMEN.items():
        waarden = [None if leeg(r.get(k)) else r.get(k) for r in rijen]
        if dtype == "float64":
            kolommen[k] = np.array([np.nan if v is None else float(v) for v in waarden], dtype="float64")
        elif dtype == "Int64":
            kolommen[k] = pd.arrays.IntegerArray(*_masker([None if v is None else int(v) for v in waarden], 1, "int64"))
        elif dtype == "boolean":
            kolommen[k] = pd.arrays.BooleanArray(*_masker([None if v is None else bool(v) for v in waarden], False,
                                                          "bool"))
        else:
            kolommen[k] = _tekst([None if v is None else str(v) for v in waarden])
    return pd.DataFrame(kolommen)


@pytest.mark.parametrize("n", [0, 1, 4, 7])
def test_uitvoer_gelijk_aan_de_oude_opbouw(n):
    rijen = [_rij(i) for i in range(n)]
    nieuw, oud = _uitvoer(rijen), _uitvoer_zoals_het_was(rijen)
    pd.testing.assert_frame_equal(nieuw, oud, check_exact=True)
    assert list(nieuw.dtypes.astype(str)) == list(oud.dtypes.astype(str))
    assert nieuw.index.equals(oud.index) and type(nieuw.index) is type(oud.index)
    assert nieuw._mgr.nblocks == oud._mgr.nblocks
    assert _parquet(nieuw) == _parquet(oud)
    # the 342-municipality concatenation the benchmark writes
    assert _parquet(pd.concat([nieuw, nieuw], ignore_index=True)) == _parquet(pd.concat([oud, oud], ignore_index=True))


def _indicatoren() -> pd.DataFrame:
    return pd.DataFrame({
        "kader_id": pd.array(["k1", "k2", None], dtype="str"), "indicator_id": ["a", "b", "c"],
        "basis_jaar": pd.array([2016, None, 2020], dtype="Int64"), "basis_waarde": [1.5, np.nan, 3.0],
        "is_percentage": [True, False, True], "naam": pd.array(["x", pd.NA, "z"], dtype="string"),
        "opmerking": [None, "o", float("nan")]})


@pytest.mark.parametrize("kolommen", [None, ["indicator_id"], ["basis_waarde", "basis_jaar"], ["naam", "kader_id"],
                                      ["indicator_id", "basis_waarde"], ["is_percentage", "naam"]])
def test_rijen_lezen_wat_iterrows_leest(kolommen):
    """Every label gives the object the Series of iterrows gives (a row of only text or only
    numbers is inferred to that dtype by pandas: then it stays that Series)."""
    ind = _indicatoren() if kolommen is None else _indicatoren()[kolommen]
    rijen = _rijen(ind)
    verwacht = [s for _, s in ind.iterrows()]
    assert len(rijen) == len(verwacht)
    for rij, s in zip(rijen, verwacht):
        assert isinstance(rij, dict) is (s.dtype == object)
        assert list(rij.keys()) == list(s.index)
        for k in s.index:
            assert type(rij[k]) is type(s[k])
            assert rij[k] is s[k] or rij[k] == s[k] or (pd.isna(rij[k]) and pd.isna(s[k]))
        assert rij.get("ontbreekt") is s.get("ontbreekt") is None
        with pytest.raises(KeyError):
            rij["ontbreekt"]
    if kolommen is None:
        assert all(isinstance(r, dict) for r in rijen)


def test_rijen_met_dubbele_kolomnaam_blijven_series():
    ind = _indicatoren()
    ind.columns = ["kader_id", "indicator_id", "naam", "basis_waarde", "is_percentage", "naam", "opmerking"]
    assert all(isinstance(r, pd.Series) for r in _rijen(ind))


@pytest.mark.parametrize("jaar, lijsten", [
    (np.array([2016, 2020, 2022]), True),
    (pd.array([2016, 2020, 2022], dtype="Int64"), True),
    (pd.array([2016, None, 2022], dtype="Int64"), False),  # a missing year: each group as a frame
    (np.array([2016.0, 2020.0, 2022.0]), False),
])
def test_groepen_leest_kolommen_als_lijst_alleen_met_volledige_gehele_jaren(jaar, lijsten):
    df = pd.DataFrame({"indicator_id": ["a"] * 3, "gebied": ["GM0603"] * 3, "jaar": jaar,
                       "waarde": [1.0, 2.0, 3.0], "onzekerheid": ["registratie"] * 3})
    assert (_Groepen(df).kolommen is not None) is lijsten


@pytest.mark.parametrize("seed", range(5))
def test_tau2_met_meegegeven_ontwerpmatrix_bitgelijk(seed):
    """trend_en_projectie hands tau2_momenten the design matrix it built itself: the same τ²,
    bit for bit, as building it again."""
    from statsmodels.tools.tools import add_constant

    from evaluatie.voortgang.trend import tau2_momenten

    rng = np.random.default_rng(seed)
    k = 3 + seed
    x = np.sort(rng.choice(np.arange(0.0, 12.0), size=k, replace=False))
    y, se = rng.normal(10, 3, k), rng.uniform(0.3, 2.0, k)
    assert tau2_momenten(x, y, se, X=add_constant(x, has_constant="add")).hex() == tau2_momenten(x, y, se).hex()

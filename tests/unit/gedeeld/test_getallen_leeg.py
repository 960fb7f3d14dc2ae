"""``leeg`` answers for plain floats, strings, ints and bools without calling ``pd.isna``: the
same answer as ``pd.isna`` on every kind of value it is handed (the shortcut is for speed only)."""

from __future__ import annotations

import datetime as dt
import decimal

import numpy as np
import pandas as pd
import pytest

from evaluatie.gedeeld.getallen import leeg


class _Float(float):
    pass


def _oud(x):
    """The definition before the shortcut."""
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


WAARDEN = [
    None, pd.NA, pd.NaT, float("nan"), -float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 1e-320, 8.7,
    "", " ", "nan", "NA", "x", 0, 1, -5, 10**30, True, False,
    np.nan, np.float64("nan"), np.float64(1.5), np.float32("nan"), np.int64(3), np.bool_(True),
    _Float("nan"), _Float(2.0), decimal.Decimal("NaN"), decimal.Decimal("1.5"), np.datetime64("NaT"),
    dt.date(2024, 1, 1), pd.Timestamp("2024-01-01"), [1, 2], (), {}, np.array([1.0, np.nan]),
]


@pytest.mark.parametrize("x", WAARDEN, ids=[repr(w)[:30] for w in WAARDEN])
def test_leeg_gelijk_aan_pd_isna(x):
    assert leeg(x) is _oud(x)

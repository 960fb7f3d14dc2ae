"""Numbers as published: missing values and the decimals a source writes.

Shared by the assessment (a value published as a whole percent is compared as a whole percent) and
the chapters (it is printed with the decimals it was published with).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

#: Most decimals a published figure is assumed to carry.
MAX_DECIMALEN = 3


def leeg(x: Any) -> bool:
    """True for None, NA, NaN and NaT. A plain float, str, int or bool is answered without
    ``pd.isna`` (the same answer; it is asked for every cell of an assessment)."""
    soort = type(x)
    if soort is float:  # what pd.isna answers for a Python float
        return math.isnan(x)
    if soort is str or soort is int or soort is bool:  # never missing for pd.isna
        return False
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def decimalen(x: float | None) -> int:
    """Decimals a published number carries: the fewest (0..3) that write it exactly.

    ``8.0 -> 0``, ``11.7 -> 1``, ``0.3 -> 1``, ``971.7 -> 1``, ``2.25 -> 2``. A figure
    published as "2,0" cannot be told from "2" once read as a float; a series therefore
    takes the most decimals of all its values and bounds (:func:`splits_reeks`).
    """
    if x is None or leeg(x):
        return 0
    for d in range(MAX_DECIMALEN + 1):
        if abs(round(float(x), d) - float(x)) < 1e-9 * max(1.0, abs(float(x))):
            return d
    return MAX_DECIMALEN

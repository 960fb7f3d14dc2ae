"""Helpers shared by tests/unit/voortgang/test_voortgang_landelijk.py and its heavier counterpart
tests/integratie/test_voortgang_landelijk_zwaar.py (the column-wise comparison against the scalar path).

- ``OPTIES``: the test options of ``vergelijk``/``vergelijk_golven``;
- ``als_kolommen``: a list of ``Meting`` as the columns ``vergelijk_golven`` takes;
- ``zelfde_getal``: bit-equal floats (NaN == None, -0.0 != 0.0).
"""

from __future__ import annotations

import numpy as np

from evaluatie.voortgang.onzekerheid import Meting

OPTIES = {"alpha": 0.05, "niveau": 0.95, "materialiteit": 0.01, "design_effect": 1.5}


def als_kolommen(metingen: list[Meting]) -> dict[str, np.ndarray]:
    return {
        "waarde": np.array([m.waarde for m in metingen], dtype=float),
        "onder": np.array([np.nan if m.onder is None else m.onder for m in metingen], dtype=float),
        "boven": np.array([np.nan if m.boven is None else m.boven for m in metingen], dtype=float),
        "n": np.array([np.nan if m.n is None else m.n for m in metingen], dtype=float),
        "decimalen": np.array([m.decimalen for m in metingen], dtype="int64"),
        "soort": np.array([m.soort for m in metingen], dtype=object),
    }


def zelfde_getal(x: float, y: float | None) -> bool:
    """Bit-equal floats (NaN == None, -0.0 != 0.0)."""
    if y is None:
        return bool(np.isnan(x))
    return np.float64(x).tobytes() == np.float64(y).tobytes()

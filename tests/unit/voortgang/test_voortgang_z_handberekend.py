"""z_kritiek (cached) and z_toets on hand-computed values and against scipy.

Split off from tests/integratie/test_voortgang_beoordeel_snel.py (issue 20), whose old-vs-new
equality checks run in `make test` only; these cheap checks stay in the fast loop."""

from __future__ import annotations

import math

import pytest
from scipy import stats

from evaluatie.voortgang.onzekerheid import z_kritiek


def test_z_kritiek_handberekend_en_gelijk_aan_scipy():
    assert z_kritiek(0.95) == pytest.approx(1.959963984540054, abs=1e-15)
    assert z_kritiek(0.90) == pytest.approx(1.6448536269514722, abs=1e-15)
    for niveau in (0.5, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999):
        eerste, tweede = z_kritiek(niveau), z_kritiek(niveau)  # computed, then from the cache
        assert eerste == tweede == float(stats.norm.ppf(1.0 - (1.0 - niveau) / 2.0))
        assert math.isfinite(eerste)


def test_z_toets_handberekend():
    from evaluatie.voortgang.toetsen import z_toets

    # z = (13 - 10) / hypot(1, 1) = 2.1213...; p = 2 (1 - Phi(2.1213)) = 0.0339
    uit = z_toets(10.0, 1.0, 13.0, 1.0)
    assert uit["p"] == pytest.approx(0.033894853524689, abs=1e-12)
    assert uit["significant"] is True
    assert z_toets(10.0, 1.0, 10.0, 1.0)["p"] == 1.0

"""Budget against a ceiling: an overrun is reported, never raised."""

from __future__ import annotations

import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.kosten_baten import LV_SOCIALE_COHESIE, GemeldPlafond, budget_tegen_plafond, gemelde_overschrijding


def test_overschrijding_verzonnen_plafond():
    # made-up ceiling 200000, costs 210000 -> 10000 over = 5 % of the ceiling
    r = budget_tegen_plafond(210_000, 200_000)
    assert r["status"] == "overschrijding"
    assert r["overschrijding_eur"] == 10_000
    assert r["overschrijding_pct"] == pytest.approx(5.0)
    assert r["ruimte_eur"] == 0
    assert r["benut_pct"] == pytest.approx(105.0)
    assert r["verschil_eur"] == 10_000


def test_binnen_plafond_en_precies_op_plafond():
    r = budget_tegen_plafond(150_000, 200_000)
    assert r["status"] == "binnen plafond"
    assert (r["overschrijding_eur"], r["overschrijding_pct"], r["ruimte_eur"]) == (0, 0.0, 50_000)
    assert r["benut_pct"] == pytest.approx(75.0)
    assert budget_tegen_plafond(200_000, 200_000)["status"] == "binnen plafond"


def test_plafond_weigert_onzin():
    with pytest.raises(InvoerFout, match="negatieve kosten"):
        budget_tegen_plafond(-1, 100)
    with pytest.raises(InvoerFout, match="groter dan 0"):
        budget_tegen_plafond(1, 0)
    with pytest.raises(InvoerFout, match="getal"):
        budget_tegen_plafond("1.580.267", 100)


def test_gemelde_overschrijding_leidschendam_voorburg():
    r = gemelde_overschrijding()
    assert r["kader_id"] == "lv_sociale_cohesie"
    assert r["plafond_eur"] == 1_580_267.00
    assert r["overschrijding_pct"] == 2.0
    assert r["kwalificatie"] == "circa, volgens plan"
    assert r["kosten_eur"] is None  # the plan gives no exact cost figure; none is invented
    # indicative only: 2 % x 1580267 = 31605.34
    assert r["overschrijding_eur_indicatief"] == pytest.approx(31_605.34)
    assert r["status"] == "overschrijding"
    assert r["bron"]["bestand"] == "003_c8ab55b3be27e020.txt"
    assert "ongeveer 2%" in r["bron"]["citaat"]
    assert "1.580.267" in r["toelichting"] and "geen gemeten" in r["toelichting"]
    assert "in mindering" in r["afloop"]


def test_gemelde_overschrijding_eigen_plafond():
    p = GemeldPlafond("x", 100_000, 0.0, "circa", "geen", {})
    assert gemelde_overschrijding(p)["status"] == "binnen plafond"
    assert LV_SOCIALE_COHESIE.plafond_eur == 1_580_267.00

"""Dutch number formatting (Babel, nl_NL) as it appears in the report."""

import math
from decimal import Decimal

import pytest

from evaluatie.hoofdstukken import opmaak

NB = "\u00a0"
MIN = "\u2212"


def test_percent_and_decimal_comma_with_no_break_space():
    assert opmaak.procent(8.5) == f"8,5{NB}%"
    assert opmaak.procent(46) == f"46,0{NB}%"
    assert opmaak.aandeel(0.625) == f"63{NB}%"  # half away from zero: 62,5 -> 63
    assert opmaak.getal(1001.04, 1) == "1.001,0"


def test_euro_whole_and_negative_with_true_minus():
    assert opmaak.euro(1580267) == f"€{NB}1.580.267"
    assert opmaak.euro(-229777) == f"€{NB}{MIN}229.777"
    assert opmaak.euro(12.5, 2) == f"€{NB}12,50"


@pytest.mark.parametrize("waarde, decimalen, verwacht", [
    (2.5, 0, "3"), (-2.5, 0, f"{MIN}3"), (0.5, 0, "1"), (1.5, 0, "2"), (3.5, 0, "4"),
    (2.675, 2, "2,68"), (0.05, 1, "0,1"), (-0.05, 1, f"{MIN}0,1"), (1234.45, 1, "1.234,5"),
])
def test_rounding_half_away_from_zero(waarde, decimalen, verwacht):
    assert opmaak.getal(waarde, decimalen) == verwacht


def test_afronden_helper():
    assert opmaak.afronden(2.5) == Decimal("3")
    assert opmaak.afronden(-2.5) == Decimal("-3")
    assert opmaak.afronden(2.45, 1) == Decimal("2.5")
    assert str(opmaak.afronden(-0.04, 1)) == "0.0"  # no signed zero
    with pytest.raises(ValueError):
        opmaak.afronden(math.inf)


@pytest.mark.parametrize("f, waarde, verwacht", [
    (lambda v: opmaak.procent(v, 0), -0.3, f"0{NB}%"),
    (lambda v: opmaak.procent(v, 1), -0.04, f"0,0{NB}%"),
    (lambda v: opmaak.euro(v), -0.4, f"€{NB}0"),
    (lambda v: opmaak.getal(v, 1), -0.0, "0,0"),
    (lambda v: opmaak.aandeel(v), -0.001, f"0{NB}%"),
])
def test_no_signed_zero(f, waarde, verwacht):
    assert f(waarde) == verwacht
    assert "-" not in f(waarde) and MIN not in f(waarde)


def test_year_range_stays_together():
    assert opmaak.jaren(2019, 2022) == f"2019{NB}t/m{NB}2022"


def test_missing_values_show_a_dash():
    for f in (opmaak.getal, opmaak.procent, opmaak.euro, opmaak.jaar):
        assert f(None) == "–"
        assert f(math.nan) == "–"
    assert opmaak.jaar(2022.0) == "2022"


def test_markdown_table_escapes_pipes_and_aligns_numbers():
    tabel = opmaak.markdown_tabel([["a|b", "1,5"]], ["Naam", "Waarde"], bijschrift="Bijschrift", rechts={1})
    assert "a\\|b" in tabel
    assert "|:---|---:|" in tabel
    assert tabel.rstrip().endswith(": Bijschrift")

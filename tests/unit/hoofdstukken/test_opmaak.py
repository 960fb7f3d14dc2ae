"""Dutch number formatting (Babel, nl_NL) as it appears in the report."""

import math

from evaluatie.hoofdstukken import opmaak


def test_percent_and_decimal_comma():
    assert opmaak.procent(8.5) == "8,5 %"
    assert opmaak.procent(46) == "46,0 %"
    assert opmaak.aandeel(0.625) == "62 %"  # half-even rounding: 62,5 -> 62
    assert opmaak.getal(1001.04, 1) == "1.001,0"


def test_euro_whole_and_negative():
    assert opmaak.euro(1580267) == "€ 1.580.267"
    assert opmaak.euro(-229777) == "€ -229.777"
    assert opmaak.euro(12.5, 2) == "€ 12,50"


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

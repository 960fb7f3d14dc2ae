"""The one rule for open and decided value targets, shared by the theme conclusion and the key messages."""

from __future__ import annotations

import pandas as pd

from evaluatie.hoofdstukken import doelen


def test_decided_verdicts_settle_a_target_and_missing_ones_do_not():
    oordeel = pd.Series(["gehaald", "niet_gehaald_binnen_foutmarge", "nog_niet_gehaald", None], index=[5, 6, 7, 8])
    assert doelen.beslist(oordeel).tolist() == [True, True, False, False]
    assert list(doelen.beslist(oordeel).index) == [5, 6, 7, 8]


def test_open_needs_a_passed_target_year_without_a_wave_from_it():
    # target 2022 with the latest wave 2021, peiljaar 2022: open; latest wave 2023: that wave decides;
    # target 2026: not due; a verdict 'gehaald' (reached early): decided; a missing year: not open
    oordeel = pd.Series(["nog_niet_gehaald", "nog_niet_gehaald", "nog_niet_gehaald", "gehaald", None],
                        index=list("abcde"))
    doel_jaar = pd.Series([2022, 2022, 2026, 2022, None], index=range(5))  # other index: aligned by position
    laatste = ["2021", 2023, 2021, 2021, 2020]
    assert doelen.open_doelen(oordeel, doel_jaar, laatste, 2022).tolist() == [True, False, False, False, False]
    assert doelen.open_doelen(oordeel, doel_jaar, laatste, 2021).tolist() == [False] * 5
    assert doelen.open_doelen(oordeel, doel_jaar, laatste, None).tolist() == [False] * 5
    assert list(doelen.open_doelen(oordeel, doel_jaar, laatste, 2022).index) == list("abcde")

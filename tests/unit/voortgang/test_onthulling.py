"""Disclosure control: small counts and unreliable survey cells are never published."""

import math

import pandas as pd

from evaluatie.voortgang.onthulling import ONDERDRUKT, is_telling, onderdruk


def _metingen():
    return pd.DataFrame({
        "indicator_id": ["a", "a", "b", "c", "c"],
        "jaar": [2020, 2022, 2022, 2022, 2020],
        "waarde": [7.0, 12.0, 8.5, 9.0, float("nan")],
        "ondergrens": [5.0, 10.0, 6.0, float("nan"), float("nan")],
        "bovengrens": [9.0, 14.0, 11.0, float("nan"), float("nan")],
        "markering": ["", "", "?", "", "x"],
        "eenheid": ["aantal", "aantal", "%", "aantal per 10.000 inwoners", "%"],
    })


def test_small_counts_and_unreliable_cells_are_emptied():
    uit = onderdruk(_metingen(), min_aantal=10, onderdruk_onbetrouwbaar=True)
    # row 0: a count of 7 < 10 -> suppressed, bounds too (they would reveal it)
    assert uit.loc[0, "onderdrukt"] and math.isnan(uit.loc[0, "waarde"]) and math.isnan(uit.loc[0, "bovengrens"])
    assert uit.loc[0, "markering"] == ONDERDRUKT
    # row 1: 12 >= 10 stays
    assert not uit.loc[1, "onderdrukt"] and uit.loc[1, "waarde"] == 12.0
    # row 2: flagged '?' by the source -> suppressed even though it is a percentage
    assert uit.loc[2, "onderdrukt"] and math.isnan(uit.loc[2, "waarde"])
    # row 3: a rate ('per 10.000'), not a count: 9.0 is published
    assert not uit.loc[3, "onderdrukt"] and uit.loc[3, "waarde"] == 9.0
    # row 4: already secret at the source; stays marked 'x', not double-counted
    assert not uit.loc[4, "onderdrukt"] and uit.loc[4, "markering"] == "x"


def test_unreliable_cells_can_be_published_when_configured():
    uit = onderdruk(_metingen(), min_aantal=10, onderdruk_onbetrouwbaar=False)
    assert not uit.loc[2, "onderdrukt"]
    assert uit["onderdrukt"].sum() == 1


def test_threshold_is_configurable():
    assert onderdruk(_metingen(), min_aantal=5)["onderdrukt"].sum() == 1  # only the '?' cell
    assert onderdruk(_metingen(), min_aantal=13)["onderdrukt"].sum() == 3


def test_counts_versus_rates():
    assert is_telling("aantal") and is_telling(" Aantal personen ")
    assert not is_telling("Aantal per 10.000 inwoners") and not is_telling("%") and not is_telling(None)

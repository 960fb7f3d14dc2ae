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


def test_count_by_kind_not_by_unit_string():
    """'aantal jongeren' is a count (published 9, 7 and 3 before); a declared `telling` counts whatever
    its unit says."""
    df = pd.DataFrame({"indicator_id": ["j", "j", "j", "w"], "jaar": [2020, 2021, 2022, 2022],
                       "waarde": [9.0, 7.0, 3.0, 4.0], "markering": ["", "", "", ""],
                       "eenheid": ["aantal jongeren", "aantal jongeren", "aantal jongeren", "deelnemers per jaar"],
                       "telling": [False, False, False, True]})
    uit = onderdruk(df, min_aantal=10)
    assert uit["onderdrukt"].all() and uit["waarde"].isna().all()
    assert is_telling("aantal jongeren") and is_telling("Aantal cliënten")


def _wijken(waarden: dict[str, float], gemeente: float) -> pd.DataFrame:
    rijen = [{"gebied": "GM0603", "gebied_niveau": "gemeente", "waarde": gemeente}]
    rijen += [{"gebied": g, "gebied_niveau": "wijk", "waarde": w} for g, w in waarden.items()]
    rijen.append({"gebied": "NL01", "gebied_niveau": "land", "waarde": 5000.0})
    df = pd.DataFrame(rijen)
    return df.assign(indicator_id="w", jaar=2022, markering="", eenheid="aantal", leeftijd="")


def test_a_hidden_wijk_cannot_be_recovered_from_the_gemeente_total():
    uit = onderdruk(_wijken({"WK060301": 3.0, "WK060302": 500.0, "WK060303": 153.0}, 656.0), min_aantal=10)
    verborgen = set(uit.loc[uit["onderdrukt"], "gebied"])
    assert verborgen == {"WK060301", "WK060303"}  # the smallest other wijk goes too; the total stays
    assert uit.loc[uit["gebied"] == "GM0603", "waarde"].item() == 656.0


def test_gemeente_total_goes_when_no_other_wijk_can_hide_it():
    uit = onderdruk(_wijken({"WK060301": 3.0, "WK060302": 4.0}, 7.0), min_aantal=10)
    assert set(uit.loc[uit["onderdrukt"], "gebied"]) == {"WK060301", "WK060302", "GM0603"}
    uit = onderdruk(_wijken({"WK060301": 3.0}, 400.0), min_aantal=10)
    assert set(uit.loc[uit["onderdrukt"], "gebied"]) == {"WK060301", "GM0603"}
    assert uit.loc[uit["gebied"] == "NL01", "waarde"].item() == 5000.0  # Nederland is not their total

"""The public disclosure helper: no hidden count can be recovered from a published total or ratio."""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest

from evaluatie.gedeeld.onthulling import aanvullend, onderdruk_aantallen, publiceerbaar_aantal, te_klein


def _projecten(bereik: list[float | None]) -> pd.DataFrame:
    kosten = [10_000.0 * (i + 1) for i in range(len(bereik))]
    return pd.DataFrame({"project": [f"p{i}" for i in range(len(bereik))], "bereik": bereik, "kosten": kosten,
                         "kosten_per_persoon": [k / b if b else None for k, b in zip(kosten, bereik)]})


def test_one_small_reach_hides_the_next_smallest_and_its_cost_per_person():
    uit = onderdruk_aantallen(_projecten([3, 40, 25, 120]), "bereik", 10, afgeleid=["kosten_per_persoon"])
    assert uit.masker.tolist() == [True, False, True, False]
    assert uit.tabel["bereik"].isna().tolist() == [True, False, True, False]
    assert uit.tabel["kosten_per_persoon"].isna().tolist() == [True, False, True, False]
    assert uit.tabel["bereik_onderdrukt"].tolist() == [True, False, True, False]
    assert uit.totaal == 188.0  # published: hidden 3 + 25 = 28 cannot be split
    assert uit.tabel["kosten"].notna().all()  # cost itself does not reveal the count


def test_a_single_row_hides_its_total_too():
    uit = onderdruk_aantallen(_projecten([3]), "bereik", 10)
    assert uit.masker.tolist() == [True] and uit.totaal is None


def test_hidden_cells_that_together_are_a_small_group_pull_in_another():
    uit = onderdruk_aantallen(_projecten([3, 4, 50, 60]), "bereik", 10)
    assert uit.masker.tolist() == [True, True, True, False]  # 3 + 4 = 7 < 10: add the 50
    assert uit.totaal == 117.0


def test_without_a_published_total_only_small_cells_go():
    uit = onderdruk_aantallen(_projecten([3, 40, 25]), "bereik", 10, met_totaal=False)
    assert uit.masker.tolist() == [True, False, False] and uit.totaal is None


def test_unknown_reach_stays_unknown_and_nothing_small_changes_nothing():
    tabel = _projecten([None, 40, 25])
    uit = onderdruk_aantallen(tabel, "bereik", 10)
    assert not uit.masker.any() and uit.totaal == 65.0
    assert math.isnan(uit.tabel.loc[0, "bereik"])


@pytest.mark.parametrize("bereik", [list(c) for c in itertools.product([0, 3, 9, 10, 25, 80], repeat=3)])
def test_no_hidden_value_follows_from_the_published_total(bereik):
    """Exhaustive over small tables: either the total is withheld, or at least two cells are hidden and
    together they are not a small group; no small cell is ever shown."""
    uit = onderdruk_aantallen(_projecten(bereik), "bereik", 10)
    assert not any(b < 10 and not m for b, m in zip(bereik, uit.masker))
    if uit.masker.any() and uit.totaal is not None:
        verborgen = [b for b, m in zip(bereik, uit.masker) if m]
        assert len(verborgen) >= 2 and sum(verborgen) >= 10
        assert uit.totaal == sum(bereik)


def test_building_blocks():
    assert te_klein(pd.Series([0, 9, 10, None]), 10).tolist() == [True, True, False, False]
    masker, ok = aanvullend(pd.Series([5.0, 7.0]), pd.Series([True, False]), 10)
    assert masker.tolist() == [True, True] and ok
    assert publiceerbaar_aantal(3, 10) is None and publiceerbaar_aantal(12, 10) == 12.0
    assert publiceerbaar_aantal(None, 10) is None

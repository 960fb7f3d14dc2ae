"""Issue 15: the decimal sign is decided per column from all its cells; thousands separators are
read as such, and an error never blames a correct cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor.bron import bestandsdecimaal, kies_decimaal, lees_getal

PAD = Path("download.csv")


def _nl(n: int) -> str:
    """1234567 -> '1.234.567' (Dutch thousands separator)."""
    return f"{n:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=999))
def test_duizendtallen_naast_decimaalkomma(n, d):
    cellen = [(1, _nl(n)), (2, f"{d // 10},{d % 10}")]
    teken = kies_decimaal(cellen, PAD, "k")
    assert teken == ","
    assert lees_getal(_nl(n), teken) == n


@given(st.integers(min_value=1000, max_value=999_999))
def test_dubbelzinnige_kolom_volgt_het_bestand(n):
    kolom = [(1, "54450"), (2, _nl(n))]  # integers and 1.234-style only: nothing decides here
    hint = bestandsdecimaal([kolom, [(1, "8,7")]], PAD)
    assert hint == ","
    assert lees_getal(_nl(n), kies_decimaal(kolom, PAD, "k", bestandsbreed=hint)) == n


def test_dubbelzinnig_zonder_aanwijzing_geweigerd_met_die_cel():
    with pytest.raises(InvoerFout) as info:
        kies_decimaal([(1, "54450"), (2, "55.211"), (3, "56000")], PAD, "Totale bevolking (aantal)")
    assert (info.value.rij, info.value.kolom) == (2, "Totale bevolking (aantal)")
    assert "'55.211' is dubbelzinnig" in info.value.melding
    assert kies_decimaal([(2, "55.211")], PAD, "k", instelling=",") == ","


def test_gemengde_kolom_noemt_beide_cellen_en_geeft_geen_goede_cel_de_schuld():
    with pytest.raises(InvoerFout) as info:
        kies_decimaal([(1, "8,7"), (2, "55.211"), (3, "12.5")], PAD, "k")
    assert "rij 1: '8,7'" in info.value.melding and "rij 3: '12.5'" in info.value.melding
    assert "55.211" not in info.value.melding


@pytest.mark.parametrize(("cel", "teken", "waarde"), [
    ("1.234,5", ",", 1234.5), ("1.234.567", ",", 1234567), ("   54450", ",", 54450), ("-3,25", ",", -3.25),
    ("1,234", ".", 1234), ("1,234.5", ".", 1234.5), ("12.5", ".", 12.5), ("1e5", ".", 100000),
])
def test_lees_getal(cel, teken, waarde):
    assert lees_getal(cel, teken) == waarde


@pytest.mark.parametrize(("cel", "teken"), [("12.5", ","), ("8,7", "."), ("twaalf", ","), ("1.2.3", ".")])
def test_lees_getal_weigert_wat_niet_past(cel, teken):
    assert lees_getal(cel, teken) is None

"""The validation shortcut (schema._zeker_geldig) says "valid" exactly when pandera's full
metingen_schema passes: on the example data, the real KWB fixture, and on random damage to a valid
frame (every kind of check the schema has, hypothesis). And valideer_metingen still gives the same
error through the full run (the message comes from pandera's failure cases)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandera.errors import SchemaErrors

from conftest import voorbeelden
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor import schema as sch

ROOT = Path(__file__).resolve().parents[3]


def _pandera_geldig(df: pd.DataFrame) -> bool:
    try:
        sch.metingen_schema.validate(df, lazy=True)
        return True
    except SchemaErrors:
        return False
    finally:
        sch._CODES_CACHE.clear()


def _snel(df: pd.DataFrame) -> bool:
    try:
        return sch._zeker_geldig(df)
    finally:
        sch._CODES_CACHE.clear()


@pytest.fixture(scope="module")
def geldig() -> pd.DataFrame:
    """A valid normalised frame: the example monitor data plus the KWB fixture (several units:
    counts, percentages, ratios; every area level)."""
    import tempfile

    from evaluatie.ingest import lees_monitor_map

    delen = [lees_monitor_map(ROOT / "data" / "raw" / "monitor")]
    kwb = ROOT / "tests" / "fixtures" / "echt" / "09_odata_84799NED_kwb2020_statline-bq"
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / kwb.name).symlink_to(kwb, target_is_directory=True)
        delen.append(lees_monitor_map(Path(tmp)))
    df = sch.normaliseer(pd.concat(delen, ignore_index=True))
    return df


def test_geldige_frames_nemen_de_snelle_weg(geldig):
    assert _pandera_geldig(geldig)
    assert _snel(geldig)
    assert _snel(geldig.iloc[::7].reset_index(drop=True))


def _beschadig(df: pd.DataFrame, soort: str, i: int) -> pd.DataFrame:
    df = df.copy()
    pct = np.flatnonzero((df["eenheid"] == "%").to_numpy())
    tel = np.flatnonzero(df["eenheid"].map(lambda e: sch.eenheid_soort(e) == "telling").to_numpy()
                         & df["waarde"].notna().to_numpy())
    met_waarde = np.flatnonzero(df["waarde"].notna().to_numpy())
    r = int(met_waarde[i % len(met_waarde)])
    if soort == "dubbel":
        df = pd.concat([df, df.iloc[[r]]], ignore_index=True)
    elif soort == "negatief" and len(tel):
        df.loc[int(tel[i % len(tel)]), "waarde"] = -1.0
    elif soort == "percentage" and len(pct):
        df.loc[int(pct[i % len(pct)]), "waarde"] = 150.0
    elif soort == "oneindig":
        df.loc[r, "waarde"] = np.inf
    elif soort == "te_groot":
        df.loc[r, "bovengrens"] = 2e12
    elif soort == "grenzen":
        df.loc[r, ["ondergrens", "bovengrens"]] = [df.loc[r, "waarde"] + 1, df.loc[r, "waarde"] + 2]
    elif soort == "omgekeerd":
        df.loc[r, ["ondergrens", "bovengrens"]] = [df.loc[r, "waarde"], df.loc[r, "waarde"] - 0.5]
    elif soort == "markering_en_waarde":
        df.loc[r, "markering"] = "x"
    elif soort == "onbekende_markering":
        df.loc[r, ["markering", "waarde"]] = ["!", np.nan]
    elif soort == "gebiedscode":
        df.loc[r, "gebied"] = "XX12"
    elif soort == "niveau":
        df.loc[r, "gebied_niveau"] = "buurt" if df.loc[r, "gebied_niveau"] != "buurt" else "wijk"
    elif soort == "onbekend_niveau":
        df.loc[r, "gebied_niveau"] = "provincie"
    elif soort == "jaar":
        df.loc[r, "jaar"] = 1850
    elif soort == "lege_tekst":
        df.loc[r, "bron"] = ""
    elif soort == "saldo_negatief" and len(tel):  # a balance may be negative: still valid
        j = int(tel[i % len(tel)])
        df.loc[df["veld"] == df.loc[j, "veld"], "veld"] = "Migratiesaldo_99"
        df.loc[j, "waarde"] = -3.0
    return df


SOORTEN = ["dubbel", "negatief", "percentage", "oneindig", "te_groot", "grenzen", "omgekeerd",
           "markering_en_waarde", "onbekende_markering", "gebiedscode", "niveau", "onbekend_niveau", "jaar",
           "lege_tekst", "saldo_negatief", "niets"]


@settings(max_examples=voorbeelden(60), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(soorten=st.lists(st.sampled_from(SOORTEN), min_size=1, max_size=3), i=st.integers(0, 10_000))
def test_snel_geldig_precies_als_pandera(geldig, soorten, i):
    df = geldig
    for k, soort in enumerate(soorten):
        df = _beschadig(df, soort, i + 31 * k)
    assert _snel(df) == _pandera_geldig(df)


def test_fout_komt_uit_de_volledige_controle(geldig):
    """A damaged frame: valideer_metingen names the same row/column as the full pandera run."""
    df = _beschadig(geldig, "percentage", 3)
    df["_rij"] = np.arange(1, len(df) + 1)
    with pytest.raises(InvoerFout) as fout:
        sch.valideer_metingen(df, "x.csv")
    assert "ligt buiten 0–100" in str(fout.value)
    with pytest.raises(SchemaErrors) as volledig:
        sch.metingen_schema.validate(sch.normaliseer(df).reset_index(drop=True), lazy=True)
    sch._CODES_CACHE.clear()
    melding = sch._naar_invoerfout(volledig.value.failure_cases, sch.normaliseer(df).reset_index(drop=True),
                                   "x.csv", {})
    assert (fout.value.rij, fout.value.kolom, fout.value.melding) == (melding.rij, melding.kolom, melding.melding)

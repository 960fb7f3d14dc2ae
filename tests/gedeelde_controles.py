"""Checks shared by a unit test and its integration counterpart (tests/integratie/), which runs the
same check on larger or real data.

- ``parquet_map_zoals_voorheen``: the parquet reader's fast path (``sleutels.records`` giving the rows'
  frame, rows dropped early) against the previous path (``DataFrame.to_dict("records")`` and
  ``DataFrame.from_records``, rows kept), on one parquet folder;
- ``binnen_0_100``: no percentage interval of a voortgang table outside [0, 100].
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def parquet_map_zoals_voorheen(pad: Path, monkeypatch) -> None:
    """Assert that reading the parquet folder ``pad`` gives exactly what the previous path gave.

    Per file: the same Python values and types as ``to_dict("records")`` and, where the fast path
    builds one, the same frame as ``from_records``; for the folder: the same metingen frame
    (``check_exact``) and the same ``attrs``. Raises ``AssertionError`` on the first difference."""
    from evaluatie.ingest import lees_bestand
    from evaluatie.ingest.monitor import sleutels
    from evaluatie.ingest.monitor.bron import lees_sidecar as sidecar
    from evaluatie.ingest.monitor.odata import lees_odata_bundel

    for f in sorted(pad.glob("*.parquet")):
        df = pd.read_parquet(f).rename(columns={"odata_type": "odata.type"})
        for k in df.columns:
            if not pd.api.types.is_numeric_dtype(df[k]):
                df[k] = df[k].astype(object).where(df[k].notna(), None)
        oud, nieuw = df.to_dict("records"), sleutels.records(df)
        assert repr(oud) == repr(nieuw)  # same Python values and types (repr shows both)
        if getattr(nieuw, "frame", None) is not None:
            pd.testing.assert_frame_equal(nieuw.frame, pd.DataFrame.from_records(oud), check_exact=True)

    snel = lees_bestand(pad)
    with monkeypatch.context() as m:  # the previous path: to_dict, from_records, rows kept
        m.setattr(sleutels, "records", lambda df: df.to_dict("records"))
        m.setattr(sleutels, "LuieRijen", lambda df: df.to_dict("records"))
        traag = lees_odata_bundel(sleutels.laad_parquet_map(pad), pad, sidecar(pad))
    pd.testing.assert_frame_equal(snel, traag, check_exact=True)
    assert snel.attrs == traag.attrs


#: The columns of the voortgang table that hold a percentage (value or interval bound) for a percentage indicator.
GRENS_KOLOMMEN = ("basis_meting_onder", "basis_meting_boven", "laatste_onder", "laatste_boven", "nl_onder",
                  "nl_boven", "projectie", "projectie_onder", "projectie_boven", "laatste_waarde", "basis_waarde")


def binnen_0_100(df: pd.DataFrame) -> None:
    """Assert that the voortgang table ``df`` (one row per indicator, ``is_percentage`` and
    ``GRENS_KOLOMMEN``) has percentage rows and that none of their values lies outside [0, 100].
    Raises ``AssertionError`` naming the column and the values outside."""
    pct = df[df["is_percentage"].fillna(False).astype(bool)]
    assert len(pct)
    for kolom in GRENS_KOLOMMEN:
        waarden = pct[kolom].dropna()
        assert ((waarden >= 0) & (waarden <= 100)).all(), (kolom, waarden[(waarden < 0) | (waarden > 100)])

"""Checks shared by a unit test and its integration counterpart (tests/integratie/), which runs the
same check on larger or real data.

- ``parquet_map_zoals_voorheen``: the parquet reader's fast path (``sleutels.records`` giving the rows'
  frame, rows dropped early) against the previous path (``DataFrame.to_dict("records")`` and
  ``DataFrame.from_records``, rows kept), on one parquet folder;
- ``binnen_0_100``: no percentage interval of a voortgang table outside [0, 100];
- ``sjabloon_zoals_lus``: the template reader's fast path against its row-by-row loop, on one file
  (``gegenereerd_sjabloon`` writes a national-shaped template);
- ``parquet_fout_na_vrijgeven``: a damaged parquet folder gives the same error (or frame) after the
  rows were dropped as the per-cell reader on the folder loaded again.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


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


def csv_bestanden() -> list[Path]:
    """Every CSV/TXT file in the fixtures, the corpus and the example monitor data, sorted per folder."""
    uit = []
    for map_ in (ROOT / "tests" / "fixtures", ROOT / "tests" / "corpus", ROOT / "data" / "raw" / "monitor"):
        uit += sorted(p for p in map_.rglob("*") if p.suffix.lower() in (".csv", ".txt") and p.is_file())
    return uit


def _sjabloon_uitkomst(pad: Path) -> tuple:
    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.ingest.monitor import sjabloon as sjabloon_module

    try:
        return ("df", sjabloon_module.lees_sjabloon(pad))
    except InvoerFout as f:
        return ("fout", str(f), f.melding, f.bestand, f.rij, f.kolom, f.sleutel)


def sjabloon_zoals_lus(pad: Path, monkeypatch) -> bool:
    """Assert the same outcome (frame with ``attrs``, or the same InvoerFout) for the template ``pad``
    with and without the fast path; return True when the fast path produced it."""
    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.ingest.monitor import csvregels
    from evaluatie.ingest.monitor import sjabloon as sjabloon_module
    from evaluatie.ingest.monitor.bron import decodeer, lees_sidecar

    try:
        tekst = decodeer(pad.read_bytes(), pad)
        snel = sjabloon_module._lees_kolomsgewijs(pad, tekst, lees_sidecar(pad)) is not None
    except InvoerFout:  # an empty file or a bad sidecar: raised before the fast path is tried
        snel = False
    csvregels.vergeet()
    nieuw = _sjabloon_uitkomst(pad)
    with monkeypatch.context() as m:
        m.setattr(sjabloon_module, "_lees_kolomsgewijs", lambda *a: None)
        oud = _sjabloon_uitkomst(pad)
    zelfde_uitkomst(nieuw, oud, pad)
    return snel


def zelfde_uitkomst(nieuw: tuple, oud: tuple, pad: Path) -> None:
    """Assert two reader outcomes (``("df", frame)`` or ``("fout", ...)``) for ``pad`` are the same:
    frames exactly, ``attrs`` included; errors field by field."""
    assert nieuw[0] == oud[0], (pad, nieuw, oud)
    if nieuw[0] == "df":
        pd.testing.assert_frame_equal(nieuw[1], oud[1], check_exact=True)
        assert nieuw[1].attrs == oud[1].attrs
    else:
        assert nieuw == oud


def gegenereerd_sjabloon(map_: Path, rijen: int) -> Path:
    """A national-shaped template of ``rijen`` rows (benchmarks/sjabloon_csv.py) at ``map_/sjabloon.csv``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from sjabloon_csv import schrijf_sjabloon

    pad = map_ / "sjabloon.csv"
    schrijf_sjabloon(pad, rijen)
    return pad


#: The damages ``parquet_fout_na_vrijgeven`` knows.
PARQUET_SCHADE = ("onbekende_regio", "tekst_in_getalveld", "dubbele_rij", "ggd_regio", "ontbrekende_regio")


def parquet_fout_na_vrijgeven(tmp_path: Path, monkeypatch, schade: str) -> None:
    """Damage a copy of the KWB 2020 fixture folder (``schade`` from ``PARQUET_SCHADE``) and assert that
    ``lees_bestand`` (rows dropped early, folder loaded again for the exact error) gives what the
    per-cell reader gives on the folder: the same error, or for ``ggd_regio`` the same frame with a note."""
    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.ingest import lees_bestand
    from evaluatie.ingest.monitor import sleutels
    from evaluatie.ingest.monitor.bron import lees_sidecar as sidecar
    from evaluatie.ingest.monitor.odata import lees_odata_bundel

    bron = ROOT / "tests" / "fixtures" / "echt" / "09_odata_84799NED_kwb2020_statline-bq"
    pad = tmp_path / bron.name
    shutil.copytree(bron, pad)
    f = next(pad.glob("*TypedDataSet.parquet"))
    df = pd.read_parquet(f)
    if schade == "onbekende_regio":
        df.loc[5, "WijkenEnBuurten"] = "GM9999  "
    elif schade == "tekst_in_getalveld":
        veld = next(k for k in df.columns if df[k].dtype.kind == "f")
        df[veld] = df[veld].astype(object)
        df.loc[7, veld] = "veel"
    elif schade == "ggd_regio":  # a region kind outside the project: skipped with a note
        df.loc[[4, 9], "WijkenEnBuurten"] = "GG3301  "
    elif schade == "ontbrekende_regio":
        df.loc[6, "WijkenEnBuurten"] = None
    else:
        assert schade == "dubbele_rij", schade
        df = pd.concat([df, df.iloc[[3]]], ignore_index=True)
    df.to_parquet(f)

    def uitkomst(lezer):
        try:
            return ("df", lezer())
        except InvoerFout as e:
            return ("fout", str(e), e.melding, e.bestand, e.rij, e.kolom, e.sleutel)

    nieuw = uitkomst(lambda: lees_bestand(pad))
    with monkeypatch.context() as m:
        m.setattr(sleutels, "records", lambda df: df.to_dict("records"))
        m.setattr(sleutels, "LuieRijen", lambda df: df.to_dict("records"))
        oud = uitkomst(lambda: lees_odata_bundel(sleutels.laad_parquet_map(pad), pad, sidecar(pad)))
    assert nieuw[0] == oud[0]
    if nieuw[0] == "df":
        pd.testing.assert_frame_equal(nieuw[1], oud[1], check_exact=True)
        assert nieuw[1].attrs == oud[1].attrs
    else:
        assert nieuw == oud
    if schade == "ggd_regio":  # the rows were really made and filtered (a note says so)
        assert nieuw[0] == "df" and any("overgeslagen" in m for m in nieuw[1].attrs["meldingen"])
    else:
        assert nieuw[0] == "fout"

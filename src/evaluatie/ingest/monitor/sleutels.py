"""Readers for CBS data that carry field KEYS but no metadata, and for per-endpoint parquet folders.

* the open-data portal's CSV export ``<ID>_TypedDataSet_<ddmmyyyy>_<hhmmss>.csv``: UTF-8 with BOM,
  ``;``, no quotes, header = field keys (``ID;Persoonskenmerken;Marges;RegioS;MoeiteMetRondkomen_1``),
  cells = dimension keys (``T009002``, ``MW00000``), region keys padded (``NL01  ``), decimal point,
  empty cell = missing; a one-wave table has no ``Perioden`` column;
* a single saved OData v3 endpoint response ``{"odata.metadata": ".../84489NED/$metadata#...",
  "value": [...]}`` (no DataProperties, no dimension tables);
* a folder with one parquet per OData endpoint (``cbs.v3.84799NED_TypedDataSet.parquet``,
  ``..._DataProperties.parquet``, ``..._WijkenEnBuurten.parquet``, ``..._Metadata.json``), as
  another project stored 84799NED.

Without metadata the structure is taken from CBS's key conventions: a topic key ends in ``_<n>``
(``Eenzaam_27``), a dimension key does not (``Marges``, ``RegioS``, ``Perioden``); the region
dimension is the one whose keys are region codes, the time dimension the one whose keys are
periods. Margin keys (``MW00000``/``MOG0095``/``MBG0095``) and the 50120NED age keys get their
titles from :mod:`evaluatie.gedeeld.definities`; other dimension keys are kept as they are. The
rows then go through the OData reader (:mod:`.odata`), so every check and error is the same.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

from evaluatie.gedeeld.definities import (
    ANDERE_GEBIEDEN,
    BRON_GEBIED_PATROON,
    LEEFTIJD_SLEUTELS,
    MARGE_SLEUTELS,
    gebiedscode,
)
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor.bron import (
    Sidecar,
    laad_json,
    getal,
    is_deelperiode,
    marker,
    met_meldingen,
    opsomming,
    parse_periode,
)
from evaluatie.ingest.monitor.gebieden import gemeentelijst
from evaluatie.ingest.monitor.odata import lees_odata_bundel
from evaluatie.ingest.monitor.schema import lege_metingen
from evaluatie.ingest.monitor.tabellen import TABEL_ID

_ONDERWERP = re.compile(r"^.+_\d+$")
_SLEUTEL = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_MARGE_TITEL = {"waarde": "Waarde", "ondergrens": "Ondergrens 95%-betrouwbaarheidsinterval",
                "bovengrens": "Bovengrens 95%-betrouwbaarheidsinterval"}


def lijkt_sleutelkop(kop: list[str]) -> bool:
    """A CSV header of CBS field keys: 'ID' first, every cell a key, at least one topic key."""
    kop = [c.strip() for c in kop]
    return (len(kop) >= 3 and kop[0] == "ID" and all(_SLEUTEL.match(c) for c in kop)
            and any(_ONDERWERP.match(c) for c in kop))


def _is_leeg(w: Any) -> bool:
    return w is None or (isinstance(w, float) and math.isnan(w)) or (isinstance(w, str) and not w.strip())


def bundel_uit_rijen(rijen: list[dict], bestand: Path, tabel_id: str, dataset: str = "TypedDataSet") -> dict:
    """A snapshot bundle (DataProperties + dimension tables + data set) built from data rows alone
    (see module docstring). Raises InvoerFout when no region dimension can be found."""
    sleutels = list(dict.fromkeys(k for r in rijen for k in r))
    dims = [k for k in sleutels if k != "ID" and not _ONDERWERP.match(k)]
    onderwerpen = [k for k in sleutels if _ONDERWERP.match(k)]
    eigenschappen: list[dict] = []
    bundel: dict[str, Any] = {"TableInfos": {"value": [{"Identifier": tabel_id, "Title": ""}]}}
    lijst = gemeentelijst()
    geo = None
    for k in dims:
        waarden = list(dict.fromkeys(str(r.get(k, "")) for r in rijen))
        gestript = [w.strip() for w in waarden]
        if all(re.match(BRON_GEBIED_PATROON, w) or ANDERE_GEBIEDEN.match(w) for w in gestript):
            soort, geo = "GeoDimension", k
            titels = {w: ("Nederland" if gebiedscode(w) == "NL01" else lijst.naam(gebiedscode(w))) for w in waarden}
        elif k.lower() == "perioden" or all(parse_periode(w) or is_deelperiode(w) for w in gestript):
            soort, titels = "TimeDimension", {w: w.strip() for w in waarden}
        elif set(gestript) <= set(MARGE_SLEUTELS):
            soort, titels = "Dimension", {w: _MARGE_TITEL[MARGE_SLEUTELS[w.strip()]] for w in waarden}
        elif k.lower().startswith("leeftijd"):
            soort, titels = "Dimension", {w: LEEFTIJD_SLEUTELS.get(w.strip(), w.strip()) for w in waarden}
        else:
            soort, titels = "Dimension", {w: w.strip() for w in waarden}
        eigenschappen.append({"Key": k, "Type": soort, "Title": "Leeftijd" if k.lower().startswith("leeftijd") else k})
        bundel[k] = {"value": [{"Key": w, "Title": t} for w, t in titels.items()]}
    if geo is None:
        raise InvoerFout(bestand, "geen regiodimensie gevonden: geen kolom met alleen gebiedscodes (NL01, GMnnnn, "
                                  f"WKnnnnnn, BUnnnnnnnn); kolommen: {opsomming(dims)}")
    for k in onderwerpen:
        numeriek = all(_is_leeg(r.get(k)) or isinstance(r.get(k), (int, float)) or marker(r.get(k)) is not None
                       or getal(str(r.get(k)), ".") is not None for r in rijen)
        eigenschappen.append({"Key": k, "Type": "Topic", "Title": k, "Unit": "",
                              "Datatype": "Double" if numeriek else "String"})
    bundel["DataProperties"] = {"value": eigenschappen}
    bundel[dataset] = {"value": rijen}
    return bundel


def _lees_rijen(rijen: list[dict], pad: Path, sidecar: Sidecar, tabel_id: str, jaar: int | None,
                meldingen: list[str]) -> pd.DataFrame:
    bundel = bundel_uit_rijen(rijen, pad, tabel_id)
    tekst = [p["Key"] for p in bundel["DataProperties"]["value"] if p.get("Datatype") == "String"]
    if not any(p.get("Datatype") == "Double" for p in bundel["DataProperties"]["value"]):
        # a table of names and codes only (e.g. 84489NED Woonplaatsen): nothing to measure
        dimensies = [p["Key"] for p in bundel["DataProperties"]["value"] if p.get("Type") != "Topic"]
        wat = (f"alleen tekstvelden ({opsomming(tekst)})" if tekst
               else f"geen onderwerpvelden, alleen dimensies ({opsomming(dimensies)})")
        return met_meldingen(lege_metingen(), meldingen + [
            f"{pad.name}: tabel {tabel_id} bevat geen getallen, {wat}: 0 metingen"])
    df = lees_odata_bundel(bundel, pad, sidecar, tabel=tabel_id, jaar=jaar)
    if tekst:
        meldingen.append(f"{pad.name}: {len(tekst)} tekstveld(en) zonder getallen niet gelezen ({opsomming(tekst)})")
    return met_meldingen(df, meldingen)


def lees_portaal_csv(pad: Path, tekst: str, sidecar: Sidecar, *, tabel: str | None = None,
                     jaar: int | None = None) -> pd.DataFrame:
    """Read the portal's ``<ID>_TypedDataSet_*.csv`` export (see module docstring).

    Table id from ``tabel``, the sidecar or the file name. Rows: 1 = first row under the header.
    Raises InvoerFout naming file, row and column (field key)."""
    pad = Path(pad)
    m = TABEL_ID.search(pad.name)
    tabel_id = tabel or sidecar.tabel or (m.group(1).upper() if m else None)
    if not tabel_id:
        raise InvoerFout(pad, "tabel-id onbekend: geef het met --tabel of in de sidecar onder 'tabel'")
    lezer = csv.reader(io.StringIO(tekst), delimiter=";")
    kop = [c.strip() for c in next(lezer)]
    rijen = []
    for nr, r in enumerate(lezer, start=1):
        if not any(c.strip() for c in r):
            continue
        if len(r) != len(kop):
            raise InvoerFout(pad, f"rij heeft {len(r)} velden, de kopregel {len(kop)}", rij=nr)
        rijen.append({k: (c if c.strip() else None) for k, c in zip(kop, r)})
    if not rijen:
        raise InvoerFout(pad, "alleen een kopregel, geen gegevensrijen", rij=1)
    return _lees_rijen(rijen, pad, sidecar, str(tabel_id).upper(), jaar, [])


def is_eindpunt(inhoud: Any) -> bool:
    """A single OData endpoint response: ``{"odata.metadata": ..., "value": [ {...}, ... ]}``."""
    return (isinstance(inhoud, dict) and isinstance(inhoud.get("value"), list) and "DataProperties" not in inhoud
            and ("odata.metadata" in inhoud or bool(inhoud["value"]))
            and all(isinstance(r, dict) for r in inhoud["value"]))


def lees_eindpunt(pad: Path, inhoud: dict, sidecar: Sidecar, *, tabel: str | None = None,
                  jaar: int | None = None) -> pd.DataFrame:
    """Read one saved OData v3 endpoint response (the data set, e.g. ``.../84489NED/TypedDataSet``).

    The table id comes from ``tabel``, the sidecar, or the ``odata.metadata`` URL. Raises
    InvoerFout when the response is not a data set."""
    pad = Path(pad)
    meta = str(inhoud.get("odata.metadata") or "")
    m = TABEL_ID.search(meta) or TABEL_ID.search(pad.name)
    tabel_id = tabel or sidecar.tabel or (m.group(1).upper() if m else None)
    if not tabel_id:
        raise InvoerFout(pad, "tabel-id onbekend: geef het met --tabel of in de sidecar onder 'tabel'")
    soort = meta.rsplit(".", 1)[-1] if "#" in meta else ""
    if soort and soort not in ("TypedDataSet", "UntypedDataSet"):
        raise InvoerFout(pad, f"dit is het eindpunt '{soort}' van tabel {tabel_id}, geen dataset; lees de "
                              "TypedDataSet (of een map met alle eindpunten, zoals cbsodata.download_data die schrijft)",
                         sleutel="odata.metadata")
    if not inhoud["value"]:
        raise InvoerFout(pad, "de dataset bevat geen gegevensrijen", sleutel="value")
    return _lees_rijen(inhoud["value"], pad, sidecar, str(tabel_id).upper(), jaar, [])


def is_parquet_map(pad: Path) -> bool:
    """True for a folder holding ``*DataProperties.parquet`` (one parquet per OData endpoint)."""
    return pad.is_dir() and any(pad.glob("*DataProperties.parquet"))


def laad_parquet_map(pad: Path) -> dict[str, Any]:
    """A folder of one parquet per OData endpoint (``<prefix>_<Endpoint>.parquet``, plus
    ``<prefix>_Metadata.json`` = TableInfos) as a snapshot bundle. Missing values (NaN) become
    ``null``. Raises InvoerFout for an unreadable file."""
    bundel: dict[str, Any] = {}
    for f in sorted(pad.iterdir()):
        naam = f.stem.rsplit("_", 1)[-1]
        if f.suffix == ".parquet":
            try:
                df = pd.read_parquet(f)
            except Exception as e:  # noqa: BLE001 - pyarrow raises several types
                raise InvoerFout(f, f"geen leesbaar parquet-bestand ({type(e).__name__})") from None
            df = df.rename(columns={"odata_type": "odata.type"})
            for k in df.columns:  # numbers keep NaN (read column-wise); text gets None for missing
                if not pd.api.types.is_numeric_dtype(df[k]):
                    df[k] = df[k].astype(object).where(df[k].notna(), None)
            # the data set's rows become Python dicts only if a reader asks for them (a
            # national table: ~2 million objects, ~0.2 GB); the dimension tables are small
            bundel[naam] = {"value": LuieRijen(df) if naam in ("TypedDataSet", "UntypedDataSet") else records(df)}
        elif f.suffix == ".json" and naam == "Metadata":
            bundel["TableInfos"] = {"value": [laad_json(f.read_bytes(), f)]}
    return bundel


class Rijen(list):
    """The rows of a parquet endpoint (``to_dict("records")``) together with ``frame``: the frame
    ``pd.DataFrame.from_records`` builds from them, made from the columns directly (a national
    table: 2 million cells not converted back from Python objects). A plain list otherwise."""

    frame: pd.DataFrame | None = None


def records(df: pd.DataFrame) -> list[dict]:
    """``df.to_dict("records")`` (same Python values), built column-wise for numpy columns, as a
    :class:`Rijen` carrying the frame ``pd.DataFrame.from_records`` would build from the rows.
    Other dtypes and repeated column names: plain ``to_dict("records")``."""
    import numpy as np

    namen = list(df.columns)
    soorten = [df[k].dtype for k in namen] if df.columns.is_unique else []
    if not df.columns.is_unique or not all(isinstance(t, np.dtype) and t.kind in "bifO" for t in soorten):
        return df.to_dict("records")
    kolommen = [df[k].to_numpy().tolist() for k in namen]
    rijen = Rijen(dict(zip(namen, rij)) for rij in zip(*kolommen))
    # from_records converts every column on its own: numbers to int64/float64/bool as the
    # Python values say; object columns are converted by from_records itself
    rijen.frame = _kolommen_naar_frame(df, namen, soorten) if rijen else None
    return rijen


class LuieRijen:
    """The rows of a parquet data set, as :func:`records` would give them, made only on demand.

    ``frame`` is the frame ``pd.DataFrame.from_records`` would build from the rows (no rows are
    needed for it); :meth:`lijst` makes the rows themselves (the per-cell reader, or rows that
    ``_opzet`` must filter); :meth:`geen` answers "does no row's value of this key satisfy this
    test" from the distinct values of the column, with ``r.get(key, "")`` semantics."""

    def __init__(self, df: pd.DataFrame):
        self._df = df
        self._lijst: list[dict] | None = None
        self.frame = _frame_van(df) if len(df) else None  # None: only lijst() (other dtypes)

    def __len__(self) -> int:
        return len(self._df)

    def __iter__(self):
        """Iterating makes the rows (as :meth:`lijst`), so a caller that treats them as a list still works."""
        return iter(self.lijst())

    def lijst(self) -> list[dict]:
        if self._lijst is None:
            self._lijst = records(self._df)
        return self._lijst

    def geen(self, sleutel: str, test) -> bool:
        if sleutel not in self._df.columns:
            return not (len(self._df) and test(""))
        return not any(test(v) for v in pd.unique(self._df[sleutel].to_numpy()).tolist())


def _frame_van(df: pd.DataFrame) -> pd.DataFrame | None:
    """The frame of :func:`records` (None when ``records`` gives a plain list)."""
    import numpy as np

    namen = list(df.columns)
    soorten = [df[k].dtype for k in namen] if df.columns.is_unique else []
    if not df.columns.is_unique or not all(isinstance(t, np.dtype) and t.kind in "bifO" for t in soorten):
        return None
    return _kolommen_naar_frame(df, namen, soorten)


def _kolommen_naar_frame(df: pd.DataFrame, namen: list, soorten: list) -> pd.DataFrame:
    """from_records of df's rows, column by column: numbers as int64/float64/bool, object columns
    converted by from_records itself."""
    import numpy as np

    objecten = [k for k, t in zip(namen, soorten) if t.kind == "O"]
    delen = {k: df[k].to_numpy().astype({"i": np.int64, "f": np.float64, "b": bool}[t.kind])
             for k, t in zip(namen, soorten) if t.kind != "O"}
    if objecten:
        tekst = pd.DataFrame.from_records(list(zip(*(df[k].to_numpy().tolist() for k in objecten))), columns=objecten)
        delen.update({k: tekst[k] for k in objecten})
    return pd.DataFrame({k: delen[k] for k in namen})

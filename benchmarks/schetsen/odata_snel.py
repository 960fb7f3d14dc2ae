"""SKETCH (not used by the pipeline): a column-wise fast path for CBS OData snapshots.

Purpose: measure what the proposed fix for ``evaluatie.ingest.odata.lees_odata_bundel``
would gain at national scale (docs/prestaties.md, benchmark 6). The existing reader
walks every cell in Python (a dict per cell, a dict per record, a regex per number);
this sketch does the same work with pandas/numpy on whole columns:

1. one DataFrame from the data set rows (instead of a loop over rows x fields);
2. dimension keys -> titles, periods -> years, area code -> level: mapped over the
   *unique* keys only;
3. the three ``Marges`` rows of one cell are aligned by integer positions
   (``pd.factorize`` of the cell key), not by a dict of dicts;
4. numbers and CBS symbols parsed with vectorised string operations;
5. the same pandera schema, with the area-level check vectorised.

Whenever the input is anything but clean (unknown field, missing key, duplicate cell,
odd number, failed validation) it raises :class:`Terugval` and the caller falls back to
the existing reader, which then produces the exact Dutch error with row and column.
So the error behaviour stays exactly as it is; only clean input takes the fast path.

``lees_monitor_map_snel`` mirrors ``evaluatie.ingest.lees_monitor_map`` for a directory
holding OData bundle files, using the fast path per file.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa

from evaluatie.ingest.common import Sidecar, classificeer_marge, decodeer, lees_sidecar, parse_periode
from evaluatie.ingest.odata import DATASETS, DIMENSIE_TYPES, _NIET_NUMERIEK, _TABEL_ID
from evaluatie.ingest.schema import (
    METINGEN_KOLOMMEN,
    NIVEAU_PER_PREFIX,
    SLEUTEL,
    gebied_niveau,
    metingen_schema,
    normaliseer,
    sorteer,
)

MARKERS = (".", "x", "-", "?")
_GETAL = r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?"


class Terugval(Exception):
    """Input is not clean: use the existing (exact, per-cell) reader instead."""


TERUGVALLEN: list[tuple[str, str]] = []
"""(file, reason) for every fallback, so a benchmark can prove it measured the fast path."""


def _niveau_past_snel(df: pd.DataFrame) -> pd.Series:
    """Vectorised form of schema._niveau_past (the code pattern is checked elsewhere)."""
    prefix = df["gebied"].str.slice(0, 2)
    verwacht = prefix.map(NIVEAU_PER_PREFIX).fillna("")
    geldig = df["gebied"].str.fullmatch(r"NL01|GM\d{4}|WK\d{6}|BU\d{8}")
    verwacht = verwacht.where(geldig, "")
    return (verwacht == "") | (verwacht == df["gebied_niveau"])


SCHEMA_SNEL = copy.deepcopy(metingen_schema)
SCHEMA_SNEL.checks = [
    pa.Check(_niveau_past_snel, name=c.name) if c.name == "niveau_past_bij_code" else c
    for c in metingen_schema.checks
]


def _waarden(bundel: dict, naam: str) -> list[dict]:
    antwoord = bundel.get(naam)
    if isinstance(antwoord, dict):
        antwoord = antwoord.get("value")
    if not isinstance(antwoord, list):
        raise Terugval(naam)
    return antwoord


def _parse(kolom: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(float values with NaN for symbols, marker per cell '' / '.' / 'x' / '-' / '?')."""
    if pd.api.types.is_bool_dtype(kolom):
        raise Terugval("bool")
    if pd.api.types.is_numeric_dtype(kolom):  # TypedDataSet: numbers, null -> '.'
        waarden = kolom.to_numpy(dtype=float, na_value=np.nan)
        mark = np.where(np.isnan(waarden), ".", "")
        return waarden, mark.astype(object)
    if not pd.api.types.is_string_dtype(kolom):
        raise Terugval("gemengde kolom")
    s = kolom.str.strip()
    leeg = s.isna() | (s == "")
    symbool = s.isin(MARKERS)
    getal = ~(leeg | symbool)
    schoon = s.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    if not schoon[getal].str.fullmatch(_GETAL).all():
        raise Terugval("geen getal")
    try:  # the pattern is checked above; a C cast (pyarrow) is ~3x faster than pd.to_numeric
        waarden = schoon.where(getal).astype("float64").to_numpy(dtype=float, na_value=np.nan)
    except Exception as e:  # noqa: BLE001 - anything odd goes to the exact reader
        raise Terugval("getal") from e
    mark = np.where(leeg.to_numpy(), ".", np.where(symbool.to_numpy(), s.fillna("").to_numpy(dtype=object), ""))
    return waarden, mark.astype(object)


def lees_odata_bundel_snel(bundel: dict[str, Any], pad: Path, sidecar: Sidecar | None = None,
                           vrijgeven: bool = False) -> pd.DataFrame:
    """Column-wise equivalent of ``lees_odata_bundel``; raises :class:`Terugval` on unclean input.

    ``vrijgeven``: drop the data set rows from ``bundel`` once they are in a DataFrame (saves
    the memory of ~200,000 row dicts at national scale; only for a caller that does not need
    the bundle afterwards).
    """
    sidecar = sidecar or Sidecar()
    bestand = Path(pad)
    eigenschappen = _waarden(bundel, "DataProperties")
    if any("Key" not in p or "Type" not in p for p in eigenschappen):
        raise Terugval("DataProperties")
    dimensies = [p for p in eigenschappen if p["Type"] in DIMENSIE_TYPES]
    onderwerpen = {p["Key"]: p for p in eigenschappen if p["Type"] in ("Topic", "GeoDetail")}
    numeriek = [k for k, p in onderwerpen.items()
                if p["Type"] == "Topic" and str(p.get("Datatype") or "Double").lower() not in _NIET_NUMERIEK]
    bekend = {"ID"} | {p["Key"] for p in dimensies} | set(onderwerpen)
    titels: dict[str, dict[str, str]] = {}
    for d in dimensies:
        titels[d["Key"]] = {str(i["Key"]): str(i.get("Title") or "").strip() for i in _waarden(bundel, d["Key"])}
    soort = lambda t: [d for d in dimensies if d["Type"] == t]  # noqa: E731
    if len(soort("TimeDimension")) != 1 or len(soort("GeoDimension")) != 1:
        raise Terugval("dimensies")
    tijd, geo = soort("TimeDimension")[0], soort("GeoDimension")[0]
    marges = leeftijd = None
    overig = []
    for d in soort("Dimension"):
        rollen = {classificeer_marge(t) for t in titels[d["Key"]].values()}
        if "waarde" in rollen and rollen & {"ondergrens", "bovengrens"}:
            marges = d
        elif "leeftijd" in (str(d.get("Title") or "") + " " + d["Key"]).lower():
            leeftijd = d
        else:
            overig.append(d)
    dataset = next((ds for ds in DATASETS if ds in bundel), None)
    if dataset is None:
        raise Terugval("dataset")
    rijen = _waarden(bundel, dataset)
    if not rijen or len({len(r) for r in rijen}) != 1:
        raise Terugval("rijen ongelijk")  # a missing key must be reported by the exact reader
    info = (_waarden(bundel, "TableInfos") or [{}])[0] if "TableInfos" in bundel else {}
    tabel_id = sidecar.tabel or info.get("Identifier") or bundel.get("tabel")
    if not tabel_id:
        m = _TABEL_ID.search(bestand.name)
        tabel_id = m.group(1) if m else None
    if not tabel_id:
        raise Terugval("tabel-id")
    tabel_id = str(tabel_id).strip().upper()
    bron = sidecar.bron or str(info.get("Catalog") or "").strip() or "CBS"

    df = pd.DataFrame.from_records(rijen)
    if vrijgeven:
        del rijen
        bundel.pop(dataset)
    if set(df.columns) - bekend:
        raise Terugval("onbekend veld")

    def sleutels(d: dict) -> pd.Series:
        if d["Key"] not in df.columns:
            raise Terugval("dimensie ontbreekt")
        k = df[d["Key"]]
        if not pd.api.types.is_string_dtype(k) or k.isna().any() or not k.isin(list(titels[d["Key"]])).all():
            raise Terugval("onbekende sleutel")
        return k

    # per unique key, not per row
    periode = sleutels(tijd)
    jaar_van = {p: parse_periode(p) for p in periode.unique()}
    if any(j is None for j in jaar_van.values()):
        raise Terugval("periode")
    geo_sleutel = sleutels(geo)
    code_van = {k: k.strip() for k in geo_sleutel.unique()}
    if len(set(code_van.values())) != len(code_van) or not all(gebied_niveau(c) for c in code_van.values()):
        raise Terugval("gebiedscode")
    lft = sleutels(leeftijd).map(titels[leeftijd["Key"]]) if leeftijd else pd.Series("", index=df.index)
    rol = sleutels(marges).map({k: classificeer_marge(t) or "" for k, t in titels[marges["Key"]].items()}) \
        if marges else pd.Series("waarde", index=df.index)
    for d in overig:
        if sleutels(d).nunique() > 1:
            raise Terugval("extra dimensie")

    gebied = geo_sleutel.map(code_van)
    jaar = periode.map(jaar_van)
    houden = np.flatnonzero((rol != "").to_numpy())
    sleutel = (gebied + "\x1f" + lft + "\x1f" + jaar.astype(str)).to_numpy(dtype=object)[houden]
    cel_h, _ = pd.factorize(sleutel)  # codes in order of first appearance
    k_cellen = int(cel_h.max()) + 1 if len(cel_h) else 0
    eerste_rij = houden[np.unique(cel_h, return_index=True)[1]]
    cel = np.full(len(df), -1)
    cel[houden] = cel_h
    positie = {}
    rol_np = rol.to_numpy(dtype=object)
    for r in ("waarde", "ondergrens", "bovengrens"):
        rijen_r = houden[rol_np[houden] == r]
        cellen_r = cel[rijen_r]
        if len(np.unique(cellen_r)) != len(cellen_r):
            raise Terugval("dubbele meting")
        pos = np.full(k_cellen, -1)
        pos[cellen_r] = rijen_r
        positie[r] = pos

    def neem(arr: np.ndarray, pos: np.ndarray, leeg: Any) -> np.ndarray:
        uit = arr[np.maximum(pos, 0)]
        return np.where(pos >= 0, uit, leeg)

    delen_w, delen_m, delen_o, delen_b, velden = [], [], [], [], []
    for veld in numeriek:
        if veld not in df.columns:
            continue
        waarden, mark = _parse(df[veld])
        w = neem(waarden, positie["waarde"], np.nan)
        m = neem(mark, positie["waarde"], ".")
        o = neem(waarden, positie["ondergrens"], np.nan)
        b = neem(waarden, positie["bovengrens"], np.nan)
        gemarkeerd = m != ""
        delen_w.append(w)
        delen_m.append(m)
        delen_o.append(np.where(gemarkeerd, np.nan, o))
        delen_b.append(np.where(gemarkeerd, np.nan, b))
        velden.append(veld)
    if not velden:
        raise Terugval("geen numerieke velden")
    n_v = len(velden)
    g_cel = gebied.to_numpy(dtype=object)[eerste_rij]
    geo_titel = geo_sleutel.map(titels[geo["Key"]]).to_numpy(dtype=object)[eerste_rij]
    uit = pd.DataFrame({
        "bron": bron,
        "tabel": tabel_id,
        "veld": np.repeat(np.array(velden, dtype=object), k_cellen),
        "gebied": np.tile(g_cel, n_v),
        "gebied_niveau": np.tile(pd.Series(g_cel).map(lambda c: NIVEAU_PER_PREFIX[c[:2]]).to_numpy(dtype=object),
                                 n_v) if k_cellen else [],
        "gebied_naam": np.tile(geo_titel, n_v),
        "leeftijd": np.tile(lft.to_numpy(dtype=object)[eerste_rij], n_v),
        "jaar": np.tile(jaar.to_numpy(dtype="int64")[eerste_rij], n_v),
        "waarde": np.concatenate(delen_w),
        "ondergrens": np.concatenate(delen_o),
        "bovengrens": np.concatenate(delen_b),
        "markering": np.concatenate(delen_m),
        "eenheid": np.repeat(np.array([str(onderwerpen[v].get("Unit") or "").strip() for v in velden],
                                      dtype=object), k_cellen),
        "demo": sidecar.demo,
        "bestand": bestand.name,
    })
    del df
    uit = normaliseer(uit)
    try:
        SCHEMA_SNEL.validate(uit, lazy=False)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as e:
        raise Terugval("validatie") from e
    return sorteer(uit[METINGEN_KOLOMMEN])


def lees_bestand_snel(pad: Path) -> pd.DataFrame:
    """Fast path for one OData bundle file; falls back to ``lees_bestand`` when needed."""
    from evaluatie.ingest import lees_bestand

    pad = Path(pad)
    try:
        if pad.suffix.lower() != ".json" or lees_sidecar(pad).inhoud.get("sha256"):
            raise Terugval("geen bundel of sha256 te controleren")
        bundel = json.loads(decodeer(pad.read_bytes(), pad))
        # on a fallback lees_bestand reads the file again, so the bundle may be emptied
        return lees_odata_bundel_snel(bundel, pad, lees_sidecar(pad), vrijgeven=True)
    except (Terugval, json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
        TERUGVALLEN.append((pad.name, f"{type(e).__name__}: {e}"))
        return lees_bestand(pad)


def lees_monitor_map_snel(map_: Path) -> pd.DataFrame:
    """As ``lees_monitor_map`` (same file selection, duplicate check, sort)."""
    from evaluatie.ingest import lees_monitor_map
    from evaluatie.ingest.reader import _is_kandidaat, lees_bestand

    map_ = Path(map_)
    delen = [lees_bestand_snel(p) if p.suffix.lower() == ".json" else lees_bestand(p)
             for p in sorted(map_.iterdir()) if _is_kandidaat(p)]
    if not delen:
        return lees_monitor_map(map_)  # the exact error
    df = pd.concat(delen, ignore_index=True) if len(delen) > 1 else delen[0]
    if df.duplicated(SLEUTEL).any():
        return lees_monitor_map(map_)  # the exact error naming both files
    return sorteer(df[METINGEN_KOLOMMEN])


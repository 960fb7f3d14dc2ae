"""Reader for CBS OData v3 snapshots (opendata.cbs.nl / dataderden.cbs.nl).

Snapshot layout
---------------
Either

* a **bundle file** ``<tabel>.json``: one JSON object whose members are named
  after the OData endpoints and hold the API response *verbatim*
  (``{"odata.metadata": ..., "value": [...]}``)::

      {"bundel": "cbs-odata-v3", "tabel": "50120NED", "basis_url": "...",
       "TableInfos": {...}, "DataProperties": {...},
       "Marges": {...}, "Leeftijd": {...}, "WijkenEnBuurten": {...}, "Perioden": {...},
       "TypedDataSet": {...}}            # or "UntypedDataSet"

* or a **directory** holding one file per endpoint, ``DataProperties.json``,
  ``TypedDataSet.json``, ``Marges.json``, ... each the verbatim API response.

Everything is resolved from the table's own metadata: ``DataProperties`` says
which keys are dimensions (``Dimension``/``GeoDimension``/``TimeDimension``)
and which are topics; the dimension tables give the titles. The margin
dimension is recognised by its item TITLES ("Waarde", "Ondergrens 95%-...",
"Bovengrens 95%-..."), the age dimension by its title "Leeftijd". No key code
of any dimension and no field key is written in this module.

When both ``UntypedDataSet`` and ``TypedDataSet`` are present, the untyped one
is used, because only it keeps the CBS symbols ('.', 'x', '-', '?'); a
``null`` in a TypedDataSet becomes marker '.'.

Row numbers in errors are 1-based positions in the data set's ``value`` list;
the data set's name is given as ``sleutel``.

Two readers give the same frame: a column-wise one for clean input (a national
table of ~2 million measurements in seconds) and the per-cell one, which is used
whenever the column-wise reader meets anything it does not handle and which
raises the error with row and column. A cell's meaning (number or CBS symbol) has
one definition, :func:`_getal_of_symbool`, used by both.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pandera.errors import SchemaError, SchemaErrors

from evaluatie.gedeeld.definities import ANDERE_GEBIEDEN, gebiedscode
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor.bron import (
    Sidecar,
    laad_json,
    classificeer_marge,
    getal,
    is_deelperiode,
    lees_sidecar,
    marker,
    met_meldingen,
    opsomming,
    parse_periode,
)
from evaluatie.ingest.monitor.tabellen import bron_van, jaar_uit_titel
from evaluatie.ingest.monitor.rijframe import frame_uit_rijen
from evaluatie.ingest.monitor.schema import (
    METINGEN_KOLOMMEN,
    gebied_niveau,
    normaliseer,
    valideer_metingen,
    valideer_schema,
)

_log = logging.getLogger(__name__)

DIMENSIE_TYPES = ("Dimension", "GeoDimension", "TimeDimension")
DATASETS = ("UntypedDataSet", "TypedDataSet")
_NIET_NUMERIEK = {"string", "char", "text"}
_TABEL_ID = re.compile(r"(?<![0-9A-Za-z])(\d{5}[A-Za-z]{3})(?![0-9A-Za-z])")


def is_bundel(inhoud: Any) -> bool:
    return isinstance(inhoud, dict) and "DataProperties" in inhoud


def laad_snapshot(pad: Path) -> dict[str, Any]:
    """Load a bundle file or a snapshot directory into ``{endpoint: response}``."""
    if pad.is_dir():
        bundel: dict[str, Any] = {}
        for f in sorted(pad.glob("*.json")):
            bundel[f.stem] = laad_json(f.read_bytes(), f)
        if "DataProperties" not in bundel:
            raise InvoerFout(pad, "map bevat geen DataProperties.json: geen CBS-OData-snapshot")
        return bundel
    tekst = pad.read_bytes()
    if not tekst.strip():
        raise InvoerFout(pad, "het bestand is leeg")
    bundel = laad_json(tekst, pad)
    if not is_bundel(bundel):
        raise InvoerFout(
            pad,
            "JSON zonder 'DataProperties': geen CBS-OData-snapshot "
            "(verwacht een bundel met DataProperties, dimensietabellen en TypedDataSet)",
        )
    return bundel


def lees_odata(pad: Path, *, tabel: str | None = None, jaar: int | None = None) -> pd.DataFrame:
    """Read an OData snapshot (bundle file or directory) into metingen rows."""
    pad = Path(pad)
    bundel = laad_snapshot(pad)
    return lees_odata_bundel(bundel, pad, lees_sidecar(pad), tabel=tabel, jaar=jaar)


def _waarden(bundel: Mapping[str, Any], naam: str, bestand: Path) -> list[dict]:
    antwoord = bundel[naam]
    if isinstance(antwoord, dict):
        antwoord = antwoord.get("value")
    if _is_lui(antwoord):  # a parquet data set: dicts by construction
        return antwoord  # type: ignore[return-value]
    if not isinstance(antwoord, list) or not all(isinstance(r, dict) for r in antwoord):
        raise InvoerFout(bestand, "verwacht een lijst rijen onder 'value'", sleutel=naam)
    return antwoord


@dataclass
class _Opzet:
    """Everything :func:`lees_odata_bundel` resolves from the metadata before it
    touches the data rows (shared by the column-wise and the per-cell reader)."""

    bestand: Path
    dataset: str
    rijen: list[dict]
    bekend: set[str]
    numeriek: dict[str, dict]
    titels: dict[str, dict[str, str]]
    tijd: dict | None
    geo: dict
    leeftijd: dict | None
    marges: dict | None
    marge_rol: dict[str, str | None]
    overig: list[dict]
    tabel_id: str
    bron: str
    sidecar: Sidecar
    kolomnamen: dict[str, str]
    vast_jaar: int | None = None
    meldingen: list[str] | None = None


def _is_lui(rijen: Any) -> bool:
    """A parquet data set's rows not made yet (sleutels.LuieRijen; not imported: sleutels imports us)."""
    return not isinstance(rijen, list) and callable(getattr(rijen, "lijst", None))


def _als_lijst(rijen) -> list[dict]:
    """The rows as a list (a parquet data set's rows are made now, see sleutels.LuieRijen)."""
    return rijen.lijst() if _is_lui(rijen) else rijen


class _Terugval(Exception):
    """The column-wise reader met input it does not handle; use the per-cell reader."""


def lees_odata_bundel(
    bundel: Mapping[str, Any], pad: Path, sidecar: Sidecar | None = None, *,
    tabel: str | None = None, jaar: int | None = None,
) -> pd.DataFrame:
    """Turn a loaded snapshot into validated metingen rows (see module docstring).

    Clean input is read column-wise; anything else (an unknown field, a missing or
    unknown key, a duplicate cell, a cell that is neither number nor CBS symbol, a
    failed schema check, ...) goes through the per-cell reader, which produces the
    error with row and column. Both give the same frame for the same input.
    ``bundel`` is not modified.
    """
    return _lees(_opzet(bundel, pad, sidecar, tabel=tabel, jaar=jaar))


def lees_odata_bestand(
    bundel: dict[str, Any], pad: Path, sidecar: Sidecar, herlees: Callable[[], dict[str, Any]], *,
    tabel: str | None = None, jaar: int | None = None,
) -> pd.DataFrame:
    """:func:`lees_odata_bundel` for a bundle just loaded from ``pad`` that the caller
    no longer needs: the data rows are taken out of ``bundel`` and dropped as soon as
    they are in a frame (a national snapshot: ~0.8 GB of Python objects). When the
    per-cell reader is needed after that, ``herlees()`` loads the same file again."""
    opzet = _opzet(bundel, pad, sidecar, tabel=tabel, jaar=jaar)
    del bundel[opzet.dataset]  # the rows are now referenced by ``opzet`` only
    return _lees(opzet, herlees=lambda: _opzet(herlees(), pad, sidecar, tabel=tabel, jaar=jaar))


def _lees(opzet: _Opzet, herlees: Callable[[], _Opzet] | None = None) -> pd.DataFrame:
    """Column-wise when possible, else per cell (see :func:`lees_odata_bundel`)."""
    try:
        return met_meldingen(_lees_kolomsgewijs(opzet, vrijgeven=herlees is not None), opzet.meldingen or [])
    except (_Terugval, KeyError, TypeError, ValueError, OverflowError) as e:
        _log.debug("%s: per-cell reader (%s: %s)", opzet.bestand.name, type(e).__name__, e)
    if herlees is not None and not opzet.rijen:
        opzet = herlees()  # the rows were dropped; the file has them
    return met_meldingen(_lees_per_cel(opzet), opzet.meldingen or [])


def _opzet(bundel: Mapping[str, Any], pad: Path, sidecar: Sidecar | None, *,
           tabel: str | None = None, jaar: int | None = None) -> _Opzet:
    """Metadata checks and lookups; raises the InvoerFout of the snapshot's structure.

    A table without a time dimension (a one-wave table such as 84799NED or 50140NED) takes its
    year from ``jaar`` (``--jaar``), the sidecar's ``jaar`` or the year in its title, in that
    order, and says which. A region dimension may be typed ``GeoDetail`` (84799NED). Rows of
    region kinds outside the project (GGD-regio, provincie, ...) and of quarters or months are
    skipped and counted in the notes."""
    sidecar = sidecar or Sidecar()
    bestand = Path(pad)
    gevraagde_tabel, gevraagd_jaar = tabel, jaar  # the loop below reuses the name ``tabel``
    meldingen: list[str] = []
    eigenschappen = _waarden(bundel, "DataProperties", bestand)
    for i, p in enumerate(eigenschappen, start=1):
        if "Key" not in p or "Type" not in p:
            raise InvoerFout(bestand, "DataProperties-regel zonder Key of Type", rij=i, sleutel="DataProperties")

    dimensies = [p for p in eigenschappen if p["Type"] in DIMENSIE_TYPES]
    if not any(p["Type"] == "GeoDimension" for p in dimensies):
        # 84799NED: the region dimension itself is typed GeoDetail
        dimensies += [dict(p, Type="GeoDimension") for p in eigenschappen
                      if p["Type"] == "GeoDetail" and p["Key"] in bundel]
    dim_sleutels = {p["Key"] for p in dimensies}
    onderwerpen = {p["Key"]: p for p in eigenschappen
                   if p["Type"] in ("Topic", "GeoDetail") and p["Key"] not in dim_sleutels}
    numeriek = {
        k: p
        for k, p in onderwerpen.items()
        if p["Type"] == "Topic" and str(p.get("Datatype") or "Double").lower() not in _NIET_NUMERIEK
    }
    bekend = {"ID"} | {p["Key"] for p in dimensies} | set(onderwerpen)

    # dimension tables, from the snapshot itself
    titels: dict[str, dict[str, str]] = {}
    for d in dimensies:
        if d["Key"] not in bundel:
            raise InvoerFout(
                bestand,
                f"dimensietabel '{d['Key']}' ontbreekt in de snapshot (DataProperties noemt hem wel)",
                sleutel=d["Key"],
            )
        tabel = _waarden(bundel, d["Key"], bestand)
        titels[d["Key"]] = {}
        for j, item in enumerate(tabel, start=1):
            if "Key" not in item:
                raise InvoerFout(bestand, "dimensieregel zonder Key", rij=j, sleutel=d["Key"])
            titels[d["Key"]][str(item["Key"])] = str(item.get("Title") or "").strip()

    def enige(soort: str, omschrijving: str, nul_mag: bool = False) -> dict | None:
        kandidaten = [d for d in dimensies if d["Type"] == soort]
        if nul_mag and not kandidaten:
            return None
        if len(kandidaten) != 1:
            raise InvoerFout(
                bestand,
                f"verwacht precies één {omschrijving} in DataProperties, gevonden {len(kandidaten)}",
                sleutel="DataProperties",
            )
        return kandidaten[0]

    tijd = enige("TimeDimension", "tijddimensie (Perioden)", nul_mag=True)
    geo = enige("GeoDimension", "regiodimensie (bijv. WijkenEnBuurten)")
    marges = None
    leeftijd = None
    overig = []
    for d in dimensies:
        if d["Type"] != "Dimension":
            continue
        rollen = {classificeer_marge(t) for t in titels[d["Key"]].values()}
        if "waarde" in rollen and rollen & {"ondergrens", "bovengrens"}:
            marges = d
        elif "leeftijd" in (str(d.get("Title") or "") + " " + d["Key"]).lower():
            leeftijd = d
        else:
            overig.append(d)
    marge_rol = (
        {k: classificeer_marge(t) for k, t in titels[marges["Key"]].items()} if marges else {}
    )

    dataset = next((ds for ds in DATASETS if ds in bundel), None)
    if dataset is None:
        raise InvoerFout(
            bestand, "geen TypedDataSet of UntypedDataSet in de snapshot", sleutel="TypedDataSet"
        )
    rijen = _waarden(bundel, dataset, bestand)
    if not rijen:
        raise InvoerFout(bestand, "de dataset bevat geen gegevensrijen", sleutel=dataset)

    # rows this project does not read: other region kinds, periods shorter than a year
    gk = geo["Key"]
    if (_is_lui(rijen) and rijen.geen(gk, lambda w: ANDERE_GEBIEDEN.match(str(w).strip()))
            and (tijd is None or rijen.geen(tijd["Key"], lambda w: is_deelperiode(str(w))))):
        anders = deel = []  # the same answer from the distinct values; the rows stay unmade
    else:
        rijen = _als_lijst(rijen)

        def ooit(sleutel: str, test) -> bool:
            """Does any row's ``str(r.get(sleutel, ""))`` pass ``test``? Tested once per distinct
            text (a national table: ~17,600 areas in ~200,000 rows)."""
            return any(test(w) for w in {str(r.get(sleutel, "")) for r in rijen})

        def andere(w: str) -> bool:
            return bool(ANDERE_GEBIEDEN.match(w.strip()))

        anders = [r for r in rijen if andere(str(r.get(gk, "")))] if ooit(gk, andere) else []
        deel = ([r for r in rijen if is_deelperiode(str(r.get(tijd["Key"], "")))]
                if tijd is not None and ooit(tijd["Key"], is_deelperiode) else [])
    if anders or deel:
        weg = {id(r) for r in anders} | {id(r) for r in deel}
        bewaard = [r for r in rijen if id(r) not in weg]
        if deel:
            perioden = sorted({str(r.get(tijd["Key"], "")).strip() for r in deel})
            if not bewaard:
                raise InvoerFout(bestand, f"geen jaarcijfers: alle {len(deel)} rijen gelden voor een kwartaal of "
                                          f"maand ({opsomming(perioden)})", kolom=tijd["Key"], sleutel=dataset)
            meldingen.append(f"{bestand.name}: {len(deel)} rijen van kwartalen of maanden overgeslagen "
                             f"({opsomming(perioden)}); alleen jaarcijfers worden gelezen")
        if anders:
            soorten = sorted({str(r.get(gk, "")).strip()[:2] for r in anders})
            meldingen.append(f"{bestand.name}: {len(anders)} rijen van gebiedssoorten buiten dit project "
                             f"overgeslagen ({', '.join(soorten)}: bijv. GGD-regio's; alleen Nederland, "
                             "gemeenten, wijken en buurten worden gelezen)")
        if not bewaard:
            raise InvoerFout(bestand, "geen rijen voor Nederland, een gemeente, wijk of buurt", kolom=gk,
                             sleutel=dataset)
        rijen = bewaard

    # table id and source
    info = {}
    if "TableInfos" in bundel:
        ti = _waarden(bundel, "TableInfos", bestand)
        info = ti[0] if ti else {}
    tabel_id = gevraagde_tabel or sidecar.tabel or info.get("Identifier") or bundel.get("tabel")
    if not tabel_id:
        m = _TABEL_ID.search(bestand.name)
        tabel_id = m.group(1) if m else None
    if not tabel_id:
        raise InvoerFout(bestand, "tabel-id onbekend: geen TableInfos en niet af te leiden uit de naam")
    tabel_id = str(tabel_id).strip().upper()
    bron = sidecar.bron or str(info.get("Catalog") or "").strip() or bron_van(tabel_id) or "CBS"

    vast_jaar = None
    if tijd is None:
        titel = str(info.get("Title") or "")
        for kandidaat, herkomst in ((gevraagd_jaar, "--jaar"), (sidecar.jaar, "de sidecar ('jaar')"),
                                    (jaar_uit_titel(titel), f"de tabeltitel '{titel}'")):
            if kandidaat is not None:
                vast_jaar = int(kandidaat)
                meldingen.append(f"{bestand.name}: tabel {tabel_id} heeft geen tijddimensie; jaar {vast_jaar} "
                                 f"uit {herkomst}")
                break
        if vast_jaar is None:
            raise InvoerFout(bestand, f"tabel {tabel_id} heeft geen tijddimensie (Perioden) en de titel noemt geen "
                                      "jaar: geef het jaar met --jaar (bijv. --jaar 2024) of in de sidecar onder "
                                      "'jaar'")

    kolomnamen = {"gebied": geo["Key"], "jaar": tijd["Key"] if tijd else "jaar", "gebied_niveau": geo["Key"]}
    if leeftijd:
        kolomnamen["leeftijd"] = leeftijd["Key"]
    return _Opzet(
        bestand=bestand, dataset=dataset, rijen=rijen, bekend=bekend, numeriek=numeriek, titels=titels,
        tijd=tijd, geo=geo, leeftijd=leeftijd, marges=marges, marge_rol=marge_rol, overig=overig,
        tabel_id=tabel_id, bron=bron, sidecar=sidecar, kolomnamen=kolomnamen, vast_jaar=vast_jaar,
        meldingen=meldingen,
    )


def _getal_of_symbool(ruw: Any) -> tuple[float, str] | None:
    """(value, marker) of one data cell; None when it is neither a number nor a CBS symbol.

    The single definition of a cell's meaning, used by both readers."""
    m = marker(ruw)
    if m is not None:
        return float("nan"), m
    if isinstance(ruw, bool):
        ruw = str(ruw)
    if isinstance(ruw, (int, float)):
        return float(ruw), ""
    g = getal(str(ruw), ".")
    if g is None:
        return None
    return g, ""


def _lees_kolomsgewijs(o: _Opzet, vrijgeven: bool = False) -> pd.DataFrame:
    """The column-wise reader: the same result as :func:`_lees_per_cel` for clean input.

    One DataFrame from the data rows; dimension keys, periods, area codes and cell texts
    are resolved once per *unique* value with the same functions the per-cell reader
    calls per cell; the rows of one cell (value and bounds, dimension ``Marges``) are
    aligned by integer positions. Raises :class:`_Terugval` as soon as the input is not
    clean (the per-cell reader then names the row and column); it never raises
    ``InvoerFout`` itself. ``vrijgeven``: empty ``o.rijen`` once the rows are in a frame.
    """
    rijen = o.rijen
    # a parquet folder's rows carry the frame pd.DataFrame.from_records would build from them
    # (sleutels.Rijen, sleutels.LuieRijen); rows filtered in _opzet are a plain list again
    frame = getattr(rijen, "frame", None)
    if frame is None:
        rijen = _als_lijst(rijen)
    df = frame if frame is not None else frame_uit_rijen(rijen)
    breedte = len(df.columns)
    # every row must carry every key: the per-cell reader skips a field that is missing in
    # one row, a frame would show it as an empty cell (rows made from one frame always do)
    if frame is None and any(len(r) != breedte for r in rijen):
        raise _Terugval("rijen met verschillende sleutels")
    if not set(df.columns) <= o.bekend:
        raise _Terugval("veld niet in DataProperties")
    if vrijgeven:
        o.rijen = []
        del rijen

    def sleutels(d: dict) -> tuple[np.ndarray, list[str]]:
        """(code per row, unique keys) of a dimension column; every key in its table."""
        if d["Key"] not in df.columns:
            raise _Terugval(f"dimensie {d['Key']} ontbreekt")
        kolom = df[d["Key"]]
        if not isinstance(kolom.dtype, pd.StringDtype):
            raise _Terugval(f"dimensie {d['Key']}: niet alleen tekst")
        codes, uniek = pd.factorize(kolom)
        uniek = list(uniek)
        if (codes < 0).any() or any(u not in o.titels[d["Key"]] for u in uniek):
            raise _Terugval(f"dimensie {d['Key']}: sleutel niet in dimensietabel")
        return codes, uniek

    # periods -> years, per unique key
    if o.tijd is None:
        jaar = np.full(len(df), o.vast_jaar, dtype="int64")
    else:
        p_codes, p_uniek = sleutels(o.tijd)
        jaren_u = [parse_periode(p) for p in p_uniek]
        if any(j is None for j in jaren_u):
            raise _Terugval("periode")
        jaar = np.asarray(jaren_u, dtype="int64")[p_codes]

    # area keys -> stripped code, level and name, per unique key
    g_codes, g_uniek = sleutels(o.geo)
    gebied_u = [gebiedscode(g) for g in g_uniek]
    niveau_u = [gebied_niveau(g) for g in gebied_u]
    if len(set(gebied_u)) != len(gebied_u) or not all(niveau_u):
        raise _Terugval("gebiedscode")  # two keys for one code, or an invalid code
    naam_u = [o.titels[o.geo["Key"]][g] for g in g_uniek]

    if o.leeftijd:
        l_codes, l_uniek = sleutels(o.leeftijd)
        titel_codes, lft_u = pd.factorize(np.asarray([o.titels[o.leeftijd["Key"]][k] for k in l_uniek],
                                                     dtype=object))
        lft_codes = titel_codes[l_codes]  # keys with the same title are the same cell
        lft_u = list(lft_u)
    else:
        lft_codes, lft_u = np.zeros(len(df), dtype="int64"), [""]

    if o.marges:
        m_codes, m_uniek = sleutels(o.marges)
        rol = np.asarray([o.marge_rol[k] or "" for k in m_uniek], dtype=object)[m_codes]
    else:
        rol = np.full(len(df), "waarde", dtype=object)
    for d in o.overig:
        if len(sleutels(d)[1]) > 1:
            raise _Terugval(f"dimensie {d['Key']} heeft meer dan één waarde")

    # cells: (area, age title, year) of the rows kept (other margin kinds are dropped)
    houden = np.flatnonzero(rol != "")
    if not len(houden):
        raise _Terugval("geen rijen met waarde of grens")
    j_codes, _ = pd.factorize(jaar)
    sleutel = (g_codes[houden].astype("int64") * len(lft_u) + lft_codes[houden]) * (int(j_codes.max()) + 1) \
        + j_codes[houden]
    cel_h, _ = pd.factorize(sleutel)
    k = int(cel_h.max()) + 1
    eerste = houden[np.unique(cel_h, return_index=True)[1]]  # a row of each cell, by cell number
    cel = np.full(len(df), -1, dtype="int64")
    cel[houden] = cel_h
    positie: dict[str, np.ndarray] = {}
    for r in ("waarde", "ondergrens", "bovengrens"):
        rijen_r = houden[rol[houden] == r]
        cellen_r = cel[rijen_r]
        if len(np.unique(cellen_r)) != len(cellen_r):
            raise _Terugval("dubbele meting")
        pos = np.full(k, -1, dtype="int64")
        pos[cellen_r] = rijen_r
        positie[r] = pos

    velden = [v for v in o.numeriek if v in df.columns]
    if not velden:
        raise _Terugval("geen numerieke velden")

    # The output is built in its final order instead of sorted afterwards (that would
    # copy ~2 million rows). valideer_metingen sorts by tabel, veld, gebied, leeftijd,
    # jaar, bestand; tabel and bestand are the same for every row and every (veld, cell)
    # pair occurs exactly once, so that order is: fields in order, and within each field
    # the cells in (gebied, leeftijd, jaar) order. Both are taken from pandas' own sort
    # on the same values and dtypes.
    cel_tabel = pd.DataFrame(
        {
            "gebied": _tekst(gebied_u, g_codes[eerste]),
            "leeftijd": _tekst(lft_u, lft_codes[eerste]),
            "jaar": jaar[eerste],
        }
    )
    volgorde = cel_tabel.sort_values(["gebied", "leeftijd", "jaar"], kind="mergesort").index.to_numpy()
    del cel_tabel
    eerste = eerste[volgorde]
    positie = {r: pos[volgorde] for r, pos in positie.items()}
    velden = [velden[i] for i in pd.Series(velden, dtype="str").sort_values(kind="mergesort").index]

    def neem(arr: np.ndarray, pos: np.ndarray, leeg: Any) -> np.ndarray:
        return np.where(pos >= 0, arr[pos], leeg)  # pos -1 takes the last row, then replaced

    delen_w, delen_o, delen_b, delen_m = [], [], [], []
    for veld in velden:
        waarden, markering = _cellen(df[veld])
        m = neem(markering, positie["waarde"], _MARKERING.index("."))
        gemarkeerd = m != 0  # a marked value has no interval either
        delen_w.append(neem(waarden, positie["waarde"], np.nan))
        delen_m.append(m)
        delen_o.append(np.where(gemarkeerd, np.nan, neem(waarden, positie["ondergrens"], np.nan)))
        delen_b.append(np.where(gemarkeerd, np.nan, neem(waarden, positie["bovengrens"], np.nan)))
    df = None  # release the frame (memory at national scale); `sleutels` is not called after this

    n = k * len(velden)
    per_cel = np.tile(np.arange(k), len(velden))  # output row -> cell
    per_veld = np.repeat(np.arange(len(velden)), k)  # output row -> field
    eenheden = [str(o.numeriek[v].get("Unit") or "").strip() for v in velden]
    constant = np.zeros(n, dtype="int64")
    uit = pd.DataFrame(
        {
            "bron": _tekst([o.bron], constant),
            "tabel": _tekst([o.tabel_id], constant),
            "veld": _tekst(velden, per_veld),
            "gebied": _tekst(gebied_u, g_codes[eerste][per_cel]),
            "gebied_niveau": _tekst(niveau_u, g_codes[eerste][per_cel]),
            "gebied_naam": _tekst(naam_u, g_codes[eerste][per_cel]),
            "leeftijd": _tekst(lft_u, lft_codes[eerste][per_cel]),
            "jaar": jaar[eerste][per_cel],
            "waarde": np.concatenate(delen_w).astype("float64"),
            "ondergrens": np.concatenate(delen_o).astype("float64"),
            "bovengrens": np.concatenate(delen_b).astype("float64"),
            "markering": _tekst(list(_MARKERING), np.concatenate(delen_m)),
            "eenheid": _tekst(eenheden, per_veld),
            "demo": np.full(n, o.sidecar.demo, dtype=bool),
            "bestand": _tekst([o.bestand.name], constant),
        }
    )
    del delen_w, delen_o, delen_b, delen_m
    uit = normaliseer(uit).reset_index(drop=True)
    try:
        valideer_schema(uit, lazy=False)
    except (SchemaError, SchemaErrors) as e:
        raise _Terugval("schemacontrole") from e
    return uit[METINGEN_KOLOMMEN]


_MARKERING = ("", ".", "x", "-", "?")
"""Markers as small integer codes while the columns are built (every marker that
:func:`_getal_of_symbool` returns is one of these)."""


def _tekst(per_code: list[str], codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """A text column from its distinct values and a code per row (no Python string per row)."""
    return pd.array(per_code, dtype="str").take(np.asarray(codes, dtype="int64"))


def _cellen(kolom: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(float value, marker code into :data:`_MARKERING`) per row of one field column;
    :class:`_Terugval` when a cell is neither a number nor a CBS symbol, or the column
    mixes kinds of values."""
    if kolom.dtype.kind in "if":  # TypedDataSet: numbers, null (parquet: also int32/float32)
        waarden = kolom.to_numpy(dtype="float64")
        return waarden, np.where(np.isnan(waarden), _MARKERING.index("."), 0).astype("int8")
    if not isinstance(kolom.dtype, pd.StringDtype):
        raise _Terugval(f"veld {kolom.name}: gemengde of onbekende soort waarden")
    codes, uniek = pd.factorize(kolom)  # missing (null) cells get code -1
    gelezen = [_getal_of_symbool(u) for u in uniek]
    if any(g is None for g in gelezen):
        raise _Terugval(f"veld {kolom.name}: geen getal en geen CBS-symbool")
    gelezen.append(_getal_of_symbool(None))  # code -1 (the last element): a null cell
    waarden = np.asarray([g[0] for g in gelezen], dtype="float64")[codes]
    markering = np.asarray([_MARKERING.index(g[1]) for g in gelezen], dtype="int8")[codes]
    return waarden, markering


def _lees_per_cel(o: _Opzet) -> pd.DataFrame:
    """The per-cell reader: walks every row and field; raises the exact InvoerFout."""
    bestand, dataset, titels = o.bestand, o.dataset, o.titels
    tijd, geo, leeftijd, marges, overig = o.tijd, o.geo, o.leeftijd, o.marges, o.overig
    numeriek, marge_rol, bekend, tabel_id = o.numeriek, o.marge_rol, o.bekend, o.tabel_id

    def dim_waarde(rij: dict, d: dict, nr: int) -> str:
        if d["Key"] not in rij:
            raise InvoerFout(bestand, "dimensie ontbreekt in deze rij", rij=nr, kolom=d["Key"], sleutel=dataset)
        sleutel = str(rij[d["Key"]])
        if sleutel not in titels[d["Key"]]:
            gestript = {k.strip(): k for k in titels[d["Key"]]}
            if sleutel.strip() in gestript:
                return gestript[sleutel.strip()]
            raise InvoerFout(
                bestand,
                f"sleutel '{sleutel.strip()}' staat niet in dimensietabel {d['Key']}",
                rij=nr,
                kolom=d["Key"],
                sleutel=dataset,
            )
        return sleutel

    extra_gezien: dict[str, dict[str, int]] = {d["Key"]: {} for d in overig}
    cellen: dict[tuple, dict[str, tuple[Any, int]]] = {}
    for nr, rij in enumerate(_als_lijst(o.rijen), start=1):
        for k in rij:
            if k not in bekend:
                raise InvoerFout(
                    bestand,
                    f"veld '{k}' staat niet in DataProperties van {tabel_id}",
                    rij=nr,
                    kolom=k,
                    sleutel=dataset,
                )
        periode = dim_waarde(rij, tijd, nr) if tijd else str(o.vast_jaar)
        jaar = parse_periode(periode)
        if jaar is None:
            raise InvoerFout(
                bestand,
                f"ongeldige periode '{periode.strip()}' (verwacht jaarcijfer zoals 2022JJ00)",
                rij=nr,
                kolom=tijd["Key"],
                sleutel=dataset,
            )
        gebied_sleutel = dim_waarde(rij, geo, nr)
        gebied = gebiedscode(gebied_sleutel)
        if not gebied_niveau(gebied):
            raise InvoerFout(
                bestand,
                f"ongeldige gebiedscode '{gebied}' (verwacht NL01, GMnnnn, WKnnnnnn of BUnnnnnnnn)",
                rij=nr,
                kolom=geo["Key"],
                sleutel=dataset,
            )
        lft = titels[leeftijd["Key"]][dim_waarde(rij, leeftijd, nr)] if leeftijd else ""
        rol = "waarde"
        if marges:
            rol = marge_rol[dim_waarde(rij, marges, nr)]
            if rol is None:
                continue  # other margin kinds (e.g. standard error) are not kept
        for d in overig:
            extra_gezien[d["Key"]].setdefault(dim_waarde(rij, d, nr), nr)
            if len(extra_gezien[d["Key"]]) > 1:
                raise InvoerFout(
                    bestand,
                    f"dimensie '{d['Key']}' heeft meer dan één waarde; de metingentabel kent naast "
                    "gebied, leeftijd en periode geen andere dimensies (filter de tabel bij het ophalen)",
                    rij=nr,
                    kolom=d["Key"],
                    sleutel=dataset,
                )
        for veld in numeriek:
            if veld not in rij:
                continue
            sleutel_cel = (veld, gebied, lft, jaar)
            per_rol = cellen.setdefault(sleutel_cel, {"_gebied": (gebied_sleutel, nr)})
            if rol in per_rol:
                raise InvoerFout(
                    bestand,
                    f"dubbele meting voor veld {veld}, gebied {gebied}, leeftijd '{lft}', jaar {jaar}"
                    f" (ook in rij {per_rol[rol][1]})",
                    rij=nr,
                    kolom=veld,
                    sleutel=dataset,
                )
            per_rol[rol] = (rij[veld], nr)

    def lees_getal(ruw: Any, nr: int, veld: str) -> tuple[float, str]:
        gelezen = _getal_of_symbool(ruw)
        if gelezen is None:
            raise InvoerFout(
                bestand,
                f"'{str(ruw).strip()}' is geen getal en geen CBS-symbool (., x, -, ?)",
                rij=nr,
                kolom=veld,
                sleutel=dataset,
            )
        return gelezen

    records = []
    for (veld, gebied, lft, jaar), per_rol in cellen.items():
        gebied_sleutel, eerste_rij = per_rol["_gebied"]
        if "waarde" in per_rol:
            waarde, mark = lees_getal(per_rol["waarde"][0], per_rol["waarde"][1], veld)
            rij_w = per_rol["waarde"][1]
        else:
            waarde, mark, rij_w = float("nan"), ".", eerste_rij
        grenzen = {}
        for g in ("ondergrens", "bovengrens"):
            if g in per_rol:
                grenzen[g] = lees_getal(per_rol[g][0], per_rol[g][1], veld)[0]
                grenzen["_rij_" + g] = per_rol[g][1]
            else:
                grenzen[g] = float("nan")
                grenzen["_rij_" + g] = rij_w
        if mark:
            # a marked value has no interval either
            grenzen["ondergrens"] = grenzen["bovengrens"] = float("nan")
        p = numeriek[veld]
        records.append(
            {
                "bron": o.bron,
                "tabel": tabel_id,
                "veld": veld,
                "gebied": gebied,
                "gebied_niveau": gebied_niveau(gebied),
                "gebied_naam": titels[geo["Key"]][gebied_sleutel],
                "leeftijd": lft,
                "jaar": jaar,
                "waarde": waarde,
                "ondergrens": grenzen["ondergrens"],
                "bovengrens": grenzen["bovengrens"],
                "markering": mark,
                "eenheid": str(p.get("Unit") or "").strip(),
                "demo": o.sidecar.demo,
                "bestand": bestand.name,
                "_rij": rij_w,
                "_rij_ondergrens": grenzen["_rij_ondergrens"],
                "_rij_bovengrens": grenzen["_rij_bovengrens"],
                "_kolom_waarde": veld,
                "_kolom_ondergrens": veld,
                "_kolom_bovengrens": veld,
            }
        )
    if not records:
        raise InvoerFout(bestand, "geen numerieke onderwerpen in de dataset", sleutel=dataset)
    df = pd.DataFrame.from_records(records)
    return valideer_metingen(df, bestand, o.kolomnamen, sleutel=dataset)

"""Format detection and reading of a whole monitor directory."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor import csvregels
from evaluatie.ingest.monitor.bron import (
    SIDECAR_SUFFIX,
    decodeer,
    detecteer_scheiding,
    laad_json,
    lees_csv_rijen,
    lees_sidecar,
    map_sha256,
    met_meldingen,
    sidecar_pad,
)
from evaluatie.ingest.monitor.odata import is_bundel, lees_odata, lees_odata_bestand
from evaluatie.ingest.monitor.schema import METINGEN_KOLOMMEN, SLEUTEL, lege_metingen, sorteer
from evaluatie.ingest.monitor.sjabloon import lees_sjabloon, lijkt_sjabloon
from evaluatie.ingest.monitor.sleutels import (
    is_eindpunt,
    is_parquet_map,
    laad_parquet_map,
    lees_eindpunt,
    lees_portaal_csv,
    lijkt_sleutelkop,
)

GEEN_MEETBESTAND = ("koppeling.yaml", "README.md", ".gitignore", "PROVENANCE.txt")


def max_bytes() -> int:
    """Largest monitor file read (default 200 MB, ``EVALUATIE_MAX_MB``).

    A snapshot fetched by ``evaluatie ophalen`` holds only Nederland, one municipality and
    its districts and stays far below this. A full national download of all
    neighbourhoods is larger (the national benchmark file, one age group, is ~233 MB) and
    needs ``EVALUATIE_MAX_MB`` set explicitly.
    """
    import os

    try:
        return int(float(os.environ.get("EVALUATIE_MAX_MB", "200")) * 1e6)
    except ValueError:
        return int(200e6)


def formaat(pad: Path) -> str:
    """'odata' (bundle file, endpoint response or snapshot directory as cbsodata.download_data
    writes it), 'parquet' (one parquet per endpoint), 'portaal' (the open-data portal's
    ``<ID>_TypedDataSet_*.csv``), 'sjabloon' or 'statline'.

    Raises InvoerFout for empty files and unrecognised content.
    """
    try:
        return _herken(Path(pad))[0]
    finally:
        csvregels.vergeet()


def _herken(pad: Path) -> tuple[str, str | None]:
    """(format, decoded text) — the text (None for a directory) so that
    :func:`lees_bestand` reads and decodes a file once, not once to recognise it and
    again to parse it. Same checks and errors as :func:`formaat`."""
    if pad.is_dir():
        if (pad / "DataProperties.json").exists():
            return "odata", None
        if is_parquet_map(pad):
            return "parquet", None
        raise InvoerFout(pad, "map is geen CBS-OData-snapshot (DataProperties.json of *_DataProperties.parquet "
                              "ontbreekt; verwacht een map zoals cbsodata.download_data die schrijft)")
    if not pad.exists():
        raise InvoerFout(pad, "bestand bestaat niet")
    if pad.name.endswith(SIDECAR_SUFFIX) or pad.name in GEEN_MEETBESTAND:
        raise InvoerFout(pad, "dit is een begeleidend bestand, geen meetbestand")
    if pad.suffix.lower() == ".parquet":
        # before decoding: a binary file would otherwise be refused as text with unreadable characters
        if is_parquet_map(pad.parent):
            raise InvoerFout(pad, "één parquet-bestand van een CBS-tabel is niet te lezen zonder de andere: "
                                  f"geef de map {pad.parent} (met *_DataProperties.parquet en de dimensietabellen)")
        raise InvoerFout(pad, "formaat niet ondersteund: sla het op als CSV (StatLine-CSV of evaluatie-sjabloon), "
                              "of geef een map met één parquet-bestand per CBS-onderdeel")
    grens = max_bytes()
    if pad.stat().st_size > grens:
        raise InvoerFout(pad, f"bestand is te groot ({pad.stat().st_size / 1e6:.0f} MB; de grens is "
                              f"{grens / 1e6:.0f} MB, in te stellen met EVALUATIE_MAX_MB)")
    tekst = decodeer(pad.read_bytes(), pad)
    # only the start of the text is looked at (lstrip returns the text itself when it
    # starts without white space, so this costs nothing for a large snapshot)
    if tekst.lstrip().startswith(("{", "[")) or pad.suffix.lower() == ".json":
        return "odata", tekst
    if pad.suffix.lower() in (".xlsx", ".xls", ".ods", ".parquet"):
        raise InvoerFout(pad, "formaat niet ondersteund: sla het op als CSV (StatLine-CSV of evaluatie-sjabloon)")
    cr = csvregels.regels_van(tekst)
    if cr is not None and cr.langste <= 131_072:
        # a simple CSV text whose lines (bytes >= characters) are all short enough: no line
        # that str.splitlines cuts can be longer; only the first non-blank line is needed
        kop = csvregels.eerste_gevulde_regel(tekst)
    else:
        for nummer, regel in enumerate(tekst.splitlines()):
            if len(regel) > 131_072:  # the csv module's field limit; no real monitor row comes near it
                raise InvoerFout(pad, f"regel {nummer + 1} is te lang ({len(regel)} tekens): een cel van meer "
                                      "dan 131.072 tekens past niet in een monitorbestand", rij=nummer)
        kop = next((r for r in tekst.splitlines() if r.strip()), "")
    if kop.count("|") >= 2 and (lijkt_sjabloon([c.strip().strip('"') for c in kop.split("|")]) or
                                kop.count("|") > max(kop.count(";"), kop.count(","))):
        raise InvoerFout(pad, "scheidingsteken '|' wordt niet ondersteund: gebruik ';' of ','", rij=1,
                         kolom=kop[:60])
    scheiding = detecteer_scheiding(tekst)
    if scheiding is not None:
        if cr is not None:  # a simple text: only its first non-blank line, not all rows
            eerste = csvregels.eerste_rij(cr, scheiding)
            rijen = [eerste[1]] if eerste else []
        else:
            rijen = [r for r in lees_csv_rijen(tekst, scheiding) if r]
        if rijen and lijkt_sjabloon(rijen[0]):
            return "sjabloon", tekst
        if rijen and scheiding == ";" and lijkt_sleutelkop(rijen[0]):
            return "portaal", tekst
        return "statline", tekst
    # one column only: a template written with another separator, or nothing we know
    eerste = next((r for r in tekst.splitlines() if r.strip()), "")
    if eerste.count("|") >= 2:
        raise InvoerFout(pad, "scheidingsteken '|' wordt niet ondersteund: gebruik ';' of ','", rij=1,
                         kolom=eerste[:60])
    raise InvoerFout(
        pad,
        "scheidingsteken niet herkend: het bestand heeft maar één kolom; "
        "gebruik ';' of ',' (StatLine-CSV of evaluatie-sjabloon)",
        rij=None,
        kolom=eerste.strip()[:60],
    )


def lees_bestand(pad: Path, *, tabel: str | None = None, jaar: int | None = None) -> pd.DataFrame:
    """Read one monitor file into the validated, sorted ``metingen`` table.

    Detects the format (see :func:`formaat`): CBS OData snapshot (our JSON bundle, a single
    saved endpoint response, a directory as ``cbsodata.download_data`` writes it, or one
    parquet per endpoint), the portal's ``<ID>_TypedDataSet_*.csv``, a StatLine CSV download,
    or the evaluatie-sjabloon CSV; reads the sidecar ``<file>.bron.yaml`` (``demo: true``
    marks VOORBEELDDATA). ``tabel``/``jaar``: what the file cannot say (``--tabel``,
    ``--jaar``). Notes (skipped rows, where a year came from) are in
    ``df.attrs["meldingen"]``. Bad input raises :class:`~evaluatie.gedeeld.fouten.InvoerFout`
    naming file, row (1-based data row) and column.
    """
    try:
        return _lees_bestand(Path(pad), tabel, jaar)
    finally:
        csvregels.vergeet()


def _lees_bestand(pad: Path, tabel: str | None, jaar: int | None) -> pd.DataFrame:
    from evaluatie.ingest.monitor.statline import lees_statline_csv

    soort, tekst = _herken(pad)
    _controleer_sha256(pad)
    if soort == "parquet":
        # the bundle is ours, as for a JSON bundle: its rows are dropped once they are in a frame
        # (the national KWB table: ~2 million Python objects) and loaded again only if the
        # per-cell reader needs them for an exact error message
        return lees_odata_bestand(laad_parquet_map(pad), pad, lees_sidecar(pad), lambda: laad_parquet_map(pad),
                                  tabel=tabel, jaar=jaar)
    if soort == "portaal":
        return lees_portaal_csv(pad, tekst, lees_sidecar(pad), tabel=tabel, jaar=jaar)
    if soort == "odata":
        if pad.is_dir():
            return lees_odata(pad, tabel=tabel, jaar=jaar)
        inhoud = laad_json(tekst, pad)
        del tekst  # a national snapshot: ~230 MB of text no longer needed
        if is_eindpunt(inhoud):
            return lees_eindpunt(pad, inhoud, lees_sidecar(pad), tabel=tabel, jaar=jaar)
        if not is_bundel(inhoud):
            raise InvoerFout(
                pad,
                "JSON zonder 'DataProperties': geen CBS-OData-snapshot "
                "(verwacht een bundel met DataProperties, dimensietabellen en TypedDataSet)",
            )
        # the bundle is ours: the reader may drop its rows early (and load the file again
        # only if it needs them for an exact error message)
        return lees_odata_bestand(inhoud, pad, lees_sidecar(pad), lambda: laad_json(decodeer(pad.read_bytes(), pad), pad),
                                  tabel=tabel, jaar=jaar)
    if soort == "sjabloon":
        return lees_sjabloon(pad, tekst)
    return lees_statline_csv(pad, tabel=tabel, tekst=tekst)


def _controleer_sha256(pad: Path) -> None:
    """A sidecar written by ``ophalen`` records the sha256 of the file; a file
    changed afterwards (or a half-finished replacement) is refused."""
    if not pad.exists():
        return
    verwacht = lees_sidecar(pad).inhoud.get("sha256")
    if not verwacht:
        return
    werkelijk = map_sha256(pad) if pad.is_dir() else hashlib.sha256(pad.read_bytes()).hexdigest()
    if str(verwacht).strip().lower() != werkelijk:
        raise InvoerFout(
            sidecar_pad(pad),
            f"sha256 van {pad.name} klopt niet met de sidecar: het bestand is na het ophalen "
            "gewijzigd; haal het opnieuw op of verwijder 'sha256' uit de sidecar",
            sleutel="sha256",
        )


def _is_kandidaat(pad: Path) -> bool:
    naam = pad.name
    if naam.startswith(".") or naam.endswith(SIDECAR_SUFFIX) or naam in GEEN_MEETBESTAND:
        return False
    if pad.is_dir():
        return (pad / "DataProperties.json").exists() or is_parquet_map(pad)
    return pad.suffix.lower() in (".json", ".csv", ".txt")


def lees_monitor_map(map: Path, *extra: Path) -> pd.DataFrame:
    """Read every supported file in ``map`` and in each of the ``extra`` folders (not recursive; snapshot
    directories count as one file), skipping sidecars, koppeling.yaml, ``*.dvc`` and hidden files.
    Concatenates, refuses the same measurement in two files (naming both), sorts.

    Returns the metingen table (``METINGEN_KOLOMMEN``); ``attrs["meldingen"]`` lists skipped rows.

    Raises
    ------
    InvoerFout
        A folder that does not exist, no measurement file in ``map`` and ``extra`` together, a file the
        readers refuse, or one measurement (``SLEUTEL``) in two files.
    """
    mappen = [Path(map), *(Path(m) for m in extra)]
    for m in mappen:
        if not m.is_dir():
            raise InvoerFout(m, "map bestaat niet")
    delen = []
    paden: dict[str, Path] = {}
    meldingen: list[str] = []
    for m in mappen:
        for pad in sorted(m.iterdir()):
            if _is_kandidaat(pad):
                if pad.name in paden:
                    raise InvoerFout(pad, f"een bestand met deze naam staat ook in {paden[pad.name].parent}; "
                                          "een levering hoort in één monitormap")
                paden[pad.name] = pad
                delen.append(lees_bestand(pad))
                meldingen += delen[-1].attrs.get("meldingen", [])
    if not delen:
        raise InvoerFout(mappen[0], "geen meetbestanden gevonden (verwacht .json-snapshots of .csv)")
    if len(delen) == 1:
        # lees_bestand already returns exactly this: every reader ends in
        # valideer_metingen (metingen columns, unique SLEUTEL, sorted by sorteer), so a
        # duplicate check and a second sort of one file change nothing (~0.7 s nationally)
        return delen[0]
    df = pd.concat(delen, ignore_index=True)
    df.attrs = {}
    dubbel = df[df.duplicated(SLEUTEL, keep=False)]
    if len(dubbel):
        eerste = dubbel.iloc[0]
        zelfde = dubbel[(dubbel[SLEUTEL] == eerste[SLEUTEL]).all(axis=1)]
        bestanden = sorted(set(zelfde["bestand"]))
        raise InvoerFout(
            paden.get(bestanden[-1], mappen[0] / bestanden[-1]),
            f"dezelfde meting staat ook in {bestanden[0]}: tabel {eerste['tabel']}, veld {eerste['veld']}, "
            f"gebied {eerste['gebied']}, leeftijd '{eerste['leeftijd']}', jaar {eerste['jaar']} "
            "(verwijder het voorbeeldbestand of de dubbele levering)",
            kolom="veld",
        )
    return met_meldingen(sorteer(df[METINGEN_KOLOMMEN]), meldingen)


def naar_csv(df: pd.DataFrame) -> str:
    """Metingen as CSV text for ``evaluatie inlezen --uit``: comma separated,
    decimal point, UTF-8, '\\n' line ends, empty cell for NaN, columns in
    contract order. Deterministic."""
    if df is None or len(df) == 0:
        df = lege_metingen()
    buf = io.StringIO()
    df[METINGEN_KOLOMMEN].to_csv(buf, index=False, lineterminator="\n", float_format="%.10g")
    return buf.getvalue()

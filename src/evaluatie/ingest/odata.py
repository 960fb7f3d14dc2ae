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
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from evaluatie.fouten import InvoerFout
from evaluatie.ingest.common import Sidecar, classificeer_marge, getal, lees_sidecar, marker, parse_periode
from evaluatie.ingest.schema import gebied_niveau, valideer_metingen

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
            try:
                bundel[f.stem] = json.loads(f.read_text(encoding="utf-8-sig"))
            except json.JSONDecodeError as e:
                raise InvoerFout(f, f"geen geldige JSON: {e.msg}", rij=e.lineno) from None
        if "DataProperties" not in bundel:
            raise InvoerFout(pad, "map bevat geen DataProperties.json: geen CBS-OData-snapshot")
        return bundel
    tekst = pad.read_bytes()
    if not tekst.strip():
        raise InvoerFout(pad, "het bestand is leeg")
    try:
        bundel = json.loads(tekst.decode("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InvoerFout(pad, f"geen geldige JSON: {e}") from None
    if not is_bundel(bundel):
        raise InvoerFout(
            pad,
            "JSON zonder 'DataProperties': geen CBS-OData-snapshot "
            "(verwacht een bundel met DataProperties, dimensietabellen en TypedDataSet)",
        )
    return bundel


def lees_odata(pad: Path) -> pd.DataFrame:
    """Read an OData snapshot (bundle file or directory) into metingen rows."""
    pad = Path(pad)
    bundel = laad_snapshot(pad)
    return lees_odata_bundel(bundel, pad, lees_sidecar(pad))


def _waarden(bundel: Mapping[str, Any], naam: str, bestand: Path) -> list[dict]:
    antwoord = bundel[naam]
    if isinstance(antwoord, dict):
        antwoord = antwoord.get("value")
    if not isinstance(antwoord, list) or not all(isinstance(r, dict) for r in antwoord):
        raise InvoerFout(bestand, "verwacht een lijst rijen onder 'value'", sleutel=naam)
    return antwoord


def lees_odata_bundel(
    bundel: Mapping[str, Any], pad: Path, sidecar: Sidecar | None = None
) -> pd.DataFrame:
    """Turn a loaded snapshot into validated metingen rows (see module docstring)."""
    sidecar = sidecar or Sidecar()
    bestand = Path(pad)
    eigenschappen = _waarden(bundel, "DataProperties", bestand)
    for i, p in enumerate(eigenschappen, start=1):
        if "Key" not in p or "Type" not in p:
            raise InvoerFout(bestand, "DataProperties-regel zonder Key of Type", rij=i, sleutel="DataProperties")

    dimensies = [p for p in eigenschappen if p["Type"] in DIMENSIE_TYPES]
    onderwerpen = {p["Key"]: p for p in eigenschappen if p["Type"] in ("Topic", "GeoDetail")}
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

    def enige(soort: str, omschrijving: str) -> dict:
        kandidaten = [d for d in dimensies if d["Type"] == soort]
        if len(kandidaten) != 1:
            raise InvoerFout(
                bestand,
                f"verwacht precies één {omschrijving} in DataProperties, gevonden {len(kandidaten)}",
                sleutel="DataProperties",
            )
        return kandidaten[0]

    tijd = enige("TimeDimension", "tijddimensie (Perioden)")
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
    ongetypeerd = dataset == "UntypedDataSet"

    # table id and source
    info = {}
    if "TableInfos" in bundel:
        ti = _waarden(bundel, "TableInfos", bestand)
        info = ti[0] if ti else {}
    tabel_id = sidecar.tabel or info.get("Identifier") or bundel.get("tabel")
    if not tabel_id:
        m = _TABEL_ID.search(bestand.name)
        tabel_id = m.group(1) if m else None
    if not tabel_id:
        raise InvoerFout(bestand, "tabel-id onbekend: geen TableInfos en niet af te leiden uit de naam")
    tabel_id = str(tabel_id).strip().upper()
    bron = sidecar.bron or str(info.get("Catalog") or "").strip() or "CBS"

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
    for nr, rij in enumerate(rijen, start=1):
        for k in rij:
            if k not in bekend:
                raise InvoerFout(
                    bestand,
                    f"veld '{k}' staat niet in DataProperties van {tabel_id}",
                    rij=nr,
                    kolom=k,
                    sleutel=dataset,
                )
        periode = dim_waarde(rij, tijd, nr)
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
        gebied = gebied_sleutel.strip()
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
        m = marker(ruw)
        if m is not None:
            return float("nan"), m
        if isinstance(ruw, bool):
            ruw = str(ruw)
        if isinstance(ruw, (int, float)):
            return float(ruw), ""
        g = getal(str(ruw), ".")
        if g is None:
            raise InvoerFout(
                bestand,
                f"'{str(ruw).strip()}' is geen getal en geen CBS-symbool (., x, -, ?)",
                rij=nr,
                kolom=veld,
                sleutel=dataset,
            )
        return g, ""

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
                "bron": bron,
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
                "demo": sidecar.demo,
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
    kolomnamen = {"gebied": geo["Key"], "jaar": tijd["Key"], "gebied_niveau": geo["Key"]}
    if leeftijd:
        kolomnamen["leeftijd"] = leeftijd["Key"]
    return valideer_metingen(df, bestand, kolomnamen, sleutel=dataset)

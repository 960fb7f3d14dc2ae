"""Fetch monitor tables from the CBS OData v3 API into snapshot bundles.

:func:`ophalen` downloads, per table, ``TableInfos``, ``DataProperties``, every
dimension table and the data set filtered on the area dimension (Nederland,
the municipality and its districts), checks the result with the same reader
that reads the snapshot later, and only then writes ``<uitmap>/<tabel>.json``
(bundle format, see :mod:`evaluatie.ingest.monitor.odata`) and its sidecar
``<tabel>.json.bron.yaml`` (url, tabel, opgehaald_op in UTC, sha256,
``demo: false``), both atomically. A fetched file simply replaces the demo file
of the same name.

CBS's own tables live on ``opendata.cbs.nl``; tables of third parties such as
RIVM table 50120NED live on ``dataderden.cbs.nl``. The base URL is taken from
``basis_urls``, else from ``koppeling.yaml`` in ``uitmap`` (``tabellen.<id>.basis_url``),
else both hosts are tried in that order.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from evaluatie.gedeeld.bestanden import schrijf_bytes, schrijf_tekst
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor.bron import Sidecar, sidecar_pad
from evaluatie.ingest.monitor.odata import DIMENSIE_TYPES, lees_odata_bundel

OPENDATA = "https://opendata.cbs.nl/ODataApi/odata"
DATADERDEN = "https://dataderden.cbs.nl/ODataApi/odata"
GEBRUIKER = "evaluatie (reproduceerbare beleidsevaluatie; https://opendata.cbs.nl)"


class OphaalFout(InvoerFout):
    """Fetching failed: no connection, HTTP error, or an unusable answer.
    ``bestand`` is the URL."""


def _verbindingsfout(url: str, fout: Exception) -> OphaalFout:
    soort = "time-out" if "Timeout" in type(fout).__name__ else "verbindingsfout"
    return OphaalFout(
        url,
        f"Geen verbinding met CBS ({soort}): controleer de internetverbinding of probeer het later "
        "opnieuw. Zonder verbinding draait de keten verder op de bestanden in data/raw/monitor "
        "(voorbeelddata zolang er niets is opgehaald).",
    )


def _get_json(sessie, url: str, timeout: float) -> tuple[int, Any]:
    import requests

    try:
        antwoord = sessie.get(url, timeout=timeout, headers={"Accept": "application/json"})
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as e:
        raise _verbindingsfout(url, e) from None
    if antwoord.status_code == 404:
        return 404, None
    if antwoord.status_code >= 400:
        raise OphaalFout(url, f"CBS antwoordde met HTTP {antwoord.status_code}")
    try:
        return antwoord.status_code, antwoord.json()
    except ValueError:
        raise OphaalFout(url, "antwoord is geen JSON") from None


def _haal_alles(sessie, url: str, timeout: float) -> dict[str, Any]:
    """GET an OData collection, following ``odata.nextLink`` pages."""
    status, eerste = _get_json(sessie, url, timeout)
    if status == 404:
        raise OphaalFout(url, "niet gevonden (HTTP 404)")
    if not isinstance(eerste, dict) or not isinstance(eerste.get("value"), list):
        raise OphaalFout(url, "antwoord zonder 'value'-lijst")
    rijen = list(eerste["value"])
    volgende = eerste.get("odata.nextLink")
    gezien = {url}
    while volgende:
        if volgende in gezien:
            raise OphaalFout(volgende, "odata.nextLink verwijst naar een al opgehaalde pagina")
        gezien.add(volgende)
        status, pagina = _get_json(sessie, volgende, timeout)
        if status == 404 or not isinstance(pagina, dict) or not isinstance(pagina.get("value"), list):
            raise OphaalFout(volgende, "vervolgpagina onbruikbaar")
        rijen.extend(pagina["value"])
        volgende = pagina.get("odata.nextLink")
    uit = {k: v for k, v in eerste.items() if k not in ("value", "odata.nextLink")}
    uit["value"] = rijen
    return uit


def _kandidaten(tabel: str, uitmap: Path, basis_urls: Mapping[str, str] | None) -> list[str]:
    if basis_urls and tabel in basis_urls:
        return [basis_urls[tabel].rstrip("/")]
    uit = []
    koppeling = uitmap / "koppeling.yaml"
    if koppeling.exists():
        try:
            inhoud = yaml.safe_load(koppeling.read_text(encoding="utf-8")) or {}
            basis = ((inhoud.get("tabellen") or {}).get(tabel) or {}).get("basis_url")
            if basis:
                uit.append(str(basis).rstrip("/"))
        except yaml.YAMLError:
            pass
    for host in (OPENDATA, DATADERDEN):
        kandidaat = f"{host}/{tabel}"
        if kandidaat.lower() not in {u.lower() for u in uit}:
            uit.append(kandidaat)
    return uit


def haal_tabel(
    tabel: str,
    gemeente_code: str,
    sessie,
    *,
    kandidaten: Iterable[str],
    dataset: str = "TypedDataSet",
    timeout: float = 60.0,
) -> dict[str, Any]:
    """Download one table as a snapshot bundle (in memory)."""
    basis = None
    for kandidaat in kandidaten:
        status, _ = _get_json(sessie, f"{kandidaat}/?$format=json", timeout)
        if status != 404:
            basis = kandidaat
            break
    if basis is None:
        raise OphaalFout(
            f"{OPENDATA}/{tabel}", f"tabel {tabel} niet gevonden op opendata.cbs.nl of dataderden.cbs.nl"
        )
    bundel: dict[str, Any] = {"bundel": "cbs-odata-v3", "tabel": tabel, "basis_url": basis}
    bundel["TableInfos"] = _haal_alles(sessie, f"{basis}/TableInfos?$format=json", timeout)
    bundel["DataProperties"] = _haal_alles(sessie, f"{basis}/DataProperties?$format=json", timeout)
    dimensies = [p for p in bundel["DataProperties"]["value"] if p.get("Type") in DIMENSIE_TYPES]
    geo = [d["Key"] for d in dimensies if d["Type"] == "GeoDimension"]
    if len(geo) != 1:
        raise OphaalFout(f"{basis}/DataProperties", f"verwacht één regiodimensie, gevonden {len(geo)}")
    geo_key = geo[0]
    for d in dimensies:
        bundel[d["Key"]] = _haal_alles(sessie, f"{basis}/{d['Key']}?$format=json", timeout)

    wijk_prefix = "WK" + gemeente_code[2:]
    gekozen = [
        item
        for item in bundel[geo_key]["value"]
        if str(item.get("Key", "")).strip() in ("NL01", gemeente_code)
        or str(item.get("Key", "")).strip().startswith(wijk_prefix)
    ]
    if not any(str(i["Key"]).strip() == gemeente_code for i in gekozen):
        raise OphaalFout(f"{basis}/{geo_key}", f"gemeente {gemeente_code} komt niet voor in tabel {tabel}")
    # keep only the areas asked for: the full listing of all districts and
    # neighbourhoods would make the snapshot large for no use
    bundel[geo_key]["value"] = gekozen
    filter_ = " or ".join(f"{geo_key} eq '{i['Key']}'" for i in gekozen)
    bundel["filter"] = filter_
    bundel[dataset] = _haal_alles(
        sessie, f"{basis}/{dataset}?$format=json&$filter={quote(filter_, safe='')}", timeout
    )
    return bundel


def ophalen(
    tabel_ids: Iterable[str],
    gemeente_code: str,
    uitmap: Path,
    sessie=None,
    *,
    basis_urls: Mapping[str, str] | None = None,
    dataset: str = "TypedDataSet",
    timeout: float = 60.0,
    nu: datetime | None = None,
) -> list[Path]:
    """Fetch ``tabel_ids`` for ``gemeente_code`` (plus NL01 and its districts)
    into ``uitmap``. Returns the written data files.

    Everything is downloaded and checked with the snapshot reader first; files
    are written only when all tables succeeded. No connection: :class:`OphaalFout`
    with "Geen verbinding met CBS ...".
    """
    import requests

    code = str(gemeente_code).strip().upper()
    if not re.match(r"^GM\d{4}$", code):
        raise InvoerFout(None, f"ongeldige gemeentecode '{gemeente_code}' (verwacht GMnnnn, bijv. GM0603)")
    if dataset not in ("TypedDataSet", "UntypedDataSet"):
        raise InvoerFout(None, "dataset moet TypedDataSet of UntypedDataSet zijn")
    uitmap = Path(uitmap)
    eigen_sessie = sessie is None
    if eigen_sessie:
        sessie = requests.Session()
        sessie.headers["User-Agent"] = GEBRUIKER
    tijd = (nu or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    klaar: list[tuple[Path, bytes, str]] = []
    try:
        for tabel in tabel_ids:
            tabel = str(tabel).strip().upper()
            bundel = haal_tabel(
                tabel, code, sessie, kandidaten=_kandidaten(tabel, uitmap, basis_urls),
                dataset=dataset, timeout=timeout,
            )
            pad = uitmap / f"{tabel}.json"
            info = (bundel["TableInfos"]["value"] or [{}])[0]
            bron = str(info.get("Catalog") or "").strip() or "CBS"
            lees_odata_bundel(bundel, pad, Sidecar(demo=False, bron=bron))  # refuse before writing
            data = (json.dumps(bundel, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
            sidecar = {
                "demo": False,
                "bron": bron,
                "tabel": tabel,
                "titel": str(info.get("Title") or ""),
                "url": f"{bundel['basis_url']}/{dataset}",
                "filter": bundel["filter"],
                "opgehaald_op": tijd,
                "sha256": hashlib.sha256(data).hexdigest(),
                "opmerking": "Echte gegevens, opgehaald met evaluatie ophalen (CBS OData v3).",
            }
            klaar.append((pad, data, yaml.safe_dump(sidecar, sort_keys=False, allow_unicode=True, width=100)))
    finally:
        if eigen_sessie:
            sessie.close()
    geschreven = []
    for pad, data, sidecar_tekst in klaar:
        schrijf_bytes(pad, data)
        schrijf_tekst(sidecar_pad(pad), sidecar_tekst)
        geschreven.append(pad)
    return geschreven


def dvc_add(pad: Path) -> str:
    """Run ``dvc add <pad>`` when ``pad`` lies in a DVC repository; otherwise
    skip. Returns a Dutch message saying what happened; raises OphaalFout when
    dvc fails."""
    pad = Path(pad).resolve()
    root = next((p for p in [pad.parent, *pad.parents] if (p / ".dvc").is_dir()), None)
    if root is None:
        return f"Geen DVC-repository gevonden boven {pad.parent}; 'dvc add' overgeslagen."
    melding = ""
    rel = str(pad.relative_to(root))
    in_git = subprocess.run(["git", "ls-files", "--error-unmatch", rel], cwd=root, capture_output=True,
                            check=False).returncode == 0
    if in_git:
        # a snapshot that git tracks (the shipped demo data): hand it over to DVC
        subprocess.run(["git", "rm", "--cached", "-q", rel], cwd=root, capture_output=True, check=True)
        melding = f"'{rel}' stond in git en is daar uitgehaald (git rm --cached); "
    proces = subprocess.run(
        [sys.executable, "-m", "dvc", "add", str(pad.relative_to(root))],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if proces.returncode != 0:
        raise OphaalFout(pad, f"'dvc add' mislukte: {(proces.stderr or proces.stdout).strip()[-500:]}")
    return f"{melding}'dvc add {rel}' uitgevoerd; leg de wijziging vast met git commit."

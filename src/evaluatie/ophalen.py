"""Fetch monitor tables from the CBS OData v3 API with ``cbsodata`` (pinned in requirements.lock).

:func:`ophalen` downloads, per table, every endpoint with :func:`cbsodata.download_data`
(TableInfos, DataProperties, each dimension table, the TypedDataSet; paging by
``odata.nextLink`` is cbsodata's), with the data set filtered on the region dimension:
Nederland (``NL01``/``NL00``), the municipality and its districts. It checks the result with the
reader that reads it later and only then writes the snapshot in the layout
``cbsodata.download_data(dir=...)`` writes — a directory ``<uitmap>/<tabel>/`` with one
``<Endpoint>.json`` (the list of rows) per endpoint — plus the sidecar ``<uitmap>/<tabel>.bron.yaml``
(url, catalogus, filters, opgehaald_op in UTC, sha256 of the directory, ``demo: false``).

* **Catalogs**: CBS's own tables live on ``opendata.cbs.nl``, third-party tables such as RIVM's
  50120NED on ``dataderden.cbs.nl``. The catalog comes from ``koppeling.yaml`` (``basis_url``) or
  is found by asking both (a 404 means: not in this catalog).
* **Short requests**: districts are selected by code prefix (``substringof('WK0603',
  WijkenEnBuurten)``), not one term per district; with ``per_gebied`` every key gets its own
  ``eq`` term and the terms are split over several requests. Either way no request URL is longer
  than :data:`MAX_URL` characters (a city with 99 districts would otherwise need ~5,200).
* **Refusals**: an HTTP error says that CBS refused the request, with status, reason and what it
  means (414: the URL is too long); only a failed connection says "controleer de
  internetverbinding".
* **Yearly periods only**: rows of quarters or months are dropped before writing and counted.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from evaluatie.gedeeld.bestanden import schrijf_tekst
from evaluatie.gedeeld.definities import NEDERLAND_CODES
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor.bron import Sidecar, is_deelperiode, map_sha256, opsomming, sidecar_pad

OPENDATA = "opendata.cbs.nl"
DATADERDEN = "dataderden.cbs.nl"
CATALOGI = (OPENDATA, DATADERDEN)
MAX_URL = 2000
"""Longest request URL sent (characters). 2,000 stays under the limits of common servers and
proxies (2,048 and up); CBS answered a ~5,200-character filter with an error."""
DATASET = "TypedDataSet"


class OphaalFout(InvoerFout):
    """Fetching failed: no connection, a refused request, or an unusable answer.
    ``bestand`` is the URL."""


def _tabel_url(host: str, tabel: str, eindpunt: str = "") -> str:
    """The URL cbsodata requests (its bulk feed, ``/ODataFeed/odata/``)."""
    return f"https://{host}/ODataFeed/odata/{tabel}/{eindpunt}"


def _dataset_url(host: str, tabel: str, filter_: str) -> str:
    import requests

    return requests.Request("GET", _tabel_url(host, tabel, DATASET),
                            params={"$format": "json", "$filter": filter_}).prepare().url


_UITLEG = {
    400: "het verzoek is ongeldig (bijv. een filter die de server niet begrijpt)",
    403: "geen toegang",
    404: "niet gevonden",
    414: "de URL is te lang",
    429: "te veel verzoeken; probeer het later opnieuw",
    500: "fout bij CBS; probeer het later opnieuw",
    503: "de dienst is tijdelijk niet beschikbaar; probeer het later opnieuw",
}


def _status(fout: Exception) -> tuple[int | None, str, str]:
    """(HTTP status, reason, URL) of a requests.HTTPError, also when cbsodata re-raised it."""
    for f in (fout, fout.__cause__, fout.__context__):
        antwoord = getattr(f, "response", None)
        if antwoord is not None:
            return antwoord.status_code, str(antwoord.reason or ""), str(antwoord.url or "")
    m = re.search(r"(\d{3}) (Client|Server) Error: (.*?) for url: (\S+)", str(fout))
    if m:
        return int(m.group(1)), m.group(3), m.group(4)
    return None, "", ""


def _vertaal(fout: Exception, url: str) -> OphaalFout:
    """A requests/cbsodata exception as a Dutch OphaalFout."""
    import requests

    if isinstance(fout, (requests.exceptions.ConnectionError, requests.exceptions.Timeout)):
        soort = "time-out" if isinstance(fout, requests.exceptions.Timeout) else "verbindingsfout"
        return OphaalFout(
            url,
            f"Geen verbinding met CBS ({soort}): controleer de internetverbinding of probeer het later "
            "opnieuw. Zonder verbinding draait de keten verder op de bestanden in data/raw/monitor "
            "(voorbeelddata zolang er niets is opgehaald).",
        )
    status, reden, adres = _status(fout)
    if status is not None:
        uitleg = _UITLEG.get(status, "")
        lengte = f"; de URL telde {len(adres or url)} tekens" if status in (400, 414) else ""
        raad = ("; probeer 'evaluatie ophalen --per-gebied' (één filterterm per gebied in plaats van "
                "substringof)" if status == 400 and "substringof" in (adres or url) else "")
        return OphaalFout(adres or url, f"CBS weigerde het verzoek (HTTP {status} {reden}"
                                        f"{': ' + uitleg if uitleg else ''}{lengte}){raad}")
    return OphaalFout(url, f"antwoord van CBS onbruikbaar ({type(fout).__name__}: {str(fout)[:200]})")


def _catalogus(tabel: str, uitmap: Path, catalogi: Mapping[str, str] | None) -> list[str]:
    """Hosts to try for ``tabel``: the given one, the host of ``basis_url`` in koppeling.yaml,
    then opendata.cbs.nl and dataderden.cbs.nl."""
    if catalogi and tabel in catalogi:
        return [catalogi[tabel]]
    uit: list[str] = []
    koppeling = uitmap / "koppeling.yaml"
    if koppeling.exists():
        from evaluatie.gedeeld.yaml_lezer import lees_yaml

        basis = ((lees_yaml(koppeling).data.get("tabellen") or {}).get(tabel) or {}).get("basis_url")
        if basis:
            uit.append(urlparse(str(basis)).netloc.lower())
    return uit + [h for h in CATALOGI if h not in uit]


def filters(geo_key: str, sleutels: list[str], gemeente_code: str, *, per_gebied: bool = False,
            max_url: int = MAX_URL, host: str = OPENDATA, tabel: str = "TABEL") -> list[str]:
    """OData ``$filter`` strings selecting ``sleutels`` (keys of the region dimension, as the
    dimension table writes them, possibly padded), each request URL at most ``max_url`` long.

    Default: Nederland and the municipality by ``eq``, its districts by one prefix term
    ``substringof('WKnnnn',<geo_key>)``. ``per_gebied``: one ``eq`` term per key, split over as
    many filters as needed. Raises OphaalFout when one term alone is too long."""
    wijk = "WK" + gemeente_code[2:]
    wijken = [k for k in sleutels if k.strip().startswith(wijk)]
    overig = [k for k in sleutels if k not in wijken]
    termen = [f"{geo_key} eq '{k}'" for k in (sleutels if per_gebied else overig)]
    if wijken and not per_gebied:
        termen.append(f"substringof('{wijk}',{geo_key})")
    uit: list[str] = []
    huidig: list[str] = []
    for term in termen:
        kandidaat = " or ".join(huidig + [term])
        if huidig and len(_dataset_url(host, tabel, kandidaat)) > max_url:
            uit.append(" or ".join(huidig))
            huidig = [term]
        else:
            huidig.append(term)
        if len(_dataset_url(host, tabel, " or ".join(huidig))) > max_url:
            raise OphaalFout(_tabel_url(host, tabel, DATASET), f"filterterm te lang voor één verzoek: {term}")
    if huidig:
        uit.append(" or ".join(huidig))
    return uit


def haal_tabel(tabel: str, gemeente_code: str, hosts: Iterable[str], *, per_gebied: bool = False,
               max_url: int = MAX_URL, timeout: float = 60.0) -> tuple[dict[str, list], dict[str, Any], list[str]]:
    """Download one table with cbsodata (in memory). Returns ({endpoint: rows}, facts for the
    sidecar, Dutch notes). Raises OphaalFout (not found in any catalog, refused, no connection)."""
    import cbsodata
    import requests

    host = None
    for kandidaat in hosts:
        try:
            cbsodata.get_info(tabel, catalog_url=kandidaat, timeout=timeout)
        except requests.HTTPError as e:
            if _status(e)[0] == 404:
                continue
            raise _vertaal(e, _tabel_url(kandidaat, tabel, "TableInfos")) from None
        except requests.RequestException as e:
            raise _vertaal(e, _tabel_url(kandidaat, tabel, "TableInfos")) from None
        host = kandidaat
        break
    if host is None:
        raise OphaalFout(_tabel_url(OPENDATA, tabel), f"tabel {tabel} niet gevonden op {' of '.join(hosts)}")
    try:
        eigenschappen = cbsodata.get_meta(tabel, "DataProperties", catalog_url=host, timeout=timeout)
        geo = [p["Key"] for p in eigenschappen if p.get("Type") == "GeoDimension"] or \
              [p["Key"] for p in eigenschappen if p.get("Type") == "GeoDetail" and p.get("ParentID") in (None, "")]
        if len(geo) != 1:
            raise OphaalFout(_tabel_url(host, tabel, "DataProperties"),
                             f"verwacht één regiodimensie, gevonden {len(geo)}")
        geo_key = geo[0]
        gebieden = cbsodata.get_meta(tabel, geo_key, catalog_url=host, timeout=timeout)
    except requests.RequestException as e:
        raise _vertaal(e, _tabel_url(host, tabel)) from None
    wijk = "WK" + gemeente_code[2:]
    gekozen = [g for g in gebieden if str(g.get("Key", "")).strip() in (*NEDERLAND_CODES, gemeente_code)
               or str(g.get("Key", "")).strip().startswith(wijk)]
    if not any(str(g["Key"]).strip() == gemeente_code for g in gekozen):
        raise OphaalFout(_tabel_url(host, tabel, geo_key), f"gemeente {gemeente_code} komt niet voor in tabel {tabel}")
    sleutels = [str(g["Key"]) for g in gekozen]
    delen = filters(geo_key, sleutels, gemeente_code, per_gebied=per_gebied, max_url=max_url, host=host, tabel=tabel)

    data: dict[str, list] = {}
    rijen: dict[Any, dict] = {}
    dataset = DATASET
    for f in delen:
        try:
            deel = cbsodata.download_data(tabel, typed=True, filters=f, catalog_url=host, timeout=timeout)
        except requests.RequestException as e:
            raise _vertaal(e, _dataset_url(host, tabel, f)) from None
        # cbsodata 1.3.5 drops the named data set from its endpoint list and downloads the other
        # one (typed=True yields UntypedDataSet); both are read the same way, so keep what came
        dataset = next((n for n in ("TypedDataSet", "UntypedDataSet") if n in deel), DATASET)
        for r in deel.pop(dataset, []):
            rijen.setdefault(r.get("ID", len(rijen)), r)
        data = data or deel
    data[geo_key] = [g for g in data.get(geo_key, gebieden) if str(g.get("Key")) in set(sleutels)]
    meldingen: list[str] = []
    tijd = [p["Key"] for p in eigenschappen if p.get("Type") == "TimeDimension"]
    alles = sorted(rijen.values(), key=lambda r: (r.get("ID") is None, r.get("ID")))
    if tijd:
        weg = [r for r in alles if is_deelperiode(str(r.get(tijd[0], "")))]
        if weg:
            perioden = sorted({str(r[tijd[0]]).strip() for r in weg})
            meldingen.append(f"{tabel}: {len(weg)} rijen van kwartalen of maanden niet opgeslagen "
                             f"({opsomming(perioden)}); alleen jaarcijfers")
            alles = [r for r in alles if not is_deelperiode(str(r.get(tijd[0], "")))]
            data[tijd[0]] = [p for p in data.get(tijd[0], []) if not is_deelperiode(str(p.get("Key", "")))]
        if not alles:
            raise OphaalFout(_tabel_url(host, tabel, dataset), f"tabel {tabel} heeft geen jaarcijfers voor "
                                                              f"{gemeente_code}; er is niets opgeslagen")
    data[dataset] = alles
    info = (data.get("TableInfos") or [{}])[0]
    feiten = {
        "catalogus": host,
        "url": _tabel_url(host, tabel, dataset),
        "filter": delen[0] if len(delen) == 1 else delen,
        "titel": str(info.get("Title") or ""),
        "bron": str(info.get("Catalog") or "").strip() or "CBS",
    }
    return data, feiten, meldingen


def _json(rijen: list) -> str:
    """One endpoint as cbsodata.download_data saves it (``json.dump(data, f, indent=2)``)."""
    return json.dumps(rijen, indent=2)


def schrijf_snapshot(map_: Path, data: Mapping[str, list]) -> None:
    """Write ``{endpoint: rows}`` as the directory ``map_`` (one ``<Endpoint>.json`` each),
    replacing an existing one only after the new one is complete."""
    tijdelijk = map_.with_name(f".{map_.name}.nieuw")
    if tijdelijk.exists():
        shutil.rmtree(tijdelijk)
    tijdelijk.mkdir(parents=True)
    for naam in sorted(data):
        (tijdelijk / f"{naam}.json").write_text(_json(data[naam]), encoding="utf-8")
    oud = map_.with_name(f".{map_.name}.oud")
    if oud.exists():
        shutil.rmtree(oud)
    if map_.exists():
        map_.rename(oud)
    tijdelijk.rename(map_)
    if oud.exists():
        shutil.rmtree(oud)


def ophalen(
    tabel_ids: Iterable[str],
    gemeente_code: str,
    uitmap: Path,
    *,
    catalogi: Mapping[str, str] | None = None,
    per_gebied: bool = False,
    max_url: int = MAX_URL,
    timeout: float = 60.0,
    nu: datetime | None = None,
    meldingen: list[str] | None = None,
) -> list[Path]:
    """Fetch ``tabel_ids`` for ``gemeente_code`` (plus Nederland and its districts) into
    ``uitmap``; returns the written snapshot directories.

    Everything is downloaded and checked with the snapshot reader first; files are written only
    when all tables succeeded. An older bundle ``<tabel>.json`` (and its sidecar) of the same
    table is removed, since the directory replaces it. Notes (skipped quarters) are appended to
    ``meldingen``. Raises OphaalFout / InvoerFout.
    """
    from evaluatie.ingest.monitor.odata import lees_odata_bundel

    code = str(gemeente_code).strip().upper()
    if not re.match(r"^GM\d{4}$", code):
        raise InvoerFout(None, f"ongeldige gemeentecode '{gemeente_code}' (verwacht GMnnnn, bijv. GM0603)")
    uitmap = Path(uitmap)
    tijd = (nu or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    klaar = []
    for tabel in tabel_ids:
        tabel = str(tabel).strip().upper()
        data, feiten, notities = haal_tabel(tabel, code, _catalogus(tabel, uitmap, catalogi),
                                            per_gebied=per_gebied, max_url=max_url, timeout=timeout)
        doel = uitmap / tabel
        lees_odata_bundel(dict(data), doel, Sidecar(demo=False, bron=feiten["bron"]))  # refuse before writing
        klaar.append((tabel, doel, data, feiten))
        if meldingen is not None:
            meldingen.extend(notities)
    import yaml

    geschreven = []
    for tabel, doel, data, feiten in klaar:
        schrijf_snapshot(doel, data)
        for oud in (uitmap / f"{tabel}.json", sidecar_pad(uitmap / f"{tabel}.json")):
            if oud.exists():
                oud.unlink()
                if meldingen is not None:
                    meldingen.append(f"{oud.name} verwijderd: vervangen door de map {tabel}/")
        sidecar = {
            "demo": False,
            "bron": feiten["bron"],
            "tabel": tabel,
            "titel": feiten["titel"],
            "url": feiten["url"],
            "filter": feiten["filter"],
            "opgehaald_op": tijd,
            "sha256": map_sha256(doel),
            "opmerking": f"Echte gegevens, opgehaald met evaluatie ophalen (cbsodata, catalogus {feiten['catalogus']}).",
        }
        schrijf_tekst(sidecar_pad(doel), yaml.safe_dump(sidecar, sort_keys=False, allow_unicode=True, width=100))
        geschreven.append(doel)
    return geschreven


def dvc_add(pad: Path) -> str:
    """Run ``dvc add <pad>`` (a snapshot file or directory) when ``pad`` lies in a DVC repository;
    otherwise skip. Returns a Dutch message saying what happened; raises OphaalFout when dvc fails."""
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
        subprocess.run(["git", "rm", "-r", "--cached", "-q", rel], cwd=root, capture_output=True, check=True)
        melding = f"'{rel}' stond in git en is daar uitgehaald (git rm --cached); "
    proces = subprocess.run(
        [sys.executable, "-m", "dvc", "add", rel],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if proces.returncode != 0:
        raise OphaalFout(pad, f"'dvc add' mislukte: {(proces.stderr or proces.stdout).strip()[-500:]}")
    return f"{melding}'dvc add {rel}' uitgevoerd; leg de wijziging vast met git commit."

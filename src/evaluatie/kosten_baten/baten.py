"""Benefit assumptions (``data/raw/programma/baten.yaml``): loading and validation.

The only I/O in this package is :func:`laad_baten` / :func:`laad_pm_posten` reading the YAML
file; :func:`valideer_baten` does all checks on the parsed data and is pure. Every refusal is
an :class:`evaluatie.gedeeld.fouten.InvoerFout` naming the file and the key path, e.g.
``baten.yaml (sleutel 'aannames[0].waarde_per_eenheid_eur.laag'): ...``. Indexes in key paths
are 0-based list positions as in the YAML list (first item = [0]).

File layout::

    versie: 1
    kader_id: rijswijk_innovatieprogramma
    aannames:            # quantified benefit assumptions (soort: aanname, never a measurement)
      - id, project_id, soort, mechanisme, eenheid, baathebber,
        waarde_per_eenheid_eur: {laag, centraal, hoog}, bron: {document, bestand, sectie, citaat},
        volume: {laag, centraal, hoog}, volume_bron: <bron> | "illustratief scenario, geen meting",
        looptijd_jaren, startjaar, tijd_bron: <bron> | "illustratief scenario, geen meting",
        interpretatie (optional), toelichting (optional),
        onderdeel (optional): the part of the project that produces the benefit when it is not the
          whole project; its own cost is unknown, so the benefit is not set against the subsidy
    pm_posten:           # benefits the sources name but do not quantify ("pro memorie")
      - id, project_id, soort: pm, mechanisme, baathebber (or "onbekend"), bron, toelichting
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import yaml

from evaluatie.gedeeld.fouten import InvoerFout

BAATHEBBERS = ("gemeente", "zorgverzekeraar", "Wlz", "woningcorporatie", "inwoner")
"""Who gains. 'Wlz' = the Wet langdurige zorg budget (Fonds langdurige zorg, run by the
Wlz-uitvoerders/zorgkantoren), not the municipality."""

ONBEKEND = "onbekend"
ILLUSTRATIEF = "illustratief scenario, geen meting"
SCENARIOS = ("laag", "centraal", "hoog")
BRON_VELDEN = ("document", "bestand", "sectie", "citaat")

_AANNAME_VERPLICHT = (
    "id",
    "project_id",
    "soort",
    "mechanisme",
    "eenheid",
    "baathebber",
    "waarde_per_eenheid_eur",
    "bron",
    "volume",
    "volume_bron",
    "looptijd_jaren",
    "startjaar",
    "tijd_bron",
)
_AANNAME_OPTIONEEL = ("interpretatie", "toelichting", "onderdeel")
_PM_VERPLICHT = ("id", "project_id", "soort", "mechanisme", "baathebber", "bron")
_PM_OPTIONEEL = ("toelichting",)

BATEN_KOLOMMEN = [
    "id",
    "project_id",
    "soort",
    "mechanisme",
    "eenheid",
    "baathebber",
    "waarde_laag_eur",
    "waarde_centraal_eur",
    "waarde_hoog_eur",
    "volume_laag",
    "volume_centraal",
    "volume_hoog",
    "looptijd_jaren",
    "startjaar",
    "volume_illustratief",
    "tijd_illustratief",
    "bron_document",
    "bron_bestand",
    "bron_sectie",
    "bron_citaat",
    "volume_bron",
    "tijd_bron",
    "interpretatie",
    "toelichting",
    "onderdeel",
    "herkomst",
]
PM_KOLOMMEN = ["id", "project_id", "soort", "mechanisme", "baathebber", "bron_document", "bron_bestand",
               "bron_sectie", "bron_citaat", "toelichting", "herkomst"]


class _Controle:
    """Carries the file name so every check can raise with file + key path."""

    def __init__(self, bestand: str | Path | None) -> None:
        self.bestand = str(bestand) if bestand is not None else None

    def fout(self, sleutel: str, melding: str) -> InvoerFout:
        return InvoerFout(self.bestand, melding, sleutel=sleutel)

    def tekst(self, item: dict, veld: str, pad: str) -> str:
        waarde = item.get(veld)
        if not isinstance(waarde, str) or not waarde.strip():
            raise self.fout(f"{pad}.{veld}", f"'{veld}' ontbreekt of is leeg")
        return waarde.strip()

    def getal(self, waarde: object, pad: str, *, minimum: float | None = 0.0) -> float:
        if isinstance(waarde, bool) or not isinstance(waarde, int | float) or math.isnan(float(waarde)):
            raise self.fout(
                pad,
                f"verwacht een getal, kreeg {waarde!r} (schrijf bedragen zonder punten of euroteken, "
                "bijv. 100000)",
            )
        if minimum is not None and waarde < minimum:
            raise self.fout(pad, f"negatieve waarde ({waarde}) is niet toegestaan")
        return float(waarde)

    def geheel(self, waarde: object, pad: str, *, minimum: int) -> int:
        if isinstance(waarde, bool) or not isinstance(waarde, int):
            raise self.fout(pad, f"verwacht een geheel getal, kreeg {waarde!r}")
        if waarde < minimum:
            raise self.fout(pad, f"moet minstens {minimum} zijn, kreeg {waarde}")
        return waarde

    def bandbreedte(self, item: dict, veld: str, pad: str) -> tuple[float, float, float]:
        waarde = item.get(veld)
        if not isinstance(waarde, dict):
            raise self.fout(f"{pad}.{veld}", f"'{veld}' moet laag, centraal en hoog bevatten")
        onbekend = sorted(set(waarde) - set(SCENARIOS))
        if onbekend:
            raise self.fout(f"{pad}.{veld}.{onbekend[0]}", f"onbekende sleutel {onbekend[0]!r}; gebruik laag/centraal/hoog")
        getallen = []
        for s in SCENARIOS:
            if s not in waarde:
                raise self.fout(f"{pad}.{veld}.{s}", f"'{s}' ontbreekt")
            getallen.append(self.getal(waarde[s], f"{pad}.{veld}.{s}"))
        laag, centraal, hoog = getallen
        if not laag <= centraal <= hoog:
            raise self.fout(
                f"{pad}.{veld}",
                f"volgorde klopt niet: laag ({laag:g}) <= centraal ({centraal:g}) <= hoog ({hoog:g}) is vereist",
            )
        return laag, centraal, hoog

    def bron(self, item: dict, veld: str, pad: str, *, illustratief_mag: bool) -> tuple[dict | None, bool]:
        """Return (bron-dict or None, is_illustratief)."""
        waarde = item.get(veld)
        if waarde is None or (isinstance(waarde, str | dict) and not waarde):
            raise self.fout(f"{pad}.{veld}", f"'{veld}' ontbreekt: elk getal heeft een bron nodig")
        if isinstance(waarde, str):
            if illustratief_mag and waarde.strip() == ILLUSTRATIEF:
                return None, True
            toegestaan = f"een bron (document, bestand, sectie, citaat) of '{ILLUSTRATIEF}'" if illustratief_mag else (
                "een bron met document, bestand, sectie en citaat")
            raise self.fout(f"{pad}.{veld}", f"ongeldige bron {waarde!r}; verwacht {toegestaan}")
        if not isinstance(waarde, dict):
            raise self.fout(f"{pad}.{veld}", "bron moet een mapping zijn met document, bestand, sectie en citaat")
        for v in BRON_VELDEN:
            self.tekst(waarde, v, f"{pad}.{veld}")
        onbekend = sorted(set(waarde) - set(BRON_VELDEN))
        if onbekend:
            raise self.fout(f"{pad}.{veld}.{onbekend[0]}", f"onbekende sleutel {onbekend[0]!r} in bron")
        return {v: waarde[v].strip() for v in BRON_VELDEN}, False

    def project_id(self, item: dict, pad: str, project_ids: set[str] | None) -> str:
        waarde = item.get("project_id")
        if isinstance(waarde, int | float) and not isinstance(waarde, bool):
            raise self.fout(
                f"{pad}.project_id",
                f"project_id {waarde!r} is als getal gelezen; zet het tussen aanhalingstekens, bijv. \"2.3\"",
            )
        pid = self.tekst(item, "project_id", pad)
        if project_ids is not None and pid not in project_ids:
            raise self.fout(f"{pad}.project_id", f"onbekend project_id {pid!r}: staat niet in de tabel projecten")
        return pid

    def kop(self, item: object, pad: str, soort: str, verplicht: tuple[str, ...], optioneel: tuple[str, ...],
            gezien: set[str], project_ids: set[str] | None) -> tuple[str, str, str]:
        """Shared start of an entry (aanname or pm-post): mapping, keys, unique id, project, soort."""
        if not isinstance(item, dict):
            raise self.fout(pad, f"elke {soort} moet een mapping zijn")
        self.sleutels(item, pad, verplicht, optioneel)
        eid = self.tekst(item, "id", pad)
        if eid in gezien:
            raise self.fout(f"{pad}.id", f"id {eid!r} komt dubbel voor")
        gezien.add(eid)
        return eid, self.project_id(item, pad, project_ids), self.tekst(item, "soort", pad)

    def sleutels(self, item: dict, pad: str, verplicht: tuple[str, ...], optioneel: tuple[str, ...]) -> None:
        onbekend = sorted(set(item) - set(verplicht) - set(optioneel))
        if onbekend:
            raise self.fout(f"{pad}.{onbekend[0]}", f"onbekende sleutel {onbekend[0]!r}")
        for veld in verplicht:
            if veld not in item:
                raise self.fout(f"{pad}.{veld}", f"verplichte sleutel '{veld}' ontbreekt")


def _herkomst(bron: dict) -> str:
    return f"{bron['document']} — {bron['bestand']} — {bron['sectie']}"


def _bron_tekst(bron: dict | None, illustratief: bool) -> str:
    return ILLUSTRATIEF if illustratief else _herkomst(bron)  # type: ignore[arg-type]


def valideer_baten(
    data: object,
    bestand: str | Path | None = None,
    project_ids: Iterable[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check parsed baten.yaml content; return (aannames, pm_posten) as DataFrames.

    ``project_ids``: when given, every project_id must be one of them (pass the project_id
    column of the projecten table). Refuses: negative amounts or volumes, an unknown
    project_id, a missing/empty baathebber or bron (also volume_bron / tijd_bron), a
    baathebber outside gemeente/zorgverzekeraar/Wlz/woningcorporatie/inwoner, laag <=
    centraal <= hoog violated, soort other than 'aanname' (or 'pm' for pm_posten), duplicate
    ids, unknown keys, a project_id written as a number.
    """
    c = _Controle(bestand)
    ids = None if project_ids is None else {str(p) for p in project_ids}
    if not isinstance(data, dict):
        raise c.fout("(top)", "verwacht een mapping met 'aannames' (en eventueel 'pm_posten')")
    onbekend = sorted(set(data) - {"versie", "kader_id", "aannames", "pm_posten"})
    if onbekend:
        raise c.fout(onbekend[0], f"onbekende sleutel {onbekend[0]!r}")
    aannames = data.get("aannames")
    if not isinstance(aannames, list):
        raise c.fout("aannames", "'aannames' moet een lijst zijn")
    pm_posten = data.get("pm_posten") or []
    if not isinstance(pm_posten, list):
        raise c.fout("pm_posten", "'pm_posten' moet een lijst zijn")

    gezien: set[str] = set()
    rijen = []
    for i, item in enumerate(aannames):
        pad = f"aannames[{i}]"
        aid, pid, soort = c.kop(item, pad, "aanname", _AANNAME_VERPLICHT, _AANNAME_OPTIONEEL, gezien, ids)
        if soort != "aanname":
            raise c.fout(
                f"{pad}.soort",
                f"soort moet 'aanname' zijn (een baat in dit bestand is nooit een meting), kreeg {soort!r}",
            )
        baathebber = item.get("baathebber")
        if baathebber is None or (isinstance(baathebber, str) and not baathebber.strip()):
            raise c.fout(f"{pad}.baathebber", "baathebber ontbreekt: wie ontvangt de baat?")
        if baathebber not in BAATHEBBERS:
            raise c.fout(
                f"{pad}.baathebber",
                f"onbekende baathebber {baathebber!r}; kies uit {', '.join(BAATHEBBERS)}",
            )
        waarde = c.bandbreedte(item, "waarde_per_eenheid_eur", pad)
        bron, _ = c.bron(item, "bron", pad, illustratief_mag=False)
        volume = c.bandbreedte(item, "volume", pad)
        volume_bron, volume_ill = c.bron(item, "volume_bron", pad, illustratief_mag=True)
        looptijd = c.geheel(item.get("looptijd_jaren"), f"{pad}.looptijd_jaren", minimum=1)
        startjaar = c.geheel(item.get("startjaar"), f"{pad}.startjaar", minimum=1900)
        tijd_bron, tijd_ill = c.bron(item, "tijd_bron", pad, illustratief_mag=True)
        assert bron is not None
        rijen.append(
            {
                "id": aid,
                "project_id": pid,
                "soort": soort,
                "mechanisme": c.tekst(item, "mechanisme", pad),
                "eenheid": c.tekst(item, "eenheid", pad),
                "baathebber": baathebber,
                "waarde_laag_eur": waarde[0],
                "waarde_centraal_eur": waarde[1],
                "waarde_hoog_eur": waarde[2],
                "volume_laag": volume[0],
                "volume_centraal": volume[1],
                "volume_hoog": volume[2],
                "looptijd_jaren": looptijd,
                "startjaar": startjaar,
                "volume_illustratief": volume_ill,
                "tijd_illustratief": tijd_ill,
                "bron_document": bron["document"],
                "bron_bestand": bron["bestand"],
                "bron_sectie": bron["sectie"],
                "bron_citaat": bron["citaat"],
                "volume_bron": _bron_tekst(volume_bron, volume_ill),
                "tijd_bron": _bron_tekst(tijd_bron, tijd_ill),
                "interpretatie": str(item.get("interpretatie") or "").strip(),
                "toelichting": str(item.get("toelichting") or "").strip(),
                "onderdeel": c.tekst(item, "onderdeel", pad) if "onderdeel" in item else "",
                "herkomst": _herkomst(bron),
            }
        )

    pm_rijen = []
    for i, item in enumerate(pm_posten):
        pad = f"pm_posten[{i}]"
        pmid, pid, soort = c.kop(item, pad, "pm-post", _PM_VERPLICHT, _PM_OPTIONEEL, gezien, ids)
        if soort != "pm":
            raise c.fout(f"{pad}.soort", f"soort van een pm-post moet 'pm' zijn, kreeg {soort!r}")
        baathebber = item.get("baathebber")
        if baathebber is None or (isinstance(baathebber, str) and not baathebber.strip()):
            raise c.fout(f"{pad}.baathebber", "baathebber ontbreekt (gebruik 'onbekend' als de bron het niet zegt)")
        if baathebber not in (*BAATHEBBERS, ONBEKEND):
            raise c.fout(
                f"{pad}.baathebber",
                f"onbekende baathebber {baathebber!r}; kies uit {', '.join((*BAATHEBBERS, ONBEKEND))}",
            )
        bron, _ = c.bron(item, "bron", pad, illustratief_mag=False)
        assert bron is not None
        pm_rijen.append(
            {
                "id": pmid,
                "project_id": pid,
                "soort": soort,
                "mechanisme": c.tekst(item, "mechanisme", pad),
                "baathebber": baathebber,
                "bron_document": bron["document"],
                "bron_bestand": bron["bestand"],
                "bron_sectie": bron["sectie"],
                "bron_citaat": bron["citaat"],
                "toelichting": str(item.get("toelichting") or "").strip(),
                "herkomst": _herkomst(bron),
            }
        )

    baten = pd.DataFrame(rijen, columns=BATEN_KOLOMMEN)
    baten = baten.astype({"looptijd_jaren": "int64", "startjaar": "int64",
                          "volume_illustratief": bool, "tijd_illustratief": bool})
    pm = pd.DataFrame(pm_rijen, columns=PM_KOLOMMEN)
    return baten, pm


def _lees_yaml(pad: str | Path) -> object:
    pad = Path(pad)
    try:
        tekst = pad.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvoerFout(pad, "bestand niet gevonden") from None
    try:
        return yaml.safe_load(tekst)
    except yaml.YAMLError as e:
        regel = getattr(getattr(e, "problem_mark", None), "line", None)
        raise InvoerFout(pad, f"ongeldige YAML: {getattr(e, 'problem', e)}",
                         rij=None if regel is None else regel + 1) from None


def laad_baten(pad: str | Path, projecten: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read and validate baten.yaml; return the quantified assumptions (columns BATEN_KOLOMMEN).

    When ``projecten`` (the projecten table) is given, every project_id must occur in it.
    For YAML syntax errors the InvoerFout carries the 1-based line number as ``rij``.
    """
    ids = None if projecten is None else projecten["project_id"].astype(str)
    baten, _ = valideer_baten(_lees_yaml(pad), bestand=pad, project_ids=ids)
    return baten


def laad_pm_posten(pad: str | Path, projecten: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read and validate baten.yaml; return the unquantified 'pro memorie' benefits."""
    ids = None if projecten is None else projecten["project_id"].astype(str)
    _, pm = valideer_baten(_lees_yaml(pad), bestand=pad, project_ids=ids)
    return pm

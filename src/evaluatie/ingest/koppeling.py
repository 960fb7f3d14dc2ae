"""Indicator -> source field mapping (``data/raw/monitor/koppeling.yaml``) and
:func:`koppel`, which picks each indicator's measurements for a municipality."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from evaluatie.gedeeld.fouten import InvoerFout

KOPPELING_KOLOMMEN = [
    "indicator_id",
    "kader_id",
    "bron",
    "tabel",
    "veld",
    "veld_titel",
    "leeftijd",
    "marges",
    "veld_status",
    "opmerking",
]
_VERPLICHT = ("kader_id", "bron", "tabel", "veld", "leeftijd", "marges")
_TABEL_SLEUTELS = {"titel", "bron", "basis_url", "opmerking", "onzekerheid"}
MARGES_OPTIES = ("95%-betrouwbaarheidsinterval", "geen")
#: Declared kind of uncertainty of a source table (docs/methodologie.md, "Soorten bronnen"):
#: a direct survey estimate, a small-area model estimate (RIVM SMAP) or a registration.
ONZEKERHEID_OPTIES = ("directe_schatting", "modelschatting", "registratie")

KOPPEL_KOLOMMEN = [
    "indicator_id",
    "gebied",
    "gebied_niveau",
    "gebied_naam",
    "jaar",
    "waarde",
    "ondergrens",
    "bovengrens",
    "markering",
    "eenheid",
    "demo",
    "tabel",
    "veld",
    "onzekerheid",
]
_NIVEAU_VOLGORDE = {"land": 0, "gemeente": 1, "wijk": 2, "buurt": 3}


@dataclass(frozen=True)
class Koppeling:
    """``indicatoren``: one row per indicator (columns :data:`KOPPELING_KOLOMMEN`);
    ``tabellen``: per table id its title, source and OData base URL."""

    indicatoren: pd.DataFrame
    tabellen: dict[str, dict[str, Any]] = field(default_factory=dict)
    pad: Path | None = None


def laad_koppeling(pad: Path) -> Koppeling:
    """Read and check koppeling.yaml. Unknown or missing keys raise InvoerFout
    with the key path (e.g. ``indicatoren.eenzaam_ernstig.veld``)."""
    pad = Path(pad)
    if not pad.exists():
        raise InvoerFout(pad, "koppelingsbestand bestaat niet")
    try:
        inhoud = yaml.safe_load(pad.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise InvoerFout(pad, f"geen geldige YAML: {e}") from None
    if not isinstance(inhoud, dict):
        raise InvoerFout(pad, "verwacht een mapping met 'tabellen' en 'indicatoren'")
    onbekend = set(inhoud) - {"versie", "tabellen", "indicatoren"}
    if onbekend:
        raise InvoerFout(pad, "onbekende sleutel", sleutel=sorted(onbekend)[0])
    tabellen = inhoud.get("tabellen") or {}
    if not isinstance(tabellen, dict):
        raise InvoerFout(pad, "verwacht een mapping tabel-id: gegevens", sleutel="tabellen")
    for tid, t in tabellen.items():
        if not isinstance(t, dict):
            raise InvoerFout(pad, "verwacht een mapping", sleutel=f"tabellen.{tid}")
        extra = set(t) - _TABEL_SLEUTELS
        if extra:
            raise InvoerFout(pad, "onbekende sleutel", sleutel=f"tabellen.{tid}.{sorted(extra)[0]}")
        if t.get("onzekerheid") not in ONZEKERHEID_OPTIES:
            raise InvoerFout(pad, f"onzekerheid moet een van {', '.join(ONZEKERHEID_OPTIES)} zijn",
                             sleutel=f"tabellen.{tid}.onzekerheid")
    indicatoren = inhoud.get("indicatoren")
    if not isinstance(indicatoren, dict) or not indicatoren:
        raise InvoerFout(pad, "geen indicatoren", sleutel="indicatoren")
    rijen = []
    for iid, k in indicatoren.items():
        plek = f"indicatoren.{iid}"
        if not re.match(r"^[a-z][a-z0-9_]*$", str(iid)):
            raise InvoerFout(pad, "indicator-id: kleine letters, cijfers en _", sleutel=plek)
        if not isinstance(k, dict):
            raise InvoerFout(pad, "verwacht een mapping", sleutel=plek)
        extra = set(k) - set(KOPPELING_KOLOMMEN)
        if extra:
            raise InvoerFout(pad, "onbekende sleutel", sleutel=f"{plek}.{sorted(extra)[0]}")
        for sleutel in _VERPLICHT:
            if sleutel not in k or k[sleutel] is None:
                raise InvoerFout(pad, "verplichte sleutel ontbreekt", sleutel=f"{plek}.{sleutel}")
        if k["marges"] not in MARGES_OPTIES:
            raise InvoerFout(
                pad, f"marges moet een van {', '.join(MARGES_OPTIES)} zijn", sleutel=f"{plek}.marges"
            )
        rij = {kol: ("" if k.get(kol) is None else str(k.get(kol)).strip()) for kol in KOPPELING_KOLOMMEN}
        rij["indicator_id"] = str(iid)
        rijen.append(rij)
    df = pd.DataFrame(rijen, columns=KOPPELING_KOLOMMEN).sort_values("indicator_id").reset_index(drop=True)
    return Koppeling(indicatoren=df, tabellen={str(k): dict(v) for k, v in tabellen.items()}, pad=pad)


def koppel(metingen: pd.DataFrame, koppeling: Koppeling | Path | str, gemeente_code: str) -> pd.DataFrame:
    """Per indicator, the measurements for ``gemeente_code``, Nederland (NL01)
    and the municipality's districts (WK + the 4 digits of the municipality).

    A measurement belongs to an indicator when table, age group and field
    match; the field may be given by key (``veld``, OData/template) or by title
    (``veld_titel``, as in a StatLine CSV). With ``marges: geen`` the bounds are
    dropped. The column ``onzekerheid`` carries the declared uncertainty of the
    indicator's table (:data:`ONZEKERHEID_OPTIES`). Returns columns :data:`KOPPEL_KOLOMMEN`, sorted by indicator,
    area level (land, gemeente, wijk), area and year.
    """
    if not isinstance(koppeling, Koppeling):
        koppeling = laad_koppeling(Path(koppeling))
    code = str(gemeente_code).strip().upper()
    if not re.match(r"^GM\d{4}$", code):
        raise InvoerFout(None, f"ongeldige gemeentecode '{gemeente_code}' (verwacht GMnnnn, bijv. GM0603)")
    wijk_prefix = "WK" + code[2:]
    gebied_ok = (
        (metingen["gebied"] == "NL01")
        | (metingen["gebied"] == code)
        | metingen["gebied"].str.startswith(wijk_prefix)
    )
    basis = metingen[gebied_ok]
    delen = []
    for _, k in koppeling.indicatoren.iterrows():
        velden = {k["veld"]} | ({k["veld_titel"]} if k["veld_titel"] else set())
        sel = basis[
            (basis["tabel"] == k["tabel"]) & basis["veld"].isin(velden) & (basis["leeftijd"] == k["leeftijd"])
        ].copy()
        if k["marges"] == "geen":
            sel["ondergrens"] = float("nan")
            sel["bovengrens"] = float("nan")
        sel.insert(0, "indicator_id", k["indicator_id"])
        sel["onzekerheid"] = koppeling.tabellen.get(k["tabel"], {}).get("onzekerheid")
        delen.append(sel[KOPPEL_KOLOMMEN])
    if not delen:
        return pd.DataFrame(columns=KOPPEL_KOLOMMEN)
    uit = pd.concat(delen, ignore_index=True)
    uit["_niveau"] = uit["gebied_niveau"].map(_NIVEAU_VOLGORDE)
    uit = uit.sort_values(["indicator_id", "_niveau", "gebied", "jaar"], kind="mergesort")
    return uit.drop(columns="_niveau").reset_index(drop=True)

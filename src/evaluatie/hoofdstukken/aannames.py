"""Assumptions that matter to a reader: assumed base/target years, age groups that differ, and a series
that switches to a successor table.

Input is plain data already validated by the ingest stage: the indicators of the kader files (with
``basis.jaar_aangenomen``/``doel.jaar_aangenomen``) and the age group the monitor measures per
indicator (``koppeling``). Output: per indicator the kinds of assumption and one sentence each.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Aanname:
    indicator_id: str
    naam: str
    soort: str  # "basisjaar", "doeljaar", "leeftijd" or "tabel"
    zin: str


_BEREIK = re.compile(r"(\d+)\s*(?:-|–|t/m|tot en met)\s*(\d+)")
_TOT = re.compile(r"(\d+)\s+tot\s+(\d+)")
_VANAF = re.compile(r"(\d+)\s*(?:\+|jaar of ouder|jaar en ouder|jaar en ouder)")
_OUDER_DAN = re.compile(r"(?:ouder dan|boven de)\s+(\d+)")


def leeftijdsgroep(tekst: str | None) -> tuple[int, float] | None:
    """'19-65 jaar' -> (19, 65); '18 tot 65 jaar' -> (18, 64); '65 jaar of ouder' -> (65, inf);
    'ouder dan 65' -> (66, inf); None when the text names no age group."""
    if not tekst:
        return None
    t = tekst.lower()
    if m := _TOT.search(t):
        return int(m.group(1)), int(m.group(2)) - 1
    if m := _BEREIK.search(t):
        return int(m.group(1)), int(m.group(2))
    if m := _OUDER_DAN.search(t):
        return int(m.group(1)) + 1, math.inf
    if m := _VANAF.search(t):
        return int(m.group(1)), math.inf
    return None


def _groep_tekst(g: tuple[int, float]) -> str:
    return f"{g[0]} jaar of ouder" if g[1] == math.inf else f"{g[0]} tot en met {int(g[1])} jaar"


def reeksbronnen(gekoppeld: "pd.DataFrame", gebied: str) -> dict[str, list[tuple[str, int, int]]]:
    """Per indicator, the tables its series for ``gebied`` comes from, in order of their first year:
    ``[(tabel, first year, last year), ...]``. ``gekoppeld``: rows of ``metingen_gekoppeld.parquet``
    (columns indicator_id, gebied, jaar, tabel)."""
    rijen = gekoppeld[gekoppeld["gebied"].astype(str) == gebied]
    uit: dict[str, list[tuple[str, int, int]]] = {}
    if rijen.empty or "tabel" not in rijen.columns:
        return uit
    jaren = rijen.groupby(["indicator_id", "tabel"], observed=True)["jaar"].agg(["min", "max"]).reset_index()
    for iid, groep in jaren.sort_values(["indicator_id", "min", "tabel"]).groupby("indicator_id", sort=True):
        uit[str(iid)] = [(str(t), int(a), int(b)) for t, a, b in zip(groep["tabel"], groep["min"], groep["max"])]
    return uit


def _jaren(van: int, tot: int) -> str:
    return str(van) if van == tot else f"{van} tot en met {tot}"


def zoek(indicatoren: list[dict], koppeling: dict[str, dict],
         bronnen: dict[str, list[tuple[str, int, int]]] | None = None) -> list[Aanname]:
    """All assumptions, in the order of ``indicatoren``.

    ``bronnen`` (:func:`reeksbronnen`): a series that comes from more than one table (a monitor table and
    its successor, ``ook`` in koppeling.yaml) rests on the assumption that both give the same measure
    (kind ``tabel``)."""
    uit: list[Aanname] = []
    bronnen = bronnen or {}
    for ind in indicatoren:
        iid, naam = str(ind["id"]), str(ind["naam"])
        basis = ind.get("basis") or {}
        doel = ind.get("doel") or {}
        if basis.get("jaar_aangenomen"):
            uit.append(Aanname(iid, naam, "basisjaar",
                               f"Het basisjaar {basis.get('jaar')} is een aanname: de bron noemt geen jaar bij de "
                               f"beginwaarde. We namen de laatste meting die bekend was toen de agenda werd "
                               f"opgesteld."))
        if doel.get("jaar_aangenomen"):
            uit.append(Aanname(iid, naam, "doeljaar",
                               f"Het doeljaar {doel.get('jaar')} is een aanname: de bron noemt geen jaar. We namen "
                               f"het einde van de agendaperiode."))
        gemeten = (koppeling.get(iid) or {}).get("leeftijd")
        doelgroep = leeftijdsgroep(str(ind.get("populatie") or ""))
        meetgroep = leeftijdsgroep(str(gemeten or ""))
        if doelgroep and meetgroep and doelgroep != meetgroep:
            uit.append(Aanname(iid, naam, "leeftijd",
                               f"Het doel gaat over {_groep_tekst(doelgroep)}; de monitor meet "
                               f"{_groep_tekst(meetgroep)}. We gebruiken die groep als de best passende."))
        tabellen = bronnen.get(iid) or []
        if len(tabellen) > 1:
            delen = [f"die van {_jaren(a, b)} uit tabel {t}" for t, a, b in tabellen[1:]]
            eerste, van, tot = tabellen[0]
            laatste_eerst = tabellen[0][2]
            uit.append(Aanname(iid, naam, "tabel",
                               f"De metingen van {_jaren(van, tot)} komen uit tabel {eerste}, "
                               + ", ".join(delen) + " (een nieuwere versie van dezelfde monitor). Dat beide "
                               "tabellen dezelfde maat geven, is een aanname; een verschil tussen "
                               f"{laatste_eerst} en {tabellen[1][1]} kan deels door de overstap komen."))
    return uit


def per_indicator(aannames: list[Aanname]) -> dict[str, list[str]]:
    uit: dict[str, list[str]] = {}
    for a in aannames:
        uit.setdefault(a.indicator_id, []).append(a.soort)
    return uit


UITLEG_JAREN = ("Een aangenomen basisjaar is het jaar van de laatste meting die bekend was toen de agenda werd "
                "opgesteld; een aangenomen doeljaar is het einde van de agendaperiode.")


def kort(aannames: list[Aanname]) -> list[tuple[str, str]]:
    """One sentence per indicator: which years are assumed, which age group the monitor measures and which
    tables the series comes from."""
    volgorde: dict[str, list[Aanname]] = {}
    for a in aannames:
        volgorde.setdefault(a.indicator_id, []).append(a)
    uit = []
    for groep in volgorde.values():
        jaren = []
        for a in groep:
            m = re.search(r"(\d{4})", a.zin)
            if a.soort == "basisjaar" and m:
                jaren.append(f"het basisjaar {m.group(1)}")
            elif a.soort == "doeljaar" and m:
                jaren.append(f"het doeljaar {m.group(1)}")
        zinnen = []
        if jaren:
            zinnen.append(f"{' en '.join(jaren).capitalize()} {'is een aanname' if len(jaren) == 1 else 'zijn aannames'}"
                          ": de bron noemt geen jaar.")
        zinnen += [a.zin for a in groep if a.soort in ("leeftijd", "tabel")]
        uit.append((groep[0].naam, " ".join(zinnen)))
    return uit

"""Assumptions that matter to a reader: assumed base/target years and age groups that differ.

Input is plain data already validated by the ingest stage: the indicators of the kader files (with
``basis.jaar_aangenomen``/``doel.jaar_aangenomen``) and the age group the monitor measures per
indicator (``koppeling``). Output: per indicator the kinds of assumption and one sentence each.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Aanname:
    indicator_id: str
    naam: str
    soort: str  # "basisjaar", "doeljaar" or "leeftijd"
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


def zoek(indicatoren: list[dict], koppeling: dict[str, dict]) -> list[Aanname]:
    """All assumptions, in the order of ``indicatoren``."""
    uit: list[Aanname] = []
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
    return uit


def per_indicator(aannames: list[Aanname]) -> dict[str, list[str]]:
    uit: dict[str, list[str]] = {}
    for a in aannames:
        uit.setdefault(a.indicator_id, []).append(a.soort)
    return uit


UITLEG_JAREN = ("Een aangenomen basisjaar is het jaar van de laatste meting die bekend was toen de agenda werd "
                "opgesteld; een aangenomen doeljaar is het einde van de agendaperiode.")


def kort(aannames: list[Aanname]) -> list[tuple[str, str]]:
    """One sentence per indicator: which years are assumed and which age group the monitor measures."""
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
        zinnen += [a.zin for a in groep if a.soort == "leeftijd"]
        uit.append((groep[0].naam, " ".join(zinnen)))
    return uit

"""The policy framework model: themes, goals, indicators, actions, projects and subsidies.

A kader is one YAML file under ``data/raw/kader/<gemeente>/<programma>.yaml``; every figure in it
carries a :class:`Bron` (document, file, section, quotation). Reading lives in
:mod:`evaluatie.ingest.kader.lezen`, the tidy tables in :mod:`evaluatie.ingest.kader.tabellen`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluatie.gedeeld.definities import DOEL_TYPES, GEMEENTE_CODE as _GEMEENTE_CODE, RICHTINGEN  # noqa: F401

JAAR_MIN = 1990
JAAR_MAX = 2100
ACTIE_STATUS = ("groen", "oranje", "rood")
BUDGETTEN = ("innovatiebudget", "ander budget")
JAAR_BEPALINGEN = (
    "kolomtotalen",
    "kolompositie",
    "kolompositie (onzeker)",
    "kolomvolgorde",
    "bijlagetekst",
)
LANDELIJKE_THEMA_NAMEN = ("Eenzaamheid", "Langer Thuis", "Inclusieve Wijk")

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_PROJECT_ID = re.compile(r"^\d+(\.\d+)?$")



# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Bron:
    document: str
    bestand: str
    sectie: str
    citaat: str | None = None

    @property
    def herkomst(self) -> str:
        return f"{self.document} — {self.bestand} — {self.sectie}"


@dataclass(frozen=True)
class Thema:
    id: str
    naam: str
    omschrijving: str
    coalitie: str | None
    soort: str | None
    bron: Bron


@dataclass(frozen=True)
class Basis:
    jaar: int | None
    waarde: float
    jaar_aangenomen: bool
    opmerking: str | None
    bron: Bron


@dataclass(frozen=True)
class Doel:
    type: str
    waarde: float | None = None
    jaar: int | None = None
    jaar_aangenomen: bool = False
    richting_per_jaar: dict[int, str] = field(default_factory=dict)
    opmerking: str | None = None
    bron: Bron | None = None

    @property
    def vanaf_jaar(self) -> int | None:
        return min(self.richting_per_jaar) if self.richting_per_jaar else None

    @property
    def eind_jaar(self) -> int | None:
        if self.type == "richting_per_jaar" and self.richting_per_jaar:
            return max(self.richting_per_jaar)
        return self.jaar


@dataclass(frozen=True)
class Indicator:
    id: str
    thema: str
    naam: str
    eenheid: str
    populatie: str
    richting: str
    is_percentage: bool
    bron_omschrijving: str
    cbs_dataset: str | None
    basis: Basis | None
    doel: Doel
    opmerking: str | None
    bron: Bron
    telling: bool = False
    """The indicator counts people (declared ``telling: true``, or a unit such as ``aantal``):
    values under ``onthulling.min_aantal`` are never published."""


@dataclass(frozen=True)
class Actie:
    id: str
    thema: str | None
    naam: str
    status: str | None
    ook_themas: tuple[str, ...]
    opmerking: str | None
    bron: Bron


@dataclass(frozen=True)
class Subsidie:
    jaar: int
    bedrag_x1000_eur: float
    budget: str
    jaar_bepaling: str
    opmerking: str | None
    bron: Bron

    @property
    def bedrag_eur(self) -> int:
        return int(round(self.bedrag_x1000_eur * 1000))


@dataclass(frozen=True)
class Project:
    id: str
    naam: str
    naam_bijlage: str | None
    programmalijn: str
    status: str | None
    geborgd: bool
    geborgd_bepaling: str
    bereik: int | None
    indicatoren_genoemd: tuple[str, ...]
    subsidies: tuple[Subsidie, ...]
    opmerking: str | None
    bron: Bron
    bron_bijlage: Bron | None


@dataclass(frozen=True)
class Kader:
    """One validated policy framework (one YAML file)."""

    bestand: Path
    kader_id: str
    gemeente: str
    gemeente_code: str
    titel: str
    periode_van: int | None
    periode_tot: int | None
    documenten: tuple[Bron, ...]
    omschrijving: str | None
    bron: Bron
    themas: tuple[Thema, ...]
    indicatoren: tuple[Indicator, ...]
    acties: tuple[Actie, ...]
    projecten: tuple[Project, ...]
    landelijke_themas: dict[str, tuple[str, ...]]
    secties: dict[str, Any]
    """Validated free-form sections (budget, evaluatie, kerncoalitie, toezicht, plan, visie, ...), as plain data."""

    def thema(self, thema_id: str) -> Thema:
        for t in self.themas:
            if t.id == thema_id:
                return t
        raise KeyError(thema_id)

    def indicator(self, indicator_id: str) -> Indicator:
        for i in self.indicatoren:
            if i.id == indicator_id:
                return i
        raise KeyError(indicator_id)

    def project(self, project_id: str) -> Project:
        for p in self.projecten:
            if p.id == project_id:
                return p
        raise KeyError(project_id)

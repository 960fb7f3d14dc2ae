"""Cost-benefit tallies and MKBA-style benefit scenarios for the innovation programme.

Public API (all pure except the two loaders, which only read baten.yaml):

Tallies (tables ``subsidies`` / ``projecten`` from :mod:`evaluatie.ingest.kader`):
    totalen_per_jaar, benutting_innovatiebudget, totalen_per_programmalijn,
    totalen_per_landelijk_thema, kosten_per_bereik, geborgd_aandeel
Benefit assumptions:
    laad_baten, laad_pm_posten, valideer_baten
MKBA:
    contante_waarde, break_even, scenario_tabel, break_even_tabel, tornado, wie_betaalt_wie_baat,
    projecten_met_onderdeel, reden_niet_vergelijkbaar
Ceilings (OGSM):
    budget_tegen_plafond, gemelde_overschrijding, LV_SOCIALE_COHESIE

See docs/kosten_baten.md (Dutch) for the method, the discount rate and its source.
"""

from __future__ import annotations

from evaluatie.kosten_baten._invoer import BUDGETTEN
from evaluatie.kosten_baten.baten import (
    BAATHEBBERS,
    BATEN_KOLOMMEN,
    ILLUSTRATIEF,
    PM_KOLOMMEN,
    SCENARIOS,
    laad_baten,
    laad_pm_posten,
    valideer_baten,
)
from evaluatie.kosten_baten.mkba import (
    DISCONTOVOET_BANDBREEDTE,
    DISCONTOVOET_STANDAARD,
    break_even,
    break_even_tabel,
    contante_waarde,
    projecten_met_onderdeel,
    reden_niet_vergelijkbaar,
    scenario_tabel,
    tornado,
    wie_betaalt_wie_baat,
)
from evaluatie.kosten_baten.plafond import (
    LV_SOCIALE_COHESIE,
    GemeldPlafond,
    budget_tegen_plafond,
    gemelde_overschrijding,
)
from evaluatie.kosten_baten.tellingen import (
    INNOVATIEBUDGET_PER_JAAR_EUR,
    LANDELIJKE_THEMAS,
    THEMA_OPMERKING,
    benutting_innovatiebudget,
    geborgd_aandeel,
    kosten_per_bereik,
    totalen_per_jaar,
    totalen_per_landelijk_thema,
    totalen_per_programmalijn,
)

BATEN_PAD = "data/raw/programma/baten.yaml"
"""Default location of the benefit assumptions, relative to the project root."""

__all__ = [
    "BAATHEBBERS",
    "BATEN_KOLOMMEN",
    "BATEN_PAD",
    "BUDGETTEN",
    "DISCONTOVOET_BANDBREEDTE",
    "DISCONTOVOET_STANDAARD",
    "ILLUSTRATIEF",
    "INNOVATIEBUDGET_PER_JAAR_EUR",
    "LANDELIJKE_THEMAS",
    "LV_SOCIALE_COHESIE",
    "PM_KOLOMMEN",
    "SCENARIOS",
    "THEMA_OPMERKING",
    "GemeldPlafond",
    "benutting_innovatiebudget",
    "break_even",
    "break_even_tabel",
    "budget_tegen_plafond",
    "contante_waarde",
    "geborgd_aandeel",
    "gemelde_overschrijding",
    "kosten_per_bereik",
    "laad_baten",
    "laad_pm_posten",
    "projecten_met_onderdeel",
    "reden_niet_vergelijkbaar",
    "scenario_tabel",
    "tornado",
    "totalen_per_jaar",
    "totalen_per_landelijk_thema",
    "totalen_per_programmalijn",
    "valideer_baten",
    "wie_betaalt_wie_baat",
]

"""Monitor ingest: CBS/RIVM OData snapshots, StatLine CSV downloads and the
evaluatie-sjabloon CSV into one tidy ``metingen`` table.

Public API::

    lees_bestand(pad) -> DataFrame          one file/snapshot, validated
    lees_monitor_map(map) -> DataFrame      every file in data/raw/monitor
    laad_koppeling(pad) -> Koppeling        data/raw/monitor/koppeling.yaml
    koppel(metingen, koppeling, gemeente_code) -> DataFrame
    naar_csv(df) -> str                     CSV text for `evaluatie inlezen --uit`

The names are loaded on first use (PEP 562): ``from evaluatie.ingest import koppel``
loads the koppeling module only, not the readers and their pandera schema.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HERKOMST: dict[str, str] = {
    "Koppeling": "evaluatie.ingest.koppeling",
    "koppel": "evaluatie.ingest.koppeling",
    "laad_koppeling": "evaluatie.ingest.koppeling",
    "formaat": "evaluatie.ingest.monitor.lezen",
    "lees_bestand": "evaluatie.ingest.monitor.lezen",
    "lees_monitor_map": "evaluatie.ingest.monitor.lezen",
    "naar_csv": "evaluatie.ingest.monitor.lezen",
    "METINGEN_KOLOMMEN": "evaluatie.ingest.monitor.schema",
    "metingen_schema": "evaluatie.ingest.monitor.schema",
}

__all__ = sorted(_HERKOMST)

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ below
    from evaluatie.ingest.koppeling import Koppeling, koppel, laad_koppeling
    from evaluatie.ingest.monitor.lezen import formaat, lees_bestand, lees_monitor_map, naar_csv
    from evaluatie.ingest.monitor.schema import METINGEN_KOLOMMEN, metingen_schema


def __getattr__(naam: str) -> Any:
    module = _HERKOMST.get(naam)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")
    waarde = getattr(importlib.import_module(module), naam)
    globals()[naam] = waarde  # later look-ups skip __getattr__
    return waarde


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

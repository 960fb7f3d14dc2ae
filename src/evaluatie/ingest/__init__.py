"""Monitor ingest: CBS/RIVM OData snapshots, StatLine CSV downloads and the
evaluatie-sjabloon CSV into one tidy ``metingen`` table.

Public API::

    lees_bestand(pad) -> DataFrame          one file/snapshot, validated
    lees_monitor_map(map) -> DataFrame      every file in data/raw/monitor
    laad_koppeling(pad) -> Koppeling        data/raw/monitor/koppeling.yaml
    koppel(metingen, koppeling, gemeente_code) -> DataFrame
    naar_csv(df) -> str                     CSV text for `evaluatie inlezen --uit`
"""

from evaluatie.ingest.koppeling import Koppeling, koppel, laad_koppeling
from evaluatie.ingest.reader import formaat, lees_bestand, lees_monitor_map, naar_csv
from evaluatie.ingest.schema import METINGEN_KOLOMMEN, metingen_schema

__all__ = [
    "METINGEN_KOLOMMEN",
    "Koppeling",
    "formaat",
    "koppel",
    "laad_koppeling",
    "lees_bestand",
    "lees_monitor_map",
    "metingen_schema",
    "naar_csv",
]

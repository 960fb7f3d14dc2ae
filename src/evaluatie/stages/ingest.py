"""Stage `ingest`: policy framework + monitor files -> tidy tables in data/processed/."""

from __future__ import annotations

from evaluatie.bestanden import schrijf_parquet
from evaluatie.stages import Paden, draai, laad_params


def run(paden: Paden | None = None) -> None:
    paden = paden or laad_params()

    # load inputs (validation of everything happens before any write)
    from evaluatie.ingest import lees_monitor_map
    from evaluatie.kader import kader_tabellen, valideer_map

    kaders = valideer_map(paden.kader)
    tabellen = kader_tabellen(kaders)
    metingen = lees_monitor_map(paden.monitor)

    # save outputs
    for naam, tabel in sorted(tabellen.items()):
        schrijf_parquet(tabel, paden.processed / f"{naam}.parquet")
    schrijf_parquet(metingen, paden.processed / "metingen.parquet")


if __name__ == "__main__":
    draai(run)

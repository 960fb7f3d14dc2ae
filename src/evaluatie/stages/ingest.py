"""Stage `ingest`: kader + monitor files + koppeling -> tidy tables in data/processed/.

Reads ``data/raw/kader/<gemeente>/``, ``data/raw/monitor/`` (snapshots, sidecars, koppeling.yaml) and
``params.yaml``; writes the kader tables, ``metingen.parquet`` (every measurement) and
``metingen_gekoppeld.parquet`` (the measurements linked to an indicator of this gemeente, its
comparable municipalities and Nederland). Everything is validated before anything is written.
"""

from __future__ import annotations

import sys

from evaluatie.gedeeld.bestanden import schrijf_parquet
from evaluatie.gedeeld.instellingen import Instellingen, laad_instellingen
from evaluatie.stages import draai


def run(inst: Instellingen | None = None) -> None:
    inst = inst or laad_instellingen()
    import pandas as pd

    from evaluatie.ingest import koppel, laad_koppeling, lees_monitor_map
    from evaluatie.ingest.kader import kader_tabellen, valideer_map

    from evaluatie.ingest.kader import controleer_jaren
    from evaluatie.ingest.koppeling import controleer_eenheden, controleer_gebieden

    # load inputs
    kaders = valideer_map(inst.kader)
    controleer_jaren(kaders, inst.datum.year)
    koppeling = laad_koppeling(inst.monitor / "koppeling.yaml")
    metingen = lees_monitor_map(*inst.monitormappen)

    # process
    from evaluatie.ingest.koppeling import koppel_dekking

    for melding in metingen.attrs.get("meldingen", []):
        print(f"let op: {melding}", file=sys.stderr)  # skipped rows
    later = metingen["jaar"] > inst.peiljaar
    if later.any():  # a wave after the evaluation period (shared files hold later years too)
        jaren = sorted(int(j) for j in metingen.loc[later, "jaar"].unique())
        print(f"let op: {int(later.sum())} metingen uit {jaren[0]}"
              f"{'' if len(jaren) == 1 else f'–{jaren[-1]}'} vallen na editie {inst.editie} "
              f"(peiljaar {inst.peiljaar}) en tellen in deze editie niet mee", file=sys.stderr)
        metingen = metingen[~later].reset_index(drop=True)
    for _, k, n, regel in koppel_dekking(metingen, koppeling):  # a warning only when fields are not linked
        print(f"{'koppeling' if k == n else 'let op'}: {regel}", file=sys.stderr)
    tabellen = kader_tabellen(kaders)
    gekoppeld = koppel(metingen, koppeling, inst.gemeente_code)
    for code in inst.vergelijkingsgemeenten:  # comparable municipalities, their own rows only
        ander = koppel(metingen, koppeling, code)
        gekoppeld = pd.concat([gekoppeld, ander[ander["gebied"] == code]], ignore_index=True)
    # only indicators of this gemeente's kader feed the report
    gekoppeld = gekoppeld[gekoppeld["indicator_id"].isin(tabellen["indicatoren"]["indicator_id"])]
    # every gemeente the report names is in the monitor data; units of kader and monitor agree
    controleer_gebieden(metingen, koppeling, tabellen["indicatoren"], inst.gemeente_code,
                        inst.vergelijkingsgemeenten, inst.root / "params.yaml", inst.monitormappen)
    controleer_eenheden(gekoppeld, tabellen["indicatoren"], kaders, koppeling)

    # save outputs
    for naam, tabel in sorted(tabellen.items()):
        schrijf_parquet(tabel, inst.processed / f"{naam}.parquet")
    schrijf_parquet(metingen, inst.processed / "metingen.parquet")
    schrijf_parquet(gekoppeld.reset_index(drop=True), inst.processed / "metingen_gekoppeld.parquet")


if __name__ == "__main__":
    draai(run)

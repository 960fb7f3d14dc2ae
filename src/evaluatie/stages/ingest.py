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
    alle = metingen  # every year the files hold: which gemeenten they know does not depend on the edition
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
    controleer_gebieden(alle, koppeling, tabellen["indicatoren"], inst.gemeente_code,
                        inst.vergelijkingsgemeenten, inst.root / "params.yaml", inst.monitormappen)
    controleer_peiljaar(alle, metingen, inst)
    del alle
    controleer_eenheden(gekoppeld, tabellen["indicatoren"], kaders, koppeling)

    # save outputs
    for naam, tabel in sorted(tabellen.items()):
        schrijf_parquet(tabel, inst.processed / f"{naam}.parquet")
    schrijf_parquet(metingen, inst.processed / "metingen.parquet")
    schrijf_parquet(gekoppeld.reset_index(drop=True), inst.processed / "metingen_gekoppeld.parquet")


def controleer_peiljaar(alle, metingen, inst: Instellingen) -> None:
    """The gemeente and its comparable municipalities against the edition's peiljaar.

    ``alle``: every measurement the monitor files hold; ``metingen``: those up to the peiljaar. Raises
    ``InvoerFout`` (params.yaml, key ``editie``) when the files hold the gemeente but not one measurement of
    it up to the peiljaar (an edition before all data); prints a note for a comparable municipality that
    only has later measurements (a municipality formed by a merger after the period): it is left out of
    this edition's comparisons."""
    from evaluatie.gedeeld.fouten import InvoerFout

    binnen = set(metingen["gebied"].unique())
    for code in [inst.gemeente_code, *inst.vergelijkingsgemeenten]:
        eigen = alle["jaar"][alle["gebied"] == code]
        if code in binnen or eigen.empty:
            continue
        eerste = int(eigen.min())
        if code == inst.gemeente_code:
            raise InvoerFout(inst.root / "params.yaml",
                             f"editie {inst.editie} (peiljaar {inst.peiljaar}): de monitorbestanden hebben geen enkele "
                             f"meting van {inst.gemeente_naam} ({code}) tot en met {inst.peiljaar}; de eerste is van "
                             f"{eerste}. Kies een editie die na {eerste - 1} eindigt", sleutel="editie")
        print(f"let op: vergelijkingsgemeente {code} heeft geen metingen tot en met {inst.peiljaar} (de eerste is van "
              f"{eerste}) en komt in editie {inst.editie} niet in de vergelijkingen voor", file=sys.stderr)


if __name__ == "__main__":
    draai(run)

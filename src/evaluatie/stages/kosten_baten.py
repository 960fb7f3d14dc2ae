"""Stage `kosten_baten`: run notebooks/kosten_baten.ipynb (tallies, scenarios, CSV beside the PDF); write the
chapter as Markdown (kosten_baten.md)."""

from __future__ import annotations

from pathlib import Path

from evaluatie.gedeeld.bestanden import ruim_op
from evaluatie.gedeeld.instellingen import Instellingen, laad_instellingen
from evaluatie.stages import draai


def budget_toelichting(inst: Instellingen, kader_ids: set[str]) -> str:
    """What the programme's evaluation says about the use of its budget (``budget.opmerking`` in the kader)."""
    from evaluatie.gedeeld.yaml_lezer import lees_yaml

    for pad in sorted(inst.kader.glob("*.yaml")):
        data = lees_yaml(pad).data
        if data.get("kader_id") in kader_ids and isinstance(data.get("budget"), dict):
            return " ".join(str(data["budget"].get("opmerking") or "").split())
    return ""


def _stempels(map_: Path) -> dict[str, tuple[int, int]]:
    """Name -> (inode, mtime in ns) of the files directly in ``map_``: a file the notebook (re)writes
    (atomically, so under a new inode) gets a new stamp."""
    if not map_.is_dir():
        return {}
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in map_.iterdir() if p.is_file()}


def run(inst: Instellingen | None = None) -> None:
    inst = inst or laad_instellingen()
    import pandas as pd

    from evaluatie.kosten_baten import laad_baten, laad_pm_posten
    from evaluatie.stages.notebook import voer_uit

    p = inst.params
    # validate the benefit assumptions here, so bad input is refused before the notebook runs
    baten = inst.raw / "programma" / "baten.yaml"
    projecten = pd.read_parquet(inst.processed / "projecten.parquet")
    if len(projecten) and baten.exists():
        laad_baten(baten, projecten)
        laad_pm_posten(baten, projecten)
    toelichting = budget_toelichting(inst, set(projecten.get("kader_id", pd.Series(dtype=str)).astype(str)))
    tabellen = inst.rapport / "kosten_baten"
    voor = _stempels(tabellen)
    voer_uit(
        inst.root / "notebooks" / "kosten_baten.ipynb",
        inst.rapport / "kosten_baten.ipynb",
        {
            "gemeente_naam": p["gemeente_naam"],
            "editie": str(p["editie"]),
            "invoer": inst.processed.relative_to(inst.root).as_posix(),
            "baten": (inst.raw / "programma" / "baten.yaml").relative_to(inst.root).as_posix(),
            "rapportmap": inst.rapport.relative_to(inst.root).as_posix(),
            "discontovoet": inst.discontovoet,
            "innovatiebudget_per_jaar": inst.innovatiebudget_per_jaar,
            "budget_toelichting": toelichting,
            "min_aantal": inst.min_aantal,
        },
        cwd=inst.root,
        markdown=inst.rapport / "kosten_baten.md",
    )
    # DVC keeps the folder during the run (persist: true): a table or tornado chart this run did not write
    # (a project that left the programme or is now suppressed) is stale and goes, after everything succeeded
    ruim_op(tabellen, {naam for naam, stempel in _stempels(tabellen).items() if voor.get(naam) != stempel})


if __name__ == "__main__":
    draai(run)

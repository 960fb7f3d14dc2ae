"""Stage `kosten_baten`: run notebooks/kosten_baten.ipynb (tallies, scenarios, CSV beside the PDF)."""

from __future__ import annotations

from evaluatie.stages import Paden, draai, laad_params


def run(paden: Paden | None = None) -> None:
    paden = paden or laad_params()
    import pandas as pd

    from evaluatie.kosten_baten import laad_baten, laad_pm_posten
    from evaluatie.stages.notebook import voer_uit

    p = paden.params
    kb = p.get("kosten_baten") or {}
    # validate the benefit assumptions here, so bad input is refused before the notebook runs
    baten = paden.raw / "programma" / "baten.yaml"
    projecten = pd.read_parquet(paden.processed / "projecten.parquet")
    if len(projecten) and baten.exists():
        laad_baten(baten, projecten)
        laad_pm_posten(baten, projecten)
    voer_uit(
        paden.root / "notebooks" / "kosten_baten.ipynb",
        paden.rapport / "kosten_baten.ipynb",
        {
            "gemeente_naam": p["gemeente_naam"],
            "editie": str(p["editie"]),
            "invoer": paden.processed.relative_to(paden.root).as_posix(),
            "baten": (paden.raw / "programma" / "baten.yaml").relative_to(paden.root).as_posix(),
            "rapportmap": paden.rapport.relative_to(paden.root).as_posix(),
            "discontovoet": float(kb.get("discontovoet", 0.0225)),
            "innovatiebudget_per_jaar": int(kb.get("innovatiebudget_per_jaar", 450000)),
        },
        cwd=paden.root,
    )


if __name__ == "__main__":
    draai(run)

"""Stage `thema@<id>`: run notebooks/thema.ipynb for one theme with papermill."""

from __future__ import annotations

import sys

from evaluatie.fouten import InvoerFout
from evaluatie.stages import Paden, controleer_thema_id, draai, laad_params


def run(thema: str, paden: Paden | None = None) -> None:
    paden = paden or laad_params()
    controleer_thema_id(thema, "opdrachtregel")
    if thema not in paden.params["themas"]:
        raise InvoerFout(paden.root / "params.yaml", f"thema {thema!r} staat niet in de lijst", sleutel="themas")
    from evaluatie.stages.notebook import voer_uit

    p = paden.params
    rapport = paden.rapport.relative_to(paden.root)
    voer_uit(
        paden.root / "notebooks" / "thema.ipynb",
        paden.rapport / "thema" / f"{thema}.ipynb",
        {
            "gemeente_code": p["gemeente_code"],
            "gemeente_naam": p["gemeente_naam"],
            "editie": str(p["editie"]),
            "thema": thema,
            "invoer": paden.thema_invoer(thema).relative_to(paden.root).as_posix(),
            "rapportmap": rapport.as_posix(),
        },
        cwd=paden.root,
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("gebruik: python -m evaluatie.stages.thema <thema>")
    draai(run, sys.argv[1])

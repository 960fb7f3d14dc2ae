"""One theme's chapter: run notebooks/thema.ipynb for one theme with papermill; write the chapter as Markdown.

What each child of the `themas` stage does (:mod:`evaluatie.stages.themas`); ``python -m evaluatie.stages.thema
<id>`` runs one theme on its own. A run that fails leaves the theme's chapter and figures as they were.
"""

from __future__ import annotations

import sys

from evaluatie.gedeeld.bestanden import momentopname, ruim_op, zet_terug
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import Instellingen, controleer_thema_id, laad_instellingen
from evaluatie.stages import draai


def run(thema: str, inst: Instellingen | None = None) -> None:
    inst = inst or laad_instellingen()
    controleer_thema_id(thema, "opdrachtregel")
    if thema not in inst.params["themas"]:
        raise InvoerFout(inst.root / "params.yaml", f"thema {thema!r} staat niet in de lijst", sleutel="themas")
    figuren = inst.rapport / "figuren" / thema
    # the notebook writes the figures while it runs: a later cell that fails must not leave a mix of new
    # figures and the old chapter, so the folder is put back as it was
    vorige = momentopname(figuren)
    try:
        _voer_uit(inst, thema)
    except BaseException:
        zet_terug(figuren, vorige)
        raise
    # figures of indicators that left the theme are not referenced by the new chapter: remove them (a
    # figure's PNG copy for Word stays with its SVG)
    hoofdstuk = (inst.rapport / "thema" / f"{thema}.ipynb").read_text(encoding="utf-8")
    ruim_op(figuren, {p.name for p in figuren.glob("*")
                      if f"{thema}/{p.name}" in hoofdstuk or f"{thema}/{p.with_suffix('.svg').name}" in hoofdstuk})


def _voer_uit(inst: Instellingen, thema: str) -> None:
    from evaluatie.stages.notebook import voer_uit

    p = inst.params
    rapport = inst.rapport.relative_to(inst.root)
    voer_uit(
        inst.root / "notebooks" / "thema.ipynb",
        inst.rapport / "thema" / f"{thema}.ipynb",
        {
            "gemeente_code": p["gemeente_code"],
            "gemeente_naam": p["gemeente_naam"],
            "editie": str(p["editie"]),
            "thema": thema,
            "invoer": inst.thema_invoer(thema).relative_to(inst.root).as_posix(),
            "rapportmap": rapport.as_posix(),
            "min_aantal": inst.min_aantal,
            "materialiteit": float(inst.drempels["materialiteit"]),
            "benjamini_hochberg": bool(inst.drempels["benjamini_hochberg"]),
        },
        cwd=inst.root,
        markdown=inst.rapport / "thema" / f"{thema}.md",
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("gebruik: python -m evaluatie.stages.thema <thema>")
    draai(run, sys.argv[1], kop=f"thema {sys.argv[1]!r}")

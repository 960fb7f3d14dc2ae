"""Helpers shared by the parts of the council report.

The parts themselves live in one module each, in reading order: :mod:`kaft` (cover, introduction),
:mod:`samenvatting` (key messages) with :mod:`dashboard`, the theme chapters (:mod:`thema`),
:mod:`kosten_baten`, :mod:`aanbevelingen`, :mod:`voortzetten`; the technical account is
:mod:`verantwoording`, its assumptions come from :mod:`aannames`. ``stages/rapport.py`` assembles them.
"""

from __future__ import annotations

import re

from evaluatie.hoofdstukken.thema import CONCLUSIE_EIND, CONCLUSIE_START


def vervang_conclusie(hoofdstuk: str, eigen_tekst: str | None) -> str:
    """Replace the generated conclusion by the researchers' own words, when they wrote them."""
    patroon = re.compile(re.escape(CONCLUSIE_START) + r".*?" + re.escape(CONCLUSIE_EIND), re.S)
    if eigen_tekst is None:
        return patroon.sub(lambda m: m.group(0)[len(CONCLUSIE_START):-len(CONCLUSIE_EIND)].strip(), hoofdstuk)
    return patroon.sub(lambda _m: eigen_tekst.strip(), hoofdstuk)

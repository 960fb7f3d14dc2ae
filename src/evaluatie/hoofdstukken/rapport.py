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


_HEK = re.compile(r"^(#{1,6})(?=\s|$)")
_HEK_HEK = re.compile(r"^(`{3,}|~{3,})")


def verschuif_koppen(tekst: str, hoogste: int) -> str:
    """A researcher's Markdown with its headings moved under their place in the report.

    The highest heading in ``tekst`` (fewest ``#``) becomes level ``hoogste`` (2 in a chapter such as the
    introduction, 3 under a theme's "Conclusie"), the others keep their distance to it (at most level 6).
    A researcher may thus start at any level: "### Waarom" in the introduction printed as "1.0.1" before.
    Lines inside fenced code blocks are left alone. Input: Markdown as pandoc writes it (ATX headings).
    """
    regels = tekst.split("\n")
    hek: str | None = None
    koppen: list[tuple[int, int]] = []  # (line number, level)
    for i, regel in enumerate(regels):
        m = _HEK_HEK.match(regel)
        if m and (hek is None or m.group(1).startswith(hek)):
            hek = None if hek is not None else m.group(1)
            continue
        if hek is None and (k := _HEK.match(regel)):
            koppen.append((i, len(k.group(1))))
    if not koppen:
        return tekst
    verschil = hoogste - min(niveau for _, niveau in koppen)
    for i, niveau in koppen:
        regels[i] = "#" * min(6, max(1, niveau + verschil)) + regels[i][niveau:]
    return "\n".join(regels)

"""Fixed lists and code patterns of the domain, defined once.

Sources: CBS region codes (``GM`` + 4 digits for a gemeente, ``WK`` + 6 for a wijk, ``BU`` + 8 for a
buurt, ``NL01`` for Nederland) and the CBS StatLine symbols for missing values ("Verklaring van
symbolen", CBS StatLine): ``.`` no data / unreliable / secret, ``x`` secret, ``-`` nil, ``?`` unreliable.
"""

from __future__ import annotations

import re

#: A gemeente code as CBS writes it, e.g. ``GM0603`` (Rijswijk).
GEMEENTE_CODE = re.compile(r"^GM\d{4}$")

#: Every region code a measurement may carry.
GEBIED_PATROON = r"^(NL01|GM\d{4}|WK\d{6}|BU\d{8})$"

#: Region level per code prefix.
NIVEAU_PER_PREFIX: dict[str, str] = {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}

#: CBS symbols kept as the reason a value is missing, never as a number, with their meaning.
MARKERINGEN: dict[str, str] = {
    ".": "gegeven ontbreekt, is onvoldoende betrouwbaar of geheim ('.')",
    "x": "geheim ('x')",
    "-": "nihil of niet van toepassing ('-')",
    "?": "onbetrouwbaar ('?')",
}

#: The marker CBS uses for an unreliable estimate.
ONBETROUWBAAR = "?"

#: Desired direction of an indicator.
RICHTINGEN: tuple[str, ...] = ("hoger", "lager")

#: Kinds of target: a value in a year, a direction every year, or none.
DOEL_TYPES: tuple[str, ...] = ("waarde", "richting_per_jaar", "geen")

#: A theme id: safe in a path, a DVC stage name and a notebook parameter cell.
THEMA_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def is_gemeente_code(code: object) -> bool:
    """True for ``GM`` followed by four digits."""
    return isinstance(code, str) and GEMEENTE_CODE.match(code) is not None

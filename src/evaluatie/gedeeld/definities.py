"""Fixed lists and code patterns of the domain, defined once.

Sources: CBS region codes (``GM`` + 4 digits for a gemeente, ``WK`` + 6 for a wijk, ``BU`` + 8 for a
buurt, ``NL01`` for Nederland; CBS tables of the wijk- en buurtkaart such as 84799NED write
Nederland as ``NL00``: both are accepted and read as ``NL01``) and the CBS StatLine symbols for missing values ("Verklaring van
symbolen", CBS StatLine): ``.`` no data / unreliable / secret, ``x`` secret, ``-`` nil, ``?`` unreliable.
"""

from __future__ import annotations

import re

#: A gemeente code as CBS writes it, e.g. ``GM0603`` (Rijswijk).
GEMEENTE_CODE = re.compile(r"^GM\d{4}$")

#: Every region code a measurement may carry (after :func:`gebiedscode`).
GEBIED_PATROON = r"^(NL01|GM\d{4}|WK\d{6}|BU\d{8})$"

#: Every region code a source file may carry: also ``NL00`` (Nederland in the wijk- en buurtkaart).
BRON_GEBIED_PATROON = r"^(NL0[01]|GM\d{4}|WK\d{6}|BU\d{8})$"

#: Both codes CBS uses for Nederland.
NEDERLAND_CODES: tuple[str, ...] = ("NL00", "NL01")

#: Region kinds outside this project's levels that CBS tables also carry (skipped and counted by
#: the readers): GGD-regio, provincie, landsdeel, COROP-gebied, arbeidsmarktregio, "CG" (the
#: prefix of the aggregate region in 50140NED), veiligheidsregio, woonplaats.
ANDERE_GEBIEDEN = re.compile(r"^(GG|PV|LD|CR|AM|CG|VR|WP|RE|JZ|ZK|LG|GR)\d{2,4}$")

#: Keys of the CBS margin dimension ``Marges`` -> role (50120NED, 50140NED; confirmed by independent
#: public code: MW00000 value, MOG0095 lower, MBG0095 upper 95% bound).
MARGE_SLEUTELS: dict[str, str] = {"MW00000": "waarde", "MOG0095": "ondergrens", "MBG0095": "bovengrens"}

#: Keys of the CBS age dimension ``Leeftijd`` -> title, for files that carry keys without the
#: dimension table (50120NED: 20300, 53115, 80200; confirmed by independent public code).
LEEFTIJD_SLEUTELS: dict[str, str] = {"20300": "18 jaar of ouder", "53115": "18 tot 65 jaar",
                                     "80200": "65 jaar of ouder"}

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

# The status an indicator gets, in the order of the legend (rules: voortgang/status.py and
# docs/methodologie.md). The words are what the council reads; colour and symbol repeat them.
DOEL_GEHAALD = "doel gehaald"
DOEL_GEHAALD_MARGE = "doel gehaald, binnen de foutmarge"
DOEL_NIET_GEHAALD = "doel niet gehaald"
OP_KOERS = "op koers"
TE_LANGZAAM = "vooruitgang, te langzaam"
GEEN_VERANDERING = "geen meetbare verandering"
VERKEERDE_RICHTING = "verkeerde richting"
ONVOLDOENDE_GEGEVENS = "onvoldoende gegevens"

#: status -> (OGSM colour, symbol). Symbols mean better/worse, never up/down.
STATUS_OPMAAK: dict[str, tuple[str, str]] = {
    DOEL_GEHAALD: ("groen", "✔"),
    DOEL_GEHAALD_MARGE: ("groen", "(✔)"),
    DOEL_NIET_GEHAALD: ("rood", "✘"),
    OP_KOERS: ("groen", "▲"),
    TE_LANGZAAM: ("oranje", "△"),
    GEEN_VERANDERING: ("oranje", "●"),
    VERKEERDE_RICHTING: ("rood", "▼"),
    ONVOLDOENDE_GEGEVENS: ("grijs", "?"),
}
STATUSSEN: tuple[str, ...] = tuple(STATUS_OPMAAK)

#: A theme id: safe in a path, a DVC stage name and a notebook parameter cell.
THEMA_ID = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")  # with .match: no trailing newline (`$` allows one)


def gebiedscode(code: object) -> str:
    """A source region key as the project writes it: stripped, upper case, ``NL00`` -> ``NL01``."""
    c = str(code or "").strip().upper()
    return "NL01" if c in NEDERLAND_CODES else c


def is_gemeente_code(code: object) -> bool:
    """True for ``GM`` followed by four digits."""
    return isinstance(code, str) and GEMEENTE_CODE.match(code) is not None


#: Largest magnitude accepted for any measured number (value or bound). No published social-domain
#: figure comes near it; ``1e308`` (which overflows in any sum or variance) and ``1e309`` (read as
#: infinity) are refused with their file, row and column.
MAX_GETAL = 1e12

#: Units that name a plain count of people (also when followed by who is counted, e.g.
#: ``aantal jongeren``); a unit with ``per`` is a rate, not a count.
_TEL_WOORDEN = ("aantal", "personen", "inwoners", "cliënten", "clienten", "jongeren", "huishoudens",
                "deelnemers", "mensen", "kinderen")


def eenheid_soort(eenheid: object) -> str:
    """Kind of a unit: ``"percentage"`` (``%``), ``"telling"`` (a count of people, ``aantal``,
    ``aantal jongeren``), ``"ratio"`` (``aantal per 1.000 inwoners``) or ``""`` (anything else).

    Percentages lie in 0–100; counts and rates are never negative.
    """
    e = str(eenheid or "").strip().lower()
    if not e:
        return ""
    if e in ("%", "procent", "percentage") or e.startswith("% "):
        return "percentage"
    woorden = e.replace(".", " ").split()
    if "per" in woorden or "/" in e:
        return "ratio"
    if woorden and woorden[0] in _TEL_WOORDEN:
        return "telling"
    return ""

"""The one status per indicator: words, colour, symbol, and the rules that choose it.

The status answers the council's question "did we reach what we set out to reach, and if
not yet, are we getting there?". Rules (docs/methodologie.md, "Status"):

1. no valid wave after the peiljaar -> ``onvoldoende gegevens``
2. target reached by the latest wave -> ``doel gehaald``; when the latest wave's interval
   still contains the target: ``doel gehaald, binnen de foutmarge``
3. target year reached or passed and target not reached -> ``doel niet gehaald``; a direction-per-year
   target ("elk jaar lager dan in 2020") also as soon as one year of its period was demonstrably worse
   than the reference (it can no longer be met)
4. the change since the peiljaar cannot be tested (no interval; rounded policy value
   without the measured base-year wave) -> ``onvoldoende gegevens``
5. the change is within the margin / materiality band -> ``geen meetbare verandering``
6. a demonstrable change in the wrong direction -> ``verkeerde richting``
7. a demonstrable improvement -> ``op koers`` when the pace suffices (target value: the
   projection's P(target met) >= ``kans_op_koers`` with >= 5 waves, else the linear pace ratio
   >= ``tempo_op_koers``; direction per year: every measured year better than the reference;
   no target: always), else ``vooruitgang, te langzaam``.
"""

from __future__ import annotations

from collections.abc import Mapping

from evaluatie.gedeeld.definities import (  # noqa: F401  (the status vocabulary, defined once)
    DOEL_GEHAALD,
    DOEL_GEHAALD_MARGE,
    DOEL_NIET_GEHAALD,
    GEEN_VERANDERING,
    ONVOLDOENDE_GEGEVENS,
    OP_KOERS,
    STATUS_OPMAAK,
    STATUSSEN,
    TE_LANGZAAM,
    VERKEERDE_RICHTING,
)

#: Codes of the target verdict (column ``doel_oordeel``).
GEHAALD = "gehaald"
GEHAALD_MARGE = "gehaald_binnen_foutmarge"
NIET_GEHAALD = "niet_gehaald"
NIET_GEHAALD_MARGE = "niet_gehaald_binnen_foutmarge"
NOG_NIET = "nog_niet_gehaald"


def bepaal_status(
    *,
    doel_type: str,
    heeft_latere_meting: bool,
    doel_oordeel: str | None,
    verandering_in_richting: bool | None,
    verandering_oordeel: str | None,
    tempo: float | None = None,
    kans_doel_gehaald: float | None = None,
    alle_jaren_in_richting: bool | None = None,
    drempels: Mapping[str, float],
) -> str:
    """The status word by the rules in the module docstring.

    ``doel_oordeel``: one of the target codes above (None without a target);
    ``verandering_oordeel``: the change code of :func:`evaluatie.voortgang.toetsen.vergelijk`
    (``hoger``/``lager`` mean a demonstrable change, ``verandering_in_richting`` says whether
    it is the desired one).
    """
    if not heeft_latere_meting:
        return ONVOLDOENDE_GEGEVENS
    if doel_oordeel == GEHAALD:
        return DOEL_GEHAALD
    if doel_oordeel == GEHAALD_MARGE:
        return DOEL_GEHAALD_MARGE
    if doel_oordeel in (NIET_GEHAALD, NIET_GEHAALD_MARGE):
        return DOEL_NIET_GEHAALD
    if verandering_oordeel in (None, "niet_te_toetsen"):
        return ONVOLDOENDE_GEGEVENS
    if verandering_oordeel == "binnen_foutmarge":
        return GEEN_VERANDERING
    if not verandering_in_richting:
        return VERKEERDE_RICHTING
    if doel_type == "waarde":
        if kans_doel_gehaald is not None:
            return OP_KOERS if round(kans_doel_gehaald, 9) >= drempels["kans_op_koers"] else TE_LANGZAAM
        if tempo is not None:
            return OP_KOERS if round(tempo, 9) >= drempels["tempo_op_koers"] else TE_LANGZAAM
        return TE_LANGZAAM
    if doel_type == "richting_per_jaar":
        return OP_KOERS if alle_jaren_in_richting is not False else TE_LANGZAAM
    return OP_KOERS

"""Which value targets an edition can judge, and which it must leave open.

One rule, used by the theme conclusion (:func:`evaluatie.hoofdstukken.thema.conclusie`) and the key
messages (:func:`evaluatie.hoofdstukken.samenvatting.kernboodschappen`), so the two never disagree:

- *decided*: the assessment gave a target verdict (``doel_oordeel`` ``gehaald``, ``niet_gehaald`` or
  either ``…_binnen_foutmarge``): the target was reached by the latest wave, or its year has been
  measured (docs/methodologie.md, "Status", rules 2 and 3);
- *open*: not decided, the target year is at or before the edition's ``peiljaar`` (the last year of its
  period), and the latest wave is from before the target year. Whether it was met is for a later
  edition to say, whatever the trend says now.
"""

from __future__ import annotations

import pandas as pd

#: target verdicts (column ``doel_oordeel`` of voortgang) that settle a target
BESLIST = ("gehaald", "gehaald_binnen_foutmarge", "niet_gehaald", "niet_gehaald_binnen_foutmarge")


def beslist(doel_oordeel: pd.Series) -> pd.Series:
    """Boolean Series (same index): the row's target verdict settles it (:data:`BESLIST`); missing -> False."""
    return doel_oordeel.astype("string").isin(BESLIST).fillna(False).astype(bool)


def open_doelen(doel_oordeel: pd.Series, doel_jaar: pd.Series, laatste_jaar: pd.Series,
                peiljaar: int | None) -> pd.Series:
    """Boolean Series (index of ``doel_oordeel``): the target is open in an edition with ``peiljaar``.

    ``doel_jaar`` and ``laatste_jaar`` are years (numbers or numeric text; missing -> not open), in the
    order of ``doel_oordeel`` (aligned by position). Without a ``peiljaar`` nothing is open. Example: target year 2022, latest wave
    2021, peiljaar 2022, no verdict -> open; the same with latest wave 2023 -> not open (that wave decides).
    """
    if peiljaar is None:
        return pd.Series(False, index=doel_oordeel.index)
    doel, laatste = (pd.Series(pd.to_numeric(pd.Series(jaren).to_numpy(), errors="coerce"), index=doel_oordeel.index)
                     for jaren in (doel_jaar, laatste_jaar))  # aligned by position, whatever their index
    return (~beslist(doel_oordeel) & (doel <= peiljaar).fillna(False) & (laatste < doel).fillna(False)).astype(bool)

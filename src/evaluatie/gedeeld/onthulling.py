"""Disclosure control for counts of people, by kind (a declared count), not by unit string.

A count of people below ``onthulling.min_aantal`` (params.yaml) is never published. Hiding that one
cell is not enough when the same table publishes a total of the column (the hidden cell would follow
by subtraction) or a ratio built from the cell (it would follow by division). So:

* **primary** suppression: every count under the threshold;
* **secondary** suppression: while a published total would reveal the hidden cells, i.e. while the
  suppressed cells of one total add up to less than the threshold (one hidden cell is exactly
  ``total - published cells``), the smallest published cell is hidden as well; when no cell is left
  to hide, the total itself may not be published;
* every value computed from a hidden cell in the same row (a cost per person, a share) is hidden
  with it.

:func:`onderdruk_aantallen` does this for one table (e.g. projects and their ``bereik``); the
``voortgang`` stage applies the same rule to the measurements, with the gemeente as the total of its
wijken (:mod:`evaluatie.voortgang.onthulling`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Onderdrukking:
    """Result of :func:`onderdruk_aantallen`.

    ``tabel``: a copy with the hidden cells (the count and the ``afgeleid`` columns) empty (NaN) and a
    boolean column ``<kolom>_onderdrukt``; ``masker``: the rows whose count is hidden (primary and
    secondary); ``totaal``: the column total that may be published, or ``None`` when it may not
    (it would reveal a hidden cell) or there is nothing to add up.
    """

    tabel: pd.DataFrame
    masker: pd.Series
    totaal: float | None


def te_klein(waarden: pd.Series, min_aantal: int) -> pd.Series:
    """Primary suppression: known counts under ``min_aantal`` (zero included)."""
    w = pd.to_numeric(waarden, errors="coerce").astype("float64")
    return (w.notna() & (w < min_aantal)).astype(bool)


def aanvullend(waarden: pd.Series, primair: pd.Series, min_aantal: int) -> tuple[pd.Series, bool]:
    """Secondary suppression for parts that add up to a published total.

    Returns the mask of hidden parts (primary plus the smallest published parts needed) and whether
    the total may still be published. Ties are broken by position, so the result is deterministic.
    """
    w = pd.to_numeric(waarden, errors="coerce").astype("float64")
    masker = primair.astype(bool).copy()
    if not masker.any():
        return masker, True
    while True:
        verborgen = w[masker & w.notna()]
        # one hidden part is exactly total - published parts; several together must not be a small group
        if len(verborgen) >= 2 and float(verborgen.sum()) >= min_aantal:
            return masker, True
        kandidaten = w[~masker & w.notna()]
        if kandidaten.empty:
            return masker, False
        volgorde = np.lexsort((np.arange(len(kandidaten)), kandidaten.to_numpy()))
        masker.loc[kandidaten.index[volgorde[0]]] = True


def onderdruk_aantallen(tabel: pd.DataFrame, kolom: str, min_aantal: int, *,
                        afgeleid: Iterable[str] = (), met_totaal: bool = True) -> Onderdrukking:
    """Hide small counts of people in ``tabel[kolom]`` and everything that would reveal them.

    Parameters
    ----------
    tabel
        one row per unit (e.g. a project), ``kolom`` its count of people (e.g. ``bereik``; empty =
        unknown, left as it is).
    min_aantal
        ``Instellingen.min_aantal`` (``onthulling.min_aantal`` in params.yaml).
    afgeleid
        columns computed from the count in the same row (e.g. ``kosten_per_deelnemer``): emptied
        where the count is hidden.
    met_totaal
        the table publishes the column total (or a ratio of totals): apply secondary suppression.
        Without a total only the primary cells (and their ``afgeleid``) are hidden.

    Use ``result.totaal`` for the printed total (``None``: print "–", the total is not published) and
    ``result.tabel`` for the rows; never recompute a total or a ratio from the unsuppressed input.
    """
    primair = te_klein(tabel[kolom], min_aantal)
    if met_totaal:
        masker, totaal_ok = aanvullend(tabel[kolom], primair, min_aantal)
    else:
        masker, totaal_ok = primair, False
    uit = tabel.copy()
    for k in (kolom, *afgeleid):
        uit[k] = pd.to_numeric(uit[k], errors="coerce").astype("float64").mask(masker)
    uit[f"{kolom}_onderdrukt"] = masker.to_numpy()
    bekend = pd.to_numeric(tabel[kolom], errors="coerce")
    totaal = float(bekend.sum()) if met_totaal and totaal_ok and bekend.notna().any() else None
    return Onderdrukking(tabel=uit, masker=masker, totaal=totaal)


def publiceerbaar_aantal(waarde: object, min_aantal: int) -> float | None:
    """A single count of people as it may be printed: ``None`` when it is under ``min_aantal``."""
    try:
        w = float(waarde)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if np.isnan(w) or w < min_aantal else w

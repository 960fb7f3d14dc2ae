"""Disclosure control: never publish cells that could reveal small groups of residents.

Applied once, in the `voortgang` stage, to the measurements that feed the report,
so that every published form (PDF, HTML, CSV beside them, figures) inherits it.
A suppressed cell keeps its row (so the report can say a value exists but is not
shown) with value and bounds emptied and markering ``ONDERDRUKT``.

What is a count of people is decided by kind, not by the exact unit string: the column
``telling`` (declared per indicator in koppeling.yaml or the kader, ``telling: true``) or a unit
whose kind is a count (:func:`evaluatie.gedeeld.definities.eenheid_soort`: ``aantal``,
``aantal jongeren``, ``personen``; not ``aantal per 10.000 inwoners``). Within one indicator, year
and age group the gemeente is the total of its wijken: a hidden wijk is protected by secondary
suppression (:func:`evaluatie.gedeeld.onthulling.aanvullend`), and a gemeente total that would
still reveal it is hidden too.
"""

from __future__ import annotations

import pandas as pd

from evaluatie.gedeeld.definities import eenheid_soort
from evaluatie.gedeeld.onthulling import aanvullend, te_klein

ONDERDRUKT = "onderdrukt"


def is_telling(eenheid: object) -> bool:
    """True for a unit that counts people ('aantal', 'aantal jongeren'), not for rates such as
    'aantal per 10.000 inwoners'."""
    return eenheid_soort(eenheid) == "telling"


def tellingen(metingen: pd.DataFrame) -> pd.Series:
    """Boolean mask of the rows that are counts of people (declared, or by the kind of their unit)."""
    eenheid = metingen.get("eenheid", pd.Series("", index=metingen.index))
    soort = eenheid.map(is_telling).astype(bool)
    if "telling" in metingen:
        soort |= metingen["telling"].fillna(False).astype(bool)
    return soort


def te_onderdrukken(metingen: pd.DataFrame, min_aantal: int = 10, onderdruk_onbetrouwbaar: bool = True) -> pd.Series:
    """Boolean mask of the cells that must not be published (primary and secondary suppression)."""
    markering = metingen.get("markering", pd.Series("", index=metingen.index)).fillna("").astype(str).str.strip()
    onbetrouwbaar = (markering == "?") if onderdruk_onbetrouwbaar else pd.Series(False, index=metingen.index)
    telling = tellingen(metingen)
    klein = telling & te_klein(metingen["waarde"], min_aantal)
    masker = (onbetrouwbaar | klein).astype(bool)
    if "gebied_niveau" in metingen and klein.any():
        masker |= _aanvullend(metingen, telling, klein, min_aantal)
    return masker.astype(bool)


def _aanvullend(metingen: pd.DataFrame, telling: pd.Series, klein: pd.Series, min_aantal: int) -> pd.Series:
    """Secondary suppression per indicator, year and age group: the gemeente is the total of its wijken."""
    extra = pd.Series(False, index=metingen.index)
    groep = [k for k in ("indicator_id", "tabel", "veld", "leeftijd", "jaar") if k in metingen]
    tel = metingen[telling]
    for _, deel in tel.groupby(groep, sort=True, dropna=False):
        wijken = deel[deel["gebied_niveau"] == "wijk"]
        gemeente = deel[deel["gebied_niveau"] == "gemeente"]
        if gemeente.empty or wijken.empty or not klein[wijken.index].any():
            continue
        verborgen, totaal_ok = aanvullend(wijken["waarde"], klein[wijken.index], min_aantal)
        extra[verborgen[verborgen].index] = True
        if not totaal_ok:
            extra[gemeente.index] = True
    return extra


def onderdruk(metingen: pd.DataFrame, min_aantal: int = 10, onderdruk_onbetrouwbaar: bool = True) -> pd.DataFrame:
    """Empty value and bounds of every cell that must not be published; mark it ``onderdrukt``."""
    masker = te_onderdrukken(metingen, min_aantal, onderdruk_onbetrouwbaar)
    uit = metingen.copy()
    for kolom in ("waarde", "ondergrens", "bovengrens"):
        if kolom in uit:
            uit[kolom] = uit[kolom].astype("float64").mask(masker)
    if "markering" in uit:
        uit["markering"] = uit["markering"].astype("object").where(~masker, ONDERDRUKT).astype(metingen["markering"].dtype)
    uit["onderdrukt"] = masker
    return uit

"""Disclosure control: never publish cells that could reveal small groups of residents.

Applied once, in the `voortgang` stage, to the measurements that feed the report,
so that every published form (PDF, HTML, CSV beside them, figures) inherits it.
A suppressed cell keeps its row (so the report can say a value exists but is not
shown) with value and bounds emptied and markering ``ONDERDRUKT``.
"""

from __future__ import annotations

import pandas as pd

ONDERDRUKT = "onderdrukt"
TELEENHEDEN = {"aantal", "aantal personen", "personen", "inwoners", "aantal inwoners"}

def is_telling(eenheid: object) -> bool:
    """True for plain counts of people ('aantal'), not for rates such as 'aantal per 10.000 inwoners'."""
    return isinstance(eenheid, str) and eenheid.strip().lower() in TELEENHEDEN


def te_onderdrukken(metingen: pd.DataFrame, min_aantal: int = 10, onderdruk_onbetrouwbaar: bool = True) -> pd.Series:
    """Boolean mask of the cells that must not be published."""
    markering = metingen.get("markering", pd.Series("", index=metingen.index)).fillna("").astype(str).str.strip()
    onbetrouwbaar = (markering == "?") if onderdruk_onbetrouwbaar else pd.Series(False, index=metingen.index)
    eenheid = metingen.get("eenheid", pd.Series("", index=metingen.index))
    klein = eenheid.map(is_telling).astype(bool) & metingen["waarde"].notna() & (metingen["waarde"] < min_aantal)
    return (onbetrouwbaar | klein).astype(bool)


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

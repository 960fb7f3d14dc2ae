"""Is one figure different from another? The rule depends on the kind of source.

:func:`vergelijk` is the one entry point used for the change since the peiljaar, the
years of a direction-per-year target and the comparison with Nederland and the comparable
municipalities. It answers with a code:

- ``hoger`` / ``lager``: the second figure is demonstrably higher / lower than the first;
- ``binnen_foutmarge``: the difference is within the margin (survey, model) or smaller than
  the materiality band (registration);
- ``niet_te_toetsen``: the sources do not allow a claim (no interval, or a rounded
  policy-text value without the measured wave behind it).

Methods (column ``methode``): ``z_logit`` / ``z_lineair`` (two-sided z-test, direct survey
estimates), ``overlap`` (model estimates: only non-overlapping intervals count),
``materialiteit`` (registrations). Statistics through scipy/statsmodels.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from evaluatie.voortgang.onzekerheid import (
    BELEIDSTEKST,
    DIRECT,
    MODEL,
    REGISTRATIE,
    Meting,
    logit,
    rond,
    se_logit_uit_interval,
    se_logit_uit_n,
    se_uit_interval,
    se_uit_n,
    z_kritiek,
)

HOGER = "hoger"
LAGER = "lager"
BINNEN_FOUTMARGE = "binnen_foutmarge"
NIET_TE_TOETSEN = "niet_te_toetsen"
OORDELEN: tuple[str, ...] = (HOGER, LAGER, BINNEN_FOUTMARGE, NIET_TE_TOETSEN)

#: Threshold comparisons are made on values rounded to 9 decimals so that mathematically
#: equal quantities computed along different float paths land on the same side.
_DECIMALEN_VERGELIJK = 9


def _r9(x: float) -> float:
    return round(float(x), _DECIMALEN_VERGELIJK)


def z_toets(
    waarde1: float, se1: float | None, waarde2: float, se2: float | None, alpha: float = 0.05
) -> dict[str, Any]:
    """Two-sided z-test for ``waarde2 - waarde1`` of two independent estimates.

    Returns ``verschil, se, z, p, significant``; ``p``/``significant`` are ``None`` when a
    standard error is unknown or both are zero (no test possible, never "any change counts").
    """
    verschil = float(waarde2) - float(waarde1)
    uit: dict[str, Any] = {"verschil": verschil, "se": None, "z": None, "p": None, "significant": None}
    if se1 is None or se2 is None:
        return uit
    se = math.hypot(se1, se2)
    if se == 0:
        return uit
    z = verschil / se
    p = float(2.0 * stats.norm.sf(abs(z)))
    uit.update(se=se, z=z, p=p, significant=bool(_r9(p) < alpha))
    return uit


def toets_proporties(
    p1: float, n1: int, p2: float, n2: int, alpha: float = 0.05, *, als_percentage: bool = True
) -> dict[str, Any]:
    """Two-sample z-test of proportions (statsmodels ``proportions_ztest``, pooled), simple random
    sampling. Kept for reference; :func:`vergelijk` uses n only with a design effect."""
    schaal = 100.0 if als_percentage else 1.0
    tellingen = np.array([p1 / schaal * n1, p2 / schaal * n2], dtype=float)
    z, p = proportions_ztest(tellingen, np.array([n1, n2], dtype=float))
    return {"verschil": float(p2) - float(p1), "z": -float(z), "p": float(p), "significant": bool(_r9(float(p)) < alpha)}


def interval_proportie(p: float, n: int, alpha: float = 0.05, *, als_percentage: bool = True) -> tuple[float, float]:
    """Wilson interval for a proportion (statsmodels ``proportion_confint``); always inside [0, 100]."""
    schaal = 100.0 if als_percentage else 1.0
    onder, boven = proportion_confint(p / schaal * n, n, alpha=alpha, method="wilson")
    return float(onder) * schaal, float(boven) * schaal


def _se_direct(m: Meting, is_percentage: bool, niveau: float, design_effect: float) -> tuple[float | None, float | None]:
    """(logit SE, linear SE) of a direct survey estimate: the published interval first, n only
    without an interval. Bounds that coincide after rounding give the largest SE the rounding
    allows (half a unit of the last decimal), a conservative stand-in."""
    if m.onder is not None and m.boven is not None:
        lin = se_uit_interval(m.onder, m.boven, niveau)
        if lin == 0:
            return None, 0.5 * 10.0 ** (-m.decimalen) / z_kritiek(niveau)
        lg = se_logit_uit_interval(m.onder, m.boven, niveau) if is_percentage else None
        return lg, lin
    if m.n is not None and is_percentage:
        return se_logit_uit_n(m.waarde, m.n, design_effect), se_uit_n(m.waarde, m.n, design_effect)
    return None, None


def vergelijk(
    a: Meting,
    b: Meting,
    *,
    is_percentage: bool,
    alpha: float = 0.05,
    niveau: float = 0.95,
    materialiteit: float = 0.01,
    design_effect: float = 1.5,
) -> dict[str, Any]:
    """Is ``b`` different from ``a``? By the kind of source of ``b`` (the measured series).

    Both values are first rounded to the coarser of their published precisions, so a
    whole-percent policy value is compared as a whole percent. Returns ``verschil`` (b - a,
    at that precision), ``p`` (None unless a z-test was made), ``oordeel`` (one of
    :data:`OORDELEN`) and ``methode``.

    - ``a`` from a policy text (``soort == 'beleidstekst'``) against a survey or model
      estimate: ``niet_te_toetsen`` (rounded, no standard error).
    - direct survey estimate: two-sided z-test; for percentages on the logit scale when both
      intervals allow it (asymmetric bounds), else on the linear scale.
    - model estimate: ``hoger``/``lager`` only when the two intervals do not overlap.
    - registration: ``binnen_foutmarge`` when |b - a| / |a| < ``materialiteit``.
    """
    d = min(a.decimalen, b.decimalen)
    va, vb = rond(a.waarde, d), rond(b.waarde, d)
    verschil = vb - va
    uit: dict[str, Any] = {"verschil": verschil, "p": None, "oordeel": NIET_TE_TOETSEN, "methode": None}
    richting = HOGER if verschil > 0 else LAGER
    if b.soort == REGISTRATIE:
        uit["methode"] = "materialiteit"
        if verschil == 0:
            uit["oordeel"] = BINNEN_FOUTMARGE
        elif va != 0 and _r9(abs(verschil) / abs(va)) < materialiteit:
            uit["oordeel"] = BINNEN_FOUTMARGE
        else:
            uit["oordeel"] = richting
        return uit
    if a.soort == BELEIDSTEKST:
        uit["methode"] = "beleidswaarde"
        return uit
    if b.soort == MODEL:
        uit["methode"] = "overlap"
        if None in (a.onder, a.boven, b.onder, b.boven):
            return uit
        if b.onder > a.boven:  # type: ignore[operator]
            uit["oordeel"] = HOGER
        elif b.boven < a.onder:  # type: ignore[operator]
            uit["oordeel"] = LAGER
        else:
            uit["oordeel"] = BINNEN_FOUTMARGE
        return uit
    if b.soort == DIRECT:
        lg_a, lin_a = _se_direct(a, is_percentage, niveau, design_effect)
        lg_b, lin_b = _se_direct(b, is_percentage, niveau, design_effect)
        if lg_a is not None and lg_b is not None and 0 < va < 100 and 0 < vb < 100:
            t = z_toets(logit(va), lg_a, logit(vb), lg_b, alpha)
            uit["methode"] = "z_logit"
        else:
            t = z_toets(va, lin_a, vb, lin_b, alpha)
            uit["methode"] = "z_lineair"
        if t["p"] is None:
            uit["methode"] = None
            return uit
        uit["p"] = t["p"]
        uit["oordeel"] = richting if t["significant"] else BINNEN_FOUTMARGE
        return uit
    raise ValueError(f"onbekende soort bron {b.soort!r}")


def herbeoordeel(oordeel: dict[str, Any], p_gecorrigeerd: float | None, alpha: float) -> dict[str, Any]:
    """The verdict of a z-test redone with a multiplicity-corrected p-value."""
    if oordeel.get("p") is None or p_gecorrigeerd is None or oordeel["oordeel"] == NIET_TE_TOETSEN:
        return oordeel
    uit = dict(oordeel)
    if _r9(p_gecorrigeerd) < alpha:
        uit["oordeel"] = HOGER if oordeel["verschil"] > 0 else LAGER
    else:
        uit["oordeel"] = BINNEN_FOUTMARGE
    return uit


def benjamini_hochberg(pwaarden: list[float | None]) -> list[float | None]:
    """Benjamini–Hochberg adjusted p-values (statsmodels ``multipletests``, ``fdr_bh``);
    None stays None and is not counted as a test."""
    idx = [i for i, p in enumerate(pwaarden) if p is not None]
    uit: list[float | None] = [None] * len(pwaarden)
    if not idx:
        return uit
    _, aangepast, _, _ = multipletests([float(pwaarden[i]) for i in idx], method="fdr_bh")  # type: ignore[arg-type]
    for i, q in zip(idx, aangepast):
        uit[i] = float(q)
    return uit

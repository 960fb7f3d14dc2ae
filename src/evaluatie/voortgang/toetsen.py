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
from scipy import special
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
    # the normal tail as scipy.stats.norm.sf computes it (sf(x) = ndtr(-x) at loc 0, scale 1),
    # without the argument handling of rv_continuous per call; the same float (tested)
    p = float(2.0 * special.ndtr(-abs(z)))
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


def _se_bereik(m: Meting, is_percentage: bool, niveau: float, design_effect: float,
               logit_schaal: bool) -> tuple[float, float]:
    """(smallest, largest) standard error a direct survey estimate can have, on the logit or
    the linear scale.

    - published interval: the SE it implies, exactly (the interval is preferred over n);
    - bounds that coincide after rounding: between 0 and half a unit of the last decimal / z;
    - only n (no interval): the binomial SE with ``n / design_effect``, exactly;
    - nothing: between 0 and infinity (unknown).
    """
    if m.onder is not None and m.boven is not None:
        lin = se_uit_interval(m.onder, m.boven, niveau)
        if lin == 0:
            return 0.0, (math.inf if logit_schaal else 0.5 * 10.0 ** (-m.decimalen) / z_kritiek(niveau))
        se = se_logit_uit_interval(m.onder, m.boven, niveau) if logit_schaal else lin
        return (se, se) if se is not None else (0.0, math.inf)
    if m.n is not None and is_percentage:
        se = se_logit_uit_n(m.waarde, m.n, design_effect) if logit_schaal else se_uit_n(m.waarde, m.n, design_effect)
        return (se, se) if se is not None else (0.0, math.inf)
    return 0.0, math.inf


def _logit_mogelijk(m: Meting, is_percentage: bool, niveau: float) -> bool:
    """True when the wave has an SE on the logit scale (an interval strictly inside (0, 100),
    or only n) or no SE information at all (then the scale does not matter for the bound)."""
    if not is_percentage or not 0.0 < m.waarde < 100.0:
        return False
    if m.onder is not None and m.boven is not None:
        return se_logit_uit_interval(m.onder, m.boven, niveau) is not None
    return True


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
      intervals allow it (asymmetric bounds), else on the linear scale. The published interval
      is preferred over n; n alone gives the binomial SE with n / design_effect. A wave whose
      SE is unknown (no interval, no n) or only bounded (bounds equal after rounding) gives a
      verdict only when it holds for every SE in that range (methode ``*_grens``, ``p`` then
      the p-value at the deciding end of the range); else ``niet_te_toetsen``.
    - model estimate: ``hoger``/``lager`` only when the two intervals do not overlap.
    - registration: ``binnen_foutmarge`` when |b - a| / |a| < ``materialiteit``; for a
      percentage the denominator is min(a, 100 - a), so that "% eenzaam" and "% niet eenzaam"
      get the same verdict.
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
        elif (noemer := min(abs(va), abs(100.0 - va)) if is_percentage else abs(va)) != 0 \
                and _r9(abs(verschil) / noemer) < materialiteit:
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
        logit_schaal = _logit_mogelijk(a, is_percentage, niveau) and _logit_mogelijk(b, is_percentage, niveau) \
            and 0 < va < 100 and 0 < vb < 100
        x1, x2 = (logit(va), logit(vb)) if logit_schaal else (va, vb)
        lo_a, hi_a = _se_bereik(a, is_percentage, niveau, design_effect, logit_schaal)
        lo_b, hi_b = _se_bereik(b, is_percentage, niveau, design_effect, logit_schaal)
        methode = "z_logit" if logit_schaal else "z_lineair"
        exact = lo_a == hi_a and lo_b == hi_b
        # A standard error that is only known to lie in a range: the difference is demonstrable
        # when it is significant even with the largest SEs, and within the margin when it is not
        # significant even with the smallest; otherwise the data do not decide.
        ruim = z_toets(x1, hi_a, x2, hi_b, alpha) if math.isfinite(hi_a + hi_b) else {"p": None, "significant": False}
        krap = z_toets(x1, lo_a, x2, lo_b, alpha)
        uit["methode"] = methode if exact else methode + "_grens"
        if ruim["significant"]:
            uit["p"], uit["oordeel"] = ruim["p"], richting
        elif verschil == 0:
            uit["oordeel"] = BINNEN_FOUTMARGE
        elif krap["p"] is not None and not krap["significant"]:
            uit["p"], uit["oordeel"] = krap["p"], BINNEN_FOUTMARGE
        elif exact and krap["p"] is None:  # both standard errors exactly zero: no test possible
            uit["methode"] = None
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

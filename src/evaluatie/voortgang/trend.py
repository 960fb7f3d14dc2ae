"""Straight-line trend over the waves, and — only with enough waves — a projection.

With fewer than ``min_punten`` waves (default 5) only the slope is reported: with 3–4
waves a prediction interval is dominated by how the residual scale happens to fall
(issue 14, point 6) and "kans dat het doel gehaald wordt" is no more than "the straight
line reaches the target". With enough waves and published standard errors the model is a
random-effects meta-regression: wave i has variance ``SE_i² + τ²``, where τ² (scatter
beyond the sampling error) is estimated by the method of moments (DerSimonian–Laird,
generalised to regression); the fit is statsmodels WLS with known variances (normal
distribution). Without standard errors (registrations) it is OLS with Student t.
Percentage projections and intervals are clipped to [0, 100].
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats
from statsmodels.regression.linear_model import OLS, WLS
from statsmodels.tools.tools import add_constant

from evaluatie.voortgang.onzekerheid import klem


def tau2_momenten(x: np.ndarray, y: np.ndarray, se: np.ndarray, *, X: np.ndarray | None = None) -> float:
    """Method-of-moments τ² for a straight line with known variances ``se²``.

    ``Q = Σ w_i r_i²`` (fixed-effect WLS residuals, ``w = 1/se²``);
    ``τ² = max(0, (Q - (k - 2)) / (Σw - tr((XᵀWX)⁻¹ XᵀW²X)))``
    (DerSimonian & Laird 1986; Raudenbush 2009 for the regression form).
    ``X``: the design matrix ``add_constant(x, has_constant="add")`` when the caller has already
    built it (shape (k, 2): a column of ones, then ``x``); else it is built here.
    """
    if X is None:
        X = add_constant(x, has_constant="add")
    w = 1.0 / se**2
    res = WLS(y, X, weights=w).fit()
    q = float(np.sum(w * res.resid**2))
    xtwx_inv = np.linalg.inv(X.T @ (w[:, None] * X))
    spoor = float(np.sum(w) - np.trace(xtwx_inv @ (X.T @ ((w**2)[:, None] * X))))
    if spoor <= 0:
        return 0.0
    return max(0.0, (q - (len(x) - 2)) / spoor)


def trend_en_projectie(
    jaren: Any,
    waarden: Any,
    se: Any = None,
    *,
    doel_jaar: int | None = None,
    doel_waarde: float | None = None,
    richting: str = "lager",
    alpha: float = 0.05,
    min_punten: int = 5,
    is_percentage: bool = False,
) -> dict[str, Any]:
    """Slope (per year) from 2 waves on; projection to ``doel_jaar``, its prediction interval
    ("bij lineaire voortzetting") and ``kans_doel_gehaald`` from ``min_punten`` waves on.

    Returns ``trend_methode`` (``OLS``, ``WLS+tau2`` or None), ``trend_punten``,
    ``trend_helling``, ``trend_helling_se``, ``trend_tau2``, ``projectie``,
    ``projectie_onder``, ``projectie_boven``, ``kans_doel_gehaald``, ``projectie_reden``
    (why there is no projection). The new wave in the target year is assumed to have the
    standard error of the latest wave.
    """
    uit: dict[str, Any] = {
        "trend_methode": None, "trend_punten": 0, "trend_helling": None, "trend_helling_se": None,
        "trend_tau2": None, "projectie": None, "projectie_onder": None, "projectie_boven": None,
        "kans_doel_gehaald": None, "projectie_reden": None,
    }
    x = np.asarray(jaren, dtype=float)
    y = np.asarray(waarden, dtype=float)
    uit["trend_punten"] = int(len(x))
    if len(x) < 2 or len(np.unique(x)) < 2:
        uit["projectie_reden"] = "minder dan twee meetjaren"
        return uit
    s = None if se is None else np.asarray(se, dtype=float)
    gewogen = s is not None and len(s) == len(x) and bool(np.all(np.isfinite(s))) and bool(np.all(s > 0))
    x0 = float(x.min())
    X = add_constant(x - x0, has_constant="add")
    tau2 = 0.0
    if gewogen and len(x) > 2:
        tau2 = tau2_momenten(x - x0, y, s, X=X)  # type: ignore[arg-type]
    if gewogen:
        var = s**2 + tau2  # type: ignore[operator]
        res = WLS(y, X, weights=1.0 / var).fit(cov_type="fixed scale", cov_kwds={"scale": 1.0}, use_t=False)
        uit["trend_methode"] = "WLS+tau2"
        uit["trend_tau2"] = float(tau2)
    else:
        res = OLS(y, X).fit()
        uit["trend_methode"] = "OLS"
    uit["trend_helling"] = float(res.params[1])
    uit["trend_helling_se"] = float(res.bse[1]) if len(x) > 2 or gewogen else None
    if len(x) < min_punten:
        uit["projectie_reden"] = f"te weinig metingen voor een projectie ({len(x)}; minimaal {min_punten} nodig)"
        return uit
    if doel_jaar is None or doel_waarde is None:
        uit["projectie_reden"] = "geen doelwaarde met doeljaar"
        return uit
    if int(doel_jaar) <= int(x.max()):
        uit["projectie_reden"] = "doeljaar ligt niet na de laatste meting"
        return uit
    xn = np.array([1.0, float(doel_jaar) - x0])
    gemiddelde = float(xn @ res.params)
    var_lijn = float(xn @ res.cov_params() @ xn)
    if gewogen:
        laatste_se = float(s[int(np.argmax(x))])  # type: ignore[index]
        sd = float(np.sqrt(var_lijn + tau2 + laatste_se**2))
        verdeling = stats.norm()
    else:
        sd = float(np.sqrt(var_lijn + res.scale))
        verdeling = stats.t(df=res.df_resid)
    q = float(verdeling.ppf(1.0 - alpha / 2.0))
    uit["projectie"] = klem(gemiddelde, is_percentage)
    uit["projectie_onder"] = klem(gemiddelde - q * sd, is_percentage)
    uit["projectie_boven"] = klem(gemiddelde + q * sd, is_percentage)
    if sd > 1e-9 * max(1.0, abs(gemiddelde)):
        t = (float(doel_waarde) - gemiddelde) / sd
        uit["kans_doel_gehaald"] = float(verdeling.cdf(t) if richting == "lager" else verdeling.sf(t))
    else:
        gehaald = round(gemiddelde, 9) <= round(float(doel_waarde), 9) if richting == "lager" \
            else round(gemiddelde, 9) >= round(float(doel_waarde), 9)
        uit["kans_doel_gehaald"] = float(gehaald)
    return uit

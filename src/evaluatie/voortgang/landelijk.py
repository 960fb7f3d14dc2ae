"""Many comparisons at once: every region against Nederland, one municipality against many peers.

The scalar path (:func:`~evaluatie.voortgang.onzekerheid.splits_reeks` per series, then
:func:`~evaluatie.voortgang.toetsen.vergelijk` per pair) costs tens of milliseconds per region;
at national scale (17,000 regions) that is minutes. This module gives the same answers
column-wise:

- :func:`geldige_golven`: the valid waves of every (indicator, region) series in one frame,
  with the exclusion rules, the decimals and the kind of source of ``splits_reeks``;
- :func:`vergelijk_golven`: ``vergelijk(a, b)`` for aligned arrays of waves;
- :func:`vergelijk_met_nederland`: every region's latest valid wave against Nederland's wave of
  that year, as the ``nl_*`` columns of ``beoordeel_alles``;
- :class:`Vergelijkingsgolven`: the waves of the comparable municipalities, split once, for
  ``beoordeel_alles``'s column ``vergelijking_gemeenten``.

Exactness. Every transcendental or rounding step that the scalar path does in Python (``rond``
with Decimal half-even on ``repr(float)``, ``decimalen``, ``math.log``, ``math.hypot``,
``round(x, 9)``, ``str.strip``) is done here by the very same Python function, applied once per
*distinct* input; only IEEE-exact arithmetic (+, -, *, /, sqrt, comparisons) runs in numpy.
Cases that are rare and awkward to vectorise (a direct survey estimate whose standard error is
only bounded or unknown, methode ``*_grens``; both standard errors zero; an unknown kind of
source) go through the scalar :func:`vergelijk` for just those rows. A series the fast path
cannot vouch for (a year twice or missing, a kind of source not declared exactly once) is left
to ``splits_reeks``, which gives the exact error.

Pure functions, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from evaluatie.gedeeld.getallen import decimalen, leeg
from evaluatie.voortgang.onzekerheid import (
    BELEIDSTEKST,
    DIRECT,
    MODEL,
    REGISTRATIE,
    SOORTEN,
    Meting,
    logit,
    rond,
    splits_reeks,
    z_kritiek,
)
from evaluatie.voortgang.toetsen import (
    BINNEN_FOUTMARGE,
    HOGER,
    LAGER,
    NIET_TE_TOETSEN,
    vergelijk,
)

#: Columns of :func:`geldige_golven`'s frame. ``onder``/``boven`` are NOT clipped (clipping
#: depends on the indicator, see :func:`geklemd`); ``n`` is float with NaN for "none".
GOLF_KOLOMMEN = ["indicator_id", "gebied", "jaar", "waarde", "onder", "boven", "n", "decimalen", "soort"]

#: Output columns of :func:`vergelijk_met_nederland`.
NL_KOLOMMEN = ["indicator_id", "gebied", "laatste_jaar", "laatste_waarde", "laatste_onder", "laatste_boven",
               "laatste_decimalen", "nl_jaar", "nl_waarde", "nl_onder", "nl_boven", "nl_decimalen",
               "nl_verschil", "nl_oordeel", "nl_methode", "nl_p"]


# -- per distinct value: the scalar functions themselves ------------------------------------------

def _per_uniek(waarden: np.ndarray, functie: Callable[[Any], Any], dtype: Any = "float64") -> np.ndarray:
    """``functie`` applied to every element, computed once per distinct value (floats by their bit
    pattern, so that -0.0 and 0.0 each get their own answer)."""
    if len(waarden) == 0:
        return np.empty(0, dtype=dtype)
    if waarden.dtype == np.float64:
        _, eerste, terug = np.unique(np.ascontiguousarray(waarden).view(np.int64), return_index=True,
                                     return_inverse=True)
        uniek = waarden[eerste]
    else:
        uniek, terug = np.unique(waarden, return_inverse=True)
    return np.asarray([functie(x) for x in uniek.tolist()], dtype=dtype)[terug]


def _rond(waarden: np.ndarray, d: np.ndarray) -> np.ndarray:
    """:func:`rond` element-wise (once per distinct (value, decimals) pair)."""
    uit = np.empty(len(waarden), dtype="float64")
    for dd in np.unique(d).tolist():
        sel = d == dd
        uit[sel] = _per_uniek(waarden[sel], lambda x, dd=dd: rond(x, int(dd)))
    return uit


def _r9(x: np.ndarray) -> np.ndarray:
    """``round(x, 9)`` as Python does it (correctly rounded), element-wise."""
    return np.asarray([round(v, 9) for v in x.tolist()], dtype="float64")


def _hypot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray([math.hypot(x, y) for x, y in zip(a.tolist(), b.tolist())], dtype="float64")


def _logit(x: np.ndarray) -> np.ndarray:
    """:func:`logit` element-wise; only call with values strictly inside (0, 100)."""
    return _per_uniek(x, logit)


def geklemd(x: np.ndarray, is_percentage: np.ndarray) -> np.ndarray:
    """:func:`klem` element-wise: ``min(100, max(0, x))`` where ``is_percentage``, NaN stays NaN.

    Follows Python's ``max``/``min`` exactly, signed zeros included (``max(0.0, -0.0)`` is 0.0).
    """
    x = np.asarray(x, dtype="float64")
    y = np.where(x > 0.0, x, 0.0)
    y = np.where(y < 100.0, y, 100.0)
    return np.where(np.asarray(is_percentage, dtype=bool) & ~np.isnan(x), y, x)


# -- valid waves ------------------------------------------------------------------------------------

def _tekst_of_leeg(reeks: pd.Series) -> bool:
    """True when every value is a str or missing (the shape koppel() gives)."""
    return bool(all(isinstance(v, str) or leeg(v) for v in pd.unique(reeks.to_numpy(dtype=object))))


def eenvoudig(metingen: pd.DataFrame) -> bool:
    """Whether :func:`geldige_golven` can handle this frame column-wise: the key and text columns
    hold text (or nothing), ``jaar``, ``waarde``, the bounds and ``n`` are numeric, and
    ``onzekerheid`` exists. Otherwise callers use the scalar path, which gives the exact error."""
    for k in ("indicator_id", "gebied", "jaar", "waarde", "onzekerheid"):
        if k not in metingen.columns:
            return False
    for k in ("jaar", "waarde", "ondergrens", "bovengrens", "n"):
        if k in metingen.columns and not (pd.api.types.is_numeric_dtype(metingen[k])
                                          and not pd.api.types.is_bool_dtype(metingen[k])):
            return False
    for k in ("indicator_id", "gebied", "onzekerheid", "markering"):
        if k in metingen.columns and not _tekst_of_leeg(metingen[k]):
            return False
    return True


def _als_float(reeks: pd.Series | None, n: int) -> np.ndarray:
    if reeks is None:
        return np.full(n, np.nan)
    return reeks.astype("float64").to_numpy(dtype="float64", na_value=np.nan)


def geldige_golven(metingen: pd.DataFrame) -> tuple[pd.DataFrame, set[tuple[str, str]]]:
    """The valid waves of every (indicator_id, gebied) series, as ``splits_reeks`` finds them.

    ``metingen``: koppel()'s columns (at least indicator_id, gebied, jaar, waarde, onzekerheid;
    optionally ondergrens, bovengrens, markering, n), any number of series; the frame must pass
    :func:`eenvoudig` (raises ``ValueError`` otherwise). Rows with a missing indicator_id or
    gebied are left out (as ``groupby`` does).

    Returns ``(golven, onzeker)``: ``golven`` has columns :data:`GOLF_KOLOMMEN` (jaar int64,
    waarde/onder/boven/n float64, decimalen int64, soort str), one row per valid wave, sorted by
    indicator_id, gebied, jaar; bounds unclipped. ``onzeker``: the keys of series the fast path
    does not judge (a missing or repeated year, a non-integral year, the kind of source not
    declared exactly once among the known kinds): they are not in ``golven``; pass them to
    ``splits_reeks``, which raises the exact :class:`~evaluatie.gedeeld.fouten.InvoerFout` (or
    returns their waves).
    """
    if not eenvoudig(metingen):
        raise ValueError("geldige_golven: de metingen hebben niet de eenvoudige vorm (zie eenvoudig())")
    m = metingen[metingen["indicator_id"].notna() & metingen["gebied"].notna()]
    n_rij = len(m)
    iid = m["indicator_id"].to_numpy(dtype=object)
    geb = m["gebied"].to_numpy(dtype=object)
    jaar = _als_float(m["jaar"], n_rij)
    waarde = _als_float(m["waarde"], n_rij)
    onder = _als_float(m.get("ondergrens"), n_rij)
    boven = _als_float(m.get("bovengrens"), n_rij)
    n = np.trunc(_als_float(m.get("n"), n_rij))  # als_int: int(n)
    soort = m["onzekerheid"].to_numpy(dtype=object)
    if "markering" in m.columns:
        mk = m["markering"].to_numpy(dtype=object)
        gemarkeerd = _per_uniek(np.where(pd.isna(mk), "", mk).astype(str),
                                lambda s: bool(s.strip()), dtype=bool)
    else:
        gemarkeerd = np.zeros(n_rij, dtype=bool)

    # one code per series, in (indicator_id, gebied) order
    sleutels = pd.MultiIndex.from_arrays([iid, geb])
    codes, reeksen = pd.factorize(sleutels, sort=True)
    aantal = len(reeksen)

    def per_reeks_any(vlag: np.ndarray) -> np.ndarray:
        return np.bincount(codes[vlag], minlength=aantal) > 0

    # years the fast path does not vouch for: missing, infinite, fractional or beyond float precision
    slecht = per_reeks_any(~np.isfinite(jaar) | (jaar != np.trunc(jaar)) | (np.abs(jaar) > 2.0 ** 52))
    dubbel = pd.DataFrame({"c": codes, "j": jaar}).duplicated().to_numpy()
    slecht |= per_reeks_any(dubbel)
    # the kind of source: exactly one distinct non-missing value, and a known one
    heeft_soort = ~pd.isna(soort)
    soorten = pd.DataFrame({"c": codes[heeft_soort], "s": soort[heeft_soort]}).drop_duplicates()
    telling = np.bincount(soorten["c"].to_numpy(), minlength=aantal)
    slecht |= telling != 1
    bekend = soorten[soorten["s"].isin(SOORTEN)]["c"].to_numpy()
    slecht |= ~np.isin(np.arange(aantal), bekend)
    reeks_soort = np.full(aantal, None, dtype=object)
    reeks_soort[soorten["c"].to_numpy()] = soorten["s"].to_numpy()

    geldig = ~gemarkeerd & ~np.isnan(waarde)
    # int(n) of an infinite n raises in splits_reeks: leave such a series to it
    slecht |= per_reeks_any(geldig & np.isinf(n))
    geldig &= ~slecht[codes]
    # decimals of the series: the most of its valid values and bounds (before clipping)
    dec_rij = np.zeros(n_rij, dtype="int64")
    for kolom in (waarde, onder, boven):
        heeft = geldig & ~np.isnan(kolom)
        dec_rij[heeft] = np.maximum(dec_rij[heeft], _per_uniek(kolom[heeft], decimalen, dtype="int64"))
    dec_reeks = np.zeros(aantal, dtype="int64")
    np.maximum.at(dec_reeks, codes[geldig], dec_rij[geldig])

    c = codes[geldig]
    golven = pd.DataFrame({
        "indicator_id": pd.array(iid[geldig], dtype="object"),
        "gebied": pd.array(geb[geldig], dtype="object"),
        "jaar": jaar[geldig].astype("int64"),
        "waarde": waarde[geldig], "onder": onder[geldig], "boven": boven[geldig], "n": n[geldig],
        "decimalen": dec_reeks[c], "soort": reeks_soort[c],
        "_c": c,
    })
    golven = golven.sort_values(["_c", "jaar"], kind="stable").drop(columns="_c").reset_index(drop=True)
    onzeker = {(str(i), str(g)) for i, g in reeksen[slecht]}
    return golven, onzeker


# -- the comparison ---------------------------------------------------------------------------------

def _kolom(golven: pd.DataFrame | Mapping[str, Any], naam: str, n: int, dtype: str = "float64") -> np.ndarray:
    x = golven[naam]
    if np.ndim(x) == 0:
        return np.full(n, x, dtype=dtype)
    return np.asarray(x, dtype=dtype)


def _meting(w: Mapping[str, np.ndarray], i: int, jaar: int = 0) -> Meting:
    def opt(x: float) -> float | None:
        return None if math.isnan(x) else float(x)
    n = w["n"][i]
    return Meting(jaar, float(w["waarde"][i]), opt(w["onder"][i]), opt(w["boven"][i]), None,
                  None if math.isnan(n) else int(n), int(w["decimalen"][i]), str(w["soort"][i]))


def vergelijk_golven(
    a: pd.DataFrame | Mapping[str, Any],
    b: pd.DataFrame | Mapping[str, Any],
    *,
    is_percentage: bool | np.ndarray,
    alpha: float = 0.05,
    niveau: float = 0.95,
    materialiteit: float = 0.01,
    design_effect: float = 1.5,
) -> pd.DataFrame:
    """``vergelijk(a[i], b[i])`` for every i: is wave ``b`` different from wave ``a``?

    ``a``, ``b``: aligned columns ``waarde``, ``onder``, ``boven`` (already clipped, NaN for
    none), ``n`` (NaN for none), ``decimalen`` and ``soort``; each column an array of length N or
    a scalar (one wave broadcast against many). ``is_percentage``: bool or bool array of length N.
    Returns a frame of N rows with ``verschil`` (float64), ``p`` (float64, NaN where the scalar
    function gives None), ``oordeel`` and ``methode`` (object; ``methode`` None where the scalar
    gives None) - value for value what :func:`~evaluatie.voortgang.toetsen.vergelijk` returns.
    Raises what ``vergelijk`` raises (``ValueError`` for an unknown kind of source of ``b``).
    """
    lengtes = [len(x[k]) for x in (a, b) for k in ("waarde",) if np.ndim(x[k]) > 0]
    n = lengtes[0] if lengtes else 1
    wa = {k: _kolom(a, k, n) for k in ("waarde", "onder", "boven", "n")}
    wb = {k: _kolom(b, k, n) for k in ("waarde", "onder", "boven", "n")}
    wa["decimalen"], wb["decimalen"] = _kolom(a, "decimalen", n, "int64"), _kolom(b, "decimalen", n, "int64")
    wa["soort"], wb["soort"] = _kolom(a, "soort", n, "object"), _kolom(b, "soort", n, "object")
    pct = np.broadcast_to(np.asarray(is_percentage, dtype=bool), (n,))

    d = np.minimum(wa["decimalen"], wb["decimalen"])
    va, vb = _rond(wa["waarde"], d), _rond(wb["waarde"], d)
    verschil = vb - va
    oordeel = np.full(n, NIET_TE_TOETSEN, dtype=object)
    methode = np.full(n, None, dtype=object)
    p = np.full(n, np.nan)
    richting = np.where(verschil > 0, HOGER, LAGER).astype(object)
    rest = np.ones(n, dtype=bool)

    # registration: materiality
    reg = wb["soort"] == REGISTRATIE
    if reg.any():
        noemer = np.where(pct, np.minimum(np.abs(va), np.abs(100.0 - va)), np.abs(va))
        klein = np.zeros(n, dtype=bool)
        deelbaar = reg & (verschil != 0) & (noemer != 0)
        if deelbaar.any():
            klein[deelbaar] = _r9(np.abs(verschil[deelbaar]) / noemer[deelbaar]) < materialiteit
        methode[reg] = "materialiteit"
        oordeel[reg] = np.where((verschil == 0) | klein, BINNEN_FOUTMARGE, richting)[reg]
    rest &= ~reg
    beleid = rest & (wa["soort"] == BELEIDSTEKST)
    methode[beleid] = "beleidswaarde"
    rest &= ~beleid

    # model estimate: only non-overlapping intervals
    model = rest & (wb["soort"] == MODEL)
    if model.any():
        alle = ~(np.isnan(wa["onder"]) | np.isnan(wa["boven"]) | np.isnan(wb["onder"]) | np.isnan(wb["boven"]))
        hoger = wb["onder"] > wa["boven"]
        lager = wb["boven"] < wa["onder"]
        uitslag = np.where(alle, np.where(hoger, HOGER, np.where(lager, LAGER, BINNEN_FOUTMARGE)), NIET_TE_TOETSEN)
        methode[model] = "overlap"
        oordeel[model] = uitslag[model]
    rest &= ~model

    # direct survey estimate with an exactly known standard error on both sides: one z-test
    direct = rest & (wb["soort"] == DIRECT)
    snel = np.zeros(n, dtype=bool)
    if direct.any():
        snel = _z_toetsen(wa, wb, va, vb, verschil, pct, direct, alpha, niveau, design_effect,
                          p, oordeel, methode, richting)
    # everything else (bounded or unknown SE, both SEs zero, unknown kind): the scalar function
    for i in np.flatnonzero(rest & ~snel).tolist():
        v = vergelijk(_meting(wa, i), _meting(wb, i), is_percentage=bool(pct[i]), alpha=alpha, niveau=niveau,
                      materialiteit=materialiteit, design_effect=design_effect)
        verschil[i] = v["verschil"]
        p[i] = np.nan if v["p"] is None else v["p"]
        oordeel[i], methode[i] = v["oordeel"], v["methode"]
    return pd.DataFrame({"verschil": verschil, "p": p, "oordeel": pd.Series(oordeel, dtype=object),
                         "methode": pd.Series(methode, dtype=object)})


def _z_toetsen(wa, wb, va, vb, verschil, pct, direct, alpha, niveau, design_effect, p, oordeel, methode,
               richting) -> np.ndarray:
    """The z-tests of :func:`vergelijk` for the rows where both standard errors are exactly known
    (``lo == hi`` in ``_se_bereik``) and not both zero; fills ``p``/``oordeel``/``methode`` there and
    returns that row mask. Other direct rows are left for the scalar function."""
    def logit_mogelijk(w):
        beide = ~np.isnan(w["onder"]) & ~np.isnan(w["boven"])
        met_interval = (0.0 < w["onder"]) & (w["onder"] < w["boven"]) & (w["boven"] < 100.0)
        return pct & (0.0 < w["waarde"]) & (w["waarde"] < 100.0) & np.where(beide, met_interval, True)

    schaal = logit_mogelijk(wa) & logit_mogelijk(wb) & (0 < va) & (va < 100) & (0 < vb) & (vb < 100)
    zk = z_kritiek(niveau)

    def se(w):
        """(se, exact) on the row's scale, as _se_bereik gives it when lo == hi."""
        beide = ~np.isnan(w["onder"]) & ~np.isnan(w["boven"])
        with np.errstate(invalid="ignore", divide="ignore"):
            lin = (w["boven"] - w["onder"]) / (2.0 * zk)
        uit = np.full(len(lin), np.nan)
        exact = np.zeros(len(lin), dtype=bool)
        # published interval with width: the linear SE, or on the logit scale its logit width
        ok = direct & beide & (lin > 0)
        uit[ok & ~schaal] = lin[ok & ~schaal]
        lg = ok & schaal
        if lg.any():
            uit[lg] = (_logit(w["boven"][lg]) - _logit(w["onder"][lg])) / (2.0 * zk)
        exact |= ok
        # only n (a percentage): the binomial SE with n / design_effect
        met_n = direct & ~beide & ~np.isnan(w["n"]) & (w["n"] > 0) & pct
        # se_logit_uit_n needs 0 < waarde / 100 < 1 (a tiny value can underflow to 0)
        met_n &= ~schaal | ((w["waarde"] / 100.0 > 0.0) & (w["waarde"] / 100.0 < 1.0))
        if met_n.any():
            ne = w["n"][met_n] / float(design_effect)
            q = w["waarde"][met_n] / 100.0
            lin_n = 100.0 * np.sqrt(np.where(0.0 > q * (1.0 - q), 0.0, q * (1.0 - q)) / ne)
            with np.errstate(divide="ignore", invalid="ignore"):  # only used where 0 < q < 1
                log_n = 1.0 / np.sqrt(ne * q * (1.0 - q))
            uit[met_n] = np.where(schaal[met_n], log_n, lin_n)
            exact |= met_n
        return uit, exact

    se_a, exact_a = se(wa)
    se_b, exact_b = se(wb)
    kandidaat = direct & exact_a & exact_b
    if not kandidaat.any():
        return kandidaat
    idx = np.flatnonzero(kandidaat)
    x1 = va[idx].copy()
    x2 = vb[idx].copy()
    lg = schaal[idx]
    x1[lg], x2[lg] = _logit(va[idx][lg]), _logit(vb[idx][lg])
    se_tot = _hypot(se_a[idx], se_b[idx])
    nul = se_tot == 0  # both exactly zero: no test possible; left to the scalar function
    idx, x1, x2, se_tot, lg = idx[~nul], x1[~nul], x2[~nul], se_tot[~nul], lg[~nul]
    z = (x2 - x1) / se_tot
    pw = 2.0 * stats.norm.sf(np.abs(z))
    significant = _r9(pw) < alpha
    nul_verschil = verschil[idx] == 0
    methode[idx] = np.where(lg, "z_logit", "z_lineair")
    oordeel[idx] = np.where(significant, richting[idx], BINNEN_FOUTMARGE)
    p[idx] = np.where(~significant & nul_verschil, np.nan, pw)
    snel = np.zeros(len(direct), dtype=bool)
    snel[idx] = True
    return snel


# -- every region against Nederland -----------------------------------------------------------------

def _is_pct_per_rij(indicator_ids: np.ndarray, is_percentage: bool | Mapping[str, bool]) -> np.ndarray:
    if isinstance(is_percentage, Mapping):
        return np.asarray([bool(is_percentage.get(str(i), False)) for i in indicator_ids], dtype=bool)
    return np.full(len(indicator_ids), bool(is_percentage))


def vergelijk_met_nederland(
    metingen: pd.DataFrame,
    is_percentage: bool | Mapping[str, bool],
    drempels: Mapping[str, Any] | None = None,
    *,
    nederland: str = "NL01",
    na_jaar: Mapping[str, int | None] | None = None,
) -> pd.DataFrame:
    """Every region's latest valid wave against Nederland's wave of that year, per indicator.

    ``metingen``: koppel()'s columns (see :func:`geldige_golven`) for any number of regions and
    indicators, including the series of ``nederland``. ``is_percentage``: per indicator_id (or
    one bool for all): clips bounds to [0, 100] and picks the percentage rules. ``drempels``:
    ``alpha``, ``interval_niveau``, ``materialiteit``, ``design_effect`` (defaults of
    ``beoordeel``). ``na_jaar``: per indicator_id, only waves after that year count as latest
    (``beoordeel_indicator``'s "after the baseline": pass the kader's ``basis_jaar`` when the kader
    has a ``basis_waarde``); None or absent: any valid wave.

    Returns one row per (indicator_id, gebied != ``nederland``) series with a latest wave, sorted
    by indicator_id and gebied, columns :data:`NL_KOLOMMEN` with ``beoordeel``'s dtypes (string,
    Int64 for years and decimals, float64): the latest wave (clipped bounds, the
    series' decimals) and, where Nederland has a valid wave in that year, the ``nl_*`` columns
    exactly as ``beoordeel_alles`` gives them without the Benjamini-Hochberg correction (NA where
    Nederland has no such wave). Raises
    :class:`~evaluatie.gedeeld.fouten.InvoerFout` for a series ``splits_reeks`` refuses (a year
    twice, no declared kind of source, ...), ``ValueError`` for a frame that is not
    :func:`eenvoudig`.
    """
    from evaluatie.voortgang.beoordeel import DEFAULT_DREMPELS

    dr = {**DEFAULT_DREMPELS, **dict(drempels or {})}
    niveau = float(dr["interval_niveau"])
    golven, onzeker = geldige_golven(metingen)
    if onzeker:
        extra = []
        for (i, g), reeks in metingen.groupby(["indicator_id", "gebied"], sort=True):
            if (str(i), str(g)) in onzeker:
                # raises the exact error; a series it accepts joins the fast path
                for w in splits_reeks(reeks, niveau, sleutel=str(i))[0]:
                    extra.append({"indicator_id": i, "gebied": g, "jaar": w.jaar, "waarde": w.waarde,
                                  "onder": np.nan if w.onder is None else w.onder,
                                  "boven": np.nan if w.boven is None else w.boven,
                                  "n": np.nan if w.n is None else float(w.n), "decimalen": w.decimalen,
                                  "soort": w.soort})
        if extra:
            golven = pd.concat([golven, pd.DataFrame(extra, columns=GOLF_KOLOMMEN)], ignore_index=True)
            golven = golven.sort_values(["indicator_id", "gebied", "jaar"], kind="stable").reset_index(drop=True)
    if na_jaar:
        grens = golven["indicator_id"].map(lambda i: na_jaar.get(str(i))).astype("float64")
        regio = golven[(golven["gebied"] != nederland) & (grens.isna() | (golven["jaar"] > grens))]
    else:
        regio = golven[golven["gebied"] != nederland]
    laatste = regio.groupby(["indicator_id", "gebied"], sort=True).tail(1).reset_index(drop=True)
    nl = golven[golven["gebied"] == nederland].drop(columns="gebied")
    paar = laatste.merge(nl, on=["indicator_id", "jaar"], how="left", suffixes=("", "_nl"), validate="many_to_one")
    pct = _is_pct_per_rij(paar["indicator_id"].to_numpy(dtype=object), is_percentage)
    b = {"waarde": paar["waarde"].to_numpy(), "onder": geklemd(paar["onder"].to_numpy(), pct),
         "boven": geklemd(paar["boven"].to_numpy(), pct), "n": paar["n"].to_numpy(),
         "decimalen": paar["decimalen"].to_numpy(), "soort": paar["soort"].to_numpy(dtype=object)}
    heeft_nl = paar["waarde_nl"].notna().to_numpy()
    a = {"waarde": paar["waarde_nl"].to_numpy(), "onder": geklemd(paar["onder_nl"].to_numpy(), pct),
         "boven": geklemd(paar["boven_nl"].to_numpy(), pct), "n": paar["n_nl"].to_numpy(),
         "decimalen": paar["decimalen_nl"].to_numpy(dtype="float64"),
         "soort": paar["soort_nl"].to_numpy(dtype=object)}
    opties = {"alpha": float(dr["alpha"]), "niveau": niveau, "materialiteit": float(dr["materialiteit"]),
              "design_effect": float(dr["design_effect"])}
    v = vergelijk_golven({k: x[heeft_nl] for k, x in a.items()} | {"decimalen": a["decimalen"][heeft_nl].astype("int64")},
                         {k: x[heeft_nl] for k, x in b.items()}, is_percentage=pct[heeft_nl], **opties)
    uit = pd.DataFrame({
        "indicator_id": paar["indicator_id"].to_numpy(dtype=object), "gebied": paar["gebied"].to_numpy(dtype=object),
        "laatste_jaar": paar["jaar"].to_numpy(), "laatste_waarde": b["waarde"], "laatste_onder": b["onder"],
        "laatste_boven": b["boven"], "laatste_decimalen": b["decimalen"],
        "nl_jaar": pd.array(paar["jaar"].to_numpy(), dtype="Int64"),
        "nl_waarde": a["waarde"], "nl_onder": a["onder"], "nl_boven": a["boven"],
        "nl_decimalen": pd.array(paar["decimalen_nl"].to_numpy(dtype="float64"), dtype="Int64"),
    })
    uit.loc[~heeft_nl, "nl_jaar"] = pd.NA
    verschil = np.full(len(uit), np.nan)
    p = np.full(len(uit), np.nan)
    oordeel = np.full(len(uit), None, dtype=object)
    methode = np.full(len(uit), None, dtype=object)
    verschil[heeft_nl], p[heeft_nl] = v["verschil"].to_numpy(), v["p"].to_numpy()
    oordeel[heeft_nl], methode[heeft_nl] = v["oordeel"].to_numpy(dtype=object), v["methode"].to_numpy(dtype=object)
    uit["nl_verschil"], uit["nl_p"] = verschil, p
    uit["nl_oordeel"] = pd.array(oordeel, dtype="string")
    uit["nl_methode"] = pd.array(methode, dtype="string")
    uit["indicator_id"] = uit["indicator_id"].astype("string")
    uit["gebied"] = uit["gebied"].astype("string")
    uit["laatste_jaar"] = uit["laatste_jaar"].astype("Int64")
    uit["laatste_decimalen"] = uit["laatste_decimalen"].astype("Int64")
    return uit[NL_KOLOMMEN]


# -- one municipality against its comparable municipalities ---------------------------------------

class Vergelijkingsgolven:
    """The valid waves of the comparable municipalities, split once for all indicators.

    Built by ``beoordeel_alles`` from the linked measurements of the peers; :meth:`voor` binds
    one indicator's peers. The series the fast path cannot vouch for are split by
    ``splits_reeks`` when (and only when) the scalar path would split them, so an error comes at
    the same moment with the same text.
    """

    def __init__(self, metingen: pd.DataFrame, niveau: float) -> None:
        golven, self.onzeker = geldige_golven(metingen)
        self.niveau = niveau
        self._per_indicator = {str(i): df for i, df in golven.groupby("indicator_id", sort=False)}

    def voor(self, indicator_id: str, reeksen: Mapping[str, pd.DataFrame]) -> _GebondenVergelijking:
        """The comparison for one indicator; ``reeksen``: code -> that peer's series (the ones
        the scalar path would get)."""
        return _GebondenVergelijking(self, str(indicator_id), reeksen)


class _GebondenVergelijking:
    def __init__(self, bron: Vergelijkingsgolven, indicator_id: str, reeksen: Mapping[str, pd.DataFrame]) -> None:
        self.bron, self.indicator_id, self.reeksen = bron, indicator_id, reeksen

    def __len__(self) -> int:
        return len(self.reeksen)

    def oordelen(self, laatste: Meting, opties: Mapping[str, Any], sleutel: str | None) -> str | None:
        """``"code:oordeel;..."`` over the peers (sorted by code) with a valid wave in
        ``laatste.jaar``, each ``vergelijk(peer, laatste)``; None when there is none."""
        is_pct = bool(opties["is_percentage"])
        codes = sorted(self.reeksen)
        per_code: dict[str, str] = {}
        for code in codes:  # the series the fast path left alone: exactly as the scalar path
            if (self.indicator_id, code) in self.bron.onzeker:
                ander = {m.jaar: m for m in splits_reeks(self.reeksen[code], self.bron.niveau, sleutel=sleutel,
                                                          is_percentage=is_pct)[0]}.get(laatste.jaar)
                if ander is not None:
                    per_code[code] = vergelijk(ander, laatste, **opties)["oordeel"]
        golven = self.bron._per_indicator.get(self.indicator_id)
        if golven is not None:
            sel = golven[(golven["jaar"].to_numpy() == laatste.jaar) & golven["gebied"].isin(codes).to_numpy()]
            if len(sel):
                a = {"waarde": sel["waarde"].to_numpy(), "onder": geklemd(sel["onder"].to_numpy(), is_pct),
                     "boven": geklemd(sel["boven"].to_numpy(), is_pct), "n": sel["n"].to_numpy(),
                     "decimalen": sel["decimalen"].to_numpy(), "soort": sel["soort"].to_numpy(dtype=object)}
                b = {"waarde": laatste.waarde, "onder": np.nan if laatste.onder is None else laatste.onder,
                     "boven": np.nan if laatste.boven is None else laatste.boven,
                     "n": np.nan if laatste.n is None else float(laatste.n), "decimalen": laatste.decimalen,
                     "soort": laatste.soort}
                v = vergelijk_golven(a, b, **opties)
                per_code.update(zip(sel["gebied"].astype(str), v["oordeel"]))
        delen = [f"{c}:{per_code[c]}" for c in codes if c in per_code]
        return ";".join(delen) or None

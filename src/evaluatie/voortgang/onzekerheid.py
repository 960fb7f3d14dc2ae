"""Uncertainty of one measurement, by the declared kind of source.

A source table declares in ``data/raw/monitor/koppeling.yaml`` what kind of figure it
publishes (column ``onzekerheid`` of the linked measurements):

- ``directe_schatting``: a direct survey estimate (GGD youth monitor): the published interval
  gives a standard error; with only ``n`` the binomial SE with a design effect.
- ``modelschatting``: a small-area model estimate (RIVM SMAP, tables 50120NED/50150NED): errors
  are correlated between waves and with the national figure, so only non-overlapping
  intervals count as a difference (see :mod:`evaluatie.voortgang.toetsen`).
- ``registratie``: a complete register count (CBS): no sampling error; a materiality band.

A baseline copied from a policy text has kind ``beleidstekst``: rounded, no standard error.

Pure functions, no I/O. Method text: ``docs/methodologie.md`` ("Soorten bronnen").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Any

import pandas as pd
from scipy import stats

from evaluatie.gedeeld.getallen import MAX_DECIMALEN, decimalen, leeg  # noqa: F401
from evaluatie.gedeeld.definities import MARKERINGEN  # noqa: F401
from evaluatie.gedeeld.fouten import InvoerFout

DIRECT = "directe_schatting"
MODEL = "modelschatting"
REGISTRATIE = "registratie"
BELEIDSTEKST = "beleidstekst"
SOORTEN: tuple[str, ...] = (DIRECT, MODEL, REGISTRATIE)

#: Meaning of CBS/RIVM markings, for the reason a wave was excluded.

def als_float(x: Any) -> float | None:
    return None if leeg(x) else float(x)


def als_int(x: Any) -> int | None:
    return None if leeg(x) else int(x)


def rond(x: float, d: int) -> float:
    """Round the decimal value as written to ``d`` decimals, an exact half to the even digit.

    Half-to-even keeps "x" and "100 - x" symmetric (7,5 -> 8 and 92,5 -> 92), so that the
    verdict does not depend on whether "% eenzaam" or "% niet eenzaam" is measured.
    """
    q = Decimal(1).scaleb(-d)
    return float(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_EVEN))


def klem(x: float | None, is_percentage: bool) -> float | None:
    """A percentage clipped to [0, 100]; other values unchanged."""
    if x is None or not is_percentage:
        return x
    return min(100.0, max(0.0, float(x)))


@lru_cache(maxsize=64)
def z_kritiek(niveau: float) -> float:
    """Two-sided critical value of the standard normal: 1.959964 for 0.95.

    Cached per level: scipy's ``ppf`` costs tens of microseconds and every wave asks for it.
    """
    return float(stats.norm.ppf(1.0 - (1.0 - niveau) / 2.0))


def se_uit_interval(onder: float | None, boven: float | None, niveau: float = 0.95) -> float | None:
    """Standard error on the linear scale from a published interval: ``(boven - onder) / (2 z)``.

    ``None`` when a bound is missing or the interval is inverted; 0 when the bounds coincide.
    """
    if leeg(onder) or leeg(boven):
        return None
    breedte = float(boven) - float(onder)
    if breedte < 0:
        return None
    return breedte / (2.0 * z_kritiek(niveau))


def logit(p_procent: float) -> float:
    """log(p / (1 - p)) of a percentage (0 < p < 100)."""
    p = float(p_procent) / 100.0
    return math.log(p / (1.0 - p))


def se_logit_uit_interval(onder: float | None, boven: float | None, niveau: float = 0.95) -> float | None:
    """Standard error on the logit scale from a percentage interval (asymmetric bounds allowed).

    ``(logit(boven) - logit(onder)) / (2 z)``. ``None`` when a bound is missing, at or beyond
    0 % or 100 % (logit undefined) or the interval has no width.
    """
    if leeg(onder) or leeg(boven):
        return None
    o, b = float(onder), float(boven)
    if not (0.0 < o < b < 100.0):
        return None
    return (logit(b) - logit(o)) / (2.0 * z_kritiek(niveau))


def n_effectief(n: int | None, design_effect: float) -> float | None:
    """Effective sample size ``n / design_effect`` (Kish); ``None`` without n."""
    if n is None or n <= 0:
        return None
    return float(n) / float(design_effect)


def se_uit_n(p_procent: float, n: int | None, design_effect: float) -> float | None:
    """Binomial standard error of a percentage from n: ``100 * sqrt(p (1 - p) / n_eff)``."""
    ne = n_effectief(n, design_effect)
    if ne is None:
        return None
    p = float(p_procent) / 100.0
    return 100.0 * math.sqrt(max(p * (1.0 - p), 0.0) / ne)


def se_logit_uit_n(p_procent: float, n: int | None, design_effect: float) -> float | None:
    """Standard error on the logit scale from n: ``1 / sqrt(n_eff p (1 - p))``; None at 0 or 100 %."""
    ne = n_effectief(n, design_effect)
    p = float(p_procent) / 100.0
    if ne is None or not 0.0 < p < 1.0:
        return None
    return 1.0 / math.sqrt(ne * p * (1.0 - p))


@dataclass(frozen=True)
class Meting:
    """One valid wave (or a policy-text value).

    ``se``: linear-scale standard error from the interval (None if unknown), used by the trend;
    ``decimalen``: decimals as published; ``soort``: one of :data:`SOORTEN` or
    :data:`BELEIDSTEKST`.
    """

    jaar: int
    waarde: float
    onder: float | None = None
    boven: float | None = None
    se: float | None = None
    n: int | None = None
    decimalen: int = 1
    soort: str = DIRECT


def _uitsluit_reden(markering: str, waarde: Any) -> str | None:
    if markering:
        return MARKERINGEN.get(markering, f"gemarkeerd ('{markering}')")
    if leeg(waarde):
        return "geen waarde"
    return None


def soort_van(reeks: pd.DataFrame | None, sleutel: str | None = None) -> str | None:
    """The declared uncertainty kind of a series (column ``onzekerheid``); None for an empty series.

    Raises :class:`InvoerFout` when the column is missing, holds an unknown kind or more than one.
    """
    if reeks is None or len(reeks) == 0:
        return None
    if "onzekerheid" not in reeks.columns:
        raise InvoerFout(None, "meetreeks mist de kolom 'onzekerheid' (declareer haar per tabel in "
                         "data/raw/monitor/koppeling.yaml)", kolom="onzekerheid", sleutel=sleutel)
    soorten = sorted({str(s) for s in reeks["onzekerheid"] if not leeg(s)})
    if len(soorten) != 1 or soorten[0] not in SOORTEN:
        raise InvoerFout(None, f"onzekerheid moet precies één van {', '.join(SOORTEN)} zijn, gevonden "
                         f"{soorten or 'niets'}", kolom="onzekerheid", sleutel=sleutel)
    return soorten[0]


def splits_reeks(
    reeks: pd.DataFrame | None, niveau: float = 0.95, *, sleutel: str | None = None,
    is_percentage: bool = False,
) -> tuple[list[Meting], list[tuple[int, str]]]:
    """Valid waves (sorted by year) and the excluded ones with their reason.

    A wave is excluded when it carries a marking (the marking wins over a value) or has no
    value. Percentage bounds are clipped to [0, 100]. Every wave gets the series' decimals
    (the most of all its values and bounds). Raises :class:`InvoerFout` when a year occurs
    twice, a required column is missing or the uncertainty kind is not declared.
    """
    if reeks is None or len(reeks) == 0:
        return [], []
    for kolom in ("jaar", "waarde"):
        if kolom not in reeks.columns:
            raise InvoerFout(None, f"meetreeks mist de kolom '{kolom}'", kolom=kolom, sleutel=sleutel)
    if reeks.attrs:  # pandas deep-copies a frame's attrs into every column it hands out
        reeks = reeks.copy(deep=False)
        reeks.attrs = {}
    jaar = reeks["jaar"]
    if jaar.isna().any():
        raise InvoerFout(None, "meetreeks bevat een meting zonder jaar", kolom="jaar", sleutel=sleutel)
    dubbel = jaar[jaar.duplicated()]
    if len(dubbel):
        raise InvoerFout(
            None,
            f"meetreeks bevat het jaar {int(dubbel.iloc[0])} meer dan eens; kies één meting per jaar",
            kolom="jaar",
            sleutel=sleutel,
        )
    soort = soort_van(reeks, sleutel)
    # the columns as plain lists, row by row (a Series per row via iterrows was half the time of
    # an assessment); every value still goes through the same conversions in _golven
    # the years are distinct here, so a series already in order is the order sort_values gives
    gesorteerd = reeks if jaar.is_monotonic_increasing else reeks.sort_values("jaar")
    leeg_kolom = [None] * len(gesorteerd)
    kol = {k: gesorteerd[k].tolist() if k in gesorteerd.columns else leeg_kolom
           for k in ("jaar", "waarde", "markering", "ondergrens", "bovengrens", "n")}
    if "markering" not in gesorteerd.columns:
        kol["markering"] = [""] * len(gesorteerd)
    return _golven(kol, "n" in reeks.columns, str(soort), niveau, is_percentage)


def _golven(
    kol: dict[str, Sequence[Any]], heeft_n: bool, soort: str, niveau: float, is_percentage: bool
) -> tuple[list[Meting], list[tuple[int, str]]]:
    """The part of :func:`splits_reeks` after the checks: ``kol`` holds the columns jaar, waarde,
    markering, ondergrens, bovengrens and n as lists, already sorted by year."""
    ruw: list[tuple[int, float, float | None, float | None, int | None]] = []
    uitgesloten: list[tuple[int, str]] = []
    for jaar, waarde, markering, onder, boven, n in zip(kol["jaar"], kol["waarde"], kol["markering"],
                                                        kol["ondergrens"], kol["bovengrens"], kol["n"]):
        jaar = int(jaar)
        markering = "" if leeg(markering) else str(markering).strip()
        reden = _uitsluit_reden(markering, waarde)
        if reden:
            uitgesloten.append((jaar, reden))
            continue
        ruw.append((jaar, float(waarde), als_float(onder), als_float(boven), als_int(n) if heeft_n else None))
    dec = max((decimalen(x) for r in ruw for x in r[1:4] if x is not None), default=0)
    geldig = []
    for jaar, waarde, onder, boven, n in ruw:
        onder, boven = klem(onder, is_percentage), klem(boven, is_percentage)
        geldig.append(Meting(jaar, waarde, onder, boven, se_uit_interval(onder, boven, niveau), n, dec, soort))
    return geldig, uitgesloten

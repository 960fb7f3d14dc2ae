"""Dutch number formatting for report text and tables (Babel, locale nl_NL).

Every number that reaches the PDF or HTML goes through these functions so the
report reads "8,5 %" and "€ 1.580.267", never "8.5%" or "1580267".
"""

from __future__ import annotations

import math

from babel.numbers import format_currency, format_decimal

LOCALE = "nl_NL"
LEEG = "–"  # shown where a value is missing or suppressed


def _ontbreekt(waarde: object) -> bool:
    if waarde is None:
        return True
    try:
        return bool(math.isnan(waarde))  # type: ignore[arg-type]
    except TypeError:
        return False


def getal(waarde: float | int | None, decimalen: int = 1) -> str:
    """'1.234,5' with a fixed number of decimals; '–' when missing."""
    if _ontbreekt(waarde):
        return LEEG
    patroon = "#,##0" + ("." + "0" * decimalen if decimalen > 0 else "")
    return format_decimal(waarde, format=patroon, locale=LOCALE)


def procent(waarde: float | None, decimalen: int = 1) -> str:
    """A value already in percent (8.5 -> '8,5 %')."""
    if _ontbreekt(waarde):
        return LEEG
    return f"{getal(waarde, decimalen)} %"


def aandeel(waarde: float | None, decimalen: int = 0) -> str:
    """A fraction as percent (0.62 -> '62 %')."""
    if _ontbreekt(waarde):
        return LEEG
    return procent(float(waarde) * 100.0, decimalen)  # type: ignore[arg-type]


def euro(bedrag: float | int | None, decimalen: int = 0) -> str:
    """'€ 1.580.267' (whole euros unless decimals are asked for)."""
    if _ontbreekt(bedrag):
        return LEEG
    getal_deel = "#,##0" + ("." + "0" * decimalen if decimalen > 0 else "")
    patroon = f"¤ {getal_deel};¤ -{getal_deel}"  # Dutch style: "€ -1.234"
    return format_currency(bedrag, "EUR", format=patroon, currency_digits=False, locale=LOCALE)


def waarde_met_eenheid(waarde: float | None, is_percentage: bool, decimalen: int = 1) -> str:
    """Format an indicator value: percentages with ' %', others as plain numbers."""
    return procent(waarde, decimalen) if is_percentage else getal(waarde, decimalen)


def jaar(waarde: int | float | None) -> str:
    """Years without thousands separator ('2022', not '2.022')."""
    if _ontbreekt(waarde):
        return LEEG
    return str(int(waarde))  # type: ignore[arg-type]


def _cel(tekst: object) -> str:
    s = "" if tekst is None else str(tekst)
    return s.replace("|", "\\|").replace("\n", " ").strip()


def markdown_tabel(rijen: list[list[object]], koppen: list[str], bijschrift: str | None = None,
                   rechts: set[int] | None = None) -> str:
    """A pandoc pipe table; columns in ``rechts`` are right-aligned (numbers)."""
    rechts = rechts or set()
    regels = ["| " + " | ".join(_cel(k) for k in koppen) + " |"]
    regels.append("|" + "|".join("---:" if i in rechts else ":---" for i in range(len(koppen))) + "|")
    for rij in rijen:
        regels.append("| " + " | ".join(_cel(c) for c in rij) + " |")
    tekst = "\n".join(regels)
    if bijschrift:
        tekst += f"\n\n: {bijschrift}"
    return tekst + "\n"

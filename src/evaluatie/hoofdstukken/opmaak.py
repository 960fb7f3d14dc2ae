"""Dutch number formatting for report text and tables (Babel, locale nl_NL).

Every number that reaches the PDF or HTML goes through these functions so the
report reads "8,5 %" and "€ 1.580.267", never "8.5%" or "1580267".

Typographic rules applied here, in one place:

* a NO-BREAK SPACE (U+00A0) between a number and its unit ("8,5 %", "€ 99.000"), so a
  line never ends with the number while its unit starts the next line;
* a true minus sign (U+2212) for negative numbers, as on the figure axes;
* no signed zero: a value that rounds to zero is shown as "0" ("0,0 %", "€ 0"), never "-0";
* rounding half away from zero, as Dutch reports do (2,5 -> 3; -2,5 -> -3), through
  :func:`afronden` -- Babel on its own rounds half to even (2,5 -> 2).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

LOCALE = "nl_NL"
LEEG = "–"  # shown where a value is missing or suppressed
NBSP = "\u00a0"  # between a number and its unit
MIN = "\u2212"  # true minus sign


def _ontbreekt(waarde: object) -> bool:
    """None, NaN and pandas' NA (a nullable column's missing or suppressed cell)."""
    if waarde is None or type(waarde).__name__ in ("NAType", "NaTType"):
        return True
    try:
        return bool(math.isnan(waarde))  # type: ignore[arg-type]
    except TypeError:
        return False


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """A count with its noun in the right number: "1 activiteit", "5 activiteiten", "0 activiteiten"."""
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def afronden(waarde: float | int | Decimal, decimalen: int = 0) -> Decimal:
    """Round for display: half away from zero, on the decimal value as written.

    ``waarde`` is read through its shortest decimal representation (``repr``), so 2.675 rounds to
    2.68 as a reader expects, not to 2.67 as its binary value would. A result that is zero is
    returned without sign (``Decimal('0.0')``, never ``Decimal('-0.0')``).

    Raises ``ValueError`` for NaN or infinity (missing values are handled by the callers).
    """
    if isinstance(waarde, float) and not math.isfinite(waarde):
        raise ValueError(f"kan {waarde!r} niet afronden")
    d = waarde if isinstance(waarde, Decimal) else Decimal(repr(float(waarde)) if isinstance(waarde, float) else int(waarde))
    kwantum = Decimal(1).scaleb(-decimalen) if decimalen > 0 else Decimal(1)
    uit = d.quantize(kwantum, rounding=ROUND_HALF_UP)
    return uit.copy_abs() if uit == 0 else uit


def _getal_zonder_teken(waarde: Decimal, decimalen: int) -> str:
    patroon = "#,##0" + ("." + "0" * decimalen if decimalen > 0 else "")
    # the value is already rounded to ``decimalen``, so Babel's own (half-even) rounding is a no-op
    return format_decimal(waarde.copy_abs(), format=patroon, locale=LOCALE, decimal_quantization=True)


def getal(waarde: float | int | None, decimalen: int = 1) -> str:
    """'1.234,5' with a fixed number of decimals, '−1.234,5' when negative; '–' when missing.

    Rounds half away from zero (:func:`afronden`); never a signed zero.
    """
    if _ontbreekt(waarde):
        return LEEG
    d = afronden(waarde, decimalen)  # type: ignore[arg-type]
    return (MIN if d < 0 else "") + _getal_zonder_teken(d, decimalen)


def procent(waarde: float | None, decimalen: int = 1) -> str:
    """A value already in percent (8.5 -> '8,5 %', with a no-break space before '%')."""
    if _ontbreekt(waarde):
        return LEEG
    return f"{getal(waarde, decimalen)}{NBSP}%"


def aandeel(waarde: float | None, decimalen: int = 0) -> str:
    """A fraction as percent (0.62 -> '62 %'; 0.625 -> '63 %', half away from zero)."""
    if _ontbreekt(waarde):
        return LEEG
    return procent(float(Decimal(repr(float(waarde))) * 100), decimalen)  # type: ignore[arg-type]


def euro(bedrag: float | int | None, decimalen: int = 0) -> str:
    """'€ 1.580.267' (whole euros unless decimals are asked for); '€ −229.777' when negative.

    The space after '€' is a no-break space; rounding is half away from zero (€ 2,5 -> '€ 3').
    """
    if _ontbreekt(bedrag):
        return LEEG
    return f"€{NBSP}{getal(bedrag, decimalen)}"


def waarde_met_eenheid(waarde: float | None, is_percentage: bool, decimalen: int = 1) -> str:
    """Format an indicator value: percentages with ' %', others as plain numbers."""
    return procent(waarde, decimalen) if is_percentage else getal(waarde, decimalen)


def interval(onder: float | None, boven: float | None, is_percentage: bool, decimalen: int = 1) -> str:
    """A margin '9,8–12,3 %' (en dash, no-break space before the unit); '–' when a bound is missing."""
    if _ontbreekt(onder) or _ontbreekt(boven):
        return LEEG
    return f"{getal(onder, decimalen)}–{getal(boven, decimalen)}" + (f"{NBSP}%" if is_percentage else "")


def verschil(waarde: float | None, is_percentage: bool, decimalen: int = 1) -> str:
    """An absolute difference without sign: '7,0 procentpunt' for percentages, else the number."""
    if _ontbreekt(waarde):
        return LEEG
    tekst = getal(abs(float(waarde)), decimalen)  # type: ignore[arg-type]
    return f"{tekst}{NBSP}procentpunt" if is_percentage else tekst


def jaar(waarde: int | float | None) -> str:
    """Years without thousands separator ('2022', not '2.022')."""
    if _ontbreekt(waarde):
        return LEEG
    return str(int(waarde))  # type: ignore[arg-type]


def jaren(van: int | float | None, tot: int | float | None) -> str:
    """A closed range of years, '2019 t/m 2022', kept on one line (no-break spaces)."""
    return f"{jaar(van)}{NBSP}t/m{NBSP}{jaar(tot)}"


def _cel(tekst: object) -> str:
    return md_tekst(tekst)


def markdown_tabel(rijen: list[list[object]], koppen: list[str], bijschrift: str | None = None,
                   rechts: set[int] | None = None) -> str:
    """A pandoc pipe table; columns in ``rechts`` are right-aligned (numbers).

    Cells, headings and caption are plain text: each is escaped with :func:`md_tekst` (so a ``|``
    never splits a cell and markup from an input file stays text)."""
    rechts = rechts or set()
    regels = ["| " + " | ".join(_cel(k) for k in koppen) + " |"]
    regels.append("|" + "|".join("---:" if i in rechts else ":---" for i in range(len(koppen))) + "|")
    for rij in rijen:
        regels.append("| " + " | ".join(_cel(c) for c in rij) + " |")
    tekst = "\n".join(regels)
    if bijschrift:
        tekst += f"\n\n: {md_tekst(bijschrift)}"
    return tekst + "\n"


# --------------------------------------------------------------------------- text from input files

#: ASCII characters that can start or end pandoc Markdown markup anywhere in a line: escape (``\``),
#: code spans and raw attributes (`` ` ``, ``{``, ``}``), emphasis (``*``, ``_``), links, images,
#: spans and footnotes (``[``, ``]``, ``^``), raw HTML, autolinks and entities (``<``, ``>``, ``&``),
#: math (``$``), sub/superscript and strike-out (``~``, ``^``), tables and line blocks (``|``),
#: headings (``#``) and example lists (``@``). Characters that only change typography (quotes,
#: dashes, ``%``, ``/``) are left alone, so the Dutch typography of :mod:`zetwerk.typografie` still
#: applies to input text.
MD_SPECIAAL = frozenset("\\`*_[]{}<>#$@^~|&")
#: a block marker at the start of a line: bullet, block quote, definition, fence, setext or table line
_REGELBEGIN = frozenset("-+:=")
#: line breaks and ordinary white space (not the no-break spaces :func:`getal` and friends put in)
_WIT = re.compile(r"[ \t\n\r\f\v\x85\u2028\u2029]+")


def een_regel(tekst: object) -> str:
    """``tekst`` on one line: runs of white space and line breaks become one space; no-break spaces stay."""
    return _WIT.sub(" ", str(tekst)).strip(" ")


_STREEPJES = re.compile(r"-{2,}")
_LIJSTNUMMER = re.compile(r"^(\(?)(\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")


def md_tekst(tekst: object) -> str:
    """Plain text from an input file (kader, params, koppeling, baten, voortzetten, monitor) as inert
    pandoc Markdown: it reads as exactly this text in the PDF, HTML and Word editions.

    The one escaping path for every string from an input file that a chapter builder puts into the
    report's Markdown. Line breaks and runs of white space become one space (an input field is one
    paragraph at most); every character of :data:`MD_SPECIAAL` gets a backslash (pandoc's
    ``all_symbols_escapable``); a block marker at the start (``-``, ``+``, ``:``, ``=``, ``>``,
    ``1.``, ``a)``, ``(iv)``) is escaped too, and so are runs of hyphens (``--`` is not a dash), so the text never becomes a list, quote or heading
    wherever a builder places it. ``None`` becomes the empty string.

    >>> md_tekst('<img src=x onerror=alert(1)>')
    '\\\\<img src=x onerror=alert(1)\\\\>'
    """
    if tekst is None:
        return ""
    s = een_regel(tekst)
    uit = "".join("\\" + t if t in MD_SPECIAAL else t for t in s)
    uit = _STREEPJES.sub(lambda m: "\\-" * len(m.group(0)), uit)  # '--' stays two hyphens, no dash
    if uit[:1] in _REGELBEGIN:
        return "\\" + uit
    m = _LIJSTNUMMER.match(uit)
    if m:
        return ("\\(" if m.group(1) else "") + m.group(2) + "\\" + m.group(3) + uit[m.end():]
    return uit


def md_code(tekst: object) -> str:
    """An inline code span showing ``tekst`` literally (file names), whatever backticks it holds."""
    s = een_regel(tekst)
    langste = max((len(r) for r in re.findall(r"`+", s)), default=0)
    hek = "`" * (langste + 1)
    opvulling = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{hek}{opvulling}{s}{opvulling}{hek}"


# Abbreviations in unit texts of the source frameworks, written out for the reader.
VOLUIT = [
    (r"(?<!van )(?<![–-] )(?<![–-])\b(\d+)\s*jr\.?\s*e\.?o\.?(?=\s|$)", "van \\1 jaar en ouder"),
    (r"\bjr\.?\s*e\.?o\.?(?=\s|$)", "jaar en ouder"),
    (r"\b(\d+)\s*t/m\s*(\d+)\s*jarigen\b", "\\1- tot en met \\2-jarigen"),
    (r"\bvd\b\.?", "van de"),
    (r"\bt\.o\.v\.", "ten opzichte van"),
    (r"\bjr\.(?=\s|$)", "jaar"),
    (r"\bjr\b", "jaar"),
    (r"\bi\.p\.v\.", "in plaats van"),
    (r"\bt/m\b", "tot en met"),
    (r"\s+–\s+", "–"),
    (r"(\d)-(\d)", "\\1–\\2"),
]


def voluit(tekst: str) -> str:
    """A label with the abbreviations of the source written out ('vd' -> 'van de', 'jr. eo' ->
    'jaar en ouder') and number ranges with an en dash ('15 – 64' -> '15–64')."""
    uit = str(tekst or "").strip()
    for patroon, vervanging in VOLUIT:
        uit = re.sub(patroon, vervanging, uit)
    return re.sub(r"\s+", " ", uit)


def eenheid_tekst(indicator: dict) -> str:
    """What the y-axis measures, in words ('Percentage', 'Aantal per 10.000 inwoners')."""
    eenheid = voluit(str(indicator.get("eenheid") or ""))
    if eenheid in {"", "%"}:
        return "Percentage" if indicator.get("is_percentage") else ""
    if eenheid.startswith("% "):
        return "Percentage " + eenheid[2:]
    return eenheid[:1].upper() + eenheid[1:]


def richtingsdoel(richting: str, basis_jaar: object, vanaf: object, tot: object) -> str:
    """A direction target as the method judges it: every year of the target period lower (or higher) than in
    the base year, e.g. 'elk jaar lager dan in 2020 (2022–2026)'. (Was 'elk jaar dalen' in the theme tables,
    which reads as a fall year on year.)"""
    woord = "lager" if richting == "lager" else "hoger"
    basis = f" dan in {jaar(basis_jaar)}" if not _ontbreekt(basis_jaar) else ""
    return f"elk jaar {woord}{basis} ({jaar(vanaf)}–{jaar(tot)})"


"""Figures in one house style: colour-blind-safe (Okabe-Ito), Dutch labels, SVG with real text.

What a figure shows is recorded while it is drawn (:class:`Getekend`), and its caption and alt
text are generated from that record -- a caption never promises a series, an interval or a
target that is not in the picture.

Text stays text in the SVG (``svg.fonttype: none``): it scales with the page in the HTML, can be
selected and is read by assistive technology. The font is DejaVu Sans, which matplotlib ships and
which the PDF build loads by path (``zetwerk.typografie.lettertype_paden``). SVG output is
deterministic (fixed ``svg.hashsalt``, no date), so two builds give identical files.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import Formatter, MaxNLocator  # noqa: E402

from evaluatie.hoofdstukken import opmaak  # noqa: E402
from evaluatie.hoofdstukken.opmaak import VOLUIT, eenheid_tekst, voluit  # noqa: E402,F401
from evaluatie.gedeeld.bestanden import schrijf_met  # noqa: E402
from evaluatie.gedeeld.getallen import decimalen as decimalen_bron  # noqa: E402

# Okabe & Ito (2008) palette, safe for the common colour-vision deficiencies.
KLEUREN = {
    "gemeente": "#0072B2",
    "nederland": "#B25D00",  # Okabe-Ito orange darkened to 4.5:1 on white (text in legends)
    "doel": "#007A5A",
    "basis": "#555555",
    "wijk": "#56B4E9",
}

VERGELIJK = ["#A8457F", "#D55E00", "#6B6B6B"]  # comparable municipalities (Okabe-Ito, darkened)

LETTERGROOTTE = 8.5  # pt; at the SVG's natural size in the HTML 8.5 pt = 11.3 px
HUISSTIJL = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.titlesize": 9,
    "axes.labelsize": LETTERGROOTTE,
    "xtick.labelsize": LETTERGROOTTE,
    "ytick.labelsize": LETTERGROOTTE,
    "legend.frameon": False,
    "legend.fontsize": LETTERGROOTTE,
    "axes.unicode_minus": True,
    "svg.hashsalt": "evaluatie",
    "svg.fonttype": "none",
    "svg.id": None,
    "text.parse_math": False,  # a '$' in a kader name or unit is text, never mathtext (which could fail)
}

GEBIED_NL = "NL01"


def zet_naam(naam: str) -> str:
    """A place name as printed in a chart: elision and inner apostrophes as ’ ("'s-Hertogenbosch"
    -> "’s-Hertogenbosch"), as the typography pass (zetwerk.typografie) does for the text."""
    naam = re.sub(r"(?<![\w'’])'(?=(?:s|t|n)\b)", "\u2019", str(naam))
    return re.sub(r"(?<=[^\W\d_])'(?=[^\W\d_])", "\u2019", naam)


def omloop(tekst: str, breedte: int) -> str:
    """Wrap a label on word boundaries to lines of at most ``breedte`` characters (a longer word
    keeps its own line, unbroken)."""
    return "\n".join(textwrap.wrap(tekst, breedte, break_on_hyphens=False, break_long_words=False)) or tekst


# --------------------------------------------------------------------------- ticks


def decimalen_voor(waarden: list[float], maximaal: int = 3, exact: bool = False) -> int:
    """The fewest decimals (0..``maximaal``) at which the values give distinct labels; with
    ``exact`` (tick positions) also at which every value is shown without rounding, so a tick at
    2,25 never reads '2,3'."""
    waarden = [w for w in waarden if math.isfinite(w)]
    for d in range(maximaal + 1):
        labels = [opmaak.getal(w, d) for w in waarden]
        if len(set(labels)) != len(labels):
            continue
        if exact and any(abs(round(w, d) - w) > 1e-9 * max(1.0, abs(w)) for w in waarden):
            continue
        return d
    return maximaal


class GetalOpmaak(Formatter):
    """Dutch tick labels whose number of decimals adapts to the ticks shown, so no two ticks on an
    axis read the same ('0,5 %', '1,0 %', '1,5 %' instead of '0 %', '1 %', '1 %')."""

    def __init__(self, soort: str = "getal"):
        self.soort = soort  # "getal", "procent" or "euro"
        self.decimalen = 0

    def set_locs(self, locs):
        super().set_locs(locs)
        vmin, vmax = self.axis.get_view_interval() if self.axis is not None else (-math.inf, math.inf)
        lo, hi = min(vmin, vmax), max(vmin, vmax)
        zichtbaar = [float(v) for v in locs if lo - 1e-9 <= v <= hi + 1e-9]
        self.decimalen = decimalen_voor(zichtbaar, exact=True)

    def __call__(self, x, pos=None):
        if self.soort == "procent":
            return opmaak.procent(x, self.decimalen)
        if self.soort == "euro":
            return opmaak.euro(x, self.decimalen)
        return opmaak.getal(x, self.decimalen)


# --------------------------------------------------------------------------- what is drawn


@dataclass
class Reeks:
    """One drawn line: who (``naam``), its role and the points (years, values).

    ``decimalen``: the decimals the source published the series with (the most of all its values and
    bounds, the rule of the assessment, ``voortgang.onzekerheid.splits_reeks``); None when unknown."""

    naam: str
    rol: str  # "gemeente", "nederland" or "vergelijk"
    jaren: list[int]
    waarden: list[float]
    decimalen: int | None = None


@dataclass
class Getekend:
    """What one indicator panel shows; captions and alt texts are made from this only."""

    indicator_id: str
    naam: str
    is_percentage: bool
    eenheid: str
    reeksen: list[Reeks] = field(default_factory=list)
    interval: bool = False
    basis: tuple[int, float] | None = None
    doel: tuple[int, float] | None = None
    #: decimals of the baseline and the target as the policy text writes them ('2 %' is a whole percent)
    basis_decimalen: int | None = None
    doel_decimalen: int | None = None
    #: the gemeente's series switches to another table (a successor version of the monitor): (first year
    #: from the new table, its name); marked in the panel by a dotted vertical line
    overstap: tuple[int, str] | None = None

    def reeks(self, rol: str) -> Reeks | None:
        return next((r for r in self.reeksen if r.rol == rol), None)

    def decimalen(self, *waarden: float) -> int:
        """Fallback decimals for values whose published precision is unknown (a record made by hand):
        one below 10 (percentages) or 100 (other units), none above; more when needed to tell
        different values apart (up to 2)."""
        grens = 10 if self.is_percentage else 100
        d = 1 if min(abs(w) for w in waarden) < grens else 0
        while d < 2 and len({opmaak.getal(w, d) for w in waarden}) < len(set(waarden)):
            d += 1
        return d

    def getal(self, w: float, decimalen: int) -> str:
        """``w`` in words with ``decimalen`` decimals and its unit ('11,7 %', '971,7')."""
        return opmaak.procent(w, decimalen) if self.is_percentage else opmaak.getal(w, decimalen)

    def waarde(self, w: float, *samen: float, decimalen: int | None = None) -> str:
        """``w`` in words with its unit: with ``decimalen`` (the precision the source published) when
        known, else as precise as needed next to the values ``samen`` (:meth:`decimalen`)."""
        return self.getal(w, self.decimalen(w, *samen) if decimalen is None else decimalen)


def _reeks(df: pd.DataFrame) -> tuple[list[int], list[float]]:
    df = df.sort_values("jaar")
    return [int(j) for j in df["jaar"]], [float(w) for w in df["waarde"]]


def reeks_decimalen(df: pd.DataFrame) -> int:
    """The decimals a source published one area's series with: the most of all its values and bounds
    (``gedeeld.getallen.decimalen`` of each), as the assessment reads them (``splits_reeks``), so
    ``laatste_decimalen`` and ``nl_decimalen`` of voortgang come out the same. Rows with a marking
    (excluded by the assessment) do not count unless every row has one; 0 for an empty series."""
    if "markering" in df:
        geldig = df[df["markering"].isna() | (df["markering"].astype(str).str.strip() == "")]
        df = geldig if len(geldig) else df
    waarden = [x for k in ("waarde", "ondergrens", "bovengrens") if k in df for x in df[k].tolist()]
    return max((decimalen_bron(float(x)) for x in waarden if x is not None and not pd.isna(x)), default=0)


def _gegeven_decimalen(indicator: dict, sleutel: str) -> int | None:
    """``indicator[sleutel]`` (a ``*_decimalen`` column of voortgang) as an int, or None when absent."""
    waarde = indicator.get(sleutel)
    return None if waarde is None or pd.isna(waarde) else int(waarde)


def _teken(ax, indicator: dict, reeks: pd.DataFrame, gemeente_code: str, gemeente_naam: str,
           klein: bool = False) -> Getekend:
    """Draw one indicator on ``ax`` and return what was drawn."""
    getekend = Getekend(str(indicator.get("indicator_id", "")), str(indicator.get("naam", "")),
                        bool(indicator.get("is_percentage")), eenheid_tekst(indicator))
    gemeten = reeks[reeks["waarde"].notna()]
    eigen = gemeten[gemeten["gebied"] == gemeente_code].sort_values("jaar")
    nl = gemeten[gemeten["gebied"] == GEBIED_NL].sort_values("jaar")
    marker = 3 if klein else 5
    alle = []
    if len(eigen):
        grenzen = eigen[eigen["ondergrens"].notna() & eigen["bovengrens"].notna()] \
            if {"ondergrens", "bovengrens"} <= set(eigen.columns) else eigen.iloc[0:0]
        if len(grenzen):
            if len(grenzen) > 1:
                ax.fill_between(grenzen["jaar"], grenzen["ondergrens"], grenzen["bovengrens"],
                                color=KLEUREN["gemeente"], alpha=0.18, linewidth=0,
                                label="95%-betrouwbaarheidsinterval")
            else:
                rij = grenzen.iloc[0]
                ax.errorbar([rij["jaar"]], [rij["waarde"]],
                            yerr=[[rij["waarde"] - rij["ondergrens"]], [rij["bovengrens"] - rij["waarde"]]],
                            color=KLEUREN["gemeente"], alpha=0.5, capsize=3, linewidth=1,
                            label="95%-betrouwbaarheidsinterval")
            getekend.interval = True
            alle += list(grenzen["ondergrens"]) + list(grenzen["bovengrens"])
        jaren, waarden = _reeks(eigen)
        ax.plot(jaren, waarden, marker="o", markersize=marker, color=KLEUREN["gemeente"], label=zet_naam(gemeente_naam))
        dec = _gegeven_decimalen(indicator, "laatste_decimalen")
        getekend.reeksen.append(Reeks(gemeente_naam, "gemeente", jaren, waarden,
                                      reeks_decimalen(eigen) if dec is None else dec))
        alle += waarden
        if "tabel" in eigen.columns and eigen["tabel"].nunique() > 1:
            # a series from two versions of a table (50120NED, then 50150NED from 2024): the reader sees where
            eerste_tabel = eigen["tabel"].iloc[0]
            na = eigen[eigen["tabel"] != eerste_tabel].iloc[0]
            voor = eigen[eigen["jaar"] < na["jaar"]]["jaar"]
            x = (float(voor.max()) + float(na["jaar"])) / 2 if len(voor) else float(na["jaar"]) - 0.5
            ax.axvline(x, color="#777777", linestyle=":", linewidth=1,
                       label=f"Andere tabel vanaf {int(na['jaar'])}")  # its name: caption and alt text
            getekend.overstap = (int(na["jaar"]), str(na["tabel"]))
    if len(nl):
        jaren, waarden = _reeks(nl)
        ax.plot(jaren, waarden, linestyle="--", marker="s", markersize=marker - 1.5,
                color=KLEUREN["nederland"], label="Nederland")
        dec = _gegeven_decimalen(indicator, "nl_decimalen")
        getekend.reeksen.append(Reeks("Nederland", "nederland", jaren, waarden,
                                      reeks_decimalen(nl) if dec is None else dec))
        alle += waarden
    if "gebied_niveau" in gemeten:
        andere = gemeten[(gemeten["gebied_niveau"] == "gemeente") & (gemeten["gebied"] != gemeente_code)]
        for i, (code, deel) in enumerate(sorted(andere.groupby("gebied"), key=lambda kv: kv[0])):
            naam = str(deel["gebied_naam"].iloc[0]) if "gebied_naam" in deel else str(code)
            jaren, waarden = _reeks(deel)
            ax.plot(jaren, waarden, linestyle=":", marker="^", markersize=marker - 1.5,
                    color=VERGELIJK[i % len(VERGELIJK)], label=zet_naam(naam))
            getekend.reeksen.append(Reeks(naam, "vergelijk", jaren, waarden, reeks_decimalen(deel)))
            alle += waarden
    basis_jaar, basis = indicator.get("basis_jaar"), indicator.get("basis_waarde")
    if pd.notna(basis_jaar) and pd.notna(basis):
        ax.scatter([basis_jaar], [basis], marker="D", s=16 if klein else 28, color=KLEUREN["basis"], zorder=3,
                   label="Basiswaarde (beleid)")
        getekend.basis = (int(basis_jaar), float(basis))
        dec = _gegeven_decimalen(indicator, "basis_decimalen")
        getekend.basis_decimalen = decimalen_bron(float(basis)) if dec is None else dec
        alle.append(float(basis))
    doel_jaar, doel = indicator.get("doel_jaar"), indicator.get("doel_waarde")
    if indicator.get("doel_type") == "waarde" and pd.notna(doel_jaar) and pd.notna(doel):
        ax.scatter([doel_jaar], [doel], marker="*", s=70 if klein else 140, color=KLEUREN["doel"], zorder=3,
                   label="Doelwaarde")
        getekend.doel = (int(doel_jaar), float(doel))
        dec = _gegeven_decimalen(indicator, "doel_decimalen")
        getekend.doel_decimalen = decimalen_bron(float(doel)) if dec is None else dec
        alle.append(float(doel))
    ax.set_ylim(*ylimieten(alle, getekend.is_percentage))
    jaren_alle = sorted({j for r in getekend.reeksen for j in r.jaren}
                        | ({getekend.basis[0]} if getekend.basis else set())
                        | ({getekend.doel[0]} if getekend.doel else set()))
    if jaren_alle:
        ax.set_xlim(jaren_alle[0] - 0.5, jaren_alle[-1] + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if klein else 7, integer=True))
    ax.xaxis.set_major_formatter(_JaarOpmaak())
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4 if klein else 5, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_formatter(GetalOpmaak("procent" if getekend.is_percentage else "getal"))
    return getekend


class _JaarOpmaak(Formatter):
    def __call__(self, x, pos=None):
        return opmaak.jaar(round(x)) if abs(x - round(x)) < 1e-9 else ""


def ylimieten(waarden: list[float], is_percentage: bool) -> tuple[float, float]:
    """Y-limits ``(onder, boven)`` around everything drawn (values, interval, basis, target).

    The axis does not start at zero when that would flatten the change; it never goes below zero
    for non-negative data, nor above 100 for percentages. The span is at least 20 % of the
    largest value (at least 1 unit for values from 5, 0,2 below; for percentages at least 2
    percentage points), so a flat series sits in the middle and noise is not magnified: 1,0 % and
    1,1 % (jeugdbescherming, 'geen meetbare verandering') no longer fill the panel as a jump;
    10 % margin on both sides.
    """
    waarden = [float(w) for w in waarden if w is not None and math.isfinite(float(w))]
    if not waarden:
        return (0.0, 1.0)
    lo, hi = min(waarden), max(waarden)
    # a small wobble is not blown up to the full height: the axis spans at least 20 % of the
    # largest value (or 1 unit)
    minimaal = max(0.2 * max(abs(lo), abs(hi)), 1.0 if max(abs(lo), abs(hi)) >= 5 else 0.2,
                   2.0 if is_percentage else 0.0)
    if hi - lo < minimaal:
        midden = (hi + lo) / 2
        lo, hi = midden - minimaal / 2, midden + minimaal / 2
    marge = (hi - lo) * 0.1
    onder, boven = lo - marge, hi + marge
    if lo >= 0:
        onder = max(onder, 0.0)
    if is_percentage and hi <= 100:
        boven = min(boven, 100.0)
    return (onder, boven)


# --------------------------------------------------------------------------- figures


def indicatorfiguur_getekend(indicator: dict, reeks: pd.DataFrame, gemeente_code: str,
                             gemeente_naam: str):
    """Time series of one indicator: the gemeente (with its 95 % interval where the source gives
    one), Nederland and comparable municipalities where measured, baseline and target.

    Returns ``(fig, Getekend)``: the matplotlib figure (6.2 x 3.0 in) and the record of what it
    shows, for :func:`bijschrift` and :func:`alt_tekst`.
    """
    with plt.rc_context(HUISSTIJL):
        fig, ax = plt.subplots(figsize=(6.2, 3.4))
        getekend = _teken(ax, indicator, reeks, gemeente_code, gemeente_naam)
        eenheid = getekend.eenheid
        if eenheid:
            ax.set_title(omloop(eenheid, 70), loc="left", fontsize=LETTERGROOTTE, color="#333333")
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
        fig.tight_layout()
    return fig, getekend


def indicatorfiguur(indicator: dict, reeks: pd.DataFrame, gemeente_code: str, gemeente_naam: str):
    """The figure of :func:`indicatorfiguur_getekend` only."""
    return indicatorfiguur_getekend(indicator, reeks, gemeente_code, gemeente_naam)[0]


KOLOMMEN = 3


def kleine_veelvouden(indicatoren: list[dict], reeksen: pd.DataFrame, gemeente_code: str,
                      gemeente_naam: str):
    """One figure with a small panel per indicator (three per row), for a theme with many.

    ``reeksen`` holds the rows of all ``indicatoren`` (column ``indicator_id``). Each panel has its
    own y-axis (units differ); one legend on top. Returns ``(fig, [Getekend, ...])`` in the order
    of ``indicatoren``.
    """
    n = len(indicatoren)
    rijen = math.ceil(n / KOLOMMEN)
    with plt.rc_context(HUISSTIJL):
        fig, assen = plt.subplots(rijen, KOLOMMEN, figsize=(6.6, 0.7 + 1.85 * rijen), squeeze=False)
        getekend = []
        for i, ind in enumerate(indicatoren):
            ax = assen[i // KOLOMMEN][i % KOLOMMEN]
            deel = reeksen[reeksen["indicator_id"] == ind["indicator_id"]]
            g = _teken(ax, ind, deel, gemeente_code, gemeente_naam, klein=True)
            getekend.append(g)
            titel = omloop(voluit(str(ind.get("naam", ""))), 22)
            eenheid = g.eenheid if g.eenheid != "Percentage" else ""
            if eenheid:
                titel += "\n" + omloop(eenheid, 24)
            ax.set_title(titel, loc="left", fontsize=LETTERGROOTTE, linespacing=1.1)
        for j in range(n, rijen * KOLOMMEN):
            assen[j // KOLOMMEN][j % KOLOMMEN].set_visible(False)
        legenda = {}
        for ax in assen.flat:
            for lijn, label in zip(*ax.get_legend_handles_labels()):
                legenda.setdefault(label, lijn)
        fig.legend(legenda.values(), legenda.keys(), loc="upper center", ncol=min(3, len(legenda)),
                   bbox_to_anchor=(0.5, 1.0))
        fig.tight_layout(rect=(0, 0, 1, 1 - 0.45 / (0.7 + 1.85 * rijen)), h_pad=1.0, w_pad=0.8)
    return fig, getekend


# --------------------------------------------------------------------------- words


def _opsomming(delen: list[str]) -> str:
    if len(delen) <= 1:
        return "".join(delen)
    return ", ".join(delen[:-1]) + " en " + delen[-1]


def reeksnamen(getekend: list[Getekend]) -> list[str]:
    """Names of the lines drawn, the gemeente first, Nederland last."""
    volgorde = {"gemeente": 0, "vergelijk": 1, "nederland": 2}
    namen: dict[str, int] = {}
    for g in getekend:
        for r in g.reeksen:
            namen.setdefault(zet_naam(r.naam), volgorde[r.rol])
    return sorted(namen, key=lambda n: (namen[n], n))


def bijschrift(getekend: list[Getekend], onderwerp: str, gemeente_naam: str, bron: str = "",
               demo: bool = False) -> str:
    """Caption naming exactly the lines, interval and target that are drawn.

    ``onderwerp`` is the indicator name (one panel) or e.g. 'De 11 indicatoren van het thema X'.
    """
    namen = reeksnamen(getekend)
    tekst = f"{onderwerp} in {_opsomming(namen)}" if namen else onderwerp
    extra = []
    met_interval = [g for g in getekend if g.interval]
    if met_interval:
        waar = "" if len(met_interval) == len(getekend) else " waar de bron dat geeft"
        extra.append(f"95%-betrouwbaarheidsinterval voor {zet_naam(gemeente_naam)}{waar}")
    if any(g.basis for g in getekend):
        extra.append("basiswaarde")
    if any(g.doel for g in getekend):
        extra.append("doelwaarde")
    if extra:
        tekst += ", met " + _opsomming(extra)
    if bron:
        tekst += f" (bron: {bron})"
    return tekst + "." + (" Voorbeelddata." if demo else "")


def _begin_decimalen(r: Reeks, g: Getekend) -> int | None:
    """Decimals of the first point of ``r``: the gemeente's point in the baseline year is the baseline of
    the policy text when it is that figure at the policy text's precision ('2 %' for a measured 2,0), and is
    quoted as the report's text quotes the baseline; any other point has its series' precision."""
    if (r.rol == "gemeente" and g.basis is not None and g.basis_decimalen is not None
            and r.jaren[0] == g.basis[0]
            and g.getal(r.waarden[0], g.basis_decimalen) == g.getal(g.basis[1], g.basis_decimalen)):
        return g.basis_decimalen
    return r.decimalen


def _verloop(r: Reeks, g: Getekend) -> str:
    """One line in words: its only value, 'bleef op', or from its first to its last value. Each value has
    the precision its source published (:attr:`Reeks.decimalen`, the baseline's for the gemeente's point in
    the baseline year). Rise or fall is judged on the measurements at their series' precision, as the
    report's text judges the change against the measured base-year wave ('steeg van 1 % (2020) naar 1,1 %
    (2022)' for a registered 1,0 -> 1,1); values equal at that precision read 'was … en …'."""
    naam = zet_naam(r.naam)
    if len(r.waarden) == 1:
        return f"{naam}: {g.waarde(r.waarden[0], decimalen=r.decimalen)} in {r.jaren[0]}"
    v0, v1 = r.waarden[0], r.waarden[-1]
    d0, d1 = _begin_decimalen(r, g), r.decimalen
    w0, w1 = g.waarde(v0, v1, decimalen=d0), g.waarde(v1, v0, decimalen=d1)
    if w0 == w1:
        return f"{naam} bleef op {w1} ({r.jaren[0]}–{r.jaren[-1]})"
    if d1 is not None and g.getal(v0, d1) == g.getal(v1, d1):
        return f"{naam} was {w0} ({r.jaren[0]}) en {w1} ({r.jaren[-1]})"
    werkwoord = "steeg" if v1 > v0 else "daalde"
    return f"{naam} {werkwoord} van {w0} ({r.jaren[0]}) naar {w1} ({r.jaren[-1]})"


def alt_zin(g: Getekend) -> str:
    """The data of one panel in a sentence, e.g. 'Rijswijk steeg van 46 % (2016) naar 50 % (2022);
    Nederland in 2022: 47 %; doel 40 % in 2022.' Every value with the precision its source published, as the
    report's text and tables give it: a series' values as the source wrote them (:attr:`Reeks.decimalen`),
    the baseline and the target as the policy text writes them (:attr:`Getekend.basis_decimalen`,
    :attr:`Getekend.doel_decimalen`)."""
    eigen = g.reeks("gemeente")
    delen = []
    if eigen:
        zin = _verloop(eigen, g)
        nl = g.reeks("nederland")
        if nl and eigen.jaren[-1] in nl.jaren:
            # the value only: whether the difference is real (margins) is said in the text beside the figure,
            # "boven Nederland" here contradicted "binnen de foutmarge" there (tester, session 9)
            w_nl = nl.waarden[nl.jaren.index(eigen.jaren[-1])]
            zin += f"; Nederland in {eigen.jaren[-1]}: {g.waarde(w_nl, decimalen=nl.decimalen)}"
        elif nl:
            zin += f"; {_verloop(nl, g)}"
        delen.append(zin)
    elif g.reeks("nederland"):
        delen.append(_verloop(g.reeks("nederland"), g))
    for r in g.reeksen:
        if r.rol == "vergelijk":
            delen.append(_verloop(r, g))
    if g.doel:
        delen.append(f"doel {g.waarde(g.doel[1], decimalen=g.doel_decimalen)} in {g.doel[0]}")
    if g.overstap:
        delen.append(f"de metingen vanaf {g.overstap[0]} komen uit een andere tabel ({g.overstap[1]})")
    tekst = "; ".join(delen)
    return (tekst[:1].upper() + tekst[1:] + ".") if tekst else "Geen metingen."


def alt_tekst(getekend: list[Getekend], met_namen: bool = False) -> str:
    """Alt text stating the data: one sentence per panel, prefixed by the indicator name when
    ``met_namen`` (small multiples)."""
    if not met_namen:
        return " ".join(alt_zin(g) for g in getekend)
    return " ".join(f"{g.naam}: {alt_zin(g)}" for g in getekend)


# --------------------------------------------------------------------------- files


# Text in the SVG names a web-safe stack after DejaVu Sans: Verdana and Bitstream Vera Sans have
# (nearly) the same metrics, so labels keep fitting in a browser without DejaVu.
LETTERSTAPEL = "font-family: 'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif"


#: resolution of the PNG copy of a figure (the Word edition)
PNG_DPI = 150


def bewaar_svg(fig, pad: Path) -> None:
    """Save deterministically and atomically: no date in the metadata, and the house style (with its
    fixed ``svg.hashsalt``, so element ids are the same in every run) in force while writing.
    Text stays text, with the font stack :data:`LETTERSTAPEL`.

    Beside ``pad`` (``x.svg``) a PNG copy ``x.png`` at :data:`PNG_DPI` dpi, without software metadata:
    the Word edition uses it, because Word before 2016 (and some council information systems) shows
    nothing for an SVG-only picture; PDF and HTML keep the SVG."""
    import io

    def schrijf(doel: Path) -> None:
        buffer = io.BytesIO()
        with plt.rc_context(HUISSTIJL):
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        svg = buffer.getvalue().decode("utf-8").replace("font-family: 'DejaVu Sans'", LETTERSTAPEL)
        doel.write_bytes(svg.encode("utf-8"))

    def schrijf_png(doel: Path) -> None:
        buffer = io.BytesIO()
        with plt.rc_context(HUISSTIJL):
            fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
        doel.write_bytes(buffer.getvalue())

    schrijf_met(pad, schrijf)
    schrijf_met(Path(pad).with_suffix(".png"), schrijf_png)
    plt.close(fig)


CODE_ID = re.compile(r"\(([a-z0-9]+(?:_[a-z0-9]+)+)\)")


def _dutch_label(label: str) -> str:
    """'waarde per eenheid\\n(buddytrajecten_zorgkosten)' -> 'waarde per eenheid\\n(buddytrajecten
    zorgkosten)': a code id shown as words."""
    tekst = CODE_ID.sub(lambda m: "(" + m.group(1).replace("_", " ") + ")", str(label))
    tekst = tekst.replace("_", " ")
    return "\n".join(omloop(regel, 32) for regel in tekst.split("\n"))


def tornadofiguur(tabel: pd.DataFrame, titel: str):
    """Tornado chart: one bar per parameter, from the low to the high outcome (euro).

    ``tabel`` has columns ``parameter``, ``laag``, ``hoog`` and optionally ``centraal``. Only
    parameters whose low and high outcome differ get a bar; the others are named under the axis
    ('zonder spreiding'), so no bar of zero width is drawn.
    """
    with plt.rc_context(HUISSTIJL):
        tabel = tabel.assign(breedte=(tabel["hoog"] - tabel["laag"]).abs(),
                             label=[_dutch_label(p) for p in tabel["parameter"]])
        schaal = float(tabel[["laag", "hoog"]].abs().max().max() or 1.0)
        vlak = tabel[tabel["breedte"] <= schaal * 1e-9]
        tabel = tabel[tabel["breedte"] > schaal * 1e-9].sort_values("breedte")
        fig, ax = plt.subplots(figsize=(6.2, 1.6 + 0.6 * max(len(tabel), 1)))
        if len(tabel):
            ax.barh(tabel["label"], tabel["hoog"] - tabel["laag"], left=tabel["laag"],
                    color=KLEUREN["gemeente"])
        else:
            ax.set_yticks([])
        if "centraal" in tabel or "centraal" in vlak:
            centraal = float((tabel if len(tabel) else vlak)["centraal"].iloc[0])
            ax.axvline(centraal, color=KLEUREN["basis"], linestyle="--", linewidth=1)
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_major_formatter(GetalOpmaak("euro"))
        xlabel = "Saldo baten min subsidie (contante waarde)"
        if len(vlak):
            namen = "; ".join(str(v).replace("\n", " ") for v in vlak["label"])
            xlabel += "\n" + omloop(f"Zonder spreiding (laag = hoog): {namen}", 80)
        ax.set_xlabel(xlabel)
        ax.set_title(omloop(titel, 70), loc="left")
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        fig.tight_layout()
    return fig


def tornado_alt_tekst(tabel: pd.DataFrame) -> str:
    """Alt text for :func:`tornadofiguur` stating its data, widest bar first, e.g. 'Saldo bij
    centrale aannames € −130.303. Waarde per eenheid (buddytrajecten zorgkosten): van € −229.777
    tot € −30.830. Zonder spreiding: volume (buddytrajecten zorgkosten).'

    ``tabel`` as for :func:`tornadofiguur` (``parameter``, ``laag``, ``hoog``, optional
    ``centraal``; amounts in euro).
    """
    tabel = tabel.assign(breedte=(tabel["hoog"] - tabel["laag"]).abs(),
                         label=[_dutch_label(p).replace("\n", " ") for p in tabel["parameter"]])
    schaal = float(tabel[["laag", "hoog"]].abs().max().max() or 1.0)
    delen = []
    if "centraal" in tabel and len(tabel):
        delen.append(f"Saldo bij centrale aannames {opmaak.euro(float(tabel['centraal'].iloc[0]))}.")
    for r in tabel[tabel["breedte"] > schaal * 1e-9].sort_values("breedte", ascending=False).itertuples():
        lo, hi = sorted([float(r.laag), float(r.hoog)])
        delen.append(f"{r.label[:1].upper() + r.label[1:]}: van {opmaak.euro(lo)} tot {opmaak.euro(hi)}.")
    vlak = [str(v) for v in tabel.loc[tabel["breedte"] <= schaal * 1e-9, "label"]]
    if vlak:
        delen.append("Zonder spreiding: " + "; ".join(vlak) + ".")
    return " ".join(delen)

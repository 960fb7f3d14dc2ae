"""Figures in one house style: colour-blind-safe (Okabe-Ito), Dutch labels, SVG.

SVG output is made deterministic (fixed hash salt, no date) so two builds give
identical files.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from evaluatie.hoofdstukken import opmaak  # noqa: E402
from evaluatie.gedeeld.bestanden import schrijf_met  # noqa: E402

# Okabe & Ito (2008) palette, safe for the common colour-vision deficiencies.
KLEUREN = {
    "gemeente": "#0072B2",
    "nederland": "#E69F00",
    "doel": "#009E73",
    "basis": "#555555",
    "wijk": "#56B4E9",
}

VERGELIJK = ["#CC79A7", "#D55E00", "#999999"]  # comparable municipalities (Okabe-Ito)

HUISSTIJL = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.titlesize": 10,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "svg.hashsalt": "evaluatie",
    "svg.fonttype": "path",
}


def _as_formatter(is_percentage: bool) -> FuncFormatter:
    if is_percentage:
        return FuncFormatter(lambda v, _pos: opmaak.procent(v, 0))
    return FuncFormatter(lambda v, _pos: opmaak.getal(v, 0))


def indicatorfiguur(indicator: dict, reeks: pd.DataFrame, gemeente_code: str, gemeente_naam: str):
    """Time series of one indicator: gemeente with 95 % band, NL line, baseline and target."""
    with plt.rc_context(HUISSTIJL):
        fig, ax = plt.subplots(figsize=(6.2, 2.9))
        eigen = reeks[(reeks["gebied"] == gemeente_code) & reeks["waarde"].notna()].sort_values("jaar")
        nl = reeks[(reeks["gebied"] == "NL01") & reeks["waarde"].notna()].sort_values("jaar")
        if len(eigen):
            if eigen["ondergrens"].notna().any():
                ax.fill_between(eigen["jaar"], eigen["ondergrens"], eigen["bovengrens"],
                                color=KLEUREN["gemeente"], alpha=0.18, linewidth=0,
                                label="95%-betrouwbaarheidsinterval")
            ax.plot(eigen["jaar"], eigen["waarde"], marker="o", color=KLEUREN["gemeente"],
                    label=gemeente_naam)
        if len(nl):
            ax.plot(nl["jaar"], nl["waarde"], linestyle="--", marker="s", markersize=3.5,
                    color=KLEUREN["nederland"], label="Nederland")
        andere = reeks[(reeks["gebied_niveau"] == "gemeente") & (reeks["gebied"] != gemeente_code)
                       & reeks["waarde"].notna()] if "gebied_niveau" in reeks else reeks.iloc[0:0]
        for i, (code, deel) in enumerate(sorted(andere.groupby("gebied"), key=lambda kv: kv[0])):
            deel = deel.sort_values("jaar")
            naam = str(deel["gebied_naam"].iloc[0]) if "gebied_naam" in deel else code
            ax.plot(deel["jaar"], deel["waarde"], linestyle=":", marker="^", markersize=3.5,
                    color=VERGELIJK[i % len(VERGELIJK)], label=naam)
        basis_jaar, basis = indicator.get("basis_jaar"), indicator.get("basis_waarde")
        if pd.notna(basis_jaar) and pd.notna(basis):
            ax.scatter([basis_jaar], [basis], marker="D", color=KLEUREN["basis"], zorder=3,
                       label="Basiswaarde (beleid)")
        doel_jaar, doel = indicator.get("doel_jaar"), indicator.get("doel_waarde")
        if indicator.get("doel_type") == "waarde" and pd.notna(doel_jaar) and pd.notna(doel):
            ax.scatter([doel_jaar], [doel], marker="*", s=140, color=KLEUREN["doel"], zorder=3,
                       label="Doelwaarde")
        ax.yaxis.set_major_formatter(_as_formatter(bool(indicator.get("is_percentage"))))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("Jaar")
        ax.set_ylabel(str(indicator.get("eenheid") or ""), fontsize=8)
        ymin, ymax = ax.get_ylim()
        ax.set_ylim(min(0, ymin), ymax * 1.08 if ymax > 0 else ymax)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        fig.tight_layout()
    return fig


def bewaar_svg(fig, pad: Path) -> None:
    """Save deterministically and atomically: no date in the metadata, and the house style (with its
    fixed ``svg.hashsalt``, so element ids are the same in every run) in force while writing."""

    def schrijf(doel: Path) -> None:
        with plt.rc_context(HUISSTIJL):
            fig.savefig(doel, format="svg", metadata={"Date": None})

    schrijf_met(pad, schrijf)
    plt.close(fig)


def tornadofiguur(tabel: pd.DataFrame, titel: str):
    """Tornado chart: one bar per parameter, from the low to the high outcome."""
    with plt.rc_context(HUISSTIJL):
        tabel = tabel.assign(breedte=(tabel["hoog"] - tabel["laag"]).abs()).sort_values("breedte")
        fig, ax = plt.subplots(figsize=(6.2, 1.2 + 0.55 * len(tabel)))
        ax.barh(tabel["parameter"], tabel["hoog"] - tabel["laag"], left=tabel["laag"],
                color=KLEUREN["gemeente"])
        if "centraal" in tabel:
            ax.axvline(float(tabel["centraal"].iloc[0]), color=KLEUREN["basis"], linestyle="--", linewidth=1)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: opmaak.euro(v)))
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.set_xlabel("Saldo baten min subsidie (contante waarde)")
        ax.set_title(titel)
        ax.grid(axis="y", visible=False)
        fig.tight_layout()
    return fig

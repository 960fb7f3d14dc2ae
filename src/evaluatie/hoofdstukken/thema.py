"""Building blocks of a theme chapter, called from notebooks/thema.ipynb.

Every function returns Markdown; the notebook displays it, nbconvert exports it,
and pandoc typesets it. Numbers are formatted in Dutch through `opmaak`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaluatie.hoofdstukken import dashboard, doelen, opmaak, zinnen
from evaluatie.hoofdstukken.opmaak import md_tekst as md

CONCLUSIE_START = "<!-- conclusie:start -->"
CONCLUSIE_EIND = "<!-- conclusie:eind -->"
ONDERDRUKT_VOETNOOT = ("– = onderdrukt: het aantal is kleiner dan {min_aantal} of de bron markeert de schatting als "
            "onbetrouwbaar; zulke cellen worden niet gepubliceerd om kleine groepen inwoners te beschermen.")


@dataclass
class Thema:
    thema_id: str
    naam: str
    omschrijving: str
    coalitie: str | None
    indicatoren: pd.DataFrame
    voortgang: pd.DataFrame
    reeksen: pd.DataFrame
    acties: pd.DataFrame


def laad(invoer: str | Path) -> Thema:
    """Read the per-theme tables written by the `voortgang` stage."""
    invoer = Path(invoer)
    lees = lambda naam: pd.read_parquet(invoer / f"{naam}.parquet")  # noqa: E731
    rij = lees("thema").iloc[0]
    return Thema(
        thema_id=str(rij["thema_id"]),
        naam=str(rij["naam"]),
        omschrijving=str(rij.get("omschrijving") or ""),
        coalitie=None if pd.isna(rij.get("coalitie")) else str(rij.get("coalitie")),
        indicatoren=lees("indicatoren").sort_values("indicator_id"),
        voortgang=lees("voortgang").sort_values("indicator_id"),
        reeksen=lees("reeksen"),
        acties=lees("acties").sort_values("actie_id"),
    )


def kop(t: Thema) -> str:
    tekst = f"# {md(t.naam)}\n\n"
    if t.omschrijving.strip():
        tekst += md(t.omschrijving) + "\n\n"
    if t.coalitie and t.coalitie.strip():  # who carries the theme out: a coalition, a subsidy table, ...
        tekst += f"**Uitvoering:** {md(t.coalitie)}\n"
    return tekst


def _decimalen(v: pd.Series | None, kolom: str, standaard: int = 1) -> int:
    if v is None or kolom not in v or pd.isna(v[kolom]):
        return standaard
    return int(v[kolom])


def _doel(ind: pd.Series, v: pd.Series | None = None) -> str:
    if ind["doel_type"] == "waarde":
        dec = _decimalen(v, "doel_decimalen", zinnen_decimalen(ind["doel_waarde"]))
        return (f"{opmaak.waarde_met_eenheid(ind['doel_waarde'], ind['is_percentage'], dec)} "
                f"({opmaak.jaar(ind['doel_jaar'])})")
    if ind["doel_type"] == "richting_per_jaar":
        return opmaak.richtingsdoel(ind["richting"], ind.get("basis_jaar"), ind["doel_vanaf_jaar"], ind["doel_jaar"])
    return f"geen streefwaarde ({'lager' if ind['richting'] == 'lager' else 'hoger'} is beter)"


def zinnen_decimalen(x: object) -> int:
    """Decimals of a policy figure as written (8 -> 0, 11.7 -> 1); see gedeeld.getallen.decimalen."""
    from evaluatie.gedeeld.getallen import decimalen

    return decimalen(x)  # type: ignore[arg-type]


def status_label(v: pd.Series) -> str:
    """Status as symbol + word, so it survives black-and-white printing (:func:`dashboard.status_tekst`)."""
    return dashboard.status_tekst(v)


STATLINE_TABEL = re.compile(r"\d{5}[A-Z]{3}")


def bronvermelding(reeks: pd.DataFrame) -> str:
    """The source of a figure as a reader names it: the organisation that published the measurements, with the
    StatLine table number where there is one ('RIVM, tabel 50120NED'; 'CBS Jeugd; CBS'). A project-internal
    file id (such as 'sociaal_domein_indicatoren') is never printed. Rows without a ``bron`` column fall back to
    the StatLine table numbers alone. Sorted, so the same series gives the same caption."""
    if "tabel" not in reeks:
        return ""
    delen = set()
    bronnen = reeks["bron"] if "bron" in reeks else pd.Series([""] * len(reeks), index=reeks.index)
    for bron, tabel in zip(bronnen.fillna("").astype(str), reeks["tabel"].fillna("").astype(str)):
        nummer = f"tabel {tabel}" if STATLINE_TABEL.fullmatch(tabel) else ""
        delen.add(", ".join(d for d in (bron.strip(), nummer) if d))
    return "; ".join(sorted(d for d in delen if d))


def afgelegd(fractie: float) -> str:
    """Column 'Afgelegd naar het doel' in words a council member reads without the formula.

    ``fractie`` is ``afstand_gesloten`` = (laatste − basis) / (doel − basis) (voortgang.meta.yml):
    1.0 or more -> 'doel bereikt'; 0.67 -> '67 % van de afstand'; 0.996 -> 'bijna alles (meer dan 99 %)'
    (never rounded up to a reached target); 0 or rounding to 0 % -> 'niets'; −0.67 -> 'niets: verder van het
    doel dan bij de start'.
    """
    if fractie >= 1:
        return "doel bereikt"
    if fractie < 0 and opmaak.aandeel(-fractie) != "0\u00a0%":
        return "niets: verder van het doel dan bij de start"
    if opmaak.aandeel(fractie) in ("0\u00a0%", "100\u00a0%"):
        return "niets" if opmaak.aandeel(fractie) == "0\u00a0%" else "bijna alles (meer dan 99\u00a0%)"
    return f"{opmaak.aandeel(fractie)} van de afstand"


AFGELEGD_UITLEG = ("_Afgelegd naar het doel_: welk deel van de afstand tussen de basiswaarde en het doel de "
                   "laatste meting heeft afgelegd.")


def indicatortabel(t: Thema, min_aantal: int) -> str:
    """Basiswaarde, doel, laatste meting (decimals as published), afstand, Nederland and status."""
    if t.indicatoren.empty:
        return ("_In het beleidskader zijn voor dit thema (nog) geen indicatoren met een basiswaarde of "
                "doel vastgelegd; de voortgang blijkt hier alleen uit de acties en hun status._\n")
    vg = t.voortgang.set_index("indicator_id")
    rijen = []
    for ind in t.indicatoren.itertuples(index=False):
        s = pd.Series(ind._asdict())
        v = vg.loc[ind.indicator_id] if ind.indicator_id in vg.index else None
        laatste = afstand = nederland = "–"
        status = "onvoldoende gegevens"
        if v is not None:
            if pd.notna(v.get("laatste_waarde")):
                laatste = (f"{opmaak.waarde_met_eenheid(v['laatste_waarde'], ind.is_percentage, _decimalen(v, 'laatste_decimalen'))}"
                           f" ({opmaak.jaar(v['laatste_jaar'])})")
            if pd.notna(v.get("afstand_gesloten")):
                afstand = afgelegd(v["afstand_gesloten"])
            nederland = zinnen.vergelijking_nederland(v.to_dict()) or "–"
            status = status_label(v)
        basis = "–"
        basis_w, basis_j, eerste_meting = dashboard.basis(s, v)  # the same base as the dashboard shows
        if basis_w is not None:
            dec = _decimalen(v, "basis_decimalen", zinnen_decimalen(basis_w))
            marker = dashboard.MARKER_EERSTE_METING if eerste_meting else ""
            basis = f"{opmaak.waarde_met_eenheid(basis_w, ind.is_percentage, dec)} ({opmaak.jaar(basis_j)}{marker})"
        rijen.append([ind.naam, basis, _doel(s, v), laatste, afstand, nederland, status])
    tabel = opmaak.markdown_tabel(
        rijen,
        ["Indicator", "Basiswaarde", "Doel", "Laatste meting", "Afgelegd naar het doel", "Nederland", "Status"],
        bijschrift=f"Indicatoren van het thema {t.naam}: basiswaarde, doel, laatste meting en vergelijking met Nederland",
        rechts={1, 3},
    )
    if any(r[4] != "–" for r in rijen):
        tabel += f"\n{AFGELEGD_UITLEG}\n"
    if any(dashboard.MARKER_EERSTE_METING in r[1] for r in rijen):
        tabel += f"\n{dashboard.MARKER_EERSTE_METING} {dashboard.UITLEG_EERSTE_METING}\n"
    if "onderdrukt" in t.reeksen and bool(t.reeksen["onderdrukt"].any()):
        aantal = int(t.reeksen["onderdrukt"].sum())
        tabel += f"\n{ONDERDRUKT_VOETNOOT.format(min_aantal=min_aantal)} In dit thema: {aantal} cel(len).\n"
    return tabel


KLEINE_VEELVOUDEN_VANAF = 6  # a theme with more indicators with data gets one figure of small panels


def _gegevens_csv(reeks: pd.DataFrame, gemeente_code: str) -> str:
    """The measurements behind a figure (gemeente, Nederland, comparable municipalities) as CSV."""
    kolommen = [k for k in ("indicator_id", "jaar", "gebied", "gebied_naam", "waarde", "ondergrens",
                            "bovengrens", "eenheid", "bron", "tabel") if k in reeks]
    getoond = reeks[reeks["waarde"].notna() & ((reeks["gebied"] == gemeente_code) | (reeks["gebied"] == "NL01")
                                               | (reeks.get("gebied_niveau") == "gemeente"))]
    return getoond.sort_values(["indicator_id", "gebied", "jaar"])[kolommen].to_csv(
        index=False, lineterminator="\n", float_format="%.6g")


def _downloadlink(csv: str, bestandsnaam: str, tekst: str) -> str:
    """An HTML-only link that downloads ``csv`` (embedded, so the HTML stays one file)."""
    import base64
    import html

    data = base64.b64encode(csv.encode("utf-8")).decode("ascii")
    return (f'<a class="gegevens" href="data:text/csv;charset=utf-8;base64,{data}" '
            f'download="{html.escape(opmaak.een_regel(bestandsnaam))}">{html.escape(opmaak.een_regel(tekst))}</a>')


def figuren(t: Thema, figuurmap: str | Path, rapportmap: str | Path,
            gemeente_code: str, gemeente_naam: str) -> str:
    """The figures of a theme with captions and alt texts made from what is drawn; returns Markdown.

    One SVG per indicator with measurements, or -- when more than ``KLEINE_VEELVOUDEN_VANAF``
    indicators have measurements -- one figure of small panels. The data drawn goes under each figure in
    the HTML as a CSV download (``<indicator_id>.csv``), embedded in the link, so no file is written for it.
    """
    from evaluatie.hoofdstukken import figuren as fig

    figuurmap, rapportmap = Path(figuurmap), Path(rapportmap)
    figuurmap.mkdir(parents=True, exist_ok=True)  # a DVC out, also when the theme has no figure
    met_data = []
    for ind in t.indicatoren.to_dict("records"):
        reeks = t.reeksen[t.reeksen["indicator_id"] == ind["indicator_id"]]
        if reeks["waarde"].notna().sum() > 0:
            met_data.append((ind, reeks))
    if not met_data:
        return "_Voor dit thema zijn (nog) geen metingen beschikbaar om in een figuur te tonen._\n"

    def bron_en_demo(reeks: pd.DataFrame) -> tuple[str, bool]:
        return bronvermelding(reeks), ("demo" in reeks and bool(reeks["demo"].any()))

    def links(paren: list[tuple[dict, pd.DataFrame]]) -> str:
        items = []
        for ind, reeks in paren:
            csv = _gegevens_csv(reeks, gemeente_code)
            tekst = f"Gegevens: {ind['naam']} (CSV)" if len(paren) > 1 else "Gegevens bij deze figuur (CSV)"
            items.append(_downloadlink(csv, f"{ind['indicator_id']}.csv", tekst))
        klasse = "gegevens-lijst" if len(items) > 1 else "gegevens-bij-figuur"
        return "```{=html}\n" + f'<p class="{klasse}">' + " ".join(items) + "</p>\n```\n"

    def beeld(bijschrift: str, alt: str, pad: Path) -> str:
        alt = opmaak.een_regel(alt).replace("\\", "\\\\").replace('"', '\\"')
        return f'![{md(bijschrift)}]({pad.relative_to(rapportmap).as_posix()}){{alt="{alt}"}}\n'

    if len(met_data) > KLEINE_VEELVOUDEN_VANAF:
        indicatoren = [ind for ind, _ in met_data]
        reeksen = pd.concat([r for _, r in met_data])
        figuur, getekend = fig.kleine_veelvouden(indicatoren, reeksen, gemeente_code, gemeente_naam)
        pad = figuurmap / f"{t.thema_id}_overzicht.svg"
        fig.bewaar_svg(figuur, pad)
        bron, demo = bron_en_demo(reeksen)
        onderwerp = f"Verloop van de {len(met_data)} indicatoren van het thema {t.naam}"
        return (beeld(fig.bijschrift(getekend, onderwerp, gemeente_naam, bron, demo),
                      fig.alt_tekst(getekend, met_namen=True), pad) + "\n" + links(met_data))
    delen = []
    for ind, reeks in met_data:
        pad = figuurmap / f"{ind['indicator_id']}.svg"
        figuur, getekend = fig.indicatorfiguur_getekend(ind, reeks, gemeente_code, gemeente_naam)
        fig.bewaar_svg(figuur, pad)
        bron, demo = bron_en_demo(reeks)
        delen.append(beeld(fig.bijschrift([getekend], str(ind["naam"]), gemeente_naam, bron, demo),
                           fig.alt_tekst([getekend]), pad) + "\n" + links([(ind, reeks)]))
    return "\n".join(delen)


def vergelijking(t: Thema, indicator_id: str, jaar: int | None, is_percentage: bool,
                 decimalen: int | None = None) -> str:
    """'In 2022: Rijswijk 50,0 %, Leidschendam-Voorburg 47,0 %, Nederland 48,0 %.' (empty when no peers)."""
    if jaar is None or pd.isna(jaar):
        return ""
    r = t.reeksen[(t.reeksen["indicator_id"] == indicator_id) & (t.reeksen["jaar"] == jaar)
                  & t.reeksen["waarde"].notna() & t.reeksen["gebied_niveau"].isin(["gemeente", "land"])]
    if (r["gebied_niveau"] == "gemeente").sum() < 2:
        return ""
    r = r.assign(_volgorde=r["gebied_niveau"].map({"gemeente": 0, "land": 1}))
    dec = 1 if decimalen is None else decimalen
    delen = [f"{md(rij.gebied_naam)} {opmaak.waarde_met_eenheid(rij.waarde, is_percentage, dec)}"
             for rij in r.sort_values(["_volgorde", "gebied"]).itertuples(index=False)]
    return f" Ter vergelijking, in {opmaak.jaar(jaar)}: " + ", ".join(delen) + "."


def bevindingen(t: Thema, materialiteit: float = 0.01, gecorrigeerd: bool = False) -> str:
    """One plain Dutch paragraph per indicator from its numbers (:func:`zinnen.zin`, with the report's
    settings ``drempels.materialiteit`` and ``drempels.benjamini_hochberg``), plus the descriptive
    comparison with the comparable municipalities and Nederland where measured."""
    regels = []
    indicatoren = t.indicatoren.set_index("indicator_id")
    for v in t.voortgang.itertuples(index=False):
        rij = v._asdict()
        naam = indicatoren.loc[v.indicator_id, "naam"]
        extra = vergelijking(t, v.indicator_id, v.laatste_jaar, bool(indicatoren.loc[v.indicator_id, "is_percentage"]),
                             None if pd.isna(rij.get("laatste_decimalen")) else int(rij["laatste_decimalen"]))
        namen = dict(zip(t.reeksen.get("gebied", pd.Series(dtype=str)).astype(str),
                         t.reeksen.get("gebied_naam", pd.Series(dtype=str)).astype(str)))
        peers = zinnen.vergelijking_gemeenten(rij, namen)
        regels.append(f"- **{md(naam)}** ({md(status_label(pd.Series(rij)))}): {md(zinnen.zin(rij, naam, materialiteit, gecorrigeerd))}{extra}"
                      + (f" {md(peers)}" if peers else ""))
    if not regels:
        return "_Dit thema heeft geen indicatoren in het beleidskader._\n"
    return "\n".join(regels) + "\n"


def acties(t: Thema) -> str:
    if t.acties.empty:
        return "_Voor dit thema zijn in het beleidskader geen acties vastgelegd._\n"
    met_status = [isinstance(a.status, str) and bool(a.status) for a in t.acties.itertuples(index=False)]
    if not any(met_status):
        # a column of "onbekend" tells the reader nothing: list the actions and say where they are judged
        lijst = "\n".join(f"- {md(a.naam)}" for a in t.acties.itertuples(index=False))
        return (f"{lijst}\n\nDe beleidsdocumenten geven geen uitvoeringsstatus per actie. Of een activiteit "
                "doorgaat, staat in het hoofdstuk *Wat gaat door?*.\n")
    rijen = [[a.naam, a.status if heeft else "niet bekend"]
             for a, heeft in zip(t.acties.itertuples(index=False), met_status)]
    return opmaak.markdown_tabel(rijen, ["Actie", "Status"], bijschrift=f"Acties binnen het thema {t.naam}")


def _jaren(jaren: pd.Series) -> str:
    """The distinct years of a column, ascending, as '2022' or '2021, 2022' (missing years left out)."""
    return ", ".join(str(int(j)) for j in sorted(set(pd.to_numeric(jaren, errors="coerce").dropna())))


def conclusie(t: Thema, peiljaar: int | None = None) -> str:
    """Generated conclusion; the report replaces it by the researchers' own text when present.

    Says first what became of the targets whose year has been measured (met / not met) and which were
    met before their year, then, given the edition's ``peiljaar`` (last year of its period), which targets
    of a year up to the peiljaar have no measurement from that year yet (open, by
    :func:`evaluatie.hoofdstukken.doelen.open_doelen`), then the count per status."""
    v = t.voortgang
    telling = v["status"].value_counts()
    if telling.empty:
        kern = "Er zijn voor dit thema geen indicatoren met metingen."
    else:
        kern = ""
        oordeel = (v["doel_oordeel"] if "doel_oordeel" in v else pd.Series(pd.NA, index=v.index)).astype("string")
        afgelopen = doelen.beslist(oordeel)
        if "laatste_jaar" in v:  # a target reached before its year is decided, but its year has not passed
            verlopen = afgelopen & (pd.to_numeric(v["laatste_jaar"], errors="coerce")
                                    >= pd.to_numeric(v["doel_jaar"], errors="coerce")).fillna(False)
        else:
            verlopen = afgelopen
        vroeg = afgelopen & ~verlopen & oordeel.str.startswith("gehaald").fillna(False)
        te_laat = afgelopen & ~verlopen & ~vroeg  # a direction-per-year target with a year the wrong way
        if bool(verlopen.any()):
            n = int(verlopen.sum())
            gehaald = int(oordeel[verlopen].str.startswith("gehaald").sum())
            jaartekst = _jaren(v.loc[verlopen, "doel_jaar"])
            if n == 1:
                kern = f"Het doel met doeljaar {jaartekst} is {'gehaald' if gehaald else 'niet gehaald'}. "
            elif gehaald == 0:
                kern = f"Geen van de {n} doelen met een doeljaar dat voorbij is ({jaartekst}) is gehaald. "
            elif gehaald == n:
                kern = f"Alle {n} doelen met een doeljaar dat voorbij is ({jaartekst}) zijn gehaald. "
            else:
                kern = (f"Van de {n} doelen met een doeljaar dat voorbij is ({jaartekst}) "
                        f"{'is' if gehaald == 1 else 'zijn'} er {gehaald} gehaald. ")
        if bool(vroeg.any()):
            m = int(vroeg.sum())
            kern += (f"{opmaak.aantal(m, 'doel', 'doelen')} met doeljaar {_jaren(v.loc[vroeg, 'doel_jaar'])} "
                     f"{'is' if m == 1 else 'zijn'} al vóór dat jaar gehaald. ")
        if bool(te_laat.any()):
            m = int(te_laat.sum())
            kern += (f"{opmaak.aantal(m, 'doel', 'doelen')} met doeljaar {_jaren(v.loc[te_laat, 'doel_jaar'])} "
                     f"{'is' if m == 1 else 'zijn'} niet meer te halen: een jaar van de doelperiode was al "
                     "aantoonbaar slechter dan het beginjaar. ")
        if peiljaar is not None and {"doel_jaar", "laatste_jaar"} <= set(v.columns):
            open_ = v[doelen.open_doelen(oordeel, v["doel_jaar"], v["laatste_jaar"], peiljaar).to_numpy()]
            if len(open_):
                jaren, laatst = _jaren(open_["doel_jaar"]), _jaren(open_["laatste_jaar"])
                kern += (f"Voor 1 doel met doeljaar {jaren} is er in deze evaluatieperiode geen meting uit of na dat "
                         f"jaar (de laatste is van {laatst}); of het is gehaald, stelt een volgende evaluatie vast. "
                         if len(open_) == 1 else
                         f"Voor {len(open_)} doelen met doeljaar {jaren} is er in deze evaluatieperiode geen meting uit "
                         f"of na dat jaar (de laatste zijn van {laatst}); of ze zijn gehaald, stelt een volgende "
                         "evaluatie vast. ")
        delen = [f"{n} × {md(status)}" for status, n in sorted(telling.items(), key=lambda kv: (-kv[1], kv[0]))]
        kern += f"Van de {opmaak.aantal(len(v), 'indicator', 'indicatoren')} van dit thema is de stand: " + ", ".join(delen) + "."
    # researchers replace this by their own text (data/raw/tekst/<editie>/<thema>.md, see the README);
    # the report itself never tells its reader how to edit files
    return f"{CONCLUSIE_START}\n{kern}\n{CONCLUSIE_EIND}\n"

"""Assemble the evaluation document in Markdown from its parts.

Order: introduction, management summary with dashboard, one chapter per theme
(from the executed notebooks), cost-benefit chapter, "Voortzetten?", appendices
(methodology, data sources with provenance, indicator definitions), colophon.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from evaluatie.hoofdstukken import opmaak
from evaluatie.hoofdstukken.thema import CONCLUSIE_EIND, CONCLUSIE_START

KLEUR_TYPST = {"groen": "rgb(\"#cfe8d7\")", "oranje": "rgb(\"#fde0bd\")",
               "rood": "rgb(\"#f6c6c0\")", "grijs": "rgb(\"#e4e4e4\")"}


def vervang_conclusie(hoofdstuk: str, eigen_tekst: str | None) -> str:
    """Replace the generated conclusion by the researchers' own words, when they wrote them."""
    patroon = re.compile(re.escape(CONCLUSIE_START) + r".*?" + re.escape(CONCLUSIE_EIND), re.S)
    if eigen_tekst is None:
        return patroon.sub(lambda m: m.group(0)[len(CONCLUSIE_START):-len(CONCLUSIE_EIND)].strip(), hoofdstuk)
    return patroon.sub(lambda _m: eigen_tekst.strip(), hoofdstuk)


def verlaag_koppen(tekst: str, niveaus: int = 1) -> str:
    """Shift Markdown headings down (docs/*.md are standalone documents with their own '#')."""
    uit, in_code = [], False
    for regel in tekst.splitlines():
        if regel.startswith("```"):
            in_code = not in_code
        if not in_code and re.match(r"#{1,5} ", regel):
            regel = "#" * niveaus + regel
        uit.append(regel)
    return "\n".join(uit) + "\n"


# Sections of docs/*.md written for the people who maintain the data, not for readers of the
# report: left out of the appendices (the docs keep them).
ALLEEN_DOCS = ("Vorm van een kaderbestand", "Controles bij het inlezen", "Formaten", "Sidecar",
               "Koppeling indicator", "Ophalen bij CBS", "5. Een aanname toevoegen", "11. Parameters")


def bijlage(tekst: str, letter: str, overslaan: tuple[str, ...] = ALLEEN_DOCS) -> str:
    """A standalone doc as an appendix: its title becomes 'Bijlage X. title', headings unnumbered,
    sections meant for maintainers (``overslaan``) left out."""
    uit, in_code, eerste = [], False, True
    sla_over_tot: int | None = None  # skipping until a heading of this level or higher
    for regel in tekst.splitlines():
        if regel.startswith("```"):
            in_code = not in_code
        m = None if in_code else re.match(r"(#{1,6}) (.*)$", regel)
        if m and sla_over_tot is not None and len(m.group(1)) <= sla_over_tot:
            sla_over_tot = None
        if m and m.group(2).strip().startswith(overslaan):
            sla_over_tot = len(m.group(1))
        if sla_over_tot is not None:
            continue
        if m:
            titel = m.group(2).strip()
            if eerste and m.group(1) == "#":
                regel, eerste = f"# Bijlage {letter}. {titel} {{-}}", False
            else:  # one level deeper, so the table of contents lists only the appendix itself
                regel = f"{m.group(1)}# {titel} {{-}}"
        uit.append(regel)
    return "\n".join(uit) + "\n"


def _typst_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _html(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def dashboard(voortgang: pd.DataFrame, indicatoren: pd.DataFrame, themas: pd.DataFrame) -> str:
    """All indicators with status in colour AND symbol + words (raw Typst and raw HTML)."""
    namen = themas.drop_duplicates("thema_id").set_index("thema_id")["naam"]
    ind = indicatoren.set_index("indicator_id")
    rijen = []
    for v in voortgang.sort_values(["thema_id", "indicator_id"]).itertuples(index=False):
        i = ind.loc[v.indicator_id]
        laatste = "–"
        if pd.notna(v.laatste_waarde):
            laatste = f"{opmaak.waarde_met_eenheid(v.laatste_waarde, bool(i['is_percentage']))} ({opmaak.jaar(v.laatste_jaar)})"
        rijen.append((str(namen.get(v.thema_id, v.thema_id)), str(i["naam"]), laatste,
                      f"{v.symbool} {v.status}", str(v.kleur)))
    typ = ["```{=typst}", "#figure(kind: table, caption: [Dashboard: de stand van alle indicatoren])[",
           "#table(columns: (auto, 1fr, auto, auto), align: (left, left, right, left),",
           "table.header([Thema], [Indicator], [Laatste meting], [Status]),"]
    for thema, naam, laatste, status, kleur in rijen:
        typ.append(f"[#{_typst_str(thema)}], [#{_typst_str(naam)}], [#{_typst_str(laatste)}], "
                   f"table.cell(fill: {KLEUR_TYPST.get(kleur, KLEUR_TYPST['grijs'])})[#strong({_typst_str(status)})],")
    typ += [")]", "```"]
    html = ["```{=html}", '<table class="dashboard">',
            "<caption>Dashboard: de stand van alle indicatoren</caption>",
            '<thead><tr><th scope="col">Thema</th><th scope="col">Indicator</th>'
            '<th scope="col">Laatste meting</th><th scope="col">Status</th></tr></thead><tbody>']
    for thema, naam, laatste, status, kleur in rijen:
        html.append(f"<tr><td>{_html(thema)}</td><th scope=\"row\">{_html(naam)}</th><td>{_html(laatste)}</td>"
                    f"<td class=\"status kleur-{_html(kleur)}\">{_html(status)}</td></tr>")
    html += ["</tbody></table>", "```"]
    return "\n".join(typ) + "\n\n" + "\n".join(html) + "\n"


def samenvatting(voortgang: pd.DataFrame, indicatoren: pd.DataFrame, themas: pd.DataFrame) -> str:
    if voortgang.empty:
        return ("# Managementsamenvatting\n\nHet beleidskader bevat nog geen gekwantificeerde doelen of "
                f"indicatoren; de {len(themas)} thema's of strategieën worden daarom beschreven aan de hand van "
                "hun acties en hun status. Zie de hoofdstukken hierna.\n")
    telling = voortgang["status"].value_counts()
    zinnen = ", ".join(f"{n} {status}" for status, n in sorted(telling.items(), key=lambda kv: (-kv[1], kv[0])))
    tekst = ["# Managementsamenvatting", "",
             f"Deze evaluatie volgt {len(voortgang)} indicatoren in {voortgang['thema_id'].nunique()} thema's. "
             f"De stand: {zinnen}. Elke status staat in woorden én met een symbool, zodat het dashboard ook in "
             "zwart-wit en voor kleurenblinde lezers leesbaar is.", "",
             "Legenda: ✔ doel gehaald · ▲ op koers · △ vooruitgang, te langzaam · ● geen meetbare verandering · "
             "▼ verkeerde richting · ? onvoldoende gegevens.", "",
             dashboard(voortgang, indicatoren, themas)]
    return "\n".join(tekst)


def voortzetten(acties: pd.DataFrame, themas: pd.DataFrame, projecten: pd.DataFrame,
                subsidies: pd.DataFrame) -> str:
    """The activities the next agenda must decide on, with status, cost and reach."""
    delen = ["# Voortzetten?", "",
             "Na twee jaar wordt beoordeeld welke activiteiten worden voortgezet in een nieuwe uitvoeringsagenda. "
             "Dit hoofdstuk zet de activiteiten op een rij met hun status en, waar bekend, kosten en bereik. "
             "Het besluit zelf is aan college en raad.", ""]
    if not acties.empty:
        namen = themas.drop_duplicates("thema_id").set_index("thema_id")["naam"]
        rijen = [[namen.get(a.thema_id, a.thema_id) if isinstance(a.thema_id, str) else "(geen thema)", a.naam,
                  a.status if isinstance(a.status, str) and a.status else "onbekend"]
                 for a in acties.sort_values(["thema_id", "actie_id"]).itertuples(index=False)]
        delen.append(opmaak.markdown_tabel(rijen, ["Thema", "Activiteit", "Status"],
                                           bijschrift="Activiteiten uit de uitvoeringsagenda en hun status"))
    if not projecten.empty:
        kosten = subsidies.groupby(["project_id", "budget"])["bedrag_eur"].sum().unstack(fill_value=0)
        rijen = []
        for p in projecten.itertuples(index=False):
            innov = kosten.loc[p.project_id].get("innovatiebudget", 0) if p.project_id in kosten.index else 0
            ander = kosten.loc[p.project_id].get("ander budget", 0) if p.project_id in kosten.index else 0
            rijen.append([p.project_id, p.naam, p.status, "ja" if p.geborgd else "nee", opmaak.euro(innov),
                          opmaak.euro(ander), opmaak.getal(p.bereik, 0)])
        delen.append(opmaak.markdown_tabel(
            rijen, ["Nr.", "Project", "Status", "Geborgd", "Innovatiebudget", "Ander budget", "Bereik"],
            bijschrift="Projecten van het innovatieprogramma: status, borging, subsidie 2016–2018 en bereik",
            rechts={4, 5, 6}))
    return "\n".join(delen)


def indicatordefinities(indicatoren: pd.DataFrame) -> str:
    """Per indicator: what it measures, for whom, which direction is wanted, source and origin."""
    delen = ["# Bijlage D. Indicatordefinities {-}", "",
             "Per indicator: eenheid, populatie, gewenste richting, bron en het document waar de "
             "definitie en de getallen vandaan komen. Tussen haakjes de id in de gegevensbestanden.", ""]
    for i in indicatoren.sort_values(["thema_id", "indicator_id"]).itertuples(index=False):
        gewenst = "lager is beter" if i.richting == "lager" else "hoger is beter"
        delen.append(f"**{i.naam}** (`{i.indicator_id}`)\n: Eenheid: {i.eenheid}; populatie: {i.populatie}; "
                     f"{gewenst}; bron: {i.bron_omschrijving}.\n  Herkomst: {i.herkomst}.\n")
    return "\n".join(delen)


def herkomst(bestanden: list[dict]) -> str:
    rijen = [[b["bestand"], b["sha256"][:12], "ja" if b["demo"] else "nee"] for b in bestanden]
    return opmaak.markdown_tabel(rijen, ["Invoerbestand", "SHA-256 (begin)", "Voorbeelddata"],
                                 bijschrift="Invoerbestanden van deze editie met hun controlegetal")


def colofon(meta: dict, demo_bestanden: list[str]) -> str:
    regels = ["# Colofon {-}", "",
              f"Gemeente {meta['gemeente']}, editie {meta['editie']}. Gemaakt op {meta['datum']} met "
              f"evaluatie, code-versie `{meta['versie']}`, gegevens-hash `{meta['datahash']}`. "
              "Het rapport is opnieuw te bouwen met `make rapport`; dezelfde invoer geeft hetzelfde rapport.", ""]
    if demo_bestanden:
        regels += ["**Voorbeelddata.** De volgende invoer is gegenereerde voorbeelddata en geen echte meting; "
                   "daarom draagt elke pagina het watermerk VOORBEELDDATA:", ""]
        regels += [f"- `{b}`" for b in demo_bestanden]
    else:
        regels.append("Alle monitorgegevens in dit rapport zijn echte metingen uit de genoemde bronnen.")
    return "\n".join(regels) + "\n"


def inleiding(kaders: pd.DataFrame, meta: dict) -> str:
    """Generated introduction; replaced by data/raw/tekst/<editie>/inleiding.md when present."""
    titels = [str(t) for t in kaders.get("titel", pd.Series(dtype=str)).dropna()]
    lijst = "\n".join(f"- {t}" for t in titels)
    return (f"Dit is de evaluatie over de periode {meta['periode']} van het beleid van de gemeente "
            f"{meta['gemeente']}. Per thema staat hoe de indicatoren zich ontwikkelden ten opzichte van de "
            "doelen die de gemeente zich stelde, welke acties zijn uitgevoerd, wat de projecten kostten en wie "
            "ze bereikten. Het rapport is automatisch opgebouwd uit de beleidsdocumenten en de monitorgegevens; "
            "elk getal is terug te voeren op de tabel en het document waar het vandaan komt (zie de bijlagen).\n\n"
            f"De evaluatie steunt op deze beleidskaders:\n\n{lijst}\n")


def html_kaft(meta: dict) -> str:
    """Cover facts for the HTML edition (the PDF has its own cover page in the Typst template)."""
    banner = ""
    if meta.get("demo"):
        banner = ('<p class="demo-banner">Let op: dit rapport is gebouwd op voorbeelddata. Niet alle metingen '
                  'zijn echt; zie de colofon.</p>')
    return "\n".join([
        "```{=html}",
        '<div class="kaft">',
        f"<p><strong>Gemeente {_html(str(meta['gemeente']))}</strong> · periode {_html(str(meta['periode']))} · "
        f"editie {_html(str(meta['editie']))}</p>",
        f"<p>Datum {_html(str(meta['datum']))} · code-versie <code>{_html(str(meta['versie']))}</code> · "
        f"gegevens-hash <code>{_html(str(meta['datahash']))}</code></p>",
        banner,
        "</div>",
        "```",
        "",
    ])

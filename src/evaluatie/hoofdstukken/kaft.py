"""Cover facts and the introduction of the council report."""

from __future__ import annotations

from evaluatie.hoofdstukken.dashboard import html
from evaluatie.hoofdstukken.opmaak import md_tekst as md

DISCLAIMER = ("Dit rapport beschrijft de uitvoering en de resultaten van het beleid op basis van de "
              "beleidsdocumenten en de monitorgegevens die bij het opstellen beschikbaar waren. "
              "Cijfers kunnen later nog worden bijgesteld door de bronhouders.")


def disclaimer(peiljaar: int | None = None) -> str:
    """:data:`DISCLAIMER`, naming the edition's peiljaar when given: stage ingest leaves out measurements of
    later years, which a council member reading only the report should know."""
    if peiljaar is None:
        return DISCLAIMER
    return ("Dit rapport beschrijft de uitvoering en de resultaten van het beleid op basis van de "
            f"beleidsdocumenten en de monitorgegevens tot en met {peiljaar}, het laatste jaar van de "
            "evaluatieperiode; latere cijfers komen in een volgende evaluatie. "
            "Cijfers kunnen later nog worden bijgesteld door de bronhouders.")


def statusregel(meta: dict) -> str:
    """'Concept' or 'Definitief, vastgesteld door het college op 12 december 2026'."""
    if meta.get("status") == "definitief":
        return f"Definitief, vastgesteld door het college op {meta['vastgesteld']}"
    return "Concept, nog niet vastgesteld door het college"


def kaftregels(meta: dict) -> list[tuple[str, str]]:
    """The facts on the cover, in reading order; absent optional facts are left out."""
    regels = [("Status", statusregel(meta)), ("Datum", str(meta["datum"])), ("Periode", str(meta["periode"]))]
    for sleutel, label in (("auteur", "Opgesteld door"), ("afdeling", "Afdeling"), ("contact", "Contact")):
        if meta.get(sleutel):
            regels.append((label, str(meta[sleutel])))
    return regels


def html_kaft(meta: dict) -> str:
    """Cover facts for the HTML edition (the PDF has its own cover page in the Typst template)."""
    banner = ""
    if meta.get("demo"):
        banner = ('<p class="demo-banner">Let op: dit rapport is gebouwd op voorbeelddata. Niet alle metingen '
                  'zijn echt; zie de verantwoording.</p>')
    rijen = "".join(f"<tr><th scope=\"row\">{html(k)}</th><td>{html(v)}</td></tr>" for k, v in kaftregels(meta))
    return "\n".join(["```{=html}", '<div class="kaft">',
                      f"<p><strong>Gemeente {html(str(meta['gemeente']))}</strong></p>",
                      f'<table class="kaftgegevens">{rijen}</table>', banner, "</div>", "```", ""])


def docx_kaft(meta: dict) -> str:
    """The cover facts as a plain table for the Word edition (title and subtitle come from metadata)."""
    regels = [f"**Gemeente {md(meta['gemeente'])}**", "", "| | |", "|:---|:---|"]
    regels += [f"| {md(k)} | {md(v)} |" for k, v in kaftregels(dict(meta))]
    regels += ["", str(meta.get("disclaimer") or DISCLAIMER), ""]
    if meta.get("demo"):
        regels += ["**Let op: dit rapport is gebouwd op voorbeelddata. Niet alle metingen zijn echt.**", ""]
    return "\n".join(regels)


def inleiding(kaders: list[dict], meta: dict, themanamen: list[str], dashboard: bool = True,
              voorganger: str | None = None, vorige_editie: str | None = None, plan: str = "het plan") -> str:
    """Generated introduction: what the policy wanted and how this report is built up.

    With ``vorige_editie`` the reading guide names chapter 3, the comparison with that edition. ``plan``: how
    the kader names its plan in running text ("de agenda", "het plan").

    ``kaders``: per policy framework its ``titel``, ``omschrijving`` and, when present, the
    evaluation rule (``evaluatie``) and the core coalition (``kerncoalitie``) as the source states them.
    """
    delen = [f"Dit rapport evalueert het beleid van de gemeente {md(meta['gemeente'])} over de periode "
             f"{md(meta['periode'])}. Het beantwoordt drie vragen: wat wilde het beleid bereiken, wat is er gebeurd, "
             "en welke activiteiten gaan door.", ""]
    for k in kaders:
        titel = str(k["titel"]).rstrip(" .?!")
        delen.append(f"**{md(titel)}.** {md(k.get('omschrijving') or '')}".strip())
        if k.get("evaluatie"):
            regel = str(k["evaluatie"])
            delen.append(f"Over de evaluatie zegt het kader: {md(regel[:1].lower() + regel[1:])}")
        delen.append("")
    hoofdstukken = ", ".join(md(n) for n in themanamen)
    kosten = (f"Het hoofdstuk Kosten en baten gaat over het {md(voorganger)}, dat aan {md(plan)} voorafging."
              if voorganger else "Het hoofdstuk Kosten en baten gaat over de begroting.")
    vergelijking = (f"Hoofdstuk 3 zet de status van elke indicator naast die uit de vorige evaluatie "
                    f"({vorige_editie}). " if vorige_editie else "")
    delen += [f"**Leeswijzer.** Hoofdstuk 2 geeft de kernboodschappen"
              f"{' en een dashboard met alle indicatoren' if dashboard else ''}. {vergelijking}"
              f"Daarna volgt per thema een hoofdstuk ({hoofdstukken}): wat {md(plan)} wilde, wat de cijfers "
              f"laten zien, welke acties er waren en een korte conclusie. {kosten} Het hoofdstuk Aanbevelingen en "
              "het hoofdstuk Wat gaat door? sluiten af. Hoe de cijfers zijn berekend, welke bronnen zijn gebruikt "
              "en welke aannames zijn gedaan, staat in een apart document: de verantwoording.", ""]
    return "\n".join(delen)

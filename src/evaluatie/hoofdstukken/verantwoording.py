"""The technical account ('verantwoording'): a separate document for readers who want to check.

Written for a reader, not copied from docs/: how the status of an indicator is decided, which
sources were used and where they came from, the input files with their checksums, the indicator
definitions and every assumption. File names and checksums belong here, not in the council report.
"""

from __future__ import annotations

import pandas as pd

from evaluatie.hoofdstukken import opmaak
from evaluatie.hoofdstukken.aannames import Aanname
from evaluatie.hoofdstukken.opmaak import md_code
from evaluatie.hoofdstukken.opmaak import md_tekst as md


BRONSOORTEN = ("directe_schatting", "modelschatting", "registratie")

#: The table with every test's p-value before and after the Benjamini-Hochberg correction: an output of stage
#: voortgang (dvc.yaml), not one of the report's files; columns explained in voortgang/voortgang.meta.yml.
VOORTGANG_BESTAND = "data/processed/voortgang.parquet"
#: (uncorrected, corrected) p-value columns of :data:`VOORTGANG_BESTAND`: change since the baseline year, and
#: the difference with Nederland
BH_KOLOMMEN = (("verandering_p", "verandering_p_bh"), ("nl_p", "nl_p_bh"))


def bh_zin(beslist: bool) -> str:
    """Where the p-values after the Benjamini-Hochberg correction are (:data:`VOORTGANG_BESTAND`, columns
    :data:`BH_KOLOMMEN`) and whether they decide (``beslist``: setting ``drempels.benjamini_hochberg``). Only
    with that setting does the report itself show a corrected value, beside the uncorrected one."""
    (p_v, bh_v), (p_nl, bh_nl) = BH_KOLOMMEN
    zin = ("De kans van elke toets na de correctie van Benjamini en Hochberg over alle toetsen van het rapport "
           f"staat in het bestand {md_code(VOORTGANG_BESTAND)}: in de kolom {md_code(bh_v)} naast {md_code(p_v)} "
           f"(de verandering sinds het basisjaar) en in de kolom {md_code(bh_nl)} naast {md_code(p_nl)} (het "
           "verschil met Nederland). Dat bestand hoort niet bij de bestanden van het rapport; het ontstaat bij het "
           "bouwen en dus ook bij het opnieuw bouwen met de opdracht onder Technische gegevens.")
    if beslist:
        return zin + (" De gecorrigeerde kans beslist of een verschil aantoonbaar is; waar het rapport een kans "
                      "noemt, is dat de gecorrigeerde, met de ongecorrigeerde ernaast.")
    return zin + " De gecorrigeerde kans beslist hier niet en staat niet in het rapport."


def werkwijze(drempels: dict[str, float], min_aantal: int, discontovoet: float, inleiding: str = "", *,
              heeft_indicatoren: bool = True, bronsoorten: set[str] | None = None, heeft_baten: bool = True,
              heeft_kleine_aantallen: bool = True, geen_indicatoren_reden: str = "") -> str:
    """The method chapter, only for what the report contains: the indicator method (``heeft_indicatoren``;
    the paragraph on kinds of sources only for the kinds in ``bronsoorten``, the ``onzekerheid`` values of
    the linked measurements, None for all), small numbers (``heeft_kleine_aantallen``) and benefits with the
    discount rate (``heeft_baten``). Without indicators one sentence says so, with ``geen_indicatoren_reden``
    (such as ' (de doelen zijn nog niet gekwantificeerd)') after 'geen meetbare doelen of indicatoren'."""
    a = drempels
    soorten = set(BRONSOORTEN) if bronsoorten is None else set(bronsoorten)
    delen = ["# Werkwijze", "", *([inleiding, ""] if inleiding else [])]
    if heeft_indicatoren:
        verschil = ["**Is een verschil echt? Dat hangt af van de soort bron.**"]
        if "directe_schatting" in soorten:
            verschil.append(
                "Bij een enquête (zoals de GGD-monitor Jeugd) heeft elk cijfer een foutmarge; een verandering of een "
                "verschil met Nederland noemen we pas aantoonbaar als een verschil van minstens die grootte, in een van "
                "beide richtingen, zonder echte verandering in minder dan "
                f"{opmaak.procent(a['alpha'] * 100, 0)} van de steekproeven door toeval zou ontstaan (dat aandeel is "
                "de p-waarde die bij zo'n verandering staat; de foutmarges zijn "
                f"{opmaak.procent(a['interval_niveau'] * 100, 0)}-betrouwbaarheidsintervallen van de bron).")
        if "modelschatting" in soorten:
            verschil.append(
                "De RIVM-cijfers over eenzaamheid, mantelzorg en vrijwilligerswerk bij volwassenen zijn "
                "modelschattingen voor kleine gebieden; daar tellen we een verschil alleen als de intervallen elkaar "
                "niet overlappen, een voorzichtige regel.")
        if "registratie" in soorten:
            verschil.append(
                "Bij registraties (zoals bijstand en jeugdhulp) is er geen steekproef; een verandering kleiner dan "
                f"{opmaak.procent(a.get('materialiteit', 0.01) * 100, 0)} van de beginwaarde telt als geen meetbare "
                "verandering.")
        verschil.append("Tegen een afgerond cijfer uit een beleidstekst zonder de meting van dat jaar zelf is een "
                        "verandering niet te toetsen; dat staat er dan bij.")
        delen += [
            "**Basis, doel en laatste meting.** Per indicator vergelijken we de laatste bruikbare meting met de "
            "beginwaarde (basis) en het doel uit het beleidskader. Het cijfer uit de beleidstekst bepaalt het doel en "
            "de afgelegde afstand. Een cijfer wordt getoond en vergeleken met de precisie waarmee de bron het "
            "publiceerde: '2 %' uit een beleidstekst is een heel procent.", "",
            " ".join(verschil), "",
            "**Veel toetsen tegelijk.** Dit rapport doet tientallen vergelijkingen. Bij een grens van "
            f"{opmaak.procent(a['alpha'] * 100, 0)} is bij twintig toetsen één vals alarm te verwachten; lees een "
            "enkel aantoonbaar verschil met die kanttekening. " + bh_zin(bool(a.get("benjamini_hochberg"))), "",
            "**Op koers?** Is het doeljaar voorbij en is er een meting uit of na dat jaar, dan is het doel gehaald of "
            "niet gehaald, met het verschil erbij; zonder zo'n meting stelt een volgende evaluatie dat vast. Het "
            "oordeel rust op de meting van het doeljaar, of op de eerste meting daarna als die er niet is, niet op "
            "een latere meting; haalt een latere meting het doel wel, dan staat dat erbij. Een doel als 'elk jaar "
            "lager (of hoger) dan in het beginjaar' is gehaald als elk gemeten jaar van de doelperiode aantoonbaar "
            "beter was dan het beginjaar; was één jaar al aantoonbaar slechter, dan is het niet meer te halen en "
            "heet het meteen niet gehaald. Anders bepaalt het tempo van een aantoonbare verbetering de status. Een trendlijn met een vooruitblik "
            f"naar het doeljaar maken we pas bij minstens {int(a['min_punten_trend'])} metingen; met minder "
            "metingen vergelijken we de gemiddelde verandering per jaar met wat nodig is: gaat het minstens "
            f"{opmaak.procent(a['tempo_op_koers'] * 100, 0)} zo snel als nodig, dan is de indicator op koers.", "",
            "**Status.** Elke indicator krijgt één status met een kleur, een symbool en een woord: doel gehaald "
            "(eventueel binnen de foutmarge), doel niet gehaald (eventueel binnen de foutmarge: dan bevat het "
            "interval van de meting het doel nog), op koers, vooruitgang maar te langzaam, geen "
            "meetbare verandering, verkeerde richting of onvoldoende gegevens. Heeft de raad geen doel gesteld, dan "
            "zegt de status alleen of de indicator de gewenste kant op beweegt. De vergelijking met Nederland staat "
            "ernaast en bepaalt de status niet.", "",
        ]
    else:
        delen += ["**Geen indicatoren.** Het beleidskader noemt geen meetbare doelen of indicatoren"
                  f"{geen_indicatoren_reden}; dit rapport vergelijkt daarom geen metingen met een doel en geeft "
                  "geen indicator een status.", ""]
    if heeft_kleine_aantallen:
        delen += [f"**Kleine aantallen.** Cijfers over minder dan {min_aantal} personen en schattingen die de bron "
                  "onbetrouwbaar noemt, publiceren we niet; in de tabellen staat dan een streepje.", ""]
    if heeft_baten:
        delen += ["**Kosten en baten.** Kosten en bereik zijn overgenomen uit de beleidsdocumenten. Baten zijn "
                  "aannames met een ondergrens, een middenwaarde en een bovengrens; we rekenen ze om naar contante "
                  f"waarde met een reële discontovoet van {opmaak.procent(discontovoet * 100, 2)} per jaar. Een baat "
                  "vergelijken we alleen met de kosten van het deel van het project dat die baat oplevert.", ""]
    else:
        delen += ["**Kosten.** Bedragen zijn overgenomen uit de beleidsdocumenten; een bedrag dat het rapport "
                  "daaruit afleidt, staat er als afgeleid bij. Dit rapport rekent geen baten door.", ""]
    return "\n".join(delen)


def bronnen(kaders: list[dict], monitorbronnen: list[dict],
            overgenomen: str = "Doelen, beginwaarden, acties, projecten, subsidies en bereik",
            peiljaar: int | None = None) -> str:
    """``overgenomen``: what the report took from the policy documents, as the start of a sentence.
    ``peiljaar``: the last year of the edition's period; measurements of later years were left out by stage
    ingest, which the section then says (when the report uses monitor data)."""
    delen = ["# Bronnen en herkomst", "",
             "## Beleidsdocumenten", "",
             f"{overgenomen} zijn overgenomen uit deze documenten. "
             "Bij elk getal is vastgelegd uit welk document en welke paragraaf het komt. Het project bewaart van elk "
             "document een tekstextractie; de bestandsnaam staat tussen haken, zodat elk getal terug te vinden is.", ""]
    for k in kaders:
        docs = "; ".join(f"{md(d['document'])} (bestand {md_code(d['bestand'])})" for d in k.get("documenten", []))
        delen.append(f"- **{md(k['titel'])}** ({md(k.get('periode', ''))}). Bron: {docs}.")
    delen += ["", "## Monitorgegevens", ""]
    if not monitorbronnen:
        delen.append("Er zijn geen monitorgegevens gebruikt.")
    elif not any(m.get("gebruikt", True) for m in monitorbronnen):
        delen += [("Geen indicator van dit rapport leest monitorgegevens; er staat dus geen meting uit deze bronnen "
                   "in het rapport. Deze bronnen staan wel in de invoer:"), ""]
    for m in monitorbronnen:
        soort = ("**voorbeelddata** (gegenereerd; geen echte meting)" if m["demo"]
                 else "echte levering")
        if not m.get("gebruikt", True):
            soort += ", niet gebruikt in dit rapport"
        regel = f"- {md(m['titel'])} ({md(m['bron'])}): {soort}."
        if m.get("url"):
            regel += f" Adres: {md(m['url'])}."
        delen.append(regel)
    if peiljaar is not None and any(m.get("gebruikt", True) for m in monitorbronnen):
        delen += ["", f"Dit rapport gebruikt metingen tot en met {peiljaar}, het laatste jaar van de "
                      "evaluatieperiode. Latere metingen in deze bronnen tellen mee in een volgende editie."]
    return "\n".join(delen) + "\n"


def invoerbestanden(bestanden: list[dict]) -> str:
    """The chapter with every input file and its SHA-256 checksum: a definition list, the file as the term
    and its checksum (an inline code span) below it.

    ``bestanden``: rows with ``bestand`` (path relative to the project), ``sha256`` (64 hex digits),
    ``demo`` (demo data that feed the report), ``voorbeelddata`` (any demo file) and optionally ``gebruikt``
    (False: an input this report does not use, such as another gemeente's benefit assumptions). Demo data and
    unused files are marked after the file name: '(voorbeelddata)', '(voorbeelddata, niet gebruikt)',
    '(niet gebruikt)'.

    Not a table: beside a file column a checksum column is narrower than a checksum, so each checksum was
    split over two lines in the PDF. On a line of its own a checksum fits the PDF's text width, and it is
    one string when copied; in the HTML a code span wraps on a narrow screen without adding characters."""
    def opmerking(b: dict) -> str:
        if b["demo"]:
            return " (voorbeelddata)"
        if b.get("voorbeelddata"):
            return " (voorbeelddata, niet gebruikt)"
        return "" if b.get("gebruikt", True) else " (niet gebruikt)"

    ongebruikt = any(opmerking(b).endswith("niet gebruikt)") for b in bestanden)
    demo = any(b["demo"] or b.get("voorbeelddata") for b in bestanden)
    delen = [
        "# Invoerbestanden en controlegetallen", "",
        "Met het controlegetal (SHA-256) kan iedereen nagaan dat een rapport met precies deze invoer is gemaakt: "
        "dezelfde invoer geeft hetzelfde rapport. Het controlegetal van een bestand is na te rekenen met "
        "bijvoorbeeld `sha256sum`."
        + (" Gegenereerde voorbeelddata zijn gemarkeerd met (voorbeelddata)." if demo else "")
        + (" Een bestand met 'niet gebruikt' staat in de invoer, maar levert geen gegeven aan dit rapport."
           if ongebruikt else ""), ""]
    for b in bestanden:
        delen += [md(b["bestand"]) + opmerking(b), f": SHA-256: {md_code(b['sha256'])}", ""]
    return "\n".join(delen)


def _opsomming(delen: list[str]) -> str:
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def meetbronnen(gekoppeld: pd.DataFrame) -> dict[str, str]:
    """Per indicator the source of the measurements this report uses, named as the figure captions name it
    (:func:`evaluatie.hoofdstukken.thema.bronvermelding`): the organisation that published them with the
    StatLine table number where there is one ('RIVM, tabel 50120NED'; 'CBS Jeugd'), several tables of one
    organisation together ('RIVM, tabellen 50120NED en 50150NED'), organisations joined by 'en'.

    ``gekoppeld``: the linked measurements (``metingen_gekoppeld``; columns ``indicator_id``, ``bron``,
    ``tabel`` and ``waarde``). Rows without a value do not count; an indicator without any measured value is
    absent from the result."""
    from evaluatie.hoofdstukken.thema import STATLINE_TABEL

    if gekoppeld.empty or "indicator_id" not in gekoppeld:
        return {}
    gemeten = gekoppeld[gekoppeld["waarde"].notna()] if "waarde" in gekoppeld else gekoppeld
    uit = {}
    for indicator_id, reeks in gemeten.groupby("indicator_id", sort=True):
        bronnen = (reeks["bron"] if "bron" in reeks else pd.Series([""] * len(reeks))).fillna("").astype(str)
        tabellen = (reeks["tabel"] if "tabel" in reeks else pd.Series([""] * len(reeks))).fillna("").astype(str)
        per_bron: dict[str, set[str]] = {}
        for bron, tabel in zip(bronnen.str.strip(), tabellen.str.strip()):
            per_bron.setdefault(bron, set()).update({tabel} if STATLINE_TABEL.fullmatch(tabel) else set())
        delen = []
        for bron in sorted(per_bron):
            nummers = sorted(per_bron[bron])
            tabel = (f"tabel {nummers[0]}" if len(nummers) == 1
                     else f"tabellen {_opsomming(nummers)}" if nummers else "")
            deel = ", ".join(d for d in (bron, tabel) if d)
            if deel:
                delen.append(deel)
        if delen:
            uit[str(indicator_id)] = _opsomming(delen)
    return uit


def meetbron(omschrijving: object, gemeten: str | None, bekend: bool = True) -> str:
    """The 'meetbron' of an indicator definition, without the closing full stop: where this report's
    measurements come from (``gemeten``, as :func:`meetbronnen` names it) and, in a sentence of its own when it
    says something else, what the policy framework names (``omschrijving``, the kader's ``bron_omschrijving``;
    'niet vermeld' when it names none).

    ``gemeten`` None: the report has no measurement of the indicator -- said so when ``bekend`` (the caller
    knows the measurements), otherwise the kader's text alone (an older caller)."""
    beleid = " ".join(str(omschrijving).split()) if isinstance(omschrijving, str) else ""
    geen = not beleid or beleid.casefold().startswith("niet vermeld")
    if gemeten is None:
        tekst = beleid or "niet vermeld"
        return f"{tekst}. Dit rapport heeft geen metingen van deze indicator" if bekend else tekst
    if geen:
        return f"{gemeten}. Het beleidskader noemt geen bron"
    if beleid.casefold() == gemeten.casefold():
        return gemeten
    return f"{gemeten}. Het beleidskader noemt als bron: {beleid}"


def indicatordefinities(indicatoren: pd.DataFrame, volgorde: list[str], themanamen: dict[str, str],
                        reden: str = "", meetbronnen: dict[str, str] | None = None) -> str:
    """Each indicator's definition per theme; without indicators one sentence saying there are none and why
    (``reden``, such as ' (de doelen zijn nog niet gekwantificeerd)', follows 'noemt geen indicatoren').

    ``meetbronnen``: indicator id -> the source of its measurements in this report (:func:`meetbronnen`); the
    'meetbron' of a definition is that source, with the kader's own words when they differ (:func:`meetbron`).
    None: the kader's ``bron_omschrijving`` alone, which says 'niet vermeld' for an indicator whose policy text
    names no source even when the report measures it."""
    delen = ["# Indicatordefinities", ""]
    if indicatoren.empty:
        return "\n".join([*delen, f"Er zijn geen indicatordefinities: het beleidskader noemt geen indicatoren{reden}.",
                           ""])
    rang = {t: i for i, t in enumerate(volgorde)}
    ind = indicatoren.assign(_r=indicatoren["thema_id"].map(lambda t: rang.get(t, len(rang))))
    for thema, groep in ind.groupby("_r", sort=True):
        delen += [f"## {md(themanamen.get(groep['thema_id'].iloc[0], groep['thema_id'].iloc[0]))}", ""]
        for i in groep.itertuples(index=False):
            gewenst = "lager is beter" if i.richting == "lager" else "hoger is beter"
            opm = f" {md(i.opmerking)}" if isinstance(i.opmerking, str) and i.opmerking else ""
            bron = meetbron(i.bron_omschrijving, (meetbronnen or {}).get(str(i.indicator_id)),
                            bekend=meetbronnen is not None)
            delen.append(f"**{md(i.naam)}** (code {md(i.indicator_id)})\n: Eenheid: {md(i.eenheid)}; doelgroep: "
                         f"{md(i.populatie)}; {gewenst}; meetbron: {md(bron)}.{opm}\n  Herkomst: "
                         f"{md(i.herkomst)}.\n")
    return "\n".join(delen)


def aannames(lijst: list[Aanname], geleend: list[tuple[str, str]], *, heeft_indicatoren: bool = True,
             reden: str = "") -> str:
    """Every assumption behind a year or an indicator, and the indicators the council did not set; when there
    are none, one sentence saying so and why (no indicators in the kader, with ``reden`` as in
    :func:`indicatordefinities`; or no indicator rests on an assumption)."""
    if not lijst and not geleend:
        zin = (f"Er zijn geen aannames over indicatoren of meetjaren: het beleidskader noemt geen indicatoren{reden}."
               if not heeft_indicatoren else
               "Geen indicator of meetjaar in dit rapport rust op een aanname; er staat dus nergens een sterretje (*).")
        return f"# Aannames\n\n{zin}\n"
    delen = ["# Aannames", "",
             "In het rapport staat een sterretje (*) bij een jaar of een indicator die op een aanname rust. "
             "Hieronder staat elke aanname met haar reden.", ""]
    per: dict[str, list[Aanname]] = {}
    for a in lijst:
        per.setdefault(a.indicator_id, []).append(a)
    for groep in per.values():
        delen.append(f"- **{md(groep[0].naam)}.** " + " ".join(md(a.zin) for a in groep))
    if geleend:
        delen += ["", "**Indicatoren die de raad niet heeft vastgesteld.** Voor deze indicatoren noemen de "
                      "bronnen geen raadsdoel; ze zijn overgenomen uit beschrijvingen van projecten of uit de "
                      "monitor, zodat het thema toch met cijfers kan worden gevolgd:", ""]
        delen += [f"- **{md(naam)}** — {md(herkomst)}" for naam, herkomst in geleend]
    return "\n".join(delen) + "\n"


#: What stands in a part of the report when the researchers wrote no text of their own, for the parts that are
#: not derived from the figures: the generated introduction (``kaft.inleiding``) is the title and description of
#: each policy framework, the kader's evaluation rule and a reading guide.
GEMAAKT_UIT = {
    "inleiding": "samengesteld uit de beleidsdocumenten (titel en omschrijving van elk beleidskader) met een "
                 "leeswijzer",
}
#: ... and for every other part (summary, recommendations, a theme's conclusion)
AFGELEID = "afgeleid uit de cijfers"


def eigen_teksten(gebruikt: list[str], alle: dict[str, str], aangevuld: dict[str, str] | None = None) -> str:
    """Which parts of the report the researchers wrote themselves (``gebruikt``: part ids with an own text)
    and what stands in the others: the introduction is made from the policy documents (:data:`GEMAAKT_UIT`),
    every other part is derived from the figures (:data:`AFGELEID`). ``alle``: part id -> the name of that
    part in the report, in the order listed. ``aangevuld``: part id -> what the program adds below an own
    text (the generated key messages below an own summary without its own 'Kernboodschappen')."""
    delen = ["# Teksten van de onderzoekers", "",
             "Een aantal onderdelen van het rapport kan door de onderzoekers zelf worden geschreven. Ontbreekt hun "
             "tekst, dan staat er een tekst die het programma maakt; hieronder staat per onderdeel waaruit.", ""]
    for naam, label in alle.items():
        herkomst = "eigen tekst van de onderzoekers" if naam in gebruikt else GEMAAKT_UIT.get(naam, AFGELEID)
        if naam in gebruikt and (aangevuld or {}).get(naam):
            herkomst += f"; {aangevuld[naam]}"  # type: ignore[index]
        delen.append(f"- {md(label)}: {herkomst}")
    return "\n".join(delen) + "\n"


def herbouwopdracht(gemeente_id: str, editie: str) -> str:
    """A command that rebuilds this gemeente's edition whatever params.yaml holds: ``make rapport GEMEENTE=…
    EDITIE=…`` takes configuraties/<gemeente>.yaml (or params.yaml when it is of that gemeente) and, for an
    edition other than that file's, configuraties/edities/<gemeente>/<editie>.yaml."""
    return f"make rapport GEMEENTE={gemeente_id} EDITIE={editie}"


def monitorzin(demo_bestanden: list[str], monitorbronnen: list[dict] | None) -> str | None:
    """What the report's monitor data are, consistent with the sources chapter (same list); None when the
    demo files are listed instead. Without ``monitorbronnen`` (an older caller): the plain claim."""
    if demo_bestanden:
        return None
    if monitorbronnen is None:
        return "Alle monitorgegevens zijn echte metingen uit de genoemde bronnen."
    gebruikt = [m for m in monitorbronnen if m.get("gebruikt", True)]
    ongebruikte_demo = any(m["demo"] for m in monitorbronnen if not m.get("gebruikt", True))
    if not monitorbronnen:
        return "Dit rapport gebruikt geen monitorgegevens."
    if not gebruikt:
        zin = "Dit rapport gebruikt geen monitorgegevens: geen indicator leest een van de genoemde bronnen."
        if ongebruikte_demo:
            zin += (" De voorbeelddata die in de invoer staan (gegenereerd; geen echte meting), leveren dus geen "
                    "cijfer aan dit rapport.")
        return zin
    zin = "Alle monitorgegevens die dit rapport gebruikt, zijn echte metingen uit de genoemde bronnen."
    if ongebruikte_demo:
        zin += " De voorbeelddata die ook in de invoer staan, leveren geen cijfer aan dit rapport."
    return zin


def colofon(meta: dict, demo_bestanden: list[str], monitorbronnen: list[dict] | None = None) -> str:
    """``meta`` with ``gemeente_id`` (the folder name, as in params.yaml) for the rebuild command;
    ``monitorbronnen`` the list the sources chapter shows, so that both say the same about the data."""
    opdracht = (f"`{herbouwopdracht(meta['gemeente_id'], meta['editie'])}` (staan die gemeente en editie al in "
                "params.yaml, dan volstaat `make rapport`)" if meta.get("gemeente_id")
                else f"`make rapport` (is {md(meta['editie'])} niet de editie in params.yaml: "
                     f"`make rapport EDITIE={meta['editie']}`)")
    regels = ["# Technische gegevens", "",
              f"Gemeente {md(meta['gemeente'])}, editie {md(meta['editie'])}, gemaakt op {md(meta['datum'])} met het "
              f"programma evaluatie, versie {md(meta['versie'])}; controlegetal van de verwerkte gegevens {meta['datahash']} "
              "(de eerste 12 tekens van één SHA-256 over naam en inhoud van elk bestand `data/processed/*.parquet`, "
              "op naam gesorteerd). "
              f"Het rapport is opnieuw te bouwen met {opdracht}. Dezelfde invoer geeft hetzelfde rapport.", ""]
    if demo_bestanden:
        regels += ["**Voorbeelddata.** De volgende invoer is gegenereerde voorbeelddata en geen echte meting:", ""]
        regels += [f"- {md_code(b)}" for b in demo_bestanden]
    else:
        regels.append(monitorzin(demo_bestanden, monitorbronnen) or "")
    return "\n".join(regels) + "\n"

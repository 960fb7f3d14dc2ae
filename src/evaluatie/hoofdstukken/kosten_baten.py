"""Building blocks of the cost-benefit chapter, called from notebooks/kosten_baten.ipynb.

Calculations live in `evaluatie.kosten_baten`; this module only lays out tables,
figures and sentences, and exports each table as CSV beside the PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaluatie import kosten_baten as kb
from evaluatie.hoofdstukken import opmaak
from evaluatie.hoofdstukken.opmaak import md_tekst as md
from evaluatie.hoofdstukken.tabellen import met_breedtes
from evaluatie.gedeeld.bestanden import schrijf_csv, schrijf_tekst


@dataclass
class KostenBaten:
    gemeente_naam: str
    projecten: pd.DataFrame
    subsidies: pd.DataFrame
    kaders: pd.DataFrame
    baten: pd.DataFrame
    pm_posten: pd.DataFrame
    discontovoet: float
    innovatiebudget_per_jaar: int
    budget_toelichting: str = ""


def laad(invoer: str | Path, baten: str | Path, discontovoet: float, innovatiebudget_per_jaar: int,
         gemeente_naam: str = "", budget_toelichting: str = "", min_aantal: int = 10) -> KostenBaten:
    """The chapter's inputs. A project's reach (``bereik``, a count of people) under ``min_aantal`` is not
    published, nor a reach that would reveal it from the printed total (secondary suppression,
    :func:`evaluatie.gedeeld.onthulling.onderdruk_aantallen`); every table below uses the masked column."""
    from evaluatie.gedeeld.onthulling import onderdruk_aantallen

    invoer = Path(invoer)
    projecten = pd.read_parquet(invoer / "projecten.parquet")
    if len(projecten):
        projecten = onderdruk_aantallen(projecten, "bereik", int(min_aantal)).tabel
    subsidies = pd.read_parquet(invoer / "subsidies.parquet")
    kaders = pd.read_parquet(invoer / "kaders.parquet")
    leeg = pd.DataFrame()
    if len(projecten) and Path(baten).exists():
        baten_df = kb.laad_baten(baten, projecten)
        pm = kb.laad_pm_posten(baten, projecten)
    else:
        baten_df, pm = leeg, leeg
    naam = gemeente_naam or (str(kaders["gemeente"].iloc[0]) if len(kaders) else "")
    return KostenBaten(naam, projecten, subsidies, kaders, baten_df, pm, float(discontovoet),
                       int(innovatiebudget_per_jaar), " ".join(str(budget_toelichting or "").split()))


#: Scenario and column names: the code (and baten.yaml) says 'centraal', the report and the CSV say 'midden'.
MIDDEN = "midden"
JA, NEE = "ja", "nee"

LEESMIJ = "LEESMIJ.txt"
LEESMIJ_TEKST = """\
Tabellen bij het hoofdstuk Kosten en baten
==========================================

Deze map bevat de tabellen van het hoofdstuk Kosten en baten als CSV-bestanden, zodat u de
getallen zelf kunt nalopen of verder gebruiken. Ze zijn gemaakt om door programma's gelezen te
worden; hieronder staat hoe u ze in een Nederlandse Excel opent.

Hoe de bestanden zijn opgebouwd
-------------------------------
- Tekenset UTF-8. Scheidingsteken tussen kolommen: komma (,). Decimaalteken: punt (.), zonder
  scheiding van duizendtallen. Voorbeeld: 95647.4435 betekent 95.647,44.
- Bedragen zijn in euro (kolomnaam eindigt op _eur), met decimalen; het rapport rondt af op hele euro's.
- Kolommen die met cw_ beginnen, zijn contante waarden: bedragen uit verschillende jaren omgerekend
  naar hun waarde in het basisjaar (kolom basisjaar) met de discontovoet (kolom discontovoet, als
  fractie: 0.0225 betekent 2,25 % per jaar).
- Percentages (kolomnaam eindigt op _pct) staan als getal: 99.1 betekent 99,1 %.
- laag, midden en hoog zijn de drie scenario's uit het rapport (kolom scenario, of in de kolomnaam).
- Ja-neekolommen (zoals raming, vergelijkbaar, volume_illustratief) bevatten ja of nee.
- Een lege cel betekent dat er geen getal is. In de kolom toelichting staat dan waarom; bijvoorbeeld
  bij een project waarvan de baat uit maar één onderdeel komt: baat en kosten zijn niet te vergelijken,
  dus er is geen saldo en geen omslagpunt.
- tornado_<project>.csv bevat de getallen achter de gevoeligheidsfiguur van dat project (kolom
  parameter: volume = het aantal, waarde_per_eenheid_eur = de waarde per eenheid, discontovoet =
  de rekenrente).

Openen in Excel met Nederlandse instellingen
--------------------------------------------
Dubbelklikken op een bestand gaat in een Nederlandse Excel mis: die verwacht een puntkomma als
scheidingsteken en een komma als decimaalteken, en zet dan alles in één kolom. Doe daarom:
1. Open een lege werkmap en kies Gegevens > Van tekst/CSV (Data > From Text/CSV). Kies het bestand.
2. Kies bij Bestandsoorsprong (File Origin) 65001: Unicode (UTF-8) en bij Scheidingsteken
   (Delimiter) Komma (Comma).
3. Kies Gegevens transformeren (Transform Data). Selecteer de kolommen met getallen, klik met de
   rechtermuisknop op een kolomkop en kies Type wijzigen > Landinstelling gebruiken (Change Type >
   Using Locale): gegevenstype Decimaal getal, landinstelling Engels (Verenigde Staten). Kies
   daarna Sluiten en laden (Close & Load).
Zonder stap 3 kan Excel de punt als scheiding van duizendtallen lezen (0.0225 wordt dan 225).
De namen van de menu's kunnen per versie van Excel iets verschillen. In LibreOffice Calc kiest u
bij het openen Tekenset Unicode (UTF-8), Scheidingsteken Komma en Taal Engels (VS).
"""


def publicatievorm(df: pd.DataFrame) -> pd.DataFrame:
    """The published form of a chapter table (the CSV beside the report), in the report's words.

    Returns a copy with the same rows and column order: the scenario word 'centraal' reads 'midden',
    as a cell value (column ``scenario``) and as a part of a column name (``cw_baten_centraal_eur`` ->
    ``cw_baten_midden_eur``); yes/no columns (bool, or only True/False) read 'ja'/'nee'. Numbers stay
    numbers and missing values stay missing (an empty cell in the CSV). ``df`` is not changed.
    """
    uit = df.copy()
    for kolom in uit.columns:
        reeks = uit[kolom]
        waarden = reeks.dropna()
        if pd.api.types.is_bool_dtype(reeks) or (
                len(waarden) and reeks.dtype == object and all(isinstance(w, bool) for w in waarden)):
            uit[kolom] = reeks.map(lambda w: w if pd.isna(w) else (JA if w else NEE)).astype(object)
        elif reeks.dtype == object or pd.api.types.is_string_dtype(reeks):
            uit[kolom] = reeks.map(lambda w: MIDDEN if w == "centraal" else w)
    uit.columns = ["_".join(MIDDEN if d == "centraal" else d for d in str(k).split("_")) for k in uit.columns]
    return uit


def _csv(df: pd.DataFrame, rapportmap: str | Path, naam: str) -> str:
    """Write ``df`` in :func:`publicatievorm` to <rapportmap>/kosten_baten/<naam>.csv (UTF-8, ',' and '.'), with
    the LEESMIJ.txt that explains the files beside it; returns the path relative to ``rapportmap``."""
    map_ = Path(rapportmap) / "kosten_baten"
    schrijf_csv(publicatievorm(df), map_ / f"{naam}.csv")
    # rewritten with every table: the stage removes afterwards whatever this run did not write
    schrijf_tekst(map_ / LEESMIJ, LEESMIJ_TEKST)
    return f"kosten_baten/{naam}.csv"


def programma(k: KostenBaten) -> tuple[str, str]:
    """Name and period of the programme whose projects this chapter is about."""
    kaders = k.kaders[k.kaders["kader_id"].isin(set(k.projecten.get("kader_id", pd.Series(dtype=str))))]
    titel = str(kaders["titel"].iloc[0]).split(" (")[0] if len(kaders) else "het programma"
    jaren = sorted(int(j) for j in k.subsidies["jaar"].unique()) if len(k.subsidies) else []
    periode = f"{jaren[0]}–{jaren[-1]}" if jaren else ""
    return titel, periode


def kop(k: KostenBaten) -> str:
    if k.projecten.empty:
        return ("# Kosten en baten\n\nHet beleidskader noemt geen projecten met subsidies; daarom staan in dit "
                "hoofdstuk alleen de begroting en het subsidieplafond, voor zover het kader die noemt.\n")
    titel, periode = programma(k)
    raming = sorted(int(j) for j in k.subsidies.loc[k.subsidies["raming"].astype(bool), "jaar"].unique())
    raming_tekst = f" (de bedragen voor {', '.join(map(str, raming))} zijn een raming)" if raming else ""
    return ("# Kosten en baten\n\n"
            f"Dit hoofdstuk gaat over het **{md(titel)}**: de projecten die aan de uitvoeringsagenda voorafgingen, met "
            f"de subsidies die in {periode} zijn toegekend{raming_tekst}. Het gaat dus niet over de kosten van de "
            "uitvoeringsagenda zelf: die staan niet in de bronnen. Kosten en bereik zijn overgenomen uit de "
            "factsheet van het programma. Baten zijn **aannames** met een ondergrens, een middenwaarde en een "
            "bovengrens, geen metingen. De tabellen zijn ook als los spreadsheetbestand (CSV) bij dit rapport "
            f"beschikbaar; het bestand {LEESMIJ} ernaast legt uit wat de kolommen betekenen en hoe u de bestanden in "
            "een Nederlandse Excel opent.\n")


def _overschrijding(benut: pd.DataFrame, toelichting: str) -> str:
    over = benut[benut["besteed_eur"] > benut["beschikbaar_eur"]]
    if over.empty:
        return ""
    delen = [f"in {int(r.jaar)} {opmaak.euro(r.besteed_eur - r.beschikbaar_eur)} ({opmaak.procent(r.benut_pct, 0)} "
             "van het jaarbudget)" for r in over.itertuples(index=False)]
    zin = ("Meer toegekend dan beschikbaar: " + "; ".join(delen) + ". Een benutting boven 100 % betekent dat er "
           "dat jaar iets meer subsidie is toegekend dan het jaarbudget.")
    if toelichting:
        zin += f" De evaluatie van het programma zegt hierover: {md(toelichting)}"
    return zin + "\n"


def _geborgd_zin(k: KostenBaten, geborgd: pd.DataFrame) -> str:
    """Reconcile the geborgd counts: all projects, and those paid from the innovation budget."""
    totaal = len(k.projecten)
    n_geborgd = int(k.projecten["geborgd"].astype(bool).sum())
    g = geborgd[geborgd["budget"] == "innovatiebudget"].iloc[0]
    rest = n_geborgd - int(g["aantal_geborgd"])
    geborgd_zin = f"is er {n_geborgd} geborgd: het loopt" if n_geborgd == 1 else f"zijn er {n_geborgd} geborgd: ze lopen"
    zin = (f"**Borging.** Van de {opmaak.aantal(totaal, 'project', 'projecten')} {geborgd_zin} door zonder geld uit "
           f"het innovatiebudget (kolom Geborgd in de tabel hierna). {int(g['aantal_geborgd'])} daarvan "
           f"{'kreeg' if int(g['aantal_geborgd']) == 1 else 'kregen'} eerder "
           f"wel geld uit het innovatiebudget: samen {opmaak.euro(g['geborgd_eur'])}, "
           f"{opmaak.procent(g['geborgd_pct'], 0)} van het innovatiebudget dat naar "
           f"{opmaak.aantal(int(g['aantal_projecten']), 'project', 'projecten')} ging.")
    if rest > 0:
        zin += (f" {'Het andere geborgde project werd' if rest == 1 else f'De andere {rest} geborgde projecten werden'}"
                " alleen uit een ander budget betaald.")
    return zin + "\n"


def subsidies(k: KostenBaten, rapportmap: str | Path) -> str:
    if k.projecten.empty:
        _csv(pd.DataFrame(columns=["jaar", "budget", "bedrag_eur"]), rapportmap, "subsidies_per_jaar")
        return ""
    per_jaar = kb.totalen_per_jaar(k.subsidies)
    benut = kb.benutting_innovatiebudget(k.subsidies, k.innovatiebudget_per_jaar)
    _csv(per_jaar, rapportmap, "subsidies_per_jaar")
    _csv(benut, rapportmap, "benutting_innovatiebudget")
    breed = per_jaar.pivot_table(index="jaar", columns="budget", values="bedrag_eur", aggfunc="sum", fill_value=0)
    raming = per_jaar.groupby("jaar")["raming"].any()
    rijen = []
    for jaar, rij in breed.iterrows():
        b = benut[benut["jaar"] == jaar].iloc[0]
        rijen.append([f"{jaar}{' (raming)' if raming.get(jaar) else ''}", opmaak.euro(rij.get("innovatiebudget", 0)),
                      opmaak.euro(rij.get("ander budget", 0)), opmaak.euro(k.innovatiebudget_per_jaar),
                      opmaak.procent(b["benut_pct"], 0)])
    tabel = opmaak.markdown_tabel(
        rijen, ["Jaar", "Innovatiebudget", "Ander budget", "Beschikbaar", "Benut"],
        bijschrift="Toegekende subsidies per jaar: uit het innovatiebudget en uit andere budgetten",
        rechts={1, 2, 3, 4})
    lijnen = kb.totalen_per_programmalijn(k.subsidies, k.projecten)
    _csv(lijnen, rapportmap, "subsidies_per_programmalijn")
    lijn_rijen = [[r.programmalijn, r.budget, opmaak.euro(r.bedrag_eur), opmaak.procent(r.aandeel_pct, 0)]
                  for r in lijnen.itertuples(index=False) if r.bedrag_eur > 0]
    themas = kb.totalen_per_landelijk_thema(k.subsidies, k.projecten)
    _csv(themas, rapportmap, "subsidies_per_landelijk_thema")
    thema_rijen = [[r.landelijk_thema, r.budget, opmaak.euro(r.bedrag_eur), str(r.aantal_projecten)]
                   for r in themas.itertuples(index=False) if r.bedrag_eur > 0]
    geborgd = kb.geborgd_aandeel(k.subsidies, k.projecten)
    _csv(geborgd, rapportmap, "geborgd_aandeel")
    _, periode = programma(k)
    return "\n".join([
        "## Subsidies", "", tabel, _overschrijding(benut, k.budget_toelichting),
        opmaak.markdown_tabel(lijn_rijen, ["Programmalijn", "Budget", "Bedrag", "Aandeel"],
                              bijschrift=f"Subsidies {periode} per programmalijn", rechts={2, 3}),
        opmaak.markdown_tabel(thema_rijen, ["Landelijk thema", "Budget", "Bedrag", "Projecten"],
                              bijschrift="Subsidies per landelijk thema; een project in meer thema's telt in elk "
                                         "thema mee, dus deze bedragen niet optellen", rechts={2, 3}),
        _geborgd_zin(k, geborgd),
    ])


def bereik(k: KostenBaten) -> str:
    if k.projecten.empty:
        return ""
    innov = kb.kosten_per_bereik(k.subsidies, k.projecten, budget="innovatiebudget").set_index("project_id")
    ander = kb.kosten_per_bereik(k.subsidies, k.projecten, budget="ander budget").set_index("project_id")
    alle = kb.kosten_per_bereik(k.subsidies, k.projecten, budget="alle")
    geborgd = k.projecten.set_index("project_id")["geborgd"].astype(bool)
    rijen = []
    for r in alle.itertuples(index=False):
        totaal = r.niveau == "totaal"
        naam = "Totaal" if totaal else f"{r.project_id} {r.naam}"
        per = None if pd.isna(r.kosten_per_bereik_eur) else r.kosten_per_bereik_eur
        rijen.append([naam, opmaak.euro(innov.loc[r.project_id, "subsidie_eur"]),
                      opmaak.euro(ander.loc[r.project_id, "subsidie_eur"]),
                      "" if totaal else ("ja" if geborgd.get(r.project_id) else "nee"),
                      opmaak.getal(r.bereik, 0), opmaak.euro(per)])
    return "\n".join([
        "## Bereik en kosten per bereikte inwoner", "",
        "Per project de subsidie uit het innovatiebudget en uit andere budgetten, het aantal bereikte inwoners "
        "volgens de factsheet en de subsidie per bereikte inwoner (beide budgetten samen). € 0 staat er alleen "
        "als de factsheet voor beide budgetten 0 noemt.", "",
        met_breedtes(opmaak.markdown_tabel(rijen, ["Project", "Innovatiebudget", "Ander budget", "Geborgd",
                                                   "Bereikte inwoners", "Per inwoner"],
                                           bijschrift="Subsidie per project en per bereikte inwoner",
                                           rechts={1, 2, 4, 5}), [34, 14, 13, 8, 10, 11])])


_BESTAND = re.compile(r"\.[a-z]{2,4}$")


def _zonder_bestand(herkomst: str) -> str:
    """'Document — 001_x.txt — Sectie' -> 'Document, Sectie' (file names belong in the technical account)."""
    return ", ".join(d.strip() for d in str(herkomst).split(" — ") if not _BESTAND.search(d.strip()))


#: Abbreviations a council member may not know, written out where the chapter uses them.
AFKORTINGEN = {"Wlz": "Wet langdurige zorg", "Wmo": "Wet maatschappelijke ondersteuning"}


def partij_tekst(partij: str) -> str:
    """A party (baathebber) as the report names it: an abbreviation written out, 'Wlz' -> 'Wet langdurige zorg
    (Wlz)'; other names unchanged."""
    partij = str(partij)
    return f"{AFKORTINGEN[partij]} ({partij})" if partij in AFKORTINGEN else partij


def afkortingen_zin(teksten: list[str]) -> str:
    """'Wmo staat voor Wet maatschappelijke ondersteuning.' for each abbreviation of :data:`AFKORTINGEN` that
    occurs (as a word, also in 'Wmo-budget') in ``teksten`` without being written out there; '' if none."""
    alles = " ".join(str(t) for t in teksten)
    zinnen = [f"{a} staat voor {voluit}." for a, voluit in AFKORTINGEN.items()
              if re.search(rf"\b{a}\b", alles) and voluit.lower() not in alles.lower()]
    return " ".join(zinnen)


def _pct(fractie: float) -> str:
    """0.0225 -> '2,25 %', -0.01 -> '−1 %', 0.03 -> '3 %'."""
    waarde = float(fractie) * 100
    return opmaak.procent(waarde, 0 if abs(waarde - round(waarde)) < 1e-9 else 2)


def _jaren(start: int, looptijd: int) -> str:
    return str(start) if looptijd == 1 else f"{start}–{start + looptijd - 1}"


def looptijd_zin(a, cw_midden: float, basisjaar: int) -> str:
    """The bullet on the period an assumption counts its benefit over, and what that means for its middle value.

    ``a``: a row of the baten table (``looptijd_jaren``, ``startjaar``, ``tijd_illustratief``,
    ``volume_centraal``, ``waarde_centraal_eur``); ``cw_midden``: the present value (euro, in
    ``basisjaar``) of its benefit in the middle scenario. With a looptijd of 1 the sentence says that only
    that one year counts, e.g. '- Looptijd: één jaar, 2018 (rekenvoorbeeld: de bron noemt geen jaar). Alleen
    het effect in 2018 telt mee. …'.
    """
    n, start = int(a.looptijd_jaren), int(a.startjaar)
    ill = " (rekenvoorbeeld: de bron noemt geen jaar)" if a.tijd_illustratief else ""
    vol, waarde = float(a.volume_centraal), float(a.waarde_centraal_eur)
    product = f"{opmaak.getal(vol, 0)} × {opmaak.euro(waarde)} = {opmaak.euro(vol * waarde)}"
    if n == 1:
        return (f"- Looptijd: één jaar, {start}{ill}. Alleen het effect in {start} telt mee; heeft het project ook "
                f"in andere jaren effect gehad, dan is de baat groter dan hier berekend. De middenwaarde is dus "
                f"{product} in {start}, omgerekend naar {basisjaar} (contante waarde) {opmaak.euro(cw_midden)}.\n")
    return (f"- Looptijd: {n} jaar, {_jaren(start, n)}{ill}. Het aantal hierboven telt in elk van die jaren mee, "
            f"in andere jaren niet. De middenwaarde is dus elk jaar {product}, {n} jaar lang; omgerekend naar "
            f"{basisjaar} (contante waarde) samen {opmaak.euro(cw_midden)}.\n")


def _tornado_label(parameter: str, laag: float, hoog: float) -> str:
    if parameter == "volume":
        return f"aantal: {opmaak.getal(laag, 0)} tot {opmaak.getal(hoog, 0)}"
    if parameter == "waarde_per_eenheid_eur":
        return f"waarde per eenheid: {opmaak.euro(laag)} tot {opmaak.euro(hoog)}"
    if parameter == "discontovoet":
        return f"rekenrente: {_pct(laag)} tot {_pct(hoog)}"
    return str(parameter).replace("_", " ")


def _bij(parameter: str, laag: float, hoog: float) -> str:
    """'Bij een aantal van 0 tot 3', 'Bij een rekenrente van −1 % tot 3 %' (the range of one tornado bar)."""
    naam, fmt = {"volume": ("een aantal", lambda w: opmaak.getal(w, 0)),
                 "waarde_per_eenheid_eur": ("een waarde per eenheid", opmaak.euro),
                 "discontovoet": ("een rekenrente", _pct)}.get(
        parameter, (str(parameter).replace("_", " "), lambda w: opmaak.getal(w, 2)))
    return f"Bij {naam} van {fmt(laag)} tot {fmt(hoog)}"


def _vlak_naam(parameter: str) -> str:
    return {"volume": "Het aantal", "waarde_per_eenheid_eur": "De waarde per eenheid",
            "discontovoet": "De rekenrente"}.get(parameter, str(parameter).replace("_", " "))


def gevoeligheid(t: pd.DataFrame, project_id: str, rapportmap: str | Path) -> str:
    """The sensitivity paragraph and figure of one project from its :func:`kb.tornado` table ``t`` (euro).

    Only parameters whose low and high value give a different saldo get a bar; each bar is labelled with its
    range in words ('aantal: 0 tot 3 (rekenvoorbeeld)', 'rekenrente: −1 % tot 3 %'). A parameter without a range (low = high,
    e.g. one value per unit from the source) is named in the text with its value, not in the figure. With
    no bar at all no figure is made. Writes kosten_baten/tornado_<project>.svg under ``rapportmap``.
    """
    from evaluatie.hoofdstukken.figuren import bewaar_svg, tornadofiguur

    meer = t.loc[t["aanname_id"].astype(str) != "", "aanname_id"].nunique() > 1
    labels = []
    for r in t.itertuples(index=False):
        label = _tornado_label(r.parameter, r.param_laag, r.param_hoog) + (" (rekenvoorbeeld)" if r.illustratief else "")
        if meer and r.aanname_id:
            label += f"\n({str(r.aanname_id).replace('_', ' ')})"
        labels.append(label)
    t = t.assign(label=labels)
    schaal = float(t[["netto_bij_laag_eur", "netto_bij_hoog_eur"]].abs().max().max() or 1.0)
    vlak = t[t["spreiding_eur"] <= schaal * 1e-9]
    met = t[t["spreiding_eur"] > schaal * 1e-9]
    delen = []
    if len(met):
        delen.append(f"**Gevoeligheid.** De figuur hieronder laat zien hoe het saldo van project {md(project_id)} "
                     "verandert als één aanname op haar ondergrens of bovengrens staat en de rest op de middenwaarde "
                     f"(stippellijn: het saldo in het middenscenario, {opmaak.euro(float(t['netto_centraal_eur'].iloc[0]))}).")
        for r in met.itertuples(index=False):
            lo, hi = sorted([float(r.netto_bij_laag_eur), float(r.netto_bij_hoog_eur)])
            wie = f" ({str(r.aanname_id).replace('_', ' ')})" if meer and r.aanname_id else ""
            delen.append(f"{_bij(r.parameter, r.param_laag, r.param_hoog)}{wie} ligt het saldo tussen "
                         f"{opmaak.euro(lo)} en {opmaak.euro(hi)}.")
    for r in vlak.itertuples(index=False):
        waarde = (opmaak.euro(r.param_centraal) if r.parameter == "waarde_per_eenheid_eur" else
                  _pct(r.param_centraal) if r.parameter == "discontovoet" else opmaak.getal(r.param_centraal, 0))
        wie = f" ({str(r.aanname_id).replace('_', ' ')})" if meer and r.aanname_id else ""
        delen.append(f"{_vlak_naam(r.parameter)}{wie} staat niet in de figuur: laag, midden en hoog zijn gelijk "
                     f"({waarde}), dus die aanname verandert het saldo niet.")
    if not len(met):
        return " ".join(delen) + "\n"
    tabel = met.rename(columns={"netto_bij_laag_eur": "laag", "netto_bij_hoog_eur": "hoog",
                                "netto_centraal_eur": "centraal"})
    tabel = tabel.assign(parameter=tabel["label"])[["parameter", "laag", "hoog", "centraal"]]
    naam = f"tornado_{project_id.replace('.', '_')}.svg"
    bewaar_svg(tornadofiguur(tabel, f"Gevoeligheid van het saldo, project {project_id}"),
               Path(rapportmap) / "kosten_baten" / naam)
    return (" ".join(delen) + "\n\n"
            f"![Gevoeligheid van het saldo (contante waarde) van project {md(project_id)}: elke aanname laag en hoog, "
            f"de rest op de middenwaarde](kosten_baten/{naam})\n")


def baten(k: KostenBaten, rapportmap: str | Path) -> str:
    if k.baten.empty:
        return ""
    onderdeel = {r.project_id: r.onderdeel for r in k.baten.itertuples(index=False)
                 if isinstance(getattr(r, "onderdeel", ""), str) and r.onderdeel}
    projectnaam = k.projecten.set_index("project_id")["naam"]
    scen = kb.scenario_tabel(k.baten, k.subsidies, discontovoet=k.discontovoet)
    be = kb.break_even_tabel(k.baten, k.subsidies, discontovoet=k.discontovoet)
    basisjaar = int(scen["basisjaar"].iloc[0])
    een = be.set_index("aanname_id")["cw_een_eenheid_centraal_eur"]
    standaard = (", de standaard voor maatschappelijke kosten-batenanalyses sinds 2021"
                 if abs(k.discontovoet - kb.DISCONTOVOET_STANDAARD) < 1e-12 else "")
    delen = ["## Baten: aannames en scenario's", "",
             f"Baten en kosten vallen in verschillende jaren. Om ze te kunnen vergelijken, zijn alle bedragen "
             f"omgerekend naar hun waarde in {basisjaar}, het eerste subsidiejaar: de **contante waarde**. Een bedrag "
             f"in een later jaar telt daarbij iets minder zwaar mee; daarvoor gebruiken we een rekenrente (discontovoet) "
             f"van {_pct(k.discontovoet)} per jaar{standaard}. Elke aanname staat hieronder met haar bron en "
             "bandbreedte (laag, midden, hoog); het zijn aannames, geen metingen.", ""]
    for a in k.baten.itertuples(index=False):
        n = int(a.looptijd_jaren)
        deel = f" De baat komt alleen uit {md(a.onderdeel)}." if getattr(a, "onderdeel", "") else ""
        aantal_kop = f"Aantal in {int(a.startjaar)}" if n == 1 else "Aantal per jaar"
        aantal_bron = (" (rekenvoorbeeld, geen meting: de bron noemt geen aantal)." if a.volume_illustratief
                       else f". Bron: {md(_zonder_bestand(a.volume_bron))}.")
        delen.append(
            f"**Aanname: {md(str(a.id).replace('_', ' '))}** (project {md(a.project_id)} "
            f"{md(projectnaam.get(a.project_id, ''))}). Baat voor: {md(partij_tekst(a.baathebber))}. "
            f"{md(a.mechanisme)}{deel}\n\n"
            f"- Waarde per eenheid ({md(a.eenheid)}): laag {opmaak.euro(a.waarde_laag_eur)}, midden "
            f"{opmaak.euro(a.waarde_centraal_eur)}, hoog {opmaak.euro(a.waarde_hoog_eur)}. Bron: "
            f"{md(_zonder_bestand(a.herkomst))}.\n"
            f"- {aantal_kop}: laag {opmaak.getal(a.volume_laag, 0)}, midden {opmaak.getal(a.volume_centraal, 0)}, "
            f"hoog {opmaak.getal(a.volume_hoog, 0)}{aantal_bron}\n"
            + looptijd_zin(a, float(a.volume_centraal) * float(een[a.id]), basisjaar))
    _csv(scen, rapportmap, "scenarios")
    scenario_rijen = []
    for r in scen.itertuples(index=False):
        naam = r.scenario.replace("centraal", MIDDEN) + (" (rekenvoorbeeld)" if r.volume_illustratief else "")
        if not r.vergelijkbaar:
            scenario_rijen.append([r.project_id, naam, "onbekend", opmaak.euro(r.cw_baten_eur), "niet te bepalen"])
        else:
            scenario_rijen.append([r.project_id, naam, opmaak.euro(r.cw_subsidie_eur), opmaak.euro(r.cw_baten_eur),
                                   opmaak.euro(r.netto_cw_eur)])
    delen.append(opmaak.markdown_tabel(
        scenario_rijen, ["Project", "Scenario", "Kosten (contante waarde)", "Baten (contante waarde)",
                         "Saldo (baten min kosten)"],
        bijschrift="Kosten en baten per scenario, als contante waarde (aannames, geen metingen)", rechts={2, 3, 4}))
    for pid, deel in sorted(onderdeel.items()):
        subsidie = k.subsidies.loc[k.subsidies["project_id"] == pid, "bedrag_eur"].sum()
        delen.append(f"Bij project {md(pid)} {md(projectnaam.get(pid, ''))} is geen saldo berekend. De baat komt "
                     f"alleen uit {md(deel)}. Wat dat deel kostte, staat niet in de bron; de subsidie van "
                     f"{opmaak.euro(subsidie)} geldt voor het hele project. Baat en kosten zijn dus niet te "
                     "vergelijken.\n")
    _csv(be, rapportmap, "break_even")
    delen.append(omslagpunt(be, projectnaam))
    wie = kb.wie_betaalt_wie_baat(k.baten, k.subsidies, discontovoet=k.discontovoet, pm_posten=k.pm_posten)
    _csv(wie, rapportmap, "wie_betaalt_wie_baat")
    delen.append(wie_betaalt_tabel(wie, onderdeel, k.subsidies))
    if not k.pm_posten.empty:
        uitleg = afkortingen_zin([str(r.mechanisme) for r in k.pm_posten.itertuples(index=False)])
        delen += ["**Baten die niet in geld zijn uit te drukken (pm).** De bronnen noemen deze baten, maar geven geen "
                  "bedrag of aantal. Ze staan in geen enkele optelling hierboven; 'pm' betekent pro memorie."
                  + (f" {uitleg}" if uitleg else ""), ""]
        delen.append(met_breedtes(opmaak.markdown_tabel(
            [[f"{r.project_id} {projectnaam.get(r.project_id, '')}", " ".join(str(r.mechanisme).split()),
              partij_tekst(r.baathebber), "pm"] for r in k.pm_posten.itertuples(index=False)],
            ["Project", "Baat", "Wie heeft er baat bij", "Waarde"],
            bijschrift="Pro-memorieposten: genoemde baten zonder bedrag"), [20, 56, 16, 8]))
    for project_id in sorted(set(k.baten["project_id"]) - set(onderdeel)):
        t = kb.tornado(k.baten, k.subsidies, project_id, discontovoet=k.discontovoet)
        _csv(t, rapportmap, f"tornado_{project_id.replace('.', '_')}")
        delen.append(gevoeligheid(t, project_id, rapportmap))
    return "\n".join(delen)


def omslagpunt(be: pd.DataFrame, projectnaam: pd.Series | dict) -> str:
    """The break-even paragraph and table from :func:`kb.break_even_tabel` (present values, as the scenario table).

    One sentence per comparable assumption shows the division, e.g. 'Project 2.3 Flatcoach: subsidie € 93.034 /
    baat van één eenheid € 95.647 = 0,97 bewonerjaar uitgestelde verpleeghuisopname in 2018.'; a looptijd of more than one year reads 'per jaar,
    n jaar lang (start–eind)'. Assumptions without a comparison (``vergelijkbaar`` False) are left out, as in
    the scenario table. '' when none is left.
    """
    rijen, zinnen = [], []
    for r in be.itertuples(index=False):
        if not r.vergelijkbaar or pd.isna(r.break_even_centraal):
            continue
        n, start = int(r.looptijd_jaren), int(r.startjaar)
        wanneer = f"in {start}" if n == 1 else f"per jaar, {n} jaar lang ({_jaren(start, n)})"
        nodig = opmaak.getal(r.break_even_centraal, 2)
        zinnen.append(f"Project {md(r.project_id)} {md(projectnaam.get(r.project_id, ''))}: "
                      f"subsidie {opmaak.euro(r.cw_subsidie_eur)} / baat van één eenheid "
                      f"{opmaak.euro(r.cw_een_eenheid_centraal_eur)} = {nodig} "
                      f"{md(r.eenheid)} {wanneer}.")
        rijen.append([f"{r.project_id} {projectnaam.get(r.project_id, '')}", r.eenheid, opmaak.euro(r.cw_subsidie_eur),
                      opmaak.euro(r.cw_een_eenheid_centraal_eur), f"{nodig} {wanneer}"])
    if not rijen:
        return ""
    return ("**Omslagpunt.** Hoeveel effect is nodig om de subsidie terug te verdienen? Daarvoor delen we de "
            "subsidie door de baat van één eenheid (middenwaarde), allebei als contante waarde, net als in de tabel "
            "hierboven. " + " ".join(zinnen) + "\n\n" + met_breedtes(opmaak.markdown_tabel(
                rijen, ["Project", "Eenheid", "Subsidie (contante waarde)", "Baat van één eenheid (contante waarde)",
                        "Nodig om terug te verdienen"],
                bijschrift="Omslagpunt: hoeveel eenheden effect de subsidie van het project terugverdienen "
                           "(middenwaarde, contante waarde)", rechts={2, 3, 4}), [18, 30, 17, 17, 18]))


KOSTEN_HELE_PROJECT = " (hele project)"
BAAT_EEN_ONDERDEEL = " (één onderdeel)"


def wie_betaalt_tabel(wie: pd.DataFrame, onderdeel: dict[str, str], subsidies: pd.DataFrame) -> str:
    """The table 'wie betaalt en wie heeft er baat bij' (from :func:`kb.wie_betaalt_wie_baat`) and its note.

    A project in ``onderdeel`` (its benefit comes from one part only) keeps its rows, with the cost marked
    as the whole project's and the benefit as one part's; it is left out of the totals (the frame's total
    rows already leave it out), and a sentence under the table says why, in the words of the scenario table.
    """
    rijen = []
    for r in wie.itertuples(index=False):
        if r.rol == "pm":
            continue
        deel = r.niveau == "project" and r.project_id in onderdeel
        kosten = (opmaak.euro(r.cw_kosten_eur) + (KOSTEN_HELE_PROJECT if deel else "")
                  if r.rol in ("betaalt", "betaalt en baat") else opmaak.LEEG)
        baten = (opmaak.euro(r.cw_baten_centraal_eur) + (BAAT_EEN_ONDERDEEL if deel else "")
                 if r.rol in ("baat", "betaalt en baat") else opmaak.LEEG)
        project = r.project_id
        if r.niveau == "totaal" and onderdeel:
            project = "totaal zonder " + _opsomming_nl(sorted(onderdeel, key=_project_volgorde))
        rijen.append([project, partij_tekst(r.partij), r.rol, kosten, baten])
    tabel = opmaak.markdown_tabel(
        rijen, ["Project", "Partij", "Rol", "Kosten (contante waarde)", "Baten, midden (contante waarde)"],
        bijschrift="Wie betaalt en wie heeft er baat bij: besparingen komen vaak terecht buiten de gemeente",
        rechts={3, 4})
    for pid in sorted(onderdeel, key=_project_volgorde):
        proj = wie[(wie["niveau"] == "project") & (wie["project_id"] == pid)]
        subsidie = subsidies.loc[subsidies["project_id"] == pid, "bedrag_eur"].sum()
        tabel += (f"\nProject {md(pid)} telt niet mee in de totalen: de baat van "
                  f"{opmaak.euro(proj['cw_baten_centraal_eur'].sum())} komt alleen uit {md(onderdeel[pid])}. "
                  f"De kosten van {opmaak.euro(proj['cw_kosten_eur'].sum())} zijn de subsidie van "
                  f"{opmaak.euro(subsidie)} voor het hele project, omgerekend naar contante waarde. Die twee "
                  "bedragen zijn dus niet met elkaar te vergelijken.\n")
    return tabel


def _project_volgorde(pid: str) -> tuple:
    return tuple(int(d) if d.isdigit() else 0 for d in str(pid).split("."))


def _opsomming_nl(delen: list[str]) -> str:
    delen = [md(d) for d in delen]
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def plafond(k: KostenBaten) -> str:
    if "budget_plafond_eur" not in k.kaders or k.kaders["budget_plafond_eur"].isna().all():
        return ""
    delen = ["## Begroting tegen het subsidieplafond", ""]
    for r in k.kaders.dropna(subset=["budget_plafond_eur"]).itertuples(index=False):
        pct = getattr(r, "kosten_boven_plafond_pct", None)
        zin = (f"Het subsidieplafond van {md(r.titel)} is {opmaak.euro(r.budget_plafond_eur)}.")
        if pct is not None and not pd.isna(pct):
            indicatief = r.budget_plafond_eur * pct / 100
            zin += (f" Volgens het plan kwamen de kosten circa {opmaak.procent(pct, 0)} boven dat plafond uit: een "
                    f"**overschrijding** in de orde van {opmaak.euro(round(indicatief, -3))} (afgeleid uit het "
                    "percentage; het plan noemt geen exact bedrag).")
        delen.append(zin)
    return "\n".join(delen) + "\n"

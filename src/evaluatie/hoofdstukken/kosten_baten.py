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
from evaluatie.gedeeld.bestanden import schrijf_csv


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


def _csv(df: pd.DataFrame, rapportmap: str | Path, naam: str) -> str:
    pad = Path(rapportmap) / "kosten_baten" / f"{naam}.csv"
    schrijf_csv(df, pad)
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
            "beschikbaar.\n")


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


def baten(k: KostenBaten, rapportmap: str | Path) -> str:
    if k.baten.empty:
        return ""
    from evaluatie.hoofdstukken.figuren import bewaar_svg, tornadofiguur

    onderdeel = {r.project_id: r.onderdeel for r in k.baten.itertuples(index=False)
                 if isinstance(getattr(r, "onderdeel", ""), str) and r.onderdeel}
    projectnaam = k.projecten.set_index("project_id")["naam"]
    delen = ["## Baten: aannames en scenario's", "",
             f"De baten zijn omgerekend naar contante waarde met een reële discontovoet van "
             f"{opmaak.procent(k.discontovoet * 100, 2)} per jaar. Elke aanname staat hieronder met haar bron en "
             "bandbreedte; het zijn aannames, geen metingen.", ""]
    for a in k.baten.itertuples(index=False):
        illustratief = " (rekenvoorbeeld, geen meting)" if a.volume_illustratief else ""
        deel = f" De baat komt alleen uit {md(a.onderdeel)}." if getattr(a, "onderdeel", "") else ""
        delen.append(
            f"**Aanname: {md(str(a.id).replace('_', ' '))}** (project {md(a.project_id)} "
            f"{md(projectnaam.get(a.project_id, ''))}, baat voor: {md(a.baathebber)}). {md(a.mechanisme)}{deel}\n\n"
            f"- Waarde per eenheid ({md(a.eenheid)}): laag {opmaak.euro(a.waarde_laag_eur)}, midden "
            f"{opmaak.euro(a.waarde_centraal_eur)}, hoog {opmaak.euro(a.waarde_hoog_eur)}. Bron: "
            f"{md(_zonder_bestand(a.herkomst))}.\n"
            f"- Aantal per jaar: laag {opmaak.getal(a.volume_laag, 0)}, midden {opmaak.getal(a.volume_centraal, 0)}, "
            f"hoog {opmaak.getal(a.volume_hoog, 0)}{illustratief}. Bron: {md(_zonder_bestand(a.volume_bron))}.\n")
    scen = kb.scenario_tabel(k.baten, k.subsidies, discontovoet=k.discontovoet)
    _csv(scen, rapportmap, "scenarios")
    scenario_rijen = []
    for r in scen.itertuples(index=False):
        naam = r.scenario.replace("centraal", "midden") + (" (rekenvoorbeeld)" if r.volume_illustratief else "")
        if r.project_id in onderdeel:
            scenario_rijen.append([r.project_id, naam, "onbekend", opmaak.euro(r.cw_baten_eur), "niet te bepalen"])
        else:
            scenario_rijen.append([r.project_id, naam, opmaak.euro(r.cw_subsidie_eur), opmaak.euro(r.cw_baten_eur),
                                   opmaak.euro(r.netto_cw_eur)])
    delen.append(opmaak.markdown_tabel(
        scenario_rijen, ["Project", "Scenario", "Kosten (contante waarde)", "Baten (contante waarde)", "Saldo"],
        bijschrift="Kosten en baten per scenario, als contante waarde (aannames, geen metingen)", rechts={2, 3, 4}))
    for pid, deel in sorted(onderdeel.items()):
        subsidie = k.subsidies.loc[k.subsidies["project_id"] == pid, "bedrag_eur"].sum()
        delen.append(f"Bij project {md(pid)} {md(projectnaam.get(pid, ''))} is geen saldo berekend. De baat komt "
                     f"alleen uit {md(deel)}. Wat dat deel kostte, staat niet in de bron; de subsidie van "
                     f"{opmaak.euro(subsidie)} geldt voor het hele project. Baat en kosten zijn dus niet te "
                     "vergelijken.\n")
    be = kb.break_even_tabel(k.baten, k.subsidies, discontovoet=k.discontovoet)
    _csv(be, rapportmap, "break_even")
    be_rijen = [[str(r.aanname_id).replace("_", " "), r.project_id, r.eenheid, opmaak.euro(r.subsidie_eur),
                 opmaak.getal(r.break_even_centraal, 2)]
                for r in be.itertuples(index=False) if r.project_id not in onderdeel]
    if be_rijen:
        delen.append(opmaak.markdown_tabel(
            be_rijen, ["Aanname", "Project", "Eenheid", "Subsidie", "Eenheden nodig (midden)"],
            bijschrift="Omslagpunt: hoeveel eenheden effect de subsidie van het project terugverdienen",
            rechts={3, 4}))
    wie = kb.wie_betaalt_wie_baat(k.baten, k.subsidies, discontovoet=k.discontovoet, pm_posten=k.pm_posten)
    _csv(wie, rapportmap, "wie_betaalt_wie_baat")
    delen.append(wie_betaalt_tabel(wie, onderdeel, k.subsidies))
    if not k.pm_posten.empty:
        delen += ["**Baten die niet in geld zijn uit te drukken (pm).** De bronnen noemen deze baten, maar geven geen "
                  "bedrag of aantal. Ze staan in geen enkele optelling hierboven; 'pm' betekent pro memorie.", ""]
        delen.append(met_breedtes(opmaak.markdown_tabel(
            [[f"{r.project_id} {projectnaam.get(r.project_id, '')}", " ".join(str(r.mechanisme).split()),
              r.baathebber, "pm"] for r in k.pm_posten.itertuples(index=False)],
            ["Project", "Baat", "Wie heeft er baat bij", "Waarde"],
            bijschrift="Pro-memorieposten: genoemde baten zonder bedrag"), [20, 56, 16, 8]))
    for project_id in sorted(set(k.baten["project_id"]) - set(onderdeel)):
        t = kb.tornado(k.baten, k.subsidies, project_id, discontovoet=k.discontovoet)
        _csv(t, rapportmap, f"tornado_{project_id.replace('.', '_')}")
        tabel = t.rename(columns={"netto_bij_laag_eur": "laag", "netto_bij_hoog_eur": "hoog",
                                  "netto_centraal_eur": "centraal"})
        namen = {"waarde_per_eenheid_eur": "waarde per eenheid", "volume": "aantal"}
        tabel["parameter"] = [f"{namen.get(p, p)}\n({a.replace('_', ' ')})" if isinstance(a, str) and a
                              else str(p).replace("_", " ")
                              for p, a in zip(tabel["parameter"], tabel["aanname_id"])]
        naam = f"tornado_{project_id.replace('.', '_')}.svg"
        bewaar_svg(tornadofiguur(tabel, f"Gevoeligheid van het saldo, project {project_id}"),
                   Path(rapportmap) / "kosten_baten" / naam)
        delen.append(f"![Gevoeligheid van het saldo (contante waarde) van project {md(project_id)}: elke aanname laag "
                     f"en hoog, de rest op de middenwaarde](kosten_baten/{naam})\n")
    return "\n".join(delen)


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
        rijen.append([project, r.partij, r.rol, kosten, baten])
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

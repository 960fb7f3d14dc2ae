"""Building blocks of the cost-benefit chapter, called from notebooks/kosten_baten.ipynb.

Calculations live in `evaluatie.kosten_baten`; this module only lays out tables,
figures and sentences, and exports each table as CSV beside the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaluatie import kosten_baten as kb
from evaluatie.hoofdstukken import opmaak
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


def laad(invoer: str | Path, baten: str | Path, discontovoet: float, innovatiebudget_per_jaar: int,
         gemeente_naam: str = "") -> KostenBaten:
    invoer = Path(invoer)
    projecten = pd.read_parquet(invoer / "projecten.parquet")
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
                       int(innovatiebudget_per_jaar))


def _csv(df: pd.DataFrame, rapportmap: str | Path, naam: str) -> str:
    pad = Path(rapportmap) / "kosten_baten" / f"{naam}.csv"
    schrijf_csv(df, pad)
    return f"kosten_baten/{naam}.csv"


def kop(k: KostenBaten) -> str:
    return ("# Kosten en baten\n\n"
            "Dit hoofdstuk telt op wat de projecten kostten, wie ze bereikten en wat ze mogelijk opleveren. "
            "Kosten en bereik zijn overgenomen uit de beleidsdocumenten; baten zijn **aannames** met een "
            "bandbreedte (laag, centraal, hoog) en een bron, geen metingen. Alle tabellen staan ook als "
            "CSV-bestand naast het rapport, in de map `kosten_baten/`.\n")


def subsidies(k: KostenBaten, rapportmap: str | Path) -> str:
    if k.projecten.empty:
        _csv(pd.DataFrame(columns=["jaar", "budget", "bedrag_eur"]), rapportmap, "subsidies_per_jaar")
        return "## Subsidies\n\n_Dit beleidskader bevat geen subsidies per project._\n"
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
        bijschrift="Toegekende subsidies per jaar (bedragen tussen haakjes in de factsheet komen uit een ander "
                   "budget)", rechts={1, 2, 3, 4})
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
    g = geborgd[geborgd["budget"] == "innovatiebudget"].iloc[0]
    return "\n".join([
        "## Subsidies", "", tabel,
        opmaak.markdown_tabel(lijn_rijen, ["Programmalijn", "Budget", "Bedrag", "Aandeel"],
                              bijschrift="Subsidies 2016–2018 per programmalijn", rechts={2, 3}),
        opmaak.markdown_tabel(thema_rijen, ["Landelijk thema", "Budget", "Bedrag", "Projecten"],
                              bijschrift="Subsidies per landelijk thema; een project in meer thema's telt in elk "
                                         "thema mee, dus deze bedragen niet optellen", rechts={2, 3}),
        f"Van het innovatiebudget ging {opmaak.euro(g['geborgd_eur'])} ({opmaak.procent(g['geborgd_pct'], 0)}) "
        f"naar projecten die inmiddels geborgd zijn ({int(g['aantal_geborgd'])} van "
        f"{int(g['aantal_projecten'])} projecten).\n",
    ])


def bereik(k: KostenBaten) -> str:
    if k.projecten.empty:
        return ""
    per = kb.kosten_per_bereik(k.subsidies, k.projecten, budget="innovatiebudget")
    rijen = []
    for r in per.itertuples(index=False):
        naam = "Totaal" if r.niveau == "totaal" else f"{r.project_id} {r.naam}"
        rijen.append([naam, opmaak.euro(r.subsidie_eur), opmaak.getal(r.bereik, 0),
                      opmaak.euro(None if pd.isna(r.kosten_per_bereik_eur) else r.kosten_per_bereik_eur)])
    return "\n".join(["## Bereik en kosten per bereikte inwoner", "",
                      opmaak.markdown_tabel(rijen, ["Project", "Innovatiebudget", "Bereikte inwoners",
                                                    "Per inwoner"],
                                            bijschrift="Subsidie uit het innovatiebudget per bereikte inwoner",
                                            rechts={1, 2, 3})])


def baten(k: KostenBaten, rapportmap: str | Path) -> str:
    if k.baten.empty:
        return ""
    from evaluatie.hoofdstukken.figuren import bewaar_svg, tornadofiguur

    delen = ["## Baten: aannames en scenario's", "",
             f"De baten zijn berekend als contante waarde met een reële discontovoet van "
             f"{opmaak.procent(k.discontovoet * 100, 2)} (zie de methodologie). Elke aanname staat hieronder met "
             "haar bron en bandbreedte; het zijn aannames, geen metingen.", ""]
    for a in k.baten.itertuples(index=False):
        illustratief = " (illustratief scenario, geen meting)" if a.volume_illustratief else ""
        delen.append(
            f"**Aanname {str(a.id).replace('_', ' ')}** (project {a.project_id}, baat voor: {a.baathebber}). {a.mechanisme.strip()}\n\n"
            f"- Waarde per eenheid ({a.eenheid}): laag {opmaak.euro(a.waarde_laag_eur)}, centraal "
            f"{opmaak.euro(a.waarde_centraal_eur)}, hoog {opmaak.euro(a.waarde_hoog_eur)}. Bron: {a.herkomst}.\n"
            f"- Volume per jaar: laag {opmaak.getal(a.volume_laag, 0)}, centraal {opmaak.getal(a.volume_centraal, 0)}, "
            f"hoog {opmaak.getal(a.volume_hoog, 0)}{illustratief}. Bron: {a.volume_bron}.\n")
    scen = kb.scenario_tabel(k.baten, k.subsidies, discontovoet=k.discontovoet)
    _csv(scen, rapportmap, "scenarios")
    delen.append(opmaak.markdown_tabel(
        [[r.project_id, r.scenario + (" (illustratief)" if r.volume_illustratief else ""),
          opmaak.euro(r.cw_subsidie_eur), opmaak.euro(r.cw_baten_eur), opmaak.euro(r.netto_cw_eur)]
         for r in scen.itertuples(index=False)],
        ["Project", "Scenario", "Contante waarde subsidie", "Contante waarde baten", "Saldo"],
        bijschrift="Contante waarde van subsidie en baten per scenario (aannames, geen metingen)",
        rechts={2, 3, 4}))
    be = kb.break_even_tabel(k.baten, k.subsidies, discontovoet=k.discontovoet)
    _csv(be, rapportmap, "break_even")
    delen.append(opmaak.markdown_tabel(
        [[str(r.aanname_id).replace("_", " "), r.project_id, r.eenheid, opmaak.euro(r.subsidie_eur), opmaak.getal(r.break_even_centraal, 2)]
         for r in be.itertuples(index=False)],
        ["Aanname", "Project", "Eenheid", "Subsidie", "Eenheden nodig (centraal)"],
        bijschrift="Break-even: hoeveel eenheden effect de subsidie van het project terugbetalen",
        rechts={3, 4}))
    wie = kb.wie_betaalt_wie_baat(k.baten, k.subsidies, discontovoet=k.discontovoet, pm_posten=k.pm_posten)
    _csv(wie, rapportmap, "wie_betaalt_wie_baat")
    delen.append(opmaak.markdown_tabel(
        [[r.project_id, r.partij, r.rol, opmaak.euro(r.cw_kosten_eur), opmaak.euro(r.cw_baten_centraal_eur)]
         for r in wie.itertuples(index=False)],
        ["Project", "Partij", "Rol", "Contante waarde kosten", "Contante waarde baten (centraal)"],
        bijschrift="Wie betaalt en wie baat: besparingen landen vaak buiten de gemeente", rechts={3, 4}))
    for project_id in sorted(set(k.baten["project_id"])):
        t = kb.tornado(k.baten, k.subsidies, project_id, discontovoet=k.discontovoet)
        _csv(t, rapportmap, f"tornado_{project_id.replace('.', '_')}")
        tabel = t.rename(columns={"netto_bij_laag_eur": "laag", "netto_bij_hoog_eur": "hoog",
                                  "netto_centraal_eur": "centraal"})
        namen = {"waarde_per_eenheid_eur": "waarde per eenheid", "volume": "volume"}
        tabel["parameter"] = [f"{namen.get(p, p)}\n({a})" if isinstance(a, str) and a else str(p).replace("_", " ")
                              for p, a in zip(tabel["parameter"], tabel["aanname_id"])]
        naam = f"tornado_{project_id.replace('.', '_')}.svg"
        bewaar_svg(tornadofiguur(tabel, f"Gevoeligheid van het saldo, project {project_id}"),
                   Path(rapportmap) / "kosten_baten" / naam)
        delen.append(f"![Gevoeligheid van het saldo (contante waarde) van project {project_id}: elke aanname laag "
                     f"en hoog, de rest centraal](kosten_baten/{naam})\n")
    return "\n".join(delen)


def plafond(k: KostenBaten) -> str:
    if "budget_plafond_eur" not in k.kaders or k.kaders["budget_plafond_eur"].isna().all():
        return ""
    delen = ["## Begroting tegen het subsidieplafond", ""]
    for r in k.kaders.dropna(subset=["budget_plafond_eur"]).itertuples(index=False):
        pct = getattr(r, "kosten_boven_plafond_pct", None)
        zin = (f"Het subsidieplafond van {r.titel} is {opmaak.euro(r.budget_plafond_eur)}.")
        if pct is not None and not pd.isna(pct):
            indicatief = r.budget_plafond_eur * pct / 100
            zin += (f" Volgens het plan kwamen de kosten circa {opmaak.procent(pct, 0)} boven dat plafond uit: een "
                    f"**overschrijding** in de orde van {opmaak.euro(round(indicatief, -3))} (afgeleid uit het "
                    "percentage; het plan noemt geen exact bedrag).")
        delen.append(zin)
    return "\n".join(delen) + "\n"

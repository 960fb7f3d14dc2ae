"""The summary: 3–6 key messages generated from the results, then the dashboard.

The researchers' ``samenvatting.md`` comes first when present; when it has its own heading
"Kernboodschappen" it replaces the generated key messages instead of adding to them.
"""

from __future__ import annotations

import re

import pandas as pd

from evaluatie.gedeeld.definities import DOEL_NIET_GEHAALD
from evaluatie.hoofdstukken import dashboard as db
from evaluatie.hoofdstukken import doelen
from evaluatie.hoofdstukken import opmaak
from evaluatie.hoofdstukken.opmaak import md_tekst as md

GOED, STIL, SLECHT, ONBEKEND = "groen", "oranje", "rood", "grijs"


_aantal = opmaak.aantal


def _werkwoord(n: int, enkelvoud: str, meervoud: str) -> str:
    return enkelvoud if n == 1 else meervoud


def _stand(voortgang: pd.DataFrame) -> str:
    k = voortgang["kleur"].value_counts()
    delen = []
    if k.get(GOED, 0):
        delen.append(f"{_werkwoord(k[GOED], 'gaat', 'gaan')} er {k[GOED]} de goede kant op (doel gehaald of op koers)")
    if k.get(STIL, 0):
        delen.append(f"{_werkwoord(k[STIL], 'verandert', 'veranderen')} er {k[STIL]} niet meetbaar of te langzaam")
    if k.get(SLECHT, 0):
        # "doel niet gehaald" says nothing about the direction: counted apart from "verkeerde richting"
        niet_gehaald = int(((voortgang["kleur"] == SLECHT) & (voortgang["status"] == DOEL_NIET_GEHAALD)).sum())
        if niet_gehaald:
            delen.append(f"is bij {niet_gehaald} het doel niet gehaald")
        if k[SLECHT] - niet_gehaald:
            delen.append(f"{_werkwoord(k[SLECHT] - niet_gehaald, 'gaat', 'gaan')} er {k[SLECHT] - niet_gehaald} de verkeerde kant op")
    if k.get(ONBEKEND, 0):
        delen.append(f"zijn er van {k[ONBEKEND]} te weinig gegevens")
    return (f"**Stand van de indicatoren.** Van de {_aantal(len(voortgang), 'indicator', 'indicatoren')} in dit rapport "
            + _opsomming(delen) + ".")


def _opsomming(delen: list[str]) -> str:
    if len(delen) <= 1:
        return "".join(delen)
    return ", ".join(delen[:-1]) + " en " + delen[-1]


def _dec(d: object, standaard: int = 1) -> int:
    """Decimals as the source published them (a ``*_decimalen`` column of voortgang), else ``standaard``."""
    return standaard if d is None or pd.isna(d) else int(d)  # type: ignore[arg-type]


def _richtingsdoelen(groep: pd.DataFrame, ind: pd.DataFrame, thema: str) -> str | None:
    """A theme whose targets are directions per year ('elk jaar lager dan in 2020', Programma Sociaal Domein):
    how many are on course, and which can no longer be met (a year of the period demonstrably worse)."""
    if groep.empty:
        return None
    n = len(groep)
    koers = int((groep["status"] == "op koers").sum())
    gemist = [str(ind.loc[i, "naam"]) for i in groep.loc[groep["status"] == DOEL_NIET_GEHAALD, "indicator_id"]]
    gemist = [md(n[:1].lower() + n[1:] if n[1:2].islower() else n) for n in gemist]
    zin = (f"**{thema}.** Voor {_aantal(n, 'indicator', 'indicatoren')} is het streven dat het cijfer elk jaar beter "
           f"is dan in het beginjaar; {'geen' if koers == 0 else koers} daarvan {'is' if koers <= 1 else 'zijn'} op "
           "koers.")
    if gemist:
        lijst = gemist[0] if len(gemist) == 1 else ", ".join(gemist[:-1]) + " en " + gemist[-1]
        zin += (f" Niet meer te halen, want een jaar was al aantoonbaar slechter: {lijst}.")
    return zin


def _doelen(voortgang: pd.DataFrame, indicatoren: pd.DataFrame, namen: pd.Series,
            volgorde: list[str], peiljaar: int | None = None) -> list[str]:
    """Per theme with value targets: how many are met or on course, the ones going the wrong way, and (given
    the edition's ``peiljaar``) the ones whose target year has passed without a measurement from or after it.

    An open target (:func:`evaluatie.hoofdstukken.doelen.open_doelen`, the rule the theme conclusion uses) is
    named only as open: it counts neither as met or on course nor among the ones going the wrong way."""
    uit = []
    ind = indicatoren.set_index("indicator_id")
    met_doel = voortgang[voortgang["indicator_id"].map(lambda i: i in ind.index and ind.loc[i, "doel_type"] == "waarde")]
    richting_doel = voortgang[voortgang["indicator_id"].map(
        lambda i: i in ind.index and ind.loc[i, "doel_type"] == "richting_per_jaar")]
    for thema in volgorde:
        groep = met_doel[met_doel["thema_id"] == thema]
        if groep.empty:
            zin = _richtingsdoelen(richting_doel[richting_doel["thema_id"] == thema], ind,
                                   md(namen.get(thema, thema)))
            if zin:
                uit.append(zin)
            continue
        oordeel = groep["doel_oordeel"] if "doel_oordeel" in groep.columns else pd.Series(pd.NA, index=groep.index)
        laatste_jaar = groep["laatste_jaar"] if "laatste_jaar" in groep.columns else pd.Series(pd.NA, index=groep.index)
        is_open = doelen.open_doelen(oordeel, groep["indicator_id"].map(ind["doel_jaar"]), laatste_jaar,
                                     peiljaar).to_numpy()
        open_, beoordeeld = groep[is_open], groep[~is_open]
        goed = int((beoordeeld["kleur"] == GOED).sum())
        zin = (f"**{md(namen.get(thema, thema))}.** De raad stelde voor dit thema "
               f"{_aantal(len(groep), 'doel', 'doelen')} met een streefwaarde; "
               f"{'geen' if goed == 0 else goed} daarvan {'is' if goed <= 1 else 'zijn'} gehaald of op koers.")
        slecht = beoordeeld[beoordeeld["kleur"] == SLECHT]
        per_status: dict[str, list[str]] = {}
        for v in slecht.itertuples(index=False):
            i = ind.loc[v.indicator_id]
            pct = bool(i["is_percentage"])
            d_laatste = _dec(getattr(v, "laatste_decimalen", None))
            d_doel = _dec(getattr(v, "doel_decimalen", None))
            marge = (" (het doel valt nog binnen de foutmarge van de meting)"
                     if str(getattr(v, "doel_oordeel", None)) == "niet_gehaald_binnen_foutmarge" else "")
            # a missed target is quoted with the wave it was judged on (doel_meting_*), else the latest
            waarde, jaar = v.laatste_waarde, v.laatste_jaar
            if str(v.status) == DOEL_NIET_GEHAALD and not pd.isna(getattr(v, "doel_meting_jaar", None)):
                waarde, jaar = v.doel_meting_waarde, v.doel_meting_jaar
                d_laatste = _dec(getattr(v, "doel_meting_decimalen", None))
            per_status.setdefault(str(v.status), []).append(
                f"{md(i['naam'])}: "
                f"{opmaak.waarde_met_eenheid(waarde, pct, d_laatste)} in {opmaak.jaar(jaar)}, "
                f"doel {opmaak.waarde_met_eenheid(i['doel_waarde'], pct, d_doel)}{marge}")
        for status, kop in (("doel niet gehaald", "Niet gehaald"), ("verkeerde richting", "De verkeerde kant op")):
            if per_status.get(status):
                zin += f" {kop}: " + "; ".join(per_status.pop(status)) + "."
        for status, voorbeelden in sorted(per_status.items()):
            zin += f" {md(status[0].upper() + status[1:])}: " + "; ".join(voorbeelden) + "."
        if len(open_):
            delen = []
            for v in open_.itertuples(index=False):
                i = ind.loc[v.indicator_id]
                pct = bool(i["is_percentage"])
                doel = opmaak.waarde_met_eenheid(i["doel_waarde"], pct, _dec(getattr(v, "doel_decimalen", None)))
                laatste = opmaak.waarde_met_eenheid(v.laatste_waarde, pct,
                                                    _dec(getattr(v, "laatste_decimalen", None)))
                delen.append(f"{md(i['naam'])}: doel {doel} in {opmaak.jaar(i['doel_jaar'])}, laatste meting "
                             f"{laatste} in {opmaak.jaar(v.laatste_jaar)}")
            zin += (" Nog niet vast te stellen, want er is in deze evaluatieperiode geen meting uit of na het "
                    "doeljaar: " + "; ".join(delen) + ".")
        uit.append(zin)
    return uit


def _nederland(voortgang: pd.DataFrame, indicatoren: pd.DataFrame, gemeente: str) -> str | None:
    """How many indicators are better or worse than Nederland (significant differences only)."""
    gemeente = md(gemeente)
    if "nl_waarde" not in voortgang:
        return None
    ind = indicatoren.set_index("indicator_id")
    vg = voortgang[voortgang["nl_waarde"].notna() & voortgang["laatste_waarde"].notna()]
    if vg.empty:
        return None
    beter = slechter = gelijk = 0
    for v in vg.itertuples(index=False):
        code = next((getattr(v, k) for k in db.NL_CODE_KOLOMMEN if hasattr(v, k) and isinstance(getattr(v, k), str)),
                    None)
        if code is None:
            sign = getattr(v, "nl_significant", None)
            if sign is None or pd.isna(sign):
                continue
            code = ("hoger" if v.laatste_waarde > v.nl_waarde else "lager") if bool(sign) else "binnen_foutmarge"
        if code in ("hoger", "lager"):
            gunstig = (code == "lager") == (ind.loc[v.indicator_id, "richting"] == "lager")
            beter, slechter = beter + gunstig, slechter + (not gunstig)
        elif code in ("binnen_foutmarge", "gelijk"):
            gelijk += 1
    getoetst = beter + slechter + gelijk
    if getoetst == 0:
        return None
    kop = (f"**Vergelijking met Nederland.** De agenda wil dat {gemeente} het landelijke gemiddelde haalt. "
           f"Van de {_aantal(getoetst, 'indicator', 'indicatoren')} die we met Nederland konden vergelijken, ")
    if beter == slechter == 0:  # not 'bij 0 gunstiger, bij 0 ongunstiger'
        return kop + (f"{'verschilt' if getoetst == 1 else 'verschillen'} er geen aantoonbaar: {gemeente} scoort "
                      "niet gunstiger en niet ongunstiger dan Nederland.")
    delen = [f"bij {n} {woord}" for n, woord in ((beter, "gunstiger"), (slechter, "ongunstiger"),
                                                 (gelijk, "niet aantoonbaar anders")) if n]
    opsomming = delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]
    return kop + f"scoort {gemeente} {opsomming} dan Nederland."


def _kosten(projecten: pd.DataFrame, subsidies: pd.DataFrame, kaders: pd.DataFrame) -> str | None:
    if projecten.empty or subsidies.empty:
        return None
    per_budget = subsidies.groupby("budget")["bedrag_eur"].sum()
    jaren = subsidies["jaar"]
    programma = next((str(t) for t, k in zip(kaders["titel"], kaders["kader_id"])
                      if k in set(projecten["kader_id"])), "het innovatieprogramma")
    bereik = projecten["bereik"].dropna()
    verborgen = int(projecten["bereik_onderdrukt"].sum()) if "bereik_onderdrukt" in projecten else 0
    wie = ((f"de {len(projecten)} projecten bereikten samen" if len(projecten) != 1 else "het project bereikte")
           if not verborgen else
           f"{len(projecten) - verborgen} van de {len(projecten)} projecten (de andere hadden een te klein bereik "
           "om te publiceren) bereikten samen")
    return (f"**Kosten en bereik van de voorganger.** {md(programma.split(' (')[0])} kreeg in "
            f"{int(jaren.min())}–{int(jaren.max())} {opmaak.euro(per_budget.get('innovatiebudget', 0))} uit het "
            f"innovatiebudget en {opmaak.euro(per_budget.get('ander budget', 0))} uit andere budgetten; "
            f"{wie} {opmaak.getal(bereik.sum(), 0)} inwoners (een inwoner "
            "kan meer dan eens zijn meegeteld). Wat de uitvoeringsagenda zelf kostte, staat niet in de bronnen.")


def _geen_doel(voortgang: pd.DataFrame, indicatoren: pd.DataFrame, namen: pd.Series, volgorde: list[str]) -> str | None:
    themas = [t for t in volgorde
              if len(indicatoren[indicatoren["thema_id"] == t])
              and (indicatoren.loc[indicatoren["thema_id"] == t, "doel_type"] == "geen").all()]
    if not themas:
        return None
    lijst = _opsomming([md(str(namen.get(t, t)).lower()) for t in themas])
    return (f"**Thema's zonder doel.** Voor {lijst} stelde de raad geen meetbaar doel. Die hoofdstukken laten "
            "zien hoe de cijfers zich ontwikkelen, maar kunnen niet zeggen of het beleid zijn doel haalde.")


def _acties(acties: pd.DataFrame | None) -> str | None:
    if acties is None or acties.empty:
        return None
    status = acties["status"].where(acties["status"].notna() & (acties["status"] != ""), "onbekend")
    telling = status.value_counts()
    delen = [f"{telling[k]} op {md(k)}" for k in ("groen", "oranje", "rood") if telling.get(k, 0)]
    zin = f"**Acties.** Het kader noemt {_aantal(len(acties), 'actie', 'acties')}."
    if delen:
        zin += " Daarvan staan er " + _opsomming(delen) + "."
    if telling.get("onbekend", 0):
        zin += f" Van {telling['onbekend']} is de status (nog) niet vastgelegd."
    return zin


def _plafond(kaders: pd.DataFrame) -> str | None:
    if "budget_plafond_eur" not in kaders or kaders["budget_plafond_eur"].isna().all():
        return None
    r = kaders.dropna(subset=["budget_plafond_eur"]).iloc[0]
    zin = f"**Begroting.** Het subsidieplafond is {opmaak.euro(r['budget_plafond_eur'])}."
    pct = r.get("kosten_boven_plafond_pct")
    if pct is not None and not pd.isna(pct):
        zin += f" Volgens het plan lagen de kosten circa {opmaak.procent(pct, 0)} boven dat plafond."
    return zin


def kernboodschappen(voortgang: pd.DataFrame, indicatoren: pd.DataFrame, themas: pd.DataFrame,
                     volgorde: list[str], projecten: pd.DataFrame, subsidies: pd.DataFrame,
                     kaders: pd.DataFrame, gemeente: str, voortzetten_zin: str | None,
                     acties: pd.DataFrame | None = None, veranderd_zin: str | None = None,
                     peiljaar: int | None = None) -> list[str]:
    """Between three and eight key messages, each one sentence or two, built from the results.

    ``veranderd_zin`` (what changed since the previous edition) comes right after the state of the indicators;
    ``peiljaar`` (the edition's last year) lets a target whose year passed without a measurement be named open.
    """
    namen = themas.drop_duplicates("thema_id").set_index("thema_id")["naam"]
    uit: list[str] = []
    if not voortgang.empty:
        uit.append(_stand(voortgang))
        if veranderd_zin:
            uit.append(veranderd_zin)
        uit += _doelen(voortgang, indicatoren, namen, volgorde, peiljaar)[:2]
        for zin in (_nederland(voortgang, indicatoren, gemeente), _geen_doel(voortgang, indicatoren, namen, volgorde)):
            if zin:
                uit.append(zin)
    else:
        uit.append(f"**Stand.** Het beleidskader bevat geen meetbare doelen of indicatoren; de {len(volgorde)} "
                   "thema's worden beschreven aan de hand van hun acties.")
        for zin in (_acties(acties), _plafond(kaders)):
            if zin:
                uit.append(zin)
    for zin in (_kosten(projecten, subsidies, kaders), voortzetten_zin):
        if zin:
            uit.append(zin)
    return uit[:8]


def vervangt_kernboodschappen(eigen: str | None) -> bool:
    """True when the researchers' own summary has its own 'Kernboodschappen' heading: then it replaces the
    generated key messages; otherwise it stands above them."""
    return eigen is not None and re.search(r"^#+\s*Kernboodschappen", eigen, re.M | re.I) is not None


def hoofdstuk(boodschappen: list[str], eigen: str | None, dashboard_md: str, legenda_extra: str,
              legenda: str = "") -> str:
    delen = ["# Samenvatting", ""]
    vervangt = vervangt_kernboodschappen(eigen)
    if eigen:
        delen += [eigen.strip(), ""]
    if not vervangt:
        delen += ["## Kernboodschappen", ""]
        delen += [f"- {b}" for b in boodschappen]
        delen.append("")
    if not dashboard_md:
        return "\n".join(delen + ["Het beleidskader bevat geen indicatoren; daarom is er geen dashboard. De "
                                   "hoofdstukken hierna beschrijven per thema de acties en hun status."]) + "\n"
    delen += ["## Dashboard", "",
              "Per indicator: de beginwaarde (basis) met jaar, het doel, de laatste meting met jaar, de eenheid, "
              "de vergelijking met Nederland en de status.", "", legenda, "", dashboard_md]
    if legenda_extra:
        delen += ["", legenda_extra]
    return "\n".join(delen) + "\n"

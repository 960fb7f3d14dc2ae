"""Recommendations: the researchers' own text, or a first set derived from the statuses."""

from __future__ import annotations

import pandas as pd

from evaluatie.gedeeld.definities import VERKEERDE_RICHTING
from evaluatie.hoofdstukken.opmaak import md_tekst as md

#: Why a red indicator is red, in the words of a recommendation, in the order the groups are named.
#: ``doel niet gehaald`` says nothing about the direction; the change since the base year does.
ROOD_REDENEN: dict[str, str] = {
    "verkeerde_richting": "gaat het aantoonbaar de verkeerde kant op",
    "niet_gehaald_marge": ("is het doel niet gehaald, al valt het nog binnen de foutmarge van de meting: de "
                           "volgende meting moet uitwijzen of het verschil echt is"),
    "niet_gehaald_slechter": "is het doel niet gehaald en gaat het aantoonbaar de verkeerde kant op",
    "niet_gehaald_gelijk": "is het doel niet gehaald en is een verandering sinds het basisjaar niet aantoonbaar",
    "niet_gehaald_richting_doel": ("is het doel niet gehaald; het cijfer ging wel richting het doel, maar die "
                                   "verandering is niet aantoonbaar"),
    "niet_gehaald_beter": "is het doel niet gehaald, al gaat het aantoonbaar de goede kant op",
    "niet_gehaald_niet_te_toetsen": "is het doel niet gehaald; of het cijfer veranderde, is niet te toetsen",
}


def _waarde(v: pd.Series, kolom: str) -> object:
    w = v.get(kolom)
    return None if w is None or (not isinstance(w, str) and pd.isna(w)) else w


def rode_reden(v: pd.Series, richting: str) -> str:
    """The key of :data:`ROOD_REDENEN` for one red row of ``voortgang``.

    ``verkeerde richting`` is a demonstrable change the wrong way. A target missed while the latest interval
    still contains it (``doel_oordeel`` ``niet_gehaald_binnen_foutmarge``) is its own reason. Otherwise
    ``doel niet gehaald`` is split by the change since the base year (``verandering_oordeel``): demonstrably better or worse, not demonstrable
    (then whether the value moved toward the target, the sign of ``verandering``), or not testable.
    """
    if v.get("status") == VERKEERDE_RICHTING:
        return "verkeerde_richting"
    if _waarde(v, "doel_oordeel") == "niet_gehaald_binnen_foutmarge":
        return "niet_gehaald_marge"
    oordeel = _waarde(v, "verandering_oordeel")
    if oordeel in ("hoger", "lager"):
        return "niet_gehaald_beter" if (oordeel == "lager") == (richting == "lager") else "niet_gehaald_slechter"
    if oordeel == "binnen_foutmarge":
        verschil = _waarde(v, "verandering")
        if verschil is not None and verschil != 0 and (float(verschil) < 0) == (richting == "lager"):  # type: ignore[arg-type]
            return "niet_gehaald_richting_doel"
        return "niet_gehaald_gelijk"
    return "niet_gehaald_niet_te_toetsen"


def _rood(naam: str, groep: pd.DataFrame, ind: pd.DataFrame) -> str:
    """The recommendation for a theme's red indicators, grouped by why each is red."""
    per_reden: dict[str, list[str]] = {}
    for _, v in groep.iterrows():
        i = ind.loc[v["indicator_id"]]
        per_reden.setdefault(rode_reden(v, str(i["richting"])), []).append(str(i["naam"]))
    if list(per_reden) == ["verkeerde_richting"]:
        return (f"**{naam}:** zoek uit waarom het bij {_lijst(per_reden['verkeerde_richting'])} de verkeerde kant "
                "op gaat, en pas de aanpak daarop aan voordat de activiteiten worden voortgezet.")
    zinnen = [f"bij {_lijst(per_reden[r])} {ROOD_REDENEN[r]}." for r in ROOD_REDENEN if r in per_reden]
    zinnen = [zinnen[0]] + [z[0].upper() + z[1:] for z in zinnen[1:]]
    if set(per_reden) <= {"niet_gehaald_beter", "niet_gehaald_marge"}:
        # the figures move the right way, or the miss is within the margin: no call to change course
        slot = (" Volg deze indicatoren bij de volgende meting en ga na of de aanpak volstaat om het doel "
                "alsnog te halen.")
    else:
        slot = " Zoek uit waardoor dat komt en pas de aanpak daarop aan voordat de activiteiten worden voortgezet."
    return f"**{naam}:** " + " ".join(zinnen) + slot


#: Why a measured indicator is still grey, and what to do about it (the rest of the recommendation).
GRIJS_REDENEN = {
    "geen_foutmarge": ("de bron geeft geen foutmarge en geen steekproefomvang. Vraag de bron om die gegevens; "
                       "zonder is niet te zeggen of een verandering echt is."),
    "een_meting": ("er is pas één meting. Zonder een tweede meting is niet te zeggen of het beleid werkt."),
    "anders": ("de gegevens zijn te beperkt om een verandering te beoordelen; de verantwoording zegt per "
               "indicator waarom."),
}


def _waarom_grijs(rij: pd.Series) -> str:
    """The key in :data:`GRIJS_REDENEN` for one grey row of ``voortgang`` that has a measurement: no
    margin and no sample size in the source (the verdict's methods ``*_grens``, or no method at all),
    only one measurement, or otherwise."""
    if pd.isna(rij.get("basis_waarde")) or rij.get("basis_jaar") == rij.get("laatste_jaar"):
        return "een_meting"
    methode = rij.get("verandering_methode")
    if rij.get("verandering_oordeel") == "niet_te_toetsen" and (
            methode is None or pd.isna(methode) or str(methode).endswith("_grens")):
        return "geen_foutmarge"
    return "anders"


def gegenereerd(voortgang: pd.DataFrame, indicatoren: pd.DataFrame, themas: pd.DataFrame,
                volgorde: list[str], n_niet_beoordeeld: int, orgaan: str | None = None,
                besluit: str | None = None, volgende: str | None = None) -> list[str]:
    """Recommendations from the statuses, in the gemeente's own terms (its kader, never another's):

    ``orgaan``: who assesses the activities ("de kerncoalitie"); ``besluit``: who decides on them, a
    plural subject ("college en raad"); ``volgende``: the successor plan the source prescribes ("de
    volgende agenda"). None names nobody and no next plan."""
    namen = themas.drop_duplicates("thema_id").set_index("thema_id")["naam"]
    ind = indicatoren.set_index("indicator_id")
    uit = []
    for thema in volgorde:
        groep = voortgang[voortgang["thema_id"] == thema]
        rood = groep[groep["kleur"] == "rood"]
        grijs = groep[groep["kleur"] == "grijs"]
        # without the column (a frame made by hand): no measurement
        gemeten = (grijs["laatste_waarde"].notna() if "laatste_waarde" in grijs.columns
                   else pd.Series(False, index=grijs.index))
        # grey without any measurement: nobody measures it; grey with one: the source gives too little to judge
        leeg = [str(ind.loc[i, "naam"]) for i in grijs.loc[~gemeten, "indicator_id"]]
        te_weinig: dict[str, list[str]] = {}
        for _, rij in grijs[gemeten].iterrows():
            te_weinig.setdefault(_waarom_grijs(rij), []).append(str(ind.loc[rij["indicator_id"], "naam"]))
        geen_doel = len(groep) and all(ind.loc[i, "doel_type"] == "geen" for i in groep["indicator_id"])
        naam = md(namen.get(thema, thema))
        if len(rood):
            uit.append(_rood(naam, rood, ind))
        if leeg:
            uit.append(f"**{naam}:** spreek af wie {_lijst(leeg)} gaat meten; zonder meting is niet te zeggen "
                       "of het beleid werkt.")
        for reden, namen_ in te_weinig.items():
            wordt = "wordt" if len(namen_) == 1 else "worden"
            uit.append(f"**{naam}:** {_lijst(namen_)} {wordt} wel gemeten, maar {GRIJS_REDENEN[reden]}")
        if geen_doel:
            voor = f"voor {md(volgende)} " if volgende else ""
            uit.append(f"**{naam}:** stel {voor}een meetbaar doel met een beginwaarde en een jaar.")
    if n_niet_beoordeeld:
        wie = f"{md(orgaan)} " if orgaan else ""
        if n_niet_beoordeeld == 1:
            wat = "de enige activiteit"
            doel = f"{md(besluit)} erover kunnen besluiten" if besluit else "kan worden besloten of die doorgaat"
        else:
            wat = f"de {n_niet_beoordeeld} activiteiten"
            doel = (f"{md(besluit)} per activiteit kunnen besluiten" if besluit
                    else "per activiteit kan worden besloten of die doorgaat")
        uit.append(f"**Wat gaat door?** Laat {wie}{wat} beoordelen waarover nog geen oordeel is, zodat {doel}.")
    return uit


def _lijst(namen: list[str]) -> str:
    namen = [n[0].lower() + n[1:] if n[:2] != n[:2].upper() else n for n in namen]
    namen = [md(n) for n in namen]
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


def hoofdstuk(eigen: str | None, punten: list[str], vervolg: str | None = None) -> str:
    """``vervolg``: the successor plan the gemeente's kader names ("de volgende uitvoeringsagenda"); without
    one the points are for the follow-up, naming no plan."""
    delen = ["# Aanbevelingen", ""]
    if eigen:
        delen.append(eigen.strip())
    elif punten:
        delen += ["Deze aanbevelingen volgen direct uit de standen in dit rapport. Het zijn aandachtspunten "
                  f"voor {md(vervolg) if vervolg else 'het vervolg'}.", ""]
        delen += [f"{n}. {p}" for n, p in enumerate(punten, 1)]
    else:
        delen.append("Uit de standen in dit rapport volgen geen aandachtspunten.")
    return "\n".join(delen) + "\n"

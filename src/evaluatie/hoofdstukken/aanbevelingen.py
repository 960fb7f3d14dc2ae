"""Recommendations: the researchers' own text, or a first set derived from the statuses."""

from __future__ import annotations

import pandas as pd

from evaluatie.hoofdstukken.opmaak import md_tekst as md


def gegenereerd(voortgang: pd.DataFrame, indicatoren: pd.DataFrame, themas: pd.DataFrame,
                volgorde: list[str], n_niet_beoordeeld: int) -> list[str]:
    namen = themas.drop_duplicates("thema_id").set_index("thema_id")["naam"]
    ind = indicatoren.set_index("indicator_id")
    uit = []
    for thema in volgorde:
        groep = voortgang[voortgang["thema_id"] == thema]
        slecht = [str(ind.loc[i, "naam"]) for i in groep.loc[groep["kleur"] == "rood", "indicator_id"]]
        leeg = [str(ind.loc[i, "naam"]) for i in groep.loc[groep["kleur"] == "grijs", "indicator_id"]]
        geen_doel = len(groep) and all(ind.loc[i, "doel_type"] == "geen" for i in groep["indicator_id"])
        naam = md(namen.get(thema, thema))
        if slecht:
            uit.append(f"**{naam}:** zoek uit waarom het bij {_lijst(slecht)} de verkeerde kant op gaat, en "
                       "pas de aanpak daarop aan voordat de activiteiten worden voortgezet.")
        if leeg:
            uit.append(f"**{naam}:** spreek af wie {_lijst(leeg)} gaat meten; zonder meting is niet te zeggen "
                       "of het beleid werkt.")
        if geen_doel:
            uit.append(f"**{naam}:** stel voor de volgende agenda een meetbaar doel met een beginwaarde en "
                       "een jaar.")
    if n_niet_beoordeeld:
        uit.append(f"**Wat gaat door?** Laat de kerncoalitie de {n_niet_beoordeeld} activiteiten die nog niet "
                   "zijn beoordeeld beoordelen, zodat college en raad per activiteit kunnen besluiten.")
    return uit


def _lijst(namen: list[str]) -> str:
    namen = [n[0].lower() + n[1:] if n[:2] != n[:2].upper() else n for n in namen]
    namen = [md(n) for n in namen]
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


def hoofdstuk(eigen: str | None, punten: list[str]) -> str:
    delen = ["# Aanbevelingen", ""]
    if eigen:
        delen.append(eigen.strip())
    elif punten:
        delen += ["Deze aanbevelingen volgen direct uit de standen in dit rapport. Het zijn aandachtspunten "
                  "voor de volgende uitvoeringsagenda.", ""]
        delen += [f"{n}. {p}" for n, p in enumerate(punten, 1)]
    else:
        delen.append("Uit de standen in dit rapport volgen geen aandachtspunten.")
    return "\n".join(delen) + "\n"

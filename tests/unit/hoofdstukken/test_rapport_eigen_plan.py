"""The Leidschendam-Voorburg report in its own terms (reviewer findings after D5): the plan is named as the
gemeente's kader names it ("het plan", not Rijswijk's "agenda"), no next uitvoeringsagenda or deciding
'college en raad' the source does not state, predecessors explained only when there are any, and counts of
one in the singular."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from conftest import ROOT
from evaluatie.gedeeld.yaml_lezer import lees_yaml
from evaluatie.hoofdstukken import aanbevelingen, kaft, samenvatting
from evaluatie.hoofdstukken import voortzetten as vz
from evaluatie.hoofdstukken.kosten_baten import _geborgd_zin

BRON = {"document": "Plan", "bestand": "bron.txt", "sectie": "Evaluatie"}
#: hand-made kader data, shaped like data/raw/kader/<gemeente>/*.yaml
RIJSWIJK = [{"titel": "Uitvoeringsagenda", "plan": {"naam": "de agenda", "vervolg": "de volgende uitvoeringsagenda",
                                                     "bron": BRON},
             "toezicht": {"naam": "de kerncoalitie", "taak": "toeziet op de uitvoering", "besluit": "college en raad",
                          "bron": BRON}},
            {"titel": "Innovatieprogramma"}]
LV = [{"titel": "Plan subsidietafel", "plan": {"naam": "het plan", "bron": BRON},
       "toezicht": {"naam": "de subsidietafel Sociale cohesie", "taak": "ieder kwartaal bijeenkomt", "bron": BRON}}]

THEMAS = pd.DataFrame({"thema_id": ["netwerken"], "naam": ["Sociale netwerken"]})
EEN_ACTIE = pd.DataFrame({"actie_id": ["buurtkamer"], "thema_id": ["netwerken"], "naam": ["Pilot Buurtkamer 2.0"],
                          "status": [None]})
TWEE_ACTIES = pd.DataFrame({"actie_id": ["buurtkamer", "flatcoaches"], "thema_id": ["netwerken", "netwerken"],
                            "naam": ["Pilot Buurtkamer 2.0", "Flatcoaches"], "status": [None, None]})
PROJECTEN = pd.DataFrame({"project_id": ["2.3"], "naam": ["Flatcoach"], "bereik": [600], "geborgd": [False]})
SUBSIDIES = pd.DataFrame({"project_id": ["2.3"], "jaar": [2016], "bedrag_eur": [35_000], "budget": ["innovatiebudget"]})
LEEG_PROJECTEN = PROJECTEN.iloc[0:0]
LEGE_SUBSIDIES = SUBSIDIES.iloc[0:0]
LEGE_VOORTGANG = pd.DataFrame({"thema_id": pd.Series([], dtype=str), "indicator_id": [], "kleur": []})
LEGE_INDICATOREN = pd.DataFrame({"indicator_id": pd.Series([], dtype=str), "naam": [], "doel_type": []})
#: one theme whose only indicator has no target: the "stel een meetbaar doel" recommendation
VOORTGANG = pd.DataFrame({"thema_id": ["netwerken"], "indicator_id": ["i1"], "kleur": ["oranje"]})
INDICATOREN = pd.DataFrame({"indicator_id": ["i1"], "naam": ["Eenzaamheid"], "doel_type": ["geen"],
                            "richting": ["lager"]})


def _punten(kaders: list[dict], n_open: int, voortgang=LEGE_VOORTGANG, indicatoren=LEGE_INDICATOREN) -> str:
    t, plan = vz.toezicht_uit(kaders), vz.plan_uit(kaders)
    punten = aanbevelingen.gegenereerd(voortgang, indicatoren, THEMAS, ["netwerken"], n_open, orgaan=t.orgaan,
                                       besluit=t.besluit, volgende=plan.volgende)
    return aanbevelingen.hoofdstuk(None, punten, vervolg=plan.vervolg)


# --------------------------------------------------------------------------- 1. recommendations


def test_aanbevelingen_rijswijk_houden_uitvoeringsagenda_en_college_en_raad():
    tekst = _punten(RIJSWIJK, 8, VOORTGANG, INDICATOREN)
    assert ("Deze aanbevelingen volgen direct uit de standen in dit rapport. Het zijn aandachtspunten voor de "
            "volgende uitvoeringsagenda.") in tekst
    assert "1. **Sociale netwerken:** stel voor de volgende agenda een meetbaar doel met een beginwaarde en een jaar." in tekst
    assert ("2. **Wat gaat door?** Laat de kerncoalitie de 8 activiteiten beoordelen waarover nog geen oordeel is, "
            "zodat college en raad per activiteit kunnen besluiten.") in tekst


def test_aanbevelingen_lv_noemen_geen_uitvoeringsagenda_en_geen_besluitvormer():
    tekst = _punten(LV, 5, VOORTGANG, INDICATOREN)
    assert "Het zijn aandachtspunten voor het vervolg.\n" in tekst
    assert "1. **Sociale netwerken:** stel een meetbaar doel met een beginwaarde en een jaar." in tekst
    assert ("2. **Wat gaat door?** Laat de subsidietafel Sociale cohesie de 5 activiteiten beoordelen waarover "
            "nog geen oordeel is, zodat per activiteit kan worden besloten of die doorgaat.") in tekst
    assert "agenda" not in tekst and "college" not in tekst and "raad" not in tekst


# --------------------------------------------------------------------------- 2. singular counts


def test_een_open_activiteit_in_het_enkelvoud():
    assert ("**Wat gaat door?** Laat de kerncoalitie de enige activiteit beoordelen waarover nog geen oordeel is, "
            "zodat college en raad erover kunnen besluiten.") in _punten(RIJSWIJK, 1)
    assert ("**Wat gaat door?** Laat de subsidietafel Sociale cohesie de enige activiteit beoordelen waarover nog geen "
            "oordeel is, zodat kan worden besloten of die doorgaat.") in _punten(LV, 1)
    t = vz.toezicht_uit(LV)
    leeg = vz.Voortzetten(None)
    hoofdstuk = vz.hoofdstuk(EEN_ACTIE, THEMAS, leeg, LEEG_PROJECTEN, LEGE_SUBSIDIES, ["netwerken"], toezicht=t)
    assert ("**De subsidietafel Sociale cohesie heeft de enige activiteit nog niet beoordeeld.** Daarom staat bij die "
            "activiteit \"nog niet beoordeeld\" en als besluit \"nog te besluiten\".") in hoofdstuk
    zin = vz.samenvattingszin(EEN_ACTIE, leeg, heeft_projecten=False, toezicht=t, plan=vz.plan_uit(LV))
    assert zin == ("**Wat gaat door?** Het plan telt 1 activiteit. De subsidietafel Sociale cohesie heeft nog geen "
                   "activiteit beoordeeld, dus over voortzetten is nog niets te zeggen.")
    b = {"buurtkamer": vz.Beoordeling("buurtkamer", "uitgevoerd", "", "voortzetten")}
    klaar = vz.hoofdstuk(EEN_ACTIE, THEMAS, vz.Voortzetten(None, (), b), LEEG_PROJECTEN, LEGE_SUBSIDIES,
                         ["netwerken"], toezicht=t)
    assert "De subsidietafel Sociale cohesie heeft de enige activiteit beoordeeld.\n" in klaar
    assert "De enige activiteit is beoordeeld.\n" in vz.hoofdstuk(EEN_ACTIE, THEMAS, vz.Voortzetten(None, (), b),
                                                                  LEEG_PROJECTEN, LEGE_SUBSIDIES, ["netwerken"])
    half = vz.hoofdstuk(TWEE_ACTIES, THEMAS, vz.Voortzetten(None, (), b), LEEG_PROJECTEN, LEGE_SUBSIDIES,
                        ["netwerken"], toezicht=t)
    assert "**1 van de 2 activiteiten is nog niet beoordeeld** door de subsidietafel Sociale cohesie." in half


def test_samenvatting_telt_een_actie_en_een_indicator_in_het_enkelvoud():
    assert samenvatting._acties(EEN_ACTIE) == ("**Acties.** Het kader noemt 1 actie. Van 1 is de status (nog) niet "
                                               "vastgelegd.")
    assert samenvatting._acties(TWEE_ACTIES).startswith("**Acties.** Het kader noemt 2 acties.")
    stand = samenvatting._stand(pd.DataFrame({"kleur": ["groen"], "status": ["op koers"]}))
    assert stand == ("**Stand van de indicatoren.** Van de 1 indicator in dit rapport gaat er 1 de goede kant op "
                     "(doel gehaald of op koers).")
    stand = samenvatting._stand(pd.DataFrame({"kleur": ["oranje", "groen", "groen"], "status": ["x", "y", "y"]}))
    assert stand == ("**Stand van de indicatoren.** Van de 3 indicatoren in dit rapport gaan er 2 de goede kant op "
                     "(doel gehaald of op koers) en verandert er 1 niet meetbaar of te langzaam.")


def test_borging_van_een_project_in_het_enkelvoud():
    k = SimpleNamespace(projecten=pd.DataFrame({"geborgd": [True, False]}))
    geborgd = pd.DataFrame({"budget": ["innovatiebudget"], "aantal_geborgd": [1], "geborgd_eur": [35_000],
                            "geborgd_pct": [5.0], "aantal_projecten": [1]})
    assert _geborgd_zin(k, geborgd) == (
        "**Borging.** Van de 2 projecten is er 1 geborgd: het loopt door zonder geld uit het innovatiebudget (kolom "
        "Geborgd in de tabel hierna). 1 daarvan kreeg eerder wel geld uit het innovatiebudget: samen €\u00a035.000, 5\u00a0% van "
        "het innovatiebudget dat naar 1 project ging.\n")


# --------------------------------------------------------------------------- 3. the plan's own name


def test_plan_heet_zoals_het_kader_het_noemt():
    assert vz.plan_uit(RIJSWIJK) == vz.Plan("de agenda", "de volgende uitvoeringsagenda")
    assert vz.plan_uit(RIJSWIJK).volgende == "de volgende agenda"
    assert vz.plan_uit(LV) == vz.Plan("het plan", None) and vz.plan_uit(LV).volgende is None
    assert vz.plan_uit([{"titel": "Iets"}]) == vz.Plan("het plan", None)
    leeg = vz.Voortzetten(None)
    lv = vz.samenvattingszin(TWEE_ACTIES, leeg, heeft_projecten=False, plan=vz.plan_uit(LV))
    assert lv == ("**Wat gaat door?** Het plan telt 2 activiteiten. Nog geen activiteit is beoordeeld, dus over "
                  "voortzetten is nog niets te zeggen.")
    assert vz.samenvattingszin(TWEE_ACTIES, leeg, plan=vz.plan_uit(RIJSWIJK)).startswith(
        "**Wat gaat door?** De agenda telt 2 activiteiten; bij 0 noemen de bronnen een voorganger")
    meta = {"gemeente": "Leidschendam-Voorburg", "periode": "2020-2022"}
    inleiding = kaft.inleiding([{"titel": "Plan subsidietafel", "omschrijving": "Tekst."}], meta,
                               ["Sociale netwerken"], dashboard=False, plan="het plan")
    assert ("Daarna volgt per thema een hoofdstuk (Sociale netwerken): wat het plan wilde, wat de cijfers laten zien, "
            "welke acties er waren en een korte conclusie. Het hoofdstuk Kosten en baten gaat over de begroting.") in inleiding
    rijswijk = kaft.inleiding([{"titel": "Uitvoeringsagenda"}], meta, ["Eenzaamheid"], voorganger="Innovatieprogramma",
                              plan="de agenda")
    assert ("wat de agenda wilde, wat de cijfers laten zien, welke acties er waren en een korte conclusie. Het "
            "hoofdstuk Kosten en baten gaat over het Innovatieprogramma, dat aan de agenda voorafging.") in rijswijk


def test_echte_kaders_noemen_hun_eigen_plan():
    def kaders(g: str) -> list[dict]:
        return [lees_yaml(p).data for p in sorted((ROOT / "data" / "raw" / "kader" / g).glob("*.yaml"))]

    assert vz.plan_uit(kaders("rijswijk")) == vz.Plan("de agenda", "de volgende uitvoeringsagenda")
    assert vz.plan_uit(kaders("leidschendam-voorburg")) == vz.Plan("het plan", None)


# --------------------------------------------------------------------------- 4. predecessors only when there are any


def test_voorganger_alleen_uitgelegd_als_er_een_is():
    t = vz.toezicht_uit(LV)
    zonder = vz.hoofdstuk(TWEE_ACTIES, THEMAS, vz.Voortzetten(None), LEEG_PROJECTEN, LEGE_SUBSIDIES, ["netwerken"],
                          toezicht=t)
    assert ("beoordeelt elke activiteit. Dit hoofdstuk zet per activiteit op een rij wat de subsidietafel Sociale "
            "cohesie vond.\n") in zonder
    assert "oorganger" not in zonder and "eerder programma" not in zonder
    assert "| Activiteit | Status | Aanbeveling | Besluit |" in zonder
    assert "| Pilot Buurtkamer 2.0 | nog niet beoordeeld | – | nog te besluiten |" in zonder
    assert ": Sociale netwerken: activiteiten en besluit" in zonder
    vg = vz.Voorganger("flatcoaches", ("2.3",), "zelfde activiteit", "", "Factsheet", "Projecten", "001.txt")
    met = vz.hoofdstuk(TWEE_ACTIES, THEMAS, vz.Voortzetten(None, (vg,)), PROJECTEN, SUBSIDIES, ["netwerken"],
                       toezicht=t)
    assert ("Dit hoofdstuk zet per activiteit op een rij wat eraan voorafging, wat dat kostte en wie het bereikte, en "
            "wat de subsidietafel Sociale cohesie vond. Een voorganger is een project uit een eerder programma waarop "
            "de activiteit voortbouwt; kosten en bereik zijn die van dat project.") in met
    assert "| Activiteit | Voorganger | Kosten | Bereik | Status | Aanbeveling | Besluit |" in met
    assert "| Pilot Buurtkamer 2.0 | geen in de bronnen | – | – | nog niet beoordeeld | – | nog te besluiten |" in met

"""Who assesses the activities, and the continuation rule, come from the gemeente's own kader: Rijswijk's
kerncoalitie and two-year rule never reach the Leidschendam-Voorburg report (tester defect D5); a kader
without them gets neutral wording that names no body and no rule."""

from __future__ import annotations

import pandas as pd

from evaluatie.hoofdstukken import aanbevelingen
from evaluatie.hoofdstukken import voortzetten as vz

BRON = {"document": "Plan", "bestand": "bron.txt", "sectie": "Voortgang"}
#: hand-made kader data, shaped like data/raw/kader/<gemeente>/*.yaml
RIJSWIJK_KADERS = [
    {"titel": "Uitvoeringsagenda", "toezicht": {"naam": "de kerncoalitie", "taak": "toeziet op de uitvoering",
                                                "besluit": "college en raad", "bron": BRON},
     "evaluatie": {"regel": "Na twee jaar ...", "termijn_jaren": 2, "bron": BRON,
                   "voortzetting": "De uitvoeringsagenda schrijft voor dat na twee jaar wordt bekeken welke "
                                   "activiteiten\n    doorgaan in een nieuwe agenda."}},
    {"titel": "Innovatieprogramma"},
]
LV_KADERS = [{"titel": "Plan subsidietafel", "toezicht": {
    "naam": "de subsidietafel Sociale cohesie",
    "taak": "ieder kwartaal bijeenkomt om de voortgang per activiteit te monitoren (rood, oranje of groen), te "
            "evalueren en waar nodig bij te sturen", "bron": BRON}}]

ACTIES = pd.DataFrame({"actie_id": ["buurtkamer", "beursvloer"], "thema_id": ["netwerken", "vrijwilligers"],
                       "naam": ["Buurtkamer 2.0", "Beursvloer 2.0"], "status": [None, None]})
THEMAS = pd.DataFrame({"thema_id": ["netwerken", "vrijwilligers"], "naam": ["Sociale netwerken", "Vrijwilligers"]})
LEEG = pd.DataFrame({"project_id": pd.Series([], dtype=str), "naam": [], "bereik": [], "geborgd": []})
SUBSIDIES = pd.DataFrame({"project_id": pd.Series([], dtype=str), "jaar": [], "bedrag_eur": [], "budget": []})
VOLGORDE = ["netwerken", "vrijwilligers"]
LEGE_VOORTGANG = pd.DataFrame({"thema_id": pd.Series([], dtype=str), "indicator_id": [], "kleur": []})
LEGE_INDICATOREN = pd.DataFrame({"indicator_id": pd.Series([], dtype=str), "naam": [], "doel_type": []})


def _teksten(kaders: list[dict], v: vz.Voortzetten | None = None) -> tuple[str, str, str]:
    v = v or vz.Voortzetten(None)
    t = vz.toezicht_uit(kaders)
    hoofdstuk = vz.hoofdstuk(ACTIES, THEMAS, v, LEEG, SUBSIDIES, VOLGORDE, toezicht=t)
    zin = vz.samenvattingszin(ACTIES, v, heeft_projecten=False, toezicht=t)
    punten = aanbevelingen.gegenereerd(LEGE_VOORTGANG, LEGE_INDICATOREN, THEMAS, VOLGORDE,
                                       sum(a not in v.beoordelingen for a in ACTIES["actie_id"]), orgaan=t.orgaan,
                                       besluit=t.besluit)
    return hoofdstuk, zin or "", "\n".join(punten)


def test_rijswijk_houdt_kerncoalitie_en_tweejaarsregel():
    hoofdstuk, zin, punten = _teksten(RIJSWIJK_KADERS)
    assert ("De uitvoeringsagenda schrijft voor dat na twee jaar wordt bekeken welke activiteiten doorgaan in een "
            "nieuwe agenda. De kerncoalitie, die toeziet op de uitvoering, beoordeelt elke activiteit; college en "
            "raad besluiten. Dit hoofdstuk zet per activiteit op een rij wat de kerncoalitie vond.") in hoofdstuk
    assert "**De kerncoalitie heeft nog geen van de 2 activiteiten beoordeeld.**" in hoofdstuk
    assert "De kerncoalitie heeft nog geen activiteit beoordeeld, dus over voortzetten is nog niets te zeggen." in zin
    assert ("**Wat gaat door?** Laat de kerncoalitie de 2 activiteiten beoordelen waarover nog geen oordeel is, "
            "zodat college en raad per activiteit kunnen besluiten.") in punten


def test_leidschendam_voorburg_noemt_de_subsidietafel_en_geen_regel():
    hoofdstuk, zin, punten = _teksten(LV_KADERS)
    assert hoofdstuk.startswith(
        "# Wat gaat door?\n\nDe subsidietafel Sociale cohesie, die ieder kwartaal bijeenkomt om de voortgang per "
        "activiteit te monitoren (rood, oranje of groen), te evalueren en waar nodig bij te sturen, beoordeelt elke "
        "activiteit. Dit hoofdstuk zet per activiteit op een rij wat de subsidietafel Sociale cohesie vond.\n")
    assert "**De subsidietafel Sociale cohesie heeft nog geen van de 2 activiteiten beoordeeld.**" in hoofdstuk
    assert "De subsidietafel Sociale cohesie heeft nog geen activiteit beoordeeld" in zin
    assert ("**Wat gaat door?** Laat de subsidietafel Sociale cohesie de 2 activiteiten beoordelen waarover nog geen "
            "oordeel is, zodat per activiteit kan worden besloten of die doorgaat.") in punten
    for tekst in (hoofdstuk, zin, punten):
        assert "kerncoalitie" not in tekst and "uitvoeringsagenda" not in tekst.lower()
    assert "twee jaar" not in hoofdstuk and "college en raad besluiten" not in hoofdstuk
    assert "college en raad" not in punten


def test_kader_zonder_toezicht_geeft_neutrale_tekst():
    v = vz.Voortzetten(None, (), {"buurtkamer": vz.Beoordeling("buurtkamer", "loopt nog", "", "voortzetten")})
    hoofdstuk, zin, punten = _teksten([{"titel": "Plan"}], v)
    assert "# Wat gaat door?\n\nDit hoofdstuk zet per activiteit op een rij hoe de activiteit is beoordeeld.\n" in hoofdstuk
    assert "**1 van de 2 activiteiten is nog niet beoordeeld**." in hoofdstuk
    assert "Er is er 1 beoordeeld: 1 voortzetten; 1 nog niet." in zin
    assert ("**Wat gaat door?** Laat de enige activiteit beoordelen waarover nog geen oordeel is, zodat kan worden "
            "besloten of die doorgaat.") in punten
    for tekst in (hoofdstuk, zin, punten):
        assert "kerncoalitie" not in tekst and "subsidietafel" not in tekst and "twee jaar" not in tekst
    niets, zin, _ = _teksten([])
    assert "**Nog geen van de 2 activiteiten is beoordeeld.**" in niets
    assert "Nog geen activiteit is beoordeeld, dus over voortzetten is nog niets te zeggen." in zin


def test_geschiedenis_noemt_het_eigen_orgaan():
    vorig = vz.Voortzetten(None)
    lv = vz.hoofdstuk(ACTIES, THEMAS, vz.Voortzetten(None), LEEG, SUBSIDIES, VOLGORDE, ("2020-2022", vorig),
                      toezicht=vz.toezicht_uit(LV_KADERS))
    assert "In de editie 2020-2022 heeft de subsidietafel Sociale cohesie geen activiteiten beoordeeld" in lv
    neutraal = vz.hoofdstuk(ACTIES, THEMAS, vz.Voortzetten(None), LEEG, SUBSIDIES, VOLGORDE, ("2020-2022", vorig))
    assert "In de editie 2020-2022 is geen activiteit beoordeeld; er is dus nog geen besluit" in neutraal


def test_echte_kaders_elk_hun_eigen_orgaan():
    from conftest import ROOT

    from evaluatie.gedeeld.yaml_lezer import lees_yaml

    def kaders(g: str) -> list[dict]:
        return [lees_yaml(p).data for p in sorted((ROOT / "data" / "raw" / "kader" / g).glob("*.yaml"))]

    r, lv = vz.toezicht_uit(kaders("rijswijk")), vz.toezicht_uit(kaders("leidschendam-voorburg"))
    assert (r.orgaan, r.taak, r.besluit) == ("de kerncoalitie", "toeziet op de uitvoering", "college en raad")
    assert r.voortzetting == ("De uitvoeringsagenda schrijft voor dat na twee jaar wordt bekeken welke activiteiten "
                              "doorgaan in een nieuwe agenda.")
    assert lv.orgaan == "de subsidietafel Sociale cohesie" and lv.besluit is None and lv.voortzetting is None

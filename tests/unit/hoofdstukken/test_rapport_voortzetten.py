"""The 'Wat gaat door?' chapter: the kerncoalitie's YAML gives the decision table; bad files are refused."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.hoofdstukken import voortzetten as vz

ROOT = Path(__file__).resolve().parents[3]

ACTIES = pd.DataFrame({
    "actie_id": ["eenzaamheid_flatcoaches", "eenzaamheid_kerstafette_jaarrond", "eenzaamheid_bewegen"],
    "thema_id": ["eenzaamheid"] * 3,
    "naam": ["Flatcoaches", "De jaarlijkse Kerstafette uitbreiden", "Bewegen tegen eenzaamheid"],
    "status": [None] * 3,
})
PROJECTEN = pd.DataFrame({"project_id": ["1.1", "2.3"], "naam": ["Samen4Elkaar", "Flatcoach"],
                          "bereik": [2000, 600], "geborgd": [False, False]})
SUBSIDIES = pd.DataFrame({
    "project_id": ["1.1", "1.1", "1.1", "2.3", "2.3", "2.3"],
    "jaar": [2016, 2017, 2018] * 2,
    "bedrag_eur": [90_000, 95_000, 75_000, 35_000, 30_000, 30_000],
    "budget": ["innovatiebudget"] * 6,
})
THEMAS = pd.DataFrame({"thema_id": ["eenzaamheid"], "naam": ["Eenzaamheid"]})
#: Rijswijk's body and rule as its kader transcribes them (the chapter's wording is tested with them)
RIJSWIJK = vz.Toezicht("de kerncoalitie", "toeziet op de uitvoering", "college en raad",
                       "De uitvoeringsagenda schrijft voor dat na twee jaar wordt bekeken welke activiteiten "
                       "doorgaan in een nieuwe agenda.")
BRON = """    bron:
      document: 3e Voortgangsevaluatie
      bestand: bron.txt
      sectie: factsheet
"""
GELDIG = f"""gemeente: rijswijk
voorgangers:
  - activiteit: eenzaamheid_flatcoaches
    projecten: ["2.3"]
    verband: zelfde activiteit
{BRON}  - activiteit: eenzaamheid_kerstafette_jaarrond
    projecten: ["1.1"]
    verband: onderdeel van het project
    toelichting: 16 initiatieven bereikten ongeveer 700 Rijswijkers.
{BRON}beoordelingen:
  - activiteit: eenzaamheid_flatcoaches
    status: uitgevoerd
    aanbeveling: Voortzetten in twee extra flats.
    besluit: voortzetten
"""


def _lees(tmp_path: Path, tekst: str) -> vz.Voortzetten:
    pad = tmp_path / "2021-2022.yaml"
    pad.write_text(tekst, encoding="utf-8")
    return vz.lees(pad, "rijswijk", set(ACTIES["actie_id"]), set(PROJECTEN["project_id"]))


def test_beslistabel_uit_geldige_yaml(tmp_path):
    v = _lees(tmp_path, GELDIG)
    rijen = {r[0]: r for r in vz.beslistabel(ACTIES, v, PROJECTEN, SUBSIDIES)}
    flat = rijen["Flatcoaches"]
    assert flat[1] == "project 2.3 Flatcoach"
    assert flat[2] == "€\u00a095.000 (2016–2018)"
    assert flat[3] == "600"
    assert flat[4:] == ["uitgevoerd", "Voortzetten in twee extra flats.", "voortzetten"]
    kerst = rijen["De jaarlijkse Kerstafette uitbreiden"]
    assert kerst[1] == "project 1.1 Samen4Elkaar" and kerst[2] == "€\u00a0260.000 (2016–2018)"
    assert kerst[4] == vz.NIET_BEOORDEELD and kerst[6] == "nog te besluiten"
    bewegen = rijen["Bewegen tegen eenzaamheid"]
    assert bewegen[1] == "geen in de bronnen" and bewegen[4] == vz.NIET_BEOORDEELD


def test_hoofdstuk_telt_niet_beoordeelde_activiteiten(tmp_path):
    tekst = vz.hoofdstuk(ACTIES, THEMAS, _lees(tmp_path, GELDIG), PROJECTEN, SUBSIDIES, ["eenzaamheid"])
    assert "2 van de 3 activiteiten zijn nog niet beoordeeld" in tekst
    assert "**Flatcoaches** volgt op project 2.3 Flatcoach (zelfde activiteit)" in tekst
    assert "bron.txt" not in tekst  # file names belong in the technical account


def test_ontbrekend_bestand_betekent_niets_beoordeeld(tmp_path):
    v = vz.lees(tmp_path / "bestaat-niet.yaml", "rijswijk", set(ACTIES["actie_id"]), {"1.1"})
    tekst = vz.hoofdstuk(ACTIES, THEMAS, v, PROJECTEN, SUBSIDIES, ["eenzaamheid"], toezicht=RIJSWIJK)
    assert "nog geen van de 3 activiteiten beoordeeld" in tekst
    assert tekst.count(vz.NIET_BEOORDEELD) >= 3


def test_echte_editie_koppelt_flatcoaches_en_kerstafette():
    acties = pd.read_parquet(ROOT / "data" / "processed" / "acties.parquet") if (
        ROOT / "data" / "processed" / "acties.parquet").exists() else None
    ids = set(acties["actie_id"]) if acties is not None else {
        "eenzaamheid_flatcoaches", "eenzaamheid_huiskamers_flats", "eenzaamheid_kerstafette_jaarrond",
        "eenzaamheid_buddy_vrijwilligerswerk"}
    v = vz.lees(ROOT / "data" / "raw" / "voortzetten" / "2021-2022.yaml", "rijswijk", ids, {"1.1", "2.3"})
    links = {vg.activiteit: vg.projecten for vg in v.voorgangers}
    assert links["eenzaamheid_flatcoaches"] == ("2.3",)
    assert links["eenzaamheid_kerstafette_jaarrond"] == ("1.1",)
    assert v.beoordelingen == {}  # the kerncoalitie has not recorded anything: nothing invented


@pytest.mark.parametrize("fout, sleutel, woord", [
    (GELDIG.replace("besluit: voortzetten", "besluit: misschien"), "beoordelingen[0].besluit", "misschien"),
    (GELDIG.replace("status: uitgevoerd", "status: klaar"), "beoordelingen[0].status", "klaar"),
    (GELDIG.replace("  - activiteit: eenzaamheid_flatcoaches\n    status", "  - activiteit: flatcoach\n    status"),
     "beoordelingen[0].activiteit", "flatcoach"),
    (GELDIG.replace('projecten: ["2.3"]', 'projecten: ["9.9"]'), "voorgangers[0].projecten[0]", "9.9"),
    (GELDIG.replace("gemeente: rijswijk", "gemeente: delft"), "gemeente", "delft"),
    (GELDIG + "  - activiteit: eenzaamheid_flatcoaches\n    status: uitgevoerd\n    besluit: stoppen\n",
     "beoordelingen[1].activiteit", "al eerder"),
    (GELDIG.replace("    besluit: voortzetten\n", "    besluit: voortzetten\n    besloten: ja\n"),
     "beoordelingen[0].besloten", "onbekende sleutel"),
    (GELDIG.replace("aanbeveling: Voortzetten in twee extra flats.", "aanbeveling: <script>x</script>"),
     "beoordelingen[0].aanbeveling", "tekst zonder"),
])
def test_kapotte_yaml_noemt_bestand_en_sleutel(tmp_path, fout, sleutel, woord):
    with pytest.raises(InvoerFout) as info:
        _lees(tmp_path, fout)
    assert info.value.sleutel == sleutel
    assert "2021-2022.yaml" in str(info.value)
    assert woord in str(info.value)


def test_activity_recommended_to_continue_appears_with_its_history():
    """An activity the previous edition's kerncoalitie recommended to continue is listed in the next edition
    with its old status, recommendation and decision beside today's."""
    vorig = vz.Voortzetten(None, (), {"eenzaamheid_flatcoaches": vz.Beoordeling(
        "eenzaamheid_flatcoaches", "uitgevoerd", "Uitbreiden naar twee flats.", "voortzetten"),
        "eenzaamheid_bewegen": vz.Beoordeling("eenzaamheid_bewegen", "niet uitgevoerd", "Stoppen.", "stoppen")})
    nu = vz.Voortzetten(None)
    tekst = vz.hoofdstuk(ACTIES, THEMAS, nu, PROJECTEN, SUBSIDIES, ["eenzaamheid"], ("2021-2022", vorig))
    assert "## Doorgezet uit de evaluatie 2021-2022" in tekst
    assert ("| Flatcoaches | uitgevoerd | Uitbreiden naar twee flats. | voortzetten | nog niet beoordeeld "
            "| nog te besluiten |") in tekst
    assert "Bewegen tegen eenzaamheid |" not in tekst.split("## Doorgezet")[1].split("##")[0]


def test_no_history_when_the_previous_edition_assessed_nothing():
    tekst = vz.hoofdstuk(ACTIES, THEMAS, vz.Voortzetten(None), PROJECTEN, SUBSIDIES, ["eenzaamheid"],
                         ("2021-2022", vz.Voortzetten(None)), toezicht=RIJSWIJK)
    assert "In de editie 2021-2022 heeft de kerncoalitie geen activiteiten beoordeeld" in tekst
    assert "data/raw" not in tekst and ".yaml" not in tekst  # no file names for the council

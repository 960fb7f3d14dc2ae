"""The technical account says the same about the monitor data in its sources chapter and its colofon
(tester defect D6): a report whose indicators read no monitor file does not claim 'echte metingen', and the
rebuild command names the gemeente and edition so that it works whatever params.yaml holds."""

from __future__ import annotations

import pandas as pd

from evaluatie.hoofdstukken import verantwoording as v
from evaluatie.stages.rapport import alle_demo, gebruikte_bestanden, gebruikte_demo

META = {"gemeente": "Leidschendam-Voorburg", "gemeente_id": "leidschendam-voorburg", "editie": "2020-2022",
        "datum": "1 december 2026", "versie": "0.1.0", "datahash": "abc123"}


def _bron(naam: str, demo: bool, gebruikt: bool) -> dict:
    return {"bestand": naam, "titel": f"Bron {naam}", "bron": "CBS", "url": None, "demo": demo, "gebruikt": gebruikt}


def test_niets_gebruikt_en_alles_demo_zegt_nergens_echte_metingen():
    """L-V: no indicators, four demo files on disk."""
    bronnen = [_bron(n, True, False) for n in ("50120NED", "jeugd.csv", "inclusie.csv", "sociaal_domein.csv")]
    bron_tekst = v.bronnen([], bronnen)
    colofon = v.colofon(META, [], bronnen)
    assert "Geen indicator van dit rapport leest monitorgegevens" in bron_tekst
    assert bron_tekst.count("**voorbeelddata** (gegenereerd; geen echte meting), niet gebruikt in dit rapport.") == 4
    assert "echte metingen" not in colofon
    assert "Dit rapport gebruikt geen monitorgegevens: geen indicator leest een van de genoemde bronnen." in colofon
    assert "De voorbeelddata die in de invoer staan (gegenereerd; geen echte meting)" in colofon


def test_gebruikte_demo_wordt_genoemd_en_echte_levering_blijft_echt():
    """Rijswijk-like: demo files feed the report, they are listed; with only real data the claim stays."""
    bronnen = [_bron("50120NED", True, True), _bron("jeugd.csv", False, True)]
    colofon = v.colofon({**META, "gemeente": "Rijswijk", "gemeente_id": "rijswijk", "editie": "2021-2022"},
                        ["data/raw/monitor/50120NED/UntypedDataSet.json"], bronnen)
    assert "**Voorbeelddata.** De volgende invoer is gegenereerde voorbeelddata" in colofon
    assert "echte metingen" not in colofon
    assert "`make rapport GEMEENTE=rijswijk EDITIE=2021-2022`" in colofon
    echt = v.colofon(META, [], [_bron("jeugd.csv", False, True), _bron("oud.csv", True, False)])
    assert ("Alle monitorgegevens die dit rapport gebruikt, zijn echte metingen uit de genoemde bronnen. De "
            "voorbeelddata die ook in de invoer staan, leveren geen cijfer aan dit rapport.") in echt
    assert "Alle monitorgegevens die dit rapport gebruikt, zijn echte metingen" in v.colofon(
        META, [], [_bron("jeugd.csv", False, True)])
    assert "voorbeelddata" not in v.colofon(META, [], [_bron("jeugd.csv", False, True)])


def test_herbouwopdracht_noemt_gemeente_en_editie():
    colofon = v.colofon(META, [], [])
    assert ("Het rapport is opnieuw te bouwen met `make rapport GEMEENTE=leidschendam-voorburg EDITIE=2020-2022` "
            "(staan die gemeente en editie al in params.yaml, dan volstaat `make rapport`).") in colofon
    assert "make rapport EDITIE=2020-2022`" not in colofon


def test_gebruikte_bestanden_demo_of_echt():
    metingen = pd.DataFrame({"tabel": ["50120NED", "50120NED", "jeugd", "incl"],
                             "veld": ["Eenzaam", "Mantelzorg", "Gepest", "Werk"],
                             "demo": [True, True, False, True],
                             "bestand": ["50120NED", "50120NED", "jeugd.csv", "inclusie.csv"]})
    gekoppeld = pd.DataFrame({"tabel": ["50120NED", "jeugd"], "veld": ["Eenzaam", "Gepest"]})
    assert gebruikte_bestanden(metingen, gekoppeld) == {"50120NED", "jeugd.csv"}
    assert gebruikte_demo(metingen, gekoppeld) == {"50120NED"}
    assert alle_demo(metingen) == {"50120NED", "inclusie.csv"}
    geen = gekoppeld.iloc[0:0]  # L-V: no indicator, nothing used
    assert gebruikte_bestanden(metingen, geen) == set() and gebruikte_demo(metingen, geen) == set()


def test_invoertabel_markeert_ongebruikte_voorbeelddata():
    tabel = v.invoerbestanden([
        {"bestand": "data/raw/monitor/inclusie.csv", "sha256": "a" * 64, "demo": False, "voorbeelddata": True},
        {"bestand": "data/raw/monitor/50120NED/x.json", "sha256": "b" * 64, "demo": True, "voorbeelddata": True},
        {"bestand": "data/raw/kader/x.yaml", "sha256": "c" * 64, "demo": False, "voorbeelddata": False}])
    termen = [r for r in tabel.splitlines() if r.startswith("data/")]
    assert termen == ["data/raw/monitor/inclusie.csv (voorbeelddata, niet gebruikt)",
                      "data/raw/monitor/50120NED/x.json (voorbeelddata)", "data/raw/kader/x.yaml"]


def test_sources_name_the_peiljaar_only_when_monitor_data_are_used():
    """Stage ingest leaves out measurements after the edition's last year; the sources chapter says so."""
    zin = ("Dit rapport gebruikt metingen tot en met 2022, het laatste jaar van de evaluatieperiode. "
           "Latere metingen in deze bronnen tellen mee in een volgende editie.")
    assert zin in v.bronnen([], [_bron("sociaal_domein.csv", True, True)], peiljaar=2022)
    assert "tot en met" not in v.bronnen([], [_bron("sociaal_domein.csv", True, False)], peiljaar=2022)
    assert "tot en met" not in v.bronnen([], [], peiljaar=2022)

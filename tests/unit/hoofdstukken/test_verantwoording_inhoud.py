"""The technical account describes only what the report contains (tester defects on Leidschendam-Voorburg's
account): without indicators the method text says so in one sentence instead of Rijswijk's indicator method,
empty chapters say why they are empty, an unused input is marked 'niet gebruikt', a policy document is named
by its title with the file name as a reference, and a theme's executing body is labelled 'Uitvoering'."""

from __future__ import annotations

import pandas as pd

from evaluatie.hoofdstukken import thema as h
from evaluatie.hoofdstukken import verantwoording as v
from evaluatie.stages.rapport import wat_overgenomen

DREMPELS = {"alpha": 0.05, "interval_niveau": 0.95, "tempo_op_koers": 0.95, "min_punten_trend": 5,
            "materialiteit": 0.01, "benjamini_hochberg": False}
REDEN = " (de doelen zijn nog niet gekwantificeerd)"
LEEG = pd.DataFrame(columns=["indicator_id", "thema_id"])


def _lv_werkwijze() -> str:
    return v.werkwijze(DREMPELS, 10, 0.0225, heeft_indicatoren=False, bronsoorten=set(), heeft_baten=False,
                       heeft_kleine_aantallen=False, geen_indicatoren_reden=REDEN)


def test_werkwijze_zonder_indicatoren_zegt_dat_in_een_zin():
    tekst = _lv_werkwijze()
    assert ("**Geen indicatoren.** Het beleidskader noemt geen meetbare doelen of indicatoren (de doelen zijn nog "
            "niet gekwantificeerd); dit rapport vergelijkt daarom geen metingen met een doel en geeft geen "
            "indicator een status.") in tekst
    assert ("**Kosten.** Bedragen zijn overgenomen uit de beleidsdocumenten; een bedrag dat het rapport daaruit "
            "afleidt, staat er als afgeleid bij. Dit rapport rekent geen baten door.") in tekst
    for rijswijk in ("tientallen vergelijkingen", "GGD", "RIVM", "bijstand", "jeugdhulp", "de raad",
                     "discontovoet", "Baten zijn", "Kleine aantallen"):
        assert rijswijk not in tekst, rijswijk


def test_werkwijze_met_alles_houdt_rijswijks_tekst():
    tekst = v.werkwijze(DREMPELS, 10, 0.0225)
    assert "**Veel toetsen tegelijk.** Dit rapport doet tientallen vergelijkingen." in tekst
    assert "Bij een enquête (zoals de GGD-monitor Jeugd) heeft elk cijfer een foutmarge" in tekst
    assert "De RIVM-cijfers over eenzaamheid, mantelzorg en vrijwilligerswerk" in tekst
    assert "Bij registraties (zoals bijstand en jeugdhulp) is er geen steekproef" in tekst
    assert "reële discontovoet van 2,25\u00a0% per jaar" in tekst
    assert "**Kleine aantallen.** Cijfers over minder dan 10 personen" in tekst
    assert "Geen indicatoren" not in tekst


def test_werkwijze_noemt_alleen_de_soorten_bron_die_er_zijn():
    tekst = v.werkwijze(DREMPELS, 10, 0.0225, bronsoorten={"registratie"})
    assert ("**Is een verschil echt? Dat hangt af van de soort bron.** Bij registraties (zoals bijstand en "
            "jeugdhulp) is er geen steekproef;") in tekst
    assert "GGD" not in tekst and "RIVM" not in tekst


def test_lege_aannames_en_definities_zeggen_waarom():
    assert v.aannames([], [], heeft_indicatoren=False, reden=REDEN) == (
        "# Aannames\n\nEr zijn geen aannames over indicatoren of meetjaren: het beleidskader noemt geen indicatoren "
        "(de doelen zijn nog niet gekwantificeerd).\n")
    assert "Hieronder staat elke aanname" not in v.aannames([], [], heeft_indicatoren=False)
    assert v.aannames([], []) == ("# Aannames\n\nGeen indicator of meetjaar in dit rapport rust op een aanname; er "
                                  "staat dus nergens een sterretje (*).\n")
    assert v.indicatordefinities(LEEG, ["sociale_netwerken"], {}, REDEN) == (
        "# Indicatordefinities\n\nEr zijn geen indicatordefinities: het beleidskader noemt geen indicatoren (de "
        "doelen zijn nog niet gekwantificeerd).\n")


def test_ongebruikte_invoer_heet_niet_gebruikt():
    rijen = [{"bestand": "data/raw/kader/lv/sociale_cohesie.yaml", "sha256": "a" * 64, "demo": False,
              "voorbeelddata": False},
             {"bestand": "data/raw/monitor/inclusie.csv", "sha256": "b" * 64, "demo": False, "voorbeelddata": True},
             {"bestand": "data/raw/programma/baten.yaml", "sha256": "c" * 64, "demo": False, "voorbeelddata": False,
              "gebruikt": False}]
    tekst = v.invoerbestanden(rijen)
    assert f"\ndata/raw/programma/baten.yaml (niet gebruikt)\n: SHA-256: `{'c' * 64}`\n" in tekst
    assert f"\ndata/raw/monitor/inclusie.csv (voorbeelddata, niet gebruikt)\n: SHA-256: `{'b' * 64}`\n" in tekst
    assert f"\ndata/raw/kader/lv/sociale\\_cohesie.yaml\n: SHA-256: `{'a' * 64}`\n" in tekst
    assert "Een bestand met 'niet gebruikt' staat in de invoer, maar levert geen gegeven aan dit rapport." in tekst
    alles_gebruikt = v.invoerbestanden(rijen[:1])
    assert "niet gebruikt" not in alles_gebruikt


def test_beleidsdocument_heet_naar_zijn_titel_met_bestand_als_verwijzing():
    kader = {"titel": "Plan subsidietafel Sociale cohesie (OGSM) 2020-2022", "periode": "2020–2022",
             "documenten": [{"document": "Plan subsidietafel Sociale cohesie (gemeente Leidschendam-Voorburg)",
                             "bestand": "003_c8ab55b3be27e020.txt"}]}
    tekst = v.bronnen([kader], [], wat_overgenomen(False, True, False, True))
    assert ("- **Plan subsidietafel Sociale cohesie (OGSM) 2020-2022** (2020–2022). Bron: Plan subsidietafel "
            "Sociale cohesie (gemeente Leidschendam-Voorburg) (bestand `003_c8ab55b3be27e020.txt`).") in tekst
    assert "Thema's, acties en de begroting zijn overgenomen uit deze documenten." in tekst
    assert "tekstbestand" not in tekst


def test_wat_overgenomen_houdt_rijswijks_opsomming():
    assert wat_overgenomen(True, True, True, True) == "Doelen, beginwaarden, acties, projecten, subsidies en bereik"
    assert wat_overgenomen(False, True, False, True) == "Thema's, acties en de begroting"


def _thema(coalitie: str | None) -> h.Thema:
    leeg = pd.DataFrame()
    return h.Thema("sociale_netwerken", "Sociale netwerken", "Primaire strategie 1.", coalitie, leeg, leeg, leeg,
                   leeg)


def test_kop_noemt_wie_uitvoert_zonder_rijswijks_woord_coalitie():
    assert h.kop(_thema("Subsidietafel Sociale cohesie")) == (
        "# Sociale netwerken\n\nPrimaire strategie 1.\n\n**Uitvoering:** Subsidietafel Sociale cohesie\n")
    assert "**Uitvoering:** Themacoalitie inclusie" in h.kop(_thema("Themacoalitie inclusie"))
    assert "Uitvoering" not in h.kop(_thema(None))

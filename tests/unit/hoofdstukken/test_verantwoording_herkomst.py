"""The technical account says where things come from (tester defects): the measurement source of an indicator
from the data the report uses, the introduction as made from the policy documents, and the file and columns that
hold the p-values after the Benjamini-Hochberg correction."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import yaml

from evaluatie.hoofdstukken import verantwoording as v
from evaluatie.voortgang.beoordeel import KOLOMMEN

ROOT = Path(__file__).resolve().parents[3]
DREMPELS = {"alpha": 0.05, "interval_niveau": 0.95, "tempo_op_koers": 0.95, "min_punten_trend": 5,
            "materialiteit": 0.01, "benjamini_hochberg": False}


def _gekoppeld(rijen):
    return pd.DataFrame(rijen, columns=["indicator_id", "bron", "tabel", "waarde"])


GEKOPPELD = _gekoppeld([
    ("vrijwilligers_vrijwilligerswerk", "RIVM", "50120NED", 27.0),
    ("vrijwilligers_vrijwilligerswerk", "RIVM", "50120NED", 29.0),
    ("jeugdhulp", "CBS Jeugd", "sociaal_domein_indicatoren", 11.7),  # a project file id is never named
    ("eenzaam_ernstig", "RIVM", "50120NED", 11.0),
    ("inclusie_discriminatie", "partners", "inclusie_partnercijfers", math.nan),  # linked, never measured
])


def _indicatoren(rijen):
    return pd.DataFrame([{"thema_id": "t", "naam": naam, "indicator_id": iid, "eenheid": "%", "populatie": "inwoners",
                          "richting": "hoger", "bron_omschrijving": bron, "opmerking": None, "herkomst": "Nota, §2"}
                         for iid, naam, bron in rijen])


def test_meetbronnen_names_the_source_of_the_measurements_as_the_figure_captions_do():
    assert v.meetbronnen(GEKOPPELD) == {"eenzaam_ernstig": "RIVM, tabel 50120NED", "jeugdhulp": "CBS Jeugd",
                                        "vrijwilligers_vrijwilligerswerk": "RIVM, tabel 50120NED"}
    assert v.meetbronnen(GEKOPPELD.iloc[0:0]) == {}
    # an edition that reads two RIVM tables (2023-2024: 50120NED and 50150NED), and a second organisation
    twee = _gekoppeld([("x", "RIVM", "50150NED", 30.0), ("x", "RIVM", "50120NED", 29.0),
                       ("y", "GGD", "gezondheidsmonitor_jeugd", 4.0), ("y", "RIVM", "50120NED", 5.0)])
    assert v.meetbronnen(twee) == {"x": "RIVM, tabellen 50120NED en 50150NED", "y": "GGD en RIVM, tabel 50120NED"}


def test_a_measured_indicator_whose_policy_text_names_no_source_gets_the_source_of_its_data():
    """Defect: 'Deelname aan vrijwilligerswerk … meetbron: niet vermeld' while the report measures it with RIVM
    table 50120NED: the kader's bron_omschrijving ('niet vermeld') was printed instead of the data's source."""
    ind = _indicatoren([
        ("vrijwilligers_vrijwilligerswerk", "Deelname aan vrijwilligerswerk", "niet vermeld"),
        ("eenzaam_ernstig", "Ernstig eenzamen", "GGD-monitor (niet vermeld bij het doel; aangenomen)"),
        ("jeugdhulp", "Jongeren met jeugdhulp", "CBS Jeugd"),
        ("vrijwilligers_kwaliteit", "Kwaliteitsverbetering vrijwilligerswerk", "niet vermeld"),
    ])
    tekst = v.indicatordefinities(ind, ["t"], {"t": "Thema"}, meetbronnen=v.meetbronnen(GEKOPPELD))
    definitie = {r.split("**")[1]: r for r in tekst.split("\n\n") if r.startswith("**")}
    assert definitie["Deelname aan vrijwilligerswerk"] == (
        "**Deelname aan vrijwilligerswerk** (code vrijwilligers\\_vrijwilligerswerk)\n: Eenheid: %; doelgroep: "
        "inwoners; hoger is beter; meetbron: RIVM, tabel 50120NED. Het beleidskader noemt geen bron.\n"
        "  Herkomst: Nota, §2.")
    assert ("meetbron: RIVM, tabel 50120NED. Het beleidskader noemt als bron: GGD-monitor (niet vermeld bij het "
            "doel; aangenomen).\n") in definitie["Ernstig eenzamen"]
    assert "meetbron: CBS Jeugd.\n" in definitie["Jongeren met jeugdhulp"]
    assert ("meetbron: niet vermeld. Dit rapport heeft geen metingen van deze indicator.\n"
            in definitie["Kwaliteitsverbetering vrijwilligerswerk"])
    # a caller that does not know the measurements: the kader's words, as before
    oud = v.indicatordefinities(ind, ["t"], {"t": "Thema"})
    assert "meetbron: niet vermeld.\n" in oud and "RIVM" not in oud


def test_meetbron_without_policy_source_or_with_the_same_source():
    assert v.meetbron("niet vermeld", "RIVM, tabel 50120NED") == \
        "RIVM, tabel 50120NED. Het beleidskader noemt geen bron"
    assert v.meetbron(None, "partners") == "partners. Het beleidskader noemt geen bron"
    assert v.meetbron("cbs jeugd", "CBS Jeugd") == "CBS Jeugd"
    assert v.meetbron("GGD Gezondheidsmonitor (RIVM/CBS)", None) == \
        "GGD Gezondheidsmonitor (RIVM/CBS). Dit rapport heeft geen metingen van deze indicator"
    assert v.meetbron("GGD Gezondheidsmonitor (RIVM/CBS)", None, bekend=False) == "GGD Gezondheidsmonitor (RIVM/CBS)"


def test_the_introduction_is_attributed_to_the_policy_documents_not_to_the_figures():
    """Defect: 'Inleiding: afgeleid uit de cijfers' while the generated introduction is the policy frameworks'
    own description (kaft.inleiding) or the researchers' text."""
    alle = {"samenvatting": "Samenvatting", "inleiding": "Inleiding", "aanbevelingen": "Aanbevelingen",
            "eenzaamheid": "Conclusie Eenzaamheid"}
    assert v.eigen_teksten([], alle) == (
        "# Teksten van de onderzoekers\n\nEen aantal onderdelen van het rapport kan door de onderzoekers zelf worden "
        "geschreven. Ontbreekt hun tekst, dan staat er een tekst die het programma maakt; hieronder staat per "
        "onderdeel waaruit.\n\n"
        "- Samenvatting: afgeleid uit de cijfers\n"
        "- Inleiding: samengesteld uit de beleidsdocumenten (titel en omschrijving van elk beleidskader) met een "
        "leeswijzer\n"
        "- Aanbevelingen: afgeleid uit de cijfers\n"
        "- Conclusie Eenzaamheid: afgeleid uit de cijfers\n")
    eigen = v.eigen_teksten(["inleiding", "eenzaamheid"], alle)
    assert "- Inleiding: eigen tekst van de onderzoekers\n" in eigen
    assert "- Conclusie Eenzaamheid: eigen tekst van de onderzoekers\n" in eigen
    assert "- Samenvatting: afgeleid uit de cijfers\n" in eigen
    # an own summary without its own 'Kernboodschappen' stands above the generated key messages: said so
    from evaluatie.hoofdstukken import samenvatting

    assert samenvatting.vervangt_kernboodschappen("Tekst.\n\n## Kernboodschappen\n\n- a\n")
    assert not samenvatting.vervangt_kernboodschappen("Alleen een inleidende alinea.\n")
    eigen = v.eigen_teksten(["samenvatting"], alle,
                            {"samenvatting": "daaronder staan de kernboodschappen, afgeleid uit de cijfers"})
    assert ("- Samenvatting: eigen tekst van de onderzoekers; daaronder staan de kernboodschappen, afgeleid uit de "
            "cijfers\n") in eigen


def test_werkwijze_names_the_file_and_columns_of_the_corrected_p_values():
    """Defect: the corrected values were said to be 'in de gegevens' without saying where."""
    zin = ("De kans van elke toets na de correctie van Benjamini en Hochberg over alle toetsen van het rapport staat "
           "in het bestand `data/processed/voortgang.parquet`: in de kolom `verandering_p_bh` naast "
           "`verandering_p` (de verandering sinds het basisjaar) en in de kolom `nl_p_bh` naast `nl_p` (het "
           "verschil met Nederland). Dat bestand hoort niet bij de bestanden van het rapport; het ontstaat bij het "
           "bouwen en dus ook bij het opnieuw bouwen met de opdracht onder Technische gegevens.")
    uit = v.werkwijze(DREMPELS, 10, 0.0225)
    assert zin + " De gecorrigeerde kans beslist hier niet en staat niet in het rapport." in uit
    assert "in de gegevens" not in uit
    aan = v.werkwijze({**DREMPELS, "benjamini_hochberg": True}, 10, 0.0225)
    assert zin + (" De gecorrigeerde kans beslist of een verschil aantoonbaar is; waar het rapport een kans noemt, "
                  "is dat de gecorrigeerde, met de ongecorrigeerde ernaast.") in aan


def test_the_named_file_and_columns_are_what_stage_voortgang_writes():
    """The file named is an output of stage voortgang (dvc.yaml), the columns are in its schema and are
    explained in voortgang.meta.yml, so the sentence points at something that exists after a build."""
    stappen = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    outs = [next(iter(o)) if isinstance(o, dict) else o for o in stappen["voortgang"]["outs"]]
    assert v.VOORTGANG_BESTAND in outs
    meta = yaml.safe_load((ROOT / "src/evaluatie/voortgang/voortgang.meta.yml").read_text(encoding="utf-8"))
    beschreven = set(meta.get("kolommen", meta))
    for paar in v.BH_KOLOMMEN:
        for kolom in paar:
            assert kolom in KOLOMMEN and kolom in beschreven, kolom

"""The technical account says where things come from (tester defects): the measurement source of an indicator
from the data the report uses, the introduction as made from the policy documents, and the file and columns that
hold the p-values after the Benjamini-Hochberg correction."""

from __future__ import annotations

import math

import pandas as pd

from evaluatie.hoofdstukken import verantwoording as v


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
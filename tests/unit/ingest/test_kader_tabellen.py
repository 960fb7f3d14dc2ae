"""kader_tabellen: contract columns, dtypes, sorting, empty frames and pandera schemas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.errors
import pytest

from evaluatie.ingest.kader import SCHEMAS, kader_tabellen, laad_kader, laad_kaders
from conftest import ROOT

KADER = ROOT / "data" / "raw" / "kader"

KOLOMMEN = {
    "themas": ["kader_id", "gemeente", "thema_id", "naam", "omschrijving", "coalitie", "herkomst"],
    "indicatoren": [
        "kader_id", "gemeente", "indicator_id", "thema_id", "naam", "eenheid", "populatie", "richting",
        "basis_jaar", "basis_waarde", "doel_type", "doel_waarde", "doel_jaar", "doel_vanaf_jaar",
        "is_percentage", "bron_omschrijving", "herkomst", "opmerking", "telling",
    ],
    "acties": ["kader_id", "gemeente", "actie_id", "thema_id", "naam", "status", "herkomst"],
    "projecten": [
        "kader_id", "project_id", "naam", "programmalijn", "status", "geborgd", "bereik",
        "landelijke_themas", "indicatoren_genoemd", "herkomst",
    ],
    "subsidies": ["kader_id", "project_id", "jaar", "bedrag_eur", "budget", "raming", "jaar_bepaling", "herkomst"],
    "kaders": [
        "kader_id", "gemeente", "gemeente_code", "titel", "periode", "periode_van", "periode_tot", "document",
        "bestanden", "evaluatie", "monitoring", "budget_plafond_eur", "kosten_boven_plafond_pct",
        "innovatiebudget_per_jaar_eur", "herkomst",
    ],
}

INDICATOR_IDS = {
    "rijswijk_welzijn": {
        "eenzaam_ernstig", "eenzaam_jongeren_12_18", "eenzaam_19_65", "eenzaam_65plus",
        "vrijwilligers_vrijwilligerswerk", "vrijwilligers_kwaliteit", "mantelzorg_belasting", "mantelzorg_mantelzorgers",
        "mantelzorg_respijtzorg", "inclusie_discriminatie", "inclusie_deelname_beperking",
    },
    "rijswijk_sociaal_domein": {
        "banen", "jongeren_delict", "kinderen_uitkeringsgezin", "netto_arbeidsparticipatie",
        "werkloze_jongeren", "bijstand", "reintegratie", "jeugdhulp", "jeugdbescherming",
        "jeugdreclassering", "wmo_maatwerk",
    },
}


@pytest.fixture(scope="module")
def alles():
    kaders = laad_kaders(KADER / "rijswijk") + laad_kaders(KADER / "leidschendam-voorburg")
    return kader_tabellen(kaders)


def test_kolommen_volgens_contract(alles):
    assert set(alles) == set(KOLOMMEN)
    for naam, kolommen in KOLOMMEN.items():
        assert alles[naam].columns.tolist() == kolommen, naam
        assert list(SCHEMAS[naam].columns) == kolommen, naam


def test_lege_tabellen_hebben_kolommen():
    leeg = kader_tabellen([])
    for naam, kolommen in KOLOMMEN.items():
        assert leeg[naam].empty
        assert leeg[naam].columns.tolist() == kolommen


def test_lv_alleen_vult_themas_en_acties():
    t = kader_tabellen(laad_kaders(KADER / "leidschendam-voorburg"))
    assert len(t["themas"]) == 5 and len(t["acties"]) == 5 and len(t["kaders"]) == 1
    for naam in ("indicatoren", "projecten", "subsidies"):
        assert t[naam].empty and t[naam].columns.tolist() == KOLOMMEN[naam]
    assert t["acties"].status.isna().all()


def test_indicator_ids_volgens_contract(alles):
    ind = alles["indicatoren"]
    gevonden = {k: set(g.indicator_id) for k, g in ind.groupby("kader_id")}
    assert gevonden == INDICATOR_IDS
    assert ind.indicator_id.is_unique


def test_themas_per_kader(alles):
    th = alles["themas"]
    per = {k: sorted(g.thema_id) for k, g in th.groupby("kader_id")}
    assert per == {
        "lv_sociale_cohesie": sorted(
            ["sociale_netwerken", "inwonersinitiatieven", "vrijwilligers", "aanbod_communicatie", "organisatie_exploitatie"]
        ),
        "rijswijk_innovatieprogramma": sorted(
            ["overkoepelend", "zorg_welzijn", "zorg_wonen", "zorg_gezondheid", "zorg_inkomen"]
        ),
        "rijswijk_sociaal_domein": ["sociaal_domein"],
        "rijswijk_welzijn": sorted(["eenzaamheid", "vrijwilligers", "mantelzorg", "inclusie"]),
    }
    assert set(th.gemeente) == {"Rijswijk", "Leidschendam-Voorburg"}


def test_dtypes(alles):
    ind = alles["indicatoren"]
    for k in ("basis_jaar", "doel_jaar", "doel_vanaf_jaar"):
        assert str(ind[k].dtype) == "Int64"
    assert ind.is_percentage.dtype == bool
    assert alles["projecten"].bereik.dtype == "Int64"
    sub = alles["subsidies"]
    assert sub.jaar.dtype == "int64" and sub.bedrag_eur.dtype == "int64" and sub.raming.dtype == bool


def test_doeltypes_en_jaren(alles):
    ind = alles["indicatoren"].set_index("indicator_id")
    r = ind.loc["eenzaam_65plus"]
    assert (r.basis_waarde, r.doel_waarde, r.doel_type, r.doel_jaar) == (52.0, 40.0, "waarde", 2022)
    assert pd.isna(r.doel_vanaf_jaar)
    assert "Aangenomen" in r.opmerking
    g = ind.loc["mantelzorg_belasting"]
    assert g.doel_type == "geen" and pd.isna(g.basis_jaar) and pd.isna(g.doel_waarde)


def test_sortering_deterministisch(alles):
    sub = alles["subsidies"]
    # project ids sort numerically: 1.8 before 2.1, and 0 first
    volgorde = list(dict.fromkeys(sub.project_id))
    assert volgorde[0] == "0" and volgorde.index("1.8") < volgorde.index("2.1")
    k1 = laad_kaders(KADER / "rijswijk")
    opnieuw = kader_tabellen(list(reversed(k1)) + laad_kaders(KADER / "leidschendam-voorburg"))
    for naam in KOLOMMEN:
        pd.testing.assert_frame_equal(opnieuw[naam], alles[naam])


def test_schema_weigert_foute_tabel(alles):
    kapot = alles["indicatoren"].copy()
    kapot.loc[0, "richting"] = "omhoog"
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        SCHEMAS["indicatoren"].validate(kapot)
    extra = alles["subsidies"].assign(extra=1)
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        SCHEMAS["subsidies"].validate(extra)
    negatief = alles["subsidies"].copy()
    negatief.loc[0, "bedrag_eur"] = -1
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        SCHEMAS["subsidies"].validate(negatief)


def test_kader_meta(alles):
    meta = alles["kaders"].set_index("kader_id")
    assert meta.loc["rijswijk_welzijn", "periode"] == "2021-2022"
    assert meta.loc["rijswijk_welzijn", "bestanden"] == (
        "000_95940bc7e169013f.txt; 002_5e9e29e7f646534a.txt; 001_ccd4d6834e86ab33.txt"
    )
    assert "voortgezet" in meta.loc["rijswijk_welzijn", "evaluatie"]
    assert meta.loc["lv_sociale_cohesie", "monitoring"].startswith("per kwartaal")
    assert pd.isna(meta.loc["rijswijk_sociaal_domein", "budget_plafond_eur"])


def test_fixture_kader_tabellen():
    k = laad_kader(ROOT / "tests" / "fixtures" / "kader" / "minimaal.yaml")
    t = kader_tabellen([k])
    r = t["indicatoren"].iloc[0]
    assert (r.basis_jaar, r.basis_waarde, r.doel_jaar, r.doel_waarde) == (2020, 30.0, 2024, 20.0)
    assert r.herkomst == "Testdocument — test.txt — Inleiding"
    assert pd.isna(r.opmerking)

"""The shipped kader YAML files reproduce the figures of the source documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluatie.ingest.kader import Kader, kader_tabellen, laad_kader, valideer_map
from conftest import ROOT

KADER = ROOT / "data" / "raw" / "kader"
RIJSWIJK = KADER / "rijswijk"
LV = KADER / "leidschendam-voorburg"
SEEDBESTAND = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")


@pytest.fixture(scope="module")
def rijswijk() -> list[Kader]:
    return valideer_map(RIJSWIJK)


@pytest.fixture(scope="module")
def lv() -> list[Kader]:
    return valideer_map(LV)


@pytest.fixture(scope="module")
def tabellen(rijswijk, lv):
    return kader_tabellen(rijswijk + lv)


def _kader(kaders, kader_id):
    return next(k for k in kaders if k.kader_id == kader_id)


# --------------------------------------------------------------------------- files


def test_bestanden_en_volgorde(rijswijk, lv):
    assert [k.bestand.name for k in rijswijk] == [
        "innovatieprogramma.yaml",
        "sociaal_domein.yaml",
        "welzijn.yaml",
    ]
    assert [k.kader_id for k in rijswijk] == [
        "rijswijk_innovatieprogramma",
        "rijswijk_sociaal_domein",
        "rijswijk_welzijn",
    ]
    assert [k.kader_id for k in lv] == ["lv_sociale_cohesie"]
    assert {k.gemeente_code for k in rijswijk} == {"GM0603"}
    assert lv[0].gemeente_code == "GM1916"


# --------------------------------------------------------------------------- welzijn


def test_welzijn_themas_en_coalities(rijswijk):
    k = _kader(rijswijk, "rijswijk_welzijn")
    assert [t.id for t in k.themas] == ["eenzaamheid", "vrijwilligers", "mantelzorg", "inclusie"]
    assert all(t.coalitie for t in k.themas)
    assert k.secties["kerncoalitie"]["bijeenkomsten_per_jaar_minimaal"] == 2
    assert k.secties["evaluatie"]["termijn_jaren"] == 2
    assert "welke activiteiten worden voortgezet" in k.secties["evaluatie"]["regel"]
    assert len(k.secties["organisaties"]["lijst"]) == 16
    assert (k.periode_van, k.periode_tot) == (2021, 2022)


@pytest.mark.parametrize(
    ("indicator_id", "basis", "doel"),
    [
        ("eenzaam_ernstig", 8.0, 4.0),
        ("eenzaam_jongeren_12_18", 46.0, 40.0),
        ("eenzaam_19_65", 46.0, 40.0),
        ("eenzaam_65plus", 52.0, 40.0),
    ],
)
def test_vier_eenzaamheidsdoelen(rijswijk, indicator_id, basis, doel):
    ind = _kader(rijswijk, "rijswijk_welzijn").indicator(indicator_id)
    assert ind.thema == "eenzaamheid"
    assert ind.richting == "lager"
    assert ind.is_percentage
    assert ind.basis.waarde == basis
    assert ind.doel.type == "waarde"
    assert ind.doel.waarde == doel
    # The source states no years: both are flagged assumptions with an explanation.
    assert ind.basis.jaar_aangenomen and ind.basis.opmerking
    assert ind.doel.jaar_aangenomen and ind.doel.opmerking
    assert ind.doel.jaar == 2022
    assert ind.bron.bestand == "002_5e9e29e7f646534a.txt"


def test_welzijn_indicatoren_zonder_doel(rijswijk):
    k = _kader(rijswijk, "rijswijk_welzijn")
    geen = {i.id: (i.thema, i.richting) for i in k.indicatoren if i.doel.type == "geen"}
    assert geen == {
        "vrijwilligers_vrijwilligerswerk": ("vrijwilligers", "hoger"),
        "vrijwilligers_kwaliteit": ("vrijwilligers", "hoger"),
        "mantelzorg_belasting": ("mantelzorg", "lager"),
        "mantelzorg_respijtzorg": ("mantelzorg", "hoger"),
        "mantelzorg_mantelzorgers": ("mantelzorg", "hoger"),
        "inclusie_discriminatie": ("inclusie", "lager"),
        "inclusie_deelname_beperking": ("inclusie", "hoger"),
    }
    for iid in geen:
        assert k.indicator(iid).basis is None


def test_welzijn_acties(rijswijk):
    k = _kader(rijswijk, "rijswijk_welzijn")
    assert len(k.acties) == 8
    assert {a.thema for a in k.acties} == {"eenzaamheid"}
    assert {a.status for a in k.acties} == {None}
    assert any(a.naam == "Flatcoaches" for a in k.acties)


# --------------------------------------------------------------------------- sociaal domein

SOCIAAL_DOMEIN = {
    # id: (waarde, peiljaar, richting, bron_omschrijving)
    "banen": (971.7, 2020, "hoger", "Diverse"),
    "jongeren_delict": (2.0, 2019, "lager", "CBS Jeugd"),
    "kinderen_uitkeringsgezin": (8.0, 2019, "lager", "CBS Jeugd"),
    "netto_arbeidsparticipatie": (66.4, 2020, "hoger", "CBS"),
    "werkloze_jongeren": (2.0, 2019, "lager", "CBS Jeugd"),
    "bijstand": (544.5, 2020, "lager", "CBS"),
    "reintegratie": (295.3, 2020, "hoger", "CBS"),
    "jeugdhulp": (11.7, 2020, "lager", "CBS Jeugd"),
    "jeugdbescherming": (1.0, 2020, "lager", "CBS Jeugd"),
    "jeugdreclassering": (0.3, 2020, "lager", "CBS Jeugd"),
    "wmo_maatwerk": (690.0, 2020, "lager", "CBS MSD WMO"),
}


def test_elf_indicatoren_sociaal_domein(rijswijk):
    k = _kader(rijswijk, "rijswijk_sociaal_domein")
    assert [i.id for i in k.indicatoren] == list(SOCIAAL_DOMEIN)
    for i in k.indicatoren:
        waarde, jaar, richting, bron = SOCIAAL_DOMEIN[i.id]
        assert (i.basis.waarde, i.basis.jaar, i.richting, i.bron_omschrijving) == (waarde, jaar, richting, bron)
        assert not i.basis.jaar_aangenomen
        assert i.doel.type == "richting_per_jaar"
        assert i.doel.richting_per_jaar == {j: richting for j in range(2022, 2027)}
        assert i.thema == "sociaal_domein"
        assert i.cbs_dataset == "niet vastgesteld"


def test_bijstand_rij_in_tabel(tabellen):
    ind = tabellen["indicatoren"].set_index("indicator_id")
    r = ind.loc["bijstand"]
    assert r.basis_waarde == 544.5
    assert r.basis_jaar == 2020
    assert (r.doel_vanaf_jaar, r.doel_jaar) == (2022, 2026)
    assert r.richting == "lager"
    assert r.eenheid == "Aantal per 10.000 inwoners 18 jr. eo"
    assert not r.is_percentage
    assert ind.loc["jeugdhulp"].is_percentage


# --------------------------------------------------------------------------- innovatieprogramma


def test_factsheet_23_rijen(rijswijk, tabellen):
    k = _kader(rijswijk, "rijswijk_innovatieprogramma")
    ids = [p.id for p in k.projecten]
    assert len(ids) == 23
    per_lijn = {}
    for p in k.projecten:
        per_lijn.setdefault(p.programmalijn, []).append(p.id)
    assert per_lijn == {
        "overkoepelend": ["0"],
        "zorg_welzijn": [f"1.{i}" for i in range(1, 9)],
        "zorg_wonen": [f"2.{i}" for i in range(1, 5)],
        "zorg_gezondheid": [f"3.{i}" for i in range(1, 6)],
        "zorg_inkomen": [f"4.{i}" for i in range(1, 6)],
    }
    proj = tabellen["projecten"]
    assert proj.project_id.tolist()[:3] == ["0", "1.1", "1.2"]
    assert proj.set_index("project_id").loc["0", "programmalijn"] == "Overkoepelend"
    assert proj.set_index("project_id").loc["2.3", "programmalijn"] == "2. Zorg en Wonen"


def test_innovatiebudget_telt_op_tot_totaalrij(tabellen):
    sub = tabellen["subsidies"]
    innov = sub[sub.budget == "innovatiebudget"].groupby("jaar").bedrag_eur.sum()
    assert innov.to_dict() == {2016: 446_000, 2017: 459_000, 2018: 350_000}
    # amounts in brackets (another budget): 40+26+20+22+22+135+80+37+37+37+25+25+8 = 514
    assert sub[sub.budget == "ander budget"].bedrag_eur.sum() == 514_000
    assert set(sub[sub.raming].jaar) == {2018}
    assert set(sub[~sub.raming].jaar) == {2016, 2017}


def test_subsidiejaren_zoals_gereconstrueerd(tabellen):
    sub = tabellen["subsidies"]
    innov = sub[sub.budget == "innovatiebudget"]
    jaren = {pid: sorted(g.jaar.tolist()) for pid, g in innov.groupby("project_id")}
    assert jaren["1.3"] == [2018]
    assert jaren["1.5"] == [2017, 2018]
    assert jaren["1.7"] == [2016, 2017]
    assert jaren["2.2"] == [2017]
    assert jaren["3.2"] == [2018]
    assert jaren["3.3"] == [2016, 2017]
    assert jaren["3.4"] == [2016, 2017]
    assert jaren["4.1"] == [2017]
    assert jaren["4.2"] == [2018]
    assert jaren["3.1"] == [2016]
    for pid in ("1.8", "2.4", "4.5"):
        assert jaren[pid] == [2018]
    onzeker = sub[sub.jaar_bepaling == "kolompositie (onzeker)"]
    assert set(onzeker[onzeker.budget == "ander budget"].project_id) == {"1.6", "3.2", "3.5", "4.1", "4.4"}
    assert set(onzeker.project_id) == {"0", "1.6", "3.2", "3.5", "4.1", "4.4"}


def test_bereik_en_bestuursatelier(tabellen):
    proj = tabellen["projecten"].set_index("project_id")
    assert proj.loc["0", "bereik"] == 200
    assert proj.loc["1.5", "bereik"] == 2200
    assert proj.bereik.sum() == 10665
    sub = tabellen["subsidies"]
    assert sub[sub.project_id == "0"].bedrag_eur.tolist() == [0, 0]


def test_landelijke_themas(tabellen):
    proj = tabellen["projecten"].set_index("project_id")
    leden = {
        naam: sorted(proj.index[proj.landelijke_themas.str.split(";").map(lambda x, n=naam: n in x)])
        for naam in ("Eenzaamheid", "Langer Thuis", "Inclusieve Wijk")
    }
    assert leden == {
        "Eenzaamheid": ["1.1", "1.3", "1.5", "2.3", "3.1", "3.3"],
        "Langer Thuis": ["1.1", "1.3", "1.7", "2.2", "2.3", "3.1", "3.3", "3.4"],
        "Inclusieve Wijk": ["1.1", "1.3", "3.5", "4.1"],
    }
    assert proj.loc["1.1", "landelijke_themas"] == "Eenzaamheid;Langer Thuis;Inclusieve Wijk"
    # union of the three lists: 1.1 1.3 1.5 1.7 2.2 2.3 3.1 3.3 3.4 3.5 4.1 = 11 projects
    assert (proj.landelijke_themas == "").sum() == 23 - 11


def test_geborgd_en_status(rijswijk):
    k = _kader(rijswijk, "rijswijk_innovatieprogramma")
    geborgd = sorted(p.id for p in k.projecten if p.geborgd)
    assert geborgd == ["1.2", "1.4", "1.6", "1.7", "2.1", "3.1", "3.4", "4.3"]
    assert k.project("1.4").status == "Geborgd"
    assert k.project("3.1").status == "Geïmplementeerd en geborgd"
    assert all(p.status and p.geborgd_bepaling for p in k.projecten)


def test_effecten_budget_en_flatcoach(rijswijk, tabellen):
    k = _kader(rijswijk, "rijswijk_innovatieprogramma")
    assert len(k.secties["effectdimensies"]["lijst"]) == 5
    assert k.secties["budget"]["innovatiebudget_per_jaar_eur"] == 450_000
    claim = k.secties["claims"][0]
    assert (claim["project"], claim["bedrag_eur"], claim["circa"]) == ("2.3", 100_000, True)
    meta = tabellen["kaders"].set_index("kader_id")
    assert meta.loc["rijswijk_innovatieprogramma", "innovatiebudget_per_jaar_eur"] == 450_000
    assert "% belasting mantelzorgers" in k.project("3.4").indicatoren_genoemd


# --------------------------------------------------------------------------- Leidschendam-Voorburg


def test_lv_sociale_cohesie(lv, tabellen):
    k = lv[0]
    assert [t.soort for t in k.themas] == ["primair"] * 3 + ["ondersteunend"] * 2
    assert k.secties["budget"]["budget_plafond_eur"] == 1_580_267
    assert k.secties["budget"]["kosten_boven_plafond_pct"] == 2
    assert k.secties["doelen"]["gekwantificeerd"] is False
    assert k.secties["visie"]["doelstelling"]["jaar"] == 2022
    assert k.secties["monitoring"]["kleuren"] == ["rood", "oranje", "groen"]
    assert k.indicatoren == ()
    acties = {a.id: a.thema for a in k.acties}
    assert acties == {
        "gezamenlijke_programmering": "aanbod_communicatie",
        "buurtkamer_2_0": "sociale_netwerken",
        "community_building": "inwonersinitiatieven",
        "beursvloer_2_0": "vrijwilligers",
        "ludieke_activiteit": None,
    }
    assert all(a.status is None for a in k.acties)
    meta = tabellen["kaders"].set_index("kader_id").loc["lv_sociale_cohesie"]
    assert meta.budget_plafond_eur == 1_580_267
    assert meta.kosten_boven_plafond_pct == 2.0
    assert meta.gemeente_code == "GM1916"


# --------------------------------------------------------------------------- sources


def test_elk_getal_heeft_een_bron(rijswijk, lv):
    for k in rijswijk + lv:
        bestanden = {d.bestand for d in k.documenten}
        bronnen = [k.bron]
        for i in k.indicatoren:
            bronnen.append(i.bron)
            if i.basis is not None:
                bronnen.append(i.basis.bron)
            if i.doel.type != "geen":
                assert i.doel.bron is not None, i.id
                bronnen.append(i.doel.bron)
        for p in k.projecten:
            bronnen += [p.bron, p.bron_bijlage]
            bronnen += [s.bron for s in p.subsidies]
        bronnen += [t.bron for t in k.themas] + [a.bron for a in k.acties]
        for b in bronnen:
            assert b is not None
            assert b.document and b.sectie
            assert SEEDBESTAND.match(b.bestand), b
            assert b.bestand in bestanden, (k.kader_id, b.bestand)


def test_tabellen_hebben_herkomst(tabellen):
    for naam in ("themas", "indicatoren", "acties", "projecten", "subsidies", "kaders"):
        df = tabellen[naam]
        assert df.herkomst.notna().all() and (df.herkomst.str.count(" — ") >= 2).all(), naam


def test_geen_contactgegevens_of_interne_paden():
    for pad in KADER.rglob("*.yaml"):
        tekst = pad.read_text(encoding="utf-8")
        assert "@" not in tekst, pad
        assert not re.search(r"\b0\d{1,3}[- ]?\d{6,8}\b", tekst), pad
        assert "/work/" not in tekst and "ARCHITECTURE" not in tekst, pad


def test_laad_kader_los_bestand():
    k = laad_kader(RIJSWIJK / "welzijn.yaml")
    assert k.kader_id == "rijswijk_welzijn"
    assert k.bestand.name == "welzijn.yaml"


# --------------------------------------------------------------------------- governance


def test_toezicht_komt_uit_het_eigen_kader(rijswijk, lv):
    """Each gemeente's kader names its own assessing body, transcribed from its own seed with the source:
    Rijswijk's kerncoalitie and two-year rule (seed 000), L-V's subsidietafel without such a rule (seed 003)."""
    welzijn = _kader(rijswijk, "rijswijk_welzijn")
    t = welzijn.secties["toezicht"]
    assert t["naam"] == "de kerncoalitie" and t["taak"] == "toeziet op de uitvoering"
    assert t["bron"]["bestand"] == "000_95940bc7e169013f.txt"
    assert "na twee jaar" in welzijn.secties["evaluatie"]["voortzetting"]
    k = lv[0]
    t = k.secties["toezicht"]
    assert t["naam"] == "de subsidietafel Sociale cohesie"
    assert "ieder kwartaal" in t["taak"] and t.get("besluit") is None
    assert t["bron"]["bestand"] == "003_c8ab55b3be27e020.txt"
    assert t["bron"]["sectie"] == "Voortgang en monitoren afspraken"
    assert "evaluatie" not in k.secties  # seed 003 has no continuation rule: none transcribed
    assert "kerncoalitie" not in (LV / "sociale_cohesie.yaml").read_text(encoding="utf-8")


def test_toezicht_weigert_onbekende_sleutel_en_ontbrekende_bron(tmp_path):
    tekst = (LV / "sociale_cohesie.yaml").read_text(encoding="utf-8")
    pad = tmp_path / "sociale_cohesie.yaml"
    pad.write_text(tekst.replace("  naam: de subsidietafel Sociale cohesie\n",
                                 "  naam: de subsidietafel Sociale cohesie\n  orgaan: x\n"), encoding="utf-8")
    with pytest.raises(Exception) as info:
        laad_kader(pad)
    assert "toezicht.orgaan" in str(info.value)
    zonder_bron = re.sub(r"(toezicht:\n(?:  (?!bron:).*\n|    .*\n)*?)  bron:\n(?:    .*\n)+", r"\1", tekst, count=1)
    assert zonder_bron != tekst
    pad.write_text(zonder_bron, encoding="utf-8")
    with pytest.raises(Exception) as info:
        laad_kader(pad)
    assert "toezicht.bron" in str(info.value)



def test_plan_naam_komt_uit_het_eigen_kader(rijswijk, lv):
    """How the report names the plan: Rijswijk's agenda with its successor (seed 000, Evaluatie), L-V's plan
    without one (seed 003 names none); each with its source."""
    p = _kader(rijswijk, "rijswijk_welzijn").secties["plan"]
    assert (p["naam"], p["vervolg"]) == ("de agenda", "de volgende uitvoeringsagenda")
    assert p["bron"]["bestand"] == "000_95940bc7e169013f.txt"
    p = lv[0].secties["plan"]
    assert p["naam"] == "het plan" and p.get("vervolg") is None
    assert p["bron"]["bestand"] == "003_c8ab55b3be27e020.txt"
    assert "agenda" not in p["naam"]


def test_plan_weigert_onbekende_sleutel(tmp_path):
    tekst = (LV / "sociale_cohesie.yaml").read_text(encoding="utf-8")
    pad = tmp_path / "sociale_cohesie.yaml"
    pad.write_text(tekst.replace("  naam: het plan\n", "  naam: het plan\n  volgend: x\n"), encoding="utf-8")
    with pytest.raises(Exception) as info:
        laad_kader(pad)
    assert "plan.volgend" in str(info.value)

"""Validation of benefit assumptions: every refusal names the file and the key path."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.kosten_baten import BATEN_KOLOMMEN, ILLUSTRATIEF, laad_baten, laad_pm_posten, valideer_baten
from conftest import FIXTURES, ROOT

FIXTURES = FIXTURES / "kosten_baten"
BESTAND = "baten.yaml"
PROJECT_IDS = ["0", "1.1", "1.2", "1.4", "2.3", "3.5", "4.9"]


@pytest.fixture
def geldig() -> dict:
    return yaml.safe_load((FIXTURES / "baten_geldig.yaml").read_text(encoding="utf-8"))


def _fout(data: dict, project_ids=PROJECT_IDS) -> InvoerFout:
    with pytest.raises(InvoerFout) as e:
        valideer_baten(data, bestand=BESTAND, project_ids=project_ids)
    assert e.value.bestand == BESTAND
    return e.value


def test_geldig_bestand(geldig):
    baten, pm = valideer_baten(geldig, bestand=BESTAND, project_ids=PROJECT_IDS)
    assert list(baten.columns) == BATEN_KOLOMMEN
    assert baten["id"].tolist() == ["flatcoach_test", "buddy_test"]
    assert baten["volume_illustratief"].tolist() == [True, False]
    assert baten.loc[0, "volume_bron"] == ILLUSTRATIEF
    assert baten.loc[1, "volume_bron"] == "Testdocument — test.txt — Buddy"
    assert (baten["soort"] == "aanname").all()
    assert pm["id"].tolist() == ["wmo_test"]


def test_negatieve_waarde(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][1]["waarde_per_eenheid_eur"]["laag"] = -1000
    e = _fout(d)
    assert e.sleutel == "aannames[1].waarde_per_eenheid_eur.laag"
    assert "negatieve" in e.melding


def test_negatief_volume(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["volume"] = {"laag": -1, "centraal": 1, "hoog": 3}
    assert _fout(d).sleutel == "aannames[0].volume.laag"


def test_onbekend_project_id(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["project_id"] = "7.7"
    e = _fout(d)
    assert e.sleutel == "aannames[0].project_id"
    assert "7.7" in e.melding and "projecten" in e.melding


def test_onbekend_project_id_in_pm_post(geldig):
    d = copy.deepcopy(geldig)
    d["pm_posten"][0]["project_id"] = "7.7"
    assert _fout(d).sleutel == "pm_posten[0].project_id"


def test_project_id_als_getal(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["project_id"] = 2.3  # what YAML makes of an unquoted 2.3
    e = _fout(d)
    assert "aanhalingstekens" in e.melding


def test_zonder_project_ids_geen_koppelcontrole(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["project_id"] = "7.7"
    baten, _ = valideer_baten(d, bestand=BESTAND)
    assert baten.loc[0, "project_id"] == "7.7"


@pytest.mark.parametrize("waarde", [None, "", "  "])
def test_baat_zonder_baathebber(geldig, waarde):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["baathebber"] = waarde
    e = _fout(d)
    assert e.sleutel == "aannames[0].baathebber"
    assert "ontbreekt" in e.melding


def test_baathebber_sleutel_ontbreekt(geldig):
    d = copy.deepcopy(geldig)
    del d["aannames"][0]["baathebber"]
    assert _fout(d).sleutel == "aannames[0].baathebber"


def test_onbekende_baathebber(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["baathebber"] = "zorgkantoor"
    e = _fout(d)
    assert e.sleutel == "aannames[0].baathebber"
    assert "onbekende baathebber" in e.melding and "Wlz" in e.melding


def test_onbekend_mag_alleen_bij_pm_post(geldig):
    d = copy.deepcopy(geldig)
    d["pm_posten"][0]["baathebber"] = "onbekend"
    valideer_baten(d, bestand=BESTAND, project_ids=PROJECT_IDS)
    d["aannames"][0]["baathebber"] = "onbekend"
    assert _fout(d).sleutel == "aannames[0].baathebber"


def test_baat_zonder_bron(geldig):
    d = copy.deepcopy(geldig)
    del d["aannames"][0]["bron"]
    e = _fout(d)
    assert e.sleutel == "aannames[0].bron"


def test_bron_zonder_citaat(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][1]["bron"]["citaat"] = ""
    assert _fout(d).sleutel == "aannames[1].bron.citaat"


def test_bron_mag_niet_illustratief_zijn(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["bron"] = ILLUSTRATIEF
    assert _fout(d).sleutel == "aannames[0].bron"


def test_volume_zonder_bron(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["volume_bron"] = None
    assert _fout(d).sleutel == "aannames[0].volume_bron"


def test_volume_bron_vrije_tekst_geweigerd(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["volume_bron"] = "schatting projectleider"
    assert _fout(d).sleutel == "aannames[0].volume_bron"


def test_pm_post_zonder_bron(geldig):
    d = copy.deepcopy(geldig)
    del d["pm_posten"][0]["bron"]
    assert _fout(d).sleutel == "pm_posten[0].bron"


@pytest.mark.parametrize(
    ("band", "veld"),
    [
        ({"laag": 6000, "centraal": 5000, "hoog": 9000}, "waarde_per_eenheid_eur"),  # laag > centraal
        ({"laag": 1000, "centraal": 9500, "hoog": 9000}, "waarde_per_eenheid_eur"),  # centraal > hoog
        ({"laag": 3, "centraal": 1, "hoog": 0}, "volume"),  # reversed
    ],
)
def test_volgorde_laag_centraal_hoog(geldig, band, veld):
    d = copy.deepcopy(geldig)
    d["aannames"][1][veld] = band
    e = _fout(d)
    assert e.sleutel == f"aannames[1].{veld}"
    assert "volgorde" in e.melding


def test_bandbreedte_onvolledig(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][1]["volume"] = {"laag": 26, "hoog": 26}
    assert _fout(d).sleutel == "aannames[1].volume.centraal"


def test_soort_moet_aanname_zijn(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["soort"] = "meting"
    e = _fout(d)
    assert e.sleutel == "aannames[0].soort"
    assert "nooit een meting" in e.melding


def test_dubbele_id(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][1]["id"] = "flatcoach_test"
    assert _fout(d).sleutel == "aannames[1].id"


def test_onbekende_sleutel(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["volumen"] = 3
    assert _fout(d).sleutel == "aannames[0].volumen"


def test_bedrag_als_tekst(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["waarde_per_eenheid_eur"]["centraal"] = "100.000"
    e = _fout(d)
    assert e.sleutel == "aannames[0].waarde_per_eenheid_eur.centraal"
    assert "getal" in e.melding


def test_looptijd_moet_positief_geheel_zijn(geldig):
    d = copy.deepcopy(geldig)
    d["aannames"][0]["looptijd_jaren"] = 0
    assert _fout(d).sleutel == "aannames[0].looptijd_jaren"


# ------------------------------------------------------------------ files


def test_laad_bestand_met_negatieve_waarde_noemt_bestand_en_sleutel():
    pad = FIXTURES / "baten_negatief.yaml"
    with pytest.raises(InvoerFout) as e:
        laad_baten(pad)
    assert str(e.value).startswith(str(pad))
    assert "sleutel 'aannames[1].waarde_per_eenheid_eur.laag'" in str(e.value)


def test_laad_kapotte_yaml_geeft_regelnummer():
    with pytest.raises(InvoerFout) as e:
        laad_baten(FIXTURES / "baten_kapot.yaml")
    assert "ongeldige YAML" in e.value.melding
    assert e.value.rij is not None


def test_laad_ontbrekend_bestand(tmp_path):
    with pytest.raises(InvoerFout, match="niet gevonden"):
        laad_baten(tmp_path / "bestaat_niet.yaml")


def test_laad_met_projecten_tabel():
    import pandas as pd

    projecten = pd.DataFrame({"project_id": ["1.1"]})
    with pytest.raises(InvoerFout, match="2.3"):
        laad_baten(FIXTURES / "baten_geldig.yaml", projecten=projecten)
    pm = laad_pm_posten(FIXTURES / "baten_geldig.yaml", projecten=pd.DataFrame({"project_id": ["1.1", "2.3"]}))
    assert pm["baathebber"].tolist() == ["gemeente"]


def test_projectbestand_baten_yaml():
    """The shipped data/raw/programma/baten.yaml loads and keeps its promises."""
    pad = ROOT / "data" / "raw" / "programma" / "baten.yaml"
    baten = laad_baten(pad)
    pm = laad_pm_posten(pad)
    assert (baten["soort"] == "aanname").all()
    f = baten.set_index("id").loc["flatcoach_uitstel_verpleeghuis"]
    assert (f["project_id"], f["baathebber"], f["waarde_centraal_eur"]) == ("2.3", "Wlz", 100_000)
    assert bool(f["volume_illustratief"]) is True  # the volume is not in the source
    assert "100.000" in f["bron_citaat"]
    b = baten.set_index("id").loc["buddytrajecten_zorgkosten"]
    assert b["volume_centraal"] == 26 and bool(b["volume_illustratief"]) is False
    assert b["interpretatie"]  # 1.000 / 5.000 / 9.000 is a reading of "duizenden", and says so
    assert (baten["bron_bestand"] == "001_ccd4d6834e86ab33.txt").all()
    assert set(pm["id"]) >= {"flatcoach_wmo_preventie", "kerstafette_zorgkosten"}

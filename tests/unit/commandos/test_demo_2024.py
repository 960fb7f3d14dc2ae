"""The demo 2024 wave in 50150NED's layout: deterministic, labelled demo, read by the project's reader, and
the same bytes as the committed snapshot."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from conftest import ROOT
from evaluatie.demo_2024 import bestanden, genereer_golf_2024
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest import lees_bestand

MONITOR = ROOT / "data" / "raw" / "monitor"
#: the demo 2024 wave lives in the monitor folder of the edition it arrived for
EDITIE_MONITOR = ROOT / "data" / "raw" / "edities" / "2023-2024" / "monitor"


def test_same_input_same_bytes_as_the_committed_snapshot():
    uit = bestanden(MONITOR)
    assert uit == bestanden(MONITOR)
    for naam, tekst in uit.items():
        assert (EDITIE_MONITOR / naam).read_text(encoding="utf-8") == tekst, naam
    assert not (MONITOR / "50150NED").exists()  # never in the folder every edition reads


def test_written_to_another_folder_than_its_source(tmp_path):
    shutil.copytree(MONITOR / "50120NED", tmp_path / "bron" / "50120NED")
    paden = genereer_golf_2024(tmp_path / "bron", uitmap=tmp_path / "uit")
    assert paden and all(p.is_relative_to(tmp_path / "uit") for p in paden)
    assert sorted(p.name for p in (tmp_path / "bron").iterdir()) == ["50120NED"]


def test_labelled_demo_and_only_the_2024_wave(tmp_path):
    shutil.copytree(MONITOR / "50120NED", tmp_path / "50120NED")
    genereer_golf_2024(tmp_path)
    zijspoor = yaml.safe_load((tmp_path / "50150NED.bron.yaml").read_text(encoding="utf-8"))
    assert zijspoor["demo"] is True and zijspoor["tabel"] == "50150NED"
    assert "VOORBEELDDATA" in zijspoor["opmerking"]
    df = lees_bestand(tmp_path / "50150NED")
    assert set(df["jaar"]) == {2024}
    assert set(df["veld"]) == {"Eenzaam_25", "SterkEenzaam_26", "Mantelzorger_30", "Vrijwilligerswerk_31"}
    assert df["demo"].all()
    rijen = json.loads((tmp_path / "50150NED/UntypedDataSet.json").read_text(encoding="utf-8"))
    assert {r["Perioden"] for r in rijen} == {"2024JJ00"}


def test_missing_base_snapshot_refused_naming_the_file(tmp_path):
    with pytest.raises(InvoerFout, match=r"50120NED/UntypedDataSet\.json"):
        genereer_golf_2024(tmp_path)
    assert not any(tmp_path.iterdir())

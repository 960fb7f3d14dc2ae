"""Stage ingest leaves out measurements after the edition's last year (peiljaar)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from conftest import ROOT
from evaluatie.gedeeld.instellingen import laad_instellingen
from evaluatie.stages import ingest


def _project(tmp_path: Path, editie: str) -> Path:
    root = tmp_path / "p"
    (root / "data" / "raw").mkdir(parents=True)
    tekst = (ROOT / "params.yaml").read_text(encoding="utf-8")
    assert 'editie: "2021-2022"' in tekst
    (root / "params.yaml").write_text(tekst.replace('editie: "2021-2022"', f'editie: "{editie}"', 1), encoding="utf-8")
    for sub in ("kader", "monitor", "edities"):
        shutil.copytree(ROOT / "data" / "raw" / sub, root / "data" / "raw" / sub)
    return root


def test_the_2021_2022_edition_reads_no_later_year_and_says_so(tmp_path, capsys):
    # the shared file holds 2019-2024 (sociaal_domein.csv); the edition ends in 2022
    gedeeld = pd.read_csv(ROOT / "data/raw/monitor/sociaal_domein.csv", sep=";")
    later = int((gedeeld["jaar"] > 2022).sum())
    assert later > 0
    root = _project(tmp_path, "2021-2022")
    ingest.run(laad_instellingen(root))
    metingen = pd.read_parquet(root / "data/processed/metingen.parquet")
    gekoppeld = pd.read_parquet(root / "data/processed/metingen_gekoppeld.parquet")
    assert metingen["jaar"].max() == 2022 and gekoppeld["jaar"].max() == 2022
    assert 2022 in set(metingen.loc[metingen["bestand"] == "sociaal_domein.csv", "jaar"])
    fout = capsys.readouterr().err
    assert "vallen na editie 2021-2022 (peiljaar 2022) en tellen in deze editie niet mee" in fout
    assert "metingen uit 2023–2024" in fout


# the 2023-2024 edition reads 2023 and 2024 (its 2024 wave changes a status): tests/e2e/test_e2e_edities.py

"""`evaluatie valideer` judges years against the report's date when it runs in a project."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from conftest import CORPUS, ROOT
from evaluatie.cli import app


def test_valideer_refuses_a_future_baseline_in_a_project(tmp_path, monkeypatch):
    shutil.copyfile(ROOT / "params.yaml", tmp_path / "params.yaml")
    shutil.copytree(ROOT / "data" / "raw" / "kader", tmp_path / "data" / "raw" / "kader")
    shutil.copyfile(CORPUS / "kader" / "basisjaar_in_de_toekomst.yaml",
                    tmp_path / "data" / "raw" / "kader" / "rijswijk" / "welzijn.yaml")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["valideer"])
    assert res.exit_code == 1
    assert "welzijn.yaml" in res.output and "indicatoren[0].basis.jaar" in res.output and "2031" in res.output

"""Commands that write inputs take the project lock, and `evaluatie demo` never replaces a real
delivery unless told so (`--overschrijf`)."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from evaluatie.cli import app
from evaluatie.gedeeld.vergrendeling import vergrendeld

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project root with params.yaml and the shipped demo monitor folder."""
    shutil.copyfile(ROOT / "params.yaml", tmp_path / "params.yaml")
    shutil.copyfile(ROOT / "dvc.yaml", tmp_path / "dvc.yaml")
    shutil.copytree(ROOT / "data" / "raw" / "kader", tmp_path / "data" / "raw" / "kader")
    shutil.copytree(ROOT / "data" / "raw" / "monitor", tmp_path / "data" / "raw" / "monitor")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _inhoud(map_):
    return {p.relative_to(map_).as_posix(): p.read_bytes() for p in sorted(map_.rglob("*")) if p.is_file()}


def test_demo_refreshes_demo_files(project):
    res = runner.invoke(app, ["demo"])
    assert res.exit_code == 0, res.output
    assert "Voorbeelddata geschreven" in res.output


def test_demo_refuses_to_overwrite_a_real_delivery(project):
    monitor = project / "data" / "raw" / "monitor"
    sidecar = monitor / "inclusie.csv.bron.yaml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("demo: true", "demo: false"), encoding="utf-8")
    (monitor / "inclusie.csv").write_text((monitor / "inclusie.csv").read_text(encoding="utf-8").replace("8,7", "42"),
                                          encoding="utf-8")
    voor = _inhoud(monitor)
    res = runner.invoke(app, ["demo"])
    assert res.exit_code == 1
    assert "inclusie.csv.bron.yaml" in res.output and "demo: false" in res.output and "--overschrijf" in res.output
    assert "Traceback" not in res.output
    assert _inhoud(monitor) == voor  # nothing written, also not the other demo files
    res = runner.invoke(app, ["demo", "--overschrijf"])
    assert res.exit_code == 0, res.output
    assert "demo: true" in sidecar.read_text(encoding="utf-8")


def test_demo_refuses_a_data_file_without_sidecar(project):
    monitor = project / "data" / "raw" / "monitor"
    (monitor / "sociaal_domein.csv.bron.yaml").unlink()
    res = runner.invoke(app, ["demo"])
    assert res.exit_code == 1 and "sociaal_domein.csv" in res.output and "geen sidecar" in res.output


@pytest.mark.parametrize("args", [["demo"], ["ophalen", "--geen-dvc"]])
def test_commands_that_write_inputs_are_refused_during_a_build(project, args):
    monitor = project / "data" / "raw" / "monitor"
    voor = _inhoud(monitor)
    with vergrendeld(project, "make rapport"):
        res = runner.invoke(app, args)
    assert res.exit_code == 1
    assert f"evaluatie {args[0]} geweigerd" in res.output and "loopt al een bouw" in res.output
    assert _inhoud(monitor) == voor

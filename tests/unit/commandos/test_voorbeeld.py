"""`evaluatie voorbeeld` refuses clearly before it typesets anything (the typesetting itself, and that
it gives the rapport stage's bytes, is checked on a real build in tests/e2e/test_voorbeeld_e2e.py)."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from evaluatie.cli import app
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import laad_instellingen
from evaluatie.voorbeeld import maak_voorbeeld

runner = CliRunner()


@pytest.fixture
def onbebouwd(tmp_path, monkeypatch):
    """A project with its settings but never built."""
    shutil.copy(ROOT / "params.yaml", tmp_path / "params.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_without_a_build_names_the_missing_file_and_writes_nothing(onbebouwd):
    with pytest.raises(InvoerFout) as fout:
        maak_voorbeeld(laad_instellingen(onbebouwd))
    assert fout.value.bestand == str(onbebouwd / "data" / "processed" / "voortgang.parquet")
    assert "make rapport" in fout.value.melding
    assert not (onbebouwd / "voorbeeld").exists()


@pytest.mark.parametrize("args, woord", [
    (["--vorm", "odt"], "--vorm"),
    (["--document", "verantwoording", "--vorm", "docx"], "--vorm"),
    (["--document", "begroting"], "--document"),
])
def test_cli_refuses_unknown_document_or_format_in_dutch_without_traceback(onbebouwd, args, woord):
    uit = runner.invoke(app, ["voorbeeld", *args])
    assert uit.exit_code == 1
    assert uit.output.startswith("fout:") and woord in uit.output and "kies uit" in uit.output
    assert "Traceback" not in uit.output
    assert not (onbebouwd / "voorbeeld").exists()


def test_cli_without_a_build_exits_1_with_the_file(onbebouwd):
    uit = runner.invoke(app, ["voorbeeld"])
    assert uit.exit_code == 1
    assert "voortgang.parquet" in uit.output and "make rapport" in uit.output

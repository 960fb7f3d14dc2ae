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
from evaluatie.voorbeeld import _controleer_bouw, maak_voorbeeld

runner = CliRunner()


@pytest.fixture
def onbebouwd(tmp_path, monkeypatch):
    """A project with its settings but never built."""
    shutil.copy(ROOT / "params.yaml", tmp_path / "params.yaml")
    shutil.copy(ROOT / "dvc.yaml", tmp_path / "dvc.yaml")
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


def _gebouwd_voor(root, gemeente_code):
    """The files a preview takes from the last build, with voortgang.parquet of ``gemeente_code``."""
    import pandas as pd

    inst = laad_instellingen(root)
    inst.processed.mkdir(parents=True)
    for naam in ("indicatoren", "themas", "acties", "projecten", "subsidies", "metingen", "kaders",
                 "metingen_gekoppeld"):
        (inst.processed / f"{naam}.parquet").write_bytes(b"")
    pd.DataFrame({"gemeente": [gemeente_code, gemeente_code]}).to_parquet(inst.processed / "voortgang.parquet")
    (inst.rapport / "thema").mkdir(parents=True)
    for t in inst.themas:
        (inst.rapport / "thema" / f"{t}.md").write_text("", encoding="utf-8")
    (inst.rapport / "kosten_baten.md").write_text("", encoding="utf-8")
    return inst


def test_after_another_gemeentes_build_names_that_build_not_a_correct_input_file(onbebouwd):
    """`make rapport GEMEENTE=leidschendam-voorburg` leaves its data/processed; a preview of Rijswijk then
    blamed data/raw/voortzetten/2021-2022.yaml (tester). Now it says what happened."""
    inst = _gebouwd_voor(onbebouwd, "GM1916")
    with pytest.raises(InvoerFout) as fout:
        maak_voorbeeld(inst)
    assert fout.value.bestand == str(inst.processed / "voortgang.parquet")
    assert "andere gemeente (GM1916, niet GM0603" in fout.value.melding and "make rapport" in fout.value.melding
    assert not (onbebouwd / "voorbeeld").exists()


def test_after_another_editions_build_names_dvc_lock(onbebouwd):
    """After `make rapport EDITIE=2023-2024` data/processed holds 2024 figures while params.yaml says
    2021-2022: the preview mixed them into the 2021-2022 report without a word (tester)."""
    inst = _gebouwd_voor(onbebouwd, "GM0603")
    lock = "stages:\n  ingest:\n    params:\n      params.yaml:\n        editie: {}\n        gemeente_code: GM0603\n"
    (onbebouwd / "dvc.lock").write_text(lock.format("2023-2024"), encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        maak_voorbeeld(inst)
    assert fout.value.bestand == str(onbebouwd / "dvc.lock")
    assert "editie 2023-2024, niet 2021-2022" in fout.value.melding and "make rapport" in fout.value.melding
    (onbebouwd / "dvc.lock").write_text(lock.format("2020-2022").replace("GM0603", "GM1916"), encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:  # another gemeente's build: named as such, not as an edition
        maak_voorbeeld(inst)
    assert "gemeente GM1916, niet GM0603" in fout.value.melding and "GEMEENTE=" in fout.value.melding
    assert not (onbebouwd / "voorbeeld").exists()
    (onbebouwd / "dvc.lock").write_text(lock.format("2021-2022"), encoding="utf-8")
    _controleer_bouw(inst)  # the same edition passes


def test_refused_while_a_build_holds_the_project_lock(onbebouwd):
    """During `make rapport GEMEENTE=…` params.yaml holds the other gemeente's settings: no preview then."""
    from evaluatie.gedeeld.vergrendeling import vergrendeld

    with vergrendeld(onbebouwd, "make rapport"):
        uit = runner.invoke(app, ["voorbeeld"])
    assert uit.exit_code == 1 and "evaluatie voorbeeld geweigerd" in uit.output and "Traceback" not in uit.output


def test_from_a_subfolder_points_to_the_project_folder(onbebouwd, monkeypatch):
    sub = onbebouwd / "data" / "raw" / "tekst"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    uit = runner.invoke(app, ["voorbeeld"])
    assert uit.exit_code == 1 and f"ga eerst naar de projectmap ({onbebouwd.resolve()})" in uit.output


@pytest.mark.parametrize("args, woord", [
    ([], "voortgang.parquet"),  # no save can mend a missing build: refused before watching
    (["--vorm", "odt"], "--vorm"),
])
def test_follow_refuses_before_watching(onbebouwd, args, woord):
    (onbebouwd / "data" / "raw" / "tekst").mkdir(parents=True)
    uit = runner.invoke(app, ["voorbeeld", "--volg", *args])
    assert uit.exit_code == 1
    assert "fout:" in uit.output and woord in uit.output and "Traceback" not in uit.output
    assert "Ik volg" not in uit.output and "Gestopt met volgen" not in uit.output
    assert not (onbebouwd / "voorbeeld").exists()


def test_follow_without_the_texts_folder_names_it(onbebouwd):
    uit = runner.invoke(app, ["voorbeeld", "--volg"])
    assert uit.exit_code == 1
    assert "data/raw/tekst" in uit.output.replace("\n", "") and "ontbreekt" in uit.output

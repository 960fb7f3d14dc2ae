"""The command line speaks Dutch, typer's and click's own texts included."""

from __future__ import annotations

from typer.testing import CliRunner

from evaluatie.cli import app


def _uit(*args: str) -> str:
    resultaat = CliRunner().invoke(app, list(args), prog_name="evaluatie", env={"COLUMNS": "100", "TERM": "dumb"})
    return resultaat.output + (resultaat.stderr if resultaat.stderr_bytes is not None else "")


def test_hulp_is_nederlands():
    tekst = _uit("--help")
    assert "Gebruik: evaluatie [OPTIES] OPDRACHT [ARGUMENTEN]..." in tekst
    assert "Opties" in tekst and "Opdrachten" in tekst and "Toon deze hulp en stop." in tekst
    for engels in ("Usage", "Options", "Commands", "Show this message"):
        assert engels not in tekst, engels


def test_foutmelding_is_nederlands():
    tekst = _uit("inlezen")
    assert "Ontbrekend argument" in tekst and "Missing" not in tekst
    assert "Onbekende optie" in _uit("valideer", "--bestaatniet")

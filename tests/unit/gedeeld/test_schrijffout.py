"""Disk full and other OS errors while writing: one Dutch message naming the file, exit 1, no traceback,
the previous file intact and no temporary file left."""

from __future__ import annotations

import errno
import os

import pytest

from evaluatie.gedeeld.bestanden import schrijf_tekst
from evaluatie.gedeeld.fouten import InvoerFout, schrijffout
from evaluatie.stages import draai


def _schijf_vol(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_names_the_target_and_keeps_the_old_file(tmp_path, monkeypatch):
    doel = tmp_path / "uit" / "voortgang.parquet"
    doel.parent.mkdir()
    doel.write_text("oud\n", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", _schijf_vol)
    with pytest.raises(InvoerFout) as fout:
        schrijf_tekst(doel, "nieuw\n")
    assert str(doel) in str(fout.value) and "de schijf is vol" in str(fout.value)
    assert doel.read_text(encoding="utf-8") == "oud\n"
    assert sorted(p.name for p in doel.parent.iterdir()) == ["voortgang.parquet"]


def test_stage_ends_with_one_dutch_line_and_exit_1(tmp_path, monkeypatch, capsys):
    doel = tmp_path / "metingen.parquet"
    monkeypatch.setattr(os, "fsync", _schijf_vol)
    monkeypatch.delenv("EVALUATIE_DEBUG", raising=False)
    with pytest.raises(SystemExit) as uit:
        draai(lambda: schrijf_tekst(doel, "x"))
    assert uit.value.code == 1
    fout = capsys.readouterr().err
    assert fout.startswith(f"fout: {doel}: ") and "schijf is vol" in fout and "Traceback" not in fout
    assert fout.count("\n") == 1
    assert not doel.exists()


def test_stage_os_error_outside_a_write_is_named_too(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("EVALUATIE_DEBUG", raising=False)

    def stap():
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "reports"))

    with pytest.raises(SystemExit):
        draai(stap)
    assert capsys.readouterr().err == f"fout: {tmp_path / 'reports'}: kon niet lezen of schrijven: geen toestemming (bestandsrechten)\n"


def test_debug_shows_the_traceback(monkeypatch):
    monkeypatch.setenv("EVALUATIE_DEBUG", "1")
    with pytest.raises(OSError):
        draai(_schijf_vol)


def test_cli_inlezen_disk_full(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from conftest import ROOT
    from evaluatie.cli import app

    doel = tmp_path / "uit.csv"
    monkeypatch.setattr(os, "fsync", _schijf_vol)
    res = CliRunner().invoke(app, ["inlezen", str(ROOT / "data/raw/monitor/inclusie.csv"), "--uit", str(doel)])
    assert res.exit_code == 1
    assert "uit.csv" in res.output and "schijf is vol" in res.output and "Traceback" not in res.output
    assert not doel.exists()


def test_message_per_errno():
    assert "alleen-lezen" in str(schrijffout(OSError(errno.EROFS, "x", "/a")))
    assert str(schrijffout(OSError(errno.EXDEV, "Invalid cross-device link", "/a"))).startswith("/a: ")


def test_a_file_where_a_folder_belongs_is_explained_in_dutch(tmp_path):
    """A report folder replaced by a file (seen by a tester of `voorbeeld --volg`): the OS's
    "File exists" / "Not a directory" become a Dutch sentence naming the path."""
    bestand = tmp_path / "2021-2022"
    bestand.write_text("", encoding="utf-8")
    with pytest.raises(OSError) as bestaat:
        bestand.mkdir(parents=True, exist_ok=True)
    with pytest.raises(OSError) as geen_map:
        (bestand / "voorbeeld").mkdir(parents=True, exist_ok=True)
    assert str(schrijffout(bestaat.value)) == (
        f"{bestand}: kon niet lezen of schrijven: er staat al een bestand of map met die naam (bijvoorbeeld een "
        "bestand waar een map hoort); verplaats of verwijder het")
    assert str(schrijffout(geen_map.value)).startswith(f"{bestand / 'voorbeeld'}: kon niet lezen of schrijven: "
                                                       "een deel van het pad is een bestand, geen map")

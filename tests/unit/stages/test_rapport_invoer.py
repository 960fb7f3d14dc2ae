"""The report's list of input files (technical account): hidden files are no input, and a file name that
is not valid UTF-8 is refused naming the file (it crashed `make rapport` and the preview with a
UnicodeEncodeError traceback: tester)."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import ROOT
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import laad_instellingen
from evaluatie.stages.rapport import invoerbestanden


@pytest.fixture
def inst(tmp_path):
    shutil.copy(ROOT / "params.yaml", tmp_path / "params.yaml")
    inst = laad_instellingen(tmp_path)
    inst.tekst.mkdir(parents=True)
    (inst.tekst / "inleiding.md").write_text("Inleiding.\n", encoding="utf-8")
    return inst


def test_hidden_files_are_no_input(inst):
    (inst.tekst / ".#inleiding.md").symlink_to("gebruiker@werkplek.1234:1700000000")
    (inst.tekst / "._inleiding.md").write_bytes(b"\x00\x05")
    assert [r["bestand"] for r in invoerbestanden(inst, set())] == ["data/raw/tekst/2021-2022/inleiding.md"]


def test_a_name_that_is_not_utf8_is_refused_naming_the_file(inst):
    with open(os.fsencode(inst.tekst) + b"/notitie caf\xe9.txt", "wb") as fh:
        fh.write(b"x\n")
    with pytest.raises(InvoerFout) as fout:
        invoerbestanden(inst, set())
    assert "notitie caf" in fout.value.bestand and "geen geldige UTF-8" in fout.value.melding

"""`evaluatie voorbeeld` on a real build: the preview has the bytes the rapport stage writes for the
same own text, and it leaves the stage's outputs, dvc.lock and the DVC status alone."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import BIN, draai, dvc_repro

pytestmark = pytest.mark.e2e

TEKST = "De eenzaamheid daalt minder snel dan gehoopt \u2014 zeker \u2019s avonds. Zie [CBS](https://cbs.nl).\n"


def _hashes(map_: Path) -> dict[str, str]:
    return {p.relative_to(map_).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(map_.rglob("*")) if p.is_file()}


def test_preview_matches_the_stage_and_touches_no_output(gebouwd: Path, tmp_path: Path):
    kopie = tmp_path / "evaluatie"
    shutil.copytree(gebouwd, kopie, symlinks=True)
    shutil.rmtree(kopie / "voorbeeld", ignore_errors=True)  # a developer's own previews, copied along
    editie = "2021-2022"
    (kopie / "data" / "raw" / "tekst" / editie / "eenzaamheid.md").write_text(TEKST, encoding="utf-8")
    rapport, lock = _hashes(kopie / "reports"), (kopie / "dvc.lock").read_bytes()

    combinaties = [("evaluatie", "pdf"), ("evaluatie", "html"), ("evaluatie", "docx"), ("verantwoording", "pdf")]
    for document, vorm in combinaties:
        uit = draai([str(BIN / "evaluatie"), "voorbeeld", "--document", document, "--vorm", vorm], kopie)
        assert f"{document}.{vorm}" in uit.stdout.replace("\n", "")

    assert _hashes(kopie / "reports") == rapport  # no output of the stage, no temp file left behind
    assert (kopie / "dvc.lock").read_bytes() == lock
    assert "rapport" in draai([str(BIN / "dvc"), "status"], kopie).stdout  # the text change is still pending

    gedraaid = dvc_repro(kopie).stdout
    assert "Running stage 'rapport'" in gedraaid and "Running stage 'thema" not in gedraaid
    voorbeeld = kopie / "voorbeeld" / editie
    for document, vorm in combinaties:
        assert (voorbeeld / f"{document}.{vorm}").read_bytes() == \
            (kopie / "reports" / editie / f"{document}.{vorm}").read_bytes(), f"{document}.{vorm}"
    assert "zeker" in (kopie / "reports" / editie / "evaluatie.md").read_text(encoding="utf-8")


def test_refused_texts_name_the_first_in_the_report_order(gebouwd: Path, tmp_path: Path):
    """The own texts are checked side by side; with two bad texts the error names the one the report
    reads first (inleiding before the theme conclusions), as when they were checked one by one."""
    kopie = tmp_path / "evaluatie"
    shutil.copytree(gebouwd, kopie, symlinks=True)
    shutil.rmtree(kopie / "voorbeeld", ignore_errors=True)  # a developer's own previews, copied along
    tekst = kopie / "data" / "raw" / "tekst" / "2021-2022"
    (tekst / "eenzaamheid.md").write_text("Goed.\n\n![grafiek](figuur.png)\n", encoding="utf-8")
    (tekst / "inleiding.md").write_text("Inleiding.\n\nNog een zin.\n\n![kaart](kaart.png)\n", encoding="utf-8")
    uit = draai([str(BIN / "evaluatie"), "voorbeeld"], kopie, check=False)
    assert uit.returncode == 1
    melding = " ".join((uit.stdout + uit.stderr).split())
    assert "inleiding.md" in melding and "regel 5" in melding and "eenzaamheid.md" not in melding
    assert "Traceback" not in melding
    assert not (kopie / "voorbeeld").exists()

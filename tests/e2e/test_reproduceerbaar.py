"""Honest dependencies and byte-stable builds, checked on real builds in temporary copies.

- every file a stage opens (recorded by tests/hulp/sitecustomize.py during the session build) lies
  inside the deps that stage declares in dvc.yaml, so `dvc status` names every stage a change affects;
- forcing one theme stage reruns nothing downstream and leaves dvc.lock as it was;
- a second clone in another directory, with another OpenBLAS kernel (as on another processor),
  writes byte-identical outputs.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from architectuur import gedekt, stappen
from conftest import BIN, dvc_repro, kopieer_project

pytestmark = pytest.mark.e2e

#: files every stage may read without declaring them: DVC's own, the parameter file (DVC tracks the keys
#: each stage lists under `params:`) and the installed package's metadata (entry points)
ALTIJD = ("params.yaml", "dvc.yaml", "dvc.lock", ".dvc/", ".git/", "src/evaluatie.egg-info/")


def _doel(rel: str) -> str:
    """An atomic write's temporary file ``map/.naam.xxxx.tmp`` stands for ``map/naam``."""
    m = re.fullmatch(r"(.*/)?\.(.+)\.[^./]+\.tmp", rel)
    return f"{m.group(1) or ''}{m.group(2)}" if m else rel


def _geopend(gebouwd: Path) -> dict[str, set[str]]:
    per_stap: dict[str, set[str]] = {}
    for log in (gebouwd.parent / "openlog").glob("*.tsv"):
        for regel in log.read_text(encoding="utf-8").splitlines():
            stap, pad = regel.split("\t", 1)
            pad = Path(pad)
            if gebouwd in pad.parents:
                per_stap.setdefault(stap, set()).add(pad.relative_to(gebouwd).as_posix())
    return per_stap


def test_every_stage_opens_only_what_it_declares(gebouwd: Path):
    geopend = _geopend(gebouwd)
    alle = stappen(gebouwd)
    assert set(geopend) == set(alle), "elke stap moet gelogd zijn"
    fouten = []
    for stap, paden in sorted(geopend.items()):
        eigen = alle[stap]
        for rel in sorted(paden):
            if "__pycache__" in rel or rel.startswith(ALTIJD) or (gebouwd / rel).is_dir() \
                    or gedekt(_doel(rel), eigen["outs"]):
                continue
            if not gedekt(rel, eigen["deps"]):
                fouten.append(f"{stap}: {rel}")
    assert fouten == []
    # the check sees real reads: the report stage reads the researchers' folder and the monitor files
    assert any(p.startswith("data/raw/monitor/") for p in geopend["rapport"])
    assert any(p.startswith("src/evaluatie/hoofdstukken/") for p in geopend["themas"])


def _hashes(root: Path) -> dict[str, str]:
    uit = {}
    for map_ in ("data/processed", "reports"):
        for pad in sorted((root / map_).rglob("*")):
            if pad.is_file():
                uit[pad.relative_to(root).as_posix()] = hashlib.sha256(pad.read_bytes()).hexdigest()
    return uit


def test_forced_theme_stage_reruns_nothing_else(gebouwd: Path):
    lock = (gebouwd / "dvc.lock").read_bytes()
    voor = _hashes(gebouwd)
    dvc_repro(gebouwd, "-f", "-s", "themas")
    uit = dvc_repro(gebouwd).stdout
    assert "Running stage" not in uit, uit
    assert (gebouwd / "dvc.lock").read_bytes() == lock
    assert _hashes(gebouwd) == voor


def test_second_clone_elsewhere_builds_the_same_bytes(gebouwd: Path, tmp_path: Path):
    ander = kopieer_project(tmp_path / "een" / "andere" / "plek" / "evaluatie")
    dvc_repro(ander, extra_env={"OPENBLAS_CORETYPE": "Prescott"})
    a, b = _hashes(gebouwd), _hashes(ander)
    verschil = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    assert verschil == []
    assert (ander / "dvc.lock").read_bytes() == (gebouwd / "dvc.lock").read_bytes()


def _status(gebouwd: Path) -> set[str]:
    """Names of the stages `dvc status` calls changed."""
    from conftest import draai

    uit = draai([str(BIN / "dvc"), "status"], gebouwd).stdout
    return {regel.strip().rstrip(":") for regel in uit.splitlines()
            if regel and not regel.startswith((" ", "\t")) and regel.strip().endswith(":")}


@pytest.mark.parametrize(("bestand", "verwacht"), [
    # the only number -> text code: every stage that prints numbers must rebuild
    ("src/evaluatie/hoofdstukken/opmaak.py",
     {"themas", "kosten_baten", "rapport"}),
    # a sidecar's comment is shown in the report's list of input files and read by ingest
    ("data/raw/monitor/inclusie.csv.bron.yaml", {"ingest", "rapport"}),
    ("src/evaluatie/gedeeld/definities.py", None),  # the ground floor: every stage
])
def test_a_change_where_a_stage_reads_makes_dvc_status_name_it(gebouwd: Path, bestand: str, verwacht):
    pad = gebouwd / bestand
    oud = pad.read_bytes()
    try:
        pad.write_bytes(oud + b"\n# gewijzigd door een test\n")
        gemeld = _status(gebouwd)
    finally:
        pad.write_bytes(oud)
    alle = set(stappen(gebouwd))
    assert gemeld >= (alle if verwacht is None else verwacht), gemeld
    assert _status(gebouwd) == set()


def test_bytecode_caches_beside_the_code_change_no_stage(gebouwd: Path):
    """Python writes ``__pycache__/*.pyc`` beside every module it imports, unless PYTHONDONTWRITEBYTECODE
    is set. The code deps are folders (``src/evaluatie/gedeeld`` …), so without ``.dvcignore`` those caches
    would make `dvc status` call every stage changed on a machine with Python's default settings."""
    from conftest import draai

    draai([str(BIN / "python"), "-c", "import evaluatie.stages.rapport, evaluatie.voortgang.beoordeling"], gebouwd,
          extra_env={"PYTHONDONTWRITEBYTECODE": ""})  # empty counts as unset
    assert list((gebouwd / "src/evaluatie/gedeeld/__pycache__").glob("*.pyc"))
    assert _status(gebouwd) == set()


def test_editors_lock_files_beside_the_texts_change_no_stage(gebouwd: Path):
    """Emacs keeps ``.#inleiding.md`` (a symlink to nowhere) beside a text with unsaved changes: DVC could not
    hash it and `dvc status` and `make rapport` stopped with an English error (tester). Hidden files among the
    raw inputs are no input (``.dvcignore``; the report's list of input files skips them too)."""
    tekst = gebouwd / "data" / "raw" / "tekst" / "2021-2022"
    slot, mac = tekst / ".#inleiding.md", tekst / "._inleiding.md"
    slot.symlink_to("gebruiker@werkplek.1234:1700000000")
    mac.write_bytes(b"\x00\x05\x16\x07")
    try:
        assert _status(gebouwd) == set()
    finally:
        slot.unlink()
        mac.unlink()

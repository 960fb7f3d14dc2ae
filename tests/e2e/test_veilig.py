"""Safe on the path users take: `make rapport` (not the stage entry points) with bad input or a race.

Each case runs `make rapport` in the session's built copy, then puts the input back. The promise: a
refused input leaves every earlier output byte-identical, a path-like `editie` touches nothing outside
the project, and a second build while one runs is refused.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, omgeving

pytestmark = pytest.mark.e2e


def _make_rapport(kopie: Path) -> subprocess.CompletedProcess:
    env = omgeving()
    env["PYTHONPATH"] = str(kopie / "src")
    # the test environment is already installed: point the Makefile at it instead of a new .venv
    return subprocess.run(["make", "--no-print-directory", "rapport", f"VENV={BIN.parent}"], cwd=kopie, env=env,
                          capture_output=True, text=True)


def _hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for map_ in ("data/processed", "reports") for p in sorted((root / map_).rglob("*")) if p.is_file()}


@pytest.fixture
def herstel(gebouwd: Path):
    """Remember params.yaml and the kader; put them back after the test."""
    bewaard = {p: p.read_bytes() for p in [gebouwd / "params.yaml", *(gebouwd / "data/raw/kader/rijswijk").glob("*")]}
    yield gebouwd
    for p, inhoud in bewaard.items():
        p.write_bytes(inhoud)


def test_refused_kader_leaves_every_output_byte_identical(herstel: Path):
    voor = _hashes(herstel)
    kader = herstel / "data/raw/kader/rijswijk/welzijn.yaml"
    kader.write_text(kader.read_text(encoding="utf-8").replace("richting: lager", "richting: omlaag", 1),
                     encoding="utf-8")
    proc = _make_rapport(herstel)
    assert proc.returncode != 0
    assert "welzijn.yaml" in proc.stderr and "richting" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert _hashes(herstel) == voor


def test_path_like_editie_touches_nothing_outside(herstel: Path):
    kanarie = herstel.parent.parent / "kanarie"
    (kanarie / "figuren" / "eenzaamheid").mkdir(parents=True, exist_ok=True)
    (kanarie / "thema").mkdir(exist_ok=True)
    for pad in (kanarie / "figuren" / "eenzaamheid" / "anders.txt", kanarie / "thema" / "eenzaamheid.ipynb"):
        pad.write_text("niet van evaluatie\n", encoding="utf-8")
    voor = _hashes(herstel)
    params = herstel / "params.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace('editie: "2021-2022"', 'editie: "../../kanarie"'),
                      encoding="utf-8")
    proc = _make_rapport(herstel)
    assert proc.returncode != 0
    assert "params.yaml" in proc.stderr and "editie" in proc.stderr
    assert sorted(p.relative_to(kanarie).as_posix() for p in kanarie.rglob("*") if p.is_file()) == [
        "figuren/eenzaamheid/anders.txt", "thema/eenzaamheid.ipynb"]
    assert _hashes(herstel) == voor


def test_second_build_is_refused_while_one_runs(gebouwd: Path):
    from evaluatie.gedeeld.vergrendeling import vergrendeld

    with vergrendeld(gebouwd, "evaluatie demo"):
        proc = _make_rapport(gebouwd)
    assert proc.returncode != 0
    assert "make rapport geweigerd" in proc.stderr and "loopt al een bouw" in proc.stderr

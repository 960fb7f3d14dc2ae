"""Folder = layer = DVC stage: every stage declares the code it imports, and layers only look down."""

from __future__ import annotations

import ast
import shutil

import pytest

from architectuur import gedekt, importsluiting, notebook_code, onverklaarde_imports, stappen
from conftest import ROOT

STAPPEN = stappen(ROOT)


@pytest.mark.parametrize("naam", sorted(STAPPEN))
def test_stage_declares_every_module_it_imports(naam):
    assert onverklaarde_imports(ROOT, STAPPEN[naam], naam) == []


def test_check_catches_an_undeclared_import(tmp_path):
    """Remove gedeeld/ from the voortgang stage's deps: the check must name its modules."""
    kopie = tmp_path / "p"
    shutil.copytree(ROOT / "src", kopie / "src", ignore=shutil.ignore_patterns("__pycache__"))
    stap = dict(STAPPEN["voortgang"])
    stap["deps"] = [d for d in stap["deps"] if d != "src/evaluatie/gedeeld"]
    fout = onverklaarde_imports(kopie, stap, "voortgang")
    assert "src/evaluatie/gedeeld/fouten.py" in fout
    # and a new import in a stage's own layer is followed into the layer it names
    extra = kopie / "src" / "evaluatie" / "voortgang" / "onthulling.py"
    extra.write_text(extra.read_text(encoding="utf-8") + "\n\ndef _x():\n    from evaluatie.zetwerk import render\n",
                     encoding="utf-8")
    fout = onverklaarde_imports(kopie, STAPPEN["voortgang"], "voortgang")
    assert "src/evaluatie/zetwerk/render.py" in fout


def test_stage_reading_a_folder_declares_it():
    """Data folders a stage's code opens by name are in its deps (the dynamic check is in tests/e2e)."""
    rapport = STAPPEN["rapport"]["deps"]
    for map_ in ("data/raw/monitor", "data/raw/programma", "data/raw/tekst", "data/raw/voortzetten"):
        assert gedekt(map_, rapport), map_


LAGEN = ["gedeeld", "ingest", "voortgang", "kosten_baten", "hoofdstukken", "zetwerk", "stages"]
#: what each layer may import besides itself (the ground floor imports nothing above it)
MAG = {
    "gedeeld": set(),
    "ingest": {"gedeeld"},
    "voortgang": {"gedeeld"},
    "kosten_baten": {"gedeeld"},
    # the cost-benefit chapter runs inside the kosten_baten stage and calls its calculations
    "hoofdstukken": {"gedeeld", "kosten_baten"},
    "zetwerk": {"gedeeld"},
    "stages": {"gedeeld", "ingest", "voortgang", "kosten_baten", "hoofdstukken", "zetwerk"},
}


@pytest.mark.parametrize("laag", LAGEN)
def test_layers_import_only_downwards(laag):
    fouten = []
    for pad in sorted((ROOT / "src" / "evaluatie" / laag).rglob("*.py")):
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            namen = []
            if isinstance(knoop, ast.Import):
                namen = [a.name for a in knoop.names]
            elif isinstance(knoop, ast.ImportFrom) and knoop.module == "evaluatie":
                namen = [f"evaluatie.{a.name}" for a in knoop.names]
            elif isinstance(knoop, ast.ImportFrom) and knoop.module:
                namen = [knoop.module]
            for n in namen:
                delen = n.split(".")
                if delen[0] == "evaluatie" and len(delen) > 1 and delen[1] in MAG and delen[1] != laag \
                        and delen[1] not in MAG[laag]:
                    fouten.append(f"{pad.relative_to(ROOT)}:{knoop.lineno} importeert {n}")
    assert fouten == []


@pytest.mark.parametrize("notebook", ["notebooks/thema.ipynb", "notebooks/kosten_baten.ipynb"])
def test_notebooks_are_thin_templates(notebook):
    """One source for each notebook (the committed file): no outputs, stable ids, and code cells that
    only call into hoofdstukken/ (no computation in the notebook)."""
    import json

    nb = json.loads((ROOT / notebook).read_text(encoding="utf-8"))
    ids = [c["id"] for c in nb["cells"]]
    assert ids == [f"cel-{i:02d}" for i in range(len(ids))]
    for cel in nb["cells"]:
        if cel["cell_type"] == "code":
            assert cel["outputs"] == [] and cel.get("execution_count") is None
            assert len("".join(cel["source"]).splitlines()) <= 10
    from architectuur import _imports

    direct = {m for m in _imports(notebook_code(ROOT / notebook)) if m.count(".") >= 1}
    assert direct and all(m.startswith("evaluatie.hoofdstukken") for m in direct), direct


def test_architecture_document_lists_every_module():
    """docs/architectuur.md has one line per module, so a newcomer sees the whole package."""
    doc = (ROOT / "docs" / "architectuur.md").read_text(encoding="utf-8")
    ontbreekt = []
    for pad in sorted((ROOT / "src" / "evaluatie").rglob("*.py")):
        if pad.name == "__init__.py" and pad.parent.name != "evaluatie":
            continue
        if pad.name not in doc:
            ontbreekt.append(pad.relative_to(ROOT / "src").as_posix())
    assert ontbreekt == []

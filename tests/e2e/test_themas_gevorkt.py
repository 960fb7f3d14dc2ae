"""The `themas` stage with the real notebook: forked children write the same bytes as one process per theme.

The build of the `gebouwd` fixture ran the stage the default way (one forked child per theme, cells in the
child's own process). Here the same stage runs again with ``EVALUATIE_KERNEL=jupyter``: then it forks nothing
and runs ``python -m evaluatie.stages.thema <id>`` per theme, each with a Jupyter kernel — the way every theme
ran before the stages were merged. Every chapter, notebook and figure must come out byte-identical, and DVC
must see nothing to do.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import BIN, draai


def _hashes(map_: Path) -> dict[str, str]:
    return {p.relative_to(map_).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(map_.rglob("*")) if p.is_file()}


def test_forked_chapters_equal_one_process_and_kernel_per_theme(gebouwd: Path):
    rapport = gebouwd / "reports" / "2021-2022"
    voor = {m: _hashes(rapport / m) for m in ("thema", "figuren")}
    assert len(voor["thema"]) == 10 and voor["figuren"], voor
    draai([str(BIN / "python"), "-m", "evaluatie.stages.themas"], gebouwd, extra_env={"EVALUATIE_KERNEL": "jupyter"})
    assert {m: _hashes(rapport / m) for m in ("thema", "figuren")} == voor
    status = draai([str(BIN / "dvc"), "status", "themas"], gebouwd).stdout
    assert "changed" not in status, status


def test_a_students_matplotlib_cell_gives_the_same_figures_forked_and_alone(gebouwd: Path):
    """A cell `matplotlib.use("Agg")` before the chapter's cells: the chapter code still chooses its own backend
    when it is imported, after that cell, in a forked child as in a process of its own (tester finding: the
    stage imported the figure code before forking, so the student's backend won there and every SVG changed)."""
    import json

    sjabloon = gebouwd / "notebooks" / "thema.ipynb"
    origineel = sjabloon.read_bytes()
    rapport = gebouwd / "reports" / "2021-2022"
    try:
        nb = json.loads(origineel)
        eerste = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
                      and "parameters" not in c.get("metadata", {}).get("tags", []))
        nb["cells"].insert(eerste, {"cell_type": "code", "execution_count": None, "id": "student", "metadata": {},
                                    "outputs": [], "source": ["import matplotlib\n", "matplotlib.use(\"Agg\")"]})
        sjabloon.write_text(json.dumps(nb, indent=1), encoding="utf-8")
        draai([str(BIN / "python"), "-m", "evaluatie.stages.themas"], gebouwd)
        gevorkt = _hashes(rapport / "figuren")
        for thema in ("eenzaamheid", "vrijwilligers", "mantelzorg", "inclusie", "sociaal_domein"):
            draai([str(BIN / "python"), "-m", "evaluatie.stages.thema", thema], gebouwd)
        assert _hashes(rapport / "figuren") == gevorkt
    finally:
        sjabloon.write_bytes(origineel)
        draai([str(BIN / "python"), "-m", "evaluatie.stages.themas"], gebouwd)
    status = draai([str(BIN / "dvc"), "status", "themas"], gebouwd).stdout
    assert "changed" not in status, status

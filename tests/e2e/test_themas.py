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

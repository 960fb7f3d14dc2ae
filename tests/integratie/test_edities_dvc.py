"""The recorded metrics of an edition read with DVC itself (README: "Met DVC").

Runs ``dvc metrics show`` in a subprocess (± 5 s under load): in `make test`, not in `make test-snel`.
The rest of the edition tests is in ``tests/unit/commandos/test_edities.py``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import ROOT


def test_dvc_metrics_show_reads_the_recorded_edition_like_the_report():
    """The documented `dvc metrics show` on a recorded edition gives the statuses the comparison uses."""
    import subprocess

    from evaluatie.hoofdstukken.veranderd import lees

    doel = "data/raw/edities/2021-2022/voortgang_metrics.json"
    proc = subprocess.run([str(Path(sys.executable).with_name("dvc")), "metrics", "show", "--json", doel],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    gezien = json.loads(proc.stdout)
    data = next(iter(gezien.values()))["data"][doel]["data"]
    vorig = lees(ROOT / doel)
    assert {i: m["status_code"] for i, m in data["indicatoren"].items()} == {i: v.status_code for i, v in vorig.items()}

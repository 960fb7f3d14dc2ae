"""Benchmarks 1 and 7: the import floor, the kernel start and ``evaluatie --help``.

1. ``importvloer``: a bare ``python -c "import pandas, matplotlib, statsmodels.api,
   papermill, nbformat, IPython"`` (the notebook stack), median of 5 after one
   warm-up run. This is the yardstick: every notebook kernel pays at least this.
   Also the import time of each package on its own (``python -X importtime``
   is not used for the figure because it slows the run down).
   ``kernelstart``: papermill on an empty notebook with kernel "evaluatie":
   (a) the ``papermill`` command line, median of 3; (b) the pipeline's own path,
   ``evaluatie.stages.notebook.voer_uit`` (IPC kernel, atomic write), timed inside
   a child process split into imports and execution.
   ``voortgang_imports``: what stage voortgang imports now versus with the two import
   fixes proposed in docs/prestaties.md (median of 5).
7. ``help``: ``evaluatie --help``, median of 5 after one warm-up run.

Usage: ``.venv/bin/python benchmarks/stack.py`` (writes resultaten/importvloer.json,
kernelstart.json, help.json).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gemeen import PYTHON, ROOT, VENV_BIN, log, mediaan_van, meet, omgeving, schrijf_resultaat  # noqa: E402

STACK = ["pandas", "matplotlib", "statsmodels.api", "papermill", "nbformat", "IPython"]

LEEG_NOTEBOOK = {
    "cells": [],
    "metadata": {"kernelspec": {"display_name": "evaluatie (.venv)", "language": "python", "name": "evaluatie"},
                 "language_info": {"name": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}

VOER_UIT_JOB = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
import papermill, jupyter_client  # noqa: F401  (what the stage parent imports)
from evaluatie.stages.notebook import voer_uit
t1 = time.perf_counter()
voer_uit(Path(sys.argv[1]), Path(sys.argv[2]), {}, cwd=Path(sys.argv[3]))
t2 = time.perf_counter()
print(json.dumps({"imports_ouder_s": t1 - t0, "voer_uit_s": t2 - t1}))
"""


def importvloer() -> dict:
    log("stack: importvloer ...")
    env = omgeving(ROOT)
    totaal = mediaan_van([str(PYTHON), "-c", "import " + ", ".join(STACK)], n=5, env=env, opwarmen=1)
    leeg = mediaan_van([str(PYTHON), "-c", "pass"], n=5, env=env, opwarmen=1)
    los = {}
    for mod in STACK:
        los[mod] = mediaan_van([str(PYTHON), "-c", f"import {mod}"], n=3, env=env, opwarmen=0)["mediaan_s"]
    return {"opdracht": "python -c \"import " + ", ".join(STACK) + "\"", "stack": totaal,
            "kale_python": leeg, "per_pakket_mediaan_s": los}


def kernelstart() -> dict:
    log("stack: kernelstart ...")
    env = omgeving(ROOT)
    with tempfile.TemporaryDirectory(prefix="evaluatie-kernel-bench-") as tmp:
        tmp = Path(tmp)
        nb = tmp / "leeg.ipynb"
        nb.write_text(json.dumps(LEEG_NOTEBOOK), encoding="utf-8")
        cli = mediaan_van([str(VENV_BIN / "papermill"), str(nb), str(tmp / "uit.ipynb"), "-k", "evaluatie",
                           "--no-progress-bar"], n=3, cwd=tmp, env=env, opwarmen=1)
        runs = []
        for i in range(3):
            r = meet([str(PYTHON), "-c", VOER_UIT_JOB, str(nb), str(tmp / f"uit{i}.ipynb"), str(tmp)],
                     cwd=tmp, env=env)
            d = json.loads(r["stdout"].strip().splitlines()[-1])
            d["wand_s"] = r["seconden"]
            runs.append(d)
        runs.sort(key=lambda d: d["wand_s"])
        mediaan = runs[len(runs) // 2]
    return {"papermill_cli": cli, "voer_uit_mediaan": {k: round(v, 3) for k, v in mediaan.items()},
            "voer_uit_runs": [{k: round(v, 3) for k, v in d.items()} for d in runs]}


# stage voortgang: what it imports now, and what it would import with the two import fixes
# (statsmodels.api -> the two statsmodels modules it uses; evaluatie.ingest exporting lazily so
# that koppel/laad_koppeling do not pull in pandera)
VOORTGANG_IMPORTS = {
    "huidig": "import evaluatie.stages.voortgang, evaluatie.ingest, evaluatie.voortgang, pyarrow.parquet",
    "smal": "import evaluatie.stages, pandas, yaml, pyarrow.parquet, scipy.stats, babel.numbers, "
            "statsmodels.regression.linear_model, statsmodels.tools.tools, statsmodels.stats.proportion",
}


def voortgang_imports() -> dict:
    log("stack: imports van stap voortgang ...")
    env = omgeving(ROOT)
    return {k: {"opdracht": v, **mediaan_van([str(PYTHON), "-c", v], n=5, env=env, opwarmen=1)}
            for k, v in VOORTGANG_IMPORTS.items()}


def help_() -> dict:
    log("stack: evaluatie --help ...")
    r = mediaan_van([str(VENV_BIN / "evaluatie"), "--help"], n=5, env=omgeving(ROOT), opwarmen=1)
    return {"help": r, "doel": {"mediaan_s": 0.5}}


def draai() -> dict[str, dict]:
    return {"importvloer": {**importvloer(), "voortgang_imports": voortgang_imports()},
            "kernelstart": kernelstart(), "help": help_()}


def main() -> None:
    for naam, data in draai().items():
        log(f"stack: {naam} -> {schrijf_resultaat(naam, data)}")


if __name__ == "__main__":
    main()

"""Text loop, no-op and render of two code versions, measured alternately (issue 20, third round).

On a shared machine the load changes from minute to minute, so "before" and "after" measured one
after the other differ by more than the change itself. This script builds two temporary copies of
the project (``bouw.Bouwer``): one with ``--src`` (older code, e.g. via ``git archive``) and one with
the working tree's code, and then measures them in turns: no-op ``dvc repro``, the text loop (a new
sentence in ``data/raw/tekst/<editie>/eenzaamheid.md``, then ``dvc repro``; only ``rapport`` may run),
the rapport stage alone, and (where the code has it) ``evaluatie voorbeeld``. Every measurement records
wall time, CPU time (``os.wait4``) and the load.

Usage: ``.venv/bin/python benchmarks/tekstlus_ab.py --src /tmp/voor/src [--rondes 3]``; writes
``resultaten/tekstlus_ab.json``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gemeen import PYTHON, log, meet, schrijf_resultaat  # noqa: E402
from bouw import DVC, Bouwer, schone_bouw  # noqa: E402


def _samen(runs: list[dict]) -> dict:
    return {"wand_mediaan_s": round(statistics.median(r["wand_s"] for r in runs), 3),
            "cpu_mediaan_s": round(statistics.median(r["cpu_s"] for r in runs), 3), "runs": runs}


def _een(args: list, b: Bouwer) -> dict:
    r = meet(args, cwd=b.kopie, env=b.env)
    return {"wand_s": round(r["seconden"], 3), "cpu_s": round(r["cpu_s"], 3),
            "belasting": round(os.getloadavg()[0], 2), "stdout": r["stdout"][-300:]}


def main() -> None:
    ap = argparse.ArgumentParser(description="Tekstlus, no-op en render van twee codeversies om en om meten.")
    ap.add_argument("--src", type=Path, required=True, help="de broncode van 'voor' (een map src/)")
    ap.add_argument("--rondes", type=int, default=3)
    args = ap.parse_args()
    if not (args.src / "evaluatie" / "__init__.py").is_file():
        ap.error(f"--src {args.src}: geen map src/ met het pakket evaluatie")
    with tempfile.TemporaryDirectory(prefix="evaluatie-ab-") as tmp:
        versies = {}
        for naam in ("voor", "na"):
            (Path(tmp) / naam).mkdir()
            b = Bouwer(Path(tmp) / naam)
            if naam == "voor":
                shutil.rmtree(b.kopie / "src")
                shutil.copytree(args.src, b.kopie / "src", ignore=shutil.ignore_patterns("__pycache__"))
            log(f"tekstlus_ab: {naam} bouwen ...")
            schone_bouw(b)
            versies[naam] = b
        editie = "2021-2022"
        uit: dict[str, dict[str, list]] = {n: {"noop": [], "tekstlus": [], "render": [], "voorbeeld_pdf": []}
                                           for n in versies}
        for ronde in range(args.rondes):
            log(f"tekstlus_ab: ronde {ronde + 1} ...")
            for naam, b in versies.items():
                uit[naam]["noop"].append(_een([DVC, "repro"], b))
            for naam, b in versies.items():
                pad = b.kopie / "data" / "raw" / "tekst" / editie / "eenzaamheid.md"
                pad.write_text(f"Benchmarkconclusie, ronde {ronde + 1}: de eenzaamheid daalt minder snel.\n",
                               encoding="utf-8")
                r = b.repro()
                uit[naam]["tekstlus"].append({"wand_s": r["wand_s"], "cpu_s": r["cpu_s"],
                                              "belasting": round(os.getloadavg()[0], 2),
                                              "stages_gedraaid": r["stages_gedraaid"],
                                              "stap_rapport_s": sum(s["s"] for s in r["stages"])})
            for naam, b in versies.items():
                uit[naam]["render"].append(_een([PYTHON, "-m", "evaluatie.stages.rapport"], b))
            for naam, b in versies.items():
                if (b.kopie / "src" / "evaluatie" / "voorbeeld.py").exists():
                    uit[naam]["voorbeeld_pdf"].append(_een([PYTHON, "-m", "evaluatie.cli", "voorbeeld"], b))
        gelijk = {}
        for bestand in sorted((versies["na"].kopie / "reports" / editie).glob("*.*")):
            ander = versies["voor"].kopie / "reports" / editie / bestand.name
            gelijk[bestand.name] = ander.exists() and ander.read_bytes() == bestand.read_bytes()
    data = {"src_voor": str(args.src), "rondes": args.rondes, "documenten_gelijk": gelijk,
            **{n: {deel: _samen(runs) for deel, runs in delen.items() if runs} for n, delen in uit.items()}}
    pad = schrijf_resultaat("tekstlus_ab", data)
    log(f"tekstlus_ab -> {pad}")


if __name__ == "__main__":
    main()

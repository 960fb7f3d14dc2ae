"""Many gemeenten through DVC's experiment queue (``evaluatie alle-gemeenten``), against one after another.

For every configured gemeente (``configuraties/``; today Rijswijk and Leidschendam-Voorburg) the settings are
handed to DVC as ``-S`` overrides built by :func:`evaluatie.gemeenten.overrides` (the same plan the command
makes), so ``params.yaml`` is never rewritten in the working tree:

* **sequential** (baseline): in a fresh ``git clone`` of the committed HEAD, one
  ``dvc exp run --temp -S ...`` per gemeente, one after the other;
* **the command**: in a second fresh clone, ``evaluatie alle-gemeenten --jobs N`` (default 2): queue every
  gemeente, ``dvc queue start --jobs N``, wait, and collect each experiment's ``reports/<editie>/`` into
  ``reports/<gemeente>/<editie>/`` from the experiment commit and the DVC cache (no ``dvc exp apply``).

Two clones, each with an empty DVC cache and run-cache, so neither run restores stages the other built. The
figure is the ratio wall(command) / wall(sequential) from the same run; the command's wall time includes
queueing and collecting, the baseline's does not collect anything. Afterwards the benchmark checks that each
``reports/<gemeente>/<editie>/evaluatie.pdf`` exists, that params.yaml is byte-identical and that ``git status``
is clean. Per run also the share of the whole machine's CPU that was busy (``/proc/stat``; 1.0: both cores
full, whoever used them), to read the ratio on a shared machine. Uncommitted changes are not in the clones
(the result file lists them).

Usage::

    .venv/bin/python benchmarks/wachtrij.py [--jobs 2] [--eerst-wachtrij] [--naam wachtrij]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gemeen import ROOT, VENV_BIN, commit, log, machine, meet, omgeving, schrijf_resultaat  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))  # the plan of this checkout, not of whatever the venv installed

from evaluatie.gemeenten import Taak, plan  # noqa: E402

DVC = str(VENV_BIN / "dvc")
EVALUATIE = str(VENV_BIN / "evaluatie")


def _cpu_tellers() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine from /proc/stat (idle and iowait count as not busy)."""
    velden = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return sum(velden) - velden[3] - velden[4], sum(velden)


def _bezet(voor: tuple[int, int]) -> float:
    """Share of the machine's CPU time that was busy (any process) since ``voor``: 1.0 = every core full."""
    na = _cpu_tellers()
    return round((na[0] - voor[0]) / max(1, na[1] - voor[1]), 3)


def _kloon(doel: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(doel)], check=True)
    return doel


def sequentieel(kopie: Path, taken: list[Taak], env: dict) -> dict:
    per: dict[str, float] = {}
    cpu = _cpu_tellers()
    t = time.perf_counter()
    for taak in taken:
        log(f"wachtrij: sequentieel {taak.naam} ...")
        r = meet([DVC, "exp", "run", "--temp", "-n", f"seq-{taak.naam}", *taak.overrides], cwd=kopie, env=env)
        per[taak.naam] = round(r["seconden"], 2)
    return {"wand_s": round(time.perf_counter() - t, 2), "per_gemeente_s": per, "machine_bezet": _bezet(cpu),
            "belasting_na": machine()["belasting_1_5_15_min"]}


def opdracht(kopie: Path, taken: list[Taak], jobs: int, env: dict) -> dict:
    params = (kopie / "params.yaml").read_bytes()
    log(f"wachtrij: evaluatie alle-gemeenten --jobs {jobs} ...")
    cpu = _cpu_tellers()
    r = meet([EVALUATIE, "alle-gemeenten", "--jobs", str(jobs)], cwd=kopie, env=env)
    # "... gebouwd in 250 s (in de rij zetten 12 s, bouwen 230 s, verzamelen 8 s)": the command's own phases
    fasen = re.search(r"in de rij zetten (\d+) s, bouwen (\d+) s, verzamelen (\d+) s", r["stdout"])
    verzameld = {t.naam: f"reports/{t.gemeente}/{t.editie}/evaluatie.pdf" for t in taken}
    ontbreekt = [p for p in verzameld.values() if not (kopie / p).is_file()]
    if ontbreekt:
        raise RuntimeError(f"niet verzameld: {ontbreekt}\n{r['stdout']}\n{r['stderr']}")
    return {
        "wand_s": round(r["seconden"], 2),
        "jobs": jobs,
        "fasen_s": dict(zip(("in_de_rij_zetten", "bouwen", "verzamelen"), map(int, fasen.groups()))) if fasen else None,
        "uitvoer": r["stdout"].strip().splitlines(),
        "verzameld": sorted(verzameld.values()),
        "params_yaml_byte_gelijk": (kopie / "params.yaml").read_bytes() == params,
        "git_status_schoon": subprocess.run(["git", "status", "--porcelain"], cwd=kopie, capture_output=True,
                                            text=True).stdout == "",
        "machine_bezet": _bezet(cpu),
        "belasting_na": machine()["belasting_1_5_15_min"],
    }


def draai(jobs: int = 2, eerst_wachtrij: bool = False) -> dict:
    """Both runs, sequential first (or the command first with ``eerst_wachtrij``: on a machine whose load
    changes during the run, swapping the order shows how much of the ratio is the load)."""
    env = omgeving()
    belasting_voor = machine()["belasting_1_5_15_min"]
    with tempfile.TemporaryDirectory(prefix="evaluatie-wachtrij-") as tmp:
        tmp = Path(tmp)
        seq_kopie = _kloon(tmp / "sequentieel")
        rij_kopie = _kloon(tmp / "rij")
        taken, _ = plan(seq_kopie)
        if eerst_wachtrij:
            rij = opdracht(rij_kopie, taken, jobs, {**env, "PYTHONPATH": str(rij_kopie / "src")})
        seq = sequentieel(seq_kopie, taken, {**env, "PYTHONPATH": str(seq_kopie / "src")})
        if not eerst_wachtrij:
            rij = opdracht(rij_kopie, taken, jobs, {**env, "PYTHONPATH": str(rij_kopie / "src")})
    return {
        "volgorde": "eerst de opdracht, dan na elkaar" if eerst_wachtrij else "eerst na elkaar, dan de opdracht",
        "gekloonde_commit": commit(),
        "gemeenten": [t.naam for t in taken],
        "belasting_voor": belasting_voor,
        "sequentieel": seq,
        "wachtrij": rij,
        "verhouding_wachtrij_sequentieel": round(rij["wand_s"] / seq["wand_s"], 3),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--eerst-wachtrij", action="store_true", help="meet eerst de opdracht, dan na elkaar")
    ap.add_argument("--naam", default="wachtrij", help="naam van het resultaatbestand in benchmarks/resultaten/")
    a = ap.parse_args(argv)
    r = draai(a.jobs, a.eerst_wachtrij)
    log(f"wachtrij: verhouding {r['verhouding_wachtrij_sequentieel']} -> {schrijf_resultaat(a.naam, r)}")


if __name__ == "__main__":
    main()

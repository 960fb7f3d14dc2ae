"""Many gemeenten through DVC's own experiment queue, against running them one after another.

For every configuration in ``configuraties/`` (today Rijswijk and Leidschendam-Voorburg) the
parameters of ``configuraties/<gemeente>.yaml`` are handed to DVC as ``-S`` overrides, so
``params.yaml`` is never rewritten in the working tree:

* **sequential** (baseline): in a fresh ``git clone`` of the committed HEAD, one
  ``dvc exp run --temp -S ...`` per gemeente, one after the other;
* **queue**: in a second fresh clone, ``dvc exp run --queue -S ...`` per gemeente, then
  ``dvc queue start --jobs N`` (default 2) and wait until no task is queued or running.

Two clones, each with an empty DVC cache and run-cache, so neither run restores stages the
other built. The figure is the ratio wall(queue) / wall(sequential) from the same run.
Afterwards the results are collected per gemeente: for every experiment ``dvc exp apply`` in the
queue clone, then ``reports/<editie>/`` is copied to ``reports/<gemeente>/<editie>/`` of the
directory given with ``--verzamel`` (default: the queue clone's own ``reports/``), and the
benchmark checks that each holds ``evaluatie.pdf``. Uncommitted changes are not in the clones
(the result file lists them).

Usage::

    .venv/bin/python benchmarks/wachtrij.py [--jobs 2] [--gemeenten rijswijk leidschendam-voorburg]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gemeen import ROOT, VENV_BIN, commit, log, meet, omgeving, schrijf_resultaat  # noqa: E402

DVC = str(VENV_BIN / "dvc")
MAX_WACHT_S = 1500  # the queue must finish within 25 minutes, or the benchmark stops it


def _hydra(waarde) -> str:
    """A YAML value as a Hydra override value (what ``dvc exp run -S`` parses)."""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, (int, float)):
        return repr(waarde)
    if isinstance(waarde, list):
        return "[" + ",".join(_hydra(w) for w in waarde) + "]"
    if waarde is None:
        return "null"
    return "'" + str(waarde).replace("\\", "\\\\").replace("'", "\\'") + "'"


def overrides(config: Path, params: Path) -> list[str]:
    """``-S`` arguments that turn params.yaml into ``config`` (nested keys dotted; a key that
    params.yaml lacks gets Hydra's '+')."""
    import yaml

    doel = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    huidig = yaml.safe_load(params.read_text(encoding="utf-8")) or {}

    def plat(d: dict, voor: str = "") -> list[tuple[str, object]]:
        uit = []
        for k, v in d.items():
            if isinstance(v, dict):
                uit += plat(v, f"{voor}{k}.")
            else:
                uit.append((f"{voor}{k}", v))
        return uit

    def heeft(d: dict, sleutel: str) -> bool:
        for deel in sleutel.split("."):
            if not isinstance(d, dict) or deel not in d:
                return False
            d = d[deel]
        return True

    args = []
    for sleutel, waarde in plat(doel):
        args += ["-S", f"{'' if heeft(huidig, sleutel) else '+'}{sleutel}={_hydra(waarde)}"]
    return args


def _kloon(doel: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(doel)], check=True)
    return doel


def _editie(config: Path) -> str:
    import yaml

    return str((yaml.safe_load(config.read_text(encoding="utf-8")) or {})["editie"])


def sequentieel(kopie: Path, gemeenten: list[str], env: dict) -> dict:
    per: dict[str, float] = {}
    t = time.perf_counter()
    for g in gemeenten:
        log(f"wachtrij: sequentieel {g} ...")
        r = meet([DVC, "exp", "run", "--temp", "-n", f"seq-{g}",
                  *overrides(kopie / "configuraties" / f"{g}.yaml", kopie / "params.yaml")], cwd=kopie, env=env)
        per[g] = round(r["seconden"], 2)
    return {"wand_s": round(time.perf_counter() - t, 2), "per_gemeente_s": per}


def _status(kopie: Path, env: dict) -> str:
    return subprocess.run([DVC, "queue", "status"], cwd=kopie, env=env, capture_output=True, text=True).stdout


def wachtrij(kopie: Path, gemeenten: list[str], jobs: int, env: dict) -> dict:
    t = time.perf_counter()
    for g in gemeenten:
        meet([DVC, "exp", "run", "--queue", "-n", f"rij-{g}",
              *overrides(kopie / "configuraties" / f"{g}.yaml", kopie / "params.yaml")], cwd=kopie, env=env)
    in_rij = time.perf_counter() - t
    log(f"wachtrij: {len(gemeenten)} taken in de rij ({in_rij:.1f} s); dvc queue start --jobs {jobs} ...")
    meet([DVC, "queue", "start", "--jobs", str(jobs)], cwd=kopie, env=env)
    status = ""
    while time.perf_counter() - t < MAX_WACHT_S:
        time.sleep(1.0)
        status = _status(kopie, env)
        regels = [r for r in status.splitlines()[1:] if r.strip() and not r.startswith("Worker")]
        if regels and not any(w in r for r in regels for w in ("Queued", "Running")):
            break
    wand = time.perf_counter() - t
    subprocess.run([DVC, "queue", "stop"], cwd=kopie, env=env, capture_output=True)
    if any(w in status for w in ("Queued", "Running")):
        subprocess.run([DVC, "queue", "kill", *[f"rij-{g}" for g in gemeenten]], cwd=kopie, env=env,
                       capture_output=True)
        raise RuntimeError(f"de rij was na {MAX_WACHT_S} s niet klaar:\n{status}")
    mislukt = [r for r in status.splitlines() if "Failed" in r]
    if mislukt:
        logs = {g: subprocess.run([DVC, "queue", "logs", f"rij-{g}"], cwd=kopie, env=env, capture_output=True,
                                  text=True).stdout[-3000:] for g in gemeenten}
        raise RuntimeError(f"taken mislukt:\n{status}\n{json.dumps(logs, indent=1)}")
    return {"wand_s": round(wand, 2), "in_de_rij_zetten_s": round(in_rij, 2), "jobs": jobs, "status": status}


def verzamel(kopie: Path, gemeenten: list[str], doel: Path, env: dict) -> dict[str, list[str]]:
    """Per experiment: ``dvc exp apply``, then copy reports/<editie> to <doel>/<gemeente>/<editie>."""
    uit: dict[str, list[str]] = {}
    for g in gemeenten:
        editie = _editie(kopie / "configuraties" / f"{g}.yaml")
        meet([DVC, "exp", "apply", f"rij-{g}"], cwd=kopie, env=env)
        bron = kopie / "reports" / editie
        naar = doel / g / editie
        if naar.exists():
            shutil.rmtree(naar)
        shutil.copytree(bron, naar)
        uit[g] = sorted(p.relative_to(doel).as_posix() for p in naar.glob("evaluatie.*"))
        if not (naar / "evaluatie.pdf").exists():
            raise RuntimeError(f"{g}: geen evaluatie.pdf in {bron}")
    subprocess.run(["git", "checkout", "--", "."], cwd=kopie, check=True, capture_output=True)
    return uit


def draai(gemeenten: list[str], jobs: int, verzamel_in: Path | None) -> dict:
    env = omgeving()
    with tempfile.TemporaryDirectory(prefix="evaluatie-wachtrij-") as tmp:
        tmp = Path(tmp)
        seq_kopie = _kloon(tmp / "sequentieel")
        env_seq = {**env, "PYTHONPATH": str(seq_kopie / "src")}
        seq = sequentieel(seq_kopie, gemeenten, env_seq)
        rij_kopie = _kloon(tmp / "rij")
        env_rij = {**env, "PYTHONPATH": str(rij_kopie / "src")}
        rij = wachtrij(rij_kopie, gemeenten, jobs, env_rij)
        doel = verzamel_in or (rij_kopie / "reports")
        verzameld = verzamel(rij_kopie, gemeenten, doel, env_rij)
        params_ongewijzigd = subprocess.run(["git", "status", "--porcelain", "params.yaml"], cwd=rij_kopie,
                                            capture_output=True, text=True).stdout.strip() == ""
    return {
        "gekloonde_commit": commit(),
        "gemeenten": gemeenten,
        "sequentieel": seq,
        "wachtrij": rij,
        "verhouding_wachtrij_sequentieel": round(rij["wand_s"] / seq["wand_s"], 3),
        "verzameld": verzameld,
        "verzameld_in": str(verzamel_in) if verzamel_in else "(tijdelijke kloon, na de meting verwijderd)",
        "params_yaml_ongewijzigd": params_ongewijzigd,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--gemeenten", nargs="+", default=None,
                    help="namen uit configuraties/ (standaard: alle)")
    ap.add_argument("--verzamel", type=Path, default=None,
                    help="map waarin reports/<gemeente>/<editie>/ komt (standaard: alleen in de tijdelijke kloon)")
    a = ap.parse_args(argv)
    gemeenten = a.gemeenten or sorted(p.stem for p in (ROOT / "configuraties").glob("*.yaml"))
    r = draai(gemeenten, a.jobs, a.verzamel)
    log(f"wachtrij: verhouding {r['verhouding_wachtrij_sequentieel']} -> {schrijf_resultaat('wachtrij', r)}")


if __name__ == "__main__":
    main()

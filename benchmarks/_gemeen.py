"""Shared helpers for the benchmarks: timing, peak memory, project copy, JSON results.

Only public tools: ``time.perf_counter`` for wall time, ``resource.getrusage`` /
``os.wait4`` for the peak resident set size (ru_maxrss) of a child process.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
RESULTATEN = BENCH / "resultaten"
# the project's venv; in a git worktree without one, the venv of the interpreter running this
VENV_BIN = ROOT / ".venv" / "bin" if (ROOT / ".venv" / "bin" / "python").exists() else Path(sys.executable).parent
PYTHON = VENV_BIN / "python"

# what a clean copy leaves out (outputs, caches, the environment)
NEGEER = {".venv", "data/processed", "reports", ".dvc/cache", ".dvc/tmp", ".pytest_cache", ".hypothesis",
          "benchmarks/resultaten", "voorbeeld"}


def omgeving(kopie: Path | None = None) -> dict[str, str]:
    """Environment for a child: the project's venv first on PATH; PYTHONPATH = the copy's src; Python's
    bytecode cache allowed, as the Makefile does (``unexport PYTHONDONTWRITEBYTECODE``)."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("EVALUATIE_DEBUG", None)
    if kopie is not None:
        env["PYTHONPATH"] = str(Path(kopie) / "src")
    return env


def kopieer_project(doel: Path) -> Path:
    """Copy the working tree with .git, without .venv, outputs and caches."""

    def negeer(map_: str, namen: list[str]) -> set[str]:
        rel = Path(map_).relative_to(ROOT)
        # (Path(".") / n).as_posix() == n; no lstrip("./"), which would also eat the dot of ".dvc"
        return {n for n in namen if (rel / n).as_posix() in NEGEER or n == "__pycache__"}

    shutil.copytree(ROOT, doel, ignore=negeer, symlinks=True)
    if (doel / ".git").is_file():
        # a copy of a git worktree has a `.git` file pointing at the developer's own index: with
        # autostage DVC would stage the copy's dvc.lock there (as tests/conftest.py, kopieer_project)
        (doel / ".dvc" / "config.local").write_text("[core]\n    autostage = false\n", encoding="utf-8")
    return doel


def _start(args: list[str], cwd, env):
    """Start a child with stdout/stderr in temporary FILES, not pipes: a pipe would make us
    wait for every grandchild that inherited it (an orphaned Jupyter kernel lives up to a
    second after its parent), while the command itself has long returned."""
    uit = tempfile.TemporaryFile()
    fout = tempfile.TemporaryFile()
    proc = subprocess.Popen([str(a) for a in args], cwd=cwd, env=env, stdout=uit, stderr=fout)
    return proc, uit, fout


def _lees(f) -> str:
    f.seek(0)
    tekst = f.read().decode("utf-8", errors="replace")
    f.close()
    return tekst


def meet(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
         check: bool = True) -> dict[str, Any]:
    """Run a command once: wall time (s) until the command itself exits, its CPU time (user + system,
    s, with the children it waited for: ``os.wait4``), exit code, output."""
    start = time.perf_counter()
    proc, uit, fout = _start(args, cwd, env)
    _, status, gebruik = os.wait4(proc.pid, 0)
    wand = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    r = {"seconden": wand, "cpu_s": gebruik.ru_utime + gebruik.ru_stime, "code": proc.returncode,
         "stdout": _lees(uit), "stderr": _lees(fout)}
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} faalde ({proc.returncode}):\n{r['stdout']}\n{r['stderr']}")
    return r


def meet_met_geheugen(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
                      check: bool = True) -> dict[str, Any]:
    """Run a command once and read its own peak RSS with os.wait4 (Linux: ru_maxrss in KiB)."""
    start = time.perf_counter()
    proc, uit, fout = _start(args, cwd, env)
    _, status, gebruik = os.wait4(proc.pid, 0)
    wand = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    r = {"seconden": wand, "piek_mb": gebruik.ru_maxrss / 1024, "code": proc.returncode,
         "stdout": _lees(uit), "stderr": _lees(fout)}
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} faalde ({proc.returncode}):\n{r['stdout']}\n{r['stderr']}")
    return r


def mediaan_van(args: list[str], n: int = 5, cwd: Path | None = None, env: dict[str, str] | None = None,
                opwarmen: int = 1) -> dict[str, Any]:
    """Median (and all runs) of ``n`` timed runs after ``opwarmen`` untimed warm-up runs."""
    for _ in range(opwarmen):
        meet(args, cwd, env)
    runs = [meet(args, cwd, env) for _ in range(n)]
    tijden = [r["seconden"] for r in runs]
    cpu = [r["cpu_s"] for r in runs]
    return {"mediaan_s": statistics.median(tijden), "min_s": min(tijden), "max_s": max(tijden),
            "runs_s": [round(t, 4) for t in tijden], "cpu_mediaan_s": round(statistics.median(cpu), 3),
            "n": n, "opwarmen": opwarmen}


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = ""
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                cpu = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    geheugen_gb = None
    try:
        for regel in Path("/proc/meminfo").read_text().splitlines():
            if regel.startswith("MemTotal"):
                geheugen_gb = round(int(regel.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu": cpu,
        "kernen": os.cpu_count(),
        "geheugen_gb": geheugen_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "belasting_1_5_15_min": [round(x, 2) for x in os.getloadavg()],
    }


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short=10", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "onbekend"


def gewijzigd() -> list[str]:
    """Tracked files changed but not committed (the copies measure the working tree, not HEAD)."""
    try:
        uit = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return sorted(r[3:] for r in uit.splitlines() if r[3:] and not r[3:].startswith(("benchmarks/", "docs/prestaties")))


def schrijf_resultaat(naam: str, data: dict[str, Any]) -> Path:
    """benchmarks/resultaten/<naam>.json with machine, commit and timestamp (stable key order)."""
    RESULTATEN.mkdir(parents=True, exist_ok=True)
    inhoud = {
        "meting": naam,
        "gemeten_op": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "commit": commit(),
        "niet_gecommit": gewijzigd(),
        "machine": machine(),
        **data,
    }
    pad = RESULTATEN / f"{naam}.json"
    tmp = pad.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(inhoud, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    tmp.replace(pad)
    return pad


def lees_resultaat(naam: str) -> dict[str, Any] | None:
    pad = RESULTATEN / f"{naam}.json"
    return json.loads(pad.read_text(encoding="utf-8")) if pad.exists() else None


def log(tekst: str) -> None:
    print(tekst, file=sys.stderr, flush=True)

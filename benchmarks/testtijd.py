"""How long the test suites take: ``make test-snel`` (unit tests, two xdist workers) and,
with ``--volledig``, ``make test`` (the full suite as CI runs it).

Runs the same pytest command lines as the Makefile targets (read from the Makefile, so the
figure follows the target), with the project's venv, in the working tree. Records wall time,
the CPU time of the whole process tree (``os.wait4``: user + system of pytest and its workers)
and pytest's closing line. CPU time is the steadier figure on a shared machine: wall time is
at least CPU time / 2 on two cores.

Usage::

    .venv/bin/python benchmarks/testtijd.py [--volledig]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gemeen import PYTHON, ROOT, _lees, _start, log, omgeving, schrijf_resultaat  # noqa: E402


def pytest_args(doel: str) -> list[str]:
    """The pytest arguments of a Makefile target (``$(BIN)/python -m pytest ...;``)."""
    tekst = (ROOT / "Makefile").read_text(encoding="utf-8")
    blok = tekst.split(f"\n{doel}:", 1)[1]
    m = re.search(r"\$\(BIN\)/python -m pytest([^;\n]*);", blok)
    if not m:
        raise SystemExit(f"Makefile: geen pytest-regel in {doel}")
    return shlex.split(m.group(1))  # -m "not kernel" is one argument


def meet_tests(doel: str) -> dict:
    args = [str(PYTHON), "-m", "pytest", *pytest_args(doel)]
    env = omgeving(ROOT)
    log(f"testtijd: make {doel} = {' '.join(args[1:])} ...")
    belasting = os.getloadavg()
    start = time.perf_counter()
    proc, uit, fout = _start(args, ROOT, env)
    _, status, gebruik = os.wait4(proc.pid, 0)
    wand = time.perf_counter() - start
    stdout = _lees(uit)
    _lees(fout)
    slot = next((r for r in reversed(stdout.splitlines()) if re.search(r"\d+ (passed|failed)", r)), "")
    return {"doel": doel, "opdracht": args[1:], "wand_s": round(wand, 1),
            "cpu_s": round(gebruik.ru_utime + gebruik.ru_stime, 1),
            "exitcode": os.waitstatus_to_exitcode(status), "slotregel": slot.strip("= "),
            "belasting_bij_start": [round(x, 2) for x in belasting]}


def draai(volledig: bool = False) -> dict:
    uit = {"test_snel": meet_tests("test-snel")}
    uit["test_snel"]["doel_s"] = 60.0
    if volledig:
        uit["test_volledig"] = meet_tests("test")
    return {"testtijd": uit}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--volledig", action="store_true", help="ook make test (de hele suite, minuten)")
    a = ap.parse_args(argv)
    for naam, data in draai(a.volledig).items():
        log(f"testtijd: -> {schrijf_resultaat(naam, data)}")


if __name__ == "__main__":
    main()

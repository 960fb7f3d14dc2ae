"""Stage `themas`: every theme's chapter (notebooks/thema.ipynb once per theme, see :mod:`evaluatie.stages.thema`)
in one stage process.

Why one stage and not one DVC stage per theme: a Python process that imports pandas, matplotlib, papermill and
nbconvert costs about two seconds before it does anything, and DVC adds its own work (start-up, hashing,
rewriting ``dvc.lock``) for every stage. Five theme stages paid both five times; the five themes in one
process took 8,7 s against 20,3-21,1 s as five processes (docs/prestaties.md). The price: a change in the data
of one theme reruns every theme's chapter (± 9 s instead of ± 4 s). A change to the template, the chapter
code or the settings reruns every theme in either design.

Each theme still runs in a process of its own: on Linux this process imports the heavy libraries once and then
*forks* one child per theme (at most as many at a time as there are cores), so one theme's notebook cannot
change what the next one sees (matplotlib settings, a student's global variable) and the themes' files are
byte-identical to a run of ``python -m evaluatie.stages.thema <id>`` per theme (tests/unit/stages/test_themas.py).
Where ``fork`` is not available or not safe (Windows, macOS), the themes run as such subprocesses, one after
the other.

A theme that fails prints its own Dutch error (as the single-theme stage does); themes already running finish,
no new one starts, and the stage exits 1 with the old files of the failed theme untouched. Chapters and figures
of themes that left ``params.yaml``'s ``themas`` are removed after all themes succeeded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

from evaluatie.gedeeld.bestanden import ruim_op
from evaluatie.gedeeld.instellingen import Instellingen, laad_instellingen
from evaluatie.stages import draai

#: Imported once before the children are forked: what every theme's stage process would import itself.
#: Only modules whose import does not depend on the notebook run (matplotlib's backend is fixed by
#: ``figuren`` itself with ``matplotlib.use("svg")``).
VOORAF = (
    "pandas", "pyarrow.parquet", "nbformat", "nbconvert", "papermill",
    "evaluatie.stages.notebook", "evaluatie.stages.inproces", "evaluatie.stages.thema",
    "evaluatie.hoofdstukken.thema", "evaluatie.hoofdstukken.figuren",
)


def kan_vorken() -> bool:
    """True where one theme per forked child is safe: Linux, cells in this process (not ``EVALUATIE_KERNEL=jupyter``,
    whose kernel manager starts threads and an event loop) and no second Python thread running."""
    import threading

    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and os.environ.get("EVALUATIE_KERNEL", "inproces") == "inproces" and threading.active_count() == 1)


def banen() -> int:
    """How many themes run at the same time: the cores this process may use (``os.sched_getaffinity``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _kind(thema: str, inst: Instellingen) -> None:
    """The forked child: run one theme like ``python -m evaluatie.stages.thema`` and never return."""
    code = 0
    try:
        from evaluatie.stages import thema as stap

        draai(stap.run, thema, inst)
    except SystemExit as einde:
        code = einde.code if isinstance(einde.code, int) else 1
        if not isinstance(einde.code, int) and einde.code is not None:
            print(einde.code, file=sys.stderr)
    except KeyboardInterrupt:
        code = 130
    except BaseException:  # noqa: BLE001 - an unexpected error: its traceback, as the single-theme stage would print it
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _gevorkt(themas: list[str], inst: Instellingen, tegelijk: int) -> int:
    """Run the themes in forked children, at most ``tegelijk`` at once; return the first non-zero exit code."""
    import importlib

    for naam in VOORAF:
        importlib.import_module(naam)
    wachtend = list(themas)
    bezig: dict[int, str] = {}
    code = 0
    try:
        while wachtend or bezig:
            while wachtend and len(bezig) < tegelijk and code == 0:
                thema = wachtend.pop(0)
                sys.stdout.flush()
                sys.stderr.flush()
                with warnings.catch_warnings():
                    # Python >= 3.12 warns when the process has OS threads: here only OpenBLAS's workers
                    # (numpy) and jemalloc's background thread (pyarrow), which both re-initialise in the
                    # child through their own pthread_atfork handlers; no Python thread runs (kan_vorken)
                    warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
                    pid = os.fork()
                if pid == 0:
                    _kind(thema, inst)
                bezig[pid] = thema
            if not bezig:
                break
            pid, status = os.wait()
            bezig.pop(pid, None)
            eigen = os.waitstatus_to_exitcode(status)
            if eigen != 0 and code == 0:
                code = eigen if eigen > 0 else 128 - eigen  # killed by signal N: 128 + N, as a shell says
    finally:
        for pid in bezig:  # Ctrl-C or an error here: do not leave children running
            try:
                os.kill(pid, 15)
                os.waitpid(pid, 0)
            except OSError:
                pass
    return code


def _als_subprocessen(themas: list[str], inst: Instellingen) -> int:
    for thema in themas:
        code = subprocess.run([sys.executable, "-m", "evaluatie.stages.thema", thema], cwd=inst.root,
                              check=False).returncode
        if code != 0:
            return code
    return 0


def run(inst: Instellingen | None = None, tegelijk: int | None = None) -> int:
    """Write every theme's chapter (``reports/<editie>/thema/<id>.ipynb`` and ``.md``) and figures
    (``reports/<editie>/figuren/<id>/``); return the exit code (0, or the first failing theme's).

    ``tegelijk``: themes at the same time (default :func:`banen`); forked only where :func:`kan_vorken`.
    Files of themes no longer in ``themas`` are removed only when every theme succeeded.
    """
    inst = inst or laad_instellingen()
    themas = list(inst.themas)
    if kan_vorken():
        code = _gevorkt(themas, inst, max(1, tegelijk or min(banen(), len(themas) or 1)))
    else:
        code = _als_subprocessen(themas, inst)
    if code == 0:
        ruim_op(inst.rapport / "thema", {f"{t}{ext}" for t in themas for ext in (".ipynb", ".md")})
        ruim_op(inst.rapport / "figuren", set(themas))
    return code


def _hoofd() -> None:
    code = 0

    def stap() -> None:
        nonlocal code
        code = run()

    draai(stap)
    raise SystemExit(code)


if __name__ == "__main__":
    if len(sys.argv) != 1:
        raise SystemExit("gebruik: python -m evaluatie.stages.themas")
    _hoofd()

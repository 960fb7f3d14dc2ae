"""Benchmarks 2-5: clean build, no-op, incremental rebuild and the render step.

All in ONE temporary copy of the project (working tree with .git, without .venv,
data/processed, reports, .dvc/cache and .dvc/tmp), with ``PYTHONPATH=<copy>/src``
and the project's venv first on PATH:

2. ``schone_bouw``: ``dvc repro`` from nothing; wall time, and per stage the time of
   the stage command itself. A tiny ``python`` shim placed first on PATH (DVC runs
   ``python -m evaluatie.stages.<stage>`` through the shell) logs start and end of
   every stage command; what remains of the wall time is DVC's own work (hashing,
   lock file, cache).
3. ``noop``: ``dvc repro`` and ``dvc status`` in the built copy (median of 5).
4. ``incrementeel``: one value of data/raw/monitor/gezondheidsmonitor_jeugd.csv
   (theme eenzaamheid) changes; which stages ran and how long it took (the chapters of all themes are one
   stage, ``themas``; ``kosten_baten`` must not run).
5. ``render``: ``python -m evaluatie.stages.rapport`` alone in the built copy
   (median of 3), plus one run under cProfile for the split pandoc/Typst/rest. (The notebooks'
   Markdown export is made by the notebook stages, ``stages/notebook.py``, not by this step.)

Usage: ``.venv/bin/python benchmarks/bouw.py`` (writes resultaten/schone_bouw.json,
noop.json, incrementeel.json, tekstlus.json, render.json). ``--delen noop tekstlus`` measures only
those parts (the copy is always built first: every part needs a built copy); ``--src DIR`` puts
another ``src/`` in the copy (older code via ``git archive``, for before/after in one series) and
``--naam X`` writes ``<meting>_X.json`` instead of the standard files.
"""

from __future__ import annotations

import json
import pstats
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gemeen import (  # noqa: E402
    PYTHON,
    VENV_BIN,
    kopieer_project,
    log,
    mediaan_van,
    meet,
    omgeving,
    schrijf_resultaat,
)

DVC = str(VENV_BIN / "dvc")
JEUGD = Path("data/raw/monitor/gezondheidsmonitor_jeugd.csv")
# the last wave of the edition 2021-2022 (2021; the 2023 wave is after its peiljaar) moves one point;
# bounds move with it, so the row stays valid
JEUGD_OUD = ";2021;43;40;46;"
JEUGD_NIEUW = ";2021;44;41;47;"

SHIM = """#!/bin/sh
# benchmark shim: time one stage command, then hand over to the venv's python
start=$(date +%s.%N)
"{python}" "$@"
rc=$?
eind=$(date +%s.%N)
printf '%s\\t%s\\t%s\\t%s\\n' "$start" "$eind" "$rc" "$*" >> "{log}"
exit $rc
"""


def _stage_naam(args: str) -> str:
    """'-m evaluatie.stages.thema eenzaamheid' -> 'thema@eenzaamheid'."""
    m = re.search(r"evaluatie\.stages\.(\w+)(?:\s+(\S+))?", args)
    if not m:
        return args
    return m.group(1) + (f"@{m.group(2)}" if m.group(2) else "")


class Bouwer:
    """A temporary copy plus the shim that times every stage command."""

    def __init__(self, tmp: Path):
        self.kopie = kopieer_project(tmp / "evaluatie")
        self.shimmap = tmp / "shim"
        self.shimmap.mkdir()
        self.logpad = tmp / "stages.tsv"
        shim = self.shimmap / "python"
        shim.write_text(SHIM.format(python=PYTHON, log=self.logpad), encoding="utf-8")
        shim.chmod(0o755)
        self.env = omgeving(self.kopie)
        self.env_shim = dict(self.env)
        self.env_shim["PATH"] = f"{self.shimmap}:{self.env['PATH']}"

    def repro(self, *extra: str) -> dict:
        """``dvc repro`` with per-command timings from the shim log."""
        self.logpad.write_text("", encoding="utf-8")
        begin = time.time()
        r = meet([DVC, "repro", *extra], cwd=self.kopie, env=self.env_shim)
        eind = time.time()
        gedraaid = re.findall(r"Running stage '([^']+)'", r["stdout"])
        stages = []
        for regel in self.logpad.read_text(encoding="utf-8").splitlines():
            start, stop, code, args = regel.split("\t", 3)
            stages.append({"stage": _stage_naam(args), "s": round(float(stop) - float(start), 3),
                           "start_na_s": round(float(start) - begin, 3), "code": int(code)})
        som = sum(s["s"] for s in stages)
        return {
            "wand_s": round(r["seconden"], 3),
            "cpu_s": round(r["cpu_s"], 3),  # dvc and every stage command it ran (os.wait4)
            "stages_gedraaid": gedraaid,
            "stages": stages,
            "som_stagecommandos_s": round(som, 3),
            "dvc_eigen_werk_s": round(r["seconden"] - som, 3),
            "klok_controle_s": round(eind - begin, 3),
        }


def verwachte_stages(kopie: Path) -> list[str]:
    import yaml

    params = yaml.safe_load((kopie / "params.yaml").read_text(encoding="utf-8"))
    return ["ingest", "voortgang", "themas", "kosten_baten", "rapport"]


def aantal_notebooks(kopie: Path) -> int:
    """Notebook runs in a full build: one per theme (all in stage ``themas``) plus ``kosten_baten``."""
    import yaml

    return len(yaml.safe_load((kopie / "params.yaml").read_text(encoding="utf-8"))["themas"]) + 1


NOTEBOOKSTAPPEN = ("themas", "kosten_baten")


def schone_bouw(b: Bouwer) -> dict:
    log("bouw: schone bouw (dvc repro) ...")
    r = b.repro()
    verwacht = verwachte_stages(b.kopie)
    if sorted(r["stages_gedraaid"]) != sorted(verwacht):
        # e.g. a run cache copied along would restore stages instead of running them
        raise RuntimeError(f"schone bouw draaide {r['stages_gedraaid']}, verwacht {verwacht}")
    r["notebooks"] = aantal_notebooks(b.kopie)
    return r


def noop(b: Bouwer) -> dict:
    log("bouw: no-op dvc repro en dvc status ...")
    repro = mediaan_van([DVC, "repro"], n=5, cwd=b.kopie, env=b.env, opwarmen=1)
    uit = meet([DVC, "repro"], cwd=b.kopie, env=b.env)["stdout"]
    status = mediaan_van([DVC, "status"], n=5, cwd=b.kopie, env=b.env, opwarmen=0)
    status_uit = meet([DVC, "status"], cwd=b.kopie, env=b.env)["stdout"].strip()
    kaal = mediaan_van([str(PYTHON), "-c", "import dvc.cli"], n=5, cwd=b.kopie, env=b.env, opwarmen=0)
    versie = mediaan_van([DVC, "--version"], n=5, cwd=b.kopie, env=b.env, opwarmen=0)
    return {
        "repro": repro,
        "repro_draaide_niets": "Running stage" not in uit,
        "status": status,
        "status_uitvoer": status_uit,
        "import_dvc_cli": kaal,
        "dvc_version": versie,
        "doel": {"repro_mediaan_s": 1.5},
    }


def incrementeel(b: Bouwer) -> dict:
    log("bouw: incrementeel (gezondheidsmonitor_jeugd.csv gewijzigd) ...")
    pad = b.kopie / JEUGD
    tekst = pad.read_text(encoding="utf-8")
    if JEUGD_OUD not in tekst:
        raise RuntimeError(f"{JEUGD}: regel {JEUGD_OUD!r} niet gevonden; pas JEUGD_OUD aan")
    pad.write_text(tekst.replace(JEUGD_OUD, JEUGD_NIEUW), encoding="utf-8")
    r = b.repro()
    notebooks = [s for s in r["stages_gedraaid"] if s in NOTEBOOKSTAPPEN]
    r["wijziging"] = {"bestand": JEUGD.as_posix(), "van": JEUGD_OUD.strip(";"), "naar": JEUGD_NIEUW.strip(";")}
    r["notebookstages_gedraaid"] = notebooks
    r["verwacht"] = ["ingest", "voortgang", "themas", "rapport"]
    r["alleen_themas_en_rapport"] = notebooks == ["themas"] and "rapport" in r["stages_gedraaid"]
    return r


def render(b: Bouwer) -> dict:
    log("bouw: render (python -m evaluatie.stages.rapport) ...")
    args = [str(PYTHON), "-m", "evaluatie.stages.rapport"]
    r = mediaan_van(args, n=3, cwd=b.kopie, env=b.env, opwarmen=0)
    # one run under cProfile: where the time goes (subprocess = pandoc; typst.compile in-process)
    prof = b.kopie.parent / "rapport.prof"
    meet([str(PYTHON), "-m", "cProfile", "-o", str(prof), "-m", "evaluatie.stages.rapport"], cwd=b.kopie, env=b.env)
    st = pstats.Stats(str(prof))
    onderdelen = {}
    for (bestand, _, functie), (_, _, _, cum, _) in st.stats.items():  # type: ignore[attr-defined]
        sleutel = None
        if bestand.endswith("zetwerk/render.py") and functie in ("naar_typst", "compileer_pdf", "naar_html"):
            sleutel = f"render.{functie}"
        elif bestand.endswith("stages/rapport.py") and functie in ("run", "invoerbestanden", "datahash",
                                                                   "stel_samen", "zet_documenten"):
            # zet_documenten: the five documents side by side (threads; cProfile sees only the main
            # thread, so the render.* entries are missing then and this is the wall time of all five)
            sleutel = f"stages.rapport.{functie}"
        elif functie == "<module>" and bestand.endswith("stages/rapport.py"):
            sleutel = "stages.rapport.<module> (imports)"
        if sleutel:
            onderdelen[sleutel] = round(max(cum, onderdelen.get(sleutel, 0.0)), 3)
    totaal = st.total_tt  # type: ignore[attr-defined]
    onderdelen["imports en opstart (totaal min run)"] = round(totaal - onderdelen.get("stages.rapport.run", 0.0), 3)
    onderdelen.pop("stages.rapport.<module> (imports)", None)  # contains run() itself: misleading

    return {"render": r, "profiel_s": onderdelen, "profiel_totaal_s": round(totaal, 3)}


def tekstlus(b: Bouwer) -> dict:
    """The researcher's loop: a conclusion text file changes, ``dvc repro`` rebuilds the documents.

    Writes ``data/raw/tekst/<editie>/eenzaamheid.md`` (replaces the generated conclusion of that
    theme), then ``dvc repro``; records the wall time and which stages ran (only ``rapport``
    should), and checks that the new sentence reached evaluatie.md."""
    import yaml

    log("bouw: tekstlus (eigen conclusie gewijzigd) ...")
    editie = str(yaml.safe_load((b.kopie / "params.yaml").read_text(encoding="utf-8"))["editie"])
    pad = b.kopie / "data" / "raw" / "tekst" / editie / "eenzaamheid.md"
    pad.parent.mkdir(parents=True, exist_ok=True)
    zin = "Benchmarkconclusie: de eenzaamheid daalt minder snel dan gehoopt."
    pad.write_text(zin + "\n", encoding="utf-8")
    r = b.repro()
    md = b.kopie / "reports" / editie / "evaluatie.md"
    r["zin_in_rapport"] = md.exists() and zin in md.read_text(encoding="utf-8")
    r["alleen_rapport"] = r["stages_gedraaid"] == ["rapport"]
    r["doel"] = {"wand_s": 2.0}
    # the fast path while writing (`evaluatie voorbeeld`, one document outside DVC), where the code has it
    if (b.kopie / "src" / "evaluatie" / "voorbeeld.py").exists():
        pad.write_text(zin + " Tweede versie.\n", encoding="utf-8")
        r["voorbeeld"] = {vorm: mediaan_van([PYTHON, "-m", "evaluatie.cli", "voorbeeld", "--vorm", vorm], n=3,
                                            cwd=b.kopie, env=b.env, opwarmen=0) for vorm in ("pdf", "html")}
    # the same loop without DVC checking the eight stages before `rapport` (`dvc repro -s rapport`)
    pad.write_text(zin + " Derde versie.\n", encoding="utf-8")
    r["alleen_stap_rapport"] = b.repro("-s", "rapport")
    if "--volg" in (b.kopie / "src" / "evaluatie" / "cli.py").read_text(encoding="utf-8"):
        r["volg"] = volg(b, pad, zin)
    return r


def volg(b: Bouwer, pad: Path, zin: str, n: int = 7) -> dict:
    """`evaluatie voorbeeld --volg`, the loop while writing: after its first build, ``n`` saves of the
    text; per save the time from writing the file until the preview PDF holds new bytes (polled every
    5 ms), and the build time the command itself reports."""
    import signal
    import subprocess
    import threading

    log("bouw: tekstlus met evaluatie voorbeeld --volg ...")
    proc = subprocess.Popen([str(PYTHON), "-m", "evaluatie.cli", "voorbeeld", "--volg"], cwd=b.kopie, env=b.env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    regels: list[str] = []
    threading.Thread(target=lambda: regels.extend(proc.stdout), daemon=True).start()
    pdf = b.kopie / "voorbeeld" / pad.parent.name / "evaluatie.pdf"

    def gemaakt(aantal: int, tijd: float = 120) -> None:
        eind = time.monotonic() + tijd
        while sum("Voorbeeld bijgewerkt" in r for r in list(regels)) < aantal:
            if time.monotonic() > eind or proc.poll() is not None:
                raise RuntimeError("voorbeeld --volg maakte geen voorbeeld:\n" + "".join(regels))
            time.sleep(0.005)

    try:
        gemaakt(1)
        tijden = []
        for i in range(n):
            oud = pdf.read_bytes()
            time.sleep(0.3)  # the watch is idle again
            begin = time.perf_counter()
            pad.write_text(f"{zin} Versie {i + 4}.\n", encoding="utf-8")
            while not pdf.exists() or pdf.read_bytes() == oud:
                if time.perf_counter() - begin > 120:
                    raise RuntimeError("voorbeeld --volg: geen nieuw voorbeeld na 120 s:\n" + "".join(regels))
                time.sleep(0.005)
            tijden.append(time.perf_counter() - begin)
            gemaakt(i + 2)
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=30)
    gemeld = [float(m.group(1).replace(",", ".")) for m in re.finditer(r"in (\d+,\d) s", "".join(regels))]
    return {"opslaan_tot_nieuw_pdf_s": {"mediaan_s": statistics.median(tijden), "min_s": min(tijden),
                                        "max_s": max(tijden), "runs_s": [round(t, 3) for t in tijden], "n": n},
            "eerste_bouw_gemeld_s": gemeld[0] if gemeld else None, "bouw_gemeld_s": gemeld[1:],
            "stopcode": code, "doel": {"wand_s": 2.0}}


DELEN = ("schone_bouw", "noop", "incrementeel", "tekstlus", "render")


def draai(delen: tuple[str, ...] = DELEN, src: Path | None = None) -> dict[str, dict]:
    """Measure ``delen`` (in the fixed order of :data:`DELEN`) in one temporary copy; with ``src``
    the copy's ``src/`` is replaced by that folder first (DVC hashes the code it runs)."""
    import shutil

    with tempfile.TemporaryDirectory(prefix="evaluatie-bouw-") as tmp:
        b = Bouwer(Path(tmp))
        if src is not None:
            shutil.rmtree(b.kopie / "src")
            shutil.copytree(src, b.kopie / "src", ignore=shutil.ignore_patterns("__pycache__"))
        bouw = schone_bouw(b)  # every other part needs the built copy
        uit = {"schone_bouw": bouw} if "schone_bouw" in delen else {}
        for naam, meting in (("noop", noop), ("incrementeel", incrementeel), ("tekstlus", tekstlus),
                             ("render", render)):
            if naam in delen:
                uit[naam] = meting(b)
    return uit


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description="Schone bouw, no-op, incrementeel, tekstlus en render meten "
                                             "in een tijdelijke kopie van het project.")
    ap.add_argument("--delen", nargs="+", choices=DELEN, default=list(DELEN),
                    help="alleen deze metingen (de kopie wordt altijd eerst gebouwd)")
    ap.add_argument("--src", type=Path, help="een andere broncode meten (bijv. een oudere commit via git archive)")
    ap.add_argument("--naam", help="achtervoegsel van de resultaatbestanden: <meting>_<naam>.json")
    args = ap.parse_args()
    if args.src is not None and not (args.src / "evaluatie" / "__init__.py").is_file():
        ap.error(f"--src {args.src}: geen map src/ met het pakket evaluatie")
    for naam, data in draai(tuple(args.delen), args.src).items():
        if args.src is not None:
            data = {"src": str(args.src), **data}
        pad = schrijf_resultaat(f"{naam}_{args.naam}" if args.naam else naam, data)
        log(f"bouw: {naam} -> {pad}")
    print(json.dumps({"klaar": True}))


if __name__ == "__main__":
    main()

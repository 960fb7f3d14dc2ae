"""A template CSV (evaluatie-sjabloon) of one million rows, read by ``lees_bestand``.

Generates (in a temporary directory, never committed) a ';'-separated template file with a
decimal comma, as a GGD or a municipality would deliver it: Nederland, 342 municipalities,
3,300 districts and 14,000 neighbourhoods (codes as in ``benchmarks/landelijk.py``) x 4 waves
x fields, each a percentage with the two bounds of its interval, the CBS symbol 'x' in the
value cell for 10 % of the neighbourhood rows; cut at exactly ``--rijen`` rows (default
1,000,000). A child process reads it with ``lees_bestand`` (what ``evaluatie inlezen`` and stage
``ingest`` do) and, as a second measurement, writes the tidy CSV (``naar_csv``, the rest of
``evaluatie inlezen --uit``). The parent reads the child's peak RSS with ``os.wait4``; wall
and CPU time per phase come from the child. A cProfile of the read at one tenth of the rows
shows where the time goes.

Usage::

    .venv/bin/python benchmarks/sjabloon_csv.py [--rijen N] [--zonder-profiel]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gemeen import PYTHON, ROOT, log, meet_met_geheugen, omgeving, schrijf_resultaat  # noqa: E402
from landelijk import gebieden  # noqa: E402

SEED = 20240102
JAREN = [2016, 2019, 2020, 2022]
KOP = "bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid"
DOEL = {"lezen_s": 10.0, "piek_mb": 1024.0}
MAX_MB = 2048


def schrijf_sjabloon(pad: Path, rijen: int, seed: int = SEED) -> dict:
    """Write the template file; deterministic. Returns counts."""
    import numpy as np

    rng = np.random.default_rng(seed)
    codes = [g[0] for g in gebieden(1.0)]
    per_veld = len(codes) * len(JAREN)
    n_velden = -(-rijen // per_veld)
    geschreven = 0
    with pad.open("w", encoding="utf-8", newline="\n") as f:
        f.write(KOP + "\n")
        for v in range(n_velden):
            veld = f"indicator_{v:02d}"
            basis = 5.0 + (v * 11) % 70
            for code in codes:
                breedte = {"NL": 0.4, "GM": 2.5, "WK": 5.5, "BU": 9.0}[code[:2]]
                schuif = rng.normal(0.0, 4.0, len(JAREN))
                for jaar, s in zip(JAREN, schuif):
                    if geschreven == rijen:
                        break
                    w = min(max(basis + s, breedte), 100.0 - breedte)
                    if code.startswith("BU") and rng.random() < 0.10:
                        cellen = ("x", "", "")
                    else:
                        cellen = (f"{w:.1f}".replace(".", ","), f"{w - breedte:.1f}".replace(".", ","),
                                  f"{w + breedte:.1f}".replace(".", ","))
                    f.write(f"GGD;gezondheidsmonitor;{veld};{code};18 jaar of ouder;{jaar};"
                            f"{cellen[0]};{cellen[1]};{cellen[2]};;%\n")
                    geschreven += 1
    return {"rijen": geschreven, "gebieden": len(codes), "velden": n_velden, "jaren": JAREN,
            "bestand_mb": round(pad.stat().st_size / 1e6, 1)}


def _piek_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def job(pad: Path, uit: Path) -> None:
    fasen: dict[str, dict] = {}
    t0, c0 = time.perf_counter(), time.process_time()
    from evaluatie.ingest import lees_bestand, naar_csv

    fasen["imports"] = {"s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0, "piek_mb": _piek_mb()}
    t, c = time.perf_counter(), time.process_time()
    df = lees_bestand(pad)
    fasen["lezen"] = {"s": time.perf_counter() - t, "cpu_s": time.process_time() - c, "piek_mb": _piek_mb(),
                      "metingen": len(df), "gemarkeerd": int((df["markering"] != "").sum())}
    t, c = time.perf_counter(), time.process_time()
    tekst = naar_csv(df)
    fasen["naar_csv"] = {"s": time.perf_counter() - t, "cpu_s": time.process_time() - c, "piek_mb": _piek_mb(),
                         "tekens": len(tekst)}
    fasen["totaal_in_proces"] = {"s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0,
                                 "piek_mb": _piek_mb()}
    uit.write_text(json.dumps(fasen, indent=2), encoding="utf-8")


def profiel(pad: Path, uit: Path) -> None:
    import cProfile
    import io
    import pstats

    from evaluatie.ingest import lees_bestand

    prof = cProfile.Profile()
    prof.enable()
    lees_bestand(pad)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(r"evaluatie|pandera.*validate|csv", 25)
    tekst = buf.getvalue()
    uit.write_text(json.dumps({"cumulatief": tekst[tekst.find("ncalls"):]}, indent=2), encoding="utf-8")


def draai(rijen: int, met_profiel: bool = True, src: Path | None = None) -> dict:
    """``src``: measure another source tree (e.g. an older commit's ``src``, unpacked with
    ``git archive``) in the same run, for a before/after comparison."""
    env = omgeving(ROOT)
    if src is not None:
        env["PYTHONPATH"] = str(Path(src).resolve())
    env["EVALUATIE_MAX_MB"] = str(MAX_MB)
    with tempfile.TemporaryDirectory(prefix="evaluatie-sjabloon-") as tmp:
        tmp = Path(tmp)
        pad = tmp / "sjabloon.csv"
        log(f"sjabloon_csv: genereer {rijen} rijen ...")
        t = time.perf_counter()
        telling = schrijf_sjabloon(pad, rijen)
        genereren = time.perf_counter() - t
        log(f"sjabloon_csv: {telling['bestand_mb']} MB in {genereren:.1f} s; lezen (kindproces) ...")
        uit = tmp / "fasen.json"
        r = meet_met_geheugen([str(PYTHON), __file__, "--job", str(pad), str(uit)], cwd=ROOT, env=env)
        fasen = json.loads(uit.read_text(encoding="utf-8"))
        resultaat = {"dataset": telling, "genereren_s": round(genereren, 2), "omgeving": {"EVALUATIE_MAX_MB": MAX_MB},
                     "lezen_s": round(fasen["lezen"]["s"], 2), "lezen_cpu_s": round(fasen["lezen"]["cpu_s"], 2),
                     "piek_mb": round(r["piek_mb"], 1), "kindproces_wand_s": round(r["seconden"], 2),
                     "fasen": fasen, "doel": DOEL, "src": str(src) if src else "src"}
        if met_profiel:
            klein = tmp / "klein.csv"
            schrijf_sjabloon(klein, max(1000, rijen // 10))
            pr = tmp / "profiel.json"
            log("sjabloon_csv: cProfile op een tiende ...")
            meet_met_geheugen([str(PYTHON), __file__, "--profiel", str(klein), str(pr)], cwd=ROOT, env=env)
            resultaat["profiel_tiende"] = json.loads(pr.read_text(encoding="utf-8"))
    return resultaat


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rijen", type=int, default=1_000_000)
    ap.add_argument("--zonder-profiel", action="store_true")
    ap.add_argument("--src", type=Path, help="een andere broncode meten (bijv. een oudere commit, via git archive)")
    ap.add_argument("--naam", help="naam van het resultaatbestand (standaard sjabloon_csv)")
    ap.add_argument("--job", nargs=2, metavar=("CSV", "UIT"))
    ap.add_argument("--profiel", nargs=2, metavar=("CSV", "UIT"))
    a = ap.parse_args(argv)
    if a.job:
        job(Path(a.job[0]), Path(a.job[1]))
        return
    if a.profiel:
        profiel(Path(a.profiel[0]), Path(a.profiel[1]))
        return
    r = draai(a.rijen, not a.zonder_profiel, a.src)
    naam = a.naam or ("sjabloon_csv" if a.rijen == 1_000_000 else f"sjabloon_csv_{a.rijen}")
    log(f"sjabloon_csv: -> {schrijf_resultaat(naam, r)}")


if __name__ == "__main__":
    main()

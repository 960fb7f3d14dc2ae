"""Reliability: a stage killed with SIGKILL mid-write leaves the last good outputs.

In a private copy of the built project an input is changed (so the next run produces different
bytes), the stage is run once to completion to learn the new bytes (the pipeline is
deterministic), the old outputs are put back, and then the stage is started and killed with
SIGKILL after a seeded-random delay within its run time, several times. After every kill each
output is byte-identical to either the old or the new version -- never a truncated file -- and
the only other files are hidden `.<name>.<random>.tmp` leftovers that no later stage reads.
Finally the stage runs to completion and `dvc repro` brings the whole pipeline up to date.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest

from conftest import dvc_repro, draai, omgeving, pdf_tekst, BIN

EDITIE = "2021-2022"
ZAAD = 20240909
INGEST_UIT = ["themas", "indicatoren", "acties", "projecten", "subsidies", "kaders", "metingen"]
RAPPORT_UIT = ["evaluatie.md", "evaluatie.typ", "evaluatie.pdf", "evaluatie.html"]
RESTANT = re.compile(r"^\.(?P<doel>.+)\.[A-Za-z0-9_]{6,}\.tmp$")  # bestanden.atomisch_pad's temp name
MARKERING = "KILLTEST-INLEIDING-7731"
UITKOMSTEN: dict[str, list] = {}


@pytest.fixture(scope="module")
def kopie(gebouwd, tmp_path_factory) -> Path:
    doel = tmp_path_factory.mktemp("kill") / "evaluatie"
    shutil.copytree(gebouwd, doel, symlinks=True,
                    ignore=shutil.ignore_patterns(".venv", ".pytest_cache", ".hypothesis", "__pycache__"))
    return doel


def start(stage: str, root: Path) -> subprocess.Popen:
    env = omgeving()
    env["PYTHONPATH"] = str(root / "src")
    return subprocess.Popen([sys.executable, "-m", f"evaluatie.stages.{stage}"], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def voltooi(stage: str, root: Path) -> float:
    begin = time.monotonic()
    proc = start(stage, root)
    _, fout = proc.communicate(timeout=300)
    assert proc.returncode == 0, fout.decode("utf-8", "replace")[-3000:]
    return time.monotonic() - begin


def tijdens_schrijven(proc: subprocess.Popen, map_: Path, nummer: int, al_daar: set[str]) -> float:
    """Wait until the `nummer`-th new temp output file appears in `map_` (mid-write); seconds waited."""
    begin = time.monotonic()
    gezien: set[str] = set()
    while proc.poll() is None and time.monotonic() - begin < 120:
        gezien |= {e.name for e in os.scandir(map_) if RESTANT.match(e.name) and e.name not in al_daar}
        if len(gezien) >= nummer:
            break
        time.sleep(0.0005)
    return time.monotonic() - begin


def doden(proc: subprocess.Popen, wacht: float | None = None) -> bool:
    """SIGKILL the stage (only it, as a crash would), after `wacht` s if given; True if it was
    still running.

    Its own children (pandoc) lose their parent; they are waited for and, if still alive after
    5 s, killed by pid -- they are processes this test started."""
    if wacht is not None:
        time.sleep(wacht)
    try:
        kinderen = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        kinderen = []
    liep_nog = proc.poll() is None
    if liep_nog:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    _, over = psutil.wait_procs(kinderen, timeout=5)
    for kind in over:
        kind.kill()
    return liep_nog


def geldig(pad: Path) -> None:
    """A complete file of its kind."""
    data = pad.read_bytes()
    if pad.suffix == ".parquet":
        pq.read_table(pad)
    elif pad.suffix == ".pdf":
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), pad
    elif pad.suffix == ".html":
        assert data.rstrip().endswith(b"</html>"), pad
    else:
        assert data.endswith(b"\n") and data.decode("utf-8"), pad


def restanten(map_: Path, uitvoer: list[str], vooraf: set[str]) -> list[str]:
    """Files that appeared beside the outputs; each must be an atomisch_pad temp file."""
    vreemd = sorted(p.name for p in map_.iterdir() if p.is_file() and p.name not in vooraf)
    for naam in vreemd:
        m = RESTANT.match(naam)
        assert m and m.group("doel") in uitvoer, f"onverwacht bestand naast de uitvoer: {map_ / naam}"
    return vreemd


def kill_reeks(root: Path, stage: str, map_: Path, namen: list[str], aantal: int, maximum: float,
               op_heterdaad: tuple[int, ...]) -> list[dict]:
    """`aantal` kills after seeded-random delays in [0.05, min(maximum, run time)], plus one kill
    the moment the n-th temporary output file appears, for each n in `op_heterdaad`."""
    oud = {n: (map_ / n).read_bytes() for n in namen}
    vooraf = {p.name for p in map_.iterdir()}
    duur = voltooi(stage, root)
    nieuw = {n: (map_ / n).read_bytes() for n in namen}
    assert any(oud[n] != nieuw[n] for n in namen), "de wijziging van de invoer veranderde geen uitvoer"
    for n in namen:
        geldig(map_ / n)
    rng = random.Random(f"{ZAAD}-{stage}")
    vertragingen = sorted(rng.uniform(0.05, min(maximum, 0.95 * duur)) for _ in range(aantal))
    uitkomsten = []
    for wacht in [*vertragingen, *(-n for n in op_heterdaad)]:
        for n in namen:  # start every round from the old outputs
            (map_ / n).write_bytes(oud[n])
        al_daar = {p.name for p in map_.iterdir()}
        proc = start(stage, root)
        if wacht < 0:  # kill mid-write: as soon as the (-wacht)-th temp file shows up
            wacht = tijdens_schrijven(proc, map_, int(-wacht), al_daar)
            liep_nog = doden(proc)
        else:
            liep_nog = doden(proc, wacht)
        stand = {}
        for n in namen:
            data = (map_ / n).read_bytes()
            assert data in (oud[n], nieuw[n]), (
                f"{n} is na SIGKILL na {wacht:.2f} s geen oude en geen nieuwe versie ({len(data)} bytes)")
            stand[n] = "nieuw" if data == nieuw[n] and data != oud[n] else "oud"
        uitkomsten.append({"wacht_s": round(wacht, 2), "gedood": liep_nog, "stand": stand,
                           "restanten_totaal": len(restanten(map_, namen, vooraf))})
    assert sum(u["gedood"] for u in uitkomsten) >= len(uitkomsten) // 2, f"stage was te vaak al klaar: {uitkomsten}"
    assert any(u["restanten_totaal"] for u in uitkomsten), "geen enkele kill viel midden in het schrijven"
    # the next run completes and gives exactly the new outputs
    voltooi(stage, root)
    for n in namen:
        assert (map_ / n).read_bytes() == nieuw[n]
    UITKOMSTEN[stage] = [{"duur_s": round(duur, 2)}, *uitkomsten]
    print(f"\n{stage}: run {duur:.2f} s; kills:", *uitkomsten, sep="\n  ")
    return uitkomsten


def test_ingest_sigkill_laat_oude_of_complete_uitvoer(kopie):
    # 100.000 unlinked measurements: metingen.parquet (the 7th file ingest writes) then takes long enough to
    # write that the kill on its temp file lands mid-write also when the machine is fast (with one row the
    # rename could beat the kill in every round)
    rijen = "".join(f"test;killtest;aantal_test;BU0603{b:04d};;{j};12,5;;;;aantal\n"
                    for b in range(4000) for j in range(2000, 2025))
    (kopie / "data" / "raw" / "monitor" / "killtest.csv").write_text(
        "bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid\n" + rijen,
        encoding="utf-8")
    processed = kopie / "data" / "processed"
    kill_reeks(kopie, "ingest", processed, [f"{n}.parquet" for n in INGEST_UIT], aantal=6, maximum=1.5,
               op_heterdaad=(1, 4, 7))
    # later stages find the outputs by name; the leftovers never match what they look for
    assert sorted(p.name for p in processed.glob("*.parquet")) == sorted(
        [f"{n}.parquet" for n in INGEST_UIT] + ["metingen_gekoppeld.parquet", "voortgang.parquet"])


def test_rapport_sigkill_laat_oude_of_complete_uitvoer(kopie):
    (kopie / "data" / "raw" / "tekst" / EDITIE / "inleiding.md").write_text(
        f"Inleiding van de onderzoekers ({MARKERING}).\n", encoding="utf-8")
    kill_reeks(kopie, "rapport", kopie / "reports" / EDITIE, RAPPORT_UIT, aantal=8, maximum=1.5,
               op_heterdaad=(1, 2, 3))


def test_dvc_repro_na_kills(kopie):
    """After the kills, `dvc repro` completes and leaves a consistent, up-to-date pipeline."""
    dvc_repro(kopie)
    status = draai([str(BIN / "dvc"), "status"], kopie).stdout
    assert "up to date" in status, status
    rapport = kopie / "reports" / EDITIE
    for naam in RAPPORT_UIT:
        geldig(rapport / naam)
    for pad in (kopie / "data" / "processed").glob("*.parquet"):
        geldig(pad)
    if (kopie / "data" / "raw" / "tekst" / EDITIE / "inleiding.md").exists():
        assert MARKERING in pdf_tekst(rapport / "evaluatie.pdf")

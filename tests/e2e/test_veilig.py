"""Safe on the path users take: `make rapport` (not the stage entry points) with bad input or a race.

Each case runs `make rapport` in the session's built copy, then puts the input back. The promise: a
refused input leaves every earlier output byte-identical, a path-like `editie` touches nothing outside
the project, and a second build while one runs is refused.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, omgeving, pdf_tekst

pytestmark = pytest.mark.e2e


def _make_rapport(kopie: Path) -> subprocess.CompletedProcess:
    env = omgeving()
    env["PYTHONPATH"] = str(kopie / "src")
    # the test environment is already installed: point the Makefile at it instead of a new .venv
    # `-o`: never reinstall into it, even when the copy's pyproject.toml is newer than its stamp
    return subprocess.run(["make", "--no-print-directory", "rapport", f"VENV={BIN.parent}",
                           "-o", str(BIN.parent / ".evaluatie-geinstalleerd")], cwd=kopie, env=env,
                          capture_output=True, text=True)


def _hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for map_ in ("data/processed", "reports") for p in sorted((root / map_).rglob("*")) if p.is_file()}


@pytest.fixture
def herstel(gebouwd: Path):
    """Remember params.yaml and the kader; put them back after the test."""
    bewaard = {p: p.read_bytes() for p in [gebouwd / "params.yaml", *(gebouwd / "data/raw/kader/rijswijk").glob("*")]}
    yield gebouwd
    for p, inhoud in bewaard.items():
        p.write_bytes(inhoud)


def test_refused_kader_leaves_every_output_byte_identical(herstel: Path):
    voor = _hashes(herstel)
    kader = herstel / "data/raw/kader/rijswijk/welzijn.yaml"
    kader.write_text(kader.read_text(encoding="utf-8").replace("richting: lager", "richting: omlaag", 1),
                     encoding="utf-8")
    proc = _make_rapport(herstel)
    assert proc.returncode != 0
    assert "welzijn.yaml" in proc.stderr and "richting" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert _hashes(herstel) == voor


def test_path_like_editie_touches_nothing_outside(herstel: Path):
    kanarie = herstel.parent.parent / "kanarie"
    (kanarie / "figuren" / "eenzaamheid").mkdir(parents=True, exist_ok=True)
    (kanarie / "thema").mkdir(exist_ok=True)
    for pad in (kanarie / "figuren" / "eenzaamheid" / "anders.txt", kanarie / "thema" / "eenzaamheid.ipynb"):
        pad.write_text("niet van evaluatie\n", encoding="utf-8")
    voor = _hashes(herstel)
    params = herstel / "params.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace('editie: "2021-2022"', 'editie: "../../kanarie"'),
                      encoding="utf-8")
    proc = _make_rapport(herstel)
    assert proc.returncode != 0
    assert "params.yaml" in proc.stderr and "editie" in proc.stderr
    assert sorted(p.relative_to(kanarie).as_posix() for p in kanarie.rglob("*") if p.is_file()) == [
        "figuren/eenzaamheid/anders.txt", "thema/eenzaamheid.ipynb"]
    assert _hashes(herstel) == voor


def test_second_build_is_refused_while_one_runs(gebouwd: Path):
    from evaluatie.gedeeld.vergrendeling import vergrendeld

    with vergrendeld(gebouwd, "evaluatie demo"):
        proc = _make_rapport(gebouwd)
    assert proc.returncode != 0
    assert "make rapport geweigerd" in proc.stderr and "loopt al een bouw" in proc.stderr


# --------------------------------------------------------------------------- point 4: small counts

MONITOR = "data/raw/monitor"
WMO = "CBS MSD WMO;sociaal_domein_indicatoren;wmo_maatwerk_per_10000"


@pytest.fixture
def herstel_monitor(gebouwd: Path):
    """Remember the monitor folder's files and koppeling; put them back (and rebuild) after the test."""
    bewaard = {p: p.read_bytes() for p in (gebouwd / MONITOR).glob("*.csv*")}
    bewaard[gebouwd / MONITOR / "koppeling.yaml"] = (gebouwd / MONITOR / "koppeling.yaml").read_bytes()
    yield gebouwd
    for p, inhoud in bewaard.items():
        p.write_bytes(inhoud)
    _make_rapport(gebouwd)


def _plant(root: Path, klein: int) -> None:
    """Make the Wmo series a count of people (unit 'aantal cliënten', not one of the old five unit
    strings, and declared `telling: true`) with the count ``klein`` in 2020 and, in 2021, in one of
    three wijken whose sum is the published gemeente total."""
    csv = root / MONITOR / "sociaal_domein.csv"
    regels = [r for r in csv.read_text(encoding="utf-8").splitlines() if not r.startswith(WMO)]
    eenheid = "aantal cliënten"
    wmo = [f"{WMO};GM0603;;2020;{klein};;;;{eenheid}", f"{WMO};GM0603;;2021;656;;;;{eenheid}",
           f"{WMO};GM0603;;2022;652;;;;{eenheid}", f"{WMO};GM0603;;2023;666;;;;{eenheid}",
           f"{WMO};GM0603;;2024;651;;;;{eenheid}",
           f"{WMO};WK060301;;2021;{klein};;;;{eenheid}", f"{WMO};WK060302;;2021;500;;;;{eenheid}",
           f"{WMO};WK060303;;2021;{156 - klein};;;;{eenheid}"]
    csv.write_text("\n".join(regels + wmo) + "\n", encoding="utf-8")
    koppeling = root / MONITOR / "koppeling.yaml"
    tekst = koppeling.read_text(encoding="utf-8")
    anker = "  wmo_maatwerk:\n"
    if "    telling: true\n" not in tekst.split(anker, 1)[1].split("\n  ", 1)[0] + "\n":
        tekst = tekst.replace(anker, anker + "    telling: true\n", 1)
    koppeling.write_text(tekst, encoding="utf-8")


def _gepubliceerd(root: Path) -> dict[str, str]:
    """Every published output as text (PDF via pypdf), with content hashes of the inputs (which the
    report prints for provenance) masked."""
    import re

    rapport = root / "reports" / "2021-2022"
    uit = {}
    for pad in sorted(rapport.rglob("*")):
        if not pad.is_file() or pad.suffix not in (".pdf", ".html", ".md", ".typ", ".csv", ".svg"):
            continue
        tekst = pdf_tekst(pad) if pad.suffix == ".pdf" else pad.read_text(encoding="utf-8", errors="replace")
        uit[pad.relative_to(rapport).as_posix()] = re.sub(r"\b[0-9a-f]{8,64}\b", "<hash>", tekst)
    return uit


def test_planted_small_count_reaches_no_published_output(herstel_monitor: Path):
    """A count of 3 (in the gemeente series and in one wijk) appears in no published output and
    cannot be derived from one: the outputs are identical whether the hidden count is 3 or 4 (with the
    wijk total kept), so no printed total, ratio or change depends on it."""
    root = herstel_monitor
    _plant(root, 3)
    proc = _make_rapport(root)
    assert proc.returncode == 0, proc.stderr
    met_drie = _gepubliceerd(root)
    voortgang = __import__("pandas").read_parquet(root / "data/processed/thema/sociaal_domein/reeksen.parquet")
    wmo = voortgang[voortgang["indicator_id"] == "wmo_maatwerk"]
    assert wmo["telling"].all()
    verborgen = wmo[wmo["onderdrukt"]]
    # primary: the gemeente in 2020 and wijk 01 in 2021; secondary: the smallest other wijk (153)
    assert sorted(zip(verborgen["gebied"], verborgen["jaar"])) == [("GM0603", 2020), ("WK060301", 2021),
                                                                     ("WK060303", 2021)]
    assert verborgen["waarde"].isna().all()
    _plant(root, 4)
    proc = _make_rapport(root)
    assert proc.returncode == 0, proc.stderr
    met_vier = _gepubliceerd(root)
    assert met_drie.keys() == met_vier.keys()
    verschil = [naam for naam in met_drie if met_drie[naam] != met_vier[naam]]
    assert verschil == [], f"uitvoer hangt af van een onderdrukt aantal: {verschil}"


# --------------------------------------------------------------------------- point 7 through `make rapport`

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize("bestand, plaats, bevat", [
    ("monitor/oneindig_1e309.csv", "data/raw/monitor/extra.csv", ["extra.csv", "rij 2, kolom 'waarde'", "niet eindig"]),
    ("monitor/negatief_aantal.csv", "data/raw/monitor/extra.csv", ["extra.csv", "negatief aantal -4"]),
    ("monitor/diep_genest.json", "data/raw/monitor/extra.json", ["extra.json", "te diep genest"]),
    ("monitor/jeugd_zonder_gemeente.csv", "data/raw/monitor/gezondheidsmonitor_jeugd.csv",
     ["gezondheidsmonitor_jeugd.csv", "GM0603", "eenzaam_jongeren_12_18"]),
    ("kader/basisjaar_in_de_toekomst.yaml", "data/raw/kader/rijswijk/welzijn.yaml",
     ["welzijn.yaml", "indicatoren[0].basis.jaar", "2031"]),
    ("kader/eenheid_aantal_tegen_procent.yaml", "data/raw/kader/rijswijk/welzijn.yaml",
     ["welzijn.yaml", "indicatoren[0].eenheid", "'%'"]),
    ("params/vergelijkingsgemeente_onbekend.yaml", "params.yaml", ["params.yaml", "vergelijkingsgemeenten[0]",
                                                                     "GM9999"]),
], ids=["1e309", "negatief_aantal", "json_diep", "zonder_gemeente", "basisjaar_toekomst", "eenheid_aantal_procent",
        "vergelijkingsgemeente_onbekend"])
def test_input_faults_refused_by_make_rapport(gebouwd: Path, bestand: str, plaats: str, bevat: list[str]):
    doel = gebouwd / plaats
    oud = doel.read_bytes() if doel.exists() else None
    voor = _hashes(gebouwd)
    doel.write_bytes((CORPUS_DIR / bestand).read_bytes())
    try:
        proc = _make_rapport(gebouwd)
    finally:
        doel.write_bytes(oud) if oud is not None else doel.unlink()
    assert proc.returncode != 0
    for tekst in bevat:
        assert tekst in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert _hashes(gebouwd) == voor


# --------------------------------------------------------------------------- point 5: races

def test_demo_and_ophalen_refused_while_make_rapport_holds_the_lock(gebouwd: Path):
    """The lock `make rapport` takes with util-linux flock is the one the commands take."""
    import time

    monitor = gebouwd / MONITOR
    voor = {p.name: p.read_bytes() for p in monitor.rglob("*") if p.is_file()}
    houder = subprocess.Popen(["flock", ".evaluatie.lock", "sleep", "30"], cwd=gebouwd)
    try:
        time.sleep(0.5)
        for opdracht in (["demo"], ["ophalen", "--geen-dvc"]):
            proc = subprocess.run([str(BIN / "evaluatie"), *opdracht], cwd=gebouwd,
                                  env={**omgeving(), "PYTHONPATH": str(gebouwd / "src")}, capture_output=True, text=True,
                                  check=False)
            assert proc.returncode == 1
            assert f"evaluatie {opdracht[0]} geweigerd" in proc.stderr and "Traceback" not in proc.stderr
    finally:
        houder.kill()
        houder.wait()
    assert {p.name: p.read_bytes() for p in monitor.rglob("*") if p.is_file()} == voor

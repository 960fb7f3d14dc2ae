"""Issue 9 (reliability): every bad input file is refused cleanly by the entry point a user runs.

Table-driven over tests/corpus/manifest.yaml. "Cleanly" means: the expected non-zero exit code,
a message that names the file and the place in it (row/column or key), no traceback (unless
--debug / EVALUATIE_DEBUG=1), and no output changed -- `inlezen --uit F` leaves F untouched, a
stage leaves data/processed/ and reports/ byte-identical (no stray files either). Awkward but
valid files (BOM, cp1252, decimal comma, CBS symbols) must be ACCEPTED with the right numbers.

Cases the code does not handle cleanly yet carry `defect:` in the manifest and run as
xfail(strict=True): they start failing loudly the day the fix lands, so the marker is removed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from conftest import BIN, ROOT, omgeving, pdf_tekst
from conftest import CORPUS

CORPUS = CORPUS
MANIFEST = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))["gevallen"]
EDITIE = "2021-2022"
NEGEER_BIJ_KOPIE = shutil.ignore_patterns(".venv", ".pytest_cache", ".hypothesis", "__pycache__")


def gevallen(*opdrachten: str) -> list:
    uit = []
    for geval in MANIFEST:
        if geval["opdracht"] not in opdrachten:
            continue
        marks = []
        if geval.get("defect"):
            marks.append(pytest.mark.xfail(strict=True, reason=" ".join(geval["defect"].split())))
        uit.append(pytest.param(geval, id=geval["id"], marks=marks))
    return uit


# --------------------------------------------------------------------------- helpers


def hashes(*mappen: Path) -> dict[str, str]:
    """sha256 of every file (hidden ones too) below the given folders."""
    uit = {}
    for map_ in mappen:
        if map_.exists():
            for pad in sorted(map_.rglob("*")):
                if pad.is_file():
                    uit[str(pad)] = hashlib.sha256(pad.read_bytes()).hexdigest()
    return uit


def controleer_melding(geval: dict, melding: str, naam: str) -> None:
    """The message names the file and the location (every `bevat` item; a list item = any of)."""
    assert naam in melding, f"bestandsnaam {naam!r} ontbreekt in de melding:\n{melding}"
    rest = melding.replace(naam, "")  # a location word must not be matched inside the file name
    for item in geval.get("bevat") or []:
        opties = item if isinstance(item, list) else [item]
        assert any(o in rest for o in opties), f"{opties!r} ontbreekt in de melding:\n{melding}"


def geen_pwned(*mappen: Path) -> None:
    for map_ in mappen:
        assert not (map_ / "pwned").exists(), f"code uit invoer is uitgevoerd: {map_ / 'pwned'}"


def cli(args: list[str]):
    from evaluatie.cli import app

    return CliRunner().invoke(app, args, catch_exceptions=True)


def is_schone_afwijzing(resultaat) -> None:
    """In-process: the command ended through typer.Exit / SystemExit, not an escaped exception."""
    exc = resultaat.exception
    if exc is not None and not isinstance(exc, SystemExit):
        import traceback

        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        raise AssertionError(f"geen nette afwijzing maar een uitzondering (traceback):\n{tb}")


def draai_proces(args: list[str], cwd: Path, timeout: float, debug: bool = False,
                 pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = omgeving()
    env["COLUMNS"] = "400"
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    if debug:
        env["EVALUATIE_DEBUG"] = "1"
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


# --------------------------------------------------------------------------- evaluatie inlezen


@pytest.mark.parametrize("geval", gevallen("inlezen"))
def test_inlezen(geval, tmp_path, monkeypatch):
    bron = CORPUS / geval["bestand"]
    werk = tmp_path / "invoer"
    werk.mkdir()
    pad = werk / bron.name
    shutil.copyfile(bron, pad)
    sidecar = bron.with_name(bron.name + ".bron.yaml")
    if sidecar.exists():
        shutil.copyfile(sidecar, werk / sidecar.name)
    uitmap = tmp_path / "uit"
    uitmap.mkdir()
    uit = uitmap / "metingen.csv"
    uit.write_bytes(b"OUDE INHOUD\n")
    monkeypatch.chdir(tmp_path)

    res = cli(["inlezen", str(pad), "--uit", str(uit)])

    is_schone_afwijzing(res)
    geen_pwned(tmp_path, werk, ROOT)
    assert sorted(p.name for p in uitmap.iterdir()) == ["metingen.csv"], "tijdelijk bestand achtergebleven"
    assert res.exit_code == geval["exit"], res.output
    if geval["exit"] != 0:
        assert "Traceback" not in res.output
        assert uit.read_bytes() == b"OUDE INHOUD\n", "--uit is aangeraakt bij een afgewezen bestand"
        controleer_melding(geval, res.stderr, geval.get("melding_noemt") or bron.name)
        return
    df = pd.read_csv(uit, dtype=str, keep_default_na=False)
    assert len(df) == geval["rijen"]
    assert set(df["bestand"]) == {bron.name}
    for verwacht in geval.get("metingen") or []:
        sleutel = {k: v for k, v in verwacht.items() if k in ("tabel", "veld", "gebied", "jaar")}
        kandidaten = df[(df[list(sleutel)] == pd.Series(sleutel)).all(axis=1)]
        assert len(kandidaten) == 1, f"geen unieke rij voor {sleutel}:\n{df}"
        rij = kandidaten.iloc[0]
        for k, v in verwacht.items():
            assert rij[k] == v, f"{sleutel}: {k} is {rij[k]!r}, verwacht {v!r}"


# --------------------------------------------------------------------------- evaluatie valideer


@pytest.mark.parametrize("geval", gevallen("valideer"))
def test_valideer(geval, tmp_path, monkeypatch):
    bron = CORPUS / geval["bestand"]
    map_ = tmp_path / "kader"
    map_.mkdir()
    shutil.copyfile(bron, map_ / bron.name)
    voor = hashes(map_)
    monkeypatch.chdir(tmp_path)

    if geval.get("proces"):
        try:
            res = draai_proces([str(BIN / "evaluatie"), "valideer", str(map_)], tmp_path, timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail("evaluatie valideer hangt (> 10 s) op een bestand van "
                        f"{bron.stat().st_size} bytes")
        uitvoer, code = res.stderr, res.returncode
        assert "Traceback" not in uitvoer
    else:
        res = cli(["valideer", str(map_)])
        is_schone_afwijzing(res)
        uitvoer, code = res.stderr, res.exit_code

    geen_pwned(tmp_path, map_, ROOT)
    assert code == geval["exit"], uitvoer
    assert hashes(map_) == voor and sorted(os.listdir(map_)) == [bron.name]
    controleer_melding(geval, uitvoer, bron.name)


# --------------------------------------------------------------------------- evaluatie nieuw-thema


@pytest.fixture
def klein_project(tmp_path) -> Path:
    """params.yaml and the Rijswijk kaders: all `nieuw-thema` needs."""
    root = tmp_path / "project"
    (root / "data" / "raw" / "kader").mkdir(parents=True)
    shutil.copyfile(ROOT / "params.yaml", root / "params.yaml")
    shutil.copyfile(ROOT / "dvc.yaml", root / "dvc.yaml")
    shutil.copytree(ROOT / "data" / "raw" / "kader" / "rijswijk", root / "data" / "raw" / "kader" / "rijswijk")
    return root


@pytest.mark.parametrize("geval", gevallen("nieuw-thema"))
def test_nieuw_thema(geval, klein_project, monkeypatch):
    plaats = geval.get("plaats")
    if geval.get("bestand"):
        shutil.copyfile(CORPUS / geval["bestand"], klein_project / plaats)
    voor = hashes(klein_project)
    monkeypatch.chdir(klein_project)

    res = cli(["nieuw-thema", *[a.replace("{plaats}", plaats or "") for a in geval["args"]]])

    is_schone_afwijzing(res)
    geen_pwned(klein_project, ROOT)
    assert res.exit_code == geval["exit"], res.output
    assert hashes(klein_project) == voor, "nieuw-thema heeft iets geschreven ondanks de fout"
    controleer_melding(geval, res.stderr, geval.get("melding_noemt") or Path(plaats).name)


# --------------------------------------------------------------------------- stages in a built copy


@pytest.fixture(scope="module")
def bouw(gebouwd, tmp_path_factory) -> Path:
    """A private copy of the built project (the shared one stays untouched)."""
    kopie = tmp_path_factory.mktemp("betrouwbaarheid") / "evaluatie"
    shutil.copytree(gebouwd, kopie, symlinks=True, ignore=NEGEER_BIJ_KOPIE)
    return kopie


def uitvoermappen(root: Path) -> tuple[Path, Path]:
    return root / "data" / "processed", root / "reports"


@pytest.mark.parametrize("geval", gevallen("stage"))
def test_stage(geval, bouw, tmp_path):
    doel = bouw / geval["plaats"]
    oud = doel.read_bytes() if doel.exists() else None
    reserve = tmp_path / "reserve"
    for map_ in uitvoermappen(bouw):
        shutil.copytree(map_, reserve / map_.name)
    voor = hashes(*uitvoermappen(bouw))
    doel.write_bytes((CORPUS / geval["bestand"]).read_bytes())
    try:
        res = draai_proces([sys.executable, "-m", f"evaluatie.stages.{geval['stage'][0]}", *geval["stage"][1:]],
                           bouw, timeout=180, pythonpath=bouw / "src")
        geen_pwned(bouw, ROOT)
        na = hashes(*uitvoermappen(bouw))
        teksten = {}
        if geval["exit"] == 0:
            for sleutel in {**(geval.get("wel_in") or {}), **(geval.get("niet_in") or {})}:
                teksten[sleutel] = (pdf_tekst(bouw / "reports" / EDITIE / "evaluatie.pdf").replace("-\n", "-")
                                    if sleutel == "pdf"
                                    else (bouw / sleutel).read_text(encoding="utf-8"))
    finally:
        if oud is None:
            doel.unlink()
        else:
            doel.write_bytes(oud)
        for map_ in uitvoermappen(bouw):
            shutil.rmtree(map_)
            shutil.copytree(reserve / map_.name, map_)

    assert res.returncode == geval["exit"], f"exit {res.returncode}\n{res.stderr[-3000:]}"
    assert "Traceback" not in res.stderr, res.stderr[-3000:]
    if geval["exit"] != 0:
        nieuw = sorted(set(na) - set(voor))
        veranderd = sorted(k for k in set(na) & set(voor) if na[k] != voor[k])
        assert not nieuw and not veranderd and set(voor) <= set(na), (
            f"uitvoer veranderd bij een afgewezen invoer: nieuw {nieuw}, veranderd {veranderd}")
        controleer_melding(geval, res.stderr, Path(geval["plaats"]).name)
        return
    for sleutel, woorden in (geval.get("wel_in") or {}).items():
        for woord in woorden:
            assert woord in teksten[sleutel], f"{woord!r} ontbreekt in {sleutel}"
    for sleutel, woorden in (geval.get("niet_in") or {}).items():
        for woord in woorden:
            assert woord not in teksten[sleutel], f"{woord!r} staat in {sleutel} (niet onschadelijk gemaakt)"


# --------------------------------------------------------------------------- --debug and size


def test_debug_toont_traceback(tmp_path):
    """Without --debug only 'fout: ...'; with --debug / EVALUATIE_DEBUG=1 the traceback."""
    pad = CORPUS / "monitor" / "percentage_boven_100.csv"
    gewoon = draai_proces([str(BIN / "evaluatie"), "inlezen", str(pad)], tmp_path, timeout=60)
    debug = draai_proces([str(BIN / "evaluatie"), "--debug", "inlezen", str(pad)], tmp_path, timeout=60)
    assert gewoon.returncode == 1 and "Traceback" not in gewoon.stderr
    assert gewoon.stderr.startswith("fout: ") and "rij 2, kolom 'waarde'" in gewoon.stderr
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr and "InvoerFout" in debug.stderr


def test_debug_stage_toont_traceback(tmp_path):
    """A stage refuses without traceback, and shows one with EVALUATIE_DEBUG=1."""
    root = tmp_path / "p"
    root.mkdir()
    (root / "params.yaml").write_bytes((CORPUS / "params" / "gemeentecode_fout.yaml").read_bytes())
    args = [sys.executable, "-m", "evaluatie.stages.voortgang"]
    gewoon = draai_proces(args, root, timeout=60, pythonpath=ROOT / "src")
    debug = draai_proces(args, root, timeout=60, debug=True, pythonpath=ROOT / "src")
    assert gewoon.returncode == 1 and "Traceback" not in gewoon.stderr
    assert "params.yaml (sleutel 'gemeente_code')" in gewoon.stderr
    assert debug.returncode != 0 and "Traceback" in debug.stderr and "InvoerFout" in debug.stderr


def test_te_groot_bestand_wordt_geweigerd(tmp_path):
    """A file far beyond any sane size is refused at once, without reading it into memory."""
    import resource

    pad = tmp_path / "te_groot.csv"
    with open(pad, "wb") as fh:  # sparse: 4 GiB on paper, a few bytes on disk
        fh.write(b"bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid\n")
        fh.truncate(4 * 1024**3)

    def begrens() -> None:  # never let the reader take the machine's memory
        resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))

    env = omgeving()
    res = subprocess.run([str(BIN / "evaluatie"), "inlezen", str(pad)], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=30, preexec_fn=begrens)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr, res.stderr[-1500:]
    assert "te_groot.csv" in res.stderr and "groot" in res.stderr.replace("te_groot", "")


def test_corpus_omvang():
    """The corpus covers every input the project reads, with at least 40 cases."""
    per_categorie: dict[str, int] = {}
    for geval in MANIFEST:
        per_categorie[geval["categorie"]] = per_categorie.get(geval["categorie"], 0) + 1
        if geval.get("bestand"):
            assert (CORPUS / geval["bestand"]).is_file(), geval["bestand"]
    assert len({g["id"] for g in MANIFEST}) == len(MANIFEST), "dubbele id in manifest.yaml"
    assert len(MANIFEST) >= 40
    assert {"goed", "monitor", "kader", "params", "baten", "tekst", "nieuw_thema"} <= set(per_categorie)
    gebruikt = {g["bestand"] for g in MANIFEST if g.get("bestand")}
    op_schijf = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*")
                 if p.is_file() and p.name != "manifest.yaml" and not p.name.endswith((".bron.yaml", ".py"))
                 and "__pycache__" not in p.parts}
    assert op_schijf <= gebruikt, f"corpusbestanden zonder geval: {sorted(op_schijf - gebruikt)}"

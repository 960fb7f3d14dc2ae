"""Shared fixtures: a temporary copy of the project in which the pipeline is built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "tests" / "corpus"
BIN = Path(sys.executable).parent
NEGEER = {".venv", "data/processed", "reports", ".dvc/cache", ".dvc/tmp", ".pytest_cache", ".hypothesis",
          "benchmarks/resultaten"}


#: Hypothesis profile of `make test-snel` (``--hypothesis-profile=snel``): a quarter of the examples.
#: `make test` (plain ``pytest``) keeps hypothesis's default profile, so every property test draws
#: its full count there. Registered here, before the hypothesis plugin loads the profile.
settings.register_profile("snel", max_examples=25)


def voorbeelden(aantal: int) -> int:
    """The number of examples for a property test that asks for ``aantal`` under the full profile.

    Scaled by the active profile's ``max_examples`` against hypothesis's default of 100: ``aantal``
    itself under the default profile (`make test`), a quarter of it (at least 10) under ``snel``
    (`make test-snel`). Call it in ``@settings(max_examples=...)``: test modules are imported after
    the profile is loaded."""
    schaal = settings.default.max_examples / 100
    return aantal if schaal >= 1 else max(10, round(aantal * schaal))


#: What a council report never shows: file paths, code, checksums (tests of the default and other editions).
RAAD_VERBODEN = ("data/raw", ".py", ".yaml", "seed", "sha256", "src/")


def kopieer_project(doel: Path) -> Path:
    """Copy the working tree (with .git, without outputs or caches) to ``doel``."""

    def negeer(map_: str, namen: list[str]) -> set[str]:
        rel = Path(map_).relative_to(ROOT)
        return {n for n in namen if (rel / n).as_posix().removeprefix("./") in NEGEER or n == "__pycache__"}

    shutil.copytree(ROOT, doel, ignore=negeer, symlinks=True)
    # a copy of a git worktree has a `.git` file pointing at the developer's own index: DVC must not
    # stage dvc.lock there
    (doel / ".dvc" / "config.local").write_text("[core]\n    autostage = false\n", encoding="utf-8")
    return doel


def omgeving() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env.pop("EVALUATIE_DEBUG", None)
    return env


def draai(args: list[str], cwd: Path, check: bool = True, extra_env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess:
    env = omgeving()
    env["PYTHONPATH"] = str(Path(cwd) / "src")  # run the copy's code, which DVC also hashes
    env.update(extra_env or {})
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} faalde ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def dvc_repro(cwd: Path, *extra: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return draai([str(BIN / "dvc"), "repro", *extra], cwd, extra_env=extra_env)


def met_openlog(kopie: Path) -> dict[str, str]:
    """Environment that makes every stage of a build in ``kopie`` log the files it opens
    (tests/hulp/sitecustomize.py) into ``<kopie>/../openlog``."""
    logmap = kopie.parent / "openlog"
    logmap.mkdir(exist_ok=True)
    return {"EVALUATIE_OPENLOG": str(logmap),
            "PYTHONPATH": f"{kopie / 'src'}{os.pathsep}{ROOT / 'tests' / 'hulp'}"}


def pdf_tekst(pad: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(pagina.extract_text() or "" for pagina in PdfReader(pad).pages)


@pytest.fixture(scope="session")
def gebouwd(tmp_path_factory) -> Path:
    """The default (Rijswijk) edition, built once per test session in a temporary copy."""
    kopie = kopieer_project(tmp_path_factory.mktemp("bouw") / "evaluatie")
    dvc_repro(kopie, extra_env=met_openlog(kopie))
    return kopie
